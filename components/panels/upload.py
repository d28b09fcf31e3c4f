"""Bring your own data: the drop zone, the problems of a refused file, the banner of an accepted one.

Why a server callback here and nowhere else in the loop: the file is validated in Python, by
the same schema as ``python app.py validate`` (``components.core.data.upload``). The accepted file
does not stay on the server. The answer carries the normalised CSV for the tab's ``own-data``
store, and the browser engine's payload inline in ``engine-source``. From then on the whole
view runs in the browser on the tab's own data, and each server callback that needs data gets
the CSV back with its request (``datasource.dataset_for``). A second tab or browser still
opens the bundled data. Going back to the bundled data is clientside: it puts the original
source back, which the engine still holds. A refused file changes nothing in the view. Its
problems show as a table (the first 200, with the total), downloadable as CSV. The
templates are static files at content-hashed URLs.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate

from components.core.briefing import storyboard
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.data.region_lookup import RegionNames
from components.core.data.upload import MAX_FILE_BYTES, UploadReport, check_upload, data_url_bytes, display_name, refusal
from components.core.i18n import message
from components.core.view import exports
from components.core.view.dots import DotLayout
from components.core.view.payload import build_payload
from components.panels import datasource, language, phone
from components.panels.ids import Ids
from components.serving import HashedAsset

MAX_PROBLEMS_SHOWN = 200
MAX_VALUE_SHOWN = 120
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "metaverse-policy-actions-template"


def example_row(dataset: Dataset) -> dict[str, str]:
    """A real row of the bundled data (a corroborated provincial action, else one with a source link, if there is one)."""
    actions = dataset.actions
    sourced = actions[(actions[Col.LEVEL] == "provincial") & (actions[Col.SOURCE_URL] != "")]
    corroborated = sourced[sourced[Col.VERIFICATION] == "corroborated"]
    row = (corroborated if len(corroborated) else sourced if len(sourced) else actions).iloc[0]
    return {c: row[c].strftime("%Y-%m-%d") if c == Col.DATE else str(row[c]) for c in Col.published()}


def template_assets(dataset: Dataset) -> tuple[HashedAsset, HashedAsset]:
    """The empty CSV template and the XLSX template (example row and codebook), built once."""
    return (
        HashedAsset.from_bytes(exports.template_csv().encode("utf-8"), f"{TEMPLATE_NAME}.csv", "text/csv; charset=utf-8"),
        HashedAsset.from_bytes(exports.template_xlsx(example_row(dataset)), f"{TEMPLATE_NAME}.xlsx", XLSX_TYPE),
    )


def upload_strip(bundled_source: dict, templates: tuple[HashedAsset, HashedAsset], ids=Ids) -> dbc.Container:
    csv_template, xlsx_template = templates
    zone = dcc.Upload(
        id=ids.UPLOAD, multiple=False, className="upload-drop small",
        children=html.Div([html.Span(message("upload.drop"), className="fw-semibold"), " ",
                           html.Span(message("upload.limits", limit=MAX_FILE_BYTES // 2**20), className="text-muted")]),
    )
    return dbc.Container(dbc.Card(dbc.CardBody([
        *phone.drawer("phone.data", "phone.data_close_title", [dbc.Row([
            dbc.Col(html.Div(zone, id="upload-zone", **{"data-max-bytes": str(MAX_FILE_BYTES)}), md=7),
            dbc.Col(html.Div([
                message("upload.templates"), " ",
                html.A(message("upload.template_csv"), id=ids.TEMPLATE_CSV, href=csv_template.url,
                       download=f"{TEMPLATE_NAME}.csv"),
                " · ",
                html.A(message("upload.template_xlsx"), id=ids.TEMPLATE_XLSX, href=xlsx_template.url,
                       download=f"{TEMPLATE_NAME}.xlsx"),
            ], className="small"), md=5),
        ], className="align-items-center g-2"),
            dcc.Loading(html.Div(id=ids.UPLOAD_REPORT, role="status", className="mt-1"), type="dot"),
        ], ids.UPLOAD_DRAWER, ids.UPLOAD_CLOSE, ids.UPLOAD_BACKDROP, "offcanvas-end upload-drawer"),
        html.Div([
            html.Span(id=ids.OWN_BANNER_TEXT, className="fw-semibold me-2"),
            dbc.Button(message("upload.restore"), id=ids.OWN_RESTORE, color="link", size="sm", className="p-0 align-baseline"),
        ], id=ids.OWN_BANNER, role="status", className="alert alert-info py-1 px-2 mt-2 mb-0 small",
            style={"display": "none"}),
        dcc.Store(id=ids.UPLOAD_PROBLEMS_CSV),
        dcc.Download(id=ids.UPLOAD_PROBLEMS_DOWNLOAD),
        dcc.Store(id=ids.BUNDLED_SOURCE, data=bundled_source),
    ], className="py-2")), fluid=True, className="mb-2 upload-strip")


def _shown(value: str) -> str:
    return value if len(value) <= MAX_VALUE_SHOWN else value[: MAX_VALUE_SHOWN - 1] + "…"


def problems_report(report: UploadReport, ids=Ids) -> html.Div:
    """The refusal: how many problems, the first 200 as a table, and the button for all of them as CSV."""
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    head = html.Tr([html.Th(message(f"upload.th.{c}"), scope="col") for c in exports.PROBLEM_COLUMNS])
    rows = [html.Tr([html.Td(p.row if p.row else message("upload.whole_file")), html.Td(p.column),
                     html.Td(_shown(p.value)), html.Td(p.rule)]) for p in shown]
    return html.Div([
        html.P(message("upload.refused", name=report.name, n=len(report.problems), shown=len(shown)),
               className="fw-semibold text-danger mb-1"),
        dbc.Button(message("upload.problems_csv"), id=ids.UPLOAD_PROBLEMS_BUTTON, size="sm", color="secondary",
                   outline=True, className="mb-1"),
        html.Div(html.Table([html.Thead(head), html.Tbody(rows)], id=ids.UPLOAD_PROBLEMS,
                            className="table table-sm small mb-0"), className="upload-problems"),
    ])


def accepted(report: UploadReport, dots: DotLayout, label_points: dict) -> tuple[dict, dict]:
    """The tab's own-data store and the engine's inline source for a valid upload."""
    dataset = report.dataset
    content_digest = datasource.digest(report.csv)
    own = {"name": report.name, "csv": report.csv, "sha256": content_digest}
    source = {"key": f"own-{content_digest[:16]}-{dataset.month_labels[-1]}",
              "inline": build_payload(dataset, dots, label_points, storyboard_limits=storyboard.browser_limits())}
    return own, source


def register(app, bundled: Dataset, dots: DotLayout, label_points: dict, ids=Ids) -> None:
    names = RegionNames.from_regions(bundled.regions)

    @app.callback(
        Output(ids.OWN_DATA, "data"),
        Output(ids.ENGINE_SOURCE, "data"),
        Output(ids.UPLOAD_REPORT, "children"),
        Output(ids.UPLOAD_PROBLEMS_CSV, "data"),
        Output(ids.OWN_BANNER_TEXT, "children"),
        Output(ids.OWN_BANNER, "style"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        language.page_language(),
        prevent_initial_call=True,
    )
    @language.speaking
    def _upload(contents, filename):
        if contents is None:
            raise PreventUpdate
        filename = filename[0] if isinstance(filename, list) and filename else filename
        contents = contents[0] if isinstance(contents, list) and contents else contents
        raw = data_url_bytes(contents)
        if raw is None:
            report = UploadReport(display_name(filename), "", refusal(message("upload.not_a_file")))
        else:
            report = check_upload(raw, display_name(filename), names, datasource.load_own)
        if not report.valid:
            problems = {"filename": f"{report.name}-problems.csv", "content": exports.problems_csv(report.problems)}
            return no_update, no_update, problems_report(report, ids), problems, no_update, no_update
        own, source = accepted(report, dots, label_points)
        banner = message("upload.banner", name=report.name, n=len(report.dataset.actions))
        return own, source, "", None, banner, {}

    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="restoreBundled"),
        Output(ids.OWN_DATA, "data", allow_duplicate=True),
        Output(ids.ENGINE_SOURCE, "data", allow_duplicate=True),
        Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
        Output(ids.OWN_BANNER, "style", allow_duplicate=True),
        Input(ids.OWN_RESTORE, "n_clicks"),
        State(ids.BUNDLED_SOURCE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="problemsCsv"),
        Output(ids.UPLOAD_PROBLEMS_DOWNLOAD, "data"),
        Input(ids.UPLOAD_PROBLEMS_BUTTON, "n_clicks"),
        State(ids.UPLOAD_PROBLEMS_CSV, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="datasetText"),
        Output(ids.DATASET_LEDE, "children"),
        Output(ids.DATASET_FOOTER, "children"),
        Input(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
