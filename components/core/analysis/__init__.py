"""Room ``analysis``: the diffusion analytics and the Analysis view's data and figures (``data``, ``figures``).
May import: ``data``, ``view`` and ``i18n`` (and itself). Browser counterpart: the Analysis tab's lists in
``assets/atlas-*.js`` where the engine draws them.

Diffusion analytics: how metaverse policy spread from the national level to the regions.

Why a separate, Dash-free package: the Analysis view, the ``python app.py analyze``
command line and the tests all need the same numbers, so they are computed here from
plain DataFrames (a ``Dataset``'s actions, or any filtered subset of them) and returned
as DataFrames with documented columns that a panel can plot without reshaping.

Modules, cheapest first:

* ``firsts``      - each region's first action and first dedicated plan, with date precision;
* ``adoption``    - regions that have acted, per country and month; national milestones;
* ``lag``         - days from a national milestone to each region's first action / plan;
* ``ranking``     - first movers and laggards, ties from imprecise dates shown as ties;
* ``timeseries``  - actions by level and type per month or quarter; the quarterly hype cycle;
* ``adjacency``   - border and island-rule neighbours (the only expensive step, cached per file);
* ``diffusion``   - share of earlier-acting neighbours and its permutation test; map links;
* ``bundle``      - ``Analytics``: all of the above for the full dataset, built once at load;
* ``export``      - the files written by ``python app.py analyze``.
"""

from components.core.analysis.adjacency import Adjacency, IslandRule, adjacency_for_file, build_adjacency, region_geometries
from components.core.analysis.adoption import adoption_curves, national_milestones
from components.core.analysis.bundle import Analytics, build_analytics
from components.core.analysis.diffusion import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    DiffusionMap,
    NeighbourTest,
    diffusion_map,
    earlier_neighbour_links,
    evidence_caveat,
    neighbour_shares,
    neighbour_test,
)
from components.core.analysis.export import write_analysis
from components.core.analysis.firsts import region_firsts
from components.core.analysis.lag import MilestoneError, default_milestones, lag_strip, region_lags
from components.core.analysis.ranking import first_mover_ranking
from components.core.analysis.timeseries import counts_over_time, hype_cycle

__all__ = [
    "DEFAULT_PERMUTATIONS", "DEFAULT_SEED",
    "Adjacency", "Analytics", "DiffusionMap", "IslandRule", "MilestoneError", "NeighbourTest",
    "adjacency_for_file", "adoption_curves", "build_adjacency", "build_analytics", "counts_over_time",
    "default_milestones", "diffusion_map", "earlier_neighbour_links", "evidence_caveat", "first_mover_ranking", "hype_cycle",
    "lag_strip", "national_milestones", "neighbour_shares", "neighbour_test", "region_firsts",
    "region_geometries", "region_lags", "write_analysis",
]
