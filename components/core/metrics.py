"""Aggregates behind the map, computed once at load; per-view work scales with regions.

Why a cube: a slider move or filter change must not rescan the actions. At load we
count sub-national actions into ``counts[month, region, level, type, verification]``.
A view then sums the selected category slices and takes a cumulative sum over months:
work in proportion to months x regions, whatever the number of actions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS, VERIFICATION, Col
from components.core.dataset import Dataset
from components.core.state import ViewState

NEVER, QUIET, ACTIVE = 0, 1, 2
STATE_LABELS = {NEVER: "No action yet", QUIET: "None in this window", ACTIVE: "Acted"}


@dataclass(frozen=True)
class ActionCube:
    """Counts of sub-national actions and of dedicated metaverse plans per month and region."""

    counts: np.ndarray
    plan_counts: np.ndarray
    region_ids: list[str]
    region_country: np.ndarray
    month_labels: list[str]


SUB_NATIONAL_LEVELS = [lvl for lvl in LEVELS if lvl != "national"]


def build_cube(dataset: Dataset) -> ActionCube:
    region_ids = list(dataset.regions.index)
    months = dataset.month_labels
    shape = (len(months), len(region_ids), len(SUB_NATIONAL_LEVELS), len(ACTION_TYPES), len(VERIFICATION))
    counts = np.zeros(shape, dtype=np.int32)
    plan_counts = np.zeros(shape, dtype=np.int32)
    regional = dataset.actions[dataset.actions[Col.LEVEL] != "national"]
    coords = (
        _codes(regional[Col.MONTH].dt.strftime("%Y-%m"), months),
        _codes(regional[Col.REGION_ID], region_ids),
        _codes(regional[Col.LEVEL], SUB_NATIONAL_LEVELS),
        _codes(regional[Col.ACTION_TYPE], list(ACTION_TYPES)),
        _codes(regional[Col.VERIFICATION], list(VERIFICATION)),
    )
    np.add.at(counts, coords, 1)
    dedicated = regional[Col.DEDICATED_PLAN].to_numpy()
    np.add.at(plan_counts, tuple(c[dedicated] for c in coords), 1)
    return ActionCube(
        counts=counts,
        plan_counts=plan_counts,
        region_ids=region_ids,
        region_country=dataset.regions["country"].to_numpy(),
        month_labels=months,
    )


def _codes(values: pd.Series, categories: list[str]) -> np.ndarray:
    return pd.Categorical(values, categories=categories).codes.astype(np.intp)


def _selector(chosen: list[str], universe) -> np.ndarray:
    return np.isin(list(universe), chosen)


def monthly_counts(cube: ActionCube, state: ViewState, plans_only: bool = False) -> np.ndarray:
    """(months, regions) counts for the view's level/type/verification/country filters."""
    source = cube.plan_counts if plans_only else cube.counts
    levels = _selector(state.levels, SUB_NATIONAL_LEVELS)
    types = _selector(state.types, ACTION_TYPES)
    verif = _selector(state.verification, VERIFICATION)
    selected = source[:, :, levels][:, :, :, types][:, :, :, :, verif].sum(axis=(2, 3, 4))
    selected[:, ~np.isin(cube.region_country, state.countries)] = 0
    return selected


@dataclass(frozen=True)
class RegionValues:
    """Per region (cube order): the metric's value (NaN where not coloured) and its state."""

    values: np.ndarray
    states: np.ndarray
    cumulative: np.ndarray
    in_window: np.ndarray


def region_values(cube: ActionCube, state: ViewState) -> RegionValues:
    start, end = state.month_range(cube.month_labels)
    cumulative = monthly_counts(cube, state).cumsum(axis=0)
    upto_end = cumulative[end]
    before_start = cumulative[start - 1] if start > 0 else np.zeros_like(upto_end)
    in_window = upto_end - before_start
    states = np.where(upto_end == 0, NEVER, ACTIVE)
    metric = state.metric
    if metric == "window":
        states = np.where((upto_end > 0) & (in_window == 0), QUIET, states)
        values = in_window.astype(float)
    elif metric == "first":
        values = np.argmax(cumulative[: end + 1] > 0, axis=0).astype(float)
    elif metric == "plan":
        has_plan = monthly_counts(cube, state, plans_only=True)[: end + 1].sum(axis=0) > 0
        states = np.where((states == ACTIVE) & ~has_plan, QUIET, states)
        values = np.ones(len(cube.region_ids))
    else:
        values = upto_end.astype(float)
    values = np.where(states == ACTIVE, values, np.nan)
    return RegionValues(values=values, states=states, cumulative=upto_end, in_window=in_window)


def filter_actions(dataset: Dataset, state: ViewState, include_national: bool = True) -> pd.DataFrame:
    """The actions a view shows: filters applied, dated inside the window."""
    actions = dataset.actions
    start, end = state.month_range(dataset.month_labels)
    months = actions[Col.MONTH].dt.strftime("%Y-%m")
    mask = (
        actions[Col.COUNTRY].isin(state.countries)
        & actions[Col.ACTION_TYPE].isin(state.types)
        & actions[Col.VERIFICATION].isin(state.verification)
        & (months >= dataset.month_labels[start])
        & (months <= dataset.month_labels[end])
    )
    mask &= actions[Col.LEVEL].isin(state.levels)
    if not include_national:
        mask &= actions[Col.LEVEL] != "national"
    return actions[mask]


def latest_by_region(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Each region's most recent filtered action up to the end date (for hover text)."""
    upto_end = state.replace(start=dataset.month_labels[0])
    shown = filter_actions(dataset, upto_end, include_national=False)
    return shown.groupby(Col.REGION_ID).tail(1).set_index(Col.REGION_ID)


def country_totals(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions per country split into national and sub-national, plus regions reached."""
    national = actions[Col.LEVEL] == "national"
    frame = pd.DataFrame({
        "national": actions[national].groupby(Col.COUNTRY).size(),
        "sub_national": actions[~national].groupby(Col.COUNTRY).size(),
        "regions": actions[~national].groupby(Col.COUNTRY)[Col.REGION_ID].nunique(),
    })
    return frame.fillna(0).astype(int)


def leading_regions(actions: pd.DataFrame, n: int = 8) -> pd.Series:
    regional = actions[actions[Col.LEVEL] != "national"]
    return regional.groupby(Col.REGION_ID).size().sort_values(ascending=False, kind="stable").head(n)


def type_counts(actions: pd.DataFrame) -> pd.Series:
    return actions.groupby(Col.ACTION_TYPE).size().reindex(list(ACTION_TYPES), fill_value=0)



FACETS = {"countries": (Col.COUNTRY, COUNTRIES), "levels": (Col.LEVEL, LEVELS),
          "types": (Col.ACTION_TYPE, ACTION_TYPES), "verification": (Col.VERIFICATION, VERIFICATION)}


def facet_counts(dataset: Dataset, state: ViewState) -> dict[str, dict[str, int]]:
    """For each filter, how many actions each option would show with the other filters as they are."""
    counts = {}
    for facet, (column, options) in FACETS.items():
        shown = filter_actions(dataset, state.replace(**{facet: list(options)}))
        counts[facet] = shown.groupby(column).size().reindex(list(options), fill_value=0).to_dict()
    return counts
