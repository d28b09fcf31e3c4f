"""Locust users that do what a browser does with the atlas (run by ``make loadtest``).

Each user loads the page once per session like a browser with a cache: ``/``, every script
and stylesheet the page names, ``/_dash-layout``, ``/_dash-dependencies``, every
content-hashed URL the layout names (geometry, data payload) and the base-map TopoJSON
a geo graph's ``topojsonURL`` points to; then it fires the server-side callbacks the
renderer fires on load. After that it does about one interaction a second: a slider step,
a filter toggle or a CSV export.

Nothing here names a callback: the slider is the layout's first RangeSlider, the filter
its first Checklist, the export the first Download component a server callback fills; the callbacks each change
triggers are found in ``/_dash-dependencies`` by their inputs and fired wave by wave
(same-wave callbacks in parallel, as the renderer does), following outputs to the
callbacks they feed. Clientside callbacks are the browser's business and are skipped, so
when the map, panel and table move to the browser, their requests simply disappear.

Some users bring their own data (``UploadUser``): after the page load each uploads a small
file of its own (rows whose ids carry the user's token, regions written as names), then views
and exports it like everyone else, and now and then uploads a new version. The server keeps no
per-user state, so every answer must hold the asking user's data and nobody else's: each CSV
export and each upload answer is read, and a row of another user (or, for a user on the bundled
data, any uploaded row) counts as a failed request ("another user's data").

API users (``ApiUser``, run on their own by ``make loadtest``'s second phase) call the read API
as a program would: a filtered JSON page (random filters, window and search, sometimes the next
page), a CSV page, and a revalidation with the ETag they hold (which must be a 304). Each answer
is checked (status, media type, the page's own count) before it counts as a success.

Loopback only; bounded by users and run time (command line) and MAX_REQUESTS here.
At the end it prints p50/p95/max per interaction kind and in total, and per request; the
exit code is 1 when any interaction kind's p95 exceeds its budget (P95_BUDGET_MS; an upload,
which validates a file and builds the browser's data, and an export of one's own data, which
validates the file again on a worker that has not seen it, UPLOAD_P95_BUDGET_MS) or any
request failed.
"""

from __future__ import annotations

import base64
import csv
import io
import ipaddress
import itertools
import random
import re
import socket
import time
from urllib.parse import urlencode, urlparse

import gevent.pool
from locust import HttpUser, constant_pacing, events, task
from locust.stats import StatsEntry

P95_BUDGET_MS = 150
UPLOAD_P95_BUDGET_MS = 1500
UPLOAD = "upload"
OWN_EXPORT = "csv export (own data)"
#: Uploaded rows carry this prefix and the user's token in their ids; the bundled data has none.
UPLOADED_PREFIX = "lt-"
UPLOAD_REGIONS = [("KR", "서울특별시"), ("CN", "上海市"), ("JP", "東京都"), ("CN", "CN-ZJ"), ("KR", "Busan")]
UPLOAD_HEADER = ("action_id,date,date_precision,country,level,region_id,locality,issuer,title,title_original,"
                 "action_type,summary,source_name,source_url,verification,tags").split(",")
_tokens = itertools.count(1)
MAX_REQUESTS = 40_000
INTERACTION = "INTERACTION"
HASHED_PREFIX = "/immutable/"
#: Plotly's geo subplot fetches ``<topojsonURL><scope>_<resolution>.json``; the atlas draws the world at 110m.
TOPOJSON_FILE = "world_110m.json"
PARALLEL = 6  # a browser's connections per host
_requests_made = 0


_environment = None


@events.init.add_listener
def _loopback_only(environment, **_kwargs):
    global _environment
    _environment = environment
    host = urlparse(environment.host or "").hostname or ""
    try:
        loopback = ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing to load-test {environment.host!r}: only loopback hosts (127.0.0.0/8, localhost)")


@events.request.add_listener
def _bounded(request_type, **_kwargs):
    global _requests_made
    if request_type == INTERACTION:
        return
    _requests_made += 1
    if _requests_made >= MAX_REQUESTS and _environment is not None and _environment.runner is not None:
        _environment.runner.quit()


