"""Every geometry the map draws is wound as d3-geo reads it, and a wrongly wound one stops the start.

Covers the boundary file, the overview copy built from it, the land around (neighbours_context)
and what is derived from them for drawing: the map figure the page, the PNG/PPTX exports and the
offline briefing are built from (figures.map_figure), and the briefing's standalone HTML.
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, shape

import app as app_module
from components.core.view import figures
from components.core.data.dataset import DEFAULT_REGIONS_PATH, load_dataset, load_geojson
from components.core.view.display_geometry import OVERVIEW_TOLERANCE, overview_geojson
from components.core.view.dots import dot_layout
from components.core.data.geometry_check import (
    GeometryError,
    check_geojson,
    covered_share,
    geojson_problems,
    part_problems,
)
from components.core.view.neighbours_context import neighbour_features
from components.core.view.state import ViewState
from tests.conftest import DEFAULT_ACTIONS_PATH


@pytest.fixture(scope="module")
def boundary_file() -> dict:
    return load_geojson(DEFAULT_REGIONS_PATH)


@pytest.fixture(scope="module")
def overview(boundary_file) -> dict:
    return overview_geojson(boundary_file)


def _outer_rings(geojson: dict):
    for feature in geojson["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            yield feature["properties"]["region_id"], polygon


def test_the_boundary_file_has_every_outer_ring_clockwise_and_every_hole_counter_clockwise(boundary_file):
    rings = list(_outer_rings(boundary_file))
    assert len(rings) > 600
    assert [r for r, p in rings if p.exterior.is_ccw] == []
    assert [r for r, p in rings if any(not h.is_ccw for h in p.interiors)] == []
    assert geojson_problems(boundary_file) == []


def test_the_overview_copy_is_wound_for_d3_after_its_simplification(overview, boundary_file):
    assert [f["properties"] for f in overview["features"]] == [f["properties"] for f in boundary_file["features"]]
    assert [r for r, p in _outer_rings(overview) if p.exterior.is_ccw] == []
    assert geojson_problems(overview) == []


def test_no_region_of_either_file_covers_more_than_a_few_thousandths_of_the_globe(boundary_file, overview):
    # China's largest province, Xinjiang, is about 0.3% of the earth's surface; an inside-out ring is ~100%.
    for geojson in (boundary_file, overview):
        shares = {region: covered_share(p.exterior) for region, p in _outer_rings(geojson)}
        assert max(shares.values()) < 0.005, max(shares.items(), key=lambda kv: kv[1])


def test_simplification_alone_would_turn_regions_inside_out_so_the_check_has_something_to_catch(boundary_file):
    """The raw coverage_simplify output (before ``drawable``) has counter-clockwise outer rings, which the
    check reports by region: without the re-orientation the overview could not be served."""
    raw = shapely.coverage_simplify([shape(f["geometry"]) for f in boundary_file["features"]], OVERVIEW_TOLERANCE)
    unoriented = {"features": [{"properties": f["properties"], "geometry": shapely.geometry.mapping(g)}
                               for f, g in zip(boundary_file["features"], raw)]}
    flipped = {p.region_id for p in geojson_problems(unoriented)}
    assert flipped, "coverage_simplify flipped no ring on this file; the test no longer shows the check's use"
    with pytest.raises(GeometryError) as caught:
        check_geojson(unoriented, "raw overview")
    assert all(region in caught.value.report() for region in flipped)


def test_the_land_around_is_wound_for_d3():
    features = neighbour_features()
    assert len(features) > 5
    assert geojson_problems({"features": list(features)}) == []


@pytest.fixture(scope="module")
def bundled_map(bundled):
    dots = dot_layout(bundled)
    return bundled, dots, figures.region_label_points(bundled)


def _drawn_geojsons(figure: dict):
    return [trace["geojson"] for trace in figure["data"] if trace.get("type") == "choropleth"]


@pytest.mark.parametrize("zoom", ["all", "CN", "KR", "JP"])
def test_every_choropleth_of_the_exported_map_is_wound_for_d3(bundled_map, zoom):
    """figures.map_figure is what the map PNG, the PPTX slides and the offline briefing draw."""
    dataset, dots, points = bundled_map
    figure = json.loads(figures.map_figure(dataset, ViewState(zoom=zoom), dots, points).to_json())
    drawn = _drawn_geojsons(figure)
    assert len(drawn) == 2
    for geojson in drawn:
        assert geojson_problems(geojson) == []


def test_the_offline_briefing_html_carries_only_wound_geometry(bundled):
    from components.core.briefing import storyboard as story_file
    from components.core.briefing import scene_facts
    from components.core.briefing.standalone import briefing_html
    from tests.conftest import ROOT

    path = sorted((ROOT / "data" / "storyboards").glob("*.json"))[0]
    story = story_file.parse_storyboard(path.read_bytes(), bundled)
    html = briefing_html(bundled, story, scene_facts(bundled, story)).decode("utf-8")
    geojsons = list(_embedded_geojson(html))
    assert len(geojsons) >= 2  # the regions and the land around
    for geojson in geojsons:
        assert geojson["features"]
        assert geojson_problems(geojson) == []


def _embedded_geojson(html: str):
    decoder = json.JSONDecoder()
    start = html.find('{"type":"FeatureCollection"')
    while start >= 0:
        value, end = decoder.raw_decode(html, start)
        yield value
        start = html.find('{"type":"FeatureCollection"', end)


def _reversed_first_ring(geojson: dict, region: str) -> dict:
    broken = copy.deepcopy(geojson)
    feature = next(f for f in broken["features"] if f["properties"]["region_id"] == region)
    rings = feature["geometry"]["coordinates"]
    first = rings[0] if feature["geometry"]["type"] == "Polygon" else rings[0][0]
    first.reverse()
    return broken


def test_a_reversed_outer_ring_is_refused_naming_the_region(boundary_file, tmp_path):
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps(_reversed_first_ring(boundary_file, "JP-42")), encoding="utf-8")
    with pytest.raises(GeometryError) as caught:
        load_dataset(DEFAULT_ACTIONS_PATH, path)
    report = caught.value.report()
    assert [p.region_id for p in caught.value.problems] == ["JP-42"]
    assert "region JP-42, polygon part 0: outer ring is wound counter-clockwise" in report
    assert str(path) in report


def test_the_start_stops_with_the_message_and_no_traceback(boundary_file, tmp_path, monkeypatch, capsys):
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps(_reversed_first_ring(boundary_file, "CN-HK")), encoding="utf-8")
    monkeypatch.setattr(app_module, "DEFAULT_REGIONS_PATH", path)
    assert app_module.main(["serve", "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert "region CN-HK, polygon part 0: outer ring is wound counter-clockwise" in err
    assert "Nothing was started" in err
    assert "Traceback" not in err


def _ring(lon0, lat0, lon1, lat1, step=1.0):
    """A clockwise ring along the box's edges, a vertex every ``step`` degrees (d3-geo draws great arcs)."""
    lons = list(np.arange(lon0, lon1 + step / 2, step))
    lats = list(np.arange(lat0, lat1 + step / 2, step))
    counter_clockwise = ([(x, lat0) for x in lons] + [(lon1, y) for y in lats[1:]]
                         + [(x, lat1) for x in lons[::-1][1:]] + [(lon0, y) for y in lats[::-1][1:]])
    return counter_clockwise[::-1]


def test_a_polygon_larger_than_a_hemisphere_is_refused_even_when_clockwise():
    huge = Polygon(_ring(-170, -80, 170, 80))
    assert not huge.exterior.is_ccw
    assert any("more than a hemisphere" in rule for rule in part_problems(huge))
    small = Polygon(_ring(120, 30, 122, 32))
    assert part_problems(small) == []


def test_a_clockwise_hole_is_refused():
    outer = _ring(120, 30, 125, 35)
    hole = _ring(121, 31, 122, 32)  # clockwise, as an outer ring would be
    rules = part_problems(Polygon(outer, [hole]))
    assert rules == ["hole 0 is wound clockwise; the map would fill it instead of cutting it out"]
