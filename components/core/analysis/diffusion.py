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

The effect, with an interval. ``difference`` = observed mean share - null mean, and its 95%
interval is a percentile bootstrap over the regions that acted (``BOOTSTRAP_RESAMPLES``
resamples of their shares, seeded from ``seed``; the null mean is held fixed, its Monte Carlo
error being far smaller). The words of the reading follow these rules, fixed before any data
is read (``effect_class``; README "Claims sized to the evidence"):

* ``far_more``: p < 0.05, and the difference is at least 20 percentage points with the
  interval's lower end at least 10 points;
* ``more``: p < 0.05, the interval above zero, and the difference at least 10 points;
* ``slightly_more``: p < 0.05 and the interval above zero, with a difference under 10 points;
* ``uncertain``: p < 0.05 but the interval reaches zero: the shuffles say the share is above
  chance, the spread between regions leaves its size anywhere from nothing up;
* ``less``: the interval wholly below zero;
* ``no_clear``: anything else (p >= 0.05 and an interval that reaches zero).

Sensitivity to imprecise dates. A pair of neighbours whose periods overlap is in an unknown
order; the main test counts it as "not before" (only certain orders count). The sensitivity
run counts every such pair as "before" instead (a neighbour *could* have acted earlier: its
period begins before the region's ends), with the same shuffles, and is read by the same rules;
both are reported, with the number of such pairs.

esda itself is not used: its statistics (Moran's I, Geary, join counts) are undirected
and have no notion of "a neighbour acted before"; the test is twenty lines of numpy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from components.core.analysis.adjacency import Adjacency
from components.core.analysis.firsts import region_firsts
from components.core.analysis.ranking import first_mover_ranking
from components.core import i18n
from components.core.data.region_names import region_names
from components.core.i18n import message, plural

DEFAULT_PERMUTATIONS = 9999
DEFAULT_SEED = 20260909
BOOTSTRAP_RESAMPLES = 2000
ALPHA = 0.05
#: Effect sizes (difference in share) the reading's words require: see the module docstring.
LARGE_EFFECT, LARGE_LOWER_BOUND, MEDIUM_EFFECT = 0.20, 0.10, 0.10
EFFECTS = ("far_more", "more", "slightly_more", "uncertain", "no_clear", "less")
INTERVAL_METHOD = (f"95% percentile bootstrap over the regions that acted ({BOOTSTRAP_RESAMPLES} resamples, "
                   "seeded); the null mean held fixed")
P_VALUE_RULE = "(1 + number of shuffles with mean share >= observed) / (permutations + 1), one-sided"
_BATCH = 256
_TOLERANCE = 1e-12

SHARE_COLUMNS = ["region_id", "country", "name_en", "first_action_label", "neighbours", "neighbours_acted",
                 "neighbours_acted_before", "share_before", "earlier_neighbours"]
LINK_COLUMNS = ["region_id", "neighbour_id", "rule", "region_first_action", "neighbour_first_action",
                "from_lon", "from_lat", "to_lon", "to_lat"]


@dataclass(frozen=True)
class Estimate:
    """One reading of the test: observed mean share, null mean, their difference with its 95% interval, p."""

    observed_mean: float
    null_mean: float
    null_sd: float
    difference: float
    difference_low: float
    difference_high: float
    p_value: float
    matched: int
    effect: str


def _clean(values: dict) -> dict:
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in values.items()}


@dataclass(frozen=True)
class NeighbourTest(Estimate):
    """The permutation test's result: the certain-order ``Estimate`` (its fields), then the sensitivity
    run and how the test was made; ``to_dict()`` is what ``diffusion.json`` holds."""

    undetermined_pairs: int
    sensitivity: Estimate
    permutations: int
    seed: int
    regions_used: tuple[str, ...]
    shuffled_within: str
    p_value_rule: str
    interval_method: str
    reading: str
    caveats: tuple[str, ...]

    def to_dict(self) -> dict:
        values = asdict(self)
        values["regions_used"] = list(self.regions_used)
        values["caveats"] = list(self.caveats)
        values["regions_used_count"] = len(self.regions_used)
        values["sensitivity"] = {"undetermined_pairs_counted_as": "before", **_clean(asdict(self.sensitivity))}
        return _clean(values)


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


def _shares(neighbour_day, region_day, acted, matrix, degree) -> np.ndarray:
    """(batch, region): the share of each region's neighbours that acted with ``neighbour_day < region_day``.

    Certain order: ``neighbour_day`` = the neighbours' latest days, ``region_day`` = the regions'
    earliest; "could be earlier" (the sensitivity run): earliest against latest.
    Counted over the links (a few hundred, sorted by region) rather than the region x region
    grid (twenty times more cells): a running sum of the links' flags, read at each region's
    first and last link, gives its count. Integer counts, so the result is the grid's to the bit.
    """
    region, neighbour = np.nonzero(matrix)
    flags = acted[:, neighbour] & (neighbour_day[:, neighbour] < region_day[:, region])
    running = np.zeros((flags.shape[0], flags.shape[1] + 1), dtype=np.int64)
    np.cumsum(flags, axis=1, out=running[:, 1:])
    bounds = np.searchsorted(region, np.arange(matrix.shape[0] + 1))
    return (running[:, bounds[1:]] - running[:, bounds[:-1]]) / degree


def _mean_share(neighbour_day, region_day, acted, matrix, degree) -> np.ndarray:
    """Per row of the batch: the mean, over regions that acted, of ``_shares``."""
    share = _shares(neighbour_day, region_day, acted, matrix, degree)
    used = acted.sum(axis=1)
    return np.where(used > 0, (share * acted).sum(axis=1) / np.maximum(used, 1), np.nan)


def effect_class(difference: float, low: float, high: float, p_value: float) -> str:
    """The reading's words for an effect, by the rules of the module docstring."""
    if np.isnan(difference):
        return "no_clear"
    if p_value < ALPHA and low > 0:
        if difference >= LARGE_EFFECT and low >= LARGE_LOWER_BOUND:
            return "far_more"
        return "more" if difference >= MEDIUM_EFFECT else "slightly_more"
    if high < 0:
        return "less"
    return "uncertain" if p_value < ALPHA else "no_clear"


def _estimate(shares: np.ndarray, null: np.ndarray, permutations: int, seed: int) -> Estimate:
    """Observed mean of ``shares`` (the acting regions'), against the shuffles' means ``null``."""
    if not len(shares):
        nan = float("nan")
        return Estimate(nan, nan, nan, nan, nan, nan, nan, 0, "no_clear")
    observed = float(shares.mean())
    matched = int((null >= observed - _TOLERANCE).sum())
    p_value = (1 + matched) / (permutations + 1)
    null_mean = float(null.mean())
    resamples = np.random.default_rng((seed, 1)).integers(0, len(shares), (BOOTSTRAP_RESAMPLES, len(shares)))
    low, high = np.percentile(shares[resamples].mean(axis=1) - null_mean, [2.5, 97.5])
    difference = observed - null_mean
    return Estimate(observed, null_mean, float(null.std()), difference, float(low), float(high), p_value, matched,
                    effect_class(difference, float(low), float(high), p_value))


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
    rules = {"certain": (latest, earliest), "possible": (earliest, latest)}
    observed = {name: _shares(n[None], r[None], acted[None], matrix, degree)[0][acted] for name, (n, r) in rules.items()}

    rng = np.random.default_rng(seed)
    positions = _shuffled_positions(np.array(adjacency.countries), permutations, rng)
    chunks = np.array_split(positions, max(1, permutations // _BATCH))
    null = {name: np.concatenate([_mean_share(n[c], r[c], acted[c], matrix, degree) for c in chunks])
            for name, (n, r) in rules.items()}
    main, lenient = (_estimate(observed[name], null[name], permutations, seed) for name in rules)
    pairs = undetermined_pairs(earliest, latest, acted, matrix)
    used = tuple(firsts.index[acted])
    return NeighbourTest(
        **asdict(main),
        undetermined_pairs=pairs,
        sensitivity=lenient,
        permutations=permutations,
        seed=seed,
        regions_used=used,
        shuffled_within="country",
        p_value_rule=P_VALUE_RULE,
        interval_method=INTERVAL_METHOD,
        reading=reading(main, lenient, pairs, permutations, len(used)),
        caveats=_caveats(len(used), len(acted), adjacency),
    )


def undetermined_pairs(earliest: np.ndarray, latest: np.ndarray, acted: np.ndarray, matrix: np.ndarray) -> int:
    """Neighbouring pairs (each counted once) that both acted and whose order the dates cannot settle."""
    both = np.triu(matrix | matrix.T, 1) & acted[:, None] & acted[None, :]
    settled = (latest[:, None] < earliest[None, :]) | (latest[None, :] < earliest[:, None])
    return int((both & ~settled).sum())


def _points(value: float) -> str:
    return f"{value * 100:+.1f}"


def _numbers(estimate: Estimate) -> dict:
    return {"observed": f"{estimate.observed_mean:.0%}", "null_mean": f"{estimate.null_mean:.0%}",
            "difference": _points(estimate.difference), "low": _points(estimate.difference_low),
            "high": _points(estimate.difference_high), "p_value": f"{estimate.p_value:.2g}"}


def reading(main: Estimate, lenient: Estimate, pairs: int, permutations: int, used: int) -> str:
    """The plain-language reading: the numbers, the words the rules give, then the sensitivity run."""
    if used == 0:
        return message("diffusion.reading.none")
    text = message("diffusion.reading", regions=plural("diffusion.regions_acted", used),
                   shuffles=plural("diffusion.shuffles", permutations),
                   matched=plural("diffusion.shuffles", main.matched), **_numbers(main))
    text += " " + message(f"diffusion.verdict.{main.effect}")
    if pairs == 0:
        return text + " " + message("diffusion.sensitivity.none")
    return text + " " + message("diffusion.sensitivity", pairs=plural("diffusion.pairs", pairs),
                                effect=message(f"diffusion.effect.{lenient.effect}"), **_numbers(lenient))


def evidence_caveat(actions: pd.DataFrame) -> str:
    """How the actions behind a result are known: how many rest on the issuer's page, on two or more independent
    reports, on one report (the ``verification`` levels), so a reader can weigh the result."""
    counts = actions["verification"].value_counts() if "verification" in actions else pd.Series(dtype=int)
    total = len(actions)

    def share(level: str) -> str:
        n = int(counts.get(level, 0))
        return message("format.parenthetical", text=f"{n:,}", note=f"{n / total:.0%}" if total else "0%")

    return message("diffusion.caveat.evidence", total=f"{total:,}", verified=share("verified"),
                   corroborated=share("corroborated"), reported=share("reported"))


def _caveats(used: int, total: int, adjacency: Adjacency) -> tuple[str, ...]:
    """The test's caveats in the current language; the island rule's only when some region has no land border."""
    caveats = (
        message("diffusion.caveat.small", used=used, total=total),
        message("diffusion.caveat.no_record"),
        message("diffusion.caveat.precision"),
        message("diffusion.caveat.sources"),
        message("diffusion.caveat.national"),
    )
    if not adjacency.islands:
        return caveats
    names = region_names(i18n.current())
    islands = i18n.join(names.get(region, region) for region in adjacency.islands)
    return (*caveats, message("diffusion.caveat.islands", islands=islands, rule=adjacency.rule.describe()))
