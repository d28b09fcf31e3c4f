"""Map journeys in headless Chromium: time, filters, honest colours, hover and clicks, answered in the browser."""

from __future__ import annotations

import pytest
import shapely.geometry
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.core.data.columns import Col
from components.core.view.encodings import encode_view
from components.core.view.metrics import facet_counts, region_view, table_actions
from components.core.view.state import FILTERS
from components.panels.url_state import default_state, state_from_query

from .conftest import (
    assert_no_console_errors, click_region, go_to, hover_text_at, map_meta, map_trace, query, region_fill,
    region_lonlat, server_calls, wait_for,
)

pytestmark = pytest.mark.browser


def test_page_loads_offline_with_one_shape_per_region(atlas):
    duo, dataset = atlas
    regions = len(dataset.regions)
    assert len(map_trace(duo, 1)["locations"]) == regions
    shapes = duo.driver.execute_script(
        "return document.querySelectorAll('#map .choroplethlayer .trace:nth-child(2) .choroplethlocation').length")
    assert shapes == regions
    assert "Dataset version" in duo.find_element("#dataset-version").text
    assert_no_console_errors(duo)


def test_a_slider_step_redraws_map_label_and_link_without_asking_the_server(atlas):
    duo, dataset = atlas
    calls = server_calls(duo)
    handle = duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.click()
    for _ in range(30):
        handle.send_keys(Keys.ARROW_LEFT)
    expected_end = dataset.month_labels[dataset.month_labels.index(dataset.collected_to) - 30]  # the slider ends at collected_to
    wait_for(lambda: query(duo).get("end") == expected_end, message="URL end date")
    wait_for(lambda: map_meta(duo)["query"] == f"?end={expected_end}", message="map redrawn for the new end")
    state = default_state(dataset).replace(end=expected_end)
    _, _, encoding = encode_view(dataset, state)
    assert map_trace(duo, 1)["z"] == encoding.category
    assert duo.find_element("#map .gtitle").text == f"Actions to {expected_end}"
    assert f"to {expected_end}" in duo.find_element("#date-label").text
    assert handle.get_attribute("aria-valuetext") == expected_end
    assert server_calls(duo) == calls
    assert_no_console_errors(duo)


def test_a_filter_toggle_recounts_map_facets_and_table_in_the_browser(atlas):
    duo, dataset = atlas
    calls = server_calls(duo)
    duo.driver.execute_script("document.querySelector('#countries input[value=\"CN\"]').click()")
    wait_for(lambda: query(duo).get("countries") == "KR,JP", message="URL after unticking China")
    wait_for(lambda: map_meta(duo)["query"] == "?countries=KR%2CJP", message="map redrawn")
    shown = dataset.actions[dataset.actions[Col.COUNTRY] != "CN"]
    wait_for(lambda: duo.find_element("#table-count").text == f"{len(shown)} action(s) match", message="table count")
    assert "China (" in duo.find_element("#countries").text
    assert server_calls(duo) == calls
    assert_no_console_errors(duo)


def test_play_draws_every_month_to_the_edge_of_collection_and_writes_the_link_once(dash_duo, open_link):
    dataset = open_link("?end=2021-01")
    months = dataset.month_labels[:dataset.month_labels.index(dataset.collected_to) + 1]
    assert len(months) < len(dataset.month_labels), "the bundled data is collected to before today"
    dash_duo.driver.execute_script("""
        window.__ends = [];
        const gd = document.querySelector('#map .js-plotly-plot');
        gd.on('plotly_afterplot', () => window.__ends.push(gd.layout.meta.query));""")
    history = dash_duo.driver.execute_script("return history.length")
    dash_duo.find_element("#play").click()
    wait_for(lambda: not dash_duo.find_element("#play").get_attribute("disabled"), timeout=40, message="play to finish")
    drawn = dash_duo.driver.execute_script("return window.__ends")
    drawn_ends = {q.split("end=")[1].split("&")[0] if "end=" in q else dataset.collected_to for q in drawn}
    assert set(months[1:]) <= drawn_ends
    assert not drawn_ends - set(months), "Play went past the edge of collection"
    wait_for(lambda: query(dash_duo).get("end", dataset.collected_to) == dataset.collected_to
             and query(dash_duo).get("end") != "2021-01", message="the link written once play stops (at the edge)")
    assert dash_duo.driver.execute_script("return history.length") == history + 1
    assert_no_console_errors(dash_duo)


