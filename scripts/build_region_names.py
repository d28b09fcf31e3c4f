"""Build ``data/region_names.csv``: every region's name in en, zh (simplified), ko and ja.

Why a script: the names are derived data with three kinds of provenance, and the build must
be reproducible byte for byte (a test re-runs it) and say where each name came from:

1. English: the boundary file's ``name_en``; the region's own language: its ``name_local``
   (simplified Chinese for China, Taiwan's context shape included; Korean; Japanese).
2. Another language: pycountry's ISO 3166-2 gettext catalogue where it has a translation
   (only Chinese names of Japanese prefectures; Taiwan, a country there, uses the
   ISO 3166-1 catalogue's common name).
3. Everything else is curated below, each group with the reference it was checked against
   (stored copies of public pages, searched 2026-11-29). Where pycountry is wrong the fix is a
   ``CORRECTIONS`` entry recording pycountry's text, and the build stops if pycountry changes.

Conventions, applied to whole languages: full official names with the type of division
(北京市 / 베이징시 / ソウル特別市, 東京都 / 도쿄도, 香港特别行政区); Korean transcribes Chinese
and Japanese names in Hangul by the National Institute of Korean Language's rules as
Korean Wikipedia and Namu Wiki use them, attaching 성/시/현/부/도 and spacing multi-word
types (광시 좡족 자치구); its two 산시성 are told apart with their Sino-Korean readings as
Namu Wiki does, so Korean stays all Hangul. Japanese writes Chinese names in shinjitai
kanji with katakana for the minorities' names (広西チワン族自治区), Korean ones in kanji,
and Seoul, which has no kanji, as ソウル特別市.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import json
import sys
from collections import Counter
from pathlib import Path

import pycountry

from components.core.data.columns import RegionCol
from components.core.data.dataset import CONTEXT_REGION_ID, DEFAULT_REGIONS_PATH
from components.core.data.region_names import CSV_COLUMNS, DEFAULT_REGION_NAMES_PATH, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PYCOUNTRY_VERSION = importlib.metadata.version("pycountry")
PYCOUNTRY_LOCALES = {"zh": "zh_CN", "ko": "ko", "ja": "ja"}
#: The language of each country's ``name_local`` in the boundary file (Taiwan's is 台湾).
LOCAL_LANGUAGE = {"CN": "zh", "KR": "ko", "JP": "ja", "TW": "zh"}

SOURCE_EN = "boundary file name_en"
SOURCE_LOCAL = "boundary file name_local"

REF_KO_CHINA = ("Namu Wiki navbox of China's province-level divisions, on its article 광둥성 "
                "(stored copy https://m.mir.pe/wiki/광둥성)")
REF_KO_INNER_MONGOLIA = ("Korean Wikipedia https://ko.wikipedia.org/wiki/내몽골_자치구 (네이멍구 redirects there) "
                         "and the Namu Wiki navbox")
REF_KO_SHANXI = "Namu Wiki article 산시성(산서성) (stored copy https://readonly.wiki/w/산시성(산서성))"
REF_KO_SHAANXI = "Namu Wiki article 산시성(섬서성) (stored copy https://readonly.wiki/w/산시성(섬서성))"
REF_KO_JAPAN = ("Korean Wikipedia https://ko.wikipedia.org/wiki/시정촌, table of municipalities by prefecture "
                "(Ministry of Internal Affairs, March 2023)")
REF_KO_KYUSHU = "Namu Wiki navbox on its article 도도부현 (stored copy https://namu.moe/w/도도부현)"
REF_JA_CHINA = "China Internet Information Center (Japanese), 行政区画制度 http://japanese.china.org.cn/japanese/136560.htm"
REF_JA_INNER_MONGOLIA = "Japanese Wikipedia https://ja.wikipedia.org/wiki/内モンゴル自治区"
REF_JA_HONG_KONG = "Ministry of Foreign Affairs of Japan, 香港 基礎データ https://www.mofa.go.jp/mofaj/area/hongkong/data.html"
REF_JA_MACAO = "Japanese Wikipedia https://ja.wikipedia.org/wiki/マカオ (正式名称 中華人民共和国マカオ特別行政区)"
REF_JA_KOREA = "Japanese Wikipedia https://ja.wikipedia.org/wiki/大韓民国の地方行政区画, 第一級行政区画 table"
REF_ZH_KOREA = "Chinese Wikipedia https://zh.wikipedia.org/zh-my/韩国行政区划, 广域地方自治团体"
REF_ZH_NIIGATA = "Chinese Wikipedia 新潟县, which notes 新泻 as a common mis-writing (https://zh.wikipedia.org/wiki/新潟县)"
REF_KO_TAIWAN = ("Namu Wiki, whose article on Taiwan is titled 대만 (its subpage 대만/외교, stored copy "
                 "https://mir.pe/wiki/%EB%8C%80%EB%A7%8C/%EC%99%B8%EA%B5%90); 대만 is also the interface's own word "
                 "(footer.boundaries), so the map and its footer agree")
REF_ZH_SAITAMA = "Baidu Baike 埼玉县, which also writes 栃木县 (stored copy http://link.sov5.org/l/tQErOq7pL4)"

#: (language, reference, {region_id: name}); every group was checked against its reference.
CURATED_GROUPS = (
    ("ko", REF_KO_CHINA, {
        "CN-AH": "안후이성", "CN-BJ": "베이징시", "CN-CQ": "충칭시", "CN-FJ": "푸젠성", "CN-GD": "광둥성",
        "CN-GS": "간쑤성", "CN-GX": "광시 좡족 자치구", "CN-GZ": "구이저우성", "CN-HA": "허난성",
        "CN-HB": "후베이성", "CN-HE": "허베이성", "CN-HI": "하이난성", "CN-HK": "홍콩 특별행정구",
        "CN-HL": "헤이룽장성", "CN-HN": "후난성", "CN-JL": "지린성", "CN-JS": "장쑤성", "CN-JX": "장시성",
        "CN-LN": "랴오닝성", "CN-MO": "마카오 특별행정구", "CN-NX": "닝샤 후이족 자치구", "CN-QH": "칭하이성",
        "CN-SC": "쓰촨성", "CN-SD": "산둥성", "CN-SH": "상하이시", "CN-TJ": "톈진시",
        "CN-XJ": "신장 위구르 자치구", "CN-XZ": "티베트 자치구", "CN-YN": "윈난성", "CN-ZJ": "저장성",
    }),
    ("ko", REF_KO_INNER_MONGOLIA, {"CN-NM": "내몽골 자치구"}),
    ("ko", REF_KO_SHANXI, {"CN-SX": "산시성(산서성)"}),
    ("ko", REF_KO_SHAANXI, {"CN-SN": "산시성(섬서성)"}),
    ("ko", REF_KO_JAPAN, {
        "JP-01": "홋카이도", "JP-02": "아오모리현", "JP-03": "이와테현", "JP-04": "미야기현", "JP-05": "아키타현",
        "JP-06": "야마가타현", "JP-07": "후쿠시마현", "JP-08": "이바라키현", "JP-09": "도치기현", "JP-10": "군마현",
        "JP-11": "사이타마현", "JP-12": "지바현", "JP-13": "도쿄도", "JP-14": "가나가와현", "JP-15": "니가타현",
        "JP-16": "도야마현", "JP-17": "이시카와현", "JP-18": "후쿠이현", "JP-19": "야마나시현", "JP-20": "나가노현",
        "JP-21": "기후현", "JP-22": "시즈오카현", "JP-23": "아이치현", "JP-24": "미에현", "JP-25": "시가현",
        "JP-26": "교토부", "JP-27": "오사카부", "JP-28": "효고현", "JP-29": "나라현", "JP-30": "와카야마현",
        "JP-31": "돗토리현", "JP-32": "시마네현", "JP-33": "오카야마현", "JP-34": "히로시마현", "JP-35": "야마구치현",
        "JP-36": "도쿠시마현", "JP-37": "가가와현", "JP-38": "에히메현", "JP-39": "고치현", "JP-40": "후쿠오카현",
        "JP-41": "사가현",
    }),
    ("ko", REF_KO_KYUSHU, {
        "JP-42": "나가사키현", "JP-43": "구마모토현", "JP-44": "오이타현", "JP-45": "미야자키현",
        "JP-46": "가고시마현", "JP-47": "오키나와현",
    }),
    ("ja", REF_JA_CHINA, {
        "CN-AH": "安徽省", "CN-BJ": "北京市", "CN-CQ": "重慶市", "CN-FJ": "福建省", "CN-GD": "広東省",
        "CN-GS": "甘粛省", "CN-GX": "広西チワン族自治区", "CN-GZ": "貴州省", "CN-HA": "河南省", "CN-HB": "湖北省",
        "CN-HE": "河北省", "CN-HI": "海南省", "CN-HL": "黒竜江省", "CN-HN": "湖南省", "CN-JL": "吉林省",
        "CN-JS": "江蘇省", "CN-JX": "江西省", "CN-LN": "遼寧省", "CN-NX": "寧夏回族自治区", "CN-QH": "青海省",
        "CN-SC": "四川省", "CN-SD": "山東省", "CN-SH": "上海市", "CN-SN": "陝西省", "CN-SX": "山西省",
        "CN-TJ": "天津市", "CN-XJ": "新疆ウイグル自治区", "CN-XZ": "チベット自治区", "CN-YN": "雲南省",
        "CN-ZJ": "浙江省",
    }),
    ("ja", REF_JA_INNER_MONGOLIA, {"CN-NM": "内モンゴル自治区"}),
    ("ja", REF_JA_HONG_KONG, {"CN-HK": "香港特別行政区"}),
    ("ja", REF_JA_MACAO, {"CN-MO": "マカオ特別行政区"}),
    ("ja", REF_JA_KOREA, {
        "KR-11": "ソウル特別市", "KR-26": "釜山広域市", "KR-27": "大邱広域市", "KR-28": "仁川広域市",
        "KR-29": "光州広域市", "KR-30": "大田広域市", "KR-31": "蔚山広域市", "KR-41": "京畿道",
        "KR-42": "江原特別自治道", "KR-43": "忠清北道", "KR-44": "忠清南道", "KR-45": "全北特別自治道",
        "KR-46": "全羅南道", "KR-47": "慶尚北道", "KR-48": "慶尚南道", "KR-49": "済州特別自治道",
        "KR-50": "世宗特別自治市",
    }),
    ("zh", REF_ZH_KOREA, {
        "KR-11": "首尔特别市", "KR-26": "釜山广域市", "KR-27": "大邱广域市", "KR-28": "仁川广域市",
        "KR-29": "光州广域市", "KR-30": "大田广域市", "KR-31": "蔚山广域市", "KR-41": "京畿道",
        "KR-42": "江原特别自治道", "KR-43": "忠清北道", "KR-44": "忠清南道", "KR-45": "全北特别自治道",
        "KR-46": "全罗南道", "KR-47": "庆尚北道", "KR-48": "庆尚南道", "KR-49": "济州特别自治道",
        "KR-50": "世宗特别自治市",
    }),
)

#: (region_id, language) -> (what pycountry says, the right name, reference).
CORRECTIONS = {
    ("JP-09", "zh"): ("枥木县", "栃木县", REF_ZH_SAITAMA),
    ("JP-11", "zh"): ("琦玉县", "埼玉县", REF_ZH_SAITAMA),
    ("JP-15", "zh"): ("新泻县", "新潟县", REF_ZH_NIIGATA),
    ("TW", "ko"): ("타이완", "대만", REF_KO_TAIWAN),
}


class BuildError(Exception):
    """The names cannot be built as they stand; the message says which region and language."""


def curated_table() -> dict[tuple[str, str], tuple[str, str]]:
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for lang, reference, names in CURATED_GROUPS:
        for region_id, name in names.items():
            if (region_id, lang) in table or (region_id, lang) in CORRECTIONS:
                raise BuildError(f"{region_id}: curated twice in {lang}")
            table[region_id, lang] = (name, f"curated: {reference}")
    return table


class Pycountry:
    """pycountry's gettext catalogues; ``None`` where a name is left untranslated."""

    def __init__(self) -> None:
        self.catalogues = {
            (domain, lang): gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
            for domain in ("iso3166-1", "iso3166-2") for lang, locale in PYCOUNTRY_LOCALES.items()
        }

    def name(self, region_id: str, lang: str) -> tuple[str, str] | None:
        if region_id == CONTEXT_REGION_ID:
            domain, english = "iso3166-1", pycountry.countries.get(alpha_2=region_id).common_name
            field = " (common_name)"
        else:
            domain, english, field = "iso3166-2", pycountry.subdivisions.get(code=region_id).name, ""
        translated = self.catalogues[domain, lang].gettext(english)
        if translated == english:
            return None
        return translated, f"pycountry {PYCOUNTRY_VERSION} {domain} {PYCOUNTRY_LOCALES[lang]}{field}"


