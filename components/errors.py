"""Errors over HTTP: what a client did wrong gets a plain-text 4xx, what the server did wrong is traceable.

Why a module of its own: a scanner, a stale browser cache or a hand-made request can reach every
route, and each answer must say what was wrong without a traceback and without counting as a
server error on the load balancer. That is a policy over all routes (Dash's, ours, and the ones
added later), so it is installed once on the Flask server and tested by fuzzing every rule in its
URL map (tests/app/test_route_fuzz.py).

- Not found is a 404, never a 500 or the page: Dash's component-suite route raises
  ``DependencyException`` for an unregistered library or file (traversal attempts included) and
  ``OSError`` for a file it registered but the package does not ship (``.js.map`` files); Dash's
  catch-all route would serve the page with a 200 at any address, but the atlas has one page, at
  ``/`` (its state is in the query and the fragment), so the catch-all answers 404, or 405 when
  another route serves that address with other methods.
- Every 4xx is one JSON log line (method, path, status, reason, request id) on the ``atlas.http``
  logger, without a traceback. A 5xx that remains logs its traceback under the same request id,
  which the answer shows in its body and in ``X-Request-ID`` (every answer carries that header;
  a well-formed one from the proxy is kept), so a user's report can be traced to its log line.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import uuid
from http import HTTPStatus

import dash
import flask
from dash.exceptions import DependencyException
from flask.logging import has_level_handler
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed, NotFound, RequestEntityTooLarge

from components.core.data.schema import DatasetError

REQUEST_ID_HEADER = "X-Request-ID"
LOGGER_NAME = "atlas.http"
#: A request id from the proxy is kept only if it looks like one (nginx's ``$request_id`` is 32 hex digits).
_WELL_FORMED_ID = re.compile(r"\A[A-Za-z0-9._-]{8,64}\Z")
#: Paths longer than this are cut in the log (a scanner's 8 KB path is one line, not 8 KB of log).
LOGGED_PATH_CHARS = 300
MAX_REPORTED_PROBLEMS = 5
COMPONENT_SUITES_RULE = "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"
CATCH_ALL_RULE = "<path:path>"
_REASON = "atlas_error_reason"

log = logging.getLogger(LOGGER_NAME)


def request_id() -> str:
    """This request's id: the proxy's ``X-Request-ID`` when well formed, else a new random one."""
    if "atlas_request_id" not in flask.g:
        sent = flask.request.headers.get(REQUEST_ID_HEADER, "")
        flask.g.atlas_request_id = sent if _WELL_FORMED_ID.match(sent) else uuid.uuid4().hex
    return flask.g.atlas_request_id


def note_reason(reason: str) -> None:
    """What this request's 4xx log line gives as the reason (for answers built elsewhere, e.g. the API's problems)."""
    if flask.has_request_context():
        setattr(flask.g, _REASON, reason)


def plain(message: str, status: int, reason: str | None = None) -> flask.Response:
    """A plain-text answer; ``reason`` (default: ``message``) is what the log line says."""
    note_reason(reason or message)
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def _fields(status: int, reason: str) -> str:
    request = flask.request
    path = request.path if len(request.path) <= LOGGED_PATH_CHARS else request.path[:LOGGED_PATH_CHARS] + "..."
    return json.dumps({"method": request.method, "path": path, "status": status, "reason": reason,
                       "request_id": request_id()}, ensure_ascii=False)


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:  # redirects (e.g. a missing trailing slash) stay redirects
        return error
    response = plain(f"{error.code} {error.name}: {error.description}", error.code, error.description)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _too_large(limit: int):
    def handler(_error: RequestEntityTooLarge) -> flask.Response:
        return plain(f"Request too large: this server accepts at most {limit / 1024 / 1024:g} MB per request.", 413)
    return handler


def _internal_error(_error: InternalServerError) -> flask.Response:
    # The traceback is in the log (``log_exception``) under this id; the client gets the id, not the traceback.
    return plain("500 Internal Server Error: the server could not answer this request. The error was logged; "
                 f"please try again, or report it with this request id: {request_id()}", 500, "exception")


def _invalid_dataset(error: DatasetError) -> flask.Response:
    """A dataset sent with a callback (the tab's own data) that fails validation: the client's fault, said how."""
    shown = "\n".join(f"  {problem}" for problem in error.problems[:MAX_REPORTED_PROBLEMS])
    more = len(error.problems) - MAX_REPORTED_PROBLEMS
    return plain(f"400 Bad Request: the dataset sent with this request is not valid, "
                 f"{len(error.problems)} problem(s):\n{shown}" + (f"\n  ... and {more} more" if more > 0 else ""), 400,
                 f"invalid dataset: {len(error.problems)} problem(s)")


def log_exception(exc_info) -> None:
    """Flask's ``log_exception`` with the request id: the 5xx's one line, then its traceback.

    Installed as the server's; an error handler that answers an exception itself (the API's) calls it too.
    """
    flask.g.atlas_exception_logged = True
    log.error(_fields(500, "exception"), exc_info=exc_info)


def _trace(response: flask.Response) -> flask.Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    status = response.status_code
    reason = flask.g.get(_REASON) or _phrase(status)
    if 400 <= status < 500:
        log.info(_fields(status, reason))
    elif status >= 500 and not flask.g.get("atlas_exception_logged"):  # a 5xx a view returned: no traceback to show
        log.error(_fields(status, reason))
    return response


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"status {status}"


def _rule(server: flask.Flask, rule: str) -> str:
    """The endpoint of ``rule``; raises if Dash no longer registers it (an upgrade must not silently undo this)."""
    endpoint = next((r.endpoint for r in server.url_map.iter_rules() if r.rule == rule), None)
    if endpoint is None:
        raise RuntimeError(f"Dash registers no route {rule}; check components/errors.py against this Dash version")
    return endpoint


def _component_suites_404(server: flask.Flask, prefix: str) -> None:
    endpoint = _rule(server, prefix + COMPONENT_SUITES_RULE)
    serve = server.view_functions[endpoint]

    @functools.wraps(serve)
    def served_or_404(package_name: str, fingerprinted_path: str):
        try:
            return serve(package_name, fingerprinted_path)
        except (DependencyException, OSError):
            raise NotFound("not a file of a component library this page uses") from None

    server.view_functions[endpoint] = served_or_404


def _catch_all_404(server: flask.Flask, prefix: str) -> None:
    """Dash's catch-all route (the page at any address) answers 404, or 405 where another route has other methods.

    A wrong method at an address only the catch-all matches (``POST /nowhere``) is a 404 as well:
    nothing is there, whatever the method.
    """
    endpoint = _rule(server, prefix + CATCH_ALL_RULE)
    catch_all = next(r for r in server.url_map.iter_rules() if r.endpoint == endpoint)
    catch_all.provide_automatic_options = False  # OPTIONS at an unknown address is a 404 too
    nowhere = NotFound(f"there is no page at this address; the atlas is at {prefix}")

    def methods_elsewhere() -> list[str]:
        """The methods a route other than the catch-all serves at this request's address."""
        adapter = server.url_map.bind_to_environ(flask.request.environ)
        served = set()
        for method in adapter.allowed_methods():
            try:
                rule, _ = adapter.match(method=method, return_rule=True)
            except HTTPException:  # e.g. a redirect to the address with a trailing slash
                continue
            if rule is not catch_all:
                served.add(method)
        return sorted(served)

    def not_here(_error: MethodNotAllowed | None = None) -> flask.Response:
        allowed = methods_elsewhere()
        if not allowed:
            return _http_error(nowhere)
        named = ", ".join(m for m in allowed if m != "OPTIONS")
        return _http_error(MethodNotAllowed(sorted({*allowed, "OPTIONS"}), f"this address accepts {named} only"))

    def no_page(path: str = "") -> flask.Response:
        return not_here()

    server.view_functions[endpoint] = no_page
    server.register_error_handler(MethodNotAllowed, not_here)


def _default_handler() -> None:
    """Log 4xx lines at INFO where nothing else would show them (gunicorn leaves Python's logging unset)."""
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
    if not has_level_handler(log):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)


def install(app: dash.Dash, limit: int) -> None:
    """Plain-text error pages, 404 for what does not exist, and the log lines and request ids on ``app``'s server."""
    server = app.server
    prefix = app.config.routes_pathname_prefix
    _component_suites_404(server, prefix)
    _catch_all_404(server, prefix)
    # Pages without Dash's favicon link (the API docs, plain-text errors) make browsers ask for /favicon.ico.
    server.add_url_rule("/favicon.ico", "favicon", lambda: flask.redirect(prefix + "_favicon.ico", 301))
    server.log_exception = log_exception
    server.after_request(_trace)
    server.register_error_handler(RequestEntityTooLarge, _too_large(limit))
    server.register_error_handler(HTTPException, _http_error)
    server.register_error_handler(InternalServerError, _internal_error)
    server.register_error_handler(DatasetError, _invalid_dataset)
    _default_handler()
