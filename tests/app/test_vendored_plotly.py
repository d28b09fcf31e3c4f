"""The vendored plotly.js partial bundle and axe-core: right version, intact, licensed; only plotly on the page.

Why: a bundle of another plotly.js version than the pinned ``plotly`` package would
interpret the Python-built figures differently, and a bundle edited by hand would no
longer be the npm package it claims to be.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
import pytest

from app import create_app
from scripts.vendor_assets import (
    AXE_BUNDLE, AXE_VERSION, BUNDLE, REGENERATOR_FILE, REGENERATOR_VERSION, VENDOR_DIR, axe_version, bundle_version,
    pinned_plotlyjs_version, read_manifest, sha256,
)

LICENCE_WORDING = {"MIT": "Permission is hereby granted", "MPL-2.0": "Mozilla Public License, version 2.0",
                   "Apache-2.0": "Apache License"}

FULL_BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@pytest.fixture(scope="module")
def manifest():
    return {entry["file"]: entry for entry in read_manifest()}


def test_vendored_bundle_is_the_pinned_plotly_js_version(manifest):
    pinned = pinned_plotlyjs_version()
    assert bundle_version(FULL_BUNDLE) == pinned
    assert bundle_version(VENDOR_DIR / BUNDLE) == pinned
    assert manifest[BUNDLE]["version"] == pinned
    assert manifest[BUNDLE]["package"] == "plotly.js-geo-dist-min"


def test_every_manifest_entry_matches_its_file_and_carries_its_licence(manifest):
    for name, entry in manifest.items():
        assert sha256(VENDOR_DIR / name) == entry["sha256"], f"{name} differs from the vendored package; run make vendor"
        licence = (VENDOR_DIR / entry["licence_file"]).read_text(encoding="utf-8")
        assert LICENCE_WORDING[entry["licence"]] in licence


def test_vendored_axe_is_the_version_the_manifest_names(manifest):
    entry = manifest[AXE_BUNDLE]
    assert entry["package"] == "axe-core"
    assert axe_version(VENDOR_DIR / AXE_BUNDLE) == entry["version"] == AXE_VERSION
    assert entry["sha256"] == sha256(VENDOR_DIR / AXE_BUNDLE)
    assert entry["source"] == f"npm pack axe-core@{AXE_VERSION}"


def test_vendored_regenerator_runtime_is_the_one_babel_polyfill_carries(manifest):
    entry = manifest[REGENERATOR_FILE]
    assert entry["package"] == "regenerator-runtime" and entry["version"] == REGENERATOR_VERSION
    assert entry["source"] == f"npm pack regenerator-runtime@{REGENERATOR_VERSION}"
    assert "regeneratorRuntime = runtime" in (VENDOR_DIR / REGENERATOR_FILE).read_text(encoding="utf-8")


def test_bundle_banner_without_a_version_is_an_error(tmp_path):
    path = tmp_path / "x.js"
    path.write_text("/* not plotly */", encoding="utf-8")
    with pytest.raises(ValueError, match="no plotly.js version"):
        bundle_version(path)


def test_page_loads_the_partial_bundle_and_never_names_the_full_one(small_csv):
    index = create_app(small_csv, version="test").server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert [s for s in scripts if s.startswith(f"/assets/vendor/{BUNDLE}?m=")]
    assert not [s for s in scripts if "plotly.min.js" in s or "plotlyjs" in s]
    assert not [s for s in scripts if "axe" in s], "axe-core is for the accessibility test only"


def test_page_loads_regenerator_runtime_instead_of_dashs_legacy_polyfill_and_holds_back_the_grid(small_csv):
    index = create_app(small_csv, version="test").server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert not [s for s in scripts if "polyfill" in s]
    assert [s for s in scripts if s.startswith(f"/assets/vendor/{REGENERATOR_FILE}?m=")]
    assert scripts[0].startswith("/_dash-component-suites/dash/deps/react@"), "React still loads first, as Dash orders it"
    assert not [s for s in scripts if "dash_ag_grid" in s]
    listing = json.loads(re.search(r'<script type="application/json" id="atlas-on-demand">(.*?)</script>', index).group(1))
    [grid_bundle] = listing["dash_ag_grid"]
    assert re.fullmatch(r"/_dash-component-suites/dash_ag_grid/dash_ag_grid\.v[\w]+\.min\.js", grid_bundle)
