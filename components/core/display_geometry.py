"""A lighter copy of the boundary file for the map's wide frames.

Why: Plotly reprojects every boundary vertex on every redraw of the map, a slider step
included. At the two wide frames (all three countries, and China) the map shows about 0.06° a
pixel, so the boundary file's 22,458 vertices (simplified at 0.02°) are mostly below a pixel.
Simplified again as a coverage (``shapely.coverage_simplify``, so neighbours keep their shared
edges) at ``OVERVIEW_TOLERANCE``, about a pixel there, it keeps about 9,700. A typical region
moves by under a pixel; the worst, small islands off Zhejiang and Guangdong, by up to 0.35° (about
6 pixels there). The Korea and Japan frames, three to eight times closer, keep the boundary file
itself; exports and analytics too.

Simplification can flip a ring's winding, and plotly.js (d3-geo) reads a counter-clockwise outer
ring as "everything but this region", so the result is re-oriented: outer rings clockwise.
"""

from __future__ import annotations

import shapely
from shapely.geometry import mapping, shape

OVERVIEW_TOLERANCE = 0.06
#: The frames (components.core.dots.ZOOM_RANGES) drawn with the lighter copy.
OVERVIEW_ZOOMS = frozenset({"all", "CN"})
DECIMALS = 3


def rounded(coordinates):
    """GeoJSON coordinates at ``DECIMALS`` places (about 100 m), as the boundary file has them."""
    if isinstance(coordinates[0], (int, float)):
        return [round(c, DECIMALS) for c in coordinates]
    return [rounded(c) for c in coordinates]


def overview_geojson(geojson: dict, tolerance: float = OVERVIEW_TOLERANCE) -> dict:
    """The same features and properties, each geometry simplified together with its neighbours."""
    features = geojson["features"]
    simplified = shapely.orient_polygons(
        shapely.coverage_simplify([shape(f["geometry"]) for f in features], tolerance), exterior_cw=True)
    out = []
    for feature, geometry in zip(features, simplified):
        drawn = mapping(geometry)
        out.append({"type": "Feature", "properties": feature["properties"],
                    "geometry": {"type": drawn["type"], "coordinates": rounded(drawn["coordinates"])}})
    return {"type": "FeatureCollection", "features": out}
