"""HTTP hardening: security headers, a request-size limit, plain error pages, and a guard on callbacks.

Why a module of its own, beside ``serving``: what a response may *do* in a browser (which
scripts run, who may frame the page) and what a request may *ask* (its size, its shape) is a
policy of the whole server, independent of how bytes are compressed or cached, and it is
tested on its own (tests/app/test_security.py, tests/browser/test_csp.py). Nothing here looks at
the dataset.

- ``install(app)``: flask-talisman headers (Content-Security-Policy built by
  ``content_security_policy``, whose ``frame-ancestors`` is ``$ATLAS_FRAME_ANCESTORS`` (default
  ``'self'``, so the page's own ``?embed=1`` view can be framed by the same site), X-Frame-Options,
  nosniff, Referrer-Policy, HSTS behind https), ``MAX_CONTENT_LENGTH`` (413 with a message), debug
  off, the plain-text error pages, 404s and log lines of ``errors``, and ``callback_problem``
  checked before Dash dispatches a callback.
- ``callback_problem(body, callback_map)``: what is wrong with a ``_dash-update-component``
  body, judged against the callbacks the app declared, or ``None``. Dash itself answers a
  malformed body with a 500 (KeyError, IndexError, TypeError deep in its dispatch); here it
  gets a 400 before any callback runs. The *values* in a well-formed body are the callbacks'
  business: each one re-reads them as untrusted (``url_state.state_from_view``,
  ``datasource.dataset_for``).
"""

from __future__ import annotations

import os
import re

import dash
import flask
from dash._utils import split_callback_id
from flask_talisman import Talisman
from werkzeug.exceptions import BadRequest

from components import errors

MAX_REQUEST_ENV = "ATLAS_MAX_REQUEST_MB"
#: Who may show the page in a frame (``?embed=1``): CSP ``frame-ancestors`` sources, space-separated.
FRAME_ANCESTORS_ENV = "ATLAS_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = ("'self'",)
_KEYWORD_SOURCES = {"'self'", "'none'"}
_HOST_SOURCE = re.compile(r"^(https?://)?(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:(\d{1,5}|\*))?/?$|^https?:$")
#: A 20 MB upload travels base64-encoded inside a callback's JSON: 20 MB x 4/3 = 26.7 MB, plus the envelope.
DEFAULT_MAX_REQUEST_MB = 32
CALLBACK_ROUTE = "_dash-update-component"


def max_request_bytes(megabytes: float | None = None) -> int:
    """The request-size limit: the argument, else ``$ATLAS_MAX_REQUEST_MB``, else 32 MB."""
    if megabytes is None:
        raw = os.environ.get(MAX_REQUEST_ENV, "").strip()
        try:
            megabytes = float(raw) if raw else DEFAULT_MAX_REQUEST_MB
        except ValueError:
            raise ValueError(f"{MAX_REQUEST_ENV}={raw!r} is not a number of megabytes") from None
    if megabytes <= 0:
        raise ValueError(f"the request-size limit must be positive, got {megabytes} MB")
    return int(megabytes * 1024 * 1024)


def frame_ancestors(raw: str | None = None) -> list[str]:
    """The sites that may frame the page: ``raw``, else ``$ATLAS_FRAME_ANCESTORS``, else ``'self'``.

    Each source is ``'self'``, ``'none'`` (alone), or a host source such as ``https://news.example``
    or ``https://*.example.org``; anything else (a ``;`` that would end the directive, a path, a
    quote) is refused at start-up, naming the variable and the value.
    """
    raw = os.environ.get(FRAME_ANCESTORS_ENV, "") if raw is None else raw
    sources = raw.split() or list(DEFAULT_FRAME_ANCESTORS)
    bad = [s for s in sources if s not in _KEYWORD_SOURCES and not _HOST_SOURCE.match(s)]
    if bad or ("'none'" in sources and len(sources) > 1):
        raise ValueError(f"{FRAME_ANCESTORS_ENV}={raw!r}: each source must be 'self', a host source such as "
                         f"https://news.example, or 'none' alone" + (f" (not {', '.join(bad)})" if bad else ""))
    return sources


def frame_options(ancestors: list[str]) -> str | None:
    """X-Frame-Options for browsers without CSP 2: DENY or SAMEORIGIN where it says the same, else none."""
    return {("'none'",): "DENY", ("'self'",): "SAMEORIGIN"}.get(tuple(ancestors))


