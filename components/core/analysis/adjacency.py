"""Which first-level regions are neighbours: shared land borders, plus a rule for islands.

Why a separate, cached step: contiguity is the only expensive part of the diffusion
analytics (a polygon overlay over the boundary file), and it depends on the boundary
file alone, never on the actions or the view's filters. It is computed once per file
(``adjacency_for_file``), by ``build-derived`` for the bundled boundaries (``derived``),
and the cheap per-filter functions only read it.

The rules:

* ``border``: two regions share a land border when they share at least one boundary
  EDGE. We use libpysal's rook contiguity (``libpysal.weights.Rook.from_dataframe``),
  which links polygons that share an edge (two consecutive vertices) and ignores a
  single common corner. The boundary file is cleaned and simplified as a coverage, so
  neighbours carry identical vertices along their common border; a test cross-checks
  rook against shapely's shared-boundary length > 0 on the real file. Borders may cross
  national lines, but none of the three countries' regions share land with another's.
* ``nearest``: a region with no border neighbour (an island such as Hainan, Jeju,
  Okinawa or Hokkaido) is linked to its ``k`` nearest regions of the SAME country whose
  shore-to-shore distance is at most ``max_km``, and always to the single nearest one
  whatever its distance, so every region has at least one neighbour. Distances are
  measured between the polygons (nearest coasts, not centroids: Hainan is 20 km from
  Guangdong's Leizhou peninsula but its centroid is closer to Guangxi's) in an azimuthal
  equidistant projection centred on the island, which keeps distances from the island
  true to within a fraction of a percent at these few hundred kilometres (Web Mercator
  would overstate them by about 6 % at 20 degrees north and 41 % at 45 degrees north).

Both relations are symmetric: if an island is linked to a region, that region is
linked back with the same rule (``pairs`` lists every link in both directions).
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from components.core.data.columns import RegionCol
from components.core.data.dataset import CONTEXT_REGION_ID, load_geojson
from components.core.i18n import message
from components.core.view import derived

BORDER = "border"
NEAREST = "nearest"
PAIR_COLUMNS = ["region_id", "neighbour_id", "rule", "distance_km"]


@dataclass(frozen=True)
class IslandRule:
    """The ``nearest`` rule's parameters: up to ``k`` regions within ``max_km`` (at least one)."""

    k: int = 2
    max_km: float = 150.0

    def describe(self) -> str:
        return message("diffusion.island_rule", k=self.k, km=f"{self.max_km:g}")


@dataclass(frozen=True, eq=False)
class Adjacency:
    """Neighbour links of every region, with the rule that made each link.

    ``pairs``: one row per directed link, columns ``region_id, neighbour_id, rule``
    (``border`` / ``nearest``) and ``distance_km`` (coast-to-coast, ``nearest`` only),
    every link listed in both directions, sorted by region then neighbour.
    ``region_ids``: the regions in a fixed order (sorted); ``matrix[i, j]`` is True
    when ``region_ids[j]`` is a neighbour of ``region_ids[i]``.
    ``points``: a label point inside each region (``lon``, ``lat``), for arrows on a map.
    """

    pairs: pd.DataFrame
    region_ids: tuple[str, ...]
    countries: tuple[str, ...]
    matrix: np.ndarray
    points: pd.DataFrame
    islands: tuple[str, ...]
    rule: IslandRule

    def neighbours(self, region_id: str) -> list[str]:
        return list(self.pairs.loc[self.pairs["region_id"] == region_id, "neighbour_id"])

    def within(self, countries) -> "Adjacency":
        """The same links among the regions of ``countries`` only.

        Exact, not an approximation: no land border joins two of the three countries and
        the ``nearest`` rule links a region only to regions of its own country, so no link
        is lost by leaving the other countries out.
        """
        keep = np.isin(np.array(self.countries), list(countries))
        region_ids = tuple(np.array(self.region_ids, dtype=object)[keep])
        pairs = self.pairs[self.pairs["region_id"].isin(region_ids)].reset_index(drop=True)
        return Adjacency(
            pairs=pairs,
            region_ids=region_ids,
            countries=tuple(np.array(self.countries, dtype=object)[keep]),
            matrix=self.matrix[np.ix_(keep, keep)],
            points=self.points.loc[list(region_ids)],
            islands=tuple(r for r in self.islands if r in region_ids),
            rule=self.rule,
        )


def region_geometries(geojson: dict) -> gpd.GeoDataFrame:
    """The counted regions' polygons (Taiwan's context shape excluded), indexed by region_id, EPSG:4326."""
    frame = gpd.GeoDataFrame.from_features(geojson["features"], crs="EPSG:4326")
    frame = frame[frame[RegionCol.COUNTRY] != CONTEXT_REGION_ID]
    return frame.set_index(RegionCol.REGION_ID).sort_index()


