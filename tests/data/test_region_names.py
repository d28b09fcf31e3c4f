"""Data tests of data/region_names.csv, its build script and the loader the app calls.

What a reader sees: every region named in English, simplified Chinese, Korean and
Japanese, in that language's script and forms, never blank and never two regions under
one name; and the file records where each name came from and rebuilds byte for byte.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import re

import pytest

from components.core.data.dataset import DEFAULT_REGIONS_PATH
from components.core.data.region_names import DEFAULT_REGION_NAMES_PATH, region_names
from scripts import build_region_names as brn

LANGS = ("en", "zh", "ko", "ja")
LOCAL_LANGUAGE = {"CN": "zh", "KR": "ko", "JP": "ja"}
HAN = "\u4e00-\u9fff"
SCRIPT = {
    "en": re.compile(r"[A-Za-z][A-Za-z ()'-]*"),
    "zh": re.compile(f"[{HAN}]+"),
    # Korean stays all Hangul: even the two 산시성 are told apart in Hangul.
    "ko": re.compile(r"[\uac00-\ud7a3][\uac00-\ud7a3 ()]*"),
    # Kanji with kana (katakana for ソウル, チワン, マカオ; the long-vowel mark included).
    "ja": re.compile(f"[{HAN}\u3041-\u3096\u30a1-\u30fa\u30fc]+"),
}
#: Traditional or Japanese forms of characters these names use, which a simplified-Chinese
#: reader should not see (县 not 県/縣, 东 not 東, 广 not 広/廣, 门 not 門 ...).
NOT_SIMPLIFIED = set("県縣東広廣區門島兒児爾慶羅濟済岡鳥長別龍竜陝肅粛寧雲貴蘇遼黒灣臺")
#: Simplified-Chinese forms, and traditional forms that Japanese writes in shinjitai.
NOT_JAPANESE = set("县东广门岛儿尔庆罗济冈鸟长别龙陕肃宁云贵苏辽") | set("縣廣區黑龍濟兒臺")


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    with DEFAULT_REGION_NAMES_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["region_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def boundary() -> dict[str, dict]:
    features = json.loads(DEFAULT_REGIONS_PATH.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["region_id"]: f["properties"] for f in features}


def test_one_row_per_region_of_the_boundary_file_taiwan_included(rows, boundary):
    assert set(rows) == set(boundary)
    assert len(rows) == 97 + 1


@pytest.mark.parametrize("lang", LANGS)
def test_every_region_is_named_in_that_languages_script(rows, lang):
    wrong = {rid: row[lang] for rid, row in rows.items() if not SCRIPT[lang].fullmatch(row[lang])}
    assert not wrong


def test_chinese_names_use_simplified_forms(rows):
    assert {rid: row["zh"] for rid, row in rows.items() if NOT_SIMPLIFIED & set(row["zh"])} == {}
    assert rows["CN-HK"]["zh"] == "香港特别行政区"
    assert rows["CN-MO"]["zh"] == "澳门特别行政区"


def test_japanese_names_use_shinjitai_not_chinese_forms(rows):
    assert {rid: row["ja"] for rid, row in rows.items() if NOT_JAPANESE & set(row["ja"])} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_regions_share_a_name(rows, lang):
    names = [row[lang] for row in rows.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("lang, region_id, accepted", [
    ("ja", "CN-BJ", {"北京市"}),
    ("ja", "KR-11", {"ソウル特別市", "ソウル"}),
    ("ja", "CN-GD", {"広東省"}),
    ("ja", "KR-26", {"釜山広域市"}),
    ("ja", "KR-41", {"京畿道"}),
    ("ko", "CN-BJ", {"베이징", "베이징시"}),
    ("ko", "JP-13", {"도쿄", "도쿄도"}),
    ("ko", "CN-GD", {"광둥성"}),
    ("ko", "JP-27", {"오사카부"}),
    ("zh", "KR-11", {"首尔特别市"}),
    ("zh", "KR-26", {"釜山广域市"}),
    ("zh", "KR-41", {"京畿道"}),
    ("zh", "JP-13", {"东京都"}),
    ("zh", "JP-27", {"大阪府"}),
    ("en", "JP-13", {"Tokyo"}),
])
def test_the_issues_examples(rows, lang, region_id, accepted):
    assert rows[region_id][lang] in accepted


def test_korean_names_of_chinese_provinces_all_carry_the_type(rows):
    chinese = [row["ko"] for rid, row in rows.items() if rid.startswith("CN-")]
    assert all(re.search(r"(성|시|자치구|특별행정구)(\(.+\))?$", name) for name in chinese), chinese


def test_pycountrys_chinese_misspellings_of_japanese_prefectures_are_corrected(rows):
    assert [rows[r]["zh"] for r in ("JP-09", "JP-11", "JP-15")] == ["栃木县", "埼玉县", "新潟县"]
    assert all("corrects pycountry" in rows[r]["source_zh"] for r in ("JP-09", "JP-11", "JP-15"))


def test_english_and_own_language_names_are_the_boundary_files(rows, boundary):
    for rid, props in boundary.items():
        assert (rows[rid]["en"], rows[rid]["source_en"]) == (props["name_en"], "boundary file name_en")
        lang = LOCAL_LANGUAGE.get(props["country"], "zh")
        assert (rows[rid][lang], rows[rid][f"source_{lang}"]) == (props["name_local"], "boundary file name_local")


@pytest.mark.parametrize("lang", LANGS)
def test_every_name_says_where_it_came_from(rows, lang):
    for rid, row in rows.items():
        source = row[f"source_{lang}"]
        assert source.startswith(("boundary file name_", f"pycountry {importlib.metadata.version('pycountry')} iso3166-", "curated: ")), (rid, source)
        if source.startswith("curated"):
            assert "http" in source and "unchecked" not in source, (rid, source)


def test_the_build_reproduces_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "region_names.csv"
    assert brn.main(["--out", str(out)]) == 0
    assert out.read_bytes() == DEFAULT_REGION_NAMES_PATH.read_bytes()


def test_the_build_refuses_a_region_it_cannot_name(tmp_path, monkeypatch, capsys):
    groups = [(lang, ref, {r: n for r, n in names.items() if (r, lang) != ("KR-11", "ja")})
              for lang, ref, names in brn.CURATED_GROUPS]
    monkeypatch.setattr(brn, "CURATED_GROUPS", tuple(groups))
    out = tmp_path / "region_names.csv"
    assert brn.main(["--out", str(out)]) == 1
    assert "KR-11: no ja name" in capsys.readouterr().err
    assert not out.exists()


def test_the_build_refuses_a_curated_name_where_pycountry_has_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(brn, "CURATED_GROUPS", (*brn.CURATED_GROUPS, ("zh", "https://example.org", {"JP-13": "东京"})))
    assert brn.main(["--out", str(tmp_path / "x.csv")]) == 1
    assert "JP-13: pycountry has 东京都 in zh" in capsys.readouterr().err


def test_loader_gives_each_language_and_english_for_others():
    assert region_names("ja")["CN-BJ"] == "北京市"
    assert region_names("ko-KR")["JP-13"] == "도쿄도"
    assert region_names("zh-Hans-CN")["KR-11"] == "首尔特别市"
    assert region_names("fr")["KR-11"] == region_names("en")["KR-11"] == "Seoul"
    assert region_names(None)["TW"] == "Taiwan"
    assert len(region_names("ja")) == 98


def test_loader_falls_back_to_english_for_an_empty_cell(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("region_id,en,zh,ko,ja,source_en,source_zh,source_ko,source_ja\n"
                    "KR-11,Seoul,首尔特别市,서울특별시,,a,b,c,\n", encoding="utf-8")
    assert region_names("ja", path) == {"KR-11": "Seoul"}
    assert region_names("ko", path) == {"KR-11": "서울특별시"}


@pytest.mark.parametrize("text, message", [
    ("region_id,en,zh,ko\nKR-11,Seoul,首尔特别市,서울특별시\n", "missing column(s) ja, source_en"),
    ("region_id,en,zh,ko,ja,source_en,source_zh,source_ko,source_ja\nKR-11,a,b,c,d,e,f,g,h\nKR-11,a,b,c,d,e,f,g,h\n",
     "row 3: column region_id repeats 'KR-11'"),
])
def test_loader_names_what_is_wrong_with_a_bad_file(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        region_names("en", path)
