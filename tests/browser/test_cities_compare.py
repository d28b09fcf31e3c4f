"""Cities on the map and two moments side by side, in Chromium (issue 24, parts 2 and 3).

Journeys: the cities switch writes ``cities=1`` and draws the points; a click on a point narrows the panel
to that place (and "Show all" widens it again); regions around the points still open on a click; the
compare control draws two maps with one legend and the readout Python writes, side by side on a desktop
and stacked on a phone, and in presentation mode. Parity: the engine's points and comparison against
``figures.city_layer`` / ``compare_readout_lines`` / ``newly_acted`` on seeded random views. Hostile text
in an uploaded locality stays text. axe-core on both views. Every test ends with no console errors.
"""

from __future__ import annotations

import csv
import io
import random

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from components.core.view import figures
from components.core.data.columns import Col
from components.core.view.dots import dot_layout
from components.core.view.state import FILTERS, METRICS, ZOOMS
from components.panels.url_state import default_state, state_from_query
from tests.conftest import HEADER

from .conftest import (
    assert_no_console_errors, click_when_clear, go_to, map_meta, query, screen_point, wait_for,
)
from .test_accessibility import axe_violations, blocking, describe
from .test_phone_layout import no_sideways_scroll, open_at
from .test_upload_journeys import upload

pytestmark = pytest.mark.browser

TRACES_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
return gd.data.map(t => ({name: t.name, lon: t.lon, lat: t.lat, customdata: t.customdata, text: t.text,
  size: t.marker && t.marker.size, color: t.marker && t.marker.color, geo: t.geo || 'geo'}));
"""


def traces(duo) -> dict:
    drawn = duo.driver.execute_script(TRACES_JS)
    return {(t["name"], t["geo"]): t for t in drawn}


def readout(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#map-readout > div'), d => d.textContent)")


def expected_points(dataset, state, name: str = "cities") -> dict:
    actions, _, encoding = figures.encode_view(dataset, state)
    layer = figures.city_layer(dataset, state, actions, encoding)
    zoom = state.zoom
    trace = next(t for t in figures.city_traces(dataset, layer, dot_layout(dataset), zoom) if t.name == name)
    return {"customdata": [list(c) for c in trace.customdata] if trace.customdata is not None else None,
            "text": list(trace.text) if trace.text is not None else None, "lon": list(trace.lon),
            "size": list(trace.marker.size), "color": list(trace.marker.color)}


def test_the_cities_switch_draws_points_and_a_click_narrows_the_panel_to_that_place(dash_duo, open_link):
    dataset = open_link("?zoom=CN")
    assert ("cities", "geo") not in traces(dash_duo)
    click_when_clear(dash_duo, dash_duo.find_element("label[for=cities]"), message="the cities switch")
    wait_for(lambda: query(dash_duo).get("cities") == "1", message="cities=1 in the address")
    points = wait_for(lambda: traces(dash_duo).get(("cities", "geo")), message="the cities layer")
    state = state_from_query(dataset, "?zoom=CN&cities=1")
    assert points["customdata"] == expected_points(dataset, state)["customdata"]
    assert dash_duo.find_element("#map-legend").text.count("City or district that acted") == 1

    zhengzhou = points["customdata"].index(["CN-HA", "1784658"])
    x, y = screen_point(dash_duo, points["lon"][zhengzhou], points["lat"][zhengzhou])
    ActionChains(dash_duo.driver).move_to_location(x - 1, y).pause(0.2).move_to_location(x, y).pause(0.4).perform()
    hover = wait_for(lambda: dash_duo.driver.execute_script(
        "const h = document.querySelector('#map .hoverlayer .hovertext'); return h && h.textContent"), message="hover")
    assert "Zhengzhou" in hover and ": 5" in hover and "Jinshui District" in hover
    ActionChains(dash_duo.driver).click().perform()
    wait_for(lambda: query(dash_duo).get("locality") == "1784658" and query(dash_duo).get("region") == "CN-HA",
             message="the place and its region in the address")
    note = wait_for(lambda: dash_duo.find_element("#panel-locality").text, message="the panel narrowed")
    assert note.startswith("Only Zhengzhou: 5 action(s) in view")
    listed = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#action-list [data-action-id]'), e => e.dataset.actionId)")
    frame = dataset.actions
    mine = frame[(frame[Col.REGION_ID] == "CN-HA") & frame[Col.LOCALITY].isin(["Zhengzhou", "Zhengzhou, Jinshui District"])]
    assert sorted(listed) == sorted(mine[Col.ACTION_ID])
    click_when_clear(dash_duo, dash_duo.find_element("#panel-locality-clear"), message="Show all of Henan")
    wait_for(lambda: "locality" not in query(dash_duo) and query(dash_duo).get("region") == "CN-HA",
             message="the place let go, the region kept")
    wait_for(lambda: len(dash_duo.driver.execute_script(
        "return document.querySelectorAll('#action-list [data-action-id]')")) > len(listed), message="all of Henan")
    assert_no_console_errors(dash_duo)


@pytest.mark.parametrize("zoom, regions", [("all", ["KR-47", "CN-JS", "CN-HB", "JP-13", "KR-11"]), ("KR", ["KR-41", "KR-30", "KR-47"]),
                                           ("JP", ["JP-15", "JP-23", "JP-13", "JP-27"]), ("CN", ["CN-SC", "CN-HB", "CN-BJ", "CN-SD"])])
def test_regions_and_small_regions_dots_stay_clickable_with_the_layer_on(dash_duo, open_link, zoom, regions):
    """A click 2 px beyond every point's radius reaches the region (or its dot) under it, not a place."""
    dataset = open_link(f"?cities=1&zoom={zoom}")
    points = wait_for(lambda: traces(dash_duo).get(("cities", "geo")), message="the cities layer")
    centres = dash_duo.driver.execute_script(PROJECT_MANY_JS, [[x, y] for x, y in zip(points["lon"], points["lat"])])
    radii = [size / 2 for size in points["size"]]
    dots = traces(dash_duo)[("small regions", "geo")]
    for region in regions:
        if region in dots["customdata"]:
            i = dots["customdata"].index(region)
            lon, lat = dots["lon"][i], dots["lat"][i]
        else:
            lon, lat = clear_spot(dash_duo, dataset, region, centres, radii)
        x, y = screen_point(dash_duo, lon, lat)
        ActionChains(dash_duo.driver).move_to_location(x - 1, y).pause(0.1).move_to_location(x, y).pause(0.3).click().perform()
        wait_for(lambda: query(dash_duo).get("region") == region, message=f"{region} opened by a click")
        assert "locality" not in query(dash_duo)
    assert_no_console_errors(dash_duo)


