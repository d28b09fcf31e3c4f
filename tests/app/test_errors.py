"""Not found is a 404, a wrong method a 405, and each 4xx one log line; a 5xx is traceable by its request id.

Through Flask's test client against the real app, and (for paths a test client would normalise,
such as a raw ``../``) with ``http.client`` against ``python app.py serve`` on loopback: gunicorn,
as in production, whose log is read back.
"""

from __future__ import annotations

import http.client
import json
import logging

import pytest

from app import create_app
from benchmarks.server_process import app_serve_command, free_port, running
from components import errors

#: The requests of issue 27 that answered 500, each as written there.
ISSUE_27 = [
    "/_dash-component-suites/x/y.js",
    "/_dash-component-suites/dash/dcc/nothere.js",
    "/_dash-component-suites/../../app.py",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/app.py",
]
#: The ones it found right already; they must stay so.
ALREADY_404 = ["/immutable/../app.py", "/assets/../app.py"]


@pytest.fixture(scope="module")
def atlas():
    app = create_app()

    @app.server.route("/boom")
    def _boom():
        raise RuntimeError("secret detail from /boom")

    @app.server.route("/busy")
    def _busy():
        return "busy", 503

    return app, app.server.test_client()


def http_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == errors.LOGGER_NAME]


def assert_plain(response, status: int) -> str:
    text = response.get_data(as_text=True)
    assert response.status_code == status, text
    assert response.mimetype == "text/plain"
    assert text.startswith(f"{status} ") and "Traceback" not in text
    return text


# --- not found --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    *ISSUE_27, *ALREADY_404,
    "/_dash-component-suites/dash/dcc/async-mathjax.js.map",  # registered by Dash, not shipped in its wheel
    "/_dash-component-suites/dash/dcc/async-graph.v4_4_1m1700000000.js/..",
    "/_dash-component-suites/dash_ag_grid/%2e%2e/dash/dcc/async-graph.js",
    "/assets/no-such-file.js", "/assets/%2e%2e/app.py", "/assets/atlas.css/..%2f..%2fapp.py", "/assets/a%00b.js",
    "/immutable/0000000000000000/regions.geojson", "/immutable/x", "/static/app.py",
    "/nowhere", "/index.html", "/zh", "/_dash-layout/more", "/healthz/x", "/" + "a/" * 40,
])
def test_what_does_not_exist_is_a_plain_404(atlas, path):
    _, client = atlas
    assert "404 Not Found" in assert_plain(client.get(path), 404)


def test_the_page_is_still_served_at_its_one_address_in_every_language(atlas):
    _, client = atlas
    for query in ("", "?lang=zh", "?lang=ko", "?lang=ja", "?countries=KR&start=2022-01"):
        response = client.get("/" + query)
        assert response.status_code == 200 and response.mimetype == "text/html", query
    assert client.get("/_dash-component-suites/dash/dcc/async-graph.js").status_code == 200


def test_an_unknown_address_is_404_for_every_method(atlas):
    _, client = atlas
    for method in ("GET", "HEAD", "POST", "OPTIONS", "DELETE"):
        assert client.open("/nowhere", method=method).status_code == 404, method


@pytest.mark.parametrize("method, path, allowed", [
    ("GET", "/_dash-update-component", {"POST", "OPTIONS"}),
    ("PUT", "/_dash-update-component", {"POST", "OPTIONS"}),
    ("POST", "/healthz", {"GET", "HEAD", "OPTIONS"}),
    ("DELETE", "/", {"GET", "HEAD", "OPTIONS"}),
    ("POST", "/_dash-layout", {"GET", "HEAD", "OPTIONS"}),
])
def test_a_wrong_method_where_a_route_exists_is_a_405_naming_the_right_ones(atlas, method, path, allowed):
    _, client = atlas
    response = client.open(path, method=method)
    assert_plain(response, 405)
    assert set(response.headers["Allow"].split(", ")) == allowed


# --- log lines and request ids ------------------------------------------------------------------

def test_a_404_is_one_log_line_with_its_request_id_and_no_traceback(atlas, caplog):
    _, client = atlas
    with caplog.at_level(logging.INFO):
        response = client.get("/_dash-component-suites/x/y.js")
    assert response.status_code == 404
    [record] = http_lines(caplog)
    assert record.levelno == logging.INFO and record.exc_info is None
    assert json.loads(record.getMessage()) == {
        "method": "GET", "path": "/_dash-component-suites/x/y.js", "status": 404,
        "reason": "not a file of a component library this page uses",
        "request_id": response.headers[errors.REQUEST_ID_HEADER]}
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("method, path, body, status, reason", [
    ("POST", "/_dash-update-component", b"{nope", 400, "malformed callback request: the body is not JSON"),
    ("POST", "/_dash-update-component", b"x" * (33 * 1024 * 1024), 413, "Request too large"),
    ("GET", "/_dash-update-component", None, 405, "this address accepts POST only"),
    ("GET", "/nowhere", None, 404, "there is no page at this address"),
])
def test_every_4xx_is_one_structured_line(atlas, caplog, method, path, body, status, reason):
    _, client = atlas
    with caplog.at_level(logging.INFO):
        response = client.open(path, method=method, data=body, content_type="application/json")
    assert response.status_code == status
    [record] = http_lines(caplog)
    line = json.loads(record.getMessage())
    assert (line["method"], line["path"], line["status"]) == (method, path, status)
    assert line["reason"].startswith(reason) and record.exc_info is None
    assert line["request_id"] == response.headers[errors.REQUEST_ID_HEADER]


