"""The reference for every number the atlas shows: which actions a view keeps, and what each region reads.

Why one place: the browser computes the same numbers itself (``assets/atlas-view.js``) so
that a slider step needs no server; this module is the definition both are held to. A
parity test drives random views in a real browser and compares them with these functions.

How a view filters: each action gets a bit per filter it fails (country, level, kind,
verification, search). An action *matches* when it fails none. Clearing one bit tells what
that filter alone hides, which gives the facet counts and the hover's "hidden by" reason.
National actions are never painted on a region; they show in the panel and the overview.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.core.data.columns import ACTION_TYPES, COUNTRIES, LEVELS, Col
from components.core.data.dataset import Dataset, normalise_text
from components.core.view.state import FILTERS, ViewState

#: Filter bits, in the order the browser uses too.
FILTER_BITS = {"countries": 1, "levels": 2, "types": 4, "verification": 8, "search": 16, "novelty": 32, "topics": 64}
MULTI_VALUED = {"topics"}  # filters whose code column is a bit mask of several values per action
FACET_CODES = {"countries": "country", "levels": "level", "types": "action_type", "verification": "verification",
               "novelty": "novelty"}

#: What a region's value means in a view (shared codes with the browser).
NEVER, QUIET, HIDDEN, ACTED, NO_PLAN, CITY_PLAN, OWN_PLAN = range(7)
NATIONAL = list(LEVELS).index("national")
SUB_NATIONAL_LEVELS = [level for level in LEVELS if level != "national"]
PROVINCIAL = list(LEVELS).index("provincial")
TERMINATION = list(ACTION_TYPES).index("termination")


def search_tokens(search: str) -> list[str]:
    return normalise_text(search or "").split()


def fail_bits(dataset: Dataset, state: ViewState) -> np.ndarray:
    """Per action, one bit for every filter it fails (0 = the action matches the view)."""
    codes = dataset.codes
    bits = np.zeros(len(codes.month), dtype=np.int32)
    for name, options in FILTERS.items():
        if name in MULTI_VALUED:
            chosen = getattr(state, name)
            if set(chosen) != set(options):
                mask = sum(1 << i for i, option in enumerate(options) if option in chosen)
                bits |= np.where((getattr(codes, name) & mask) != 0, 0, FILTER_BITS[name])
            continue
        allowed = np.isin(np.arange(len(options)), [list(options).index(v) for v in getattr(state, name)])
        bits |= np.where(allowed[getattr(codes, FACET_CODES[name])], 0, FILTER_BITS[name])
    tokens = search_tokens(state.search)
    if tokens:
        found = np.array([all(t in text for t in tokens) for text in codes.search_text], dtype=bool)
        bits |= np.where(found, 0, FILTER_BITS["search"])
    return bits


@dataclass(frozen=True)
class ViewActions:
    """A view's per-action facts: filter bits and where each action sits against the window."""

    bits: np.ndarray
    upto_end: np.ndarray
    in_window: np.ndarray
    start: int
    end: int

    @property
    def matching(self) -> np.ndarray:
        return self.bits == 0

    def passing_all_but(self, filter_name: str) -> np.ndarray:
        return (self.bits & ~FILTER_BITS[filter_name]) == 0


def view_actions(dataset: Dataset, state: ViewState) -> ViewActions:
    start, end = state.month_range(dataset.month_labels)
    month = dataset.codes.month
    return ViewActions(bits=fail_bits(dataset, state), upto_end=month <= end,
                       in_window=(month >= start) & (month <= end), start=start, end=end)


@dataclass(frozen=True)
class RegionView:
    """Per region (``dataset.regions`` order): what the map shows and the hover says."""

    kind: np.ndarray          # NEVER / QUIET / HIDDEN / ACTED, or NO_PLAN / CITY_PLAN / OWN_PLAN for "plan"
    value: np.ndarray         # the measure (count or month index); NaN where the kind is a kind of zero
    cumulative: np.ndarray    # matching actions up to the end month
    in_window: np.ndarray     # matching actions inside the window
    first_month: np.ndarray   # month index of the first matching action up to the end (-1: none)
    hidden_by: list[list[str]]  # for HIDDEN: the filters that hide the region's actions
    latest: list[int]         # action row of the latest matching action up to the end (-1: none)
    plans: list[list[int]]    # action rows of matching dedicated plans up to the end, own plans first
    ended: list[int]          # action row of the latest matching termination up to the end (-1: none)


