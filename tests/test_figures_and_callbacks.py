"""Figure builders and callback functions, called directly without a browser."""

from __future__ import annotations

import io

import dash
import pandas as pd
import pytest
from dash import Patch

from app import create_app
from components.core import figures
from components.panels import drilldown, map_panel, table, url_state
from components.core.columns import Col
from components.panels.ids import Ids
from components.core.metrics import build_cube
from components.core.state import ViewState


@pytest.fixture
def parts(small):
    markers = figures.small_regions(small)
    return small, build_cube(small), markers


def test_base_map_has_one_location_per_region_and_taiwan_as_context(parts):
    dataset, _, markers = parts
    fig = figures.base_map_figure(dataset, markers)
    assert list(fig.data[figures.TRACE_STATE].locations) == list(dataset.regions.index)
    assert list(fig.data[figures.TRACE_VALUE].locations) == list(dataset.regions.index)
    assert list(fig.data[figures.TRACE_CONTEXT].locations) == ["TW"]
    assert fig.data[figures.TRACE_CONTEXT].hoverinfo == "skip"
    assert len(dataset.regions) == 97


def test_small_regions_get_clickable_markers(parts):
    _, _, markers = parts
    for region in ("KR-11", "KR-26", "KR-28", "JP-13", "JP-27", "CN-HK", "CN-MO", "CN-SH", "CN-TJ"):
        assert region in markers.index
    assert "CN-XJ" not in markers.index and "JP-01" not in markers.index


def test_map_update_colours_hover_and_outline(parts):
    dataset, cube, markers = parts
    update = map_panel.view_update(dataset, cube, markers, ViewState(region="KR-11"))
    ids = list(dataset.regions.index)
    seoul = ids.index("KR-11")
    assert update.value_z[seoul] == 1.0
    assert update.value_z[ids.index("CN-SH")] == 2.0
    assert update.value_z[ids.index("CN-GD")] is None
    assert "Seoul" in update.hover[seoul] and "서울특별시" in update.hover[seoul]
    assert "Latest: Metaverse Seoul Basic Plan (2021-11-03)" in update.hover[seoul]
    assert update.line_widths[seoul] > update.line_widths[ids.index("CN-SH")]
    assert update.marker_colors[list(markers.index).index("CN-MO")] == figures.COLOR_NEVER


def test_first_action_colourbar_is_labelled_with_dates(parts):
    dataset, cube, markers = parts
    update = map_panel.view_update(dataset, cube, markers, ViewState(metric="first"))
    assert "First action: 2021-11" in update.hover[list(dataset.regions.index).index("KR-11")]
    assert update.colorbar_ticktext and all(len(t) == 7 and t[4] == "-" for t in update.colorbar_ticktext)


def test_recolour_is_a_patch_without_geometry(parts):
    dataset, cube, markers = parts
    update = map_panel.view_update(dataset, cube, markers, ViewState(zoom="KR"))
    patch = figures.apply_update(Patch(), update)
    operations = patch.to_plotly_json()["operations"]
    paths = {tuple(op["location"]) for op in operations}
    assert ("layout", "geo", "lonaxis", "range") in paths
    assert not any("geojson" in p for p in paths)
    assert "geojson" not in str(operations)


def test_region_from_click_reads_customdata():
    assert map_panel.region_from_click({"points": [{"customdata": "CN-HK"}]}) == "CN-HK"
    assert map_panel.region_from_click({"points": [{"customdata": ["KR-11"]}]}) == "KR-11"
    assert map_panel.region_from_click({"points": [{"location": "X"}]}) is None
    assert map_panel.region_from_click(None) is None


def test_sync_from_url_sets_the_controls(small):
    url, view, controls = url_state.sync(small, "?countries=KR&metric=window&region=KR-11&start=2021-06&present=1",
                                         {}, True, "", Ids.URL)
    values = dict(zip(url_state.CONTROLS, controls, strict=True))
    assert url is dash.no_update
    assert values["countries"] == ["KR"] and values["region"] == "KR-11" and values["present"] is True
    assert values["date_range"] == [small.month_labels.index("2021-06"), len(small.month_labels) - 1]
    assert view["metric"] == "window"


def test_sync_from_controls_writes_the_url_unless_playing(small):
    values = {"date_range": [0, 5], "countries": ["CN"], "levels": ["provincial"], "types": ["strategy_plan"],
              "verification": ["verified"], "metric": "cumulative", "zoom": "CN", "region": "CN-SH", "present": False}
    url, view, controls = url_state.sync(small, "", values, True, "", Ids.COUNTRIES)
    assert ViewState.from_query(url, url_state.default_state(small)) == ViewState(**view)
    assert view["end"] == small.month_labels[5] and view["region"] == "CN-SH"
    assert all(c is dash.no_update for c in controls)
    playing_url, _, _ = url_state.sync(small, "", values, False, "", Ids.DATE_RANGE)
    assert playing_url is dash.no_update


def test_sync_drops_an_unknown_region_from_a_hand_edited_link(small):
    _, view, _ = url_state.sync(small, "?region=XX-99", {}, True, "", None)
    assert view["region"] is None


def _text(component) -> str:
    return str(component)


