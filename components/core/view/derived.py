"""Results that depend on the boundary file alone, precomputed: dot placement and adjacency.

Why a file: placing the dots (``dots``) and finding neighbours (``analytics.adjacency``) took
about half of start-up (at 100x the data as at 1x, since neither reads the actions), and both
are fixed once the boundaries are. ``python app.py build-derived`` (also run by
``build-boundaries``) writes them to ``data/regions-derived.json``, deterministic JSON keyed by
the digest of the geometry they were computed from.

At start-up a section is used only when that digest is the digest of the boundaries in use.
When it is not (a rebuilt boundary file whose derived file was not regenerated, or another
boundary file), the section is computed as before and a warning names the command that
refreshes the file: the atlas still starts, only slower, and ``tests/view/test_derived.py`` fails
until the committed file matches the committed boundaries again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from pathlib import Path

from components.core.data.dataset import DATA_DIR

DERIVED_PATH = DATA_DIR / "regions-derived.json"
REFRESH_COMMAND = "python app.py build-derived"
log = logging.getLogger(__name__)


def geometry_digest(geojson: dict) -> str:
    """SHA-256 of the boundaries' content (their compact JSON), whatever file they came from."""
    return hashlib.sha256(json.dumps(geojson, separators=(",", ":")).encode()).hexdigest()


def encode(sections: dict, digest: str) -> bytes:
    """The file's bytes: sorted keys, no spaces, no NaN (one result, one byte string)."""
    content = {"geometry_sha256": digest, **sections}
    return (json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
            + "\n").encode("utf-8")


@functools.lru_cache(maxsize=2)
def _read(path: str, _mtime_ns: int) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("%s not read (%s); computing from the boundaries instead", path, err)
        return None


_warned: set[tuple[str, str]] = set()


def section(geojson: dict, name: str, path: Path = DERIVED_PATH) -> dict | None:
    """The precomputed ``name`` for these boundaries, or None (with a warning) when the file is for others."""
    try:
        content = _read(str(path), path.stat().st_mtime_ns)
    except OSError:
        content = None
    digest = geometry_digest(geojson)
    if content is not None and content.get("geometry_sha256") == digest and name in content:
        return content[name]
    if (digest, name) not in _warned:
        _warned.add((digest, name))
        log.warning("%s holds no %s for these boundaries (sha256 %s); computing it at start-up instead. "
                    "Run `%s` after rebuilding the boundaries.", path.name, name, digest[:12], REFRESH_COMMAND)
    return None
