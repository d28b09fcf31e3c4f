"""Server time of the Analysis view per view (``make bench-analysis``; not part of ``make test``).

Why through Dash's own endpoint: the number that matters is what one view costs the server,
request parsing and the figures' JSON included, so each chart's callback is POSTed to
``/_dash-update-component`` with Flask's test client, exactly as the browser sends it (the
payloads are built from ``/_dash-dependencies``). Network time is left out; so is the browser.

For each of a set of views (filters and windows a user would pick) it reports the sum over the
six chart callbacks, cold (every cache of pure work cleared first: first actions, the
permutation test) and warm (the same view again), as wall time and as this process's CPU time
(the CPU figure is the stable one on a busy machine). The budget is 200 ms of server time per
view; the exit status is 1 when the median cold view misses it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from components.core.analysis import data as analysis_data  # noqa: E402
from components.core.analysis import default_milestones  # noqa: E402
from components.core.analysis.firsts import _region_firsts  # noqa: E402
from components.panels.ids import Ids  # noqa: E402

BUDGET_MS = 200
VIEWS = [
    {},
    {"countries": ["KR"]},
    {"countries": ["CN", "JP"], "end": "2023-06"},
    {"start": "2022-01", "end": "2024-12"},
    {"levels": ["provincial"], "types": ["strategy_plan", "funding", "law_regulation"]},
    {"verification": ["verified"]},
    {"search": "metaverse"},
    {"end": "2022-03"},
]


def payloads(app) -> list[dict]:
    """One request body per server callback that listens to the analysis view."""
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    defaults = default_milestones(app.atlas_dataset.actions)
    values = {str(Ids.OWN_DATA): None, str(Ids.COUNTS_BY): "level", str(Ids.COUNTS_FREQ): "month"}

    def entry(spec: dict):
        if spec["id"].startswith("{"):
            pattern = json.loads(spec["id"])
            return [{"id": {**pattern, "country": c}, "property": spec["property"],
                     "value": v if spec["property"] == "value" else {**pattern, "country": c}}
                    for c, v in defaults.items()]
        return {"id": spec["id"], "property": spec["property"], "value": values.get(spec["id"])}

    bodies = []
    for dependency in dependencies:
        if dependency.get("clientside_function") or Ids.ANALYSIS_VIEW not in [i["id"] for i in dependency["inputs"]]:
            continue
        outputs = [{"id": part.split(".")[0], "property": part.split(".")[1]}
                   for part in dependency["output"].strip(".").split("...")]
        bodies.append({
            "output": dependency["output"], "outputs": outputs,
            "inputs": [entry(i) for i in dependency["inputs"]], "state": [entry(s) for s in dependency["state"]],
            "changedPropIds": [f"{Ids.ANALYSIS_VIEW}.data"],
        })
    return bodies


def one_view(client, bodies: list[dict], view: dict, per_chart: dict | None = None) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        for item in body["inputs"]:
            if isinstance(item, dict) and item["id"] == Ids.ANALYSIS_VIEW:
                item["value"] = view
        started = time.process_time()
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200, (response.status_code, response.data[:300])
        if per_chart is not None:
            per_chart.setdefault(body["output"].strip(".").split(".")[0], []).append((time.process_time() - started) * 1000)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def clear_caches() -> None:
    _region_firsts.cache_clear()
    analysis_data._neighbour_test.cache_clear()


def main() -> int:
    app = create_app()
    client = app.server.test_client()
    bodies = payloads(app)
    print(f"{len(bodies)} chart callbacks per view; budget {BUDGET_MS} ms server time per view\n")
    one_view(client, bodies, {})  # warm the imports and the JSON encoder once
    print(f"{'view':58} {'cold wall':>10} {'cold cpu':>9} {'warm wall':>10} {'warm cpu':>9}")
    cold_cpu, cold_wall, warm_cpu, per_chart = [], [], [], {}
    for view in VIEWS:
        clear_caches()
        wall, cpu = one_view(client, bodies, view, per_chart)
        warm_wall, warm = one_view(client, bodies, view)
        cold_wall.append(wall)
        cold_cpu.append(cpu)
        warm_cpu.append(warm)
        label = json.dumps(view) if view else "(default view)"
        print(f"{label[:58]:58} {wall:8.0f}ms {cpu:7.0f}ms {warm_wall:8.0f}ms {warm:7.0f}ms")
    median_cpu, median_wall = statistics.median(cold_cpu), statistics.median(cold_wall)
    print(f"\ncold view: median {median_cpu:.0f} ms CPU ({median_wall:.0f} ms wall), worst {max(cold_cpu):.0f} ms CPU; "
          f"warm view: median {statistics.median(warm_cpu):.0f} ms CPU")
    print("cold, per chart callback (median CPU): " + ", ".join(
        f"{graph.replace('-graph', '')} {statistics.median(times):.0f} ms" for graph, times in per_chart.items()))
    ok = median_cpu <= BUDGET_MS
    print("PASS" if ok else f"FAIL: median cold view {median_cpu:.0f} ms > {BUDGET_MS} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
