"""The choropleth panel: the graph, the readout under it, and the click that opens a region.

Why in the browser: the map is redrawn by ``atlas.map.draw`` (``assets/atlas-map.js``) on
every view change, from the payload, so a step costs nothing on the wire; the URL sync calls
it directly, a callback round sooner than an output would arrive. Python draws the first
paint (the default view) with the same rules, so the map is there before the engine's data.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.panels.ids import Ids

BASE_MAP_FILE = "world_110m.json"
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    # Plotly's camera would save the plot without the page's HTML legend: the "PNG" button saves the map
    # with its legend (atlas.map.exportFigure).
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
}


def map_panel(figure: go.Figure, readout: list[str], topojson_url: str, ids=Ids) -> dbc.Card:
    """``topojson_url``: the folder Plotly loads the base map (``world_110m.json``) from, content-hashed."""
    config = {**GRAPH_CONFIG, "topojsonURL": topojson_url}
    return dbc.Card(dbc.CardBody([
        html.Div([
            dcc.Graph(id=ids.MAP, figure=figure, config=config, style={"height": "520px"}, clear_on_unhover=True),
            html.Div(id=ids.MAP_LEGEND, className="map-legend"),  # filled by atlas.map (renderLegend)
        ], className="map-wrap"),
        html.Div([html.Div(line) for line in readout], id=ids.MAP_READOUT, className="small map-readout",
                 role="status", **{"aria-live": "polite"}),
    ], className="p-2"))


def register(app, ids=Ids) -> None:
    """The map and its readout are drawn by the URL sync itself (``atlas.map.draw``); here only clicks."""
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mapClick"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        State(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
