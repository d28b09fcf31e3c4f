"""The Analysis view on the server: which actions each chart reads, what it draws, what its CSV holds.

Expected values are worked out here independently (plain pandas on the dataset, or by hand on
the small fixture), never copied from the code under test.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import no_update

from components.core.analysis import data
from components.core.analysis import figures
from components.core.analysis import neighbour_test
from components.core.data.columns import COUNTRIES, Col
from components.panels import analysis
from components.panels.url_state import default_state, state_from_view

from tests.conftest import SMALL_ROWS, HEADER


@pytest.fixture(scope="module")
def context(bundled, real_adjacency):
    return analysis.Analysis(bundled=bundled, adjacency=real_adjacency, geojson_url="/immutable/x/regions.geojson")


def as_view(state) -> dict:
    return {name: getattr(state, name) for name in ("start", "end", "countries", "levels", "types", "verification", "search")}


def read_csv(sent: dict) -> pd.DataFrame:
    assert sent["base64"] is False
    return pd.read_csv(io.StringIO(sent["content"]), keep_default_na=False, na_values=[""])


def traces(figure, **match) -> list:
    return [t for t in figure.data if all(getattr(t, k) == v for k, v in match.items())]


# ---- which actions a chart reads ---------------------------------------------------------------

def test_cumulative_charts_ignore_the_window_start_and_the_charts_over_time_keep_it(bundled):
    state = default_state(bundled).replace(start="2024-01", end="2025-06", countries=["CN", "KR"])
    cumulative = data.chart_actions(bundled, state, "adoption")
    windowed = data.chart_actions(bundled, state, "counts")
    dates = bundled.actions[Col.DATE]
    in_countries = bundled.actions[Col.COUNTRY].isin(["CN", "KR"])
    assert set(cumulative[Col.ACTION_ID]) == set(bundled.actions.loc[in_countries & (dates < "2025-07-01"), Col.ACTION_ID])
    assert set(windowed[Col.ACTION_ID]) == set(
        bundled.actions.loc[in_countries & (dates >= "2024-01-01") & (dates < "2025-07-01"), Col.ACTION_ID])
    assert data.adoption(bundled, state).curves.equals(
        data.adoption(bundled, state.replace(start=bundled.month_labels[0])).curves)


def test_adoption_counts_regions_with_a_matching_sub_national_action_by_each_month_end(bundled):
    state = default_state(bundled).replace(levels=["provincial", "municipal"], types=["strategy_plan", "funding"],
                                           end="2023-12")
    curves = data.adoption(bundled, state).curves
    a = bundled.actions
    kept = a[a[Col.LEVEL].isin(["provincial", "municipal"]) & a[Col.ACTION_TYPE].isin(["strategy_plan", "funding"])]
    first = kept.groupby(Col.REGION_ID)[Col.DATE].min()
    for country, total in (("CN", 33), ("KR", 17), ("JP", 47)):
        mine = curves[curves["country"] == country].set_index("month")
        assert mine.index[-1] == "2023-12" and (mine["regions_total"] == total).all()
        for month in ("2021-12", "2022-06", "2023-12"):
            end = pd.Period(month, "M").end_time
            expected = sum(1 for region, date in first.items() if region.startswith(country + "-") and date <= end)
            assert mine.at[month, "regions_acted"] == expected
            assert mine.at[month, "share_acted"] == pytest.approx(expected / total)


def test_only_the_selected_countries_are_analysed(bundled, real_adjacency):
    state = default_state(bundled).replace(countries=["KR"])
    assert set(data.adoption(bundled, state).curves["country"]) == {"KR"}
    assert set(data.lags(bundled, state).table["country"]) == {"KR"}
    assert set(data.ranking(bundled, state)["country"]) == {"KR"}
    result = data.neighbours(bundled, state, real_adjacency)
    assert set(result.regions["country"]) == {"KR"} and len(result.regions) == 17
    assert set(data.counts(bundled, state)["country"]) == {"KR"} and set(data.hype(bundled, state)["country"]) == {"KR"}


def test_the_neighbour_test_of_one_country_is_the_test_on_that_country_alone(bundled, real_adjacency):
    state = default_state(bundled).replace(countries=["JP"], end="2024-06")
    shown = data.neighbours(bundled, state, real_adjacency, permutations=1000)
    regions = bundled.regions[bundled.regions["country"] == "JP"]
    japan = real_adjacency.within(["JP"])
    assert set(japan.pairs["region_id"]) | set(japan.pairs["neighbour_id"]) <= set(regions.index)
    direct = neighbour_test(data.chart_actions(bundled, state, "neighbours"), regions, japan, 1000)
    assert (shown.test.observed_mean, shown.test.null_mean, shown.test.p_value) == (
        direct.observed_mean, direct.null_mean, direct.p_value)
    assert shown.test.permutations >= 1000 and 0 < shown.test.p_value <= 1
    assert f"of {len(regions)} regions acted" in shown.test.caveats[0]


def test_the_neighbour_test_s_evidence_counts_the_verification_levels_of_its_actions(bundled, real_adjacency):
    state = state_from_view(bundled, {"countries": ["KR"], "end": "2024-12"})
    actions = bundled.actions
    shown = actions[(actions[Col.COUNTRY] == "KR") & (actions[Col.DATE_LABEL] <= "2024-12-31")]
    counts = shown[Col.VERIFICATION].value_counts()
    evidence = data.neighbours(bundled, state, real_adjacency).evidence
    assert f"of the {len(shown):,} actions" in evidence
    for level in ("verified", "corroborated", "reported"):
        n = int(counts.get(level, 0))
        assert f"{n:,} ({n / len(shown):.0%})" in evidence
    assert counts.get("verified", 0) > 0  # the bundled view has each level, so a count of 0 would be wrong


def test_no_border_or_island_link_crosses_a_country_so_narrowing_the_adjacency_loses_none(real_adjacency):
    country = dict(zip(real_adjacency.region_ids, real_adjacency.countries))
    pairs = real_adjacency.pairs
    assert (pairs["region_id"].map(country) == pairs["neighbour_id"].map(country)).all()
    narrowed = sum(len(real_adjacency.within([c]).pairs) for c in COUNTRIES)
    assert narrowed == len(pairs)


def test_the_permutation_test_is_cached_by_the_content_of_its_actions(bundled, real_adjacency):
    state = default_state(bundled).replace(countries=["KR"])
    first = data.neighbours(bundled, state, real_adjacency).test
    assert data.neighbours(bundled, state.replace(metric="window", zoom="KR"), real_adjacency).test is first
    assert data.neighbours(bundled, state.replace(end="2022-06"), real_adjacency).test is not first


def test_a_milestone_that_is_not_a_national_action_of_its_country_is_refused_and_the_default_used(bundled):
    korean = bundled.actions[(bundled.actions[Col.COUNTRY] == "KR") & (bundled.actions[Col.LEVEL] == "national")]
    chinese_plan = bundled.actions[(bundled.actions[Col.COUNTRY] == "CN") & (bundled.actions[Col.LEVEL] == "national")
                                   & (bundled.actions[Col.ACTION_TYPE] == "strategy_plan")].iloc[0]
    pick = korean.iloc[-1]
    result = data.lags(bundled, default_state(bundled), {"KR": pick[Col.ACTION_ID], "JP": chinese_plan[Col.ACTION_ID]})
    assert result.refused == [("JP", chinese_plan[Col.ACTION_ID])]
    used = result.milestones.set_index("country")
    assert used.at["KR", "milestone_id"] == pick[Col.ACTION_ID]
    seoul = result.table.set_index("region_id").loc["KR-11"]
    first_seoul = bundled.actions.loc[bundled.actions[Col.REGION_ID] == "KR-11", Col.DATE].min()
    assert seoul["lag_days"] == (first_seoul - pick[Col.DATE]).days


# ---- what the figures draw ---------------------------------------------------------------------

def test_adoption_figure_draws_the_curves_and_one_marker_per_milestone(bundled):
    result = data.adoption(bundled, default_state(bundled).replace(end="2024-12"))
    figure = go.Figure(figures.adoption_figure(result, "footer"))
    for country in COUNTRIES:
        mine = result.curves[result.curves["country"] == country]
        drawn = [t for t in figure.data if t.line.color == figures.COUNTRY_COLORS[country]]
        assert [list(t.y) for t in drawn] == [mine[c].tolist() for c in ("share_acted", "share_with_plan", "share_with_own_plan")]
        assert all(list(t.customdata[-1]) == ["month", "2024-12"] for t in drawn)
    markers = traces(figure, mode="markers")
    assert sum(len(t.x) for t in markers) == len(result.milestones) > 0
    assert all(m <= "2024-12" for t in markers for m in t.x)


def test_lag_figure_draws_every_measured_region_once_per_measure_and_ahead_only_when_certain(bundled):
    result = data.lags(bundled, default_state(bundled))
    figure = go.Figure(figures.lag_figure(result, "footer"))
    drawn = sorted((c[1], x) for t in figure.data if t.customdata for c, x in zip(t.customdata, t.x))
    table = result.table
    expected = []
    for prefix in ("", "plan_"):
        for r, status, days, low, high in zip(table["region_id"], table[f"{prefix}lag_status"], table[f"{prefix}lag_days"],
                                              table[f"{prefix}lag_min_days"], table[f"{prefix}lag_max_days"]):
            if pd.notna(status):
                expected.append((r, int(days) if status != "undetermined" else (low + high) / 2))
    assert drawn == sorted(expected)
    for trace in figure.data:
        if not trace.customdata:
            continue
        if "(ahead)" in trace.name:
            assert all(x < 0 for x in trace.x)
        elif "(undetermined)" in trace.name:
            assert trace.marker.color == figures.UNDETERMINED_COLOR
        else:
            assert all(x > 0 for x in trace.x)
    # Hainan, Shaanxi and Shanxi are known only to 2022, Gunma only to June 2022: each period reaches its milestone.
    undetermined = table.loc[table["lag_status"] == "undetermined", "region_id"]
    assert {"CN-HI", "CN-SN", "CN-SX", "JP-10"} <= set(undetermined)
    assert table.loc[table["lag_status"] == "undetermined", "lag_days"].isna().all()


def test_ranking_figure_lists_acted_regions_in_rank_order_with_ties_marked(bundled):
    ranking = data.ranking(bundled, default_state(bundled))
    figure = go.Figure(figures.ranking_figure(ranking, "footer"))
    points = figure.data[1]
    acted = ranking[ranking["acted"]]
    assert [c[1] for c in points.customdata] == acted["region_id"].tolist()
    assert list(figure.layout.yaxis.categoryarray) == list(points.y)
    ranks = acted["rank"].astype(int).tolist()
    assert ranks == sorted(ranks)
    for label, rank in zip(points.y, ranks):
        shared = ranks.count(rank) > 1
        assert label.startswith(("=" if shared else "") + f"{rank} ")


def test_neighbour_map_shades_acted_regions_by_rank_and_draws_one_arrow_per_earlier_neighbour(bundled, real_adjacency):
    result = data.neighbours(bundled, default_state(bundled), real_adjacency)
    figure = go.Figure(figures.neighbour_figure(result, "/x.geojson", "2026-11", "footer"))
    never, ranked, arrows = figure.data
    assert set(never.locations) | set(ranked.locations) == set(bundled.regions.index)
    rank = result.regions.set_index("region_id")["rank"]
    assert list(ranked.z) == [float(rank[r]) for r in ranked.locations]
    assert len(arrows.lon) == 3 * len(result.links)
    earlier = sum(len(ids.split(";")) for ids in result.regions["earlier_neighbour_ids"].dropna() if ids)
    assert earlier == len(result.links)


def test_stacked_counts_add_up_to_the_window_actions_of_each_country_and_period(bundled):
    state = default_state(bundled).replace(start="2022-01", end="2023-12")
    frame = data.counts(bundled, state, by="action_type", freq="quarter")
    figure = go.Figure(figures.counts_figure(frame, "action_type", "footer"))
    a = bundled.actions
    window = a[(a[Col.DATE] >= "2022-01-01") & (a[Col.DATE] < "2024-01-01")]
    expected = window.groupby([Col.COUNTRY, window[Col.DATE].dt.to_period("Q").astype(str).str.replace("Q", "-Q")]).size()
    stacked = {}
    for trace in figure.data:
        country = trace.stackgroup
        for (_, period), y in zip(trace.customdata, trace.y):
            stacked[(country, period)] = stacked.get((country, period), 0) + y
    assert {k: v for k, v in stacked.items() if v} == expected.to_dict()
    assert len({c[1] for t in figure.data for c in t.customdata}) == 8


def test_hype_cycle_is_the_number_of_window_actions_per_quarter(bundled):
    state = default_state(bundled).replace(countries=["JP", "KR"], levels=["provincial"])
    frame = data.hype(bundled, state)
    figure = go.Figure(figures.hype_figure(frame, "footer"))
    a = bundled.actions
    kept = a[a[Col.COUNTRY].isin(["JP", "KR"]) & (a[Col.LEVEL] == "provincial")]
    for trace in figure.data:
        country = next(c for c, name in COUNTRIES.items() if name == trace.name)
        mine = kept[kept[Col.COUNTRY] == country]
        assert sum(trace.y) == len(mine)
        busiest = mine[Col.DATE].dt.to_period("Q").value_counts().max()
        assert max(trace.y) == busiest


# ---- the callbacks, called directly --------------------------------------------------------------

@pytest.mark.parametrize("chart", data.CHARTS)
def test_every_chart_renders_and_its_csv_is_the_frame_it_draws(context, bundled, chart):
    state = default_state(bundled).replace(countries=["CN", "KR"], start="2022-01", end="2024-06",
                                           verification=["reported", "verified"])
    view = as_view(state)
    figure, title, explain, result = analysis.render(context, chart, view, None)
    assert title and explain and go.Figure(figure).data
    sent = analysis.download(context, chart, view, None)
    frame = read_csv(sent)
    expected = analysis.csv_frame(chart, result)
    assert len(frame) == len(expected) and list(frame.columns) == list(expected.columns)
    assert sent["filename"].startswith("metaverse-policy-") and f"v{bundled.version}" in sent["filename"]
    assert "countries-CN+KR" in sent["filename"] and "verification-verified+reported" in sent["filename"]
    assert ("2021-01_to_2024-06" if chart in data.CUMULATIVE_CHARTS else "2022-01_to_2024-06") in sent["filename"]


def test_adoption_csv_holds_the_numbers_the_chart_shows(context, bundled):
    view = as_view(default_state(bundled).replace(start="2023-01", end="2023-12", types=["strategy_plan"]))
    figure = go.Figure(analysis.render(context, "adoption", view, None)[0])
    frame = read_csv(analysis.download(context, "adoption", view, None))
    korea = frame[frame["country"] == "KR"]
    drawn = next(t for t in figure.data if t.line.color == figures.COUNTRY_COLORS["KR"] and t.line.dash == "solid")
    assert list(drawn.x) == korea["month"].tolist()
    assert np.allclose(drawn.y, korea["share_acted"], atol=5e-5)
    assert korea["month"].iloc[-1] == "2023-12"


def test_lag_callback_reads_the_pickers_and_its_csv_follows_them(context, bundled):
    national = bundled.actions[(bundled.actions[Col.COUNTRY] == "CN") & (bundled.actions[Col.LEVEL] == "national")]
    pick = national.iloc[-1]
    options = analysis.Options.read([pick[Col.ACTION_ID], None], [{"type": "milestone-picker", "country": "CN"},
                                                                 {"type": "milestone-picker", "country": "KR"}])
    view = as_view(default_state(bundled))
    result = analysis.render(context, "lag", view, None, options)[3]
    frame = read_csv(analysis.download(context, "lag", view, None, options))
    china = frame[frame["country"] == "CN"]
    assert set(china["milestone_id"]) == {pick[Col.ACTION_ID]}
    assert china["lag_days"].dropna().astype(int).tolist() == result.table.loc[
        result.table["country"] == "CN", "lag_days"].dropna().astype(int).tolist()


def test_counts_csv_name_says_band_and_period(context, bundled):
    options = analysis.Options.read(by="action_type", freq="quarter")
    sent = analysis.download(context, "counts", as_view(default_state(bundled)), None, options)
    assert sent["filename"].startswith(f"metaverse-policy-actions-by-action-type-per-quarter_v{bundled.version}_")
    assert set(read_csv(sent)["period"].str[4:6]) == {"-Q"}


def test_no_country_selected_shows_a_message_not_an_error(context, bundled):
    for chart in data.CHARTS:
        figure, _, _, result = analysis.render(context, chart, as_view(default_state(bundled).replace(countries=[])), None)
        assert result is None and figure["data"] == []
        assert any("no country is selected" in a.text for a in go.Figure(figure).layout.annotations)


def test_a_hostile_view_is_re_read_not_trusted(context, bundled):
    figure, title, _, result = analysis.render(context, "hype", {"countries": "KR", "end": ["x"], "start": 7}, None)
    assert state_from_view(bundled, {"countries": "KR"}).countries == ["KR"]
    assert [t["name"] for t in figure["data"]] == ["South Korea"] and result is not None


def test_own_data_is_analysed_instead_of_the_bundled_dataset(context):
    own = {"name": "small.csv", "csv": HEADER + "\n" + "\n".join(SMALL_ROWS) + "\n", "sha256": "x"}
    view = {"end": "2023-12"}
    figure, _, _, result = analysis.render(context, "adoption", view, own)
    curves = result.curves.set_index(["country", "month"])
    # By hand: Seoul (2021-11), Shanghai (2021-12), Jiangsu via Binhu (2022-01), Tokyo (2023-03). The file
    # declares no collection edge, so the curves stop at its latest action's month (2023-09, national) and the rest is shaded.
    assert curves.index.get_level_values("month").max() == "2023-09"
    assert curves.loc[("KR", "2023-09"), "regions_acted"] == 1
    assert curves.loc[("CN", "2023-09"), "regions_acted"] == 2
    assert curves.loc[("CN", "2021-12"), "regions_acted"] == 1
    assert curves.loc[("JP", "2023-02"), "regions_acted"] == 0 and curves.loc[("JP", "2023-03"), "regions_acted"] == 1
    assert curves.loc[("CN", "2023-09"), "regions_with_plan"] == 2 and curves.loc[("CN", "2023-09"), "regions_with_own_plan"] == 1
    notes = [a.text for a in go.Figure(figure).layout.annotations]
    assert notes.count("not in the data (latest action 2023-09)") == 3
    sent = analysis.download(context, "adoption", view, own)
    assert sent["filename"].startswith("metaverse-policy-adoption-curves_vown-")


def test_an_unreadable_own_file_is_reported_on_the_chart_not_as_a_server_error(context):
    own = {"name": "bad.csv", "csv": HEADER + "\nx,2022-13-01,day,CN,provincial,CN-SH,,,,,strategy_plan,,,,verified,\n"}
    figure, _, _, result = analysis.render(context, "adoption", {}, own)
    assert result is None
    text = " ".join(a.text for a in go.Figure(figure).layout.annotations)
    assert "could not be read" in text and "date" in text
    assert analysis.download(context, "adoption", {}, own) is no_update
