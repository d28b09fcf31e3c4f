"""The URL query string as the single source of view state.

Why one callback: the URL and the controls feed each other. Dash allows that cycle only
inside one callback, which reads who fired it: a URL change (page load, back/forward)
sets the controls; a control change writes the URL. Either way it publishes one
``ViewState`` dict to a store that every output panel reads. During playback the URL is
left alone (one history entry per month would swamp the back button) and written once
playback stops.
"""

from __future__ import annotations

import dataclasses

from dash import Input, Output, State, ctx, no_update

from components.core.dataset import Dataset
from components.panels.ids import Ids
from components.core.state import ViewState

#: Every control that holds part of the view: (component id, property).
CONTROLS = {
    "date_range": (Ids.DATE_RANGE, "value"),
    "countries": (Ids.COUNTRIES, "value"),
    "levels": (Ids.LEVELS, "value"),
    "types": (Ids.TYPES, "value"),
    "verification": (Ids.VERIFICATION, "value"),
    "metric": (Ids.METRIC, "value"),
    "zoom": (Ids.ZOOM, "value"),
    "region": (Ids.SELECTED_REGION, "data"),
    "present": (Ids.PRESENT, "value"),
}


def default_state(dataset: Dataset) -> ViewState:
    return ViewState(start=dataset.month_labels[0], end=dataset.month_labels[-1])


def state_from_controls(month_labels: list[str], values: dict) -> ViewState:
    start, end = values.get("date_range") or [0, len(month_labels) - 1]
    return ViewState(
        start=month_labels[int(start)], end=month_labels[int(end)],
        countries=list(values.get("countries") or []), levels=list(values.get("levels") or []),
        types=list(values.get("types") or []), verification=list(values.get("verification") or []),
        metric=values.get("metric") or "cumulative", region=values.get("region") or None,
        zoom=values.get("zoom") or "all", present=bool(values.get("present")),
    )


def controls_from_state(state: ViewState, month_labels: list[str]) -> dict:
    start, end = state.month_range(month_labels)
    values = {name: getattr(state, name) for name in CONTROLS if name != "date_range"}
    return {"date_range": [start, end], **values}


def sync(dataset: Dataset, search: str | None, values: dict, playing_stopped, current_search, triggered_id):
    """(url search, view dict, control values in ``CONTROLS`` order) for one firing."""
    labels = dataset.month_labels
    defaults = default_state(dataset)
    if triggered_id in (None, Ids.URL):
        state = ViewState.from_query(search, defaults)
        if state.region and state.region not in dataset.regions.index:
            state = state.replace(region=None)
        controls = controls_from_state(state, labels)
        return no_update, as_dict(state), [controls[name] for name in CONTROLS]
    state = state_from_controls(labels, values)
    query = state.to_query(defaults)
    playing = playing_stopped is False
    url = no_update if playing or query == (current_search or "") else query
    return url, as_dict(state), [no_update] * len(CONTROLS)


def as_dict(state: ViewState) -> dict:
    return dataclasses.asdict(state)


def register(app, dataset: Dataset) -> None:
    @app.callback(
        Output(Ids.URL, "search"),
        Output(Ids.VIEW_STORE, "data"),
        *[Output(component, prop) for component, prop in CONTROLS.values()],
        Input(Ids.URL, "search"),
        *[Input(component, prop) for component, prop in CONTROLS.values()],
        Input(Ids.PLAY_INTERVAL, "disabled"),
        State(Ids.URL, "search"),
    )
    def _sync(search, *rest):
        *control_values, stopped, current = rest
        values = dict(zip(CONTROLS, control_values, strict=True))
        url, view, controls = sync(dataset, search, values, stopped, current, ctx.triggered_id)
        return url, view, *controls
