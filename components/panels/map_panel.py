"""The choropleth panel: the graph, the readout under it, and the callbacks that redraw and read it.

Why in the browser: the map is redrawn by ``atlas.renderMap`` (``assets/atlas-map.js``) on
every view change, from the payload, so a step costs nothing on the wire. Python draws the
first paint (the default view) with the same rules, so the map is there before the engine's
data arrives.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.panels.ids import Ids

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "filename": "metaverse-policy-map", "width": 1600, "height": 1000},
}


def map_panel(figure: go.Figure, readout: list[str], ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        dcc.Graph(id=ids.MAP, figure=figure, config=GRAPH_CONFIG, style={"height": "520px"}, clear_on_unhover=True),
        html.Div([html.Div(line) for line in readout], id=ids.MAP_READOUT, className="small map-readout",
                 role="status", **{"aria-live": "polite"}),
    ], className="p-2"))


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="renderMap"),
        Output(ids.MAP, "figure"),
        Output(ids.MAP_READOUT, "children"),
        Input(ids.VIEW_STORE, "data"),
        Input(ids.ENGINE, "data"),
        State(ids.MAP, "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mapClick"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        State(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
