"""The URL query string as the single source of view state, kept in sync in the browser.

Why one callback: the URL and the controls feed each other, and Dash allows that cycle only
inside one callback, which reads who fired it: a URL change (page load, back/forward) sets
the controls; a control change writes the URL. Either way it publishes one view-state dict
to a store that every panel reads. It runs in the browser (``atlas.sync`` in
``assets/atlas-callbacks.js``) with the rules of ``components.core.view.state.ViewState``. During
playback and while a handle is dragged the URL is left alone (one history entry per month
would swamp the back button); it is written when the move ends.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from dash import ClientsideFunction, Input, Output, State

from components.core.data.dataset import Dataset
from components.core.view.state import ViewState
from components.panels.ids import Ids

#: Every control that holds part of the view, in the order ``atlas.sync`` reads them.
CONTROLS = {
    "range": (Ids.DATE_RANGE, "value"),
    "countries": (Ids.COUNTRIES, "value"),
    "levels": (Ids.LEVELS, "value"),
    "types": (Ids.TYPES, "value"),
    "verification": (Ids.VERIFICATION, "value"),
    "novelty": (Ids.NOVELTY, "value"),
    "metric": (Ids.METRIC, "value"),
    "zoom": (Ids.ZOOM, "value"),
    "region": (Ids.SELECTED_REGION, "data"),
    "present": (Ids.PRESENT, "value"),
    "search": (Ids.TABLE_SEARCH, "value"),
    "rescale": (Ids.RESCALE, "value"),
    "action": (Ids.HIGHLIGHTED_ACTION, "data"),
    "tab": (Ids.TAB, "active_tab"),
    "labels": (Ids.LABELS, "value"),
    "topics": (Ids.TOPICS, "value"),
    "cities": (Ids.CITIES, "value"),
    "locality": (Ids.SELECTED_LOCALITY, "data"),
    "compare": (Ids.COMPARE, "value"),
    "changes": (Ids.COMPARE_CHANGES, "value"),
}


def default_state(dataset: Dataset) -> ViewState:
    """The view a bare link opens: the whole axis up to the month the data was collected to (not today)."""
    return ViewState(start=dataset.month_labels[0], end=dataset.collected_to)


def state_from_query(dataset: Dataset, search: str | None) -> ViewState:
    """The view a link opens, with values the dataset does not know dropped (the server's parser)."""
    return ViewState.from_query(search, default_state(dataset), month_labels=dataset.month_labels,
                                region_ids=set(dataset.regions.index),
                                action_ids=set(dataset.actions["action_id"]),
                                locality_regions=locality_regions(dataset))


def locality_regions(dataset: Dataset) -> dict[str, str]:
    """Each place of the cities layer (GeoNames id) and the region it is in."""
    table = dataset.localities
    return dict(zip(table.ids, table.region)) if table is not None else {}


def state_from_view(dataset: Dataset, view) -> ViewState:
    """The view a request claims, re-read through the link parser so no value is trusted as sent."""
    params = {}
    for f in dataclasses.fields(ViewState):
        value = view.get(f.name) if isinstance(view, dict) else None
        if isinstance(value, bool):
            params[f.name] = "1" if value else "0"
        elif isinstance(value, list):
            params[f.name] = ",".join(str(v) for v in value) or "none"
        elif isinstance(value, (str, int)):
            params[f.name] = str(value)
    return state_from_query(dataset, "?" + urlencode(params))


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="sync"),
        Output(ids.URL, "search"),
        Output(ids.VIEW_STORE, "data"),
        *[Output(component, prop) for component, prop in CONTROLS.values()],
        Input(ids.URL, "search"),
        Input(ids.DATE_RANGE, "drag_value"),
        Input(ids.ENGINE, "data"),
        *[Input(component, prop) for component, prop in CONTROLS.values()],
        Input(ids.PLAY_INTERVAL, "disabled"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
