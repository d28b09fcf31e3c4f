"""``make faulttest``: two atlas instances behind nginx, Locust users, one instance killed mid-run.

Why: the server keeps no per-user state, so losing an instance must lose nothing. This starts,
all on loopback, two ``python app.py serve`` instances (gunicorn) and nginx with the shipped
configuration (``deploy/nginx_config.py``, only ports and folders changed); checks that both
instances give byte-identical answers to the same requests; runs the Locust users
(``faulttest_locust.py`` = the load test's users) against the proxy; ``kill -9``s one instance's
whole process group mid-run; restarts it; and waits until nginx sends it traffic again.

It prints interactions, failed interactions and p95 before, during and after the kill (from the
users' own log), how nginx spread and retried the requests (from its access log), and exits 1
unless: no interaction failed, no client saw a 5xx, the proxy did retry (the kill was felt),
answers are identical across instances and across the restart, and the killed instance rejoined.

    python benchmarks/faulttest.py [--users 10] [--before 20] [--down 5] [--after 20]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.server_process import LOOPBACK, app_serve_command, free_port, start, stop  # noqa: E402
from deploy.nginx_config import standalone  # noqa: E402

LOCUSTFILE = Path(__file__).resolve().parent / "faulttest_locust.py"
MAX_RUN_S = 240  # Locust's hard bound; the driver stops it earlier
REJOIN_TIMEOUT_S = 45
LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<uri>\S+) [^"]*" (?P<status>\d{3}) .* upstream=(?P<upstream>.*?) ustatus=')


def get(url: str, data: bytes | None = None, timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Accept-Encoding": "identity",
                                                              **({"Content-Type": "application/json"} if data else {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def wait_for_ok(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if get(url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"no 200 from {url} within {timeout_s:.0f} s")


def layout_props(node, props: dict) -> dict:
    """``{(id, prop): value}`` for every component with a string id in a Dash layout."""
    if isinstance(node, list):
        for item in node:
            layout_props(item, props)
    elif isinstance(node, dict):
        if "type" in node and "props" in node and isinstance(node["props"].get("id"), str):
            props.update({(node["props"]["id"], k): v for k, v in node["props"].items()})
        for value in (node.get("props", node) or {}).values():
            layout_props(value, props)
    return props


def answers(base: str) -> dict[str, str]:
    """SHA-256 of what one instance answers to a fixed set of requests: page, Dash JSON, hashed files, callbacks."""
    digests = {}

    def keep(name: str, status: int, body: bytes) -> bytes:
        digests[name] = f"{status} {hashlib.sha256(body).hexdigest()[:16]}"
        return body

    index = keep("GET /", *get(base + "/"))
    digests["GET /"] = hashlib.sha256(re.sub(rb'"end_id":"[^"]*"', b"", index)).hexdigest()[:16]  # per-request id
    layout = json.loads(keep("GET /_dash-layout", *get(base + "/_dash-layout")))
    dependencies = json.loads(keep("GET /_dash-dependencies", *get(base + "/_dash-dependencies")))
    for url in sorted(set(re.findall(r'"(/immutable/[0-9a-f]+/[^"]+)"', json.dumps(layout)))):
        keep("GET " + url, *get(base + url))
    props = layout_props(layout, {})
    for callback in (d for d in dependencies if not d.get("clientside_function")):
        outputs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in callback["output"].strip(".").split("...")]
        body = {"output": callback["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
                "inputs": [{**i, "value": 1} for i in callback["inputs"]],
                "state": [{**s, "value": props.get((s["id"], s["property"]))} for s in callback["state"]],
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in callback["inputs"]]}
        keep("POST callback " + callback["output"], *get(base + "/_dash-update-component", json.dumps(body).encode()))
    return digests


def compare(label: str, left: dict, right: dict) -> list[str]:
    problems = [f"{label}: {name} differs ({left.get(name)} vs {right.get(name)})"
                for name in sorted(set(left) | set(right)) if left.get(name) != right.get(name)]
    print(f"identical answers, {label}: {len(left) - len(problems)} of {len(left)}"
          + ("" if problems else f" ({', '.join(sorted(left))})"))
    return problems


def wait_for_page_loads(events_path: Path, users: int, locust: subprocess.Popen, timeout_s: float = 90) -> float:
    """When every user has loaded the page once (the ramp-up is over); its time."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and locust.poll() is None:
        if events_path.exists() and events_path.read_text().count('"kind": "page load"') >= users:
            return time.time()
        time.sleep(0.2)
    raise TimeoutError(f"the {users} Locust users did not all load the page within {timeout_s:.0f} s")


