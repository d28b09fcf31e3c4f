"""The vendored Swagger UI behind /api/docs: the pinned version, intact, licensed, and only on the docs page."""

from __future__ import annotations

import re

from scripts.vendor_assets import SWAGGER_BUNDLE, SWAGGER_CSS, SWAGGER_VERSION, VENDOR_DIR, read_manifest, sha256


def test_swagger_ui_files_are_the_pinned_npm_release():
    entries = {e["file"]: e for e in read_manifest()}
    for name in (SWAGGER_BUNDLE, SWAGGER_CSS):
        entry = entries[name]
        assert entry["package"] == "swagger-ui-dist" and entry["version"] == SWAGGER_VERSION
        assert entry["source"] == f"npm pack swagger-ui-dist@{SWAGGER_VERSION}"
        assert entry["sha256"] == sha256(VENDOR_DIR / name) and entry["licence"] == "Apache-2.0"
    bundle = (VENDOR_DIR / SWAGGER_BUNDLE).read_text(encoding="utf-8")
    assert re.findall(r'PACKAGE_VERSION:"([\d.]+)"', bundle) == [SWAGGER_VERSION], "the bundle reports its own version"