def test_play_from_beyond_the_edge_of_collection_runs_to_the_last_month(dash_duo, open_link, bundled):
    beyond = bundled.month_labels[bundled.month_labels.index(bundled.collected_to) + 2]
    dataset = open_link(f"?end={beyond}")
    dash_duo.find_element("#play").click()
    wait_for(lambda: query(dash_duo).get("end") == dataset.month_labels[-1]
             and not dash_duo.find_element("#play").get_attribute("disabled"), timeout=40, message="play to the last month")
    assert_no_console_errors(dash_duo)


def test_pause_stops_play_and_speed_changes_the_pace(dash_duo, open_link):
    open_link("?end=2021-01")
    dash_duo.driver.execute_script("document.querySelector('#play-speed input[value=\"0.5\"]').click()")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return document.querySelector('#play-speed input[value=\"0.5\"]').checked"), message="slow speed chosen")
    dash_duo.find_element("#play").click()
    wait_for(lambda: dash_duo.find_element("#date-label").text[-7:] >= "2021-03", message="playback to advance")
    dash_duo.find_element("#pause").click()
    paused = dash_duo.find_element("#date-label").text
    wait_for(lambda: "end" in query(dash_duo), message="URL written after pause")
    assert dash_duo.find_element("#date-label").text == paused
    assert_no_console_errors(dash_duo)


def test_the_panel_follows_play_while_facets_and_table_rest_and_catch_up_with_the_month_it_stopped_at(dash_duo, open_link):
    dataset = open_link("?end=2021-01&region=CN-SH")
    dash_duo.driver.execute_script("document.querySelector('#actions-table-slot').scrollIntoView({block: 'center'})")
    wait_for(lambda: dash_duo.driver.execute_script(  # no row yet at 2021-01: wait for the grid itself
        "try { return Boolean(window.dash_ag_grid.getApi('actions-table')); } catch (e) { return false; }"),
        message="the table mounted")
    table_count = lambda: dash_duo.find_element("#table-count").text  # noqa: E731
    before = table_count()
    panel_count = lambda: dash_duo.driver.execute_script(  # noqa: E731  (one read: the panel is redrawn every month)
        "return document.querySelector('#panel-count').textContent")
    panel_before = panel_count()
    dash_duo.find_element("#play").click()
    wait_for(lambda: panel_count() != panel_before, message="the panel following Play")
    assert dash_duo.find_element("#pause").is_enabled(), "the panel changed while Play was still running"
    wait_for(lambda: dash_duo.find_element("#date-label").text[-7:] >= "2022-06", message="playback to advance")
    assert table_count() == before, "the table rests while Play runs"
    # Play may reach the edge of collection and stop by itself on a slow machine; Pause then has nothing to stop.
    dash_duo.driver.execute_script("const b = document.querySelector('#pause'); if (!b.disabled) { b.click(); }")
    end = wait_for(lambda: query(dash_duo).get("end"), message="the link written after pause")
    state = state_from_query(dataset, f"?end={end}&region=CN-SH")
    rows = table_actions(dataset, state)
    wait_for(lambda: table_count() == f"{len(rows)} action(s) match", message=f"the table caught up with {end}")
    grid_rows = dash_duo.driver.execute_script(
        "const ids = []; window.dash_ag_grid.getApi('actions-table').forEachNodeAfterFilter(n => ids.push(n.data.action_id));"
        "return ids;")
    assert sorted(grid_rows) == sorted(rows[Col.ACTION_ID])
    counts = facet_counts(dataset, state)
    for name, options in FILTERS.items():
        labels = dash_duo.driver.execute_script(
            f"return Array.from(document.querySelectorAll('#{name} label')).map(l => l.textContent.trim())")
        assert labels == [f"{label} ({counts[name][code]})" for code, label in options.items()], name
    assert panel_count().startswith(f"{len(rows)} action(s) in view")
    assert_no_console_errors(dash_duo)


