"""Everything the Analysis view shows for the full dataset, computed once at load.

Why a frozen bundle: the app factory builds it once per dataset (next to the map's
``ActionCube``) and hands the same read-only value to the panels, which only select
from it. For a filtered view the panels call the same per-filter functions on
``filter_actions(dataset, state)`` with ``bundle.adjacency``; only adjacency is
expensive, and it is computed once per boundary file.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from components.core.analysis.adjacency import Adjacency, build_adjacency, region_geometries
from components.core.analysis.adoption import adoption_curves, national_milestones
from components.core.analysis.diffusion import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    DiffusionMap,
    NeighbourTest,
    diffusion_map,
    neighbour_shares,
    neighbour_test,
)
from components.core.analysis.firsts import region_firsts
from components.core.analysis.lag import default_milestones, lag_strip, region_lags
from components.core.analysis.ranking import first_mover_ranking
from components.core.analysis.timeseries import counts_over_time, hype_cycle
from components.core.data.dataset import Dataset


@dataclass(frozen=True, eq=False)
class Analytics:
    """Full-dataset answers; each field documents its columns in the function that makes it."""

    adjacency: Adjacency
    firsts: pd.DataFrame          # region_firsts
    adoption: pd.DataFrame        # adoption_curves
    milestones: pd.DataFrame      # national_milestones
    default_milestones: dict      # default_milestones: country -> action_id
    lags: pd.DataFrame            # region_lags (default milestones)
    lag_strip: pd.DataFrame       # lag_strip
    ranking: pd.DataFrame         # first_mover_ranking
    neighbour_shares: pd.DataFrame
    neighbour_test: NeighbourTest
    diffusion_map: DiffusionMap
    level_by_month: pd.DataFrame  # counts_over_time(by="level")
    type_by_month: pd.DataFrame   # counts_over_time(by="action_type")
    hype_cycle: pd.DataFrame      # hype_cycle (quarters)


def build_analytics(
    dataset: Dataset,
    geometries: gpd.GeoDataFrame | None = None,
    adjacency: Adjacency | None = None,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> Analytics:
    """All analytics of ``dataset``; pass ``adjacency`` (e.g. ``adjacency_for_file``) to reuse one.

    Without either, the adjacency is built from ``geometries`` or, failing that, from the
    dataset's own boundary GeoJSON.
    """
    if adjacency is None:
        adjacency = build_adjacency(geometries if geometries is not None else region_geometries(dataset.geojson))
    actions, regions, months = dataset.actions, dataset.regions, dataset.months
    lags = region_lags(actions, regions)
    return Analytics(
        adjacency=adjacency,
        firsts=region_firsts(actions, regions),
        adoption=adoption_curves(actions, regions, months),
        milestones=national_milestones(actions),
        default_milestones=default_milestones(actions),
        lags=lags,
        lag_strip=lag_strip(lags),
        ranking=first_mover_ranking(actions, regions),
        neighbour_shares=neighbour_shares(actions, regions, adjacency),
        neighbour_test=neighbour_test(actions, regions, adjacency, permutations, seed),
        diffusion_map=diffusion_map(actions, regions, adjacency),
        level_by_month=counts_over_time(actions, months, by="level"),
        type_by_month=counts_over_time(actions, months, by="action_type"),
        hype_cycle=hype_cycle(actions, months),
    )
