"""Time controls and filters: layout builders and the play/pause callbacks.

Why here: everything that *sets* the view lives in this panel; the URL sync
(``url_state``) turns its values into one ``ViewState``. Play runs as a clientside
callback so a tick costs no server round trip beyond the colour patch it causes.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS, VERIFICATION
from components.panels.ids import Ids
from components.core.metrics import facet_counts
from components.core.state import METRICS, ZOOMS, ViewState

PLAY_INTERVAL_MS = 900


def month_marks(month_labels: list[str]) -> dict[int, dict]:
    """Date labels at each January and July (a dot marks every month in between)."""
    return {
        i: {"label": label, "style": {"whiteSpace": "nowrap", "fontSize": "0.75rem"}}
        for i, label in enumerate(month_labels)
        if label.endswith("-01") or label.endswith("-07")
    }


def checklist_options(options: dict[str, str], counts: dict[str, int] | None = None) -> list[dict]:
    """Checklist options, each label followed by its count in the current view when known."""
    def label(value: str, text: str) -> str:
        return f" {text} ({counts[value]})" if counts is not None else f" {text}"

    return [{"label": label(value, text), "value": value} for value, text in options.items()]


def _checklist(component_id: str, options: dict[str, str]) -> dcc.Checklist:
    return dcc.Checklist(
        id=component_id,
        options=checklist_options(options),
        value=list(options),
        inputClassName="form-check-input me-1",
        labelClassName="form-check-label d-block",
        className="small",
    )


def filters_panel(ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.Label("Colour the map by", htmlFor=ids.METRIC, className="form-label fw-semibold small"),
        dcc.Dropdown(
            id=ids.METRIC, options=[{"label": v, "value": k} for k, v in METRICS.items()],
            value="cumulative", clearable=False, searchable=False, className="mb-3",
        ),
        html.Label("Zoom to", htmlFor=ids.ZOOM, className="form-label fw-semibold small"),
        dbc.RadioItems(
            id=ids.ZOOM, options=[{"label": v, "value": k} for k, v in ZOOMS.items()],
            value="all", inline=True, className="small mb-3",
        ),
        html.Fieldset([html.Legend("Country", className="fs-6 fw-semibold"), _checklist(ids.COUNTRIES, COUNTRIES)], className="mb-2"),
        html.Fieldset([html.Legend("Level", className="fs-6 fw-semibold"), _checklist(ids.LEVELS, LEVELS)], className="mb-2"),
        html.Fieldset([html.Legend("Kind of action", className="fs-6 fw-semibold"), _checklist(ids.TYPES, ACTION_TYPES)], className="mb-2"),
        html.Fieldset([html.Legend("Verification", className="fs-6 fw-semibold"), _checklist(ids.VERIFICATION, VERIFICATION)], className="mb-2"),
        dbc.Button("Reset view", id=ids.RESET, color="secondary", outline=True, size="sm", href="/", external_link=True),
    ]), className="h-100")


def time_controls(month_labels: list[str], ids=Ids) -> dbc.Card:
    last = len(month_labels) - 1
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col([
                dbc.Button("▶ Play", id=ids.PLAY, color="primary", size="sm", className="me-2",
                           title="Step the end date month by month"),
                dbc.Button("❚❚ Pause", id=ids.PAUSE, color="secondary", size="sm", disabled=True,
                           title="Stop playing"),
            ], width="auto"),
            dbc.Col(html.Div(id=ids.DATE_LABEL, className="fw-semibold", **{"aria-live": "polite"}), width="auto"),
        ], className="align-items-center mb-2 g-2"),
        html.Div(dcc.RangeSlider(
            id=ids.DATE_RANGE, min=0, max=last, step=1, value=[0, last], marks=month_marks(month_labels),
            allowCross=False, pushable=0, updatemode="mouseup", dots=True, allow_direct_input=False,
        ), className="px-2", title="Date range: use the arrow keys on a handle to move it by a month"),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=PLAY_INTERVAL_MS, disabled=True),
        dcc.Store(id=ids.MONTH_LABELS, data=month_labels),
    ]))


FACET_CONTROLS = {"countries": (Ids.COUNTRIES, COUNTRIES), "levels": (Ids.LEVELS, LEVELS),
                  "types": (Ids.TYPES, ACTION_TYPES), "verification": (Ids.VERIFICATION, VERIFICATION)}


def register(app, dataset, ids=Ids) -> None:
    @app.callback(
        *[Output(component, "options") for component, _ in FACET_CONTROLS.values()],
        Input(ids.VIEW_STORE, "data"),
        prevent_initial_call=True,
    )
    def _facet_counts(view):
        counts = facet_counts(dataset, ViewState(**view))
        return [checklist_options(options, counts[facet]) for facet, (_, options) in FACET_CONTROLS.items()]

    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="playPause"),
        Output(ids.PLAY_INTERVAL, "disabled"),
        Output(ids.PLAY, "disabled"),
        Output(ids.PAUSE, "disabled"),
        Output(ids.DATE_RANGE, "value", allow_duplicate=True),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.PAUSE, "n_clicks"),
        State(ids.DATE_RANGE, "value"),
        State(ids.DATE_RANGE, "max"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="step"),
        Output(ids.DATE_RANGE, "value", allow_duplicate=True),
        Output(ids.PLAY_INTERVAL, "disabled", allow_duplicate=True),
        Output(ids.PLAY, "disabled", allow_duplicate=True),
        Output(ids.PAUSE, "disabled", allow_duplicate=True),
        Input(ids.PLAY_INTERVAL, "n_intervals"),
        State(ids.DATE_RANGE, "value"),
        State(ids.DATE_RANGE, "max"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="dateLabel"),
        Output(ids.DATE_LABEL, "children"),
        Input(ids.DATE_RANGE, "value"),
        Input(ids.DATE_RANGE, "drag_value"),
        State(ids.MONTH_LABELS, "data"),
    )
