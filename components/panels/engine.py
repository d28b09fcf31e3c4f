"""The browser engine's data: the payload served once at a content-hashed URL, and its loader.

Why a URL and not a store in the layout: the layout is fetched on every page load, while a
content-hashed URL is cached by the browser (immutable), so a return visit costs nothing and
the payload is compressed once at start-up, not per request. The ``engine`` store then holds
only a small token that every clientside callback reads to find the decoded data.
"""

from __future__ import annotations

import gzip

import flask
from dash import ClientsideFunction, Input, Output, dcc

from components.core.payload import encode
from components.panels.ids import Ids

ROUTE = "/engine/<digest>.json"


def stores(source: dict, ids=Ids) -> list:
    return [dcc.Store(id=ids.ENGINE_SOURCE, data=source), dcc.Store(id=ids.ENGINE)]


def serve_payload(server: flask.Flask, payload: dict) -> dict:
    """Serve the payload under its hash; returns the source the browser loads it from."""
    body, current = encode(payload)
    compressed = gzip.compress(body, compresslevel=6)
    url = f"/engine/{current}.json"

    def _payload(digest: str):
        if digest != current:
            return flask.Response("unknown dataset version", status=404, mimetype="text/plain")
        accepts_gzip = "gzip" in flask.request.headers.get("Accept-Encoding", "")
        response = flask.Response(compressed if accepts_gzip else body, mimetype="application/json")
        if accepts_gzip:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    server.add_url_rule(ROUTE, endpoint="engine_payload", view_func=_payload)
    return {"key": current, "url": url}


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="engineReady"),
        Output(ids.ENGINE, "data"),
        Input(ids.ENGINE_SOURCE, "data"),
    )