def content_security_policy(app: dash.Dash, ancestors: list[str] | None = None) -> dict[str, list[str]]:
    """The CSP for ``app``: only the server's own files, plus the inline scripts Dash writes, by hash.

    Call after every callback is registered: Dash hashes its renderer bootstrap and any inline
    clientside callback (``app.csp_hashes``); no other inline script may run.
    """
    return {
        "default-src": ["'self'"],
        # Dash bootstraps its renderer with one inline <script>; allowed by its hash, no 'unsafe-inline'.
        "script-src": ["'self'", *app.csp_hashes()],
        # Dash's component bundles (dcc, the renderer), plotly.js and AG Grid inject <style> elements
        # at run time, with no way to give them a nonce (dcc's webpack runtime hard-sets its nonce to
        # undefined) and contents that change with every library version; a stylesheet cannot run script.
        "style-src": ["'self'", "'unsafe-inline'"],
        # data: for the icons Bootstrap's and AG Grid's stylesheets inline as SVG (check boxes, sort and
        # filter icons); blob: for the map PNG export (plotly.js loads its SVG into an image by a blob: URL).
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": list(ancestors or DEFAULT_FRAME_ANCESTORS),
    }


def _declared(item: dict) -> tuple[str, str]:
    return str(item["id"]), str(item["property"]).split("@")[0]


def _is_pattern(declared_id) -> bool:
    """Pattern-matching ids are dicts, which the callback map holds as their JSON text."""
    return isinstance(declared_id, dict) or (isinstance(declared_id, str) and declared_id.startswith("{"))


def _matches(sent, declared: dict) -> str | None:
    """Why one sent input/state/output does not match its declaration, or None."""
    if _is_pattern(declared["id"]):  # a pattern-matching dependency: one dict or a list of them
        items = sent if isinstance(sent, list) else [sent]
        ok = all(isinstance(i, dict) and isinstance(i.get("id"), dict) and isinstance(i.get("property"), str)
                 for i in items)
        return None if ok else f"expected {declared['property']} of components matching {declared['id']}"
    if not isinstance(sent, dict) or not isinstance(sent.get("id"), str) or not isinstance(sent.get("property"), str):
        return f"expected {{id, property, value}} for {_declared(declared)[0]}.{_declared(declared)[1]}"
    if _declared(sent) != _declared(declared):
        return f"got {sent['id']}.{sent['property']} where {_declared(declared)[0]}.{_declared(declared)[1]} is declared"
    return None


def _list_problem(name: str, sent, declared: list[dict]) -> str | None:
    if not isinstance(sent, list):
        return f"'{name}' must be a list"
    if len(sent) != len(declared):
        return f"'{name}' has {len(sent)} item(s), the callback declares {len(declared)}"
    return next((f"'{name}'[{i}]: {why}" for i, (s, d) in enumerate(zip(sent, declared)) if (why := _matches(s, d))), None)


def callback_problem(body, callback_map: dict) -> str | None:
    """What makes ``body`` an invalid ``_dash-update-component`` request for these callbacks, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' must be a string naming a callback's outputs"
    callback = callback_map.get(output)
    if callback is None or "callback" not in callback:
        return "no server callback has these outputs"
    for name in ("inputs", "state"):
        if why := _list_problem(name, body.get(name, []), callback.get(name, [])):
            return why
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    if callback.get("no_output"):
        return None
    declared_outputs = split_callback_id(output)
    declared_outputs = declared_outputs if isinstance(declared_outputs, list) else [declared_outputs]
    sent_outputs = body.get("outputs")
    sent_outputs = sent_outputs if isinstance(sent_outputs, list) else [sent_outputs]
    return _list_problem("outputs", sent_outputs, declared_outputs)


def _guard_callbacks(app: dash.Dash):
    route = app.config.routes_pathname_prefix + CALLBACK_ROUTE

    def guard():
        if flask.request.path != route or flask.request.method != "POST":
            return None
        body = flask.request.get_json(silent=True)
        why = "the body is not JSON" if body is None else callback_problem(body, app.callback_map)
        if why:
            raise BadRequest(f"malformed callback request: {why}")
        return None

    return guard


def install(app: dash.Dash, max_request_mb: float | None = None) -> dash.Dash:
    """Headers, size limit, plain error pages and the callback guard on ``app``'s server.

    Call once every callback is registered (the CSP hashes Dash's inline scripts).
    """
    server = app.server
    server.debug = False  # `python app.py --debug` turns it back on through app.run(debug=True)
    limit = max_request_bytes(max_request_mb)
    server.config["MAX_CONTENT_LENGTH"] = limit
    ancestors = frame_ancestors()
    Talisman(
        server,
        force_https=False,  # TLS ends at the reverse proxy (deploy/); HSTS is still sent when it says https
        content_security_policy=content_security_policy(app, ancestors),
        frame_options=frame_options(ancestors),
        referrer_policy="strict-origin-when-cross-origin",
        session_cookie_secure=False,
    )
    server.before_request(_guard_callbacks(app))
    errors.install(app, limit)
    return app