PROJECT_MANY_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const project = gd._fullLayout.geo._subplot.projection;
return arguments[0].map(p => project(p));
"""

#: Whether the HTML legend (or anything else) lies over a map point, where a user could not click it.
COVERED_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
document.querySelector('#map').scrollIntoView({behavior: 'instant'});
const project = gd._fullLayout.geo._subplot.projection;
const path = gd.querySelector('.choroplethlocation');
return arguments[0].map(p => {
  const xy = project(p), pt = path.ownerSVGElement.createSVGPoint(); pt.x = xy[0]; pt.y = xy[1];
  const s = pt.matrixTransform(path.getScreenCTM());
  const top = document.elementFromPoint(s.x, s.y);
  return !top || !gd.contains(top);
});
"""


def clear_spot(duo, dataset, region: str, centres, radii) -> tuple[float, float]:
    """A spot inside the region at least 2 px beyond every city point's radius (and 4 px from its edge)."""
    import shapely.geometry

    feature = next(f for f in dataset.geojson["features"] if f["properties"]["region_id"] == region)
    shape = shapely.geometry.shape(feature["geometry"])
    west, south, east, north = shape.bounds
    inside = [c for c in ((west + (east - west) * (i + 0.5) / 48, south + (north - south) * (j + 0.5) / 48)
                          for i in range(48) for j in range(48)) if shape.contains(shapely.geometry.Point(c))]
    covered = duo.driver.execute_script(COVERED_JS, [list(c) for c in inside])
    inside = [c for c, hidden in zip(inside, covered) if not hidden]
    assert inside, f"{region} lies wholly under the legend"
    screen = duo.driver.execute_script(PROJECT_MANY_JS, [list(c) for c in inside])
    ref = duo.driver.execute_script(PROJECT_MANY_JS, [list(inside[0]), [inside[0][0] + 1, inside[0][1]]])
    px_per_degree = abs(ref[1][0] - ref[0][0])

    def clearance(k):
        to_points = min((((screen[k][0] - c[0]) ** 2 + (screen[k][1] - c[1]) ** 2) ** 0.5 - r
                         for c, r in zip(centres, radii)), default=99.0)
        return min(to_points, shape.boundary.distance(shapely.geometry.Point(inside[k])) * px_per_degree)

    best = max(range(len(inside)), key=clearance)
    assert clearance(best) >= 2, f"{region}: no spot 2 px clear of the points"
    return inside[best]


