"""The precomputed geometry results (data/regions-derived.json) are what the boundaries give today.

Why: start-up reads dot placement and adjacency from that file instead of computing them, so a
stale file would put dots or neighbours where the boundaries no longer are. Here both are
recomputed from data/regions.geojson and compared with the committed file; the start-up path
is shown to read the file, and to compute (with a warning) for boundaries the file is not for.
"""

from __future__ import annotations

import copy
import json
import logging
import math

import pandas as pd

from components.core.view import derived, dots
from components.core.analysis import adjacency
from components.core.data.dataset import DEFAULT_REGIONS_PATH, load_geojson
from scripts import build_derived


def same(a, b, path="") -> None:
    """Equal structure and strings; floats equal to 1e-9 (another platform's last bits)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), path
    elif isinstance(a, dict):
        assert sorted(a) == sorted(b), path
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, path


def test_the_committed_file_is_what_the_boundaries_give_today():
    committed = json.loads(derived.DERIVED_PATH.read_text(encoding="utf-8"))
    recomputed = json.loads(build_derived.build(DEFAULT_REGIONS_PATH))
    assert committed["geometry_sha256"] == derived.geometry_digest(load_geojson(DEFAULT_REGIONS_PATH)), \
        f"data/regions-derived.json is for other boundaries: run `{derived.REFRESH_COMMAND}`"
    same(recomputed, committed)
    assert set(committed["dots"]["region_ids"]) >= {"KR-11", "JP-13", "CN-HK", "CN-MO"}
    assert {"CN-HI", "KR-49"} <= set(committed["adjacency"]["islands"])


def test_start_up_reads_the_file_and_gets_what_computing_gives(small):
    layout = dots.from_json(derived.section(small.geojson, "dots"))
    assert dots.dot_layout(small).region_ids == layout.region_ids
    stored = adjacency.adjacency_for_file(DEFAULT_REGIONS_PATH)
    computed = adjacency.build_adjacency(adjacency.region_geometries(load_geojson(DEFAULT_REGIONS_PATH)))
    pd.testing.assert_frame_equal(stored.pairs, computed.pairs)
    assert (stored.matrix == computed.matrix).all() and stored.islands == computed.islands
    pd.testing.assert_frame_equal(stored.points, computed.points, check_names=False)


def test_other_boundaries_are_computed_with_a_warning_naming_the_command(caplog):
    edited = copy.deepcopy(load_geojson(DEFAULT_REGIONS_PATH))
    edited["features"][0]["properties"]["name_en"] += " (edited)"
    with caplog.at_level(logging.WARNING, logger=derived.__name__):
        assert derived.section(edited, "dots") is None
    assert derived.REFRESH_COMMAND in caplog.text
