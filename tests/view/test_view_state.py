"""The view state: its round trip through a link, and what a hand-edited link falls back to."""

from __future__ import annotations

from components.core.view.state import ViewState
from components.panels.url_state import default_state, state_from_query, state_from_view


def test_url_round_trip_restores_every_field():
    state = ViewState(start="2022-01", end="2023-06", countries=["CN", "KR"], levels=["district"],
                      types=["strategy_plan", "funding"], verification=["verified"], metric="window",
                      region="CN-SH", zoom="CN", present=True, search="元宇宙 plan", rescale=True, action="x-1",
                      tab="analysis")
    assert ViewState.from_query(state.to_query()) == state


def test_default_view_has_an_empty_query():
    assert ViewState().to_query() == ""


def test_empty_selection_survives_the_url():
    state = ViewState(countries=[])
    assert ViewState.from_query(state.to_query()).countries == []


def test_malformed_query_values_fall_back_to_defaults():
    state = ViewState.from_query("?metric=bogus&zoom=XX&countries=CN,ZZ&levels=&start=2022-13&rescale=yes")
    assert state.metric == "cumulative"
    assert state.zoom == "all"
    assert state.countries == ["CN"]
    assert state.levels == []
    assert state.start is None
    assert state.rescale is False


def test_the_tab_is_in_the_link_only_when_it_is_not_the_map():
    assert ViewState(tab="analysis").to_query() == "?tab=analysis"
    assert ViewState.from_query("?tab=analysis").tab == "analysis"
    assert ViewState.from_query("?tab=charts").tab == "map"
    assert ViewState.from_query("?tab=").tab == "map"


def test_month_range_is_ordered_and_clamped():
    labels = ["2021-01", "2021-02", "2021-03"]
    assert ViewState(start="2021-03", end="2021-01").month_range(labels) == (0, 2)
    assert ViewState(start="1999-01", end=None).month_range(labels) == (0, 2)


def test_a_link_only_keeps_what_the_dataset_knows(small):
    state = state_from_query(small, "?region=XX-99&action=nope&start=2030-01&end=2022-06&search=" + "y" * 500)
    assert state.region is None and state.action is None
    assert state.start == small.month_labels[0] and state.end == "2022-06"
    assert len(state.search) == 200
    assert state_from_query(small, "?region=KR-11&action=kr-11-2021-11-seoul-plan").action == "kr-11-2021-11-seoul-plan"


def test_a_view_sent_by_a_request_is_re_read_not_trusted(small):
    hostile = {"countries": "CN", "levels": [1, None], "metric": {"x": 1}, "region": ["KR-11", "CN-SH"], "end": 5,
               "search": "seoul", "present": "yes", "unknown": "?"}
    state = state_from_view(small, hostile)
    assert state.countries == ["CN"]            # read as the link "countries=CN" would be
    assert state.levels == [] and state.metric == "cumulative" and state.region is None and state.present is False
    assert state.end == small.collected_to and state.search == "seoul"
    assert state_from_view(small, None) == default_state(small)


def test_export_slug_names_the_region_and_the_search():
    slug = ViewState(start="2022-01", end="2023-06", countries=["KR"], region="KR-11", search="Seoul / 서울 plan!").slug()
    assert slug == "2022-01_to_2023-06_countries-KR_region-KR-11_search-Seoul-서울-plan"


def test_the_named_regions_count_round_trips_and_unknown_counts_fall_back():
    state = ViewState(labels=5)
    assert state.to_query() == "?labels=5"
    assert ViewState.from_query("?labels=5") == state
    for bad in ("?labels=7", "?labels=five", "?labels=", "?labels=-5"):
        assert ViewState.from_query(bad).labels == 0, bad
