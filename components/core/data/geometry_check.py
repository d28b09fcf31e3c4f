"""Boundaries wound as the map reads them, and a check that refuses any that are not.

Why: plotly.js draws GeoJSON with d3-geo, which works on the sphere and tells a polygon's
inside from its outside by the winding of its rings: an outer ring must run clockwise (holes
counter-clockwise). A counter-clockwise outer ring is read as "the whole globe except this
region", and the map is painted over in that region's colour. Every simplification, snapping
or rounding step can flip a small ring, so every geometry the app draws (the boundary file,
its lighter overview copy, the land around) is re-oriented after its last such step
(``oriented``), and ``check_geojson`` refuses a file that still has a ring wound the wrong way
or a polygon covering more than a hemisphere. ``build-boundaries`` runs the check before it
writes the file and the app runs it at start-up, so a broken file stops the start with a
message naming the region rather than drawing a wrong map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from pyproj import Geod
from shapely.geometry import mapping, shape

GEOD = Geod(ellps="WGS84")


def _ellipsoid_area(a: float, f: float) -> float:
    """Surface area of the ellipsoid (square metres)."""
    e = math.sqrt(f * (2 - f))
    return 2 * math.pi * a * a * (1 + (1 - e * e) / e * math.atanh(e))


EARTH_AREA_M2 = _ellipsoid_area(GEOD.a, GEOD.f)
GRID_DEG = 0.001


@dataclass(frozen=True, order=True)
class GeometryProblem:
    """One polygon part that the map would draw wrongly."""

    region_id: str
    part: int
    rule: str

    def __str__(self) -> str:
        return f"region {self.region_id}, polygon part {self.part}: {self.rule}"


class GeometryError(ValueError):
    """A boundary file the map cannot draw; carries every problem found."""

    def __init__(self, source: str, problems: list[GeometryProblem]):
        self.source = str(source)
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        regions = sorted({p.region_id for p in self.problems})
        lines = [f"{self.source}: {len(self.problems)} geometry problem(s) in {', '.join(regions)}"]
        lines += [f"  {p}" for p in self.problems]
        lines.append("  The map (d3-geo) needs outer rings clockwise and holes counter-clockwise; "
                     "rebuild the boundaries with `python app.py build-boundaries`.")
        return "\n".join(lines)


def oriented(geometries):
    """Outer rings clockwise, holes counter-clockwise (d3-geo's rule); array in, array out."""
    return shapely.orient_polygons(geometries, exterior_cw=True)


def drawable(geometries, grid: float = GRID_DEG):
    """Geometries snapped to ``grid`` degrees (kept valid) and then oriented: the last steps before drawing."""
    return oriented(shapely.set_precision(geometries, grid))


def geojson_geometry(geometry, decimals: int) -> dict:
    """A shapely geometry as a GeoJSON geometry with coordinates at ``decimals`` places."""
    drawn = mapping(geometry)
    return {"type": drawn["type"], "coordinates": _rounded(drawn["coordinates"], decimals)}


def _rounded(coordinates, decimals: int):
    if isinstance(coordinates[0], (int, float)):
        return [round(c, decimals) for c in coordinates]
    return [_rounded(c, decimals) for c in coordinates]


def covered_share(ring) -> float:
    """The share of the globe that d3-geo paints for ``ring`` as an outer ring (clockwise = its inside)."""
    lons, lats = zip(*((x, y) for x, y, *_ in ring.coords))
    signed, _ = GEOD.polygon_area_perimeter(lons, lats)  # counter-clockwise positive
    covered = -signed if signed <= 0 else EARTH_AREA_M2 - signed
    return covered / EARTH_AREA_M2


def part_problems(polygon) -> list[str]:
    """What is wrong with one polygon as d3-geo would draw it (empty when nothing is)."""
    rules = []
    share = covered_share(polygon.exterior)
    if polygon.exterior.is_ccw:
        rules.append(f"outer ring is wound counter-clockwise; the map would paint {share:.1%} of the globe "
                     "(everything but this polygon)")
    elif share > 0.5:
        rules.append(f"covers {share:.1%} of the globe, more than a hemisphere")
    for number, hole in enumerate(polygon.interiors):
        if not hole.is_ccw:
            rules.append(f"hole {number} is wound clockwise; the map would fill it instead of cutting it out")
    return rules


def feature_problems(feature: dict, index: int) -> list[GeometryProblem]:
    props = feature.get("properties") or {}
    region = str(props.get("region_id") or feature.get("id") or f"feature {index}")
    geometry = shape(feature["geometry"])
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return [GeometryProblem(region, 0, f"is a {geometry.geom_type}, not a polygon")]
    problems = []
    for number, polygon in enumerate(getattr(geometry, "geoms", [geometry])):
        problems += [GeometryProblem(region, number, rule) for rule in part_problems(polygon)]
    return problems


def geojson_problems(geojson: dict) -> list[GeometryProblem]:
    return [p for i, feature in enumerate(geojson["features"]) for p in feature_problems(feature, i)]


def check_geojson(geojson: dict, source: str) -> dict:
    """``geojson`` itself when every ring is wound as d3-geo reads it; else raises ``GeometryError``."""
    problems = geojson_problems(geojson)
    if problems:
        raise GeometryError(source, problems)
    return geojson