def border_pairs(geometries: gpd.GeoDataFrame) -> dict[str, list[str]]:
    """Rook (shared-edge) contiguity: region_id -> sorted neighbours; islands map to []."""
    from libpysal.weights import Rook  # imported here: libpysal takes ~1.5 s to import, only this step needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        weights = Rook.from_dataframe(geometries, use_index=True, silence_warnings=True)
    return {region: sorted(weights.neighbors.get(region, [])) for region in geometries.index}


def nearest_links(geometries: gpd.GeoDataFrame, region_id: str, rule: IslandRule) -> pd.Series:
    """Coast-to-coast km from ``region_id`` to the same-country regions it is linked to by ``rule``."""
    centre = geometries.geometry[region_id].representative_point()
    local = geometries.to_crs(f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m")
    country = geometries.at[region_id, RegionCol.COUNTRY]
    others = local[(local[RegionCol.COUNTRY] == country) & (local.index != region_id)]
    distances = (others.distance(local.geometry[region_id]) / 1000).sort_values(kind="stable")
    chosen = distances.head(rule.k)
    return chosen[(chosen <= rule.max_km) | (np.arange(len(chosen)) == 0)]


def build_adjacency(geometries: gpd.GeoDataFrame, rule: IslandRule = IslandRule()) -> Adjacency:
    """Border links for every region, ``nearest`` links for regions without a border."""
    borders = border_pairs(geometries)
    islands = tuple(r for r, ns in borders.items() if not ns)
    rows = [(r, n, BORDER, np.nan) for r, ns in borders.items() for n in ns]
    for island in islands:
        for neighbour, km in nearest_links(geometries, island, rule).items():
            rows += [(island, neighbour, NEAREST, km), (neighbour, island, NEAREST, km)]
    pairs = (pd.DataFrame(rows, columns=PAIR_COLUMNS)
             .drop_duplicates(["region_id", "neighbour_id"])
             .sort_values(["region_id", "neighbour_id"]).reset_index(drop=True))
    region_ids = tuple(geometries.index)
    position = {r: i for i, r in enumerate(region_ids)}
    matrix = np.zeros((len(region_ids), len(region_ids)), dtype=bool)
    matrix[pairs["region_id"].map(position), pairs["neighbour_id"].map(position)] = True
    label_points = geometries.geometry.representative_point()
    points = pd.DataFrame({"lon": label_points.x, "lat": label_points.y}, index=geometries.index)
    return Adjacency(
        pairs=pairs,
        region_ids=region_ids,
        countries=tuple(geometries[RegionCol.COUNTRY]),
        matrix=matrix,
        points=points,
        islands=islands,
        rule=rule,
    )


def to_json(adjacency: Adjacency) -> dict:
    """The links as plain lists (``build-derived`` stores them; ``from_json`` gives the same Adjacency)."""
    pairs = adjacency.pairs
    return {
        "rule": {"k": adjacency.rule.k, "max_km": adjacency.rule.max_km},
        "region_ids": list(adjacency.region_ids), "countries": list(adjacency.countries),
        "islands": list(adjacency.islands),
        "pairs": [[r, n, rule, None if pd.isna(km) else float(km)]
                  for r, n, rule, km in zip(pairs["region_id"], pairs["neighbour_id"], pairs["rule"], pairs["distance_km"])],
        "points": {"lon": adjacency.points["lon"].tolist(), "lat": adjacency.points["lat"].tolist()},
    }


def from_json(stored: dict) -> Adjacency:
    region_ids = tuple(stored["region_ids"])
    pairs = pd.DataFrame(stored["pairs"], columns=PAIR_COLUMNS)
    pairs["distance_km"] = pairs["distance_km"].astype(float)
    position = {r: i for i, r in enumerate(region_ids)}
    matrix = np.zeros((len(region_ids), len(region_ids)), dtype=bool)
    matrix[pairs["region_id"].map(position), pairs["neighbour_id"].map(position)] = True
    index = pd.Index(region_ids, name=RegionCol.REGION_ID)
    return Adjacency(pairs=pairs, region_ids=region_ids, countries=tuple(stored["countries"]), matrix=matrix,
                     points=pd.DataFrame({"lon": stored["points"]["lon"], "lat": stored["points"]["lat"]}, index=index, dtype=float), islands=tuple(stored["islands"]),
                     rule=IslandRule(**stored["rule"]))


@functools.lru_cache(maxsize=4)
def _adjacency_cached(path: str, _mtime_ns: int, _size: int, rule: IslandRule) -> Adjacency:
    geojson = load_geojson(path)
    stored = derived.section(geojson, "adjacency")
    if stored is not None and IslandRule(**stored["rule"]) == rule:
        return from_json(stored)
    return build_adjacency(region_geometries(geojson), rule)


def adjacency_for_file(path: Path | str, rule: IslandRule = IslandRule()) -> Adjacency:
    """``build_adjacency`` for a boundary file, computed once per file version and rule, or read from
    the precomputed file (``derived``) when it was built from these boundaries with this rule."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    return _adjacency_cached(str(resolved), stat.st_mtime_ns, stat.st_size, rule)
