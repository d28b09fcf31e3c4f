"""The browser engine's data: the payload served once at a content-hashed URL, and its loader.

Why a URL and not a store in the layout: the layout is fetched on every page load, while a
content-hashed URL is cached by the browser (immutable), so a return visit costs nothing and
the payload is compressed once at start-up, not per request. The ``engine`` store then holds
only a small token that every clientside callback reads to find the decoded data.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, dcc

from components.core.view.payload import encode
from components.panels.ids import Ids
from components.serving import HashedAsset


def stores(source: dict, ids=Ids) -> list:
    """The payload's source, the engine's token, and the tab's own dataset (none until an upload)."""
    return [dcc.Store(id=ids.ENGINE_SOURCE, data=source), dcc.Store(id=ids.ENGINE), dcc.Store(id=ids.OWN_DATA)]


def payload_asset(payload: dict) -> HashedAsset:
    """The payload as bytes at a content-hashed URL, compressed once (``serving.install`` publishes it)."""
    body, _ = encode(payload)
    return HashedAsset.from_bytes(body, "atlas-data.json", "application/json")


def source(asset: HashedAsset) -> dict:
    """Where the browser loads the payload from; the URL's hash doubles as the cache key."""
    return {"key": asset.url, "url": asset.url}


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="engineReady"),
        Output(ids.ENGINE, "data"),
        Input(ids.ENGINE_SOURCE, "data"),
    )
