"""Neighbour effect: did regions act after their neighbours more often than chance would give?

Why this statistic: for each region that acted, take the share of its neighbours
(``adjacency``) that had *certainly* acted before its first action (imprecise dates
count as their whole month or year, see ``firsts``; a neighbour that never acted counts
as "not before"). The mean of these shares over the regions that acted is compared with
its distribution when the same first-action dates, and the "never acted" blanks, are
shuffled among each country's regions: a permutation test.

* Shuffles stay within each country, so a country where nearly every region acted
  (South Korea) is not compared with one where few did (Japan): the test asks whether
  acting regions sit next to earlier-acting ones more than a random placement inside
  the same country would give.
* One-sided p-value with the +1 correction (Phipson & Smyth 2010; esda's ``p_sim`` uses it too):
  ``p = (1 + shuffles whose mean >= observed) / (permutations + 1)``. The observed
  arrangement counts as one of the possible ones, so p is never 0 and is at least
  ``1 / (permutations + 1)``.
* numpy's ``Generator`` (PCG64) with a fixed seed makes every run reproducible.

esda itself is not used: its statistics (Moran's I, Geary, join counts) are undirected
and have no notion of "a neighbour acted before"; the test is twenty lines of numpy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from components.core.analytics.adjacency import Adjacency
from components.core.messages import message
from components.core.analytics.firsts import region_firsts
from components.core.analytics.ranking import first_mover_ranking

DEFAULT_PERMUTATIONS = 9999
DEFAULT_SEED = 20260909
P_VALUE_RULE = "(1 + number of shuffles with mean share >= observed) / (permutations + 1), one-sided"
_BATCH = 256
_TOLERANCE = 1e-12

SHARE_COLUMNS = ["region_id", "country", "name_en", "first_action_label", "neighbours", "neighbours_acted",
                 "neighbours_acted_before", "share_before", "earlier_neighbours"]
LINK_COLUMNS = ["region_id", "neighbour_id", "rule", "region_first_action", "neighbour_first_action",
                "from_lon", "from_lat", "to_lon", "to_lat"]


@dataclass(frozen=True)
class NeighbourTest:
    """The permutation test's result; ``to_dict()`` is what ``diffusion.json`` holds."""

    observed_mean: float
    null_mean: float
    null_sd: float
    p_value: float
    permutations: int
    seed: int
    regions_used: tuple[str, ...]
    shuffled_within: str
    p_value_rule: str
    reading: str
    caveats: tuple[str, ...]

    def to_dict(self) -> dict:
        values = asdict(self)
        values["regions_used"] = list(self.regions_used)
        values["caveats"] = list(self.caveats)
        values["regions_used_count"] = len(self.regions_used)
        return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in values.items()}


@dataclass(frozen=True)
class DiffusionMap:
    """What a map mode draws.

    ``regions``: ``first_mover_ranking`` columns plus ``lon, lat`` (a point inside the
    region) and ``earlier_neighbours`` (count). ``links``: ``earlier_neighbour_links``.
    """

    regions: pd.DataFrame
    links: pd.DataFrame


def _aligned_firsts(actions: pd.DataFrame, regions: pd.DataFrame, adjacency: Adjacency) -> pd.DataFrame:
    if set(regions.index) != set(adjacency.region_ids):
        raise ValueError("the region table and the adjacency come from different boundary files")
    return region_firsts(actions, regions).reindex(list(adjacency.region_ids))


def _days(values: pd.Series) -> np.ndarray:
    days = values.to_numpy(dtype="datetime64[D]")
    return np.where(np.isnat(days), np.datetime64(0, "D"), days).astype(np.int64)


