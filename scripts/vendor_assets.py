"""Vendor the plotly.js partial bundle (geo + scatter traces), and axe-core for the tests, into ``assets/vendor/``.

Why: dcc.Graph lazy-loads Dash's full plotly.js (~4.8 MB) unless ``window.Plotly``
exists. The atlas draws only choropleth, scattergeo and scatter traces, so it ships
npm's ``plotly.js-geo-dist-min`` instead (~1.4 MB), at exactly the plotly.js version the
pinned ``plotly`` Python package carries, so figures built in Python mean the same in the
browser. Dash loads every ``.js`` under ``assets/`` before its renderer, so the bundle
defines ``window.Plotly`` before any graph renders.

``make vendor`` (= ``python scripts/vendor_assets.py``) ``npm pack``s the package,
copies the bundle and its licence, and writes ``assets/vendor/MANIFEST.json`` (package,
version, file, licence, sha256). Re-running it gives the same bytes.

axe-core (``axe.min.js``) is vendored beside it for the accessibility browser test only:
``app.py`` tells Dash to ignore it (``ASSETS_IGNORE``) and the test injects its text into the
page, so no user ever downloads it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "assets" / "vendor"
MANIFEST_PATH = VENDOR_DIR / "MANIFEST.json"
PACKAGE = "plotly.js-geo-dist-min"
BUNDLE = "plotly-geo.min.js"
LICENSE = "plotly-geo.min.js.LICENSE.txt"
AXE_PACKAGE = "axe-core"
AXE_VERSION = "4.14.1"
AXE_BUNDLE = "axe.min.js"
AXE_LICENSE = "axe.min.js.LICENSE.txt"
_AXE_HEADER_VERSION = re.compile(r"/\*! axe v(\d+\.\d+\.\d+)")
_HEADER_VERSION = re.compile(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)")


def pinned_plotlyjs_version() -> str:
    """The plotly.js version bundled with the installed (pinned) ``plotly`` package."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def _banner_version(path: Path, pattern: re.Pattern, length: int, package: str) -> str:
    with path.open(encoding="utf-8") as handle:
        banner = handle.read(length)
    match = pattern.search(banner)
    if not match:
        raise ValueError(f"{path}: no {package} version in its banner")
    return match.group(1)


def bundle_version(path: Path) -> str:
    """The version in a plotly.js bundle's banner, e.g. ``plotly.js (geo - minified) v4.1.1``."""
    return _banner_version(path, _HEADER_VERSION, 300, "plotly.js")


def axe_version(path: Path) -> str:
    """The version in axe-core's banner, e.g. ``/*! axe v4.14.1``."""
    return _banner_version(path, _AXE_HEADER_VERSION, 100, "axe-core")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest() -> list[dict]:
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))["files"]


def _vendor_axe(npm_pack) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        package = npm_pack(f"{AXE_PACKAGE}@{AXE_VERSION}", Path(tmp))
        package_json = json.loads((package / "package.json").read_text(encoding="utf-8"))
        shutil.copyfile(package / AXE_BUNDLE, VENDOR_DIR / AXE_BUNDLE)
        shutil.copyfile(package / "LICENSE", VENDOR_DIR / AXE_LICENSE)
    if axe_version(VENDOR_DIR / AXE_BUNDLE) != AXE_VERSION:
        raise SystemExit(f"{AXE_PACKAGE}@{AXE_VERSION} contains a bundle of another version")
    return {
        "package": AXE_PACKAGE,
        "version": AXE_VERSION,
        "file": AXE_BUNDLE,
        "licence": package_json["license"],
        "licence_file": AXE_LICENSE,
        "sha256": sha256(VENDOR_DIR / AXE_BUNDLE),
        "source": f"npm pack {AXE_PACKAGE}@{AXE_VERSION}",
        "why": "accessibility rules engine for tests/browser/test_accessibility.py only; never served to the app's pages",
    }


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_boundaries import npm_pack

    version = pinned_plotlyjs_version()
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        package = npm_pack(f"{PACKAGE}@{version}", Path(tmp))
        package_json = json.loads((package / "package.json").read_text(encoding="utf-8"))
        shutil.copyfile(package / BUNDLE, VENDOR_DIR / BUNDLE)
        shutil.copyfile(package / "LICENSE", VENDOR_DIR / LICENSE)
    if bundle_version(VENDOR_DIR / BUNDLE) != version:
        raise SystemExit(f"{PACKAGE}@{version} contains a bundle of another version")
    entry = {
        "package": PACKAGE,
        "version": version,
        "file": BUNDLE,
        "licence": package_json["license"],
        "licence_file": LICENSE,
        "sha256": sha256(VENDOR_DIR / BUNDLE),
        "source": f"npm pack {PACKAGE}@{version}",
        "why": "plotly.js partial bundle (choropleth, scattergeo, scatter); version = the pinned plotly's plotly.js",
    }
    axe = _vendor_axe(npm_pack)
    MANIFEST_PATH.write_text(json.dumps({"files": [entry, axe]}, indent=2) + "\n", encoding="utf-8")
    print(f"vendored {PACKAGE}@{version} -> {(VENDOR_DIR / BUNDLE).relative_to(ROOT)} ({entry['sha256'][:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
