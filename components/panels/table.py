"""The linked table of the view's actions, and the exports (CSV, PNG, share link).

Why this split: the table's rows are built once in the browser from the payload and the view
is applied as AG Grid's external filter (``assets/atlas-table.js``), so a step sends nothing.
The grid sits below the map, so the browser mounts it only when its slot nears the viewport:
the grid's 224 KB chunk is not part of the first paint.
The CSV and XLSX exports stay on the server: they write exactly the rows the table shows
(``metrics.table_actions``: filters, search, window and selected region) in the published
layout, under a name that says what they hold, with every cell safe to open in a
spreadsheet (``core.exports``: no cell runs as a formula). The bundled data's CSV lines are
written once (``PublishedRows``), so an export joins the view's lines instead of writing a
DataFrame per click (about 75 ms of a worker's CPU for the whole dataset).
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.core.view import exports
from components.core.data.columns import Col
from components.core.data.dataset import Dataset, published_frame
from components.core.i18n import message
from components.core.view.metrics import table_actions
from components.core.view.published_rows import PublishedRows
from components.core.view.state import ViewState
from components.panels.datasource import dataset_for
from components.panels.ids import Ids
from components.panels.url_state import state_from_view

TEXT = {"cellDataType": "text"}
#: Cells holding the data's own words (not interface text): marked so a reader's translator leaves them alone.
DATA_CELL = {"cellClass": "data-field"}


def grid_columns() -> list[dict]:
    """The grid's columns, headed in the current language."""
    def head(key: str) -> str:
        return message(f"table.th.{key}")

    return [
        {"field": "date_sort", "headerName": head("date"), "width": 115, "sort": "desc", "filter": False, **TEXT,
         "valueFormatter": {"function": "atlasDateLabel(params)"}, "tooltipField": "date_label",
         "headerTooltip": head("date_tooltip")},
        {"field": Col.COUNTRY, "headerName": head("country"), "width": 95, **TEXT},
        {"field": "region_name", "headerName": head("region"), "width": 150, **TEXT},
        {"field": Col.LOCALITY, "headerName": head("locality"), "width": 150, **TEXT, **DATA_CELL},
        {"field": Col.LEVEL, "headerName": head("level"), "width": 105, **TEXT},
        {"field": "type_label", "headerName": head("kind"), "width": 170, **TEXT},
        {"field": Col.TITLE, "headerName": head("title"), "flex": 1, "minWidth": 280, "tooltipField": Col.TITLE, **TEXT,
         **DATA_CELL},
        {"field": Col.ISSUER, "headerName": head("issuer"), "width": 220, "tooltipField": Col.ISSUER, **TEXT, **DATA_CELL},
        {"field": Col.VERIFICATION, "headerName": head("verification"), "width": 120, **TEXT},
        {"field": Col.TOPICS, "headerName": head("topics"), "width": 200, "tooltipField": Col.TOPICS, **TEXT},
        {"field": Col.SOURCE_URL, "headerName": head("source"), "width": 120, "cellRenderer": "SourceLink", **TEXT,
         **DATA_CELL},
    ]


def table_panel(ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col([
                html.Label(message("table.search_label"), htmlFor=ids.TABLE_SEARCH, className="visually-hidden"),
                dbc.Input(id=ids.TABLE_SEARCH, placeholder=message("table.search_placeholder"), type="search", size="sm",
                          debounce=300, value=""),
            ], md=4),
            dbc.Col([
                html.Span(id=ids.TABLE_COUNT, className="small text-muted me-2", role="status"),
                dbc.Button(id=ids.TABLE_REGION_CHIP, size="sm", color="light", className="region-chip border",
                           style={"display": "none"}, title=message("table.chip_title")),
            ], width="auto"),
            dbc.Col([
                dbc.Button(message("table.download_csv"), id=ids.DOWNLOAD_CSV_BUTTON, size="sm", color="primary", className="me-2"),
                dbc.Button(message("table.download_xlsx"), id=ids.DOWNLOAD_XLSX_BUTTON, size="sm", color="primary",
                           outline=True, className="me-2"),
                dbc.Button(message("table.download_png"), id=ids.DOWNLOAD_PNG_BUTTON, size="sm", color="secondary", className="me-2"),
                dcc.Download(id=ids.DOWNLOAD_CSV),
                dcc.Download(id=ids.DOWNLOAD_XLSX),
                html.Span(id=ids.PNG_STATUS, hidden=True),
            ], className="text-end"),
        ], className="align-items-center mb-2 g-2"),
        html.Div(id=ids.TABLE_SLOT, className="table-slot"),
        dcc.Store(id=ids.TABLE_SPEC, data=grid(ids).to_plotly_json()),
    ]))


