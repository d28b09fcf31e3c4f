"""Page frame: header, footer and the arrangement of the panels.

Why a function of the dataset: the footer names the dataset version, and the panels need the
month axis, the first paint of the map and the first facet counts, which ``create_app``
computes once with the Python reference.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, dcc, html

from components.core import i18n
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.panels import (
    analysis, controls, drilldown, embed, engine, language, map_panel, map_table, phone, storyboard, table, upload,
)
from components.panels.ids import Ids


def header(dataset: Dataset, lang: str = i18n.DEFAULT, ids=Ids) -> html.Header:
    return html.Header(dbc.Container([
        dbc.Row([
            dbc.Col(html.H1(message("page.title"), className="h3 mb-0"), className="title-col"),
            dbc.Col(language.switch(lang, ids), width="auto", className="hide-when-printing lang-switch-col"),
            dbc.Col(dbc.Switch(id=ids.PRESENT, label=message("header.present"), value=False, className="small mb-0"),
                    width="auto", className="hide-when-printing present-switch-col"),
        ], className="align-items-center"),
        html.P(message("dataset.lede", start=i18n.month(dataset.month_labels[0]), end=i18n.month(dataset.collected_to)),
               id=ids.DATASET_LEDE, className="text-muted small mb-0"),
    ], fluid=True), className="py-2 bg-white border-bottom mb-2")


def footer(dataset: Dataset) -> html.Footer:
    return html.Footer(dbc.Container([
        html.Span(message("dataset.footer", version=dataset.version, n=len(dataset.actions)), id=Ids.DATASET_FOOTER),
        html.Span(message("footer.boundaries")),
        html.Span(message("footer.sources")),
    ], fluid=True), className="py-2 text-muted")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="pageClass"),
        Output(ids.PAGE, "className"),
        Input(ids.VIEW_STORE, "data"),
    )


def page(dataset: Dataset, first_map: go.Figure, readout: list[str], facets: dict, source: dict, topojson_url: str,
         templates: tuple, lang: str = i18n.DEFAULT, ids=Ids) -> html.Div:
    return html.Div(id=ids.PAGE, children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW_STORE),
        dcc.Store(id=ids.VIEW_DRAWN),
        dcc.Store(id=ids.SELECTED_REGION),
        dcc.Store(id=ids.HIGHLIGHTED_ACTION),
        dcc.Store(id=ids.PNG_FILENAME),
        *engine.stores(source, ids),
        html.A(message("a11y.skip_to_map"), href=f"#{ids.MAP_AREA}", className="skip-link"),
        header(dataset, lang, ids),
        html.Main([upload.upload_strip(source, templates, ids), dbc.Container([
            dbc.Row(dbc.Col(analysis.tabs(ids), lg={"size": 10, "offset": 2}), className="g-2 tabs-row"),
            *storyboard.presenter_frame(ids),
            dbc.Row([
                dbc.Col(phone.filters_drawer(controls.filters_panel(facets, ids), ids), lg=2, className="mb-2 filters-col"),
                dbc.Col([embed.full_view_link(ids), html.Div(map_panel.map_panel(first_map, readout, topojson_url, ids), className="map-card",
                                  id=ids.MAP_AREA, tabIndex="-1", role="region", **{"aria-label": message("a11y.map_region")}),
                         controls.time_controls(dataset.month_labels, ids, dataset.collected_to), phone.menu_buttons(ids),
                         map_table.section(ids), analysis.section(dataset, ids)],
                        lg=6, className="mb-2 map-col"),
                dbc.Col(drilldown.panel(dataset, ids), lg=4, className="mb-2 panel-col", id=ids.PANEL_COL),
            ], className="g-2 map-row"),
            dbc.Row(dbc.Col(storyboard.story_panel(ids)), className="g-2 story-row"),
            dbc.Row(dbc.Col([table.share_bar(ids), embed.snippet_field(ids), html.Div(className="mb-2"),
                             table.table_panel(ids)]),
                    className="g-2 table-row"),
        ], fluid=True)], id=ids.MAIN),
        footer(dataset),
    ])
