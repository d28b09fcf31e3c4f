"""What each chart of the Analysis view shows for a view: the diffusion analytics of its actions, as frames.

Why a layer between ``analytics`` and the figures: a chart and its CSV export must hold the
same numbers, so both are made from the one frame returned here; and which actions a chart
reads lives in one place:

* cumulative charts (adoption, lag, first movers, neighbour effect) read the view's filters
  and every matching action from the first month of the data to the window's END: the
  window's start is ignored, since a region that acted before the window has still acted
  (``cumulative_state``);
* the charts over time (level and kind, hype cycle) read the view's filters and the window
  itself, on the window's months.

The edge of collection (``Dataset.collected_to``): no chart counts a month past it. The
adoption curves and the charts over time stop there; when the window runs further, ``edge``
tells the figure to shade the rest as "not yet collected", and where ``coverage.csv`` says a
region's sources thin out, the period is marked for its country (``Edge.thin``).

Only the countries the view selects are analysed (their regions are the denominators), with
the adjacency narrowed to them (``Adjacency.within``). National milestones are always read
from the whole dataset: they are the reference a lag is measured from, whatever the filters.
The permutation test is the one step that is not cheap; its result is cached by the content
of the actions it reads (a cache of pure work: the same actions give the same answer).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from components.core import analysis as analytics
from components.core import i18n
from components.core.analysis.adjacency import Adjacency
from components.core.analysis.firsts import FIRSTS_INPUT
from components.core.analysis.memo import ByContent, content_key
from components.core.data.columns import COUNTRIES, Col, RegionCol
from components.core.data.dataset import Dataset
from components.core.view.metrics import matching_actions
from components.core.view.state import ViewState

#: Shuffles per view (the command line runs ``analytics.DEFAULT_PERMUTATIONS``): measured, see the README.
PERMUTATIONS = 1000
CHARTS = ("adoption", "lag", "ranking", "neighbours", "counts", "hype")
CUMULATIVE_CHARTS = ("adoption", "lag", "ranking", "neighbours")
#: The columns the analytics read: selecting them first keeps every later copy and mask narrow.
COLUMNS = [Col.ACTION_ID, Col.DATE, Col.DATE_PRECISION, Col.DATE_LABEL, Col.COUNTRY, Col.LEVEL, Col.REGION_ID,
           Col.ACTION_TYPE, Col.DEDICATED_PLAN, Col.TITLE, Col.TOPICS]


def selected_countries(state: ViewState) -> list[str]:
    return [c for c in COUNTRIES if c in state.countries]


def selected_regions(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    return dataset.regions[dataset.regions[RegionCol.COUNTRY].isin(selected_countries(state))]


def cumulative_state(dataset: Dataset, state: ViewState) -> ViewState:
    """The view with its window opened back to the first month (the end is kept)."""
    start, end = state.month_range(dataset.month_labels)
    return state.replace(start=dataset.month_labels[0], end=dataset.month_labels[end])


def chart_actions(dataset: Dataset, state: ViewState, chart: str) -> pd.DataFrame:
    """The actions ``chart`` reads: filters and window, or filters up to the window's end (cumulative charts)."""
    return matching_actions(dataset, cumulative_state(dataset, state) if chart in CUMULATIVE_CHARTS else state)[COLUMNS]


def all_actions(dataset: Dataset) -> pd.DataFrame:
    """Every action, whatever the filters (national milestones are read from here)."""
    return dataset.actions[COLUMNS]


def end_label(dataset: Dataset, state: ViewState) -> str:
    return dataset.month_labels[state.month_range(dataset.month_labels)[1]]


def collected_index(dataset: Dataset) -> int:
    return dataset.month_labels.index(dataset.collected_to)


def window_months(dataset: Dataset, state: ViewState) -> list[pd.Period]:
    """The window's months, cut at the month the data was collected to (none if the window starts after it)."""
    start, end = state.month_range(dataset.month_labels)
    return dataset.months[start:min(end, collected_index(dataset)) + 1]


