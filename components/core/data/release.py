"""What a release of the bundled dataset is: its version, the date of that version, and how far it was collected.

Why one module: the API's ``/api/v1/version``, the citation metadata (``citation``), the
data package and ``CITATION.cff`` all state these facts, and each must state the same.

- The version is ``data/VERSION``.
- Its date is the day of the searches behind it: the latest ``searched_on`` of
  ``data/coverage.csv`` (``data/README.md`` gives the same pair, 2027.1.0 and 2026-11-29).
- ``collected_to`` (the last month the collection covers) is what ``data/coverage.csv``
  declares in its ``collected_to`` column: the earliest of the regions' months, as
  ``coverage.Collection`` reads it for the app (2026-02 for dataset 2027.1.0). A coverage file
  without the column declares nothing and ``collected_to()`` answers ``None``; it is not guessed
  from the latest action's date, which is where the actions stop, not where the searching stopped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from components.core.data.coverage import COVERAGE_FILENAME, CoverageCol, is_month
from components.core.data.dataset import DATA_DIR, VERSION_PATH, read_version
from components.core.data.schema import is_iso_date

COLLECTED_TO_UNDECLARED = ("this dataset does not declare the month its collection runs to; the date of its "
                           "searches is in 'date', and its latest action in 'latest_action'")


@dataclass(frozen=True)
class Release:
    version: str
    date: str | None
    collected_to: str | None
    collected_to_note: str | None


def version_date(data_dir: Path = DATA_DIR) -> str | None:
    """The latest ``searched_on`` of the coverage file (YYYY-MM-DD), or None without one."""
    path = data_dir / COVERAGE_FILENAME
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        days = [row[CoverageCol.SEARCHED_ON] for row in csv.DictReader(handle)]
    days = [day for day in days if day and is_iso_date(day)]
    return max(days) if days else None


def collected_to(data_dir: Path = DATA_DIR) -> str | None:
    """The month (YYYY-MM) the coverage file declares the collection runs to (its regions' earliest), or None."""
    path = data_dir / COVERAGE_FILENAME
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        months = [row.get(CoverageCol.COLLECTED_TO) or "" for row in csv.DictReader(handle)]
    return min(months) if months and all(is_month(m) for m in months) else None


def release(data_dir: Path = DATA_DIR) -> Release:
    declared = collected_to(data_dir)
    return Release(version=read_version(data_dir / VERSION_PATH.name), date=version_date(data_dir),
                   collected_to=declared, collected_to_note=None if declared else COLLECTED_TO_UNDECLARED)