def components(node):
    """Every component dict in a layout tree (children and component-valued props)."""
    if isinstance(node, list):
        for item in node:
            yield from components(item)
    elif isinstance(node, dict):
        if "type" in node and "props" in node:
            yield node
            for value in node["props"].values():
                yield from components(value)
        else:
            for value in node.values():
                yield from components(value)


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)


def hashed_files(layout) -> list[str]:
    """The content-hashed files the layout names, which the page fetches.

    Not a prefix such as the base map's folder (``/immutable/<hash>/``, to which Plotly adds a file
    name): a browser never asks for it, and since unknown paths answer 404 (no longer the page),
    fetching it failed one request a user.
    """
    return sorted({s for s in strings(layout) if s.startswith(HASHED_PREFIX) and not s.endswith("/")})


def split_outputs(output: str) -> list[tuple[str, str]]:
    """``..a.b...c.d@hash..`` or ``a.b`` -> [(id, property)] (property without ``@hash``)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    pairs = []
    for part in parts:
        component, prop = part.rsplit(".", 1) if not part.startswith("{") else (part, "")
        pairs.append((component, prop.split("@")[0]))
    return pairs


class DashSession:
    """The renderer's view of one page: component props and the server callbacks over them."""

    def __init__(self, layout, dependencies):
        self.props: dict[tuple[str, str], object] = {}
        self.types: dict[str, dict] = {}
        for component in components(layout):
            component_id = component["props"].get("id")
            if isinstance(component_id, str):
                self.types[component_id] = component
                for prop, value in component["props"].items():
                    self.props[(component_id, prop)] = value
                if component["type"] == "Location":  # set by the browser from the address bar
                    self.props.update({(component_id, "pathname"): "/", (component_id, "search"): "",
                                       (component_id, "hash"): ""})
        self.callbacks = [cb for cb in dependencies
                          if not cb.get("clientside_function") and not cb["output"].lstrip(".").startswith("{")
                          and all(not pattern_matching(i["id"]) for i in cb["inputs"] + cb["state"])]

    def first(self, component_type: str) -> str | None:
        return next((cid for cid, c in self.types.items() if c["type"] == component_type), None)

    def triggered_by(self, changed: set[tuple[str, str]], source=None) -> list[dict]:
        return [cb for cb in self.callbacks if cb is not source
                and any((i["id"], i["property"]) in changed for i in cb["inputs"])]

    def initial(self) -> list[dict]:
        """The callbacks the renderer fires when the page loads (no ``prevent_initial_call``)."""
        return [cb for cb in self.callbacks if not cb.get("prevent_initial_call")]

    @staticmethod
    def ready(pending: list[dict]) -> list[dict]:
        """Pending initial callbacks none of whose inputs another pending one will still set."""
        produced = {id(cb): set(split_outputs(cb["output"])) for cb in pending}
        return [cb for cb in pending if not any((i["id"], i["property"]) in produced[id(other)]
                                                for other in pending if other is not cb for i in cb["inputs"])]

    def payload(self, cb: dict, changed: set[tuple[str, str]]) -> dict:
        outputs = [{"id": c, "property": p} for c, p in split_outputs(cb["output"])]
        def values(items):
            return [{**item, "value": self.props.get((item["id"], item["property"]))} for item in items]
        return {
            "output": cb["output"],
            "outputs": outputs if cb["output"].startswith("..") else outputs[0],
            "inputs": values(cb["inputs"]),
            "state": values(cb["state"]),
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in cb["inputs"] if (i["id"], i["property"]) in changed],
        }

    def apply(self, response: dict) -> set[tuple[str, str]]:
        changed = set()
        for component_id, props in response.get("response", {}).items():
            for prop, value in props.items():
                self.props[(component_id, prop)] = value
                changed.add((component_id, prop))
        return changed


