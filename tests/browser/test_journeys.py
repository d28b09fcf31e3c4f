"""Whole user journeys in headless Chromium, on the bundled dataset, with no network.

Each test ends by asserting the browser logged no console errors.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
import shapely.geometry
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app
from components.panels import url_state
from components.core.columns import Col
from components.core.metrics import facet_counts, filter_actions
from components.core.state import ViewState

pytestmark = pytest.mark.browser

TIMEOUT = 20


@pytest.fixture
def open_link(dash_duo):
    """Start the app on the bundled data and open it at a query string; returns the dataset."""
    def opener(link: str):
        app = create_app()
        dash_duo.start_server(app)
        dash_duo.driver.get(dash_duo.server_url + "/" + link)
        return app.atlas_dataset

    return opener


@pytest.fixture
def atlas(dash_duo):
    app = create_app()
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#map .choroplethlocation", timeout=TIMEOUT)
    wait_for(lambda: "Overview" in dash_duo.find_element("#panel-title").text or "(" in dash_duo.find_element("#panel-title").text)
    return dash_duo, app.atlas_dataset


def wait_for(condition, timeout: float = TIMEOUT, message: str = "condition"):
    end = time.time() + timeout
    last_error = None
    while time.time() < end:
        try:
            result = condition()
            if result:
                return result
        except Exception as exc:  # the DOM may be mid-render
            last_error = exc
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}; last error: {last_error}")


def map_trace(duo, index: int) -> dict:
    return duo.driver.execute_script(
        "const gd = document.querySelector('#map .js-plotly-plot');"
        "const t = gd.data[arguments[0]];"
        "return {z: t.z, locations: t.locations, text: t.text, customdata: t.customdata,"
        "        lon: t.lon, lat: t.lat};", index)


LONLAT_TO_SCREEN_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const xy = gd._fullLayout.geo._subplot.projection([arguments[0], arguments[1]]);
const path = gd.querySelector('.choroplethlocation');
const pt = path.ownerSVGElement.createSVGPoint(); pt.x = xy[0]; pt.y = xy[1];
const s = pt.matrixTransform(path.getScreenCTM());
return [s.x, s.y];
"""


def region_lonlat(duo, dataset, region_id: str) -> tuple[float, float]:
    """Where a user would click: the region's marker if it has one, else a point inside its shape."""
    markers = map_trace(duo, 3)
    if region_id in markers["customdata"]:
        i = markers["customdata"].index(region_id)
        return markers["lon"][i], markers["lat"][i]
    feature = next(f for f in dataset.geojson["features"] if f["properties"]["region_id"] == region_id)
    point = shapely.geometry.shape(feature["geometry"]).representative_point()
    return point.x, point.y


def click_region(duo, dataset, region_id: str) -> None:
    """A real mouse click on a region's shape, or on its marker."""
    duo.driver.execute_script("document.querySelector('#map').scrollIntoView()")
    lonlat = region_lonlat(duo, dataset, region_id)
    previous = None
    while (position := duo.driver.execute_script(LONLAT_TO_SCREEN_JS, *lonlat)) != previous:
        previous = position
        time.sleep(0.4)
    x, y = position
    ActionChains(duo.driver).move_to_location(int(x), int(y)).pause(0.3).click().perform()


def scroll_into_view(duo, element):
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    time.sleep(0.3)
    return element


def query(duo) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlparse(duo.driver.current_url).query).items()}


def assert_no_console_errors(duo) -> None:
    errors = [entry for entry in duo.get_logs() if entry.get("level") == "SEVERE"]
    assert errors == []


def test_page_loads_offline_with_one_shape_per_region(atlas):
    duo, dataset = atlas
    regions = len(dataset.regions)
    state_trace = map_trace(duo, 1)
    assert len(state_trace["locations"]) == regions
    shapes = duo.driver.execute_script(
        "return document.querySelectorAll('#map .choroplethlayer .trace:nth-child(2) .choroplethlocation').length")
    assert shapes == regions
    assert "Dataset version" in duo.find_element("#dataset-version").text
    assert_no_console_errors(duo)


def test_moving_the_slider_changes_the_map_values(atlas):
    duo, dataset = atlas
    values = url_state.default_state(dataset).replace(end=dataset.month_labels[-31])
    expected_total = len(filter_actions(dataset, values.replace(start=dataset.month_labels[0]), include_national=False))
    before_total = sum(v for v in map_trace(duo, 2)["z"] if v)
    assert before_total == len(dataset.actions[dataset.actions[Col.LEVEL] != "national"])
    assert before_total > expected_total
    handle = duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.click()
    for _ in range(30):
        handle.send_keys(Keys.ARROW_LEFT)
    expected_end = dataset.month_labels[-31]
    wait_for(lambda: query(duo).get("end") == expected_end, message="URL end date")
    wait_for(lambda: sum(v for v in map_trace(duo, 2)["z"] if v) == expected_total, message="map totals for the new end date")
    assert f"to {expected_end}" in duo.find_element("#date-label").text
    assert handle.get_attribute("aria-valuetext") == expected_end
    assert_no_console_errors(duo)