@dataclass(frozen=True)
class Edge:
    """Where a chart's data stops: ``collected_to``, whether the dataset declares it, the window's
    first and last month (``YYYY-MM``) and the thin-coverage periods of the selected countries
    (``Collection.thin_periods``, cut to the window)."""

    collected_to: str
    declared: bool
    start: str
    end: str
    thin: tuple = ()

    @property
    def beyond(self) -> bool:
        """True when the window runs past the collected months."""
        return self.end > self.collected_to


def edge(dataset: Dataset, state: ViewState, cumulative: bool = False) -> Edge:
    shown = cumulative_state(dataset, state) if cumulative else state
    start, end = (dataset.month_labels[i] for i in shown.month_range(dataset.month_labels))
    periods = dataset.collection.thin_periods(selected_regions(dataset, state))
    thin = tuple({**p, "start": max(p["start"], start)} for p in periods if p["start"] <= end and p["end"] >= start)
    return Edge(collected_to=dataset.collected_to, declared=dataset.collection.declared, start=start, end=end, thin=thin)


@dataclass(frozen=True)
class Adoption:
    curves: pd.DataFrame      # adoption_curves + ``share_with_own_plan`` and ``milestones`` (national ones that month)
    milestones: pd.DataFrame  # national_milestones of the selected countries, dated up to the end
    edge: Edge | None = None


def adoption(dataset: Dataset, state: ViewState) -> Adoption:
    actions = chart_actions(dataset, state, "adoption")
    end = state.month_range(dataset.month_labels)[1]
    shown = dataset.months[:min(end, collected_index(dataset)) + 1]
    curves = analytics.adoption_curves(actions, selected_regions(dataset, state), shown)
    curves.insert(curves.columns.get_loc("regions_with_own_plan") + 1, "share_with_own_plan",
                  curves["regions_with_own_plan"] / curves["regions_total"])
    milestones = analytics.national_milestones(all_actions(dataset))
    milestones = milestones[milestones["country"].isin(selected_countries(state))
                            & (milestones["month"] <= dataset.month_labels[end])].reset_index(drop=True)
    described = milestones.assign(text=milestones["date_label"] + " " + milestones["action_type"] + ": " + milestones["title"])
    by_month = described.groupby(["country", "month"])["text"].agg(" | ".join).to_dict()
    curves["milestones"] = [by_month.get((c, m), "") for c, m in zip(curves["country"], curves["month"])]
    return Adoption(curves=curves, milestones=milestones, edge=edge(dataset, state, cumulative=True))


