"""Two server processes with different hash seeds answer the same requests with the same bytes.

Why: behind a load balancer a page's requests land on any instance (``make faulttest`` kills one),
and a browser revalidating the layout with an ETag must get a 304 from either. Python randomises
set and string-hash order per process (``PYTHONHASHSEED``), so any set that reaches a response
(Dash builds a component's keyword arguments through one) would make the bytes differ between
processes that run the very same code. This starts two real ``python app.py serve`` processes
on loopback with different seeds and compares what ``make faulttest`` compares: the page, the
layout, the callback graph, every content-hashed file the layout names and every server callback.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from benchmarks.faulttest import answers, get
from benchmarks.server_process import app_serve_command, free_port, running

#: The keyword arguments of the phone's filter button, gathered into a set by Dash's generated ``__init__``.
BUTTON_ARGUMENTS = "['children', 'id', 'type', 'className', 'aria-controls', 'aria-expanded']"


def seeds_that_order_a_set_differently() -> tuple[str, str]:
    """Two hash seeds under which that set iterates its two aria-* keys in opposite orders, so the test would
    see the fault ``make faulttest`` met about half the time, every time."""
    probe = f"print([k for k in set({BUTTON_ARGUMENTS}) if k.startswith('aria')])"
    orders = {}
    for seed in map(str, range(50)):
        order = subprocess.run([sys.executable, "-c", probe], env={"PYTHONHASHSEED": seed}, capture_output=True,
                               text=True, check=True).stdout
        orders.setdefault(order, seed)
        if len(orders) == 2:
            return tuple(orders.values())
    raise AssertionError("no two seeds among 50 order the set differently")


def _layout(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url + "/_dash-layout", headers={"Accept-Encoding": "identity", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_two_processes_with_different_hash_seeds_give_byte_identical_answers_and_layout_etags():
    seeds = seeds_that_order_a_set_differently()
    ports = [free_port() for _ in seeds]
    with ExitStack() as stack:
        with ThreadPoolExecutor(len(seeds)) as pool:
            servers = list(pool.map(
                lambda seed_port: stack.enter_context(running(app_serve_command(seed_port[1], workers=1), seed_port[1],
                                                              env={"PYTHONHASHSEED": seed_port[0]})),
                zip(seeds, ports)))
        first, second = (answers(server.url) for server in servers)
        assert len(first) > 5
        differing = {name: (first.get(name), second.get(name)) for name in sorted(set(first) | set(second))
                     if first.get(name) != second.get(name)}
        assert differing == {}

        (status_a, headers_a, body_a), (status_b, headers_b, body_b) = (_layout(s.url) for s in servers)
        assert (status_a, status_b) == (200, 200) and body_a == body_b
        assert headers_a["ETag"] == headers_b["ETag"]
        for server in servers:  # a browser that revalidates gets a 304 from either instance
            status, headers, body = _layout(server.url, **{"If-None-Match": headers_a["ETag"]})
            assert (status, body) == (304, b"")
            assert headers["ETag"] == headers_a["ETag"]
        assert get(servers[0].url + "/_dash-layout")[1] == body_a
