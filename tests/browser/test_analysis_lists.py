"""The Analysis tab's lists, drawn by the browser engine (assets/atlas-analysis-lists.js).

Python is the reference: ``analysis_lists.lag_list_data`` formats every text of the list for a
view, and the page must show exactly those texts (notes, header, the first page of rows, the
pager's count) on several views. A reader opens the rest with the keyboard, and the opened rows
stay open when the view changes. The ranking's note and the neighbour test are held to
``analysis_lists.ranking_note_data`` and ``neighbour_data`` the same way, in each language.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from components.core import i18n
from components.core.analysis import data
from components.panels.analysis_lists import (lag_list_data, lag_list_text, neighbour_data, neighbour_text,
                                              ranking_note_data, ranking_note_text)
from components.panels.url_state import state_from_query

from .conftest import assert_no_console_errors, go_to, wait_for, wait_for_engine

pytestmark = pytest.mark.browser
PAGE = 50

DRAWN_JS = """
const texts = sel => Array.from(document.querySelectorAll(sel), e => e.textContent);
const list = document.querySelector('#lag-list .lag-list');
if (!list) { return null; }
return {
  notes: texts('#lag-list ul > li'),
  header: texts('#lag-list thead th'),
  rows: Array.from(document.querySelectorAll('#lag-list-rows tr'), tr => Array.from(tr.children, td => td.textContent)),
  regions: Array.from(document.querySelectorAll('#lag-list-rows tr'), tr => tr.dataset.region),
  pager: texts('#lag-list-rows-pager .pager-status'),
  label: list.getAttribute('aria-label'),
};
"""


def drawn(duo) -> dict | None:
    return duo.driver.execute_script(DRAWN_JS)


def expected(dataset, link: str) -> tuple[dict, list[str]]:
    reference = lag_list_data(data.lags(dataset, state_from_query(dataset, link)))
    return lag_list_text(reference), [row["region"] for row in reference["rows"]]


@pytest.mark.parametrize("links", [("?tab=analysis", "?tab=analysis&countries=KR,JP",
                                    "?tab=analysis&end=2023-06&countries=CN", "?tab=analysis&levels=provincial&end=2022-12")])
def test_the_lag_list_drawn_in_the_browser_shows_python_s_texts_on_each_view(dash_duo, open_link, links):
    dataset = open_link(links[0])
    for link in links:
        if link != links[0]:
            go_to(dash_duo, link)
            wait_for_engine(dash_duo)
        texts, regions = expected(dataset, link)
        shown = {"notes": texts["notes"], "header": texts["header"], "rows": texts["rows"][:PAGE],
                 "regions": regions[:PAGE], "label": "Lag by region",
                 "pager": [f"Showing {PAGE} of {len(regions)}"] if len(regions) > PAGE else []}
        wait_for(lambda: drawn(dash_duo) == shown, timeout=60, message=f"the lag list of {link} as Python writes it")
    assert_no_console_errors(dash_duo)


def test_a_reader_opens_the_rest_of_the_lag_list_by_keyboard_and_it_stays_open_as_the_view_changes(dash_duo, open_link):
    dataset = open_link("?tab=analysis")
    texts, regions = expected(dataset, "?tab=analysis")
    assert len(regions) > PAGE  # the bundled view pages its lag list
    wait_for(lambda: (drawn(dash_duo) or {}).get("regions") == regions[:PAGE], timeout=60, message="the first page")
    more = dash_duo.find_element("#lag-list-rows-pager .pager-more")
    assert more.text == f"Show {min(PAGE, len(regions) - PAGE)} more" and more.tag_name == "button"
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", more)
    dash_duo.driver.execute_script("arguments[0].focus()", more)
    more.send_keys(Keys.ENTER)
    wait_for(lambda: drawn(dash_duo)["rows"] == texts["rows"][:2 * PAGE], message="the next rows, opened by Enter")
    assert drawn(dash_duo)["pager"] == [f"Showing {min(2 * PAGE, len(regions))} of {len(regions)}"]
    focused = dash_duo.driver.execute_script("return document.activeElement.closest('#lag-list-rows-pager') !== null")
    assert focused  # the keyboard stays where the reader was, not thrown back to the top of the page

    go_to(dash_duo, "?tab=analysis&end=2025-06")
    wait_for_engine(dash_duo)
    later, later_regions = expected(dataset, "?tab=analysis&end=2025-06")
    wait_for(lambda: drawn(dash_duo)["rows"] == later["rows"][:2 * PAGE], timeout=60,
             message="the new view's rows, as far as the reader had opened the list")
    assert_no_console_errors(dash_duo)


def test_hostile_text_in_the_lag_list_is_shown_as_text(atlas, tmp_path):
    """A milestone's title is the one text of the data the lag list shows; an XSS payload there stays text."""
    from components.core.data.columns import Col

    from .test_hostile_text import PAYLOADS, assert_inert, write_csv_rows
    from .test_upload_journeys import upload

    duo, _ = atlas
    rows = [{Col.ACTION_ID: "hostile-plan", Col.DATE: "2022-03-01", Col.COUNTRY: "KR", Col.LEVEL: "national",
             Col.REGION_ID: "", Col.ACTION_TYPE: "strategy_plan", Col.TITLE: PAYLOADS[1]}]
    rows += [{Col.ACTION_ID: f"hostile-{i}", Col.DATE: f"2022-0{i + 1}-01", Col.COUNTRY: "KR", Col.LEVEL: "provincial",
              Col.REGION_ID: region, Col.ACTION_TYPE: "event", Col.TITLE: PAYLOADS[0]}
             for i, region in enumerate(("KR-11", "KR-26", "KR-41"))]
    upload(duo, write_csv_rows(tmp_path / "hostile-plan.csv", rows))
    wait_for(lambda: duo.find_element("#own-banner-text").text.startswith("Your data: hostile-plan.csv"),
             message="the file loaded")
    go_to(duo, "?tab=analysis")
    wait_for(lambda: any(PAYLOADS[1] in note for note in (drawn(duo) or {}).get("notes", [])), timeout=60,
             message="the milestone's title, as text, in the lag list")
    assert sorted((drawn(duo) or {}).get("regions", [])) == ["KR-11", "KR-26", "KR-41"]
    assert_inert(duo)
    assert_no_console_errors(duo)


