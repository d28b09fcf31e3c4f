"""The region dossier (``/dossier/<REGION>``): what the page says, its citations, its errors, its escaping."""

from __future__ import annotations

import html
import re

import pytest
from pybtex.database import parse_string

from components import dossier as dossier_route
from components.core.data import citation
from components.core.briefing import dossier
from components.core import i18n
from components.core.data.columns import Col
from components.core.data.coverage import read_and_validate_coverage
from components.core.data.dataset import DATA_DIR, load_dataset
from components.core.view.metrics import country_totals
from tests.conftest import SMALL_ROWS, write_csv

from .conftest import PNG_1PX

HOSTILE = '<img src=x onerror="alert(1)">&<script>alert(2)</script>'


def page_text(body: bytes) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def coverage(bundled):
    return read_and_validate_coverage(DATA_DIR / "coverage.csv", set(bundled.regions.index), actions=bundled.actions)


def render(dataset, code, coverage=None, lang="en", picture=PNG_1PX):
    with i18n.use(lang):
        facts = dossier.dossier_facts(dataset, code, coverage)
        return facts, dossier.dossier_html(dataset, facts, picture, f"http://atlas.test/dossier/{facts.region_id}?lang={lang}",
                                           "2026-11-29", "http://atlas.test/")


def test_the_counts_are_the_region_s_and_its_country_s(bundled, coverage):
    facts, _ = render(bundled, "cn-zj", coverage)
    actions = bundled.actions
    mine = actions[actions[Col.REGION_ID] == "CN-ZJ"]
    totals = country_totals(actions).loc["CN"]
    rows = {c.key: (c.region, c.country) for c in facts.counts}
    assert rows["dossier.row.actions"] == (str(len(mine)), f"{totals['sub_national']:,}")
    assert rows["dossier.row.national"] == ("–", str(totals["national"]))
    assert rows["dossier.row.plans"][0] == str(int(mine[Col.DEDICATED_PLAN].sum()))
    assert sum(int(rows[f"vocab.levels.{lv}"][0]) for lv in dossier.SUB_LEVELS) == len(mine)
    assert facts.acted == totals["regions"] and facts.total == 33
    per_region = actions[actions[Col.COUNTRY].eq("CN") & actions[Col.LEVEL].ne("national")].groupby(Col.REGION_ID).size()
    assert facts.rank == 1 + int((per_region > len(mine)).sum())
    assert facts.tied == (int((per_region == len(mine)).sum()) > 1)


def test_the_page_lists_every_action_with_date_issuer_kind_verification_and_source(bundled, coverage):
    facts, body = render(bundled, "KR-11", coverage)
    page = body.decode()
    mine = bundled.actions[bundled.actions[Col.REGION_ID] == "KR-11"]
    assert len(mine) >= 4
    rows = re.findall(r'<tr data-action-id="([^"]+)">(.*?)</tr>', page, flags=re.S)
    assert [r[0] for r in rows] == list(mine[Col.ACTION_ID]), "every action, by date"
    for (_, cells), (_, action) in zip(rows, mine.iterrows()):
        text = page_text(cells.encode())
        assert action[Col.DATE_LABEL] in text
        assert html.unescape(html.escape(action[Col.ISSUER])) in text
        assert i18n.label("types", action[Col.ACTION_TYPE]) in text
        assert action[Col.VERIFICATION] in text
        if action[Col.SOURCE_URL]:
            assert f'href="{html.escape(action[Col.SOURCE_URL])}"' in cells
    text = page_text(body)
    assert "Region dossier: Seoul" in text
    searched = coverage.set_index("region_id").at["KR-11", "searched_on"]
    assert f"searched on {searched}" in text and f"up to {bundled.collected_to}" in text
    assert f"(Version {bundled.version}) [Dataset]" in text, "the APA citation of the dataset version"
    assert 'src="data:image/png;base64,' in page, "the map is inline, nothing is fetched"
    assert not re.search(r'<(img|script|link)[^>]+(src|href)="(https?:)?//', page), "no outside resource"


def test_own_plans_are_the_region_s_dedicated_plans(bundled):
    facts, body = render(bundled, "CN-SH")
    plans = bundled.actions[(bundled.actions[Col.REGION_ID] == "CN-SH") & bundled.actions[Col.DEDICATED_PLAN]]
    assert list(facts.plans[Col.ACTION_ID]) == list(plans[Col.ACTION_ID]) and len(plans) >= 1
    section = body.decode().split('id="dossier-plans"')[1].split("</ul>")[0]
    for title in plans[Col.TITLE]:
        assert html.escape(title) in section


def test_a_region_with_no_action_says_so_and_where_it_was_searched(bundled, coverage):
    facts, body = render(bundled, "CN-YN", coverage)
    text = page_text(body)
    assert facts.rank == 0 and len(facts.actions) == 0
    assert "No action of this region is in the dataset." in text
    assert "This region has no action in the data; 24 of 33 provinces have acted." in text
    searched = coverage.set_index("region_id").at["CN-YN", "searched_on"]
    assert f"searched on {searched}" in text and "What was searched:" in text


