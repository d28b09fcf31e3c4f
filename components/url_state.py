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

from components.dataset import Dataset
from components.ids import Ids
from components.state import ViewState


def default_state(dataset: Dataset) -> ViewState:
    return ViewState(start=dataset.month_labels[0], end=dataset.month_labels[-1])


def state_from_controls(month_labels: list[str], date_range, countries, levels, types, verification,
                        metric, zoom, region) -> ViewState:
    start, end = date_range or [0, len(month_labels) - 1]
    return ViewState(
        start=month_labels[int(start)], end=month_labels[int(end)],
        countries=list(countries or []), levels=list(levels or []), types=list(types or []),
        verification=list(verification or []), metric=metric, region=region or None, zoom=zoom,
    )


def controls_from_state(state: ViewState, month_labels: list[str]) -> tuple:
    start, end = state.month_range(month_labels)
    return ([start, end], state.countries, state.levels, state.types, state.verification,
            state.metric, state.zoom, state.region)


def sync(dataset: Dataset, search, date_range, countries, levels, types, verification, metric, zoom,
         region, playing_stopped, current_search, triggered_id):
    """(url search, view dict, *control values) for one firing of the sync callback."""
    labels = dataset.month_labels
    defaults = default_state(dataset)
    if triggered_id in (None, Ids.URL):
        state = ViewState.from_query(search, defaults)
        if state.region and state.region not in dataset.regions.index:
            state = state.replace(region=None)
        return (no_update, _as_dict(state), *controls_from_state(state, labels))
    state = state_from_controls(labels, date_range, countries, levels, types, verification, metric, zoom, region)
    query = state.to_query(defaults)
    playing = playing_stopped is False
    url = no_update if playing or query == (current_search or "") else query
    return (url, _as_dict(state), *([no_update] * 8))


def _as_dict(state: ViewState) -> dict:
    return dataclasses.asdict(state)


def register(app, dataset: Dataset, ids=Ids) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.VIEW_STORE, "data"),
        Output(ids.DATE_RANGE, "value"),
        Output(ids.COUNTRIES, "value"),
        Output(ids.LEVELS, "value"),
        Output(ids.TYPES, "value"),
        Output(ids.VERIFICATION, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.ZOOM, "value"),
        Output(ids.SELECTED_REGION, "data"),
        Input(ids.URL, "search"),
        Input(ids.DATE_RANGE, "value"),
        Input(ids.COUNTRIES, "value"),
        Input(ids.LEVELS, "value"),
        Input(ids.TYPES, "value"),
        Input(ids.VERIFICATION, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.ZOOM, "value"),
        Input(ids.SELECTED_REGION, "data"),
        Input(ids.PLAY_INTERVAL, "disabled"),
        State(ids.URL, "search"),
    )
    def _sync(search, date_range, countries, levels, types, verification, metric, zoom, region, stopped, current):
        return sync(dataset, search, date_range, countries, levels, types, verification, metric, zoom,
                    region, stopped, current, ctx.triggered_id)
