"""Phone layout: the filters and the upload in drawers, behind two buttons under the map.

Why a responsive off-canvas (Bootstrap's ``offcanvas-md``) rather than second copies: below
768 px the same filter components, and the same upload strip, slide in from the side, so the
map comes first and fills the width; from 768 px up each drawer is an ordinary block (the
filter column; the strip above the map). The Filters button counts the active filters. The
count and the drawers' state are answered in the browser (``assets/atlas-phone.js``): the
view loop stays free of server round trips.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, html

from components.core.i18n import message
from components.panels.ids import Ids

def drawer(title_id: str, close_title_id: str, body, drawer_id: str, close_id: str, backdrop_id: str,
           class_name: str) -> list:
    """``body`` inside a drawer that is off-canvas only below the md breakpoint, and its backdrop."""
    heading = f"{drawer_id}-title"
    panel = html.Div([
        html.Div([
            html.H2(message(title_id), id=heading, className="offcanvas-title h5"),
            dbc.Button(message("phone.filters_close"), id=close_id, color="link", size="sm",
                       title=message(close_title_id)),
        ], className="offcanvas-header"),
        html.Div(body, className="offcanvas-body"),
    ], id=drawer_id, className=f"offcanvas-md phone-drawer {class_name}", tabIndex="-1", **{"aria-labelledby": heading})
    backdrop = html.Div(id=backdrop_id, className="offcanvas-backdrop show phone-backdrop", hidden=True)
    return [panel, backdrop]


def filters_drawer(filters, ids=Ids) -> list:
    """The filter card in a drawer from the left (phones); from 768 px up, the filter column itself."""
    return drawer("phone.filters", "phone.filters_close_title", filters, ids.FILTER_DRAWER, ids.FILTER_CLOSE,
                  ids.FILTER_BACKDROP, "offcanvas-start filter-drawer")


def _toggle(label_id: str, component_id: str, controls: str, class_name: str) -> html.Button:
    return html.Button(message(label_id), id=component_id, type="button",
                       className=f"btn btn-outline-primary btn-sm flex-fill {class_name}",
                       **{"aria-controls": controls, "aria-expanded": "false"})


def menu_buttons(ids=Ids) -> html.Div:
    """Shown below 768 px only, under the map: the filters (the text counts the active ones) and the upload."""
    return html.Div([
        _toggle("phone.filters", ids.FILTER_TOGGLE, ids.FILTER_DRAWER, "filter-toggle"),
        _toggle("phone.data", ids.UPLOAD_TOGGLE, ids.UPLOAD_DRAWER, "upload-toggle"),
    ], className="d-flex d-md-none gap-2 mb-2 phone-menu")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlasPhone", function_name="filterToggleText"),
        Output(ids.FILTER_TOGGLE, "children"),
        Output(ids.PANEL_COL, "className"),
        Input(ids.VIEW_STORE, "data"),
        Input(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    for drawer_id, toggle, close, backdrop in ((ids.FILTER_DRAWER, ids.FILTER_TOGGLE, ids.FILTER_CLOSE, ids.FILTER_BACKDROP),
                                               (ids.UPLOAD_DRAWER, ids.UPLOAD_TOGGLE, ids.UPLOAD_CLOSE, ids.UPLOAD_BACKDROP)):
        app.clientside_callback(
            ClientsideFunction(namespace="atlasPhone", function_name="drawer"),
            Output(drawer_id, "className"),
            Output(backdrop, "hidden"),
            Output(toggle, "aria-expanded"),
            Input(toggle, "n_clicks"),
            Input(close, "n_clicks"),
            Input(backdrop, "n_clicks"),
            State(drawer_id, "className"),
            prevent_initial_call=True,
        )