@pytest.mark.parametrize("lang, words", [("zh", "地区档案：浙江省"), ("ko", "지역 자료집: 저장성"), ("ja", "地域ドシエ：浙江省"),
                                         ("en", "Region dossier: Zhejiang")])
def test_the_page_speaks_the_language_asked_for(bundled, coverage, lang, words):
    _, body = render(bundled, "CN-ZJ", coverage, lang)
    page = body.decode()
    assert f'<html lang="{i18n.HTML_LANG[lang]}">' in page
    assert words in page_text(body)
    with i18n.use(lang):
        for key in ("dossier.counts", "dossier.timeline", "dossier.coverage", "dossier.cite"):
            assert i18n.text(key) in page


def test_hostile_text_in_the_data_is_shown_as_text(tmp_path):
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    rows = [row.replace("Metaverse Seoul Basic Plan", quoted).replace("Seoul Metropolitan Government", quoted)
            for row in SMALL_ROWS]
    data = load_dataset(write_csv(tmp_path / "hostile.csv", rows))
    assert HOSTILE in set(data.actions[Col.ISSUER])
    _, body = render(data, "KR-11")
    page = body.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert html.escape(HOSTILE) in page
    assert HOSTILE in page_text(body)


def test_an_unknown_region_is_refused():
    data = load_dataset()
    for code in ("XX-99", "", "TW", "../etc"):
        with pytest.raises(dossier.UnknownRegion):
            dossier.region_code(data, code)
    assert dossier.region_code(data, " cn-zj ") == "CN-ZJ"


def test_the_citations_come_from_the_formatters_and_read_back():
    link = "http://atlas.test/dossier/CN-ZJ?lang=en"
    apa = citation.apa("2027.1.0", "2026-11-29", link, "Region dossier: Zhejiang")
    assert apa["dataset"] == ("Metaverse Policy Atlas contributors. (2026). Metaverse Policy Atlas: metaverse policy actions "
                              "of governments in China, South Korea and Japan (Version 2027.1.0) [Dataset].")
    assert apa["page"].startswith("Metaverse Policy Atlas contributors. (2026). Region dossier: Zhejiang. ")
    assert apa["page"].endswith(f"(Version 2027.1.0) [Dataset]. {link}")
    bib = parse_string(citation.bibtex("2027.1.0", "2026-11-29", link, "Region {dossier}: 50% & Zhejiang"), "bibtex")
    dataset, page = bib.entries.values()
    assert dataset.fields["version"] == "2027.1.0" and dataset.fields["year"] == "2026"
    assert page.fields["url"] == link
    assert page.fields["title"].startswith("{Region (dossier): 50\\% \\& Zhejiang. Metaverse Policy Atlas")
    assert str(page.persons["author"][0]) == "{Metaverse Policy Atlas contributors}"


# ---- over HTTP --------------------------------------------------------------------------------------

def test_the_route_answers_the_page_in_the_query_s_language(small_client, no_chromium):
    answer = small_client.get("/dossier/cn-sh?lang=ja")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    text = page_text(answer.data)
    assert "地域ドシエ：上海市" in text and "http://localhost/dossier/CN-SH?lang=ja" in text
    assert "Content-Disposition" not in answer.headers
    assert 'id="dossier-print"' in answer.data.decode() and "/assets/atlas-dossier.js" in answer.data.decode()


def test_the_download_is_the_page_as_a_file_without_its_buttons(small_client, no_chromium):
    answer = small_client.get("/dossier/KR-11?lang=ko&download=1")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == 'attachment; filename="metaverse-policy-dossier_KR-11_vtest_ko.html"'
    page = answer.data.decode()
    assert 'id="dossier-print"' not in page and "<script" not in page
    assert "지역 자료집" in page


@pytest.mark.parametrize("path", ["/dossier/XX-99?lang=zh", "/dossier/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                                  "/dossier/" + "A" * 3000])
def test_an_unknown_region_is_a_404_page_not_a_traceback(small_client, path):
    answer = small_client.get(path)
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    page = answer.data.decode()
    assert "Traceback" not in page and "<script>alert" not in page
    if "zh" in path:
        assert "没有这个地区" in page and "XX-99" in page
    else:
        assert "No such region" in page


def test_the_real_map_picture_is_the_briefing_s_map(bundled):
    """Draws with Chromium, as the page does (a few seconds)."""
    from tests.conftest import CHROMIUM

    if not CHROMIUM:
        pytest.skip("no Chromium to render with")
    from components.core.view.dots import dot_layout

    png = dossier.map_png(bundled, "JP-13", dot_layout(bundled))
    assert png[:8] == PNG_1PX[:8]
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (round(dossier.MAP_PX[0] * dossier.MAP_SCALE), round(dossier.MAP_PX[1] * dossier.MAP_SCALE))
    assert dossier_route.file_name("JP-13", "1", "en") == "metaverse-policy-dossier_JP-13_v1_en.html"
