"""The reference numbers of a view, on a small hand-made dataset whose answers are worked out by hand.

The small dataset (tests/conftest.py): Seoul's own metaverse plan (2021-11), Shanghai's
five-year plan (2021-12) and its own metaverse plan (2022-07), Wuxi Binhu district's metaverse
plan in Jiangsu (2022-01), a Tokyo event (2023-03, month precision), and two national actions.
"""

from __future__ import annotations

import numpy as np

from components.core.view.metrics import (
    ACTED, CITY_PLAN, HIDDEN, NEVER, NO_PLAN, OWN_PLAN, QUIET, countries_in_view, facet_counts, readout_counts,
    region_view, table_actions,
)
from components.core.view.state import ViewState


def kinds(dataset, state) -> dict:
    view = region_view(dataset, state)
    return dict(zip(dataset.regions.index, view.kind))


def full(dataset, **changes) -> ViewState:
    return ViewState(start=dataset.month_labels[0], end=dataset.month_labels[-1]).replace(**changes)


def test_cumulative_counts_only_sub_national_actions_up_to_the_end(small):
    view = region_view(small, full(small, end="2022-06"))
    counts = dict(zip(small.regions.index, view.cumulative))
    assert {r: n for r, n in counts.items() if n} == {"KR-11": 1, "CN-SH": 1, "CN-JS": 1}
    assert kinds(small, full(small, end="2022-06"))["JP-13"] == NEVER


def test_window_separates_acted_before_from_never_acted(small):
    state = full(small, start="2022-06", end="2024-06", metric="window")
    k = kinds(small, state)
    assert k["KR-11"] == QUIET and k["CN-JS"] == QUIET   # acted in 2021 / Jan 2022, not in the window
    assert k["CN-SH"] == ACTED and k["JP-13"] == ACTED
    assert k["CN-GD"] == NEVER
    view = region_view(small, state)
    assert np.isnan(view.value[list(small.regions.index).index("KR-11")])


def test_plan_separates_own_plans_from_plans_inside_a_region(small):
    early = kinds(small, full(small, metric="plan", end="2022-03"))
    assert early["KR-11"] == OWN_PLAN      # Seoul's own plan
    assert early["CN-JS"] == CITY_PLAN     # a district's plan inside Jiangsu
    assert early["CN-SH"] == NO_PLAN       # acted (a five-year plan), its own plan comes in July
    assert kinds(small, full(small, metric="plan", end="2022-12"))["CN-SH"] == OWN_PLAN


def test_readout_counts_plans_per_country(small):
    state = full(small, metric="plan", end="2022-12")
    rows = {r["country"]: r for r in readout_counts(small, state, region_view(small, state))}
    assert (rows["CN"]["own_plan"], rows["CN"]["city_plan"], rows["CN"]["total"]) == (1, 1, 33)
    assert (rows["KR"]["own_plan"], rows["KR"]["total"]) == (1, 17)
    assert rows["JP"]["acted"] == 0


def test_a_region_hidden_by_a_filter_says_which(small):
    view = region_view(small, full(small, countries=["KR"]))
    index = list(small.regions.index)
    assert view.kind[index.index("CN-SH")] == HIDDEN
    assert view.hidden_by[index.index("CN-SH")] == ["countries"]
    assert view.kind[index.index("CN-GD")] == NEVER          # no action in the data is not "hidden"
    by_search = region_view(small, full(small, search="seoul"))
    assert by_search.hidden_by[index.index("CN-SH")] == ["search"]


def test_a_plan_hidden_by_the_kind_filter_is_not_shown_as_no_plan(small):
    state = full(small, metric="plan", types=["five_year_plan", "event"])
    view = region_view(small, state)
    index = list(small.regions.index)
    assert view.kind[index.index("CN-SH")] == HIDDEN     # it has its own plan; the filter hides it
    assert view.hidden_by[index.index("CN-SH")] == ["types"]
    assert view.kind[index.index("JP-13")] == NO_PLAN   # acted, and no plan exists in the data


def test_first_action_month_and_latest_action(small):
    view = region_view(small, full(small, metric="first"))
    index = list(small.regions.index)
    firsts = {r: small.month_labels[m] for r, m in zip(index, view.first_month) if m >= 0}
    assert firsts == {"CN-SH": "2021-12", "CN-JS": "2022-01", "KR-11": "2021-11", "JP-13": "2023-03"}
    latest = small.actions.iloc[view.latest[index.index("CN-SH")]]
    assert latest["action_id"] == "cn-sh-2022-07-track"


def test_search_matches_all_words_in_any_field_case_and_width_insensitively(small):
    assert list(table_actions(small, full(small, search="METAVERSE seoul"))["action_id"]) == ["kr-11-2021-11-seoul-plan"]
    assert set(table_actions(small, full(small, search="元宇宙"))["action_id"]) == {
        "cn-sh-2022-07-track", "cn-js-2022-01-binhu", "cn-nat-2023-09-three-year"}
    assert list(table_actions(small, full(small, search="ＳＥＯＵＬ"))["action_id"]) == ["kr-11-2021-11-seoul-plan"]
    assert set(table_actions(small, full(small, search="上海市"))["action_id"]) == {"cn-sh-2021-12-fyp", "cn-sh-2022-07-track"}


def test_selecting_a_region_narrows_the_table_to_it(small):
    rows = table_actions(small, full(small, region="CN-SH"))
    assert list(rows["action_id"]) == ["cn-sh-2021-12-fyp", "cn-sh-2022-07-track"]


def test_facet_counts_show_what_each_option_would_add(small):
    counts = facet_counts(small, full(small, countries=["KR"], levels=["national"]))
    assert counts["countries"] == {"CN": 1, "KR": 1, "JP": 0}        # national actions per country
    assert counts["levels"] == {"national": 1, "provincial": 1, "municipal": 0, "district": 0}  # Korea's
    assert counts["types"]["body_alliance"] == 1 and sum(counts["types"].values()) == 1


def test_the_overview_follows_the_zoom_and_the_country_filter():
    assert countries_in_view(ViewState(zoom="KR")) == ["KR"]
    assert countries_in_view(ViewState(countries=["CN", "JP"])) == ["CN", "JP"]
    assert countries_in_view(ViewState(countries=["CN"], zoom="JP")) == []
