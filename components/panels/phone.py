"""Phone layout: the filters in a drawer behind a button that counts the active filters.

Why a responsive off-canvas (Bootstrap's ``offcanvas-md``) rather than a second copy of the
filters: below 768 px the same filter components slide in from the side, so the map comes
first and fills the width; from 768 px up the drawer is an ordinary block in the filter
column. The count and the drawer's state are answered in the browser
(``assets/atlas-phone.js``): the view loop stays free of server round trips.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, html

from components.core.messages import message
from components.panels.ids import Ids

DRAWER_CLASS = "offcanvas-md offcanvas-start filter-drawer"


def filters_drawer(filters, ids=Ids) -> list:
    """The filter card inside a drawer that is off-canvas only below the md breakpoint, and its backdrop."""
    drawer = html.Div([
        html.Div([
            html.H2(message("phone.filters"), id="filter-drawer-title", className="offcanvas-title h5"),
            dbc.Button(message("phone.filters_close"), id=ids.FILTER_CLOSE, color="link", size="sm",
                       title=message("phone.filters_close_title")),
        ], className="offcanvas-header"),
        html.Div(filters, className="offcanvas-body"),
    ], id=ids.FILTER_DRAWER, className=DRAWER_CLASS, tabIndex="-1", **{"aria-labelledby": "filter-drawer-title"})
    backdrop = html.Div(id=ids.FILTER_BACKDROP, className="offcanvas-backdrop show filter-backdrop", hidden=True)
    return [drawer, backdrop]


def filters_button(ids=Ids) -> html.Button:
    """Shown below 768 px only: opens the drawer; its text says how many filters narrow the view."""
    return html.Button(message("phone.filters"), id=ids.FILTER_TOGGLE, type="button",
                       className="btn btn-outline-primary btn-sm d-md-none w-100 mb-2 filter-toggle",
                       **{"aria-controls": ids.FILTER_DRAWER, "aria-expanded": "false"})


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlasPhone", function_name="filterToggleText"),
        Output(ids.FILTER_TOGGLE, "children"),
        Output(ids.PANEL_COL, "className"),
        Input(ids.VIEW_STORE, "data"),
        Input(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlasPhone", function_name="drawer"),
        Output(ids.FILTER_DRAWER, "className"),
        Output(ids.FILTER_BACKDROP, "hidden"),
        Output(ids.FILTER_TOGGLE, "aria-expanded"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        Input(ids.FILTER_CLOSE, "n_clicks"),
        Input(ids.FILTER_BACKDROP, "n_clicks"),
        State(ids.FILTER_DRAWER, "className"),
        prevent_initial_call=True,
    )
