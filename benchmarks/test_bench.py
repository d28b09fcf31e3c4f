"""Speed budget of the interactive path (run with `make bench`, not part of `make test`).

Targets, on the 2-core reference machine:
- a slider move or filter change (aggregates + colours + hover + Patch) under 25 ms;
- the Patch a slider move sends is under 10 % of what the first load sends (figure + geometry);
- building the app (load, validate, precompute) under 3 s.
"""

from __future__ import annotations

import json
import time

import plotly.io as pio
import pytest
from dash import Patch

from app import create_app
from components.core import figures
from components.panels import drilldown, map_panel, url_state
from components.core.dataset import load_dataset
from components.core.metrics import build_cube

VIEW_UPDATE_BUDGET_S = 0.025
PATCH_SHARE_BUDGET = 0.10
APP_BUILD_BUDGET_S = 3.0


@pytest.fixture(scope="module")
def loaded():
    dataset = load_dataset()
    cube = build_cube(dataset)
    markers = figures.small_regions(dataset)
    return dataset, cube, markers


def _slider_states(dataset):
    base = url_state.default_state(dataset)
    return [base.replace(end=label) for label in dataset.month_labels[6:]]


def test_bench_slider_move_patch(benchmark, loaded):
    dataset, cube, markers = loaded
    states = _slider_states(dataset)
    counter = iter(range(10**9))

    def move():
        state = states[next(counter) % len(states)]
        update = map_panel.view_update(dataset, cube, markers, state)
        return figures.apply_update(Patch(), update).to_plotly_json()

    benchmark(move)
    assert benchmark.stats.stats.mean < VIEW_UPDATE_BUDGET_S


def test_bench_patch_is_small_next_to_the_full_figure(loaded):
    dataset, cube, markers = loaded
    full = figures.base_map_figure(dataset, markers, geojson_url="/geo/regions.geojson")
    update = map_panel.view_update(dataset, cube, markers, url_state.default_state(dataset).replace(end="2023-01"))
    patch = figures.apply_update(Patch(), update)
    patch_bytes = len(json.dumps(patch.to_plotly_json(), default=str))
    full_bytes = len(pio.to_json(full))
    geometry_bytes = len(json.dumps(dataset.geojson))
    print(f"\npatch {patch_bytes / 1024:.1f} KB vs full figure {full_bytes / 1024:.1f} KB + geometry {geometry_bytes / 1024:.0f} KB (once)")
    full_bytes += geometry_bytes
    assert patch_bytes / full_bytes < PATCH_SHARE_BUDGET


def test_bench_filter_change_with_panel(benchmark, loaded):
    dataset, cube, markers = loaded
    state = url_state.default_state(dataset).replace(countries=["CN"], levels=["provincial", "municipal"], region="CN-SH")
    view = url_state.as_dict(state)

    def change():
        map_panel.view_update(dataset, cube, markers, state)
        return drilldown.panel_content(dataset, view, None)

    benchmark(change)


def test_bench_app_build():
    start = time.perf_counter()
    create_app()
    elapsed = time.perf_counter() - start
    print(f"\napp build {elapsed:.2f} s")
    assert elapsed < APP_BUILD_BUDGET_S
