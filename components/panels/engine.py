"""The browser engine's data: the payload served once at a content-hashed URL, and its loader.

Why a URL and not a store in the layout: the layout is fetched on every page load, while a
content-hashed URL is cached by the browser (immutable), so a return visit costs nothing and
the payload is compressed once at start-up, not per request. The ``engine`` store then holds
only a small token that every clientside callback reads to find the decoded data.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, dcc

from components.panels.ids import Ids
from components.serving import LARGE_BYTES, HashedAsset

#: brotli's level for the payload: 9, not 11 — 11 took about 1 s a language at start-up (four languages) to save
#: about 13 KB (125 -> 138 KB of the bundled data's 490 KB); above 2 MB ``HashedAsset`` already picks 5.
PAYLOAD_BR_QUALITY = 9


def stores(source: dict, ids=Ids) -> list:
    """The payload's source, the engine's token, and the tab's own dataset (none until an upload)."""
    return [dcc.Store(id=ids.ENGINE_SOURCE, data=source), dcc.Store(id=ids.ENGINE), dcc.Store(id=ids.OWN_DATA)]


def payload_asset(body: bytes) -> HashedAsset:
    """The payload's JSON (``payload.encode_languages``) at a content-hashed URL, compressed once
    (``serving.install`` publishes it)."""
    quality = PAYLOAD_BR_QUALITY if len(body) <= LARGE_BYTES else None
    return HashedAsset.from_bytes(body, "atlas-data.json", "application/json", br_quality=quality)


def source(asset: HashedAsset) -> dict:
    """Where the browser loads the payload from; the URL's hash doubles as the cache key."""
    return {"key": asset.url, "url": asset.url}


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="engineReady"),
        Output(ids.ENGINE, "data"),
        Input(ids.ENGINE_SOURCE, "data"),
    )
