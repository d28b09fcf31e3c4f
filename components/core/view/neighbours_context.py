"""The land around the three countries, as one small set of shapes drawn under the regions.

Why not Plotly's own base layers (land, country borders, ocean): Plotly reprojects every base
layer of the whole world (about 10,700 vertices of countries, 5,100 of land, and the ocean) on
every redraw of the map, a slider step included, though only East Asia is ever in the frame.
The neighbouring countries, cut to a box around every frame the map uses, keep the same look
with about 1,500 vertices. They come from the base map the app already ships
(``assets/topojson/world_110m.json``, Natural Earth 1:110m, public domain), read with
geopandas, once per process. China, Korea and Japan are not among them: the regions cover
those countries, and Taiwan is drawn from the boundary file as before. Each cut shape is snapped to
the boundary file's grid and then wound as d3-geo reads it (``geometry_check``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

from components.core.data.geometry_check import geojson_geometry, oriented
from components.core.view.display_geometry import DECIMALS

BASE_MAP = Path(__file__).resolve().parents[3] / "assets" / "topojson" / "world_110m.json"
#: Every map frame (components.core.view.dots.ZOOM_RANGES) with room to spare for wide screens.
BOX = (55.0, 0.0, 170.0, 65.0)
#: Covered by the boundary file's regions (Taiwan as its context shape).
COVERED = frozenset({"CHN", "KOR", "JPN", "TWN"})
ID_PREFIX = "ctx-"


@lru_cache(maxsize=2)
def neighbour_features(base_map: Path = BASE_MAP, bounds: tuple[float, float, float, float] = BOX) -> tuple[dict, ...]:
    """GeoJSON features of the countries that reach into ``bounds``, cut to it; ``properties.region_id``
    is ``ctx-`` and the country's ISO 3166-1 alpha-3 code (or its row number when it has none)."""
    countries = gpd.read_file(base_map, layer="countries")
    frame = box(*bounds)
    features = []
    for row, (code, geometry) in enumerate(zip(countries["id"], shapely.make_valid(countries.geometry.values))):
        name = str(code) if isinstance(code, str) and code else f"row{row}"
        if name in COVERED or not geometry.intersects(frame):
            continue
        cut = shapely.intersection(geometry, frame)
        polygons = [g for g in getattr(cut, "geoms", [cut]) if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
        if not polygons:
            continue
        shape = oriented(shapely.set_precision(shapely.union_all(polygons), 10.0 ** -DECIMALS))
        features.append({"type": "Feature", "properties": {"region_id": ID_PREFIX + name},
                         "geometry": geojson_geometry(shape, DECIMALS)})
    return tuple(features)