def test_a_500_logs_its_traceback_under_the_request_id_the_answer_shows(atlas, caplog):
    _, client = atlas
    with caplog.at_level(logging.INFO):
        response = client.get("/boom")
    text = assert_plain(response, 500)
    request_id = response.headers[errors.REQUEST_ID_HEADER]
    assert request_id in text and "secret detail" not in text and "RuntimeError" not in text
    [record] = http_lines(caplog)
    assert record.levelno == logging.ERROR and record.exc_info[0] is RuntimeError
    assert json.loads(record.getMessage()) == {"method": "GET", "path": "/boom", "status": 500,
                                               "reason": "exception", "request_id": request_id}
    assert "Traceback (most recent call last)" in caplog.text and "secret detail from /boom" in caplog.text


def test_an_api_failure_is_traceable_the_same_way_and_its_problems_are_one_line_each(atlas, caplog, monkeypatch):
    """The read API answers its own errors as problem+json; they are logged like every other answer."""
    from components import api

    _, client = atlas
    with caplog.at_level(logging.INFO):
        refused = client.get("/api/v1/actions?limit=0")
    assert refused.status_code == 400 and refused.mimetype == api.PROBLEM_JSON
    [line] = [json.loads(r.getMessage()) for r in http_lines(caplog)]
    assert line["status"] == 400 and line["reason"] == refused.get_json()["detail"] and "limit" in line["reason"]
    caplog.clear()

    def broken(*_args):
        raise RuntimeError("secret detail from the API")

    monkeypatch.setattr(api, "actions_page", broken)
    with caplog.at_level(logging.INFO):
        failed = client.get("/api/v1/actions")
    request_id = failed.headers[errors.REQUEST_ID_HEADER]
    assert failed.status_code == 500 and request_id in failed.get_json()["detail"]
    assert "secret detail" not in failed.get_data(as_text=True)
    [record] = http_lines(caplog)
    assert record.levelno == logging.ERROR and record.exc_info[0] is RuntimeError
    assert json.loads(record.getMessage())["request_id"] == request_id


def test_a_5xx_answered_without_an_exception_is_one_error_line(atlas, caplog):
    _, client = atlas
    with caplog.at_level(logging.INFO):
        response = client.get("/busy")
    assert response.status_code == 503
    [record] = http_lines(caplog)
    assert record.levelno == logging.ERROR and record.exc_info is None
    assert json.loads(record.getMessage())["request_id"] == response.headers[errors.REQUEST_ID_HEADER]


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced(atlas):
    _, client = atlas
    kept = client.get("/healthz", headers={errors.REQUEST_ID_HEADER: "0123456789abcdef0123456789abcdef"})
    assert kept.headers[errors.REQUEST_ID_HEADER] == "0123456789abcdef0123456789abcdef"
    for bad in ("a b c d e f g h", "<script>", "x" * 65, "short"):
        replaced = client.get("/healthz", headers={errors.REQUEST_ID_HEADER: bad})
        assert replaced.headers[errors.REQUEST_ID_HEADER] not in (bad, "")
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first.headers[errors.REQUEST_ID_HEADER] != second.headers[errors.REQUEST_ID_HEADER]


# --- over the wire, paths as written ------------------------------------------------------------

def raw_get(url: str, target: str) -> tuple[int, str, str]:
    """``GET target`` sent byte for byte (``http.client`` neither normalises ``../`` nor decodes ``%2e``)."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.getheader(errors.REQUEST_ID_HEADER) or "", response.read().decode()
    finally:
        connection.close()


def test_the_requests_of_issue_27_answer_404_from_the_production_server_and_log_one_line_each():
    port = free_port()
    with running(app_serve_command(port, workers=1), port) as server:
        answers = {target: raw_get(server.url, target) for target in ISSUE_27 + ALREADY_404}
        log = server.log()
    for target, (status, request_id, body) in answers.items():
        assert status == 404, (target, status, body)
        assert body.startswith("404 Not Found:") and "Traceback" not in body, target
        logged = [json.loads(line[line.index("{"):]) for line in log.splitlines() if request_id in line]
        assert [(entry["status"], entry["method"]) for entry in logged] == [(404, "GET")], (target, log)
    assert "Traceback" not in log and "ERROR" not in log
