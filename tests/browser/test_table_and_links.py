"""Table and link journeys: dates as precise as known, one view across search, count, link and CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from components.core.data.columns import Col
from components.core.view.metrics import facet_counts, table_actions
from components.panels.url_state import state_from_query

from .conftest import assert_no_console_errors, go_to, query, scroll_into_view, show_table, wait_for

pytestmark = pytest.mark.browser

GRID_ROWS_JS = """
const rows = [];
window.dash_ag_grid.getApi('actions-table').forEachNodeAfterFilterAndSort(n => rows.push(n.data));
return rows;
"""


def visible_date_cells(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#actions-table .ag-center-cols-container .ag-row"
        " .ag-cell[col-id=date_sort]')).map(c => c.textContent)")


def test_every_date_shows_as_precisely_as_known_and_sorts_chronologically(atlas):
    duo, dataset = atlas
    show_table(duo)
    cells = wait_for(lambda: visible_date_cells(duo), message="table rows")
    assert all(c.strip() for c in cells)
    rows = duo.driver.execute_script(GRID_ROWS_JS)
    assert len(rows) == len(dataset.actions)
    keys = [r["date_sort"] for r in rows]
    assert keys == sorted(keys, reverse=True)
    labels = {r["action_id"]: r["date_label"] for r in rows}
    for _, action in dataset.actions.iterrows():
        assert labels[action[Col.ACTION_ID]] == action[Col.DATE_LABEL]
    assert {len(v) for v in labels.values()} == {4, 7, 10}
    assert_no_console_errors(duo)


def test_the_grid_bundle_loads_only_when_the_table_nears_the_viewport(atlas):
    duo, dataset = atlas
    grid_requests = ("return performance.getEntriesByType('resource')"
                     ".filter(e => e.name.includes('/_dash-component-suites/dash_ag_grid/')).length")
    wait_for(lambda: duo.driver.execute_script("return document.querySelectorAll('#map .choroplethlocation').length"),
             message="the first map")
    assert duo.driver.execute_script("return window.dash_ag_grid === undefined")
    assert duo.driver.execute_script(grid_requests) == 0
    show_table(duo)
    wait_for(lambda: visible_date_cells(duo), message="table rows once scrolled to")
    assert duo.driver.execute_script(grid_requests) >= 1
    assert len(duo.driver.execute_script(GRID_ROWS_JS)) == len(dataset.actions)
    assert_no_console_errors(duo)


def test_search_count_link_and_csv_agree(dash_duo, open_link):
    dataset = open_link()
    show_table(dash_duo)
    search = scroll_into_view(dash_duo, dash_duo.find_element("#table-search"))
    search.send_keys("Binhu")
    wait_for(lambda: query(dash_duo).get("search") == "Binhu", message="the search in the link")
    state = state_from_query(dataset, "?search=Binhu")
    expected = sorted(table_actions(dataset, state)[Col.ACTION_ID])
    wait_for(lambda: dash_duo.find_element("#table-count").text == f"{len(expected)} action(s) match", message="count")
    assert sorted(r["action_id"] for r in dash_duo.driver.execute_script(GRID_ROWS_JS)) == expected
    scroll_into_view(dash_duo, dash_duo.find_element("#download-csv-button")).click()
    files = wait_for(lambda: list(Path(dash_duo.download_path).glob("*.csv")), message="downloaded CSV")
    assert "search-Binhu" in files[0].name
    with files[0].open(encoding="utf-8") as handle:
        assert sorted(r[Col.ACTION_ID] for r in csv.DictReader(handle)) == expected
    assert_no_console_errors(dash_duo)


def test_selecting_a_region_narrows_the_table_and_its_chip_clears_it(atlas):
    duo, dataset = atlas
    show_table(duo)
    regional = dataset.actions[dataset.actions[Col.LEVEL] != "national"]
    target = regional.sort_values(Col.DATE).iloc[-1]
    cell = wait_for(lambda: duo.driver.find_element(
        By.CSS_SELECTOR, f"#actions-table .ag-row[row-id='{target[Col.ACTION_ID]}'] .ag-cell[col-id='title']"),
        message="table row")
    scroll_into_view(duo, cell).click()
    region = target[Col.REGION_ID]
    name = dataset.regions.at[region, "name_en"]
    wait_for(lambda: name in duo.find_element("#panel-title").text, message="panel for the row's region")
    wait_for(lambda: query(duo).get("region") == region, message="region in URL")
    own = dataset.actions[dataset.actions[Col.REGION_ID] == region]
    wait_for(lambda: duo.find_element("#table-count").text == f"{len(own)} action(s) match", message="narrowed table")
    chip = duo.find_element("#table-region-chip")
    assert chip.text == f"Region: {name} ×"
    chip.click()
    wait_for(lambda: "region" not in query(duo), message="region cleared")
    wait_for(lambda: duo.find_element("#table-count").text == f"{len(dataset.actions)} action(s) match", message="all rows")
    assert not chip.is_displayed()
    assert_no_console_errors(duo)


def test_a_link_reproduces_the_view_and_back_restores_the_previous_one(dash_duo, open_link):
    link = "?start=2022-01&end=2024-12&countries=KR&levels=provincial%2Cmunicipal&metric=window&region=KR-11&zoom=KR"
    dataset = open_link(link)
    wait_for(lambda: "Seoul" in dash_duo.find_element("#panel-title").text, message="Seoul panel from the link")
    checked = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#countries input')).filter(i => i.checked).map(i => i.value)")
    assert checked == ["KR"]
    assert "Actions within window" in dash_duo.find_element("#metric").text
    assert "2022-01 to 2024-12" in dash_duo.find_element("#date-label").text
    assert dash_duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range")[0] > 120
    state = state_from_query(dataset, link)
    japan = facet_counts(dataset, state)["countries"]["JP"]
    wait_for(lambda: f"Japan ({japan})" in dash_duo.find_element("#countries").text, message="facet count on Japan")
    dash_duo.driver.execute_script("document.querySelector('#countries input[value=\"JP\"]').click()")
    wait_for(lambda: query(dash_duo).get("countries") == "KR,JP", message="URL after filter change")
    dash_duo.driver.back()
    wait_for(lambda: query(dash_duo).get("countries") == "KR", message="URL after back")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#countries input')).filter(i => i.checked).map(i => i.value)") == ["KR"],
        message="controls restored by back")
    assert_no_console_errors(dash_duo)


def test_map_png_download_is_named_after_the_view_as_the_csv_is(dash_duo, open_link):
    duo = dash_duo
    dataset = open_link("?start=2022-01&end=2024-12&countries=KR&region=KR-11&zoom=KR")
    wait_for(lambda: "Seoul" in duo.find_element("#panel-title").text, message="Seoul's panel")
    scroll_into_view(duo, duo.find_element("#download-png-button")).click()
    files = wait_for(lambda: list(Path(duo.download_path).glob("*.png")), message="downloaded PNG")
    view = "2022-01_to_2024-12_countries-KR_region-KR-11"
    assert files[0].name == f"metaverse-policy-map_v{dataset.version}_{view}.png"
    assert files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and files[0].stat().st_size > 20_000
    scroll_into_view(duo, duo.find_element("#download-csv-button")).click()
    csvs = wait_for(lambda: list(Path(duo.download_path).glob("*.csv")), message="downloaded CSV")
    assert csvs[0].name == f"metaverse-policy-actions_v{dataset.version}_{view}.csv", "the two files name one view alike"

    go_to(duo, "?start=2023-01&end=2023-06")
    wait_for(lambda: query(duo).get("start") == "2023-01", message="another view")
    scroll_into_view(duo, duo.find_element("#download-png-button")).click()
    second = f"metaverse-policy-map_v{dataset.version}_2023-01_to_2023-06.png"
    wait_for(lambda: (Path(duo.download_path) / second).exists(), message="a second PNG, named after its own view")
    assert_no_console_errors(duo)


def test_presentation_mode_hides_the_filters_and_is_kept_in_the_link(dash_duo, open_link):
    open_link("?present=1&region=JP-13")
    wait_for(lambda: "Tokyo" in dash_duo.find_element("#panel-title").text, message="Tokyo panel")
    wait_for(lambda: not dash_duo.find_element(".filters-col").is_displayed(), message="filters hidden")
    assert not dash_duo.find_element(".table-row").is_displayed()
    dash_duo.find_element("#present").click()
    wait_for(lambda: dash_duo.find_element(".filters-col").is_displayed(), message="filters back")
    wait_for(lambda: "present" not in query(dash_duo), message="URL without present")
    assert query(dash_duo)["region"] == "JP-13"
    assert_no_console_errors(dash_duo)
