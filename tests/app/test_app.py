"""The app factory and its server side: routes, the payload, callbacks wired, the CSV export."""

from __future__ import annotations

import gzip
import io
import json

import pandas as pd

from app import create_app
from components.core.data.columns import Col
from components.core.view.metrics import table_actions
from components.core.view.state import ViewState
from components.panels import table, url_state
from components.panels.ids import Ids
from components.panels.url_state import default_state


def test_the_map_loop_has_no_server_callback_only_exports_uploads_analysis_and_storyboard_checks(small_csv):
    app = create_app(small_csv, version="test")
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    server = [d for d in dependencies if not d.get("clientside_function")]
    view_loop = {f"{c}.{p}" for c, p in url_state.CONTROLS.values()} | {
        "url.search", f"{Ids.STORY_JUMP}.n_clicks", f"{Ids.STORY_LIST}.value", f"{Ids.ENGINE}.data",
        f"{Ids.VIEW_STORE}.data", f"{Ids.VIEW_DRAWN}.data", f"{Ids.PLAY_INTERVAL}.n_intervals"}
    for dependency in server:
        inputs = {f"{i['id']}.{i['property']}" for i in dependency["inputs"]}
        assert not inputs & view_loop, dependency["output"]
    assert str(Ids.ANALYSIS_VIEW) in {i["id"] for d in server for i in d["inputs"]}
    written = " ".join(d["output"] for d in server)
    for output in ("download-csv.data", "adoption-graph.figure", "lag-graph.figure", "ranking-graph.figure",
                   "neighbour-graph.figure", "counts-graph.figure", "hype-graph.figure", "analysis-download.data",
                   f"{Ids.STORY_LOADED}.data", f"{Ids.STORY_EXPORT_DOWNLOAD}.data", "download-xlsx.data",
                   f"{Ids.OWN_DATA}.data", f"{Ids.UPLOAD_REPORT}.children"):
        assert output in written
    clientside = " ".join(d["output"] for d in dependencies if d.get("clientside_function"))
    for component in (Ids.VIEW_STORE, Ids.TABLE_COUNT, Ids.URL, Ids.COUNTRIES, Ids.ANALYSIS_VIEW):
        assert str(component) in clientside
    every_output = " ".join(d["output"] for d in dependencies)
    for drawn_by_the_engine in (Ids.PANEL_TITLE, Ids.PANEL_BODY, Ids.TIMELINE, Ids.MAP_TABLE):
        assert f"{drawn_by_the_engine}." not in every_output, "drawn into the page by assets/, not by a callback"


def test_the_payload_is_served_once_compressed_and_cached_by_its_hash(small_csv):
    app = create_app(small_csv, version="test")
    source = next(c for c in _walk(app.layout()) if getattr(c, "id", None) == Ids.ENGINE_SOURCE).data
    client = app.server.test_client()
    response = client.get(source["url"], headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    payload = json.loads(gzip.decompress(response.data))
    assert payload["actions"]["id"][0] == "kr-nat-2021-05-alliance" and len(payload["actions"]["id"]) == 7
    assert len(payload["regions"]["id"]) == 97
    assert client.get(source["url"].replace(source["url"].split("/")[2], "0" * 16)).status_code == 404


def test_region_geometry_is_served_once_by_url_and_only_the_small_context_is_embedded(small_csv):
    app = create_app(small_csv, version="test")
    graph = next(c for c in _walk(app.layout()) if getattr(c, "id", None) == Ids.MAP)
    choropleths = {t.name: t for t in graph.figure.data if t.type == "choropleth"}
    url = choropleths["regions"].geojson
    assert url == graph.figure.layout.meta["geometry"]["overview"], "the default (three-country) frame draws the overview"
    client = app.server.test_client()
    for kind, name in (("overview", "/regions-overview.geojson"), ("detail", "/regions.geojson")):
        served = graph.figure.layout.meta["geometry"][kind]
        assert served.startswith("/immutable/") and served.endswith(name)
        response = client.get(served)
        assert response.status_code == 200 and len(response.get_json()["features"]) == 98
    context = choropleths["context"].geojson
    embedded = {f["properties"]["region_id"] for f in context["features"]}
    assert {"ctx-PRK", "ctx-MNG", "ctx-RUS", "ctx-VNM"} <= embedded
    assert not embedded & set(app.atlas_dataset.regions.index), "a counted region's shape is embedded"
    assert len(json.dumps(context)) < 60_000


def test_csv_export_holds_the_table_rows_in_the_published_layout(small):
    state = default_state(small).replace(countries=["CN"], levels=["provincial", "district"], search="plan")
    frame = table.export_frame(table_actions(small, state))
    round_trip = pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype=str, keep_default_na=False)
    assert list(round_trip.columns) == Col.published()
    assert set(round_trip[Col.ACTION_ID]) == {"cn-sh-2021-12-fyp", "cn-sh-2022-07-track", "cn-js-2022-01-binhu"}
    name = table.export_filename(small, state)
    assert small.collected_to == "2023-09"  # no coverage file beside it: the month of its latest action
    assert name == "metaverse-policy-actions_vtest_2021-01_to_2023-09_countries-CN_levels-provincial+district_search-plan.csv"


def test_wsgi_server_is_built_on_first_access_and_serves_the_page():
    import app as app_module

    server = app_module.server
    assert server is app_module.server
    response = server.test_client().get("/")
    assert response.status_code == 200
    assert b"Metaverse Policy Atlas" in response.data


def test_first_paint_is_the_default_view(small_csv):
    app = create_app(small_csv, version="test")
    graph = next(c for c in _walk(app.layout()) if getattr(c, "id", None) == Ids.MAP)
    assert graph.figure.layout.title.text == f"Actions to {app.atlas_dataset.collected_to}"
    assert app.atlas_dataset.collected_to < app.atlas_dataset.month_labels[-1]
    assert graph.figure.layout.meta["query"] == ViewState().to_query()


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)
