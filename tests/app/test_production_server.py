"""``python app.py serve`` and ``gunicorn -w 2 app:server`` serve with gunicorn, not Flask's dev server.

Why a real process: the warning a user must not see, the worker count and compression on
the wire only exist once a server is listening; this starts one on loopback and stops it.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

from app import parse_args
from benchmarks.server_process import app_serve_command, free_port, gunicorn_command, running


@pytest.mark.parametrize("command", [app_serve_command, gunicorn_command], ids=["app.py serve", "gunicorn app:server"])
def test_served_by_gunicorn_with_two_workers_and_compressed(command):
    port = free_port()
    with running(command(port, workers=2), port) as server:
        request = urllib.request.Request(server.url + "/_dash-layout", headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Encoding"] == "br"
        deadline = time.monotonic() + 20
        while server.log().count("Booting worker") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        log = server.log()
    assert "development server" not in log.lower()
    assert "Starting gunicorn" in log
    assert log.count("Booting worker") == 2
    assert "Traceback" not in log


def test_serve_defaults_to_two_workers_and_debug_is_opt_in():
    args = parse_args(["serve"])
    assert args.workers == 2 and args.debug is False


def test_hand_started_gunicorn_preloads_like_app_serve():
    """``gunicorn app:server`` reads ./gunicorn.conf.py: the app is built once before the fork, with serve's timeout."""
    import runpy

    from components.serving import EXPORT_TIMEOUT_S

    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert settings["preload_app"] is True
    assert settings["timeout"] == EXPORT_TIMEOUT_S
