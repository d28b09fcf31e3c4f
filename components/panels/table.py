"""The linked table of filtered actions, and the exports (CSV, PNG, share link).

Why together: the table shows exactly the rows the CSV export writes, so both read the
same ``filter_actions`` result; selecting a row hands its region to the map and panel.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from components.core.columns import ACTION_TYPES, Col
from components.core.dataset import Dataset
from components.panels.ids import Ids
from components.core.metrics import filter_actions
from components.core.state import ViewState

GRID_COLUMNS = [
    {"field": Col.DATE_LABEL, "headerName": "Date", "width": 115, "sort": "desc",
     "headerTooltip": "Written as precisely as the date is known (day, month or year)"},
    {"field": Col.COUNTRY, "headerName": "Country", "width": 95},
    {"field": "region_name", "headerName": "Region", "width": 150},
    {"field": Col.LOCALITY, "headerName": "Locality", "width": 150},
    {"field": Col.LEVEL, "headerName": "Level", "width": 105},
    {"field": "type_label", "headerName": "Kind", "width": 170},
    {"field": Col.TITLE, "headerName": "Title", "flex": 1, "minWidth": 280, "tooltipField": Col.TITLE},
    {"field": Col.ISSUER, "headerName": "Issuer", "width": 220, "tooltipField": Col.ISSUER},
    {"field": Col.VERIFICATION, "headerName": "Verification", "width": 120},
    {"field": Col.SOURCE_URL, "headerName": "Source", "width": 120, "cellRenderer": "SourceLink"},
]


def table_panel(ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col([
                html.Label("Search the actions", htmlFor=ids.TABLE_SEARCH, className="visually-hidden"),
                dbc.Input(id=ids.TABLE_SEARCH, placeholder="Search the actions…", type="search", size="sm"),
            ], md=4),
            dbc.Col(html.Span(id=ids.TABLE_COUNT, className="small text-muted"), width="auto"),
            dbc.Col([
                dbc.Button("Download CSV", id=ids.DOWNLOAD_CSV_BUTTON, size="sm", color="primary", className="me-2"),
                dbc.Button("Download map PNG", id=ids.DOWNLOAD_PNG_BUTTON, size="sm", color="secondary", className="me-2"),
                dcc.Download(id=ids.DOWNLOAD_CSV),
                html.Span(id=ids.PNG_STATUS, hidden=True),
            ], className="text-end"),
        ], className="align-items-center mb-2 g-2"),
        dag.AgGrid(
            id=ids.TABLE,
            columnDefs=GRID_COLUMNS,
            rowData=[],
            getRowId="params.data.action_id",
            defaultColDef={"sortable": True, "resizable": True, "filter": True},
            dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                             "animateRows": False, "tooltipShowDelay": 300, "quickFilterText": ""},
            style={"height": "380px"},
            className="ag-theme-alpine",
        ),
    ]))


def share_bar(ids=Ids) -> html.Div:
    return html.Div([
        dbc.InputGroup([
            html.Label("Link to this view", htmlFor=ids.COPY_LINK, className="input-group-text"),
            dbc.Input(id=ids.COPY_LINK, readonly=True, size="sm"),
            html.Span(dcc.Clipboard(target_id=ids.COPY_LINK, title="Copy the link", className="btn btn-outline-secondary btn-sm"),
                      className="input-group-text p-0"),
        ], size="sm"),
    ])


def grid_rows(dataset: Dataset, actions: pd.DataFrame) -> list[dict]:
    regions = dataset.regions
    frame = actions[[Col.ACTION_ID, Col.DATE_LABEL, Col.COUNTRY, Col.REGION_ID, Col.LOCALITY, Col.LEVEL, Col.ACTION_TYPE,
                     Col.TITLE, Col.ISSUER, Col.VERIFICATION, Col.SOURCE_URL]].copy()
    frame["region_name"] = frame[Col.REGION_ID].map(regions["name_en"]).fillna("(national)")
    frame["type_label"] = frame[Col.ACTION_TYPE].map(ACTION_TYPES)
    return frame.to_dict("records")


def export_frame(actions: pd.DataFrame) -> pd.DataFrame:
    """The filtered actions in the published CSV layout (same columns and order)."""
    frame = actions[Col.required()].copy()
    frame[Col.DATE] = frame[Col.DATE].dt.strftime("%Y-%m-%d")
    return frame


def export_filename(dataset: Dataset, state: ViewState) -> str:
    return f"metaverse-policy-actions_v{dataset.version}_{state.slug()}.csv"


def region_from_selection(rows: list[dict] | None) -> str | None:
    if not rows:
        return None
    return rows[0].get(Col.REGION_ID) or None


def register(app, dataset: Dataset, ids=Ids) -> None:
    @app.callback(
        Output(ids.TABLE, "rowData"),
        Output(ids.TABLE_COUNT, "children"),
        Input(ids.VIEW_STORE, "data"),
    )
    def _rows(view):
        if not view:
            return no_update, no_update
        actions = filter_actions(dataset, ViewState(**view))
        return grid_rows(dataset, actions), f"{len(actions)} action(s) match"

    app.clientside_callback(
        "function(text, options) { return Object.assign({}, options, {quickFilterText: text || ''}); }",
        Output(ids.TABLE, "dashGridOptions", allow_duplicate=True),
        Input(ids.TABLE_SEARCH, "value"),
        State(ids.TABLE, "dashGridOptions"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.TABLE, "selectedRows"),
        State(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
    def _select_from_table(rows, current):
        region = region_from_selection(rows)
        return no_update if region is None or region == current else region

    @app.callback(
        Output(ids.DOWNLOAD_CSV, "data"),
        Input(ids.DOWNLOAD_CSV_BUTTON, "n_clicks"),
        State(ids.VIEW_STORE, "data"),
        prevent_initial_call=True,
    )
    def _download(_n, view):
        state = ViewState(**view)
        frame = export_frame(filter_actions(dataset, state))
        return dcc.send_data_frame(frame.to_csv, export_filename(dataset, state), index=False, encoding="utf-8")

    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="downloadPng"),
        Output(ids.PNG_STATUS, "children"),
        Input(ids.DOWNLOAD_PNG_BUTTON, "n_clicks"),
        State(ids.PNG_FILENAME, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="shareLink"),
        Output(ids.COPY_LINK, "value"),
        Input(ids.URL, "search"),
    )