def pattern_matching(component_id) -> bool:
    """A pattern-matching id: a dict, or its JSON text as ``/_dash-dependencies`` lists it (the user skips those)."""
    return isinstance(component_id, dict) or (isinstance(component_id, str) and component_id.startswith("{"))


def callback_name(cb: dict) -> str:
    outputs = split_outputs(cb["output"])
    more = f" (+{len(outputs) - 1})" if len(outputs) > 1 else ""
    return f"callback {outputs[0][0]}.{outputs[0][1]}{more}"


class AtlasUser(HttpUser):
    wait_time = constant_pacing(1)
    weight = 4
    export_kind = "csv export"

    def on_start(self):
        started = time.perf_counter()
        self.fetched: set[str] = set()
        index = self.client.get("/", name="GET /").text
        self.fetch_once(re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', index), "static (script, css, icon)")
        layout = self.client.get("/_dash-layout", name="GET /_dash-layout").json()
        dependencies = self.client.get("/_dash-dependencies", name="GET /_dash-dependencies").json()
        self.fetch_once(hashed_files(layout), "hashed asset")
        topojson = {c["props"]["config"]["topojsonURL"] for c in components(layout)
                    if c["type"] == "Graph" and (c["props"].get("config") or {}).get("topojsonURL")}
        self.fetch_once(sorted(url + TOPOJSON_FILE for url in topojson), "topojson")
        self.dash = DashSession(layout, dependencies)
        self.run_waves([], pending=self.dash.initial())
        self.record("page load", started)
        self.slider = self.dash.first("RangeSlider")
        self.checklist = next((cid for cid, c in self.dash.types.items()
                               if c["type"] == "Checklist" and len(c["props"].get("options") or []) > 1), None)
        # The view's CSV download (other downloads, e.g. a storyboard's exports, come first in the layout).
        downloads = sorted((cid for cid, c in self.dash.types.items() if c["type"] == "Download"),
                           key=lambda cid: "csv" not in cid)
        self.export = next((cb for download in downloads for cb in self.dash.callbacks
                            if (download, "data") in split_outputs(cb["output"])), None)

    def fetch_once(self, urls, name: str) -> None:
        """GET each URL not fetched yet in this session, six at a time (a browser's cache and pool)."""
        todo = [u for u in urls if u not in self.fetched]
        self.fetched.update(todo)
        gevent.pool.Pool(PARALLEL).map(lambda url: self.client.get(url, name=name), todo)

    def fire(self, cb: dict, changed: set) -> set[tuple[str, str]]:
        with self.client.post("/_dash-update-component", json=self.dash.payload(cb, changed),
                              name=callback_name(cb), catch_response=True) as response:
            if response.status_code == 204:
                response.success()
                return set()
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return set()
            return self.dash.apply(response.json())

    def run_waves(self, wave: list[tuple[dict, set]], pending: list[dict] = (), max_waves: int = 8) -> None:
        """Fire ``wave``, then the callbacks its outputs feed, wave after wave, as the renderer does.

        ``pending`` are initial callbacks: each fires once, after those that set its inputs.
        """
        pending = list(pending)
        for _ in range(max_waves):
            if not wave and pending:
                wave = [(cb, set()) for cb in DashSession.ready(pending) or pending]
            pending = [cb for cb in pending if all(cb is not fired for fired, _ in wave)]
            if not wave:
                return
            results = gevent.pool.Pool(PARALLEL).map(lambda item: (item[0], self.fire(*item)), wave)
            wave = [(nxt, produced) for cb, produced in results if produced
                    for nxt in self.dash.triggered_by(produced, source=cb)]

    def change(self, component_id: str, prop: str, value) -> None:
        self.dash.props[(component_id, prop)] = value
        changed = {(component_id, prop)}
        self.run_waves([(cb, changed) for cb in self.dash.triggered_by(changed)])

    def record(self, kind: str, started: float) -> None:
        self.environment.events.request.fire(
            request_type=INTERACTION, name=kind, response_time=(time.perf_counter() - started) * 1000,
            response_length=0, exception=None, context={})

    @task(6)
    def slider_step(self):
        if not self.slider:
            return
        started = time.perf_counter()
        low, high = self.dash.props[(self.slider, "value")]
        top = self.dash.props[(self.slider, "max")]
        self.change(self.slider, "value", [low, high - 1] if high - 1 > low else [low, top])
        self.record("slider step", started)

    @task(3)
    def filter_toggle(self):
        if not self.checklist:
            return
        started = time.perf_counter()
        options = [o["value"] if isinstance(o, dict) else o for o in self.dash.props[(self.checklist, "options")]]
        current = list(self.dash.props.get((self.checklist, "value")) or [])
        toggled = [v for v in current if v != options[0]] if options[0] in current else [options[0], *current]
        self.change(self.checklist, "value", toggled)
        self.record("filter toggle", started)

    @task(1)
    def csv_export(self):
        if not self.export:
            return
        started = time.perf_counter()
        trigger = self.export["inputs"][0]
        key = (trigger["id"], trigger["property"])
        self.dash.props[key] = (self.dash.props.get(key) or 0) + 1
        self.dash.props[split_outputs(self.export["output"])[0]] = None
        self.fire(self.export, {key})
        self.record(self.export_kind, started)
        self.check_export()

    def exported_ids(self) -> list[str] | None:
        download = self.dash.props.get(split_outputs(self.export["output"])[0])
        if not isinstance(download, dict) or not isinstance(download.get("content"), str):
            return None
        return [row["action_id"] for row in csv.DictReader(io.StringIO(download["content"]))]

    def check_export(self) -> None:
        """A user on the bundled data must never get an uploaded row."""
        ids = self.exported_ids()
        if ids is not None and any(i.startswith(UPLOADED_PREFIX) for i in ids):
            self.leak("csv export", ids)

    def leak(self, name: str, ids: list[str]) -> None:
        foreign = sorted({i.rsplit("-", 1)[0] for i in ids if not self.owns(i)})
        self.environment.events.request.fire(
            request_type="CHECK", name=f"another user's data in {name}", response_time=0, response_length=0,
            exception=AssertionError(f"rows of {foreign[:3]} in {name}"), context={})

    def owns(self, action_id: str) -> bool:
        return not action_id.startswith(UPLOADED_PREFIX)


class UploadUser(AtlasUser):
    """A user who brings a file of their own, then views and exports it (the tasks of AtlasUser)."""

    weight = 1
    #: The tab sends its file with the request; a worker that has not seen it yet validates it again.
    export_kind = OWN_EXPORT

    def on_start(self):
        super().on_start()
        self.token = f"{UPLOADED_PREFIX}u{next(_tokens)}"
        self.version = 0
        self.mine: set[str] = set()
        self.upload_input = next(((i["id"], i["property"]) for cb in self.dash.callbacks for i in cb["inputs"]
                                  if i["property"] == "contents"), None)
        self.upload_file()

    def owns(self, action_id: str) -> bool:
        return action_id in self.mine

    def own_file(self) -> tuple[bytes, set[str]]:
        self.version += 1
        rows, ids = [], set()
        for i in range(20 + 7 * (self.version % 4)):
            country, region = UPLOAD_REGIONS[i % len(UPLOAD_REGIONS)]
            action_id = f"{self.token}-v{self.version}-{i}"
            ids.add(action_id)
            rows.append([action_id, f"{2021 + i % 4}-{i % 12 + 1:02d}-01", "month", country, "provincial", region, "",
                         "Load-test issuer", f"Load test {self.token} row {i}", "", "event", "A row.", "Locust", "",
                         "reported", "loadtest"])
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([UPLOAD_HEADER, *rows])
        return out.getvalue().encode("utf-8"), ids

    def upload_file(self) -> None:
        if not self.upload_input:
            return
        raw, ids = self.own_file()
        started = time.perf_counter()
        component, prop = self.upload_input
        self.dash.props[(component, "filename")] = f"{self.token}.csv"
        self.change(component, prop, "data:text/csv;base64," + base64.b64encode(raw).decode("ascii"))
        self.record(UPLOAD, started)
        own = next((v for (c, p), v in self.dash.props.items() if isinstance(v, dict) and "sha256" in v), None)
        source = next((v for (c, p), v in self.dash.props.items() if isinstance(v, dict) and "inline" in v), None)
        if own is None or source is None:
            self.environment.events.request.fire(
                request_type="CHECK", name="upload accepted", response_time=0, response_length=0,
                exception=AssertionError("the upload answer holds no dataset"), context={})
            return
        self.mine = ids
        in_csv = [row["action_id"] for row in csv.DictReader(io.StringIO(own["csv"]))]
        in_payload = source["inline"]["actions"]["id"]
        for name, got in (("upload answer (own-data)", in_csv), ("upload answer (browser data)", in_payload)):
            if set(got) != ids:
                self.leak(name, got)

    def check_export(self) -> None:
        """An uploader's export holds exactly the rows of its own latest file."""
        ids = self.exported_ids()
        if ids is not None and set(ids) != self.mine:
            self.leak("csv export", ids)

    @task(1)
    def upload_again(self):
        self.upload_file()


API_PAGE = "api: filtered JSON page"
API_CSV = "api: CSV page"
API_304 = "api: revalidation (304)"
API_ACTIONS = "/api/v1/actions"
API_SEARCHES = ["", "", "metaverse", "plan", "元宇宙", "메타버스", "Seoul"]


def api_vocabulary(parameters: list[dict]) -> tuple[dict[str, list[str]], list[str]]:
    """The list filters' codes (each parameter's ``x-codes``) and the months ``start`` takes, from the API's description.

    Why from the API: a filter value written here drifted from the data's vocabulary once (the
    2027.2 data retired ``verification=unverified``, and a quarter of the requests answered 400);
    read from the description, the values are the ones the server's parser accepts.
    """
    vocabulary = {p["name"]: list(p["x-codes"]) for p in parameters if p.get("x-codes")}
    months = next((list(p["schema"]["enum"]) for p in parameters if p["name"] == "start"), [])
    if not vocabulary or len(months) < 2:
        raise RuntimeError(f"{API_ACTIONS}'s description lists no filter codes (x-codes) or months (start's enum)")
    return vocabulary, months


class ApiUser(HttpUser):
    """A program reading the API about once a second; every answer is checked before it counts."""

    wait_time = constant_pacing(1)
    weight = 1

    #: The actions route's parameters as /api/openapi.json describes them (read once per Locust process).
    parameters: list[dict] | None = None

    def on_start(self):
        self.rng = random.Random()
        self.held: list[tuple[str, str]] = []  # (address, ETag) of pages already read
        self.client.get("/api/v1/version", name="GET /api/v1/version").json()
        regions = self.client.get("/api/v1/regions", name="GET /api/v1/regions").json()["regions"]
        self.region_ids = [r["region_id"] for r in regions]
        if ApiUser.parameters is None:
            spec = self.client.get("/api/openapi.json", name="GET /api/openapi.json").json()
            ApiUser.parameters = spec["paths"][API_ACTIONS]["get"]["parameters"]
        self.vocabulary, self.months = api_vocabulary(ApiUser.parameters)

    def filters(self) -> dict[str, str]:
        query = {}
        for name, options in self.vocabulary.items():
            if self.rng.random() < 0.4:
                query[name] = ",".join(self.rng.sample(options, self.rng.randint(1, len(options))))
        start, end = sorted(self.rng.sample(self.months, 2))
        query.update(start=start, end=end)
        if self.rng.random() < 0.15:
            query["region"] = self.rng.choice(self.region_ids)
        if search := self.rng.choice(API_SEARCHES):
            query["search"] = search
        return query

    def call(self, kind: str, address: str, expect: int = 200, headers=None):
        started = time.perf_counter()
        with self.client.get(address, headers=headers or {}, name=kind, catch_response=True) as response:
            problem = None
            if response.status_code != expect:
                problem = f"HTTP {response.status_code}, expected {expect}"
            elif expect == 200 and "format=csv" in address:
                if not response.text.startswith("action_id,date,"):
                    problem = "not the published CSV"
            elif expect == 200:
                body = response.json()
                if len(body["actions"]) != min(body["limit"], max(0, body["total"] - body["offset"])):
                    problem = "the page does not hold what its count says"
            if problem:
                response.failure(problem)
            else:
                response.success()
        _environment.events.request.fire(request_type=INTERACTION, name=kind, response_time=(time.perf_counter()
                                         - started) * 1000, response_length=0, exception=None, context={})
        return response

    def address(self, **extra) -> str:
        return f"{API_ACTIONS}?" + urlencode({**self.filters(), **extra})

    @task(6)
    def filtered_page(self):
        address = self.address(limit=self.rng.choice([20, 50, 100]))
        response = self.call(API_PAGE, address)
        if response.status_code == 200 and "ETag" in response.headers:
            self.held = (self.held + [(address, response.headers["ETag"])])[-20:]
            following = response.json().get("next")
            if following and self.rng.random() < 0.3:
                self.call(API_PAGE, following)

    @task(1)
    def csv_page(self):
        self.call(API_CSV, self.address(format="csv"))

    @task(2)
    def revalidate(self):
        if self.held:
            address, etag = self.rng.choice(self.held)
            self.call(API_304, address, expect=304, headers={"If-None-Match": etag})


def _row(name: str, entry: StatsEntry) -> str:
    p50, p95 = entry.get_response_time_percentile(0.5), entry.get_response_time_percentile(0.95)
    return (f"{name[:58]:58} {entry.num_requests:7d} {entry.num_failures:6d} {p50:7.0f} {p95:7.0f} "
            f"{entry.max_response_time:7.0f}")


@events.quitting.add_listener
def _report(environment, **_kwargs):
    stats = environment.stats
    header = f"{'':58} {'count':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
    interactions = {name: e for (name, method), e in stats.entries.items() if method == INTERACTION}
    requests = {name: e for (name, method), e in stats.entries.items() if method != INTERACTION}
    total = StatsEntry(stats, "total (all interactions on the bundled data)", INTERACTION)
    for name, entry in interactions.items():
        if name not in ("page load", UPLOAD, OWN_EXPORT):
            total.extend(entry)
    print("\nInteractions (a user's action to its last response, callbacks of one wave in parallel)")
    print(header)
    for name in sorted(interactions):
        print(_row(name, interactions[name]))
    print(_row(total.name, total))
    print("\nRequests")
    print(header)
    for name in sorted(requests):
        print(_row(name, requests[name]))
    failures = sum(e.num_failures for e in requests.values())
    judged = [(name, e) for name, e in interactions.items() if name != "page load"] + [(total.name, total)]
    budget = {UPLOAD: UPLOAD_P95_BUDGET_MS, OWN_EXPORT: UPLOAD_P95_BUDGET_MS}
    slow = [name for name, e in judged
            if e.num_requests and e.get_response_time_percentile(0.95) > budget.get(name, P95_BUDGET_MS)]
    for error in stats.errors.values():
        print(f"error: {error.method} {error.name}: {error.error} (x{error.occurrences})")
    print(f"\nbudget: p95 <= {P95_BUDGET_MS} ms per interaction kind and in total ({UPLOAD} and {OWN_EXPORT}: "
          f"{UPLOAD_P95_BUDGET_MS} ms), "
          f"no errors, no user given another user's data ('page load' is reported, not judged)")
    print(f"verdict: {'FAIL' if slow or failures else 'ok'}"
          + (f" - p95 over budget: {', '.join(slow)}" if slow else "")
          + (f" - {failures} failed requests" if failures else ""))
    no_interactions = len(judged) == 1
    if no_interactions:
        print("no interaction was completed: nothing to judge")
    environment.process_exit_code = 1 if slow or failures or no_interactions else 0
    print(f"requests made: {_requests_made} (cap {MAX_REQUESTS})")
