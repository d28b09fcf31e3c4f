"""``make loadtest``: Locust, headless and bounded, against ``gunicorn -w 2 app:server`` on loopback.

Two phases on the same server: browser users (``AtlasUser``, ``UploadUser``), then programs
reading the API (``ApiUser``), each with ``--users`` users, so each is judged at that load.

Why a driver: the load test must own its target — start gunicorn on a free loopback
port, wait for it, run Locust for a bounded number of users and seconds (the locustfile
caps requests too), and stop gunicorn whatever happens. The exit code is Locust's: 1 when
an interaction kind's p95 is over budget or any request failed.

    python benchmarks/loadtest.py [--users 50] [--spawn-rate 10] [--run-time 60s] [--phases browser,api]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.server_process import free_port, gunicorn_command, running  # noqa: E402

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
PHASES = {"browser": ["AtlasUser", "UploadUser"], "api": ["ApiUser"]}
WARM_UP_S = 3


def warm_up(url: str, seconds: float = WARM_UP_S) -> int:
    """Keep both workers busy for a moment, so neither is still building the app when Locust starts.

    ``gunicorn -w 2 app:server`` builds the app in each worker after forking; the first
    200 only proves that one of them is ready.
    """
    deadline = time.monotonic() + seconds

    def hammer(_):
        count = 0
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=30) as response:
                response.read()
            count += 1
        return count

    with ThreadPoolExecutor(4) as pool:
        return sum(pool.map(hammer, range(4)))


def process_group_cpu_s(pgid: int) -> float:
    """User + system CPU seconds of the live processes in ``pgid`` (gunicorn's master and workers), from /proc.

    Why: on a machine shared with other work, latency says how busy the machine was as much as
    what a request costs; CPU seconds per phase say what the server itself spent.
    """
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--phases", default=",".join(PHASES), help="which user groups to run, in order")
    args = parser.parse_args(argv)
    phases = [p for p in args.phases.split(",") if p]
    unknown = [p for p in phases if p not in PHASES]
    if unknown or not phases:
        parser.error(f"--phases: choose from {', '.join(PHASES)}")
    port = free_port()
    with running(gunicorn_command(port, workers=2), port) as server:
        warmed = warm_up(server.url)
        print(f"gunicorn -w 2 app:server on {server.url} (first 200 after {server.startup_s:.1f} s, "
              f"{warmed} warm-up requests); {args.users} users, {args.run_time}", flush=True)
        codes = []
        for phase in phases:
            print(f"\n=== phase: {phase} ({', '.join(PHASES[phase])}) ===", flush=True)
            server_before, locust_before = process_group_cpu_s(server.process.pid), children_cpu_s()
            codes.append(subprocess.run([
                sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                "--host", server.url, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                "--run-time", args.run_time, "--stop-timeout", "10", "--loglevel", "WARNING", *PHASES[phase],
            ], cwd=ROOT).returncode)
            print(f"CPU in this phase: server {process_group_cpu_s(server.process.pid) - server_before:.1f} s, "
                  f"Locust {children_cpu_s() - locust_before:.1f} s; machine load average "
                  f"{os.getloadavg()[0]:.1f} (2 cores)", flush=True)
        if "Traceback" in server.log():
            print("--- server log ---\n" + server.log(), file=sys.stderr)
            return 1
    return max(codes)


if __name__ == "__main__":
    raise SystemExit(main())