def name_for(region: dict, lang: str, curated: dict, catalogue: Pycountry) -> tuple[str, str]:
    region_id = region[RegionCol.REGION_ID]
    if lang == "en":
        return region[RegionCol.NAME_EN], SOURCE_EN
    if LOCAL_LANGUAGE[region[RegionCol.COUNTRY]] == lang:
        return region[RegionCol.NAME_LOCAL], SOURCE_LOCAL
    from_pycountry = catalogue.name(region_id, lang)
    if (region_id, lang) in CORRECTIONS:
        wrong, right, reference = CORRECTIONS[region_id, lang]
        if from_pycountry is None or from_pycountry[0] != wrong:
            raise BuildError(f"{region_id}: pycountry {PYCOUNTRY_VERSION} now gives {from_pycountry} in {lang}, "
                             f"not {wrong}; review the correction to {right}")
        return right, f"curated: {reference}; corrects {from_pycountry[1]}: {wrong}"
    if (region_id, lang) in curated:
        if from_pycountry is not None:
            raise BuildError(f"{region_id}: pycountry has {from_pycountry[0]} in {lang}; use it or list a correction")
        return curated[region_id, lang]
    if from_pycountry is None:
        raise BuildError(f"{region_id}: no {lang} name in the boundary file, pycountry {PYCOUNTRY_VERSION} "
                         f"or the curated table; add it to CURATED_GROUPS with its reference")
    return from_pycountry