def test_region_panel_lists_the_regions_actions_with_safe_source_links(small):
    view = url_state.as_dict(url_state.default_state(small).replace(region="CN-SH"))
    title, body, timeline = drilldown.panel_content(small, view, highlighted="cn-sh-2022-07-track")
    assert "Shanghai" in _text(title) and "上海市" in _text(title)
    items = body[-1].children
    assert [i.id["id"] for i in items] == ["cn-sh-2022-07-track", "cn-sh-2021-12-fyp"]
    assert "highlighted" in items[0].className and "highlighted" not in items[1].className
    link = items[0].children[-1].children[1]
    assert link.href == "https://example.org/c" and link.target == "_blank" and link.rel == "noopener noreferrer"
    assert "no link" in _text(items[1].children[-1])
    names = [t.name for t in timeline.data]
    assert names == ["National", "This region"]
    assert list(timeline.data[1].customdata) == ["cn-sh-2021-12-fyp", "cn-sh-2022-07-track"]
    assert list(timeline.data[0].customdata) == ["cn-nat-2023-09-three-year"]


def test_overview_panel_when_nothing_is_selected(small):
    view = url_state.as_dict(url_state.default_state(small))
    title, body, _ = drilldown.panel_content(small, view, None)
    assert title.startswith("Overview")
    assert "South Korea" in _text(body[0])


def test_safe_url_rejects_non_http_schemes():
    assert drilldown.safe_url("javascript:alert(1)") is None
    assert drilldown.safe_url("https://www.gov.cn/x") == "https://www.gov.cn/x"


def test_table_rows_and_selection(small):
    state = url_state.default_state(small).replace(countries=["KR"])
    from components.core.metrics import filter_actions

    rows = table.grid_rows(small, filter_actions(small, state))
    assert {r[Col.ACTION_ID] for r in rows} == {"kr-nat-2021-05-alliance", "kr-11-2021-11-seoul-plan"}
    assert table.region_from_selection([r for r in rows if r[Col.REGION_ID]]) == "KR-11"
    assert table.region_from_selection([r for r in rows if not r[Col.REGION_ID]]) is None


def test_csv_export_has_the_filtered_rows_in_the_published_layout(small):
    from components.core.metrics import filter_actions

    state = url_state.default_state(small).replace(countries=["CN"], levels=["provincial", "district"])
    frame = table.export_frame(filter_actions(small, state))
    round_trip = pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype=str, keep_default_na=False)
    assert list(round_trip.columns) == Col.required()
    assert set(round_trip[Col.ACTION_ID]) == {"cn-sh-2021-12-fyp", "cn-sh-2022-07-track", "cn-js-2022-01-binhu"}
    name = table.export_filename(small, state)
    assert name.startswith("metaverse-policy-actions_vtest_") and "countries-CN" in name and name.endswith(".csv")


def test_create_app_registers_every_panel(small_csv):
    app = create_app(small_csv, version="test")
    outputs = " ".join(app.callback_map)
    for component in (Ids.MAP, Ids.PANEL_BODY, Ids.TABLE, Ids.URL, Ids.DOWNLOAD_CSV):
        assert component in outputs


def test_geometry_is_served_once_by_url_not_embedded_in_the_figure(small_csv):
    app = create_app(small_csv, version="test")
    graph = next(c for c in _walk(app.layout) if getattr(c, "id", None) == Ids.MAP)
    sources = {trace.geojson for trace in graph.figure.data if trace.type == "choropleth"}
    assert len(sources) == 1 and isinstance(next(iter(sources)), str)
    response = app.server.test_client().get(next(iter(sources)))
    assert response.status_code == 200
    assert len(response.get_json()["features"]) == 98


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def test_wsgi_server_is_built_on_first_access_and_serves_the_page():
    import app as app_module

    server = app_module.server
    assert server is app_module.server
    response = server.test_client().get("/")
    assert response.status_code == 200
    assert b"Metaverse Policy Atlas" in response.data


def test_legend_names_each_non_scale_colour_for_the_metric():
    assert [label for _, label in map_panel.legend_entries("cumulative")] == ["No action yet (up to the end date)"]
    window = dict(map_panel.legend_entries("window"))
    assert window[figures.COLOR_QUIET] == "Acted before, none in this window"
    assert figures.COLOR_NEVER in window and figures.COLOR_NEVER != figures.COLOR_QUIET
    assert dict(map_panel.legend_entries("plan"))[figures.COLOR_PLAN] == "Has a dedicated metaverse plan"


def test_dates_are_shown_only_as_precisely_as_they_are_known(small):
    from components.core.metrics import filter_actions

    rows = {r[Col.ACTION_ID]: r for r in table.grid_rows(small, filter_actions(small, url_state.default_state(small)))}
    assert rows["jp-13-2023-03-event"][Col.DATE_LABEL] == "2023-03"
    assert rows["kr-11-2021-11-seoul-plan"][Col.DATE_LABEL] == "2021-11-03"
    view = url_state.as_dict(url_state.default_state(small).replace(region="JP-13"))
    _, body, _ = drilldown.panel_content(small, view, None)
    assert body[-1].children[0].children[0].children[0].children == "2023-03"
