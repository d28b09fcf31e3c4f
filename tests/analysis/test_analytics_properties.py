"""Property tests: the analytics' invariants hold for any set of actions on a toy map."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analytics_toys import action, actions_frame, geometries_from, grid_shapes, region_table_of
from components.core.analysis import (
    adoption_curves,
    build_adjacency,
    counts_over_time,
    first_mover_ranking,
    neighbour_shares,
    neighbour_test,
)
from components.core.analysis.firsts import region_firsts

SHAPES = {**grid_shapes(3, "CN"), **{k.replace("CN", "JP"): ("JP", g) for k, (_, g) in grid_shapes(2, "CN").items()}}
GEO = geometries_from(SHAPES)
REGIONS = region_table_of(GEO)
ADJACENCY = build_adjacency(GEO)
MONTHS = list(pd.period_range("2021-01", "2022-12", freq="M"))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def one_action(draw, index: int = 0):
    region = draw(st.sampled_from(sorted(SHAPES)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    day = draw(st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2022, 12, 31)))
    day = {"day": day, "month": day.replace(day=1), "year": day.replace(month=1, day=1)}[precision]
    level = draw(st.sampled_from(["national", "provincial", "municipal", "district"]))
    kind = draw(st.sampled_from(["strategy_plan", "event", "law_regulation"]))
    return action(f"x{index}-{draw(st.integers(0, 10**6))}", day.isoformat(), None if level == "national" else region,
                  level, kind, precision, dedicated=draw(st.booleans()), country=region[:2])


actions_lists = st.lists(one_action(), max_size=25, unique_by=lambda a: a["action_id"]).map(actions_frame)


@SETTINGS
@given(actions_lists)
def test_adoption_shares_stay_in_range_and_never_fall(actions):
    curves = adoption_curves(actions, REGIONS, MONTHS)
    assert curves["share_acted"].between(0, 1).all() and curves["share_with_plan"].between(0, 1).all()
    assert (curves["regions_acted"] <= curves["regions_total"]).all()
    assert (curves["regions_with_plan"] <= curves["regions_acted"]).all()
    assert (curves["regions_with_own_plan"] <= curves["regions_with_plan"]).all()
    for _, country in curves.groupby("country"):
        for column in ("regions_acted", "regions_with_plan", "regions_with_own_plan"):
            assert (np.diff(country[column].to_numpy()) >= 0).all()
    assert len(curves) == 2 * len(MONTHS)


@SETTINGS
@given(actions_lists)
def test_ranks_are_consistent_intervals(actions):
    ranking = first_mover_ranking(actions, REGIONS)
    acted = ranking[ranking["acted"]]
    assert (acted["rank"] >= 1).all() and (acted["rank"] <= acted["rank_last"]).all()
    assert (acted["rank_last"] <= len(acted)).all()
    assert ranking.loc[~ranking["acted"], "rank"].isna().all()


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(sorted(SHAPES)), st.dates(dt.date(2021, 1, 1), dt.date(2021, 3, 31))),
                max_size=13))
def test_with_exact_days_the_rank_is_pandas_min_and_max_rank(region_days):
    rows = [action(f"a{i}", d.isoformat(), r) for i, (r, d) in enumerate(region_days)]
    ranking = first_mover_ranking(actions_frame(rows), REGIONS)
    acted = ranking[ranking["acted"]]
    assert (acted["rank"].to_numpy() == acted["first_action_date"].rank(method="min").to_numpy()).all()
    assert (acted["rank_last"].to_numpy() == acted["first_action_date"].rank(method="max").to_numpy()).all()


@SETTINGS
@given(actions_lists, st.integers(0, 2**32 - 1))
def test_p_value_and_shares_are_proportions(actions, seed):
    shares = neighbour_shares(actions, REGIONS, ADJACENCY)
    assert shares["share_before"].between(0, 1).all()
    result = neighbour_test(actions, REGIONS, ADJACENCY, permutations=99, seed=seed)
    if result.regions_used:
        assert 1 / 100 <= result.p_value <= 1
        assert 0 <= result.observed_mean <= 1 and 0 <= result.null_mean <= 1
    else:
        assert np.isnan(result.p_value)


@SETTINGS
@given(actions_lists, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(actions, random):
    shuffled = actions.sample(frac=1, random_state=random.randint(0, 10**6))
    assert region_firsts(shuffled, REGIONS).equals(region_firsts(actions, REGIONS))


@SETTINGS
@given(actions_lists, st.sampled_from(["level", "action_type"]), st.sampled_from(["month", "quarter"]))
def test_time_series_count_every_action_once(actions, by, freq):
    counts = counts_over_time(actions, MONTHS, by=by, freq=freq, countries=["CN", "JP"])
    assert counts["count"].sum() == len(actions)
    assert (counts["count"] >= 0).all()


@pytest.mark.parametrize("bad", [0, -5])
def test_permutations_must_be_positive(bad):
    with pytest.raises(ValueError, match="at least 1"):
        neighbour_test(actions_frame([]), REGIONS, ADJACENCY, permutations=bad)
