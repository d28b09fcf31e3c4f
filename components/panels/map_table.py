"""The map as a table: a collapsible, sortable list of regions with the values the map shows.

Why in the browser: the table follows every view change (slider, play, filters) like the map,
so ``assets/atlas-maptable.js`` builds it from the payload on ``view-drawn`` with no server
round trip. Its rows are those of ``components.core.map_table`` (the parity test checks).
Choosing a region's name selects it as a click on the map would.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, dcc, html

from components.core.messages import message
from components.panels.ids import Ids


def section(ids=Ids) -> html.Details:
    return html.Details([
        html.Summary(message("a11y.table.summary"), className="fw-semibold small"),
        html.Div(id=ids.MAP_TABLE, className="map-table-wrap"),
        dcc.Store(id=ids.MAP_TABLE_SORT, data={"key": None, "descending": False}),
    ], id=ids.MAP_TABLE_DETAILS, className="map-table-details mb-2")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlasMapTable", function_name="render"),
        Output(ids.MAP_TABLE, "children"),
        Input(ids.VIEW_DRAWN, "data"),
        Input(ids.ENGINE, "data"),
        Input(ids.MAP_TABLE_SORT, "data"),
        prevent_initial_call=True,
    )
