"""Browser bench: what a user's Chromium sends, receives and waits for (``make bench``).

Why a real browser against ``gunicorn -w 2``: the budgets are about the wire and the
screen — requests and compressed bytes per interaction (Playwright's ``request.sizes()``,
so a browser-cache hit costs nothing and a 304 costs its headers), and the time from a key
press or click to the map's redraw. In-process timings cannot see either.

Measured, on the bundled data and on 100x the data (generated in a temp dir, never
committed): start-up (process start -> first 200 on ``/``); cold first load (fresh
context: bytes, requests, navigation start -> first ``#map`` choropleth path with a data
colour); warm load (reload, same context); per slider step (ArrowLeft on the end handle)
and per filter toggle (a country checkbox): requests, wire bytes, press -> redraw; a full
Play: duration and how many distinct months the map drew. The region panel: a region chosen in
the picker (keyboard) or on the map (a click on its dot) -> a frame showing its panel's title;
a cold load of ``?region=KR-11`` (first map); Play with that panel open (every month drawn on
the map, and the panel's timeline band following each). A 100,000-row upload: accepted, its
largest region opened, played, exported as CSV, its counts and rows checked against Python.
``python benchmarks/bench.py scaled`` runs one part (bundled, scaled, upload).

A "redraw" is the first ``plotly_afterplot`` on ``#map .js-plotly-plot`` or the first change
of the choropleth fills after the input, whichever comes first. The month of a redraw is
``layout.meta.end`` of the map figure when the figure carries it, else the end handle's
``aria-valuetext``. Interaction times are medians over several repetitions; request and
byte counts are the worst repetition. Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from benchmarks.server_process import app_serve_command, free_port, running  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
#: The bench's probes (``wait_for_function``) are evaluated strings, which the app's CSP (no
#: 'unsafe-eval') refuses; the CSP itself is tested in tests/browser/test_csp.py.
BENCH_PROBES_NEED_EVAL = True
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KB, MB = 1024, 1024 * 1024
SCALE = 100
STEPS = 5
TOGGLES = 4
QUIET_MS = 500
TIMEOUT_MS = 30_000

INSTRUMENT_JS = """
(() => {
  const A = window.__atlasBench = {redraws: [], lastInput: null, firstMap: null, sliderMonths: []};
  const paths = () => document.querySelectorAll('#map .choroplethlocation');
  const fills = () => Array.from(paths(), p => p.style.fill || p.getAttribute('fill') || '');
  const endMonth = () => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const meta = gd && gd.layout && gd.layout.meta;
    if (meta && meta.end) { return String(meta.end); }
    const thumbs = document.querySelectorAll('#date-range [role=slider]');
    const thumb = thumbs[thumbs.length - 1];
    return thumb ? (thumb.getAttribute('aria-valuetext') || thumb.getAttribute('aria-valuenow')) : null;
  };
  const record = kind => A.redraws.push({t: performance.now(), kind: kind, end: endMonth()});
  for (const type of ['keydown', 'mousedown']) {
    window.addEventListener(type, () => { A.lastInput = performance.now(); }, true);
  }
  A.panelPaints = []; A.bandEnds = [];
  const panelText = () => { const t = document.querySelector('#panel-title'); return t ? t.textContent : ''; };
  const band = tl => { const s = tl.layout && tl.layout.shapes && tl.layout.shapes[0]; if (s) { A.bandEnds.push(s.x1); } };
  let signature = '', shownTitle = '';
  const frame = () => {
    const gd = document.querySelector('#map .js-plotly-plot');
    if (gd && gd.on && !gd.__benchHooked) { gd.on('plotly_afterplot', () => record('afterplot')); gd.__benchHooked = true; }
    const title = panelText();
    if (title !== shownTitle) { shownTitle = title; A.panelPaints.push({t: performance.now(), title: title}); }
    const tl = document.querySelector('#timeline .js-plotly-plot');
    if (tl && tl.on && !tl.__benchHooked) {
      tl.on('plotly_afterplot', () => band(tl)); tl.on('plotly_relayout', () => band(tl)); tl.__benchHooked = true; band(tl);
    }
    const month = endMonth();
    if (month && A.sliderMonths[A.sliderMonths.length - 1] !== month) { A.sliderMonths.push(month); }
    const now = fills();
    const joined = now.join('|');
    if (A.firstMap === null && new Set(now).size >= 3) { A.firstMap = performance.now(); }
    if (signature && joined !== signature) { record('fills'); }
    signature = joined;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""


@dataclass
class Budget:
    name: str
    measured: float | None
    limit: float
    unit: str

    @property
    def ok(self) -> bool:
        return self.measured is not None and self.measured <= self.limit


@dataclass
class Record:
    url: str
    method: str
    done: bool = False
    failed: bool = False
    status: int | None = None
    encoding: str | None = None
    content_type: str = ""
    sent: int = 0
    received: int = 0

    @property
    def on_wire(self) -> bool:
        return self.failed or self.received > 0


@dataclass
class Wire:
    """Every request a browser context makes, with its bytes once it has finished."""

    records: list[Record] = field(default_factory=list)
    by_request: dict = field(default_factory=dict)
    last_event: float = field(default_factory=time.monotonic)

    def attach(self, context) -> None:
        context.on("request", self._started)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _started(self, request) -> None:
        if request.url.startswith("http"):
            self.by_request[request] = rec = Record(request.url, request.method)
            self.records.append(rec)
        self.last_event = time.monotonic()

    def _finished(self, request) -> None:
        rec = self.by_request.get(request)
        if rec is not None:
            sizes = request.sizes()
            response = request.response()
            rec.sent = sizes["requestHeadersSize"] + max(sizes["requestBodySize"], 0)
            rec.received = max(sizes["responseHeadersSize"] + sizes["responseBodySize"], 0)
            if response is not None:
                rec.status = response.status
                rec.encoding = response.header_value("content-encoding")
                rec.content_type = response.header_value("content-type") or ""
            rec.done = True
        self.last_event = time.monotonic()

    def _failed(self, request) -> None:
        rec = self.by_request.get(request)
        if rec is not None:
            rec.done = rec.failed = True
        self.last_event = time.monotonic()

    def mark(self) -> int:
        return len(self.records)

    def since(self, mark: int) -> list[Record]:
        return [r for r in self.records[mark:] if r.on_wire]

    def settle(self, page: Page, timeout_s: float = 30) -> None:
        """Wait until no request is in flight and none has started or ended for QUIET_MS."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            idle = all(r.done for r in self.records)
            if idle and (time.monotonic() - self.last_event) * 1000 >= QUIET_MS:
                return
            page.wait_for_timeout(50)  # lets Playwright deliver the events we are waiting for
        raise TimeoutError("network did not settle")


def wire_bytes(records: list[Record]) -> int:
    return sum(r.sent + r.received for r in records)


def uncompressed_text(records: list[Record]) -> list[Record]:
    textual = ("javascript", "json", "css", "html", "text/")
    return [r for r in records if r.status == 200 and r.received > 1500 and not r.encoding
            and any(t in r.content_type for t in textual)]


def redraws(page: Page) -> list[dict]:
    return page.evaluate("window.__atlasBench.redraws")


def interaction(page: Page, wire: Wire, act) -> tuple[int, int, float | None]:
    """(requests, wire bytes, input -> redraw ms) for one user action: the first redraw after the input
    (a late redraw of something earlier, recorded just before the key press, does not count)."""
    wire.settle(page)
    mark, seen = wire.mark(), len(redraws(page))
    act()
    started = page.evaluate("window.__atlasBench.lastInput")
    first = None
    try:
        page.wait_for_function("([n, t]) => window.__atlasBench.redraws.slice(n).some(r => r.t >= t)",
                               arg=[seen, started], timeout=TIMEOUT_MS)
        first = next(r for r in redraws(page)[seen:] if r["t"] >= started)
    except Exception:
        pass
    wire.settle(page)
    records = wire.since(mark)
    return len(records), wire_bytes(records), (first["t"] - started) if first and started is not None else None


#: A mobile-broadband link (DevTools' "Fast 4G": 9 Mbit/s down, 1.5 Mbit/s up, 60 ms more per round trip),
#: for a reported cold load over a real network's latency and bandwidth rather than loopback's.
FAST_4G = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8}


def instrumented(browser, **options) -> tuple:
    """A fresh browser context (1600 x 1200) with the bench's probes and a ``Wire`` recording what it fetches."""
    context = browser.new_context(viewport={"width": 1600, "height": 1200}, bypass_csp=BENCH_PROBES_NEED_EVAL, **options)
    context.add_init_script(INSTRUMENT_JS)
    wire = Wire()
    wire.attach(context)
    return context, wire


def open_page(context, wire: Wire, url: str, network: dict | None = None) -> tuple[Page, float | None]:
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    page.goto(url)
    page.wait_for_function("window.__atlasBench && window.__atlasBench.firstMap !== null", timeout=TIMEOUT_MS)
    wire.settle(page)
    return page, page.evaluate("window.__atlasBench.firstMap")


def slider_steps(page: Page, wire: Wire, count: int) -> list[tuple]:
    handle = page.locator("#date-range [role=slider]").nth(1)
    handle.focus()
    return [interaction(page, wire, lambda: page.keyboard.press("ArrowLeft")) for _ in range(count)]


def filter_toggles(page: Page, wire: Wire, count: int) -> list[tuple]:
    boxes = page.locator("#countries input[type=checkbox]")
    return [interaction(page, wire, lambda i=i: boxes.nth(i // 2).click()) for i in range(count)]


#: Where the page's Play stops (``atlas.time.stopAt``, the engine's own rule: the edge of collection, or the axis's
#: last month for data that names no edge), as [index, month name], for the payload of ``n`` rows (default: the first).
PLAY_STOP_JS = """
n => {
  const entries = Array.from(window.atlas.data._ready.entries());
  const [key, data] = (n ? entries.find(([, d]) => d.n === n) : null) || entries[0];
  const stop = window.atlas.time.stopAt([0, 0], data.months.length - 1, {key: key});
  return [stop, data.monthNames[stop]];
}
"""


def full_play(page: Page, wire: Wire, rows: int | None = None) -> tuple[float | None, int, int, list[Record], list[str]]:
    """(seconds from click to the last month drawn, distinct months drawn, months Play covers,
    records, months the slider showed but the map never drew).

    Play runs from the window's first month to where the engine stops it — the edge of collection
    (``collected_to``), not the axis's end: the months after it are "not yet collected". ``rows``: the payload
    Play runs on (an upload's row count; default the page's own data)."""
    end_handle = page.locator("#date-range [role=slider]").nth(1)
    start_handle = page.locator("#date-range [role=slider]").nth(0)
    # From the axis's last month (beyond the edge) Play starts again at the window's first month.
    end_handle.focus()
    page.keyboard.press("End")
    page.wait_for_function("h => h.getAttribute('aria-valuenow') === h.getAttribute('aria-valuemax')",
                           arg=end_handle.element_handle(), timeout=TIMEOUT_MS)
    axis_end = end_handle.get_attribute("aria-valuetext")
    page.wait_for_function("end => window.__atlasBench.redraws.some(r => r.end === end)", arg=axis_end,
                           timeout=TIMEOUT_MS)
    stop, last_month = page.evaluate(PLAY_STOP_JS, rows)
    months = stop - int(start_handle.get_attribute("aria-valuenow")) + 1
    wire.settle(page)
    mark, seen = wire.mark(), len(redraws(page))
    shown_before = page.evaluate("window.__atlasBench.sliderMonths.length")
    page.click("#play")
    clicked = page.evaluate("window.__atlasBench.lastInput")
    page.wait_for_function("!document.querySelector('#pause').disabled", timeout=TIMEOUT_MS)
    page.wait_for_function("document.querySelector('#pause').disabled", timeout=months * 2000 + TIMEOUT_MS)
    try:  # the last month may still be on its way to the map when Play stops
        page.wait_for_function("([n, end]) => window.__atlasBench.redraws.slice(n).some(r => r.end === end)",
                               arg=[seen, last_month], timeout=TIMEOUT_MS)
    except Exception:
        pass  # counted below as a month never drawn
    wire.settle(page)
    drawn = redraws(page)[seen:]
    duration = (drawn[-1]["t"] - clicked) / 1000 if drawn else None
    drawn_months = {d["end"] for d in drawn if d["end"]}
    shown = page.evaluate("n => window.__atlasBench.sliderMonths.slice(n)", shown_before)
    return duration, len(drawn_months), months, wire.since(mark), [m for m in shown if m not in drawn_months]


def panel_painted(page: Page, name: str, since: float) -> float | None:
    """When a frame first showed the panel titled ``name`` after ``since`` (ms, page clock), or None."""
    try:
        page.wait_for_function("([name, t]) => window.__atlasBench.panelPaints.some(p => p.t >= t && p.title.startsWith(name))",
                               arg=[name, since], timeout=TIMEOUT_MS)
    except Exception:
        return None
    paints = page.evaluate("window.__atlasBench.panelPaints")
    return next(p["t"] for p in paints if p["t"] >= since and p["title"].startswith(name))


def pick_region(page: Page, wire: Wire, typed: str, name: str) -> float | None:
    """The picker as a keyboard user works it: type, take the first match with Enter; Enter -> panel painted (ms).

    None (a missed budget, and the bench goes on to its other measures) when the search box never takes the focus."""
    try:
        return _pick_region(page, wire, typed, name)
    except PlaywrightTimeout:
        page.keyboard.press("Escape")
        return None


def _pick_region(page: Page, wire: Wire, typed: str, name: str) -> float | None:
    wire.settle(page)
    page.focus("#region-picker")
    page.keyboard.press("Enter")
    # Reopened after a choice, Dash's dropdown focuses the chosen option, not its search box: go to the box.
    page.wait_for_selector(".dash-dropdown-search", timeout=TIMEOUT_MS)
    page.focus(".dash-dropdown-search")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('dash-dropdown-search')",
                           timeout=TIMEOUT_MS)  # typed before the search box has the focus, the keys would be lost
    page.keyboard.type(typed)
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    started = page.evaluate("window.__atlasBench.lastInput")
    painted = panel_painted(page, name, started)
    wire.settle(page)
    return None if painted is None else painted - started


DOT_SCREEN_JS = """region => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const dots = gd.data[4], i = dots.customdata.indexOf(region);
  const xy = gd._fullLayout.geo._subplot.projection([dots.lon[i], dots.lat[i]]);
  const path = gd.querySelector('.choroplethlocation');
  const pt = path.ownerSVGElement.createSVGPoint(); pt.x = xy[0]; pt.y = xy[1];
  const s = pt.matrixTransform(path.getScreenCTM());
  return [s.x, s.y];
}"""


def click_region_dot(page: Page, wire: Wire, region: str, name: str) -> float | None:
    """A mouse click on a region's dot on the map -> its panel painted (ms)."""
    wire.settle(page)
    page.evaluate("document.querySelector('#map').scrollIntoView({behavior: 'instant'})")
    x, y = page.evaluate(DOT_SCREEN_JS, region)
    page.mouse.move(x - 1, y)
    page.wait_for_timeout(150)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    started = page.evaluate("window.__atlasBench.lastInput")
    painted = panel_painted(page, name, started)
    wire.settle(page)
    return None if painted is None else painted - started


#: Regions chosen in the panel budgets: (typed in the picker, the panel's title starts with).
PICKED = [("Busan", "Busan"), ("Shanghai", "Shanghai"), ("Tokyo", "Tokyo")]
#: Regions clicked on the map (small ones, drawn as dots at the three-country frame).
CLICKED = [("KR-11", "Seoul"), ("JP-13", "Tokyo")]


def region_budgets(page: Page, wire: Wire, label: str, limit_ms: float) -> list[Budget]:
    picked = [pick_region(page, wire, typed, name) for typed, name in PICKED]
    page.click("#panel-close")
    panel_painted(page, "Overview", 0)
    clicked = [click_region_dot(page, wire, region, name) for region, name in CLICKED]
    as_budget = lambda what, times: Budget(  # noqa: E731
        f"{label}region chosen {what} -> panel painted (median of {len(times)})",
        None if None in times else median(times), limit_ms, "ms")
    return [as_budget("in the picker", picked), as_budget("on the map", clicked)]


def region_link(context, wire: Wire, url: str, name: str) -> tuple[Page, float | None, float | None]:
    """A cold load of a link with ?region=: (page, first map ms, panel painted ms)."""
    page, first_map = open_page(context, wire, url)
    return page, first_map, panel_painted(page, name, 0)


def play_with_panel(page: Page, wire: Wire, label: str, limit_s: float) -> list[Budget]:
    """Play through every month with a region's panel open: the map draws each month, the panel follows."""
    bands_before = page.evaluate("window.__atlasBench.bandEnds.length")
    duration, drawn, months, _, undrawn = full_play(page, wire)
    followed = len(set(page.evaluate("n => window.__atlasBench.bandEnds.slice(n)", bands_before)))
    return [
        Budget(f"{label}play of {months} months with a region open: duration", duration, limit_s, "s"),
        Budget(f"{label}play with a region open: months the map missed (of {months})", months - drawn, 0, "missing"),
        Budget(f"{label}play with a region open: months the panel missed (of {months})",
               max(months - followed, 0), 0, "missing"),
    ]


def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if len(values) else None


def measure_interactions(label: str, samples: list[tuple], redraw_budget_ms: float, bytes_budget: float) -> list[Budget]:
    missing = any(s[2] is None for s in samples)
    return [
        Budget(f"{label}: requests (worst of {len(samples)})", max(s[0] for s in samples), 1, "req"),
        Budget(f"{label}: wire bytes (worst)", max(s[1] for s in samples) / KB, bytes_budget / KB, "KB"),
        Budget(f"{label}: input -> redraw (median)", None if missing else median(s[2] for s in samples),
               redraw_budget_ms, "ms"),
    ]


def load_budgets(prefix: str, cold: list[Record], first_map_ms: float | None, cold_budget: float,
                 first_map_budget_ms: float | None) -> list[Budget]:
    rows = [Budget(f"{prefix}cold load: wire bytes ({len(cold)} requests)", wire_bytes(cold) / MB, cold_budget / MB, "MB"),
            Budget(f"{prefix}text responses sent uncompressed", len(uncompressed_text(cold)), 0, "")]
    rows.append(Budget(f"{prefix}cold load: time to first map", first_map_ms,
                       float("inf") if first_map_budget_ms is None else first_map_budget_ms, "ms"))
    return rows


def bench_bundled(browser) -> tuple[list[Budget], list[str]]:
    port = free_port()
    notes = []
    with running(app_serve_command(port), port) as server:
        context, wire = instrumented(browser)
        page, first_map = open_page(context, wire, server.url + "/")
        cold = wire.since(0)
        notes += largest("cold load, bundled data", cold)
        mark = wire.mark()
        page.reload()
        page.wait_for_function("window.__atlasBench.firstMap !== null", timeout=TIMEOUT_MS)
        wire.settle(page)
        warm = wire.since(mark)
        notes += largest("warm load (reload), bundled data", warm)
        steps = slider_steps(page, wire, STEPS)
        toggles = filter_toggles(page, wire, TOGGLES)
        page.goto(server.url + "/")  # the default view again: Play then runs through every month
        page.wait_for_function("window.__atlasBench.firstMap !== null", timeout=TIMEOUT_MS)
        duration, drawn, months, played, undrawn = full_play(page, wire)
        notes.append(f"play: months the slider showed but the map never drew: {', '.join(undrawn) or 'none'}")
        page.goto(server.url + "/")
        page.wait_for_function("window.__atlasBench.firstMap !== null", timeout=TIMEOUT_MS)
        region_rows = region_budgets(page, wire, "", 150)
        context.close()
        region_rows += region_link_budgets(browser, server.url, "", 2500, 12)
        context, slow_wire = instrumented(browser)
        _, first_map_4g = open_page(context, slow_wire, server.url + "/", network=FAST_4G)
        context.close()
    rows = [Budget("start-up (process -> first 200)", server.startup_s, 6, "s")]
    rows += load_budgets("", cold, first_map, 1.5 * MB, 2500)
    rows.append(Budget("cold load over Fast 4G (9 Mbit/s, +60 ms RTT): time to first map", first_map_4g, float("inf"), "ms"))
    rows.append(Budget(f"warm load: wire bytes ({len(warm)} requests on the wire)", wire_bytes(warm) / KB, float("inf"), "KB"))
    rows += measure_interactions("slider step", steps, 100, 5 * KB)
    rows += measure_interactions("filter toggle", toggles, 100, 5 * KB)
    rows += [
        Budget("play tick: requests per month", len(played) / max(drawn, 1), 1, "req"),
        Budget("play tick: wire bytes per month", wire_bytes(played) / max(drawn, 1) / KB, 5, "KB"),
        Budget(f"full play of {months} months: duration", duration, 12, "s"),
        Budget(f"full play: months drawn (of {months})", months - drawn, 0, "missing"),
    ]
    return rows + region_rows, notes


def region_link_budgets(browser, url: str, label: str, first_map_ms: float, play_s: float) -> list[Budget]:
    """A cold load of ``?region=KR-11`` (first map, panel painted), then Play with its panel open."""
    context, wire = instrumented(browser)
    page, first_map, painted = region_link(context, wire, url + "/?region=KR-11", "Seoul")
    rows = [Budget(f"{label}cold load of ?region=KR-11: time to first map", first_map, first_map_ms, "ms"),
            Budget(f"{label}cold load of ?region=KR-11: time to its panel", painted, float("inf"), "ms")]
    rows += play_with_panel(page, wire, label, play_s)
    context.close()
    return rows


def write_scaled_csv(source: Path, target: Path, copies: int) -> int:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for copy in range(copies):
            for row in rows:
                writer.writerow({**row, "action_id": f"{row['action_id']}-x{copy:03d}"})
    return copies * len(rows)


def bench_scaled(browser) -> tuple[list[Budget], list[str]]:
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        data = Path(tmp) / f"policy_actions_x{SCALE}.csv"
        rows = write_scaled_csv(ROOT / "data" / "policy_actions.csv", data, SCALE)
        port = free_port()
        with running(app_serve_command(port, data=data), port, timeout_s=180) as server:
            context, wire = instrumented(browser)
            page, first_map = open_page(context, wire, server.url + "/")
            cold = wire.since(0)
            notes = largest(f"cold load, {SCALE}x data ({rows} actions)", cold)
            steps = slider_steps(page, wire, STEPS)
            page.goto(server.url + "/")
            page.wait_for_function("window.__atlasBench.firstMap !== null", timeout=TIMEOUT_MS)
            region_rows = region_budgets(page, wire, f"{SCALE}x: ", 500)
            context.close()
            region_rows += region_link_budgets(browser, server.url, f"{SCALE}x: ", 3500, 20)
    label = f"{SCALE}x"
    rows_out = [Budget(f"{label}: start-up (process -> first 200)", server.startup_s, 7, "s")]
    rows_out += load_budgets(f"{label}: ", cold, first_map, 4 * MB, None)
    return rows_out + measure_interactions(f"{label}: slider step", steps, 300, 5 * KB) + region_rows, notes


UPLOAD_ROWS = 100_000


def bench_upload(browser) -> tuple[list[Budget], list[str]]:
    """A 100,000-row upload in the page: accepted, its largest region opened, played, exported, and
    the numbers the page gives checked against the Python reference on the same rows."""
    from benchmarks.bench_validate import rows_for_bench
    from components.core.data.columns import Col
    from components.core.data.dataset import DEFAULT_ACTIONS_PATH, load_dataset, load_dataset_text, region_table
    from components.core.data.region_lookup import RegionNames
    from components.core.data.upload import check_upload
    from components.core.view.metrics import table_actions
    from components.panels.url_state import state_from_query

    bundled = load_dataset(DEFAULT_ACTIONS_PATH)
    with tempfile.TemporaryDirectory(prefix="atlas-upload-") as tmp:
        path = Path(tmp) / "upload_100k.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows([Col.required(), *rows_for_bench(bundled, UPLOAD_ROWS)])
        names = RegionNames.from_regions(region_table(bundled.geojson))
        checked = check_upload(path.read_bytes(), path.name, names,
                               lambda text: load_dataset_text(text, bundled.geojson, version="bench"))
        assert checked.valid, checked.problems[:5]
        reference = checked.dataset  # as the server reads the upload (native region names resolved)
        regional = reference.actions[Col.REGION_ID]
        counts = regional[regional != ""].value_counts()
        largest = counts.index[0]
        name = reference.regions.at[largest, "name_en"]
        port = free_port()
        with running(app_serve_command(port), port) as server:
            context, wire = instrumented(browser, accept_downloads=True)
            page, _ = open_page(context, wire, server.url + "/")
            started = time.perf_counter()
            page.set_input_files("#upload input[type=file]", str(path))
            page.wait_for_function(f"Array.from(window.atlas.data._ready.values()).some(d => d.n === {UPLOAD_ROWS})",
                                   timeout=120_000)
            page.wait_for_function("window.atlas.map.idle()", timeout=TIMEOUT_MS)
            accepted_s = time.perf_counter() - started
            opened = pick_region(page, wire, name, name)
            count = page.text_content("#panel-count") or ""
            duration, drawn, months, _, _ = full_play(page, wire, UPLOAD_ROWS)
            with page.expect_download(timeout=120_000) as download:
                page.click("#download-csv-button")
            exported = list(csv.DictReader(Path(download.value.path()).open(encoding="utf-8-sig", newline="")))
            query = page.evaluate("window.location.search")
            context.close()
    expected = table_actions(reference, state_from_query(reference, query))
    return [
        Budget(f"upload of {UPLOAD_ROWS:,} rows: file chosen -> its data on the map", accepted_s, float("inf"), "s"),
        Budget(f"upload: its largest region ({largest}) chosen -> panel painted", opened, 1000, "ms"),
        Budget("upload: panel count differs from Python's (0 = same)",
               0 if count.startswith(f"{int(counts.iloc[0])} action(s) in view") else 1, 0, ""),
        Budget(f"upload: play of {months} months with its largest region open: duration", duration, float("inf"), "s"),
        Budget(f"upload: play, months the map missed (of {months})", months - drawn, 0, "missing"),
        Budget("upload: exported CSV rows differ from Python's table (0 = same)",
               0 if sorted(r[Col.ACTION_ID] for r in exported) == sorted(expected[Col.ACTION_ID]) else 1, 0, ""),
    ], [f"upload: exported {len(exported)} rows for {query}; Python's table has {len(expected)}"]


def largest(title: str, records: list[Record], top: int = 8) -> list[str]:
    lines = [f"largest responses, {title}:"]
    for r in sorted(records, key=lambda r: r.received, reverse=True)[:top]:
        path = r.url.split("/", 3)[-1].split("?")[0]
        lines.append(f"  {r.received / KB:8.1f} KB  {r.encoding or 'identity':8}  {r.method} /{path}")
    return lines


def report(rows: list[Budget], notes: list[str]) -> int:
    width = max(len(r.name) for r in rows)
    print(f"\n{'measure':{width}}  {'measured':>12}  {'budget':>10}  verdict")
    for r in rows:
        digits = 0 if r.measured is not None and float(r.measured).is_integer() else 2
        measured = "n/a" if r.measured is None else f"{r.measured:.{digits}f} {r.unit}".strip()
        limit = "-" if r.limit == float("inf") else f"{r.limit:g} {r.unit}".strip()
        verdict = "info" if r.limit == float("inf") else ("ok" if r.ok else "FAIL")
        print(f"{r.name:{width}}  {measured:>12}  {limit:>10}  {verdict}")
    print()
    print("\n".join(notes))
    failed = [r for r in rows if r.limit != float("inf") and not r.ok]
    print(f"\n{len(failed)} of {sum(r.limit != float('inf') for r in rows)} budgets missed")
    return 1 if failed else 0


PARTS = {"bundled": bench_bundled, "scaled": bench_scaled, "upload": bench_upload}


def main(parts: list[str]) -> int:
    """``parts``: some of bundled, scaled, upload (default all), e.g. to check one after a change."""
    rows, notes = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for part in parts or list(PARTS):
                try:
                    part_rows, part_notes = PARTS[part](browser)
                except Exception as err:  # the other parts' numbers are still reported
                    where = [f"{f.name}:{f.lineno} {f.line}" for f in traceback.extract_tb(err.__traceback__)
                             if f.filename == __file__][-3:]
                    part_rows = [Budget(f"{part}: ran to the end", None, 0, "")]
                    part_notes = [f"{part} failed: {err!r}"[:2000] + "".join(f"\n    at {w}" for w in where)]
                rows, notes = rows + part_rows, notes + part_notes
        finally:
            browser.close()
    return report(rows, notes)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
