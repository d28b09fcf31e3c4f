"""Dots for regions too small to click, placed apart at every zoom, with leader lines.

Why: at the three-country zoom Seoul, Incheon and Gyeonggi (and Tokyo and Kanagawa, Hong
Kong and Macao) sit a few pixels apart, so a click on one dot opened its neighbour. Here each
zoom gets its own dot positions, chosen in screen space (a Mercator projection of the zoom's
frame at the narrowest width the map is drawn): each dot takes the nearest spot around its
region that overlaps no other dot and covers as little as possible of the regions that have
no dot (so Gyeonggi and Kanagawa stay clickable around Seoul's and Tokyo's dots). A dot that
moved gets a thin line back to the place it stands for. Computed once per boundary file, by
``build-derived`` (``derived``); the browser only picks the zoom's positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
import shapely.geometry

from components.core.data.columns import RegionCol
from components.core.data.dataset import CONTEXT_REGION_ID, Dataset
from components.core.view import derived

CITY_REGION_TYPES = {
    "municipality", "special administrative region", "metropolis", "urban prefecture",
    "special city", "metropolitan city", "special self-governing city",
}
CITY_REGION_MAX_AREA_DEG2 = 2.0
TINY_REGION_AREA_DEG2 = 0.2

MARKER_SIZES = {"all": 9, "CN": 11, "KR": 15, "JP": 12}
ZOOM_RANGES = {
    # Fitted to where the regions that act lie: the empty far west of Xinjiang and the north of
    # Heilongjiang are cropped (no action in the data), so Korea and Japan are drawn larger.
    "all": {"lon": [85.0, 146.5], "lat": [17.5, 48.0]},
    "CN": {"lon": [72.0, 136.0], "lat": [17.0, 54.5]},
    "KR": {"lon": [124.0, 131.5], "lat": [33.0, 38.8]},
    "JP": {"lon": [122.5, 146.5], "lat": [24.0, 46.0]},
}
#: The narrowest the map is drawn on a desktop layout; dots apart here are apart when wider too.
LAYOUT_WIDTH_PX = 560
GAP_PX = 3.0
LEADER_MIN_PX = 4.0


@dataclass(frozen=True)
class DotLayout:
    """Per zoom: where each dot is drawn, and the leader lines of the dots that moved."""

    region_ids: list[str]
    anchors: pd.DataFrame            # lon, lat: a point inside the region's largest part
    positions: dict[str, pd.DataFrame]  # zoom -> lon, lat of the drawn dot
    leaders: dict[str, list[int]]    # zoom -> indices of dots drawn away from their anchor


def small_regions(geojson: dict) -> pd.DataFrame:
    """Regions too small to click reliably, each with a point inside its largest part."""
    rows = []
    for feature in geojson["features"]:
        props = feature["properties"]
        if props[RegionCol.COUNTRY] == CONTEXT_REGION_ID:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        is_city = props[RegionCol.TYPE] in CITY_REGION_TYPES and shape.area < CITY_REGION_MAX_AREA_DEG2
        if is_city or shape.area < TINY_REGION_AREA_DEG2:
            largest = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
            point = largest.representative_point()
            rows.append({RegionCol.REGION_ID: props[RegionCol.REGION_ID], "lon": point.x, "lat": point.y})
    return pd.DataFrame(rows, columns=[RegionCol.REGION_ID, "lon", "lat"]).set_index(RegionCol.REGION_ID)


def _mercator_y(lat: np.ndarray) -> np.ndarray:
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _to_pixels(lon, lat, frame: dict) -> tuple[np.ndarray, float]:
    lon0, lon1 = frame["lon"]
    scale = LAYOUT_WIDTH_PX / np.radians(lon1 - lon0)
    x = np.radians(np.asarray(lon) - lon0) * scale
    y = -_mercator_y(np.asarray(lat)) * scale
    return np.column_stack([x, y]), scale


def _from_pixels(xy: np.ndarray, frame: dict, scale: float) -> tuple[np.ndarray, np.ndarray]:
    lon = np.degrees(xy[:, 0] / scale) + frame["lon"][0]
    lat = np.degrees(2 * np.arctan(np.exp(-xy[:, 1] / scale)) - np.pi / 2)
    return lon, lat


def _project_shape(shape, frame: dict):
    return shapely.transform(shape, lambda coords: _to_pixels(coords[:, 0], coords[:, 1], frame)[0])


def _candidates(anchor: np.ndarray, radius: float, rings: int, directions: int) -> tuple[np.ndarray, np.ndarray]:
    """Spots on rings around the anchor (nearest first) and the ring each lies on."""
    spots, ring_of = [anchor], [0]
    for ring in range(1, rings + 1):
        angles = 2 * np.pi * np.arange(directions) / directions
        spots += list(anchor + ring * radius * np.column_stack([np.cos(angles), np.sin(angles)]))
        ring_of += [ring] * directions
    return np.array(spots), np.array(ring_of)


def place(anchors_px: np.ndarray, radius: float, obstacles: list, rings: int = 8, directions: int = 16,
          cell: float = 1.5) -> np.ndarray:
    """For each dot in turn, the nearest candidate spot clear of placed dots that covers least of ``obstacles``.

    ``obstacles`` are the pixel polygons of regions without a dot; covering a share of one costs
    as much as moving the dot by 40 radii, so a dot moves off a small neighbour when it can. The
    shares are counted on a grid of ``cell``-pixel squares around each dot.
    """
    shapely.prepare(obstacles)
    tree = shapely.STRtree(obstacles)
    areas = np.array([shape.area for shape in obstacles]) / cell ** 2
    placed = np.empty((0, 2))
    reach = (rings + 2) * radius
    for anchor in anchors_px:
        axis = np.arange(-reach, reach, cell) + cell / 2
        grid = np.stack(np.meshgrid(anchor[0] + axis, anchor[1] + axis), axis=-1).reshape(-1, 2)
        window = shapely.box(*(anchor - reach), *(anchor + reach))
        owner = np.full(len(grid), -1)
        for index in tree.query(window):
            owner[shapely.contains_xy(obstacles[index], grid[:, 0], grid[:, 1])] = index
        points, owners = grid[owner >= 0], owner[owner >= 0]
        spots, ring_of = _candidates(anchor, radius, rings, directions)
        covers = np.hypot(points[None, :, 0] - spots[:, None, 0], points[None, :, 1] - spots[:, None, 1]) <= radius + 1
        covered = covers @ (1.0 / areas[owners])  # per spot: the shares of each obstacle it covers, summed
        clear = np.ones(len(spots), dtype=bool)
        if len(placed):
            gaps = np.hypot(spots[:, None, 0] - placed[None, :, 0], spots[:, None, 1] - placed[None, :, 1])
            clear = (gaps >= 2 * radius + GAP_PX).all(axis=1)
        cost = np.where(clear, ring_of + 40 * covered, np.inf)
        best = spots[int(np.argmin(cost))] if np.isfinite(cost).any() else anchor
        placed = np.vstack([placed, best])
    return placed


_LAYOUTS: dict[str, DotLayout] = {}


def dot_layout(dataset: Dataset) -> DotLayout:
    """The dots of a boundary file: precomputed (``derived``) when the file is the one built, else
    computed once per file content (a second app on it reuses them)."""
    digest = derived.geometry_digest(dataset.geojson)
    if digest not in _LAYOUTS:
        stored = derived.section(dataset.geojson, "dots")
        _LAYOUTS[digest] = from_json(stored) if stored is not None else compute_layout(dataset.geojson)
    return _LAYOUTS[digest]


def to_json(layout: DotLayout) -> dict:
    """The layout as plain lists (floats as computed, so a reload gives the same numbers)."""
    return {
        "region_ids": layout.region_ids,
        "anchors": {"lon": layout.anchors["lon"].tolist(), "lat": layout.anchors["lat"].tolist()},
        "positions": {zoom: {"lon": frame["lon"].tolist(), "lat": frame["lat"].tolist()}
                      for zoom, frame in layout.positions.items()},
        "leaders": layout.leaders,
    }


def from_json(stored: dict) -> DotLayout:
    index = pd.Index(stored["region_ids"], name=RegionCol.REGION_ID)
    frame = lambda columns: pd.DataFrame({"lon": columns["lon"], "lat": columns["lat"]}, index=index, dtype=float)  # noqa: E731
    return DotLayout(region_ids=list(stored["region_ids"]), anchors=frame(stored["anchors"]),
                     positions={zoom: frame(columns) for zoom, columns in stored["positions"].items()},
                     leaders={zoom: [int(i) for i in rows] for zoom, rows in stored["leaders"].items()})


def compute_layout(geojson: dict) -> DotLayout:
    anchors = small_regions(geojson)
    shapes = {f["properties"][RegionCol.REGION_ID]: shapely.geometry.shape(f["geometry"])
              for f in geojson["features"]
              if f["properties"][RegionCol.COUNTRY] != CONTEXT_REGION_ID and f["properties"][RegionCol.REGION_ID]
              not in anchors.index}
    positions, leaders = {}, {}
    for zoom, frame in ZOOM_RANGES.items():
        pixels, scale = _to_pixels(anchors["lon"], anchors["lat"], frame)
        projected = (_project_shape(s, frame).simplify(0.5) for s in shapes.values())
        obstacles = [shape for shape in projected if shape.area > 0]
        placed = place(pixels, MARKER_SIZES[zoom] / 2, obstacles)
        lon, lat = _from_pixels(placed, frame, scale)
        positions[zoom] = pd.DataFrame({"lon": lon, "lat": lat}, index=anchors.index)
        moved = np.hypot(*(placed - pixels).T)
        leaders[zoom] = [int(i) for i in np.flatnonzero(moved > LEADER_MIN_PX)]
    return DotLayout(region_ids=list(anchors.index), anchors=anchors, positions=positions, leaders=leaders)