@dataclass
class Phase:
    name: str
    start: float
    end: float


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def read_access_log(path: Path) -> list[dict]:
    entries = []
    for line in path.read_text(errors="replace").splitlines():
        match = LOG_LINE.search(line)
        if match:
            entries.append({**match.groupdict(), "tried": [u.strip() for u in match["upstream"].split(",")]})
    return entries


def report(events_path: Path, phases: list[Phase], access: list[dict], killed: str, kept: str,
           log_marks: dict[str, int]) -> list[str]:
    interactions = [json.loads(line) for line in events_path.read_text().splitlines() if line.strip()]
    problems = []
    print(f"\n{'phase':8} {'seconds':>7} {'interactions':>12} {'failed':>6} {'p95 ms':>7}  "
          f"{'p95 ms by kind (those that reach the server)':}")
    for phase in phases:
        inside = [i for i in interactions if phase.start <= i["start"] < phase.end]
        failed = [i for i in inside if i["failed"]]
        served = [i for i in inside if i["requests"]]
        kinds = sorted({i["kind"] for i in served})
        by_kind = ", ".join(f"{k} {percentile([i['ms'] for i in served if i['kind'] == k], 0.95):.0f} "
                            f"(n={sum(1 for i in served if i['kind'] == k)})" for k in kinds)
        print(f"{phase.name:8} {phase.end - phase.start:7.1f} {len(inside):12d} {len(failed):6d} "
              f"{percentile([i['ms'] for i in served], 0.95):7.0f}  {by_kind}")
        if failed:
            problems.append(f"{len(failed)} failed interaction(s) {phase.name} the kill")
    total_failed = sum(1 for i in interactions if i["failed"])
    print(f"{'total':8} {'':7} {len(interactions):12d} {total_failed:6d}")

    print("\nproxy (nginx access log): requests answered by each instance, retried requests, 5xx to clients")
    for name, (first, last) in (("before", (0, log_marks["kill"])), ("during", (log_marks["kill"], log_marks["rejoin"])),
                                ("after", (log_marks["rejoin"], len(access)))):
        chunk = access[first:last]
        final = [e["tried"][-1] for e in chunk]
        retried = sum(1 for e in chunk if len(e["tried"]) > 1)
        errors = sum(1 for e in chunk if e["status"].startswith("5"))
        print(f"{name:8} requests {len(chunk):6d}   killed instance {final.count(killed):6d}   "
              f"other {final.count(kept):6d}   retried {retried:4d}   5xx {errors}")
    if any(e["status"].startswith("5") for e in access):
        problems.append("a client received a 5xx from the proxy")
    if not any(len(e["tried"]) > 1 for e in access[log_marks["kill"]:]):
        problems.append("the proxy never retried: the kill was not felt, the test proved nothing")
    if not any(e["tried"][-1] == killed for e in access[log_marks["rejoin"]:]):
        problems.append("the restarted instance answered nothing after rejoining")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--before", type=float, default=20, help="seconds of load before the kill")
    parser.add_argument("--down", type=float, default=5, help="seconds the instance stays dead")
    parser.add_argument("--after", type=float, default=20, help="seconds of load after it rejoined")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args(argv)
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        print("nginx is not installed: `make faulttest` installs it (apt-get install nginx)", file=sys.stderr)
        return 2

    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="atlas-faulttest-") as tmp:
        folder = Path(tmp)
        ports = {"A": free_port(), "B": free_port()}
        addresses = {name: f"{LOOPBACK}:{port}" for name, port in ports.items()}
        proxy_port = free_port()
        proxy = f"http://{LOOPBACK}:{proxy_port}"
        logs = {name: folder / f"instance-{name}.log" for name in ports}
        instances = {}
        nginx_process = locust = None
        try:
            with ThreadPoolExecutor(2) as pool:
                started = dict(zip(ports, pool.map(
                    lambda name: start(app_serve_command(ports[name], workers=args.workers), ports[name], logs[name]),
                    ports)))
            instances.update(started)
            print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores); "
                  f"instances: A {addresses['A']} ({started['A'].startup_s:.1f} s to first 200), "
                  f"B {addresses['B']} ({started['B'].startup_s:.1f} s), {args.workers} gunicorn workers each")
            nginx_folder = folder / "nginx"
            config = standalone(list(addresses.values()), nginx_folder, listen=f"{LOOPBACK}:{proxy_port}")
            nginx_process = subprocess.Popen([nginx, "-p", str(nginx_folder), "-c", str(config)],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
            wait_for_ok(proxy + "/healthz", 20)
            print(f"nginx {proxy} -> A, B (deploy/nginx/atlas.conf.template)")

            problems = []
            before_answers = {name: answers(server.url) for name, server in instances.items()}
            problems += compare("A vs B before the kill", before_answers["A"], before_answers["B"])
            problems += compare("proxy vs B", answers(proxy), before_answers["B"])

            events_path = folder / "events.jsonl"
            access_log = nginx_folder / "access.log"
            locust = subprocess.Popen(
                [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                 "--host", proxy, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                 "--run-time", f"{MAX_RUN_S}s", "--stop-timeout", "10", "--loglevel", "WARNING"],
                cwd=ROOT, env={**os.environ, "FAULTTEST_EVENTS": str(events_path)},
                stdout=(folder / "locust.log").open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
            load_start = time.time()
            spawned = wait_for_page_loads(events_path, args.users, locust)
            print(f"{args.users} users loaded the page through the proxy after {spawned - load_start:.1f} s")
            time.sleep(args.before)

            kill_time = time.time()
            kill_mark = len(read_access_log(access_log))
            os.killpg(instances["A"].process.pid, signal.SIGKILL)
            instances["A"].process.wait(timeout=10)
            print(f"\nkill -9 instance A (process group {instances['A'].process.pid}) at "
                  f"+{kill_time - load_start:.1f} s")
            time.sleep(args.down)
            restarted = start(app_serve_command(ports["A"], workers=args.workers), ports["A"], logs["A"])
            instances["A"] = restarted
            up_time = time.time()
            up_mark = len(read_access_log(access_log))
            print(f"instance A restarted: first 200 after {restarted.startup_s:.1f} s, "
                  f"+{up_time - load_start:.1f} s")
            deadline = time.monotonic() + REJOIN_TIMEOUT_S
            rejoin_time = None
            while time.monotonic() < deadline and rejoin_time is None:
                entries = read_access_log(access_log)
                served = [i for i, e in enumerate(entries[up_mark:], up_mark) if e["tried"][-1] == addresses["A"]]
                if served:
                    rejoin_time, rejoin_mark = time.time(), served[0]
                time.sleep(0.2)
            if rejoin_time is None:
                problems.append(f"instance A did not rejoin within {REJOIN_TIMEOUT_S} s of its restart")
                rejoin_time, rejoin_mark = time.time(), len(read_access_log(access_log))
            else:
                print(f"instance A rejoined (nginx sent it a request) {rejoin_time - up_time:.1f} s after its restart")
            time.sleep(args.after)
            end_time = time.time()
            locust.send_signal(signal.SIGTERM)
            locust.wait(timeout=60)

            phases = [Phase("ramp-up", load_start, spawned), Phase("before", spawned, kill_time), Phase("during", kill_time, rejoin_time),
                      Phase("after", rejoin_time, end_time)]
            problems += report(events_path, phases, read_access_log(access_log), addresses["A"], addresses["B"],
                               {"kill": kill_mark, "rejoin": rejoin_mark})
            after_answers = {name: answers(server.url) for name, server in instances.items()}
            print()
            problems += compare("A vs B after the restart", after_answers["A"], after_answers["B"])
            problems += compare("A before vs after its restart", before_answers["A"], after_answers["A"])
            for name in ports:
                if "Traceback" in logs[name].read_text(errors="replace"):
                    problems.append(f"instance {name} logged a traceback")
        finally:
            for process in (locust, nginx_process):
                if process is not None and process.poll() is None:
                    stop(process)
            for server in instances.values():
                stop(server.process)
        locust_log = (folder / "locust.log").read_text(errors="replace") if (folder / "locust.log").exists() else ""
        if "Traceback" in locust_log:
            problems.append("Locust logged a traceback:\n" + locust_log[-3000:])
        nginx_errors = (folder / "nginx" / "error.log").read_text(errors="replace").splitlines()
        print("nginx error log (last lines):\n  " + "\n  ".join(nginx_errors[-8:]))

    print(f"\nfaulttest took {time.monotonic() - began:.0f} s")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("verdict: FAIL" if problems else
          "verdict: ok - 0 failed interactions, no 5xx, identical answers, the killed instance rejoined")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
