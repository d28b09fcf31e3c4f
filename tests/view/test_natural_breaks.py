"""The map's count classes: our Fisher-Jenks gives mapclassify's breaks, ties and all, without importing it at start-up."""

from __future__ import annotations

import subprocess
import sys
import warnings

import mapclassify
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.core.view.natural_breaks import fisher_jenks_bins


def mapclassify_bins(values, k: int) -> list[float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Numba not installed"
        return mapclassify.FisherJenks(np.asarray(values), k=k).bins.tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=60), min_size=5, max_size=80), st.integers(min_value=1, max_value=5))
def test_same_breaks_as_mapclassify_on_tie_heavy_counts(values, k):
    if len(set(values)) < k:
        with pytest.raises(ValueError, match="Fewer unique values"):
            fisher_jenks_bins(values, k)
        return
    assert fisher_jenks_bins(values, k).tolist() == mapclassify_bins(values, k)


@pytest.mark.parametrize("seed", range(6))
def test_same_breaks_as_mapclassify_on_long_tailed_counts(seed):
    """Counts like a region's at 100x the data: a few hundred regions, a long tail, large values."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.pareto(1.0, 250) * (5 + 40 * seed)) + 1
    assert fisher_jenks_bins(values, 5).tolist() == mapclassify_bins(values, 5)


def test_known_breaks():
    """mapclassify 2.10's answer for these counts, written down: it holds if mapclassify is ever dropped."""
    assert fisher_jenks_bins([1, 1, 1, 2, 2, 3, 4, 6, 9, 12, 15, 15, 31], 5).tolist() == [3, 6, 12, 15, 31]


def test_building_the_app_does_not_import_mapclassify_or_scipy_stats():
    """Why this module exists: mapclassify pulls in scipy.stats and sklearn, seconds of start-up."""
    code = ("import sys, app; app.create_app(); "
            "print(sorted(m for m in ('mapclassify', 'scipy.stats', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr[-2000:]