def test_compare_draws_two_maps_with_one_legend_and_pythons_readout(dash_duo, open_link):
    dataset = open_link()
    control = dash_duo.find_element("#compare")
    click_when_clear(dash_duo, control, message="the compare control")
    option = wait_for(lambda: dash_duo.driver.find_element(
        "css selector", "[role=option]:has(input[value='2023-06'])"), message="the 2023-06 option")
    click_when_clear(dash_duo, option, message="2023-06")
    wait_for(lambda: query(dash_duo).get("compare") == "2023-06", message="compare=2023-06 in the address")
    state = state_from_query(dataset, "?compare=2023-06")
    wait_for(lambda: readout(dash_duo) == figures.compare_readout_lines(dataset, state), message="the compare readout")
    drawn = traces(dash_duo)
    assert ("regions", "geo") in drawn and ("regions", "geo2") in drawn
    regions = drawn[("regions", "geo2")]
    new = drawn[("new", "geo2")]
    assert len(new["lon"]) == len(figures.newly_acted(dataset, state))
    layout = dash_duo.driver.execute_script(
        "const l = document.querySelector('#map .js-plotly-plot').layout; return [l.geo.domain, l.geo2.domain]")
    assert layout[0]["x"][1] <= layout[1]["x"][0]  # side by side
    legend = dash_duo.find_element("#map-legend").text
    assert legend.count("No action in the data") == 1 and "Acted for the first time after 2023-06" in legend
    assert regions["customdata"]
    click_when_clear(dash_duo, dash_duo.find_element("label[for=compare-changes]"), message="only what is new")
    wait_for(lambda: query(dash_duo).get("changes") == "1", message="changes=1")
    wait_for(lambda: "Had acted by 2023-06" in dash_duo.find_element("#map-legend").text, message="the grey entry")
    assert_no_console_errors(dash_duo)


def test_compare_stacks_on_a_phone_and_fills_a_presentation(dash_duo, open_link):
    dataset = open_at(dash_duo, open_link, 390, 844, "?compare=2023-06")
    wait_for(lambda: ("regions", "geo2") in traces(dash_duo), message="two maps")
    geo, geo2 = dash_duo.driver.execute_script(
        "const l = document.querySelector('#map .js-plotly-plot').layout; return [l.geo.domain, l.geo2.domain]")
    assert geo["y"][0] >= geo2["y"][1], "stacked: the earlier month above"
    assert no_sideways_scroll(dash_duo)
    state = state_from_query(dataset, "?compare=2023-06")
    assert readout(dash_duo) == figures.compare_readout_lines(dataset, state)
    go_to(dash_duo, "?compare=2023-06&present=1")
    wait_for(lambda: "presenting" in dash_duo.find_element("#page").get_attribute("class"), message="presentation mode")
    assert_no_console_errors(dash_duo)


def random_state(rng: random.Random, dataset):
    labels = dataset.month_labels
    start, end = sorted(rng.sample(range(len(labels)), 2))
    pick = lambda options: [k for k in options if rng.random() < 0.7] or [rng.choice(list(options))]  # noqa: E731
    return default_state(dataset).replace(
        start=labels[start], end=labels[end], metric=rng.choice(list(METRICS)), zoom=rng.choice(list(ZOOMS)),
        **{name: (pick(options) if rng.random() < 0.5 else list(options)) for name, options in FILTERS.items()},
        cities=True, compare=labels[rng.randrange(len(labels))] if rng.random() < 0.5 else None,
        rescale=rng.random() < 0.2)


