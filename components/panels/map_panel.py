"""The choropleth panel: layout, legend, and the callbacks that recolour it and read clicks.

Why a Patch: the base figure (with all geometry) is built once in ``create_app`` and
sent with the page. A view change sends back only z values, colours, hover text and
zoom, so a slider move costs a few kilobytes however detailed the boundaries are.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, Patch, State, dcc, html, no_update

from components.core import figures
from components.core.dataset import Dataset
from components.panels.ids import Ids
from components.core.metrics import ActionCube, latest_by_region, region_values
from components.core.state import ViewState

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "filename": "metaverse-policy-map", "width": 1400, "height": 900},
}


def legend_entries(metric: str) -> list[tuple[str, str]]:
    """(colour, label) pairs explaining the non-scale colours of a metric."""
    entries = [(figures.COLOR_NEVER, "No action yet (up to the end date)")]
    if metric == "window":
        entries.append((figures.COLOR_QUIET, "Acted before, none in this window"))
    if metric == "plan":
        entries += [(figures.COLOR_PLAN, "Has a dedicated metaverse plan"),
                    (figures.COLOR_QUIET, "Acted, but no dedicated plan")]
    return entries


def legend_children(metric: str) -> list:
    swatches = [
        html.Span([html.Span(className="legend-swatch", style={"backgroundColor": color}), label], className="me-3")
        for color, label in legend_entries(metric)
    ]
    note = "" if metric == "plan" else "Colour bar: the selected measure. "
    return swatches + [html.Span(note + "Dots mark small regions; click a region or a dot for its actions.",
                                 className="text-muted")]


def legend(ids=Ids) -> html.Div:
    return html.Div(legend_children("cumulative"), id=ids.MAP_LEGEND, className="small mt-1")


def map_panel(figure: go.Figure, ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        dcc.Graph(id=ids.MAP, figure=figure, config=GRAPH_CONFIG, style={"height": "470px"},
                  clear_on_unhover=True),
        legend(ids),
    ], className="p-2"))


def view_update(dataset: Dataset, cube: ActionCube, markers, state: ViewState) -> figures.MapUpdate:
    values = region_values(cube, state)
    latest = latest_by_region(dataset, state)
    return figures.map_update(dataset, values, latest, markers, state.metric, state.zoom, state.region)


def region_from_click(click_data: dict | None) -> str | None:
    """The region id a map click carries in ``customdata`` (choropleth or marker)."""
    if not click_data or not click_data.get("points"):
        return None
    custom = click_data["points"][0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom or None


def register(app, dataset: Dataset, cube: ActionCube, markers, ids=Ids) -> None:
    @app.callback(Output(ids.MAP, "figure"), Input(ids.VIEW_STORE, "data"), prevent_initial_call=True)
    def _recolour(view):
        if not view:
            return no_update
        update = view_update(dataset, cube, markers, ViewState(**view))
        return figures.apply_update(Patch(), update)

    @app.callback(Output(ids.MAP_LEGEND, "children"), Input(ids.METRIC, "value"), prevent_initial_call=True)
    def _legend(metric):
        return legend_children(metric)

    @app.callback(
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        State(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
    def _select_from_map(click_data, current):
        region = region_from_click(click_data)
        if region is None or region not in dataset.regions.index or region == current:
            return no_update
        return region