def per_region(dataset: Dataset, mask: np.ndarray) -> np.ndarray:
    region = dataset.codes.region
    keep = mask & (region >= 0)
    return np.bincount(region[keep], minlength=len(dataset.regions))


def region_view(dataset: Dataset, state: ViewState, actions: ViewActions | None = None) -> RegionView:
    actions = actions or view_actions(dataset, state)
    codes = dataset.codes
    n = len(dataset.regions)
    matching_upto = actions.matching & actions.upto_end
    cumulative = per_region(dataset, matching_upto)
    in_window = per_region(dataset, actions.matching & actions.in_window)
    total = per_region(dataset, actions.upto_end)

    plan_rows = np.flatnonzero(matching_upto & codes.plan & (codes.region >= 0))
    plans: list[list[int]] = [[] for _ in range(n)]
    for row in sorted(plan_rows, key=lambda r: (codes.level[r] != PROVINCIAL, r)):
        plans[codes.region[row]].append(int(row))
    has_plan_in_data = per_region(dataset, actions.upto_end & codes.plan) > 0

    first_month = np.full(n, -1)
    latest, ended = [-1] * n, [-1] * n
    for row in np.flatnonzero(matching_upto & (codes.region >= 0)):
        region = codes.region[row]
        if first_month[region] < 0:
            first_month[region] = codes.month[row]
        latest[region] = int(row)
        if codes.action_type[row] == TERMINATION:
            ended[region] = int(row)

    kind = np.where(cumulative > 0, ACTED, np.where(total > 0, HIDDEN, NEVER))
    value = cumulative.astype(float)
    if state.metric == "window":
        kind = np.where((kind == ACTED) & (in_window == 0), QUIET, kind)
        value = in_window.astype(float)
    elif state.metric == "first":
        value = first_month.astype(float)
    elif state.metric == "plan":
        own = np.array([bool(p) and codes.level[p[0]] == PROVINCIAL for p in plans])
        city = np.array([bool(p) for p in plans]) & ~own
        plan_hidden = has_plan_in_data & ~own & ~city
        kind = np.select([own, city, plan_hidden, kind == ACTED], [OWN_PLAN, CITY_PLAN, HIDDEN, NO_PLAN], kind)
        value = np.where(own | city, 1.0, np.nan)
    value = np.where(np.isin(kind, [NEVER, QUIET, HIDDEN]), np.nan, value)

    hidden_by = [[] for _ in range(n)]
    for region in np.flatnonzero(kind == HIDDEN):
        plans_only = state.metric == "plan" and bool(has_plan_in_data[region])
        hidden_by[region] = hiding_filters(dataset, actions, region, plans_only=plans_only)
    return RegionView(kind=kind, value=value, cumulative=cumulative, in_window=in_window,
                      first_month=first_month, hidden_by=hidden_by, latest=latest, plans=plans,
                      ended=ended)


def hiding_filters(dataset: Dataset, actions: ViewActions, region: int, plans_only: bool = False) -> list[str]:
    """The filters (in ``FILTER_BITS`` order) that, each alone, hide some of the region's actions to the end month."""
    codes = dataset.codes
    own = (codes.region == region) & actions.upto_end
    if plans_only:
        own &= codes.plan
    failing = np.bitwise_or.reduce(actions.bits[own]) if own.any() else 0
    return [name for name, bit in FILTER_BITS.items() if failing & bit]


def matching_mask(dataset: Dataset, state: ViewState, include_national: bool = True,
                  by_region: bool = False) -> np.ndarray:
    """Per action (row order of ``dataset.actions``), whether the view lists it (``matching_actions``)."""
    actions = view_actions(dataset, state)
    keep = actions.matching & actions.in_window
    if not include_national:
        keep &= dataset.codes.level != NATIONAL
    if by_region and state.region:
        keep &= (dataset.actions[Col.REGION_ID] == state.region).to_numpy()
    return keep


def matching_actions(dataset: Dataset, state: ViewState, include_national: bool = True,
                     by_region: bool = False) -> pd.DataFrame:
    """The actions a view lists: every filter and the search applied, dated inside the window.

    ``by_region`` narrows to the selected region, as the table and its CSV export do.
    """
    return dataset.actions[matching_mask(dataset, state, include_national, by_region)]


#: Kept under its old name: the panels and tests call it.
filter_actions = matching_actions