NOTES_JS = """
const texts = sel => Array.from(document.querySelectorAll(sel), e => e.textContent);
const stats = document.querySelector('#neighbour-stats #neighbour-reading');
if (!stats) { return null; }
return {
  ranking: texts('#ranking-note > span'),
  ties: texts('#ranking-note > #ranking-ties'),
  neighbours: {items: texts('#neighbour-stats > ul > li'), reading: stats.textContent,
               label: texts('#neighbour-stats details > summary').join(''), caveats: texts('#neighbour-stats details > ul > li')},
  ids: Array.from(document.querySelectorAll('#neighbour-stats li[id]'), li => li.id),
};
"""


def notes_drawn(duo) -> dict | None:
    return duo.driver.execute_script(NOTES_JS)


def notes_expected(dataset, link: str, adjacency, lang: str = "en") -> dict:
    """The ranking's note and the neighbour test as Python writes them for ``link`` in ``lang``."""
    state = state_from_query(dataset, link)
    with i18n.use(lang):
        ranking = ranking_note_data(data.ranking(dataset, state), i18n.month(data.end_label(dataset, state)))
        neighbours = neighbour_data(data.neighbours(dataset, state, adjacency))
    ids = [item["id"] for item in neighbours["items"]] + [c["id"] for c in neighbours["caveats"] if "id" in c]
    return {"ranking": ranking_note_text(ranking), "ties": [ranking["ties"]], "neighbours": neighbour_text(neighbours),
            "ids": ids}


def test_the_ranking_note_and_the_neighbour_test_drawn_in_the_browser_show_python_s_texts_on_each_view(
        dash_duo, open_link, real_adjacency):
    links = ("?tab=analysis", "?tab=analysis&countries=KR&levels=provincial", "?tab=analysis&end=2021-09&levels=provincial",
             "?tab=analysis&end=2023-06&countries=CN")
    dataset = open_link(links[0])
    seen = set()
    for link in links:
        if link != links[0]:
            go_to(dash_duo, link)
            wait_for_engine(dash_duo)
        shown = notes_expected(dataset, link, real_adjacency)
        seen.add(len(shown["ranking"]))
        wait_for(lambda: notes_drawn(dash_duo) == shown, timeout=90,
                 message=f"the ranking's note and the neighbour test of {link} as Python writes them")
    assert seen == {1, 2}  # views with and without laggards were both drawn
    # A reader's open caveats stay open when the view changes.
    dash_duo.find_element("#neighbour-stats details > summary").click()
    go_to(dash_duo, links[1])
    wait_for_engine(dash_duo)
    wait_for(lambda: notes_drawn(dash_duo) == notes_expected(dataset, links[1], real_adjacency), timeout=90,
             message="the notes of the view gone back to")
    assert dash_duo.driver.execute_script("return document.querySelector('#neighbour-stats details').open")
    assert_no_console_errors(dash_duo)


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_the_ranking_note_and_the_neighbour_test_speak_the_page_language(dash_duo, open_link, real_adjacency, lang):
    link = f"?lang={lang}&tab=analysis&countries=CN,KR"
    dataset = open_link(link)
    shown = notes_expected(dataset, link, real_adjacency, lang)
    assert shown != notes_expected(dataset, link, real_adjacency)  # not the English texts
    wait_for(lambda: notes_drawn(dash_duo) == shown, timeout=90, message=f"the notes in {lang} as Python writes them")
    assert_no_console_errors(dash_duo)


def test_hostile_text_in_the_ranking_note_and_the_neighbour_test_is_shown_as_text(atlas):
    """Their texts come from the catalogue and the region names, not from a file; the renderer still takes
    every text as text: payloads handed to it are shown as typed and nothing of them runs or links."""
    from .test_hostile_text import PAYLOADS, assert_inert

    duo, _ = atlas
    shown = duo.driver.execute_script(
        "const p = arguments[0], ranking = document.createElement('p'), stats = document.createElement('div');"
        "document.body.append(ranking, stats);"
        "atlas.analysisLists.drawRanking(ranking, {ties: p[0], never: p[1]});"
        "atlas.analysisLists.drawNeighbours(stats, {items: [{id: 'x-1', text: p[2]}], reading: p[3], caveatsLabel: p[4],"
        "  caveats: [{text: p[5]}]});"
        "return [ranking.textContent].concat(Array.from(stats.querySelectorAll('li, p, summary'), e => e.textContent));",
        PAYLOADS)
    assert shown == [PAYLOADS[0] + PAYLOADS[1], PAYLOADS[2], PAYLOADS[3], PAYLOADS[4], PAYLOADS[5]]
    assert_inert(duo)
    assert_no_console_errors(duo)
