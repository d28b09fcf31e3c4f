"""Diffusion analytics on hand-built toys: every expected number is worked out in the comments.

See tests/analytics_toys.py for the toy map and actions. Milestones: CN 2022-03-15, JP 2022-05-10.
First actions: A 2022-01-10 (own dedicated plan), B April 2022 (month precision; city plan
2022-07-20), C 2022-04-20, E (island) 2022-09-05, F (Japan) 2022-08-01, G never.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.analytics_toys import (
    TOY_ACTIONS,
    TOY_MONTHS,
    TOY_SHAPES,
    action,
    actions_frame,
    geometries_from,
    grid_shapes,
    region_table_of,
)
from components.core.analysis import (
    IslandRule,
    MilestoneError,
    adoption_curves,
    build_adjacency,
    counts_over_time,
    diffusion_map,
    earlier_neighbour_links,
    first_mover_ranking,
    hype_cycle,
    lag_strip,
    national_milestones,
    neighbour_shares,
    neighbour_test,
    region_lags,
)


@pytest.fixture(scope="module")
def toy_geo():
    return geometries_from(TOY_SHAPES)


@pytest.fixture(scope="module")
def toy_regions(toy_geo):
    return region_table_of(toy_geo)


@pytest.fixture(scope="module")
def toy_adjacency(toy_geo):
    return build_adjacency(toy_geo, IslandRule(k=2, max_km=150))


@pytest.fixture(scope="module")
def toy_actions():
    return actions_frame(TOY_ACTIONS)


def links(adjacency) -> set[tuple[str, str, str]]:
    return set(adjacency.pairs[["region_id", "neighbour_id", "rule"]].itertuples(index=False, name=None))


# --- adjacency -------------------------------------------------------------------------------

def test_toy_neighbours_share_edges_and_islands_take_their_nearest(toy_adjacency):
    one_way = {("CN-A", "CN-B", "border"), ("CN-A", "CN-C", "border"), ("CN-A", "JP-F", "border"),
               ("CN-E", "CN-B", "nearest"), ("JP-G", "JP-F", "nearest")}
    assert links(toy_adjacency) == one_way | {(b, a, rule) for a, b, rule in one_way}
    assert toy_adjacency.islands == ("CN-E", "JP-G")


def test_corner_contact_is_not_a_border(toy_adjacency):
    assert "CN-C" not in toy_adjacency.neighbours("CN-B")
    assert "JP-F" not in toy_adjacency.neighbours("CN-C")


def test_island_distance_is_measured_coast_to_coast_in_km(toy_adjacency):
    pairs = toy_adjacency.pairs.set_index(["region_id", "neighbour_id"])
    # E's west coast (x=3) to B's east edge (x=2): one degree of longitude at the equator = 111.3 km.
    assert pairs.loc[("CN-E", "CN-B"), "distance_km"] == pytest.approx(111.3, abs=0.5)
    # G (0.5,-1) to F (0,0): sqrt(0.5^2 + 1^2) = 1.118 degrees = 124.4 km.
    assert pairs.loc[("JP-G", "JP-F"), "distance_km"] == pytest.approx(124.4, abs=1.0)


def test_island_rule_k_and_distance(toy_geo):
    # Within 250 km: B (111 km), A (222 km), C (2.06 deg = 229 km); k=2 keeps B and A.
    wide = build_adjacency(toy_geo, IslandRule(k=2, max_km=250))
    assert set(wide.neighbours("CN-E")) == {"CN-A", "CN-B"}
    # Within 50 km there is none, but every region keeps at least its nearest one.
    tight = build_adjacency(toy_geo, IslandRule(k=1, max_km=50))
    assert tight.neighbours("CN-E") == ["CN-B"]
    # G's nearest region overall is A (China, 111 km), but the rule stays inside Japan.
    assert tight.neighbours("JP-G") == ["JP-F"]


def test_adjacency_matrix_matches_the_pairs(toy_adjacency):
    ids = list(toy_adjacency.region_ids)
    from_matrix = {(ids[i], ids[j]) for i, j in zip(*np.nonzero(toy_adjacency.matrix))}
    assert from_matrix == {(a, b) for a, b, _ in links(toy_adjacency)}


# --- adoption and milestones -----------------------------------------------------------------

def test_adoption_counts_per_month(toy_actions, toy_regions):
    curves = adoption_curves(toy_actions, toy_regions, TOY_MONTHS).set_index(["country", "month"])
    cn = curves.loc["CN"]
    #              Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct
    assert list(cn["regions_acted"]) == [0, 1, 1, 1, 3, 3, 3, 3, 3, 4, 4]
    assert list(cn["regions_with_plan"]) == [0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]  # A own plan; B's city plan in July
    assert list(cn["regions_with_own_plan"]) == [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]  # only A's is provincial
    assert set(cn["regions_total"]) == {4}
    assert cn.loc["2022-04", "share_acted"] == pytest.approx(3 / 4)
    jp = curves.loc["JP"]
    assert list(jp["regions_acted"]) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert jp.loc["2022-08", "share_acted"] == pytest.approx(1 / 2)


def test_adoption_has_every_month_for_every_country(toy_actions, toy_regions):
    curves = adoption_curves(toy_actions, toy_regions, TOY_MONTHS)
    expected = [m.strftime("%Y-%m") for m in TOY_MONTHS]
    for country in ("CN", "JP"):
        assert list(curves.loc[curves["country"] == country, "month"]) == expected


def test_national_actions_do_not_count_as_regions_acting(toy_regions):
    only_national = actions_frame([a for a in TOY_ACTIONS if a["level"] == "national"])
    curves = adoption_curves(only_national, toy_regions, TOY_MONTHS)
    assert curves["regions_acted"].sum() == 0


def test_milestones_are_national_plans_and_laws(toy_actions):
    milestones = national_milestones(toy_actions)
    assert list(milestones["action_id"]) == ["cn-nat-plan", "cn-nat-law", "cn-nat-later-plan", "jp-nat-plan"]
    assert list(milestones["month"]) == ["2022-03", "2022-06", "2022-10", "2022-05"]


# --- lag -------------------------------------------------------------------------------------

def test_lag_in_days_with_a_region_ahead(toy_actions, toy_regions):
    lags = region_lags(toy_actions, toy_regions).set_index("region_id")
    # A: 2022-01-10 is 64 days before 2022-03-15 (21 left in Jan + 28 Feb + 15 Mar).
    assert lags.loc["CN-A", "lag_days"] == -64 and lags.loc["CN-A", "ahead"]
    assert lags.loc["CN-A", "plan_lag_days"] == -64
    # B: April 2022 as written (1 April) = 17 days after; its city plan 2022-07-20 = 127 days after.
    assert lags.loc["CN-B", "lag_days"] == 17 and not lags.loc["CN-B", "ahead"]
    assert lags.loc["CN-B", "first_action_precision"] == "month"
    assert lags.loc["CN-B", "plan_lag_days"] == 127
    # C: 2022-04-20 = 36 days; no plan.
    assert lags.loc["CN-C", "lag_days"] == 36 and pd.isna(lags.loc["CN-C", "plan_lag_days"])
    # E: 2022-09-05 = 174 days (184 from 15 March to 15 September, less 10).
    assert lags.loc["CN-E", "lag_days"] == 174
    # F (Japan, milestone 2022-05-10): 2022-08-01 = 83 days.
    assert lags.loc["JP-F", "milestone_id"] == "jp-nat-plan" and lags.loc["JP-F", "lag_days"] == 83
    # G never acted: empty lag.
    assert pd.isna(lags.loc["JP-G", "lag_days"]) and pd.isna(lags.loc["JP-G", "first_action_date"])


def test_caller_can_pick_another_national_milestone(toy_actions, toy_regions):
    lags = region_lags(toy_actions, toy_regions, milestones={"CN": "cn-nat-later-plan"}).set_index("region_id")
    assert lags.loc["CN-E", "lag_days"] == -26  # 2022-09-05 is 26 days before 2022-10-01
    assert lags.loc["CN-E", "ahead"]
    assert lags.loc["JP-F", "lag_days"] == 83  # Japan keeps its default


@pytest.mark.parametrize("chosen, message", [
    ({"CN": "jp-nat-plan"}, "not a national action of CN"),
    ({"CN": "a-own-plan"}, "is a provincial action"),
    ({"CN": "no-such-action"}, "no action with action_id"),
])
def test_a_wrong_milestone_is_a_clear_error(toy_actions, toy_regions, chosen, message):
    with pytest.raises(MilestoneError, match=message):
        region_lags(toy_actions, toy_regions, milestones=chosen)


def test_milestones_can_come_from_the_full_dataset_when_the_view_hides_national_rows(toy_actions, toy_regions):
    regional_only = toy_actions[toy_actions["level"] != "national"]
    lags = region_lags(regional_only, toy_regions, milestone_source=toy_actions).set_index("region_id")
    assert lags.loc["CN-A", "lag_days"] == -64


def test_lag_strip_is_one_point_per_region_and_measure(toy_actions, toy_regions):
    strip = lag_strip(region_lags(toy_actions, toy_regions))
    actions_only = strip[strip["measure"] == "First action"].set_index("region_id")
    assert sorted(actions_only.index) == ["CN-A", "CN-B", "CN-C", "CN-E", "JP-F"]
    plans = strip[strip["measure"] == "First dedicated plan"].set_index("region_id")
    assert plans["lag_days"].to_dict() == {"CN-A": -64, "CN-B": 127}
    assert strip.loc[strip["region_id"] == "CN-A", "ahead"].all()


# --- ranking ---------------------------------------------------------------------------------

def test_ranking_treats_a_month_precision_date_as_the_whole_month(toy_actions, toy_regions):
    ranking = first_mover_ranking(toy_actions, toy_regions)
    assert list(ranking["region_id"]) == ["CN-A", "CN-B", "CN-C", "JP-F", "CN-E", "JP-G"]
    by_id = ranking.set_index("region_id")
    # B is "April 2022", C is 20 April: neither certainly first, so both share place 2 (could be 3).
    assert by_id.loc["CN-B", "rank"] == by_id.loc["CN-C", "rank"] == 2
    assert by_id.loc["CN-B", "rank_last"] == by_id.loc["CN-C", "rank_last"] == 3
    assert by_id.loc["CN-B", "rank_shared"] and by_id.loc["CN-C", "rank_shared"]
    assert by_id.loc["CN-B", "first_action_label"] == "2022-04"
    # Competition ranking: after the shared 2nd place comes 4th.
    assert by_id.loc["JP-F", "rank"] == 4 and not by_id.loc["JP-F", "rank_shared"]
    assert by_id.loc["CN-E", "rank"] == 5
    assert pd.isna(by_id.loc["JP-G", "rank"]) and not by_id.loc["JP-G", "acted"]


def test_ranking_within_each_country(toy_actions, toy_regions):
    ranking = first_mover_ranking(toy_actions, toy_regions, within_country=True).set_index("region_id")
    assert ranking["rank"].dropna().to_dict() == {"CN-A": 1, "CN-B": 2, "CN-C": 2, "CN-E": 4, "JP-F": 1}


# --- neighbour effect ------------------------------------------------------------------------

def test_share_of_neighbours_that_acted_before(toy_actions, toy_regions, toy_adjacency):
    shares = neighbour_shares(toy_actions, toy_regions, toy_adjacency).set_index("region_id")
    # A: neighbours B, C, F all later -> 0/3.  B: A earlier, E later -> 1/2.  C: A earlier -> 1/1.
    # E: B (April) before September -> 1/1.  F: A earlier, G never acted -> 1/2.  G did not act.
    assert shares["share_before"].to_dict() == {"CN-A": 0.0, "CN-B": 0.5, "CN-C": 1.0, "CN-E": 1.0, "JP-F": 0.5}
    assert shares.loc["JP-F", "neighbours_acted"] == 1
    assert shares.loc["CN-B", "earlier_neighbours"] == "CN-A"


def test_observed_mean_and_regions_used(toy_actions, toy_regions, toy_adjacency):
    result = neighbour_test(toy_actions, toy_regions, toy_adjacency, permutations=999, seed=1)
    assert result.observed_mean == pytest.approx((0 + 0.5 + 1 + 1 + 0.5) / 5)
    assert result.regions_used == ("CN-A", "CN-B", "CN-C", "CN-E", "JP-F")
    assert 0 <= result.null_mean <= 1 and 1 / 1000 <= result.p_value <= 1
    assert result.permutations == 999 and result.seed == 1


def test_a_neighbour_in_the_same_month_is_not_earlier(toy_regions, toy_adjacency):
    # C dated only to January 2022 may have acted before or after A (10 January): neither counts.
    rows = [action("a", "2022-01-10", "CN-A"), action("c", "2022-01-01", "CN-C", precision="month")]
    shares = neighbour_shares(actions_frame(rows), toy_regions, toy_adjacency).set_index("region_id")
    assert shares["share_before"].to_dict() == {"CN-A": 0.0, "CN-C": 0.0}


def test_a_neighbour_on_the_same_day_is_not_earlier(toy_regions, toy_adjacency):
    rows = [action("a", "2022-01-10", "CN-A"), action("b", "2022-01-10", "CN-B")]
    shares = neighbour_shares(actions_frame(rows), toy_regions, toy_adjacency).set_index("region_id")
    assert shares["share_before"].to_dict() == {"CN-A": 0.0, "CN-B": 0.0}


def test_map_links_point_from_the_earlier_neighbour(toy_actions, toy_regions, toy_adjacency):
    found = earlier_neighbour_links(toy_actions, toy_regions, toy_adjacency)
    assert set(zip(found["region_id"], found["neighbour_id"], found["rule"])) == {
        ("CN-B", "CN-A", "border"), ("CN-C", "CN-A", "border"), ("CN-E", "CN-B", "nearest"), ("JP-F", "CN-A", "border")}
    arrow = found.set_index("region_id").loc["CN-E"]
    assert 1 <= arrow["from_lon"] <= 2 and 3 <= arrow["to_lon"] <= 3.5  # from B's square to E's


def test_map_mode_has_rank_and_earlier_neighbour_count(toy_actions, toy_regions, toy_adjacency):
    mapped = diffusion_map(toy_actions, toy_regions, toy_adjacency).regions.set_index("region_id")
    assert mapped["earlier_neighbours"].to_dict() == {"CN-A": 0, "CN-B": 1, "CN-C": 1, "JP-F": 1, "CN-E": 1, "JP-G": 0}
    assert mapped.loc["CN-C", "rank"] == 2


def grid_test(acted_cells: list[tuple[int, int]], permutations: int = 9999):
    geo = geometries_from(grid_shapes(4))
    rows = [action(f"a{i}", f"2022-0{i + 1}-15", f"CN-r{r}c{c}") for i, (r, c) in enumerate(acted_cells)]
    return neighbour_test(actions_frame(rows), region_table_of(geo), build_adjacency(geo), permutations, seed=7)


def test_clustered_adoption_gives_a_small_p_value():
    # A 2x2 block in the corner of a 4x4 grid, acting in turn: (0,0) first (degree 2, share 0),
    # (0,1) and (1,0) next (degree 3, one earlier: 1/3 each), (1,1) last (degree 4, two earlier: 1/2).
    result = grid_test([(0, 0), (0, 1), (1, 0), (1, 1)])
    assert result.observed_mean == pytest.approx((0 + 1 / 3 + 1 / 3 + 1 / 2) / 4)
    # Under shuffling, each neighbour of an acting region acted with chance 3/15 and earlier with
    # chance 1/2 of that, whatever the region's degree: the null mean is exactly 1/10.
    assert result.null_mean == pytest.approx(0.1, abs=0.005)
    assert result.p_value < 0.01
    assert result.p_value * (result.permutations + 1) == pytest.approx(round(result.p_value * 10000))


def test_scattered_adoption_gives_p_one():
    # No two acting cells touch: the observed mean is 0, every shuffle ties or beats it, p = 10000/10000.
    result = grid_test([(0, 0), (0, 2), (2, 0), (2, 2)])
    assert result.observed_mean == 0
    assert result.p_value == 1.0


def test_the_seed_makes_the_test_reproducible(toy_actions, toy_regions, toy_adjacency):
    first = neighbour_test(toy_actions, toy_regions, toy_adjacency, permutations=500, seed=3)
    again = neighbour_test(toy_actions, toy_regions, toy_adjacency, permutations=500, seed=3)
    assert first == again


def test_nothing_acted_gives_an_empty_test(toy_regions, toy_adjacency):
    result = neighbour_test(actions_frame([]), toy_regions, toy_adjacency, permutations=10)
    assert result.regions_used == () and np.isnan(result.p_value)
    assert result.to_dict()["p_value"] is None
    assert "nothing to test" in result.reading


# --- level and kind over time ----------------------------------------------------------------

def test_monthly_counts_by_level(toy_actions):
    counts = counts_over_time(toy_actions, TOY_MONTHS, by="level", countries=["CN", "JP"])
    cn_april = counts[(counts["country"] == "CN") & (counts["period"] == "2022-04")].set_index("level")["count"]
    assert cn_april.to_dict() == {"national": 0, "provincial": 0, "municipal": 1, "district": 1}
    assert len(counts) == 2 * len(TOY_MONTHS) * 4  # every country x month x level, zeros included
    assert counts["count"].sum() == len(TOY_ACTIONS)


def test_quarterly_counts_by_type_and_hype_cycle(toy_actions):
    by_type = counts_over_time(toy_actions, TOY_MONTHS, by="action_type", freq="quarter", countries=["CN", "JP"])
    q3 = by_type[(by_type["country"] == "CN") & (by_type["period"] == "2022-Q3")].set_index("action_type")["count"]
    assert q3[q3 > 0].to_dict() == {"strategy_plan": 1, "event": 1}  # B's plan in July, E's event in September
    hype = hype_cycle(toy_actions, TOY_MONTHS, countries=["CN", "JP"]).set_index(["country", "period"])["actions"]
    # CN: Q1 = A's plan + national plan = 2; Q2 = B, C, national law = 3; Q3 = B plan, E = 2; Q4 = later plan = 1.
    assert hype.loc["CN"].to_dict() == {"2021-Q4": 0, "2022-Q1": 2, "2022-Q2": 3, "2022-Q3": 2, "2022-Q4": 1}
    assert hype.loc["JP"].to_dict() == {"2021-Q4": 0, "2022-Q1": 0, "2022-Q2": 1, "2022-Q3": 1, "2022-Q4": 0}
