"""Which dataset a server callback works on: the bundled one, or the user's own, sent with the request.

Why: an uploaded dataset belongs to one browser tab, and the server keeps no per-user state
(any worker, any instance can answer). So the tab keeps its validated file in the
``own-data`` store ({"name", "csv", "sha256"}; ``csv`` is normalised UTF-8 text) and every
server callback that needs the data (exports, analysis, briefings) takes that store as
State and calls ``dataset_for``. Loading is cached by content hash, a cache of pure work,
not of anyone's state: a second request with the same file costs nothing.
"""

from __future__ import annotations

import functools
import hashlib

from components.core.data.dataset import Dataset, load_dataset_text, load_geojson

CACHE_SIZE = 8


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dataset_for(bundled: Dataset, own: dict | None) -> Dataset:
    """The bundled dataset, or the tab's own one (validated again: a request is never trusted)."""
    if not isinstance(own, dict) or not isinstance(own.get("csv"), str):
        return bundled
    return load_own(own["csv"])


def load_own(text: str) -> Dataset:
    """A user's normalised CSV as a Dataset (raises ``schema.DatasetError``); versioned by its content."""
    return _load_text(digest(text), text)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _load_text(content_digest: str, text: str) -> Dataset:
    return load_dataset_text(text, _boundaries(), version=f"own-{content_digest[:8]}", source="own data")


@functools.cache
def _boundaries() -> dict:
    return load_geojson()
