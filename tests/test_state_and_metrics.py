"""View state round trip through the URL, and the precomputed aggregates against a plain count."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.core.columns import Col
from components.core.metrics import ACTIVE, NEVER, QUIET, build_cube, country_totals, filter_actions, region_values
from components.core.state import ViewState


def test_url_round_trip_restores_every_field():
    state = ViewState(start="2022-01", end="2023-06", countries=["CN", "KR"], levels=["district"],
                      types=["strategy_plan", "funding"], verification=["verified"], metric="window",
                      region="CN-SH", zoom="CN", present=True)
    assert ViewState.from_query(state.to_query()) == state


def test_default_view_has_an_empty_query():
    assert ViewState().to_query() == ""


def test_empty_selection_survives_the_url():
    state = ViewState(countries=[])
    assert ViewState.from_query(state.to_query()).countries == []


def test_malformed_query_values_fall_back_to_defaults():
    state = ViewState.from_query("?metric=bogus&zoom=XX&countries=CN,ZZ&levels=")
    assert state.metric == "cumulative"
    assert state.zoom == "all"
    assert state.countries == ["CN"]
    assert state.levels == []


def test_month_range_is_ordered_and_clamped():
    labels = ["2021-01", "2021-02", "2021-03"]
    assert ViewState(start="2021-03", end="2021-01").month_range(labels) == (0, 2)
    assert ViewState(start="1999-01", end=None).month_range(labels) == (0, 2)


def naive_counts(dataset, state: ViewState, upto_only: bool) -> pd.Series:
    shown = filter_actions(dataset, state.replace(start=dataset.month_labels[0]) if upto_only else state,
                           include_national=False)
    return shown.groupby(Col.REGION_ID).size().reindex(dataset.regions.index, fill_value=0)


STATES = [
    ViewState(),
    ViewState(end="2022-06"),
    ViewState(start="2022-01", end="2023-12", metric="window"),
    ViewState(countries=["KR"], levels=["provincial"], metric="window", start="2022-01"),
    ViewState(types=["strategy_plan", "five_year_plan"], verification=["verified", "reported"], end="2024-12"),
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.to_query() or "default")
def test_cube_matches_a_plain_count_of_the_actions(bundled, state):
    cube = build_cube(bundled)
    full = ViewState(start=bundled.month_labels[0], end=bundled.month_labels[-1])
    state = full.replace(**{k: v for k, v in state.__dict__.items() if v is not None and v != getattr(ViewState(), k)})
    values = region_values(cube, state)
    np.testing.assert_array_equal(values.cumulative, naive_counts(bundled, state, upto_only=True).to_numpy())
    np.testing.assert_array_equal(values.in_window, naive_counts(bundled, state, upto_only=False).to_numpy())


def test_window_metric_separates_no_action_yet_from_none_in_window(small):
    cube = build_cube(small)
    values = region_values(cube, ViewState(start="2022-06", end="2024-06", metric="window"))
    state = dict(zip(cube.region_ids, values.states))
    assert state["KR-11"] == QUIET        # Seoul acted in 2021, not in the window
    assert state["CN-SH"] == ACTIVE       # Shanghai acted in July 2022
    assert state["JP-13"] == ACTIVE
    assert state["CN-GD"] == NEVER
    assert np.isnan(values.values[cube.region_ids.index("KR-11")])


def test_first_action_metric_gives_the_adoption_month(small):
    cube = build_cube(small)
    values = region_values(cube, ViewState(metric="first"))
    first = {r: small.month_labels[int(v)] for r, v in zip(cube.region_ids, values.values) if not np.isnan(v)}
    assert first == {"CN-SH": "2021-12", "CN-JS": "2022-01", "KR-11": "2021-11", "JP-13": "2023-03"}


def test_plan_metric_marks_only_dedicated_metaverse_plans(small):
    cube = build_cube(small)
    values = region_values(cube, ViewState(metric="plan", end="2022-03"))
    state = dict(zip(cube.region_ids, values.states))
    assert state["KR-11"] == ACTIVE      # Metaverse Seoul basic plan
    assert state["CN-JS"] == ACTIVE      # Binhu metaverse plan
    assert state["CN-SH"] == QUIET       # acted (five-year plan) but no dedicated plan until July 2022


def test_national_actions_are_not_painted_on_regions(small):
    cube = build_cube(small)
    values = region_values(cube, ViewState(levels=["national"]))
    assert (values.states == NEVER).all()


def test_country_totals_split_national_and_sub_national(small):
    totals = country_totals(small.actions)
    assert totals.loc["KR"].to_dict() == {"national": 1, "sub_national": 1, "regions": 1}
    assert totals.loc["CN"].to_dict() == {"national": 1, "sub_national": 3, "regions": 2}


def test_facet_counts_show_what_each_option_would_add(small):
    from components.core.metrics import facet_counts

    counts = facet_counts(small, ViewState(countries=["KR"], levels=["national"]))
    assert counts["countries"] == {"CN": 1, "KR": 1, "JP": 0}        # national actions per country
    assert counts["levels"] == {"national": 1, "provincial": 1, "municipal": 0, "district": 0}  # Korea's
    assert counts["types"]["body_alliance"] == 1 and sum(counts["types"].values()) == 1