def test_points_and_comparisons_agree_with_the_python_reference(dash_duo, open_link):
    dataset = open_link()
    rng = random.Random(20261207)
    defaults = default_state(dataset)
    for number in range(24):
        state = random_state(rng, dataset)
        link = state.to_query(defaults)
        go_to(dash_duo, link)
        wait_for(lambda: map_meta(dash_duo)["query"] == link, message=f"view {number} ({link})")
        drawn = traces(dash_duo)
        if state.compare:
            assert readout(dash_duo) == figures.compare_readout_lines(dataset, state), link
            new = drawn[("new", "geo2")]
            assert len(new["lon"]) == len(figures.newly_acted(dataset, state)), link
            assert ("cities", "geo") not in drawn
            continue
        for name in ("cities", "cities under dots"):
            points = drawn[(name, "geo")]
            expected = expected_points(dataset, state, name)
            assert points["lon"] == expected["lon"], (link, name)
            assert points["customdata"] == expected["customdata"], (link, name)
            assert points["text"] == expected["text"], (link, name)
            assert points["color"] == expected["color"], (link, name)
            assert points["size"] == pytest.approx(expected["size"], abs=0.011), (link, name)
    assert_no_console_errors(dash_duo)


def test_a_hostile_locality_is_shown_as_text(dash_duo, open_link, tmp_path):
    open_link()
    payload = '<img src=x class=xss onerror="window.__xss=1">'
    header = HEADER.strip() + ",locality_id"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header.split(","))
    writer.writerow(["hostile-city", "2024-03-01", "day", "CN", "municipal", "CN-ZJ", payload, payload, payload, "",
                     "event", payload, payload, "https://example.org/1", "reported", "", "1808926"])
    path = tmp_path / "hostile.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    upload(dash_duo, path)
    wait_for(lambda: "1 action" in dash_duo.find_element("#table-count").text, message="the upload in view")
    go_to(dash_duo, "?cities=1&zoom=CN")
    points = wait_for(lambda: traces(dash_duo).get(("cities", "geo")), message="the point")
    assert points["customdata"] == [["CN-ZJ", "1808926"]]
    assert "&lt;img src=x" in points["text"][0]
    x, y = screen_point(dash_duo, points["lon"][0], points["lat"][0])
    ActionChains(dash_duo.driver).move_to_location(x - 1, y).pause(0.2).move_to_location(x, y).pause(0.4).perform()
    hover = wait_for(lambda: dash_duo.driver.execute_script(
        "const h = document.querySelector('#map .hoverlayer .hovertext'); return h && h.textContent"), message="hover")
    assert "In the data as: " + payload in hover  # the payload as written, shown as text
    ActionChains(dash_duo.driver).click().perform()
    note = wait_for(lambda: dash_duo.find_element("#panel-locality").text, message="the panel narrowed")
    assert "Hangzhou" in note
    assert payload in dash_duo.find_element("#action-list").text
    assert dash_duo.driver.execute_script("return document.querySelectorAll('.xss').length + (window.__xss ? 1 : 0)") == 0
    assert_no_console_errors(dash_duo)


def test_axe_finds_nothing_on_the_cities_layer_and_a_comparison(dash_duo, open_link):
    open_link("?cities=1&region=CN-ZJ&locality=1808926")
    wait_for(lambda: dash_duo.find_element("#panel-locality").text, message="the narrowed panel")
    found = []
    for where in ("cities, a place", "compare", "compare, presenting"):
        if where == "compare":
            go_to(dash_duo, "?compare=2023-06&changes=1")
            wait_for(lambda: ("regions", "geo2") in traces(dash_duo), message="two maps")
        if where == "compare, presenting":
            go_to(dash_duo, "?compare=2023-06&present=1")
            wait_for(lambda: "presenting" in dash_duo.find_element("#page").get_attribute("class"), message="presenting")
        violations = axe_violations(dash_duo)
        if blocking(violations) or violations:
            found.append(describe(where, violations))
    assert not found, "axe-core violations:\n" + "\n".join(found)
    assert_no_console_errors(dash_duo)