def test_the_same_count_has_the_same_colour_in_two_frames(dash_duo, open_link):
    dataset = open_link("?end=2022-02")
    early = default_state(dataset).replace(end="2022-02")
    late = default_state(dataset).replace(end="2024-12")
    counts_early = dict(zip(dataset.regions.index, region_view(dataset, early).cumulative))
    counts_late = dict(zip(dataset.regions.index, region_view(dataset, late).cumulative))
    pairs = [(a, b) for a, n in counts_early.items() if n for b, m in counts_late.items() if m == n and b != a]
    first, second = pairs[0]
    colour_early = region_fill(dash_duo, first)
    go_to(dash_duo, "?end=2024-12")
    wait_for(lambda: map_meta(dash_duo)["query"] == "?end=2024-12", message="the later frame")
    assert region_fill(dash_duo, second) == colour_early
    assert_no_console_errors(dash_duo)


def test_a_region_hidden_by_a_filter_says_so_in_its_hover(dash_duo, open_link):
    dataset = open_link("?countries=KR,JP")
    feature = next(f for f in dataset.geojson["features"] if f["properties"]["region_id"] == "CN-SC")
    point = shapely.geometry.shape(feature["geometry"]).representative_point()
    text = hover_text_at(dash_duo, point.x, point.y)
    assert "Sichuan" in text and "Hidden by your filters: country" in text
    assert "No action" not in text
    assert_no_console_errors(dash_duo)


def test_plan_readout_matches_an_independent_count(dash_duo, open_link):
    dataset = open_link("?metric=plan&end=2022-12")
    actions = dataset.actions
    dedicated = actions[(actions[Col.ACTION_TYPE] == "strategy_plan") & (actions[Col.DATE] <= "2022-12-31")
                        & actions[Col.TITLE].str.contains("metaverse", case=False)]
    own = set(dedicated[dedicated[Col.LEVEL] == "provincial"][Col.REGION_ID])
    inside = set(dedicated[dedicated[Col.LEVEL].isin(["municipal", "district"])][Col.REGION_ID]) - own
    china_own = len({r for r in own if r.startswith("CN")})
    china_inside = len({r for r in inside if r.startswith("CN")})
    line = wait_for(lambda: next(d.text for d in dash_duo.find_elements("#map-readout > div") if d.text.startswith("China")),
                    message="China's readout")
    assert line == (f"China: {china_own} of 33 provinces have their own dedicated plan by 2022-12; "
                    f"{china_inside} more have one in a city or district")
    assert_no_console_errors(dash_duo)


@pytest.mark.parametrize("region_id", ["KR-11", "KR-28", "KR-41", "JP-13", "JP-14", "CN-HK", "CN-MO"])
def test_a_click_on_a_small_region_opens_that_region_at_the_three_country_zoom(atlas, region_id):
    duo, dataset = atlas
    click_region(duo, dataset, region_id)
    wait_for(lambda: query(duo).get("region") == region_id, message=f"{region_id} selected")
    name = dataset.regions.at[region_id, "name_en"]
    wait_for(lambda: name in duo.find_element("#panel-title").text, message=f"panel for {region_id}")
    trace = 4 if region_id in map_trace(duo, 4)["customdata"] else 1
    data = map_trace(duo, trace)
    ids = data["customdata"] if trace == 4 else data["locations"]
    assert data["marker"]["line"]["width"][ids.index(region_id)] == 3
    assert region_lonlat(duo, dataset, region_id)
    assert_no_console_errors(duo)
