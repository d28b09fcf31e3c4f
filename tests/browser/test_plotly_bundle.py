"""In a real browser, the page runs on the vendored partial plotly.js and never fetches the full one.

Why: dcc.Graph lazy-loads Dash's full plotly.js (~4.8 MB, ``plotly.min.js``) unless
``window.Plotly`` already exists. The server logs every path it is asked for, so "no
request for the full bundle" is checked where it matters: on the wire.
"""

from __future__ import annotations

import flask
import pytest

from app import create_app
from tests.browser.conftest import free_port
from scripts.vendor_assets import BUNDLE, pinned_plotlyjs_version

pytestmark = pytest.mark.browser

TIMEOUT = 20
FULL_BUNDLE_MARKERS = ("plotly.min.js", "async-plotlyjs", "/_dash-component-suites/plotly/")


def test_page_runs_on_the_partial_bundle_only(dash_duo):
    app = create_app()
    requested: list[str] = []
    app.server.before_request(lambda: requested.append(flask.request.path) and None)
    dash_duo.start_server(app, port=free_port())
    dash_duo.wait_for_element("#map .choroplethlocation", timeout=TIMEOUT)
    plotly_info = dash_duo.driver.execute_script(
        "return {version: window.Plotly.version, traces: Object.keys(window.Plotly.PlotSchema.get().traces),"
        "        resources: performance.getEntriesByType('resource').map(e => e.name),"
        "        babelPolyfill: window._babelPolyfill === true, regenerator: typeof window.regeneratorRuntime.mark};")

    assert f"/assets/vendor/{BUNDLE}" in requested
    assert not [p for p in requested if any(m in p for m in FULL_BUNDLE_MARKERS)]
    assert not [r for r in plotly_info["resources"] if any(m in r for m in FULL_BUNDLE_MARKERS)]
    assert plotly_info["version"] == pinned_plotlyjs_version()
    # The full bundle registers ~50 trace types; the geo partial only what the atlas draws.
    assert {"choropleth", "scattergeo", "scatter"} <= set(plotly_info["traces"])
    assert "bar" not in plotly_info["traces"] and len(plotly_info["traces"]) < 10
    # Without Dash's @babel/polyfill, its lazily loaded components (the map's Graph above, the slider,
    # the region picker's dropdown) still load: they need only the vendored regeneratorRuntime.
    assert plotly_info["babelPolyfill"] is False and plotly_info["regenerator"] == "function"
    assert [r for r in plotly_info["resources"] if "async-slider" in r] and [r for r in plotly_info["resources"] if "async-dropdown" in r]
    errors = [entry for entry in dash_duo.get_logs() if entry.get("level") == "SEVERE"]
    assert errors == []