def table_actions(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """What the table shows and the CSV export writes: the view's actions, narrowed to the selected region."""
    return matching_actions(dataset, state, by_region=True)


def table_rows(dataset: Dataset, state: ViewState) -> np.ndarray:
    """The positions in ``dataset.actions`` of ``table_actions``' rows, in its order (for answers built per row)."""
    return np.flatnonzero(matching_mask(dataset, state, by_region=True))


def facet_counts(dataset: Dataset, state: ViewState, actions: ViewActions | None = None) -> dict[str, dict[str, int]]:
    """For each filter, how many actions in the window each option shows with the other filters as they are."""
    actions = actions or view_actions(dataset, state)
    counts = {}
    for name, options in FILTERS.items():
        keep = actions.passing_all_but(name) & actions.in_window
        if name in MULTI_VALUED:
            masks = getattr(dataset.codes, name)[keep]
            counts[name] = {option: int(((masks >> i) & 1).sum()) for i, option in enumerate(options)}
            continue
        values = getattr(dataset.codes, FACET_CODES[name])[keep]
        tally = np.bincount(values, minlength=len(options))
        counts[name] = {option: int(tally[i]) for i, option in enumerate(options)}
    return counts


def top_regions(view: RegionView, metric: str, n: int) -> list[int]:
    """The ``n`` regions the map names: the leaders by the map's own measure, ties by region id.

    Only regions drawn in a data colour qualify. Counts rank from the most; the first-action
    date from the earliest; plans rank own plan, then a city's plan, then the count.
    """
    if n <= 0:
        return []
    shown = np.flatnonzero(np.isin(view.kind, [ACTED, NO_PLAN, CITY_PLAN, OWN_PLAN]))
    plan_rank = {OWN_PLAN: 0, CITY_PLAN: 1}

    def key(r: int) -> tuple:
        if metric == "window":
            return (-int(view.in_window[r]), r)
        if metric == "first":
            return (int(view.first_month[r]), r)
        if metric == "plan":
            return (plan_rank.get(int(view.kind[r]), 2), -int(view.cumulative[r]), r)
        return (-int(view.cumulative[r]), r)

    return [int(r) for r in sorted(shown, key=key)[:n]]


def countries_in_view(state: ViewState) -> list[str]:
    """The countries the overview and readout speak of: the country filter, narrowed by the zoom."""
    return [c for c in COUNTRIES if c in state.countries and state.zoom in ("all", c)]


def readout_counts(dataset: Dataset, state: ViewState, view: RegionView) -> list[dict]:
    """Per country in view: regions in total and by what the map shows for them."""
    country = dataset.regions[Col.COUNTRY].to_numpy()
    rows = []
    for code in countries_in_view(state):
        mine = country == code
        kinds = view.kind[mine]
        rows.append({
            "country": code,
            "total": int(mine.sum()),
            "acted": int(np.isin(kinds, [ACTED, NO_PLAN, CITY_PLAN, OWN_PLAN]).sum()),
            "quiet": int((kinds == QUIET).sum()),
            "hidden": int((kinds == HIDDEN).sum()),
            "own_plan": int((kinds == OWN_PLAN).sum()),
            "city_plan": int((kinds == CITY_PLAN).sum()),
        })
    return rows


def country_totals(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions per country split into national and sub-national, plus regions reached."""
    national = actions[Col.LEVEL] == "national"
    frame = pd.DataFrame({
        "national": actions[national].groupby(Col.COUNTRY).size(),
        "sub_national": actions[~national].groupby(Col.COUNTRY).size(),
        "regions": actions[~national].groupby(Col.COUNTRY)[Col.REGION_ID].nunique(),
    })
    return frame.reindex(list(COUNTRIES)).fillna(0).astype(int)


def leading_regions(actions: pd.DataFrame, n: int = 8) -> pd.Series:
    """Regions with the most actions, ties broken by region id (the browser breaks them the same way)."""
    regional = actions[actions[Col.LEVEL] != "national"]
    counts = regional.groupby(Col.REGION_ID).size()
    order = sorted(counts.index, key=lambda r: (-counts[r], r))
    return counts.reindex(order).head(n)


def type_counts(actions: pd.DataFrame) -> pd.Series:
    return actions.groupby(Col.ACTION_TYPE).size().reindex(list(ACTION_TYPES), fill_value=0)

