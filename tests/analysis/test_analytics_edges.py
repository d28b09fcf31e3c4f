"""Honest analytics at the edges: date precision, the end of collection, claims sized to the evidence.

Every expectation is worked out by hand from the toy datasets (``analytics_toys``), the
conftest's small CSV or a stated fact of the bundled data (its README and coverage.csv),
never copied from the code under test.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from components.core.analysis import data
from components.core.analysis import figures
from components.core import i18n
from components.core.analysis import build_adjacency, neighbour_test, region_lags, write_analysis
from components.core.analysis.adjacency import IslandRule
from components.core.analysis.diffusion import Estimate, effect_class, reading
from components.core.analysis.firsts import known_period
from components.core.data.columns import Col
from components.core.data.coverage import Collection
from components.core.data.schema import DatasetError
from components.panels import analysis
from components.panels.analysis_lists import lag_list_data
from components.panels.url_state import default_state, state_from_query
from tests.analytics_toys import TOY_SHAPES, action, actions_frame, geometries_from, grid_shapes, region_table_of

MILESTONE = "2022-06-15"  # a day-precision national plan of CN, mid-June 2022


def lag_of(date: str, precision: str, milestone: str = MILESTONE, milestone_precision: str = "day") -> pd.Series:
    regions = region_table_of(geometries_from(TOY_SHAPES))
    rows = [action("cn-nat", milestone, None, "national", "strategy_plan", precision=milestone_precision, country="CN"),
            action("a-first", date, "CN-A", precision=precision)]
    lags = region_lags(actions_frame(rows), regions)
    return lags.set_index("region_id").loc["CN-A"]


# (precision, written date, status against 2022-06-15): periods before, containing and after the milestone.
PRECISION_CASES = [
    ("day", "2022-06-14", "ahead"), ("day", "2022-06-15", "undetermined"), ("day", "2022-06-16", "after"),
    ("month", "2022-05-01", "ahead"), ("month", "2022-06-01", "undetermined"), ("month", "2022-07-01", "after"),
    ("year", "2021-01-01", "ahead"), ("year", "2022-01-01", "undetermined"), ("year", "2023-01-01", "after"),
]


@pytest.mark.parametrize(("precision", "date", "status"), PRECISION_CASES)
def test_each_precision_against_a_milestone_before_inside_and_after_its_period(precision, date, status):
    row = lag_of(date, precision)
    assert row["lag_status"] == status
    assert bool(row["ahead"]) == (status == "ahead")
    if status == "undetermined":
        assert pd.isna(row["lag_days"])
    else:
        written = (pd.Timestamp(date) - pd.Timestamp(MILESTONE)).days
        assert row["lag_days"] == written and (written < 0) == (status == "ahead")


def test_the_range_of_an_undetermined_lag_spans_the_whole_period():
    # "2022" against 15 June 2022: from 1 January (-165 days) to 31 December (+199 days).
    row = lag_of("2022-01-01", "year")
    assert (row["lag_min_days"], row["lag_max_days"]) == (-165, 199)


def test_a_month_precision_milestone_is_a_period_too():
    # A milestone known only to June 2022: a region on 10 June cannot be ordered against it; 31 May is ahead.
    assert lag_of("2022-06-10", "day", "2022-06-01", "month")["lag_status"] == "undetermined"
    assert lag_of("2022-05-31", "day", "2022-06-01", "month")["lag_status"] == "ahead"
    assert lag_of("2022-07-01", "day", "2022-06-01", "month")["lag_status"] == "after"


def test_no_bundled_region_whose_period_reaches_any_milestone_is_called_ahead(bundled):
    """For every national action of each country as the milestone: ahead means the whole period ends before it."""
    national = bundled.actions[bundled.actions[Col.LEVEL] == "national"]
    earliest, latest = known_period(bundled.actions)
    regional = bundled.actions[bundled.actions[Col.LEVEL] != "national"]
    first_latest = latest[regional.index].groupby(regional[Col.REGION_ID]).min()
    first_earliest = earliest[regional.index].groupby(regional[Col.REGION_ID]).min()
    checked = 0
    for action_id, country in zip(national[Col.ACTION_ID], national[Col.COUNTRY]):
        lags = region_lags(bundled.actions, bundled.regions, {country: action_id}).set_index("region_id")
        mine = lags[lags["country"] == country]
        milestone = national[national[Col.ACTION_ID] == action_id]
        m_start, m_end = (s.iloc[0] for s in known_period(milestone))
        for region, status in mine["lag_status"].dropna().items():
            ahead = first_latest[region] < m_start
            after = first_earliest[region] > m_end
            assert status == ("ahead" if ahead else "after" if after else "undetermined"), (action_id, region)
            checked += 1
    assert checked > 2000


def test_the_bundled_regions_the_issue_named_are_undetermined_not_ahead(bundled):
    lags = region_lags(bundled.actions, bundled.regions).set_index("region_id")
    # Hainan, Shaanxi and Shanxi are known only to 2022 (China's VR plan: 2022-11-01); Gunma only to 2022-06
    # (Japan's IP strategic programme: 2022-06-03).
    for region in ("CN-HI", "CN-SN", "CN-SX", "JP-10"):
        assert lags.loc[region, "lag_status"] == "undetermined" and pd.isna(lags.loc[region, "lag_days"])
    assert lags.loc["CN-AH", "lag_status"] == "ahead"  # 2022-01-11, to the day


def test_the_lag_list_counts_each_status_by_the_rule_it_draws(bundled):
    result = data.lags(bundled, default_state(bundled))
    items = lag_list_data(result)["notes"]
    china = next(i for i in items if i.get("attrs") == {"data-country": "CN", "data-measure": "first_action"})
    table = result.table[result.table["country"] == "CN"]["lag_status"].value_counts()
    assert china["text"] == (f"China, First action: {table['ahead']} ahead of the milestone, {table['after']} after it, "
                              f"{table['undetermined']} undetermined (of {table.sum()} regions measured).")
    assert table["undetermined"] == 3


# --- the edge of collection ---------------------------------------------------------------------------------


def test_the_bundled_dataset_declares_where_its_collection_ends(bundled):
    assert bundled.collection.declared and bundled.collected_to == "2026-02"
    assert bundled.actions[Col.DATE].max() <= pd.Timestamp("2026-02-28")
    assert bundled.month_labels[-1] >= bundled.collected_to  # the axis still runs on: explicit ends keep working
    assert dict(bundled.collection.thin_from)["CN-BJ"] == "2023-07"  # "China after mid-2023", data/README.md


def test_the_default_window_ends_at_the_collection_edge_and_an_explicit_end_is_kept(bundled):
    assert default_state(bundled).end == "2026-02"
    assert state_from_query(bundled, "").end == "2026-02"
    later = bundled.month_labels[-1]
    assert state_from_query(bundled, f"?end={later}").end == later
    assert default_state(bundled).to_query(default_state(bundled)) == ""


@pytest.fixture
def stale(small):
    """The small dataset searched up to November 2023 only, its month axis running to June 2024."""
    return dataclasses.replace(small, collection=Collection(collected_to="2023-11", declared=True))


def test_a_dataset_whose_last_month_is_past_does_not_fall_to_zero(stale):
    state = default_state(stale).replace(end="2024-06")
    hype = data.hype(stale, state)
    assert hype["period"].max() == "2023-Q4"  # no 2024 quarter, so no zero after the edge
    last = hype[hype["period"] == "2023-Q4"]
    assert last["partial"].all() and (last["months_covered"] == 2).all()  # October and November only
    counts = data.counts(stale, state)
    assert counts["period"].max() == "2023-11"
    curves = data.adoption(stale, state).curves
    assert curves["month"].max() == "2023-11"


def test_charts_past_the_edge_shade_it_and_mark_the_partial_quarter(stale):
    state = default_state(stale).replace(end="2024-06")
    figure = go.Figure(figures.hype_figure(data.hype(stale, state), "footer", data.edge(stale, state)))
    band = [s for s in figure.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in band] == [("2023-12-01", "2024-07-01")]
    assert "not yet collected (data to 2023-11)" in [a.text for a in figure.layout.annotations]
    korea = next(t for t in figure.data if t.name == "South Korea")
    assert korea.marker.color[-1] == "#ffffff"  # hollow: 2023-Q4 holds two of its three months
    assert "2 of its 3 months" in korea.text[-1]


def test_a_partial_quarter_is_shaded_even_when_the_window_ends_at_the_edge(stale):
    state = default_state(stale)
    assert state.end == "2023-11"
    counts = data.counts(stale, state, freq="quarter")
    figure = go.Figure(figures.counts_figure(counts, "level", "footer", data.edge(stale, state), "quarter"))
    assert {(s.x0, s.x1) for s in figure.layout.shapes if s.type == "rect"} == {("2023-12-01", "2024-01-01")}


def test_a_window_that_starts_after_the_edge_says_so(bundled, real_adjacency):
    context = analysis.Analysis(bundled=bundled, adjacency=real_adjacency, geojson_url="x")
    view = {"start": "2026-05", "end": bundled.month_labels[-1]}
    figure = analysis.render(context, "hype", view, None)[0]
    assert figure["data"] == []
    assert any("collected to 2026-02" in a["text"] for a in figure["layout"]["annotations"])


def test_thin_coverage_is_marked_for_china_where_coverage_csv_says_so(bundled):
    state = default_state(bundled)
    figure = go.Figure(figures.hype_figure(data.hype(bundled, state), "footer", data.edge(bundled, state)))
    thin = [s for s in figure.layout.shapes if s.fillcolor == figures.THIN_FILL]
    assert [(s.x0, s.x1) for s in thin] == [("2023-07-01", "2026-03-01")]
    assert "China: thinner coverage from 2023-07 (33 of 33 regions)" in [a.text for a in figure.layout.annotations]
    korea_only = data.edge(bundled, state.replace(countries=["KR"]))
    assert korea_only.thin == ()


def test_the_analyze_files_carry_the_edge(tmp_path, bundled, real_adjacency):
    write_analysis(bundled, real_adjacency, tmp_path, permutations=99)
    adoption = pd.read_csv(tmp_path / "adoption.csv", dtype={"month": str})
    assert adoption["month"].max() == "2026-02"
    result = json.loads((tmp_path / "diffusion.json").read_text(encoding="utf-8"))
    assert result["collected_to"] == "2026-02" and result["collected_to_declared"] is True
    assert result["thin_coverage"] == [{"country": "CN", "start": "2023-07", "end": "2026-02", "regions": 33, "total": 33}]
    assert result["lag_status_counts"]["first_action"]["CN"] == {"measured": 24, "ahead": 14, "after": 7, "undetermined": 3}


def test_coverage_rules_for_the_edge_name_row_column_value_and_rule(tmp_path, bundled):
    import csv

    from components.core.data.coverage import read_and_validate_coverage
    from tests.data.test_coverage import COVERAGE_PATH

    rows = list(csv.DictReader(COVERAGE_PATH.open(encoding="utf-8")))
    rows[0]["collected_to"] = "2027-01"      # after its search of 2026-12-08
    rows[1]["collected_to"] = "2021-03"      # before Beijing's latest action
    rows[2]["thin_from"] = "2026-05"         # after collected_to
    rows[3]["collected_to"] = "Feb 2026"
    path = tmp_path / "coverage.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DatasetError) as err:
        read_and_validate_coverage(path, set(bundled.regions.index), actions=bundled.actions.assign(
            date=bundled.actions[Col.DATE].dt.strftime("%Y-%m-%d")))
    found = {(p.row, p.column, p.value): p.rule for p in err.value.problems}
    assert "searched (2026-12)" in found[(2, "collected_to", "2027-01")]
    assert "CN-BJ's latest action" in found[(3, "collected_to", "2021-03")]
    assert "after collected_to (2026-02)" in found[(4, "thin_from", "2026-05")]
    assert "YYYY-MM" in found[(5, "collected_to", "Feb 2026")]


# --- claims sized to the evidence -----------------------------------------------------------------------------


def estimate(difference: float, low: float, high: float, p_value: float, matched: int = 1) -> Estimate:
    return Estimate(0.4 + difference, 0.4, 0.02, difference, low, high, p_value, matched,
                    effect_class(difference, low, high, p_value))


@pytest.mark.parametrize(("difference", "low", "high", "p_value", "effect", "words"), [
    (0.30, 0.15, 0.45, 0.0001, "far_more", "far more often than chance"),
    (0.22, 0.05, 0.40, 0.0001, "more", "more often than chance would give, by a moderate"),  # large but loose
    (0.12, 0.02, 0.22, 0.001, "more", "more often than chance would give, by a moderate"),
    (0.05, 0.01, 0.09, 0.01, "slightly_more", "slightly more often than chance"),
    (0.074, -0.007, 0.154, 0.0002, "uncertain", "the interval reaches zero"),
    (0.02, -0.05, 0.09, 0.3, "no_clear", "do not show"),
    (-0.12, -0.2, -0.04, 0.99, "less", "less often than chance"),
])
def test_words_follow_the_preset_rules_on_effect_and_interval(difference, low, high, p_value, effect, words):
    main = estimate(difference, low, high, p_value)
    assert main.effect == effect
    text = reading(main, main, 0, 999, 40)
    assert words in text
    assert ("far more" in text) == (effect == "far_more")


def test_the_bundled_difference_of_two_points_is_not_called_far_more(bundled, real_adjacency):
    test = neighbour_test(bundled.actions, bundled.regions, real_adjacency, permutations=999)
    assert 0.41 < test.observed_mean < 0.45 and 0.39 < test.null_mean < 0.43  # 2027.2.0: 43% against 41%
    assert "far more" not in test.reading and test.effect != "far_more"
    assert test.difference_low < test.difference < test.difference_high
    assert test.undetermined_pairs > 0 and test.sensitivity.observed_mean > test.observed_mean


@pytest.mark.parametrize(("rows_acted", "effect", "words"), [
    (2, "far_more", "far more often than chance"),
    (3, "more", "by a moderate margin"),
])
def test_clustered_toy_grids_are_read_by_the_size_of_their_effect(rows_acted, effect, words):
    """A 6x6 grid whose top rows act one region a year, row by row: each acting region's left and upper
    neighbours certainly acted first, and the rows below never act, so shuffling the dates among all 36
    regions scatters the blanks among them. With two rows acting the effect is large (about 24 points);
    with three, the shuffles keep more acting neighbours together and it is medium (about 19)."""
    shapes = grid_shapes(6)
    regions = region_table_of(geometries_from(shapes))
    adjacency = build_adjacency(geometries_from(shapes), IslandRule(k=2, max_km=150))
    rows = [action(f"r{r}c{c}", f"{1950 + r * 6 + c}-03-01", f"CN-r{r}c{c}") for r in range(rows_acted) for c in range(6)]
    test = neighbour_test(actions_frame(rows), regions, adjacency, permutations=999)
    assert test.effect == effect and words in test.reading
    assert test.difference_low > 0 and test.p_value < 0.05
    assert ("far more" in test.reading) == (test.difference >= 0.2 and test.difference_low >= 0.1)
    assert test.undetermined_pairs == 0 and "does not depend" in test.reading


@pytest.mark.parametrize(("lang", "matched", "expected"), [
    ("en", 1, "1 shuffle matched"), ("en", 2, "2 shuffles matched"), ("en", 0, "0 shuffles matched"),
    ("zh", 1, "1次打乱达到"), ("ko", 1, "무작위 섞기 1회가"), ("ja", 1, "シャッフル1回でした"),
])
def test_counts_are_written_with_the_plural_form_of_each_language(lang, matched, expected):
    main = estimate(0.05, 0.01, 0.09, 0.01, matched)
    with i18n.use(lang):
        text = reading(main, main, 1, 1, 1)
    assert expected in text
    assert "1 shuffles" not in text and "1 regions" not in text and "1 pairs" not in text


def test_the_reading_names_one_region_and_one_pair_in_the_singular():
    main = estimate(0.05, 0.01, 0.09, 0.01)
    text = reading(main, main, 1, 1, 1)
    assert "Across the 1 region that acted" in text and "(1 shuffle)" in text and "the 1 pair of neighbours" in text


def test_the_command_line_and_the_analysis_tab_agree(tmp_path, bundled, real_adjacency):
    write_analysis(bundled, real_adjacency, tmp_path, permutations=data.PERMUTATIONS)
    context = analysis.Analysis(bundled=bundled, adjacency=real_adjacency, geojson_url="x")
    view = dataclasses.asdict(default_state(bundled))
    neighbours = analysis.render(context, "neighbours", view, None)[3]
    result = json.loads((tmp_path / "diffusion.json").read_text(encoding="utf-8"))
    assert result["reading"] == neighbours.test.reading
    for key in ("observed_mean", "null_mean", "difference", "difference_low", "difference_high", "p_value"):
        assert result[key] == pytest.approx(getattr(neighbours.test, key), abs=1e-12)
    lags = analysis.render(context, "lag", view, None)[3].table.set_index("region_id")
    lag_file = pd.read_csv(tmp_path / "lag.csv", keep_default_na=False, dtype=str).set_index("region_id")
    assert lag_file["lag_status"].to_dict() == lags["lag_status"].fillna("").to_dict()
    curves = analysis.render(context, "adoption", view, None)[3].curves
    adoption = pd.read_csv(tmp_path / "adoption.csv", dtype={"month": str})
    assert adoption["month"].tolist() == curves["month"].tolist()
    assert np.array_equal(adoption["regions_acted"].to_numpy(), curves["regions_acted"].to_numpy())


def test_a_region_known_only_to_a_year_has_certainly_acted_only_once_that_year_is_over():
    from components.core.analysis import adoption_curves

    regions = region_table_of(geometries_from(TOY_SHAPES))
    rows = [action("a-2022", "2022-01-01", "CN-A", precision="year"), action("b-day", "2022-03-10", "CN-B")]
    months = list(pd.period_range("2022-01", "2022-12", freq="M"))
    china = adoption_curves(actions_frame(rows), regions, months).query("country == 'CN'").set_index("month")
    assert china.loc["2022-03", "regions_acted"] == 1 and china.loc["2022-03", "regions_maybe_acted"] == 1
    assert china.loc["2022-11", "regions_acted"] == 1
    assert china.loc["2022-12", "regions_acted"] == 2 and china.loc["2022-12", "regions_maybe_acted"] == 0
    assert china.loc["2022-01", "regions_acted"] == 0 and china.loc["2022-01", "regions_maybe_acted"] == 1
