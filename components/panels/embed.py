"""Embedding: the ``?embed=1`` view for an iframe, and the iframe code of the current view.

Why a panel of its own: an article that embeds the atlas wants the map, its time control and
its legend, with a way back to the whole atlas, and nothing else. ``?embed=1`` is a page
parameter like ``?lang=`` (kept when the view rewrites the address, ``atlas.i18n.keepLanguage``),
not a view field: the view in the frame is the view of the same link without it.
``assets/atlas-embed.js`` marks the page (``html.embed``, read by ``atlas.css``) before Dash
renders it, and answers the two callbacks below. The CSP's ``frame-ancestors``
(``$ATLAS_FRAME_ANCESTORS``, ``components/security.py``) decides which sites may frame it.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components.core.i18n import message
from components.panels.ids import Ids

EMBED_PARAM = "embed"


def full_view_link(ids=Ids) -> html.A:
    """Shown only in the embed: the same view, the whole atlas, in a new tab (the frame's page stays)."""
    return html.A(message("embed.full_view"), id=ids.EMBED_FULL_VIEW, href="?", target="_blank",
                  rel="noopener", className="embed-full-view small")


def snippet_field(ids=Ids) -> dbc.InputGroup:
    return dbc.InputGroup([
        html.Label(message("embed.label"), htmlFor=ids.EMBED_CODE, className="input-group-text"),
        dbc.Input(id=ids.EMBED_CODE, readonly=True, size="sm"),
        html.Span(dcc.Clipboard(target_id=ids.EMBED_CODE, title=message("embed.copy"),
                                className="btn btn-outline-secondary btn-sm"), className="input-group-text p-0"),
        dcc.Store(id=ids.EMBED_TITLE, data=message("embed.iframe_title")),
    ], size="sm", className="mt-1 embed-code")


def register(app, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlasEmbed", function_name="links"),
        Output(ids.EMBED_FULL_VIEW, "href"),
        Output(ids.EMBED_CODE, "value"),
        Input(ids.URL, "search"),
        State(ids.EMBED_TITLE, "data"),
    )
