"""The map's text alternative: one row per region with the value and the legend entry the map shows."""

from __future__ import annotations

from components.core.view.encodings import encode_view
from components.core.view.map_table import map_table_rows
from components.panels.url_state import state_from_query


def table(dataset, link: str) -> dict:
    state = state_from_query(dataset, link)
    _, view, encoding = encode_view(dataset, state)
    return {row.region_id: row for row in map_table_rows(dataset, state.metric, view, encoding)}


def test_every_region_once_by_country_then_name(small):
    state = state_from_query(small, "")
    _, view, encoding = encode_view(small, state)
    rows = map_table_rows(small, state.metric, view, encoding)
    assert sorted(r.region_id for r in rows) == sorted(small.regions.index)
    countries = [r.country for r in rows]
    assert countries == sorted(countries, key=["China", "South Korea", "Japan"].index)
    china = [r.name for r in rows if r.country == "China"]
    assert china == sorted(china) and "Shanghai" in china


def test_cumulative_counts_and_the_kind_of_zero_in_words(small):
    rows = table(small, "")
    assert (rows["CN-SH"].value, rows["KR-11"].value, rows["JP-13"].value) == ("2", "1", "1")
    assert rows["KR-26"].value == "0"
    assert rows["KR-26"].shown.startswith("No action in the data by")


def test_window_counts_say_when_a_region_acted_only_before(small):
    rows = table(small, "?metric=window&start=2022-01&end=2022-12")
    assert rows["CN-SH"].value == "1"
    assert rows["KR-11"].value == "0" and rows["KR-11"].shown == "Acted before, none in this window"


def test_first_month_and_plan_status(small):
    first = table(small, "?metric=first")
    assert (first["CN-SH"].value, first["KR-11"].value, first["KR-26"].value) == ("2021-12", "2021-11", "")
    assert first["CN-SH"].shown == "2021"
    plan = table(small, "?metric=plan")
    assert plan["CN-SH"].value == plan["CN-SH"].shown == "Own dedicated plan"
    assert plan["CN-JS"].shown == "Plan by a city or district inside"
    assert plan["JP-13"].shown == "Acted, no dedicated plan"


def test_regions_hidden_by_filters_say_so(small):
    rows = table(small, "?countries=KR")
    assert rows["CN-SH"].shown == "Hidden by your filters" and rows["CN-SH"].value == "0"
    assert rows["KR-11"].value == "1"
