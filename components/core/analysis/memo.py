"""Caches of pure work, keyed by the content of DataFrames rather than by the objects.

Why: in one view the Analysis view asks several analytics about the same filtered actions
(each starts from ``region_firsts``), and a user returning to a view asks the same again.
DataFrames are not hashable, and an object's identity says nothing about its rows, so these
caches key on a digest of the columns a computation reads (pandas' row hashing, then
SHA-256): two equal frames share an entry, and a changed frame can never hit a stale one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd


def content_key(frame: pd.DataFrame, columns: list[str] | None = None) -> str:
    """A digest of ``frame``'s rows (only ``columns``, in order), ignoring its index."""
    part = frame if columns is None else frame[columns]
    rows = pd.util.hash_pandas_object(part, index=False).to_numpy()
    return hashlib.sha256(rows.tobytes() + repr(list(part.columns)).encode()).hexdigest()


@dataclass(frozen=True)
class ByContent:
    """An argument to an ``lru_cache``d function: compared and hashed by ``key`` alone, carrying ``value``."""

    key: tuple
    value: object = field(compare=False, hash=False)