def test_play_advances_the_end_date_and_pause_stops_it(atlas):
    duo, dataset = atlas
    duo.find_element("#play").click()
    first = wait_for(lambda: duo.find_element("#date-label").text if "2021-01 to 2021-0" in duo.find_element("#date-label").text else None,
                     message="playback to start")
    wait_for(lambda: duo.find_element("#date-label").text != first, message="playback to advance")
    duo.find_element("#pause").click()
    paused = duo.find_element("#date-label").text
    time.sleep(2.5)
    assert duo.find_element("#date-label").text == paused
    wait_for(lambda: "end" in query(duo), message="URL written after pause")
    assert_no_console_errors(duo)


@pytest.mark.parametrize("region_id, zoom", [("CN-GD", "all"), ("JP-13", "all"), ("CN-HK", "all"), ("KR-11", "KR")])
def test_clicking_a_region_opens_its_panel_with_its_actions(atlas, region_id, zoom):
    duo, dataset = atlas
    if zoom != "all":
        duo.driver.execute_script(f"document.querySelector('#zoom input[value=\"{zoom}\"]').click()")
        wait_for(lambda: query(duo).get("zoom") == zoom, message="zoom in URL")
        time.sleep(1)
    click_region(duo, dataset, region_id)
    name = dataset.regions.at[region_id, "name_en"]
    wait_for(lambda: name in duo.find_element("#panel-title").text, message=f"panel for {region_id}")
    expected = dataset.actions[dataset.actions[Col.REGION_ID] == region_id]
    shown = duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#action-list [data-action-id]')).map(e => e.dataset.actionId)")
    assert sorted(shown) == sorted(expected[Col.ACTION_ID])
    wait_for(lambda: query(duo).get("region") == region_id, message="region in URL")
    for link in duo.driver.find_elements(By.CSS_SELECTOR, "#action-list a[href]"):
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("href").startswith(("http://", "https://"))
    assert_no_console_errors(duo)


def test_selecting_a_table_row_selects_its_region(atlas):
    duo, dataset = atlas
    regional = dataset.actions[dataset.actions[Col.LEVEL] != "national"]
    target = regional.sort_values(Col.DATE).iloc[-1]
    cell = wait_for(lambda: duo.driver.find_element(
        By.CSS_SELECTOR, f"#actions-table .ag-row[row-id='{target[Col.ACTION_ID]}'] .ag-cell[col-id='title']"),
        message="table row")
    scroll_into_view(duo, cell).click()
    name = dataset.regions.at[target[Col.REGION_ID], "name_en"]
    wait_for(lambda: name in duo.find_element("#panel-title").text, message="panel for the row's region")
    wait_for(lambda: query(duo).get("region") == target[Col.REGION_ID], message="region in URL")
    state_trace = map_trace(duo, 1)
    widths = duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').data[1].marker.line.width")
    assert widths[state_trace["locations"].index(target[Col.REGION_ID])] > 1
    assert_no_console_errors(duo)


def test_a_link_reproduces_the_view_and_back_restores_the_previous_one(dash_duo, open_link):
    link = "?countries=KR&levels=provincial,municipal&metric=window&start=2022-01&end=2024-12&region=KR-11&zoom=KR"
    dataset = open_link(link)
    wait_for(lambda: "Seoul" in dash_duo.find_element("#panel-title").text, message="Seoul panel from the link")
    checked = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#countries input')).filter(i => i.checked).map(i => i.value)")
    assert checked == ["KR"]
    assert "Actions within window" in dash_duo.find_element("#metric").text
    assert "2022-01 to 2024-12" in dash_duo.find_element("#date-label").text
    geo_range = dash_duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range")
    assert geo_range[0] > 120
    state = ViewState.from_query(link, url_state.default_state(dataset))
    expected_rows = len(filter_actions(dataset, state))
    wait_for(lambda: dash_duo.find_element("#table-count").text.startswith(f"{expected_rows} action"), message="table count")
    japan = facet_counts(dataset, state)["countries"]["JP"]
    wait_for(lambda: f"Japan ({japan})" in dash_duo.find_element("#countries").text, message="facet count on the Japan option")

    dash_duo.driver.execute_script("document.querySelector('#countries input[value=\"JP\"]').click()")
    wait_for(lambda: query(dash_duo).get("countries") == "KR,JP", message="URL after filter change")
    dash_duo.driver.back()
    wait_for(lambda: query(dash_duo).get("countries") == "KR", message="URL after back")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#countries input')).filter(i => i.checked).map(i => i.value)") == ["KR"],
        message="controls restored by back")
    assert_no_console_errors(dash_duo)


