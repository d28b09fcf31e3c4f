"""Time controls and filters: their layout and their clientside callbacks.

Why here: everything that *sets* the view lives in this panel; the URL sync (``url_state``)
turns its values into one view state. Facet counts, play, speed and the date label are
answered in the browser (``assets/atlas-callbacks.js``), so none costs a round trip.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.core import i18n
from components.core.i18n import message
from components.core.view.payload import month_marks
from components.core.view.state import FILTERS, LABEL_COUNTS, METRICS, ZOOMS
from components.panels.ids import Ids

#: Play at 1x: one month every 140 ms, so 71 months take about 10 s.
PLAY_INTERVAL_MS = 140
SPEEDS = {"0.5": "0.5×", "1": "1×", "2": "2×"}
FILTER_IDS = {"countries": Ids.COUNTRIES, "levels": Ids.LEVELS, "types": Ids.TYPES, "verification": Ids.VERIFICATION,
              "novelty": Ids.NOVELTY, "topics": Ids.TOPICS}


def checklist_options(options: dict[str, str], counts: dict[str, int] | None = None) -> list[dict]:
    """Checklist options, each label followed by its count in the current view when known."""
    def label(value: str, text: str) -> str:
        if counts is None:
            return f" {text}"
        return " " + message("format.parenthetical", text=text, note=i18n.number(counts[value]))

    return [{"label": label(value, text), "value": value} for value, text in options.items()]


def layer_controls(month_labels: list[str], ids=Ids) -> html.Fieldset:
    """The cities layer's switch, and the month a second map compares with (none: one map)."""
    return html.Fieldset([
        dbc.Switch(id=ids.CITIES, label=message("controls.cities"), value=False, className="small mb-2"),
        html.Label(message("controls.compare"), htmlFor=ids.COMPARE, className="form-label fw-semibold small"),
        dcc.Dropdown(id=ids.COMPARE, options=[{"label": i18n.month(m), "value": m} for m in month_labels],
                     value=None, clearable=True, searchable=False, placeholder=message("controls.compare_none"),
                     className="mb-2"),
        dbc.Switch(id=ids.COMPARE_CHANGES, label=message("compare.changes"), value=False, className="small mb-2"),
    ], className="mt-3 layer-controls")


def filters_panel(counts: dict[str, dict[str, int]], ids=Ids, month_labels: list[str] | None = None) -> dbc.Card:
    fieldsets = [
        html.Fieldset([
            html.Legend(message(f"controls.legend.{name}"), className="fs-6 fw-semibold"),
            dbc.Checklist(id=FILTER_IDS[name], options=checklist_options(i18n.labels(name, options), counts[name]),
                          value=list(options),
                          className="small"),
        ], className="mb-2")
        for name, options in FILTERS.items()
    ]
    return dbc.Card(dbc.CardBody([
        html.Label(message("controls.metric"), htmlFor=ids.METRIC, className="form-label fw-semibold small"),
        dcc.Dropdown(id=ids.METRIC, options=[{"label": v, "value": k} for k, v in i18n.labels("metrics", METRICS).items()],
                     value="cumulative", clearable=False, searchable=False, className="mb-2"),
        dbc.Switch(id=ids.RESCALE, label=message("controls.rescale"), value=False, className="small mb-2"),
        html.Label(message("control.labels"), htmlFor=ids.LABELS, className="form-label fw-semibold small"),
        dbc.RadioItems(id=ids.LABELS, options=[{"label": message(f"control.labels.{n}", n=n), "value": n}
                                               for n in LABEL_COUNTS],
                       value=0, inline=True, className="small mb-2"),
        html.Label(message("controls.zoom"), htmlFor=ids.ZOOM, className="form-label fw-semibold small"),
        dbc.RadioItems(id=ids.ZOOM, options=[{"label": v, "value": k} for k, v in i18n.labels("zooms", ZOOMS).items()],
                       value="all", inline=True, className="small mb-3"),
        *fieldsets,
        dbc.Button(message("controls.reset"), id=ids.RESET, color="secondary", outline=True, size="sm"),
        layer_controls(month_labels or [], ids),
    ]), className="h-100")


def time_controls(month_labels: list[str], ids=Ids, end_label: str | None = None) -> dbc.Card:
    """Play, speed, the window's label and the slider, set to the first month and ``end_label`` (default: the last)."""
    last = len(month_labels) - 1
    end = month_labels.index(end_label) if end_label in month_labels else last
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col([
                dbc.Button(message("time.play"), id=ids.PLAY, color="primary", size="sm", className="me-2",
                           title=message("time.play_title")),
                dbc.Button(message("time.pause"), id=ids.PAUSE, color="secondary", size="sm", disabled=True,
                           title=message("time.pause_title")),
            ], width="auto"),
            dbc.Col(html.Div([
                html.Span(message("time.speed"), id="play-speed-label", className="small me-2"),
                dbc.RadioItems(id=ids.PLAY_SPEED, options=[{"label": v, "value": k} for k, v in SPEEDS.items()],
                               value="1", inline=True, className="small d-inline-block",
                               inputClassName="me-1"),
            ], role="group", **{"aria-labelledby": "play-speed-label"}), width="auto"),
            dbc.Col(html.Div(message("date.showing", start=i18n.month(month_labels[0]), end=i18n.month(month_labels[end])),
                             id=ids.DATE_LABEL,
                             className="fw-semibold", **{"aria-live": "polite"}), width="auto"),
        ], className="align-items-center mb-2 g-2"),
        html.Div(dcc.RangeSlider(
            id=ids.DATE_RANGE, min=0, max=last, step=1, value=[0, end], marks=month_marks(month_labels),
            allowCross=False, pushable=0, updatemode="mouseup", dots=False, allow_direct_input=False,
        ), className="px-2", title=message("time.slider_title")),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=PLAY_INTERVAL_MS, disabled=True),
    ]), className="time-card")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="resetView"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.RESET, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="renderFacets"),
        *[Output(component, "options") for component in FILTER_IDS.values()],
        Input(ids.VIEW_DRAWN, "data"),
        Input(ids.ENGINE, "data"),
        Input(ids.PLAY_INTERVAL, "disabled"),
        prevent_initial_call=True,
    )
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
        State(ids.ENGINE, "data"),
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
        State(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        f"function(speed) {{ return window.dash_clientside.atlas.speed(speed, {PLAY_INTERVAL_MS}); }}",
        Output(ids.PLAY_INTERVAL, "interval"),
        Input(ids.PLAY_SPEED, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="dateLabel"),
        Output(ids.DATE_LABEL, "children"),
        Input(ids.DATE_RANGE, "value"),
        Input(ids.DATE_RANGE, "drag_value"),
        Input(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
