"""Vendor the plotly.js partial bundle (geo + scatter traces), regenerator-runtime, and axe-core for the tests, into ``assets/vendor/``.

Why: dcc.Graph lazy-loads Dash's full plotly.js (~4.8 MB) unless ``window.Plotly``
exists. The atlas draws only choropleth, scattergeo and scatter traces, so it ships
npm's ``plotly.js-geo-dist-min`` instead (~1.4 MB), at exactly the plotly.js version the
pinned ``plotly`` Python package carries, so figures built in Python mean the same in the
browser. Dash loads every ``.js`` under ``assets/`` before its renderer, so the bundle
defines ``window.Plotly`` before any graph renders.

``make vendor`` (= ``python scripts/vendor_assets.py``) ``npm pack``s the package,
copies the bundle and its licence, and writes ``assets/vendor/MANIFEST.json`` (package,
version, file, licence, sha256). Re-running it gives the same bytes.

``regenerator-runtime`` (``regenerator-runtime.js``) is the part of Dash's ``@babel/polyfill``
that Dash's bundles still call (their lazy loaders are transpiled generators). The page drops
that polyfill, whose other part re-implements built-ins a current browser has.

Swagger UI (``swagger-ui-bundle.js``, ``swagger-ui.css``) renders the read API's OpenAPI description
at ``/api/docs``; ``app.py`` keeps both off the map's page (``ASSETS_IGNORE``) as it does axe-core.

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
from collections.abc import Callable
from dataclasses import dataclass
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
REGENERATOR_PACKAGE = "regenerator-runtime"
REGENERATOR_VERSION = "0.13.11"  # what Dash's @babel/polyfill 7.12.1 resolves (^0.13.4)
REGENERATOR_FILE = "regenerator-runtime.js"
REGENERATOR_LICENSE = "regenerator-runtime.js.LICENSE.txt"
SWAGGER_PACKAGE = "swagger-ui-dist"
SWAGGER_VERSION = "5.36.0"
SWAGGER_BUNDLE = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"
SWAGGER_LICENSE = "swagger-ui.LICENSE.txt"
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


@dataclass(frozen=True)
class Vendored:
    """One file taken from an npm package: where it comes from, where it goes, and why."""

    package: str
    version: str
    source_file: str
    file: str
    licence_file: str
    why: str
    banner_version: Callable[[Path], str] | None = None


def vendored_packages() -> list[Vendored]:
    return [
        Vendored(PACKAGE, pinned_plotlyjs_version(), BUNDLE, BUNDLE, LICENSE,
                 "plotly.js partial bundle (choropleth, scattergeo, scatter); version = the pinned plotly's plotly.js",
                 bundle_version),
        Vendored(REGENERATOR_PACKAGE, REGENERATOR_VERSION, "runtime.js", REGENERATOR_FILE, REGENERATOR_LICENSE,
                 "the one part of Dash's @babel/polyfill its bundles still need (async lazy loading); "
                 "the page drops that polyfill (components/serving.trim_page_scripts)"),
        Vendored(AXE_PACKAGE, AXE_VERSION, AXE_BUNDLE, AXE_BUNDLE, AXE_LICENSE,
                 "accessibility rules engine for tests/browser/test_accessibility.py only; never served to the app's pages",
                 axe_version),
        Vendored(SWAGGER_PACKAGE, SWAGGER_VERSION, SWAGGER_BUNDLE, SWAGGER_BUNDLE, SWAGGER_LICENSE,
                 "renders the read API's OpenAPI description at /api/docs (components/api.py); never on the map's page"),
        Vendored(SWAGGER_PACKAGE, SWAGGER_VERSION, SWAGGER_CSS, SWAGGER_CSS, SWAGGER_LICENSE,
                 "the styles of the API documentation page at /api/docs"),
    ]


def vendor(item: Vendored, npm_pack) -> dict:
    """``npm pack`` the package, copy its file and licence into ``assets/vendor/``; the manifest entry."""
    with tempfile.TemporaryDirectory() as tmp:
        package = npm_pack(f"{item.package}@{item.version}", Path(tmp))
        package_json = json.loads((package / "package.json").read_text(encoding="utf-8"))
        shutil.copyfile(package / item.source_file, VENDOR_DIR / item.file)
        shutil.copyfile(package / "LICENSE", VENDOR_DIR / item.licence_file)
    if package_json["version"] != item.version or (
            item.banner_version and item.banner_version(VENDOR_DIR / item.file) != item.version):
        raise SystemExit(f"{item.package}@{item.version} contains a file of another version")
    return {
        "package": item.package,
        "version": item.version,
        "file": item.file,
        "licence": package_json["license"],
        "licence_file": item.licence_file,
        "sha256": sha256(VENDOR_DIR / item.file),
        "source": f"npm pack {item.package}@{item.version}",
        "why": item.why,
    }


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_boundaries import npm_pack

    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    entries = [vendor(item, npm_pack) for item in vendored_packages()]
    MANIFEST_PATH.write_text(json.dumps({"files": entries}, indent=2) + "\n", encoding="utf-8")
    for entry in entries:
        print(f"vendored {entry['package']}@{entry['version']} -> assets/vendor/{entry['file']} ({entry['sha256'][:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