def national_options(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Per country, its national actions (the lag's possible milestones), oldest first."""
    actions = all_actions(dataset)
    national = actions[actions[Col.LEVEL] == "national"]
    return {country: national[national[Col.COUNTRY] == country] for country in COUNTRIES}


@dataclass(frozen=True)
class Lags:
    table: pd.DataFrame       # region_lags of the selected regions, by country then lag (the list and the CSV)
    strip: pd.DataFrame       # lag_strip of ``table`` (the chart's points)
    milestones: pd.DataFrame  # per selected country with a milestone: milestone_id, date_label, title
    refused: list = field(default_factory=list)  # (country, action_id) picks that are not its national actions


def valid_milestones(dataset: Dataset, chosen: dict | None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The picks that name a national action of their country; the others, refused."""
    options = national_options(dataset)
    valid, refused = {}, []
    for country, action_id in (chosen or {}).items():
        if not action_id or country not in options:
            continue
        if action_id in set(options[country][Col.ACTION_ID]):
            valid[country] = action_id
        else:
            refused.append((country, action_id))
    return valid, refused


def lags(dataset: Dataset, state: ViewState, chosen: dict | None = None) -> Lags:
    valid, refused = valid_milestones(dataset, chosen)
    actions = chart_actions(dataset, state, "lag")
    table = analytics.region_lags(actions, selected_regions(dataset, state), valid, milestone_source=all_actions(dataset))
    table = table.sort_values(["country", "lag_min_days", "region_id"], key=_country_order, na_position="last", kind="stable")
    table = table.reset_index(drop=True)
    used = table.dropna(subset=["milestone_id"]).drop_duplicates("country")
    by_id = all_actions(dataset).set_index(Col.ACTION_ID)
    milestones = pd.DataFrame({
        "country": used["country"].to_numpy(),
        "milestone_id": used["milestone_id"].to_numpy(),
        "date_label": by_id.loc[used["milestone_id"], Col.DATE_LABEL].to_numpy(),
        "title": by_id.loc[used["milestone_id"], Col.TITLE].to_numpy(),
    })
    return Lags(table=table, strip=analytics.lag_strip(table), milestones=milestones, refused=refused)


def _country_order(column: pd.Series) -> pd.Series:
    return column.map({c: i for i, c in enumerate(COUNTRIES)}) if column.name == "country" else column


def ranking(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """first_mover_ranking of the selected regions (never-acted regions last, without a rank)."""
    return analytics.first_mover_ranking(chart_actions(dataset, state, "ranking"), selected_regions(dataset, state))


@dataclass(frozen=True, eq=False)
class Neighbours:
    test: analytics.NeighbourTest
    regions: pd.DataFrame  # diffusion_map regions + neighbour_shares columns: the map's shading and the CSV
    links: pd.DataFrame    # earlier_neighbour_links: the map's lines
    evidence: str = ""     # how the view's actions are known (share by verification level), the first caveat


NEIGHBOUR_COLUMNS = ["rank", "rank_last", "rank_shared", "acted", "region_id", "country", "name_en",
                     "first_action_label", "first_action_precision", "neighbours", "neighbours_acted",
                     "neighbours_acted_before", "share_before", "earlier_neighbour_ids", "lon", "lat"]


def neighbours(dataset: Dataset, state: ViewState, adjacency: Adjacency, permutations: int = PERMUTATIONS,
               seed: int = analytics.DEFAULT_SEED) -> Neighbours:
    actions = chart_actions(dataset, state, "neighbours")
    regions = selected_regions(dataset, state)
    local = adjacency.within(selected_countries(state))
    mapped = analytics.diffusion_map(actions, regions, local)
    shares = analytics.neighbour_shares(actions, regions, local).set_index("region_id")
    shares = shares.rename(columns={"earlier_neighbours": "earlier_neighbour_ids"})
    table = mapped.regions.drop(columns="earlier_neighbours").join(
        shares[["neighbours", "neighbours_acted", "neighbours_acted_before", "share_before", "earlier_neighbour_ids"]],
        on="region_id")
    table["neighbours"] = table["region_id"].map(pd.Series(local.matrix.sum(axis=1), index=list(local.region_ids)))
    test = cached_neighbour_test(actions, regions, local, permutations, seed)
    # The evidence counts verification levels, which the charts' columns leave out.
    verification = matching_actions(dataset, cumulative_state(dataset, state))[[Col.VERIFICATION]]
    return Neighbours(test=test, regions=table[NEIGHBOUR_COLUMNS], links=mapped.links,
                      evidence=analytics.evidence_caveat(verification))


def cached_neighbour_test(actions: pd.DataFrame, regions: pd.DataFrame, adjacency: Adjacency,
                          permutations: int, seed: int) -> analytics.NeighbourTest:
    """``neighbour_test``, computed once per content of its inputs (first actions, regions, links)."""
    sub_national = actions[actions[Col.REGION_ID].isin(regions.index)]
    key = (content_key(sub_national, FIRSTS_INPUT), tuple(regions.index), tuple(adjacency.region_ids),
           adjacency.matrix.tobytes(), permutations, seed)
    return _neighbour_test(ByContent(key, (sub_national, regions, adjacency)), permutations, seed, i18n.current())


@functools.lru_cache(maxsize=64)
def _neighbour_test(inputs: ByContent, permutations: int, seed: int, _lang: str) -> analytics.NeighbourTest:
    """Keyed by the language too: the test's reading and caveats are text."""
    actions, regions, adjacency = inputs.value
    return analytics.neighbour_test(actions, regions, adjacency, permutations, seed)


def counts(dataset: Dataset, state: ViewState, by: str = "level", freq: str = "month") -> pd.DataFrame:
    """counts_over_time of the window's actions on the window's months, for the selected countries."""
    return analytics.counts_over_time(chart_actions(dataset, state, "counts"), window_months(dataset, state), by=by,
                                      freq=freq, countries=selected_countries(state))


def hype(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    return analytics.hype_cycle(chart_actions(dataset, state, "hype"), window_months(dataset, state),
                                countries=selected_countries(state))
