"""The side panel: a region's actions with their sources, or the overview when none is selected.

Why so little Python: the panel's content follows every view change, Play included, so the
browser engine draws it straight into this frame (``assets/atlas-panel.js``, the timeline in
``atlas-timeline.js``, long lists in ``atlas-pager.js``) after each map draw; no callback
returns its components. This module lays out the empty frame (title, close button, region
picker, the timeline's holder, body) and wires picking and closing.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, dcc, html

from components.core import i18n
from components.core.data.columns import RegionCol
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.core.data.region_names import region_names
from components.panels.ids import Ids


def region_options(dataset: Dataset) -> list[dict]:
    """Every region in the page's language, searchable by its English and native names too, grouped by country."""
    names = region_names(i18n.current())
    regions = dataset.regions.sort_values([RegionCol.COUNTRY, RegionCol.NAME_EN])
    options = []
    for region_id, r in regions.iterrows():
        name, local = names.get(region_id, r[RegionCol.NAME_EN]), r[RegionCol.NAME_LOCAL]
        shown = name if name == local else f"{name} {local}"
        label = message("format.parenthetical", text=shown, note=r[RegionCol.COUNTRY])
        options.append({"label": label, "value": region_id,
                        "search": f"{shown} {r[RegionCol.NAME_EN]} {region_id}"})
    return options


def panel(dataset: Dataset, ids=Ids) -> dbc.Card:
    return dbc.Card([
        dbc.CardHeader(dbc.Row([
            dbc.Col(html.H2(id=ids.PANEL_TITLE, className="h5 mb-0")),
            dbc.Col(dbc.Button(message("panel.close"), id=ids.PANEL_CLOSE, size="sm", color="link",
                               title=message("panel.close_title")), width="auto"),
        ], className="align-items-center g-0")),
        dbc.CardBody([
            html.Label(message("panel.picker"), htmlFor=ids.REGION_PICKER, className="visually-hidden"),
            dcc.Dropdown(id=ids.REGION_PICKER, options=region_options(dataset), placeholder=message("panel.picker_placeholder"),
                         clearable=True, className="mb-2 small"),
            html.Div(id=ids.TIMELINE, className="timeline"),
            html.Div(id=ids.PANEL_BODY),
        ], className="panel-body"),
    ], id=ids.PANEL, className="h-100")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="closePanel"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="picker"),
        Output(ids.REGION_PICKER, "value"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.REGION_PICKER, "value"),
        Input(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