def grid(ids=Ids) -> dag.AgGrid:
    """The table itself; mounted by the browser when its slot nears the viewport (atlas.table.mount)."""
    return dag.AgGrid(
        id=ids.TABLE,
        columnDefs=grid_columns(),
        rowData=[],
        getRowId="params.data.action_id",
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                         "animateRows": False, "tooltipShowDelay": 300,
                         # the grid's own overlay words, which it also announces to screen readers
                         "localeText": {"noMatchingRows": message("table.no_matching_rows"),
                                        "noRowsToShow": message("table.no_rows"), "loadingOoo": message("table.loading")}},
        style={"height": "380px"},
        className="ag-theme-alpine",
    )


def share_bar(ids=Ids) -> html.Div:
    return html.Div([
        dbc.InputGroup([
            html.Label(message("share.label"), htmlFor=ids.COPY_LINK, className="input-group-text"),
            dbc.Input(id=ids.COPY_LINK, readonly=True, size="sm"),
            html.Span(dcc.Clipboard(target_id=ids.COPY_LINK, title=message("share.copy"),
                                    className="btn btn-outline-secondary btn-sm"),
                      className="input-group-text p-0"),
            html.Button(message("cite.button"), id=ids.CITE_VIEW, type="button", className="btn btn-outline-primary btn-sm",
                        title=message("cite.view_button"), **{"aria-label": message("cite.view_button"),
                                                               "aria-haspopup": "dialog"}),
        ], size="sm"),
    ])


def export_frame(actions: pd.DataFrame) -> pd.DataFrame:
    """The view's actions in the published CSV layout (same columns and order)."""
    return published_frame(actions)


def export_stem(dataset: Dataset, state: ViewState, what: str = "actions") -> str:
    """A file's name without its extension: what it holds, the dataset version and the view (``ViewState.slug``)."""
    return f"metaverse-policy-{what}_v{dataset.version}_{state.slug()}"


def export_filename(dataset: Dataset, state: ViewState, extension: str = "csv") -> str:
    return f"{export_stem(dataset, state)}.{extension}"


def export_view(bundled: Dataset, own, view) -> tuple[Dataset, ViewState, pd.DataFrame]:
    """The dataset a request is about, its view, and the view's rows.

    A tampered own-data store raises ``DatasetError``, which the security layer answers as a
    plain 400 naming the problems.
    """
    shown = dataset_for(bundled, own)
    state = state_from_view(shown, view)
    return shown, state, export_frame(table_actions(shown, state))


def on_export(app, output: Output, button: str, ids=Ids):
    """A callback on an export button's click, given the view and the tab's own data (if any)."""
    return app.callback(output, Input(button, "n_clicks"), State(ids.VIEW_STORE, "data"), State(ids.OWN_DATA, "data"),
                        prevent_initial_call=True)


def register(app, dataset: Dataset, ids=Ids, published: PublishedRows | None = None) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mountTable"),
        Output(ids.TABLE_SLOT, "title"),
        Input(ids.TABLE_SPEC, "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="renderTable"),
        Output(ids.TABLE_COUNT, "children"),
        Output(ids.TABLE_REGION_CHIP, "children"),
        Output(ids.TABLE_REGION_CHIP, "style"),
        Input(ids.VIEW_DRAWN, "data"),
        Input(ids.ENGINE, "data"),
        Input(ids.PLAY_INTERVAL, "disabled"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="closePanel"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.TABLE_REGION_CHIP, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="tableSelect"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.TABLE, "selectedRows"),
        State(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )

    published = published or PublishedRows.of(dataset)

    @on_export(app, Output(ids.DOWNLOAD_CSV, "data"), ids.DOWNLOAD_CSV_BUTTON, ids)
    def _download(_n, view, own):
        shown = dataset_for(dataset, own)
        state = state_from_view(shown, view)
        # The bundled data's rows were written once (PublishedRows: the same bytes as frame_csv writes).
        content = (published.table_csv(state) if shown is dataset
                   else exports.frame_csv(export_frame(table_actions(shown, state))))
        return dict(content=content, filename=export_filename(shown, state), type="text/csv", base64=False)

    @on_export(app, Output(ids.DOWNLOAD_XLSX, "data"), ids.DOWNLOAD_XLSX_BUTTON, ids)
    def _download_xlsx(_n, view, own):
        shown, state, frame = export_view(dataset, own, view)
        return dcc.send_bytes(exports.frame_xlsx(frame), export_filename(shown, state, "xlsx"))

    # The PNG is drawn in the browser (what the map shows), and named here after the view, as the CSV is.
    @on_export(app, Output(ids.PNG_FILENAME, "data"), ids.DOWNLOAD_PNG_BUTTON, ids)
    def _png_name(n, view, own):
        shown = dataset_for(dataset, own)
        return {"name": export_stem(shown, state_from_view(shown, view), "map"), "click": n}

    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="downloadPng"),
        Output(ids.PNG_STATUS, "children"),
        Input(ids.PNG_FILENAME, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="shareLink"),
        Output(ids.COPY_LINK, "value"),
        Input(ids.URL, "search"),
    )