def test_csv_download_has_the_filtered_rows(dash_duo, open_link):
    dataset = open_link("?countries=CN&levels=district&end=2024-06")
    wait_for(lambda: "2024-06" in dash_duo.find_element("#date-label").text, message="view from link")
    scroll_into_view(dash_duo, dash_duo.find_element("#download-csv-button")).click()
    folder = Path(dash_duo.download_path)
    files = wait_for(lambda: [p for p in folder.glob("*.csv")], message="downloaded CSV")
    assert files[0].name.startswith(f"metaverse-policy-actions_v{dataset.version}_")
    assert "countries-CN" in files[0].name and "levels-district" in files[0].name
    with files[0].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    state = url_state.default_state(dataset).replace(countries=["CN"], levels=["district"], end="2024-06")
    expected = filter_actions(dataset, state)
    assert sorted(r[Col.ACTION_ID] for r in rows) == sorted(expected[Col.ACTION_ID])
    assert rows and all(r[Col.LEVEL] == "district" and r[Col.COUNTRY] == "CN" and r[Col.DATE] <= "2024-06-30" for r in rows)
    assert_no_console_errors(dash_duo)


def test_search_narrows_the_table_and_selection_still_works(atlas):
    duo, dataset = atlas
    search = scroll_into_view(duo, duo.find_element("#table-search"))
    search.send_keys("Binhu")
    expected = dataset.actions[dataset.actions[Col.TITLE].str.contains("Binhu") | dataset.actions[Col.LOCALITY].str.contains("Binhu")]
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "#actions-table .ag-center-cols-container .ag-row")) == len(expected),
             message="filtered rows")
    row = duo.driver.find_element(By.CSS_SELECTOR, "#actions-table .ag-center-cols-container .ag-row .ag-cell[col-id='title']")
    row.click()
    wait_for(lambda: "Jiangsu" in duo.find_element("#panel-title").text, message="Jiangsu panel")
    assert_no_console_errors(duo)


def test_map_png_download(atlas):
    duo, dataset = atlas
    scroll_into_view(duo, duo.find_element("#download-png-button")).click()
    folder = Path(duo.download_path)
    files = wait_for(lambda: list(folder.glob("*.png")), message="downloaded PNG")
    assert files[0].name == f"metaverse-policy-map_v{dataset.version}.png"
    assert files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert files[0].stat().st_size > 20_000
    assert_no_console_errors(duo)


def test_clicking_a_timeline_marker_highlights_that_action(dash_duo, open_link):
    dataset = open_link("?region=CN-SH")
    wait_for(lambda: "Shanghai" in dash_duo.find_element("#panel-title").text, message="Shanghai panel")
    own = dataset.actions[dataset.actions[Col.REGION_ID] == "CN-SH"].sort_values([Col.DATE, Col.ACTION_ID])
    gaps = own[Col.DATE].diff().dt.days.fillna(9999).clip(upper=9999)
    isolation = pd.concat([gaps, gaps.shift(-1).fillna(9999)], axis=1).min(axis=1)
    target = own.loc[isolation.idxmax(), Col.ACTION_ID]  # a marker no other marker overlaps
    x, y = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#timeline .js-plotly-plot');"
        "const t = gd.data.findIndex(d => d.name === 'This region');"
        "const i = gd.data[t].customdata.indexOf(arguments[0]);"
        "const pt = gd.querySelectorAll('.scatterlayer .trace')[t].querySelectorAll('.point')[i];"
        "pt.scrollIntoView({block: 'center'});"
        "const r = pt.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", target)
    ActionChains(dash_duo.driver).move_to_location(int(x), int(y)).pause(0.3).click().perform()
    wait_for(lambda: dash_duo.driver.execute_script(
        "const e = document.querySelector('#action-list .highlighted'); return e && e.dataset.actionId") == target,
        message="highlighted action")
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#action-list .highlighted")) == 1
    assert_no_console_errors(dash_duo)


def test_presentation_mode_hides_the_filters_and_is_kept_in_the_link(dash_duo, open_link):
    open_link("?present=1&region=JP-13")
    wait_for(lambda: "Tokyo" in dash_duo.find_element("#panel-title").text, message="Tokyo panel")
    wait_for(lambda: not dash_duo.find_element(".filters-col").is_displayed(), message="filters hidden")
    assert not dash_duo.find_element("#actions-table").is_displayed()
    assert dash_duo.find_element("#map").is_displayed()
    dash_duo.find_element("#present").click()
    wait_for(lambda: dash_duo.find_element(".filters-col").is_displayed(), message="filters back")
    wait_for(lambda: "present" not in query(dash_duo), message="URL without present")
    assert query(dash_duo)["region"] == "JP-13"
    assert_no_console_errors(dash_duo)


def test_keyboard_user_can_open_a_region_from_the_picker(atlas):
    duo, dataset = atlas
    scroll_into_view(duo, duo.find_element("#region-picker")).click()
    search = wait_for(lambda: duo.driver.switch_to.active_element
                      if "dash-dropdown-search" in duo.driver.switch_to.active_element.get_attribute("class") else None,
                      message="the picker's search box to take focus")
    search.send_keys("부산")
    search.send_keys(Keys.ARROW_DOWN)
    search.send_keys(Keys.ENTER)
    wait_for(lambda: "Busan" in duo.find_element("#panel-title").text, message="Busan panel")
    wait_for(lambda: query(duo).get("region") == "KR-26", message="region in URL")
    duo.find_element("#panel-close").click()
    wait_for(lambda: "Overview" in duo.find_element("#panel-title").text, message="overview after close")
    wait_for(lambda: "region" not in query(duo), message="URL without region")
    assert_no_console_errors(duo)