def read_regions(path: Path) -> list[dict]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return sorted((f["properties"] for f in features), key=lambda p: p[RegionCol.REGION_ID])


def build_rows(regions: list[dict]) -> list[dict[str, str]]:
    curated, catalogue = curated_table(), Pycountry()
    unknown = sorted({r for r, _ in [*curated, *CORRECTIONS]} - {r[RegionCol.REGION_ID] for r in regions})
    if unknown:
        raise BuildError(f"names given for regions not in the boundary file: {', '.join(unknown)}")
    rows = []
    for region in regions:
        row = {RegionCol.REGION_ID: region[RegionCol.REGION_ID]}
        for lang in LANGUAGES:
            row[lang], row[f"source_{lang}"] = name_for(region, lang, curated, catalogue)
        rows.append(row)
    for lang in LANGUAGES:
        repeated = [name for name, n in Counter(row[lang] for row in rows).items() if n > 1]
        if repeated:
            raise BuildError(f"{lang} names repeat: {', '.join(repeated)}")
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def summary(rows: list[dict[str, str]]) -> str:
    parts = []
    for lang in LANGUAGES:
        kinds = Counter(row[f"source_{lang}"].split(" ")[0].rstrip(":") for row in rows)
        parts.append(f"{lang}: " + ", ".join(f"{kinds[k]} {k}" for k in sorted(kinds)))
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_region_names", description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=Path, default=DEFAULT_REGIONS_PATH, help="boundary file (GeoJSON)")
    parser.add_argument("--out", type=Path, default=DEFAULT_REGION_NAMES_PATH, help="CSV to write")
    args = parser.parse_args(argv)
    try:
        rows = build_rows(read_regions(args.regions))
    except BuildError as error:
        print(f"build_region_names: error: {error}", file=sys.stderr)
        return 1
    write_csv(rows, args.out)
    print(f"wrote {args.out}: {len(rows)} regions ({summary(rows)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
