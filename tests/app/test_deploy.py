"""The shipped nginx configuration (deploy/): rendered for N instances, accepted by nginx, and doing what it says.

The live tests run the real nginx from Debian with the rendered configuration in front of a
tiny stand-in instance (stdlib HTTP server) and a dead port, on loopback, in about a second:
a POST to the dead instance is retried on the live one, static files are cached per encoding,
pages are not. The whole app under load with an instance killed is ``make faulttest``.
Without nginx these tests skip on a developer's machine and fail under CI (CI=true), where
``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.server_process import LOOPBACK, free_port
from components import security
from deploy.nginx_config import render, standalone

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
needs_nginx = pytest.mark.skipif(NGINX is None and os.environ.get("CI") != "true",
                                 reason="nginx is not installed (apt-get install nginx; .ci/run installs it)")


def test_every_instance_is_an_upstream_with_passive_health_checks():
    config = render(["127.0.0.1:8051", "127.0.0.1:8052", "[::1]:8053"])
    servers = [line.strip() for line in config.splitlines() if line.strip().startswith("server ") and line.strip().endswith(";")]
    assert servers == [f"server {a} max_fails=1 fail_timeout=5s;" for a in ("127.0.0.1:8051", "127.0.0.1:8052", "[::1]:8053")]
    assert not re.search(r"@[A-Z_]+@", config)
    retry = next(line for line in config.splitlines() if line.strip().startswith("proxy_next_upstream "))
    assert retry.split()[1:] == ["error", "timeout", "http_502", "http_503", "http_504", "non_idempotent;"]


def test_the_proxy_body_limit_is_the_apps():
    assert f"client_max_body_size {security.DEFAULT_MAX_REQUEST_MB}m;" in render(["127.0.0.1:8051"])


@pytest.mark.parametrize("instances", [[], ["localhost"], ["127.0.0.1:80; evil"], ["http://127.0.0.1:80"]])
def test_bad_instance_addresses_are_refused(instances):
    with pytest.raises(ValueError):
        render(instances)


@needs_nginx
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    config = standalone(["127.0.0.1:8051", "127.0.0.1:8052"], tmp_path, listen=f"{LOOPBACK}:{free_port()}")
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


class StandIn(BaseHTTPRequestHandler):
    """An instance that answers like the app would: a static file with a long max-age, a page, a callback."""

    seen: list[tuple[str, str, str]] = []
    request_ids: list[str] = []

    def _answer(self, body: bytes, cache: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        if cache:
            self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's naming)
        StandIn.seen.append(("GET", self.path, self.headers.get("Accept-Encoding", "")))
        StandIn.request_ids.append(self.headers.get("X-Request-ID", ""))
        if self.path.startswith("/assets/"):
            self._answer(b"static " + self.path.encode(), "public, max-age=600")
        else:
            self._answer(b"page")

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        StandIn.seen.append(("POST", self.path, ""))
        self._answer(b"answered " + body)

    def log_message(self, *_args):
        pass


@pytest.fixture
def proxy(tmp_path):
    """nginx with the shipped configuration in front of [a dead instance, a live stand-in]."""
    StandIn.seen = []
    StandIn.request_ids = []
    live = ThreadingHTTPServer((LOOPBACK, 0), StandIn)
    threading.Thread(target=live.serve_forever, daemon=True).start()
    dead = f"{LOOPBACK}:{free_port()}"
    port = free_port()
    config = standalone([dead, f"{LOOPBACK}:{live.server_port}"], tmp_path / "nginx", listen=f"{LOOPBACK}:{port}")
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path / "nginx"), "-c", str(config)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:  # nginx listening; no request yet, so no instance has been tried
            try:
                socket.create_connection((LOOPBACK, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        StandIn.seen = []
        yield url, tmp_path / "nginx" / "access.log"
    finally:
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=10)
        live.shutdown()


def logged(access_log: Path, *needles: str, within: float = 5.0) -> str:
    """The access log once it holds every needle: nginx writes a line in its log phase, after the reply is sent."""
    deadline = time.monotonic() + within
    while True:
        log = access_log.read_text() if access_log.exists() else ""
        if all(n in log for n in needles) or time.monotonic() > deadline:
            return log
        time.sleep(0.05)


def fetch(url: str, data: bytes | None = None, accept: str = "gzip, deflate, br, zstd"):
    request = urllib.request.Request(url, data=data, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@needs_nginx
def test_a_callback_post_that_meets_a_dead_instance_is_retried_on_the_live_one(proxy):
    url, access_log = proxy
    for n in range(6):
        status, _, body = fetch(url + "/_dash-update-component", data=f'{{"n": {n}}}'.encode())
        assert (status, body) == (200, f'answered {{"n": {n}}}'.encode())
    assert [s for s in StandIn.seen if s[0] == "POST"] == [("POST", "/_dash-update-component", "")] * 6
    log = logged(access_log, "upstream=127.0.0.1:", ", 127.0.0.1:")
    assert "upstream=127.0.0.1:" in log and ", 127.0.0.1:" in log  # at least one request tried both


@needs_nginx
def test_static_files_are_cached_per_encoding_and_pages_are_not(proxy):
    url, _ = proxy
    statuses = [fetch(url + "/assets/app.js")[1]["X-Cache-Status"] for _ in range(2)]
    assert statuses == ["MISS", "HIT"]
    assert fetch(url + "/assets/app.js", accept="gzip")[1]["X-Cache-Status"] == "MISS"  # another encoding, another copy
    for _ in range(2):
        assert fetch(url + "/")[2] == b"page"
    assert [s for s in StandIn.seen if s[1] == "/assets/app.js"] == [
        ("GET", "/assets/app.js", "br"), ("GET", "/assets/app.js", "gzip")]  # the instance sees normalised encodings
    assert [s[1] for s in StandIn.seen].count("/") == 2


@needs_nginx
def test_the_proxy_hands_each_request_its_id_and_logs_it(proxy):
    url, access_log = proxy
    for _ in range(2):
        fetch(url + "/")
    ids = StandIn.request_ids[-2:]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and ids[0] != ids[1]
    log = logged(access_log, *(f"id={i}" for i in ids))
    assert all(f"id={i}" in log for i in ids)
