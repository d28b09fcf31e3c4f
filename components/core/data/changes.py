"""What changed between dataset versions: ``data/changes.csv``, and the actions new in this version.

Why a file beside the CSV: the app must say which actions are new in the version it shows
(a filter and a mark in the panel) without git at run time. ``scripts/build_changelog.py``
compares each release's CSV with the one before (from git history) and writes this file and
``data/CHANGELOG.md`` from the same comparison; a test rebuilds both and compares. One row per
action and version: ``version,action_id,change,fields`` with ``change`` one of ``added``,
``changed`` (``fields``: the columns that differ, separated by ``;``) or ``removed``.
An upload has no such file, so none of its actions is new.
"""

from __future__ import annotations

import csv
from pathlib import Path

CHANGES_FILENAME = "changes.csv"
CHANGE_COLUMNS = ("version", "action_id", "change", "fields")
CHANGE_KINDS = ("added", "changed", "removed")


def read_changes(path: Path | str) -> list[dict[str, str]]:
    """The rows of a changes file (empty when there is none)."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def new_ids(rows: list[dict[str, str]], version: str) -> frozenset[str]:
    """The ids added in ``version``."""
    return frozenset(r["action_id"] for r in rows if r.get("version") == version and r.get("change") == "added")


def new_ids_beside(actions_path: Path | str, version: str) -> frozenset[str]:
    """The ids new in ``version`` according to the changes file next to the actions CSV."""
    return new_ids(read_changes(Path(actions_path).with_name(CHANGES_FILENAME)), version)