def _earlier(earliest: np.ndarray, latest: np.ndarray, acted: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """(batch, i, j): j is a neighbour of i that acted, certainly before i's first action."""
    return matrix[None] & acted[:, None, :] & (latest[:, None, :] < earliest[:, :, None])


def _mean_share(earliest, latest, acted, matrix, degree) -> np.ndarray:
    """Per row of the batch: the mean, over regions that acted, of the share of neighbours certainly earlier.

    Counted over the links (a few hundred, sorted by region) rather than the region x region
    grid (twenty times more cells): a running sum of the links' flags, read at each region's
    first and last link, gives its count. Integer counts, so the result is the grid's to the bit.
    """
    region, neighbour = np.nonzero(matrix)
    flags = acted[:, neighbour] & (latest[:, neighbour] < earliest[:, region])
    running = np.zeros((flags.shape[0], flags.shape[1] + 1), dtype=np.int64)
    np.cumsum(flags, axis=1, out=running[:, 1:])
    bounds = np.searchsorted(region, np.arange(matrix.shape[0] + 1))
    share = (running[:, bounds[1:]] - running[:, bounds[:-1]]) / degree
    used = acted.sum(axis=1)
    return np.where(used > 0, (share * acted).sum(axis=1) / np.maximum(used, 1), np.nan)


def neighbour_shares(actions: pd.DataFrame, regions: pd.DataFrame, adjacency: Adjacency) -> pd.DataFrame:
    """One row per region that acted (adjacency order). Columns:

    ``region_id, country, name_en, first_action_label``; ``neighbours`` (all of them);
    ``neighbours_acted``; ``neighbours_acted_before`` (certainly earlier);
    ``share_before`` = acted_before / neighbours; ``earlier_neighbours`` (``;``-joined ids).
    """
    firsts = _aligned_firsts(actions, regions, adjacency)
    acted = firsts["acted"].to_numpy(dtype=bool)
    earlier = _earlier(_days(firsts["earliest"])[None], _days(firsts["latest"])[None], acted[None], adjacency.matrix)[0]
    ids = np.array(adjacency.region_ids)
    table = firsts[["region_id", "country", "name_en", "first_action_label"]].copy()
    table["neighbours"] = adjacency.matrix.sum(axis=1)
    table["neighbours_acted"] = (adjacency.matrix & acted[None, :]).sum(axis=1)
    table["neighbours_acted_before"] = earlier.sum(axis=1)
    table["share_before"] = table["neighbours_acted_before"] / table["neighbours"]
    table["earlier_neighbours"] = [";".join(ids[row]) for row in earlier]
    return table[acted].reset_index(drop=True)[SHARE_COLUMNS]


def earlier_neighbour_links(actions: pd.DataFrame, regions: pd.DataFrame, adjacency: Adjacency) -> pd.DataFrame:
    """One row per (region, neighbour that certainly acted before it), for arrows on a map.

    Columns: ``region_id, neighbour_id, rule`` (``border``/``nearest``),
    ``region_first_action``, ``neighbour_first_action`` (dates as precisely as known),
    ``from_lon, from_lat`` (the earlier neighbour) and ``to_lon, to_lat`` (the region).
    """
    shares = neighbour_shares(actions, regions, adjacency)
    labels = shares.set_index("region_id")["first_action_label"]
    rows = [(r, n) for r, joined in zip(shares["region_id"], shares["earlier_neighbours"]) if joined
            for n in joined.split(";")]
    links = pd.DataFrame(rows, columns=["region_id", "neighbour_id"])
    links = links.merge(adjacency.pairs[["region_id", "neighbour_id", "rule"]], on=["region_id", "neighbour_id"])
    links["region_first_action"] = links["region_id"].map(labels)
    links["neighbour_first_action"] = links["neighbour_id"].map(labels)
    points = adjacency.points
    links["from_lon"] = links["neighbour_id"].map(points["lon"])
    links["from_lat"] = links["neighbour_id"].map(points["lat"])
    links["to_lon"] = links["region_id"].map(points["lon"])
    links["to_lat"] = links["region_id"].map(points["lat"])
    return links[LINK_COLUMNS]


def diffusion_map(actions: pd.DataFrame, regions: pd.DataFrame, adjacency: Adjacency) -> DiffusionMap:
    links = earlier_neighbour_links(actions, regions, adjacency)
    ranked = first_mover_ranking(actions, regions)
    ranked = ranked.join(adjacency.points, on="region_id")
    ranked["earlier_neighbours"] = ranked["region_id"].map(links.groupby("region_id").size()).fillna(0).astype(int)
    return DiffusionMap(regions=ranked, links=links)


def _shuffled_positions(countries: np.ndarray, permutations: int, rng: np.random.Generator) -> np.ndarray:
    positions = np.tile(np.arange(len(countries)), (permutations, 1))
    for country in dict.fromkeys(countries):
        stratum = np.flatnonzero(countries == country)
        order = rng.permuted(np.tile(np.arange(len(stratum)), (permutations, 1)), axis=1)
        positions[:, stratum] = stratum[order]
    return positions


def neighbour_test(
    actions: pd.DataFrame,
    regions: pd.DataFrame,
    adjacency: Adjacency,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> NeighbourTest:
    """Observed mean share of earlier-acting neighbours vs its within-country shuffle distribution."""
    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    firsts = _aligned_firsts(actions, regions, adjacency)
    earliest, latest = _days(firsts["earliest"]), _days(firsts["latest"])
    acted = firsts["acted"].to_numpy(dtype=bool)
    degree = adjacency.matrix.sum(axis=1)
    matrix = adjacency.matrix
    observed = float(_mean_share(earliest[None], latest[None], acted[None], matrix, degree)[0])

    rng = np.random.default_rng(seed)
    positions = _shuffled_positions(np.array(adjacency.countries), permutations, rng)
    null = np.concatenate([
        _mean_share(earliest[chunk], latest[chunk], acted[chunk], matrix, degree)
        for chunk in np.array_split(positions, max(1, permutations // _BATCH))
    ])
    used = tuple(firsts.index[acted])
    if used:
        at_least = int((null >= observed - _TOLERANCE).sum())
        p_value = (1 + at_least) / (permutations + 1)
        null_mean, null_sd = float(null.mean()), float(null.std())
    else:
        at_least, p_value, null_mean, null_sd = 0, float("nan"), float("nan"), float("nan")
    return NeighbourTest(
        observed_mean=observed,
        null_mean=null_mean,
        null_sd=null_sd,
        p_value=p_value,
        permutations=permutations,
        seed=seed,
        regions_used=used,
        shuffled_within="country",
        p_value_rule=P_VALUE_RULE,
        reading=_reading(observed, null_mean, p_value, at_least, permutations, len(used)),
        caveats=_caveats(len(used), len(acted), adjacency),
    )


def _reading(observed: float, null_mean: float, p_value: float, at_least: int, permutations: int, used: int) -> str:
    if used == 0:
        return message("diffusion.reading.none")
    text = message("diffusion.reading", used=used, observed=observed, permutations=permutations, null_mean=null_mean,
                   at_least=at_least, p_value=p_value)
    verdict = "strong" if p_value < 0.01 else "some" if p_value < 0.05 else "no"
    return text + message(f"diffusion.reading.{verdict}")


def _caveats(used: int, total: int, adjacency: Adjacency) -> tuple[str, ...]:
    return (
        message("diffusion.caveat.small", used=used, total=total),
        message("diffusion.caveat.no_record"),
        message("diffusion.caveat.precision"),
        message("diffusion.caveat.sources"),
        message("diffusion.caveat.national"),
        message("diffusion.caveat.islands", islands=", ".join(adjacency.islands) or "none", rule=adjacency.rule.describe()),
    )
