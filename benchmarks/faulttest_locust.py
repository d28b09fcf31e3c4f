"""Locust users for ``make faulttest``: the load test's users, with every interaction written down.

Why a wrapper and not the load test's file as is: the fault test judges *interactions* (a user's
action with all the requests it takes), split into before, during and after an instance is
killed, so each interaction is appended to a JSON-lines file (``$FAULTTEST_EVENTS``) with its
wall-clock start and end, its duration, how many requests it made and how many of those failed.
The users are ``locustfile.AtlasUser`` (page load, slider step, filter toggle, CSV export) plus a
new visitor's page load now and then, so pages, static files and callbacks all cross the proxy
while an instance dies. The load test's own budget verdict is not printed: the fault test has its own.
"""

from __future__ import annotations

import collections
import json
import os
import time

from locust import events, task

import locustfile as base

EVENTS_PATH = os.environ.get("FAULTTEST_EVENTS", "faulttest-events.jsonl")
_requests: collections.Counter = collections.Counter()
_failures: collections.Counter = collections.Counter()
_events_file = open(EVENTS_PATH, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (open for the whole run)
events.quitting.remove_listener(base._report)


@events.request.add_listener
def _count(request_type, exception=None, context=None, **_kwargs):
    if request_type == base.INTERACTION:
        return
    user = (context or {}).get("user")
    _requests[user] += 1
    if exception is not None:
        _failures[user] += 1


class FaultUser(base.AtlasUser):
    """An atlas user whose interactions are logged one by one, failures attributed to each."""

    def context(self):
        return {"user": id(self)}

    def record(self, kind: str, started: float) -> None:
        me = id(self)
        before_requests, before_failures = getattr(self, "_seen", (0, 0))
        requests, failures = _requests[me] - before_requests, _failures[me] - before_failures
        self._seen = (_requests[me], _failures[me])
        elapsed = time.perf_counter() - started
        now = time.time()
        _events_file.write(json.dumps({"kind": kind, "start": now - elapsed, "end": now, "ms": elapsed * 1000,
                                       "requests": requests, "failed": failures}) + "\n")
        self.environment.events.request.fire(
            request_type=base.INTERACTION, name=kind, response_time=elapsed * 1000, response_length=0,
            exception=RuntimeError(f"{failures} failed request(s)") if failures else None, context={})

    @task(1)
    def new_visitor(self):
        """A fresh page load (nothing cached): the page, every script, layout, dependencies, data."""
        self.on_start()
