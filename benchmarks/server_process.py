"""Start the atlas as a real server process on loopback, wait for it, and stop it.

Why shared: ``make bench``, ``make loadtest``, ``make faulttest`` and the CLI test all need the same thing —
a gunicorn process on a free loopback port, its start-up time (process start to the
first 200 on ``/``), its log, and a clean stop of the whole process group, also when the
caller fails half-way.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def app_serve_command(port: int, data: Path | None = None, workers: int = 2) -> list[str]:
    """``python app.py serve``: the embedded gunicorn (preloaded, ``workers`` processes)."""
    command = [sys.executable, str(ROOT / "app.py"), "serve", "--host", LOOPBACK, "--port", str(port),
               "--workers", str(workers)]
    return command + (["--data", str(data)] if data else [])


def gunicorn_command(port: int, workers: int = 2) -> list[str]:
    """``gunicorn -w N app:server``, the documented WSGI entry point."""
    return [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"{LOOPBACK}:{port}", "app:server"]


@dataclass
class ServerProcess:
    process: subprocess.Popen
    url: str
    startup_s: float
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _wait_for_ok(process: subprocess.Popen, url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"no 200 from {url} within {timeout_s:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start(command: list[str], port: int, log_path: Path, timeout_s: float = 90,
          env: dict[str, str] | None = None) -> ServerProcess:
    """Start ``command`` (which must listen on loopback ``port``) in its own process group; wait for a 200 on ``/``.
    ``env``: variables set on top of this process's environment (e.g. ``PYTHONHASHSEED``)."""
    with log_path.open("ab") as log:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                   env={**os.environ, **(env or {})})
    url = f"http://{LOOPBACK}:{port}"
    try:
        _wait_for_ok(process, url + "/", timeout_s)
    except Exception as err:
        stop(process)
        raise RuntimeError(f"{err}\n--- server log ---\n{log_path.read_text(errors='replace')}") from err
    return ServerProcess(process, url, time.perf_counter() - began, log_path)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (SIGKILL after 20 s); nothing when it has already exited."""
    _stop(process)


@contextmanager
def running(command: list[str], port: int, timeout_s: float = 90,
            env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """Run ``command`` (which must listen on loopback ``port``) until the block ends."""
    with tempfile.TemporaryDirectory(prefix="atlas-server-") as tmp:
        server = start(command, port, Path(tmp) / "server.log", timeout_s, env)
        try:
            yield server
        finally:
            _stop(server.process)
