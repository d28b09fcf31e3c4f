"""Analysis tab journeys in a real browser: open it from a link, filter, click through, export.

What the page shows is compared with the Python analytics for the same view; the map's own
loop is checked to stay off the server while the Analysis tab is closed.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.core.analysis import data
from components.panels.analysis import GRAPHS
from components.panels.url_state import state_from_query

from .conftest import assert_no_console_errors, map_meta, query, server_calls, wait_for

pytestmark = pytest.mark.browser

TRACES_JS = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
return gd && gd.data ? gd.data.map(t => ({name: t.name, x: t.x, y: t.y, customdata: t.customdata,
                                          locations: t.locations})) : null;
"""

POINT_JS = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const trace = gd.querySelectorAll('.scatterlayer .trace')[arguments[1]];
const box = trace.querySelectorAll('.points .point')[arguments[2]].getBoundingClientRect();
return [box.left + box.width / 2, box.top + box.height / 2];
"""


def into_view(duo, element):
    """Scroll to an element at once (Bootstrap's smooth scrolling would still be moving the page)."""
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    return element


def drawn(duo, chart: str):
    return duo.driver.execute_script(TRACES_JS, f"#{GRAPHS[chart]}")


def wait_for_charts(duo) -> None:
    for chart in GRAPHS:
        wait_for(lambda: drawn(duo, chart), message=f"the {chart} chart")


def click_point(duo, chart: str, trace: int, index: int) -> None:
    """A real mouse click on one point of a cartesian chart, as a user would do it."""
    into_view(duo, duo.find_element(f"#{GRAPHS[chart]}"))
    previous = None
    while (position := duo.driver.execute_script(POINT_JS, f"#{GRAPHS[chart]}", trace, index)) != previous:
        previous = position
        time.sleep(0.4)
    x, y = position
    ActionChains(duo.driver).move_to_location(int(x) - 2, int(y)).pause(0.2).move_to_location(int(x), int(y)) \
        .pause(0.3).click().perform()


def expected_adoption(dataset, state) -> list:
    curves = data.adoption(dataset, state).curves
    return [curves.loc[curves["country"] == c, column].round(9).tolist()
            for c in data.selected_countries(state) for column in ("share_acted", "share_with_plan", "share_with_own_plan")]


def drawn_adoption(duo) -> list:
    lines = [t for t in drawn(duo, "adoption") or [] if t["name"] and "milestone" not in t["name"].lower()]
    return [[round(v, 9) for v in t["y"]] for t in lines]


def test_a_link_opens_the_analysis_tab_with_every_chart_drawn_for_its_view(dash_duo, open_link, real_adjacency):
    link = "?tab=analysis&end=2024-06&countries=CN,KR"
    dataset = open_link(link)
    wait_for_charts(dash_duo)
    state = state_from_query(dataset, link)
    assert dash_duo.find_element("#tab .nav-link.active").text == "Analysis"
    assert not dash_duo.find_element("#map").is_displayed() and dash_duo.find_element("#date-range").is_displayed()
    wait_for(lambda: drawn_adoption(dash_duo) == expected_adoption(dataset, state), message="adoption curves")
    assert dash_duo.find_element("#adoption-title").text == "Adoption: regions that have acted, to 2024-06"
    hype = data.hype(dataset, state)
    assert [t["name"] for t in drawn(dash_duo, "hype")] == ["China", "South Korea"]
    assert [sum(t["y"]) for t in drawn(dash_duo, "hype")] == [
        int(hype.loc[hype["country"] == c, "actions"].sum()) for c in ("CN", "KR")]
    test = data.neighbours(dataset, state, real_adjacency).test
    assert f"{test.observed_mean:.1%}" in dash_duo.find_element("#neighbour-observed").text
    assert f"p-value: {test.p_value:.2g} (1,000 seeded shuffles" in dash_duo.find_element("#neighbour-p").text
    assert "share a rank" in dash_duo.find_element("#ranking-ties").text
    assert_no_console_errors(dash_duo)


def test_a_filter_change_in_the_analysis_tab_redraws_the_charts_with_python_s_numbers(dash_duo, open_link):
    dataset = open_link("?tab=analysis")
    wait_for_charts(dash_duo)
    dash_duo.driver.execute_script("document.querySelector('#countries input[value=\"CN\"]').click()")
    wait_for(lambda: query(dash_duo).get("countries") == "KR,JP", message="URL after unticking China")
    state = state_from_query(dataset, "?countries=KR,JP")
    wait_for(lambda: drawn_adoption(dash_duo) == expected_adoption(dataset, state), message="adoption for KR and JP")
    ranking = data.ranking(dataset, state)
    acted = ranking[ranking["acted"]]
    wait_for(lambda: [c[1] for c in drawn(dash_duo, "ranking")[1]["customdata"]] == acted["region_id"].tolist(),
             message="ranking without China")
    assert query(dash_duo)["tab"] == "analysis"
    assert_no_console_errors(dash_duo)


def test_clicking_a_region_point_opens_that_region_on_the_map(dash_duo, open_link):
    dataset = open_link("?tab=analysis&countries=JP")
    wait_for_charts(dash_duo)
    wait_for(lambda: {c[1][:2] for c in drawn(dash_duo, "ranking")[1]["customdata"]} == {"JP"}, message="Japan only")
    first = drawn(dash_duo, "ranking")[1]["customdata"][0][1]
    click_point(dash_duo, "ranking", 1, 0)
    wait_for(lambda: query(dash_duo).get("region") == first, message="region in the URL")
    assert "tab" not in query(dash_duo)
    name = dataset.regions.at[first, "name_en"]
    wait_for(lambda: name in dash_duo.find_element("#panel-title").text, message="the region's panel")
    wait_for(lambda: dash_duo.find_element("#map").is_displayed(), message="the map tab")
    wait_for(lambda: map_meta(dash_duo)["query"] == f"?countries=JP&region={first}", message="map with the region")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot')._fullLayout.width") > 400, message="the map at full width")
    assert_no_console_errors(dash_duo)


def test_clicking_a_quarter_moves_the_window_end_to_its_last_month(dash_duo, open_link):
    dataset = open_link("?tab=analysis")
    wait_for_charts(dash_duo)
    china = drawn(dash_duo, "hype")[0]
    index = [c[1] for c in china["customdata"]].index("2023-Q2")
    click_point(dash_duo, "hype", 0, index)
    wait_for(lambda: query(dash_duo).get("end") == "2023-06", message="window end in the URL")
    assert "2021-01 to 2023-06" in dash_duo.find_element("#date-label").text
    wait_for(lambda: dash_duo.find_element("#adoption-title").text.endswith("to 2023-06"), message="charts follow")
    state = state_from_query(dataset, "?end=2023-06")
    wait_for(lambda: drawn_adoption(dash_duo) == expected_adoption(dataset, state), message="adoption to 2023-06")
    assert query(dash_duo)["tab"] == "analysis"
    assert_no_console_errors(dash_duo)


def test_a_chart_csv_holds_what_the_chart_shows_under_a_name_that_says_so(dash_duo, open_link):
    dataset = open_link("?tab=analysis&start=2022-01&end=2023-12&levels=provincial")
    wait_for_charts(dash_duo)
    state = state_from_query(dataset, "?start=2022-01&end=2023-12&levels=provincial")
    into_view(dash_duo, dash_duo.find_element("#hype-csv")).click()
    files = wait_for(lambda: list(Path(dash_duo.download_path).glob("*.csv")), message="downloaded CSV")
    assert files[0].name == f"metaverse-policy-hype-cycle-per-quarter_v{dataset.version}_2022-01_to_2023-12_levels-provincial.csv"
    with files[0].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    shown = drawn(dash_duo, "hype")
    assert [(r["country"], r["period"], int(r["actions"])) for r in rows] == [
        (c, p[1], y) for c, t in zip(("CN", "KR", "JP"), shown) for p, y in zip(t["customdata"], t["y"])]
    assert sum(int(r["actions"]) for r in rows) == len(data.chart_actions(dataset, state, "hype"))
    assert_no_console_errors(dash_duo)


def test_a_chart_exports_as_png_from_its_toolbar(dash_duo, open_link):
    dataset = open_link("?tab=analysis")
    wait_for_charts(dash_duo)
    graph = into_view(dash_duo, dash_duo.find_element("#lag-graph"))
    ActionChains(dash_duo.driver).move_to_element(graph).perform()
    graph.find_element(By.CSS_SELECTOR, ".modebar-btn[data-title^='Download plot']").click()
    files = wait_for(lambda: list(Path(dash_duo.download_path).glob("*.png")), message="downloaded PNG")
    assert files[0].name == f"metaverse-policy-national-to-local-lag_v{dataset.version}.png"
    assert files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_no_console_errors(dash_duo)


def test_the_map_loop_asks_the_server_nothing_while_the_analysis_tab_is_closed(dash_duo, open_link):
    dataset = open_link()
    edge = dataset.month_labels.index(dataset.collected_to)  # the slider starts at the edge of collection
    assert dash_duo.find_element("#map").is_displayed() and not dash_duo.find_element("#analysis").is_displayed()
    calls = server_calls(dash_duo)
    handle = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.click()
    handle.send_keys(Keys.ARROW_LEFT)
    wait_for(lambda: map_meta(dash_duo)["query"] == f"?end={dataset.month_labels[edge - 1]}", message="one step back")
    dash_duo.driver.execute_script("document.querySelector('#countries input[value=\"KR\"]').click()")
    wait_for(lambda: query(dash_duo).get("countries") == "CN,JP", message="filter toggled")
    assert server_calls(dash_duo) == calls

    dash_duo.find_element("#tab .nav-link:not(.active)").click()
    wait_for(lambda: query(dash_duo).get("tab") == "analysis", message="analysis tab in the URL")
    wait_for(lambda: server_calls(dash_duo) == calls + len(GRAPHS), message="one request per chart")
    state = state_from_query(dataset, f"?end={dataset.month_labels[edge - 1]}&countries=CN,JP")
    wait_for(lambda: drawn_adoption(dash_duo) == expected_adoption(dataset, state), message="charts for the map's view")

    dash_duo.find_element("#tab .nav-link:not(.active)").click()
    wait_for(lambda: dash_duo.find_element("#map").is_displayed(), message="back on the map")
    after = server_calls(dash_duo)
    handle = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.click()
    handle.send_keys(Keys.ARROW_LEFT)
    wait_for(lambda: map_meta(dash_duo)["query"].startswith(f"?end={dataset.month_labels[edge - 2]}"), message="another step")
    assert server_calls(dash_duo) == after
    assert_no_console_errors(dash_duo)


def test_play_in_the_analysis_tab_redraws_the_charts_once_when_it_stops(dash_duo, open_link, bundled):
    dataset = open_link(f"?tab=analysis&end={bundled.month_labels[-5]}")
    wait_for_charts(dash_duo)
    wait_for(lambda: dash_duo.find_element("#adoption-title").text.endswith(dataset.month_labels[-5]), message="charts")
    calls = server_calls(dash_duo)
    into_view(dash_duo, dash_duo.find_element("#play")).click()
    wait_for(lambda: query(dash_duo).get("end") == dataset.month_labels[-1]
             and not dash_duo.find_element("#play").get_attribute("disabled"), message="play to the last month")
    wait_for(lambda: dash_duo.find_element("#adoption-title").text.endswith(dataset.month_labels[-1]), message="charts")
    state = state_from_query(dataset, f"?end={dataset.month_labels[-1]}")
    wait_for(lambda: drawn_adoption(dash_duo) == expected_adoption(dataset, state), message="adoption to the end")
    assert server_calls(dash_duo) == calls + len(GRAPHS)
    assert_no_console_errors(dash_duo)

