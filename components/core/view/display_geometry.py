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
ring as "everything but this region", so the result is snapped to the file's grid and re-oriented
last (``geometry_check.drawable``: outer rings clockwise, holes counter-clockwise); the app checks
the copy at start-up (``geometry_check.check_geojson``).
"""

from __future__ import annotations

import shapely
from shapely.geometry import shape

from components.core.data.geometry_check import drawable, geojson_geometry

OVERVIEW_TOLERANCE = 0.06
#: The frames (components.core.view.dots.ZOOM_RANGES) drawn with the lighter copy.
OVERVIEW_ZOOMS = frozenset({"all", "CN"})
DECIMALS = 3


def overview_geojson(geojson: dict, tolerance: float = OVERVIEW_TOLERANCE) -> dict:
    """The same features and properties, each geometry simplified together with its neighbours."""
    features = geojson["features"]
    simplified = drawable(shapely.coverage_simplify([shape(f["geometry"]) for f in features], tolerance),
                          10.0 ** -DECIMALS)
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": feature["properties"],
                          "geometry": geojson_geometry(geometry, DECIMALS)}
                         for feature, geometry in zip(features, simplified)]}
