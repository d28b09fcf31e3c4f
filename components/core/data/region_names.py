"""Region names in the four interface languages, read from ``data/region_names.csv``.

Why a file and not pycountry at run time: pycountry has no Korean or Japanese names for
Chinese provinces, no Chinese or Japanese names for Korean provinces, and misspells three
Japanese prefectures in Chinese. ``scripts/build_region_names.py`` merges the boundary
file's names, pycountry's and a referenced curated table into one reviewed CSV that
records where every name comes from; the app only reads it. English is the fallback for
an unknown language and for an empty cell, so a missing translation never shows a blank.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from components.core.data.columns import RegionCol
from components.core.data.dataset import DATA_DIR

LANGUAGES = ("en", "zh", "ko", "ja")
DEFAULT_LANGUAGE = "en"
DEFAULT_REGION_NAMES_PATH = DATA_DIR / "region_names.csv"
CSV_COLUMNS = (RegionCol.REGION_ID, *LANGUAGES, *(f"source_{lang}" for lang in LANGUAGES))


def normalise_language(lang: str | None) -> str:
    """``'ja-JP'`` -> ``'ja'``, ``'zh_Hans'`` -> ``'zh'``; anything else -> English."""
    primary = re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def region_names(lang: str | None, path: Path | str = DEFAULT_REGION_NAMES_PATH) -> dict[str, str]:
    """``{region_id: name}`` in ``lang``, the English name wherever that language's cell is empty."""
    lang = normalise_language(lang)
    return {
        row[RegionCol.REGION_ID]: row[lang] or row[DEFAULT_LANGUAGE] or row[RegionCol.REGION_ID]
        for row in _read(Path(path))
    }


@functools.lru_cache(maxsize=4)
def _read(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(CSV_COLUMNS)}")
        rows = tuple({c: (row[c] or "").strip() for c in CSV_COLUMNS} for row in reader)
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        region_id = row[RegionCol.REGION_ID]
        if not region_id or region_id in seen:
            problem = "is empty" if not region_id else f"repeats {region_id!r}"
            raise ValueError(f"{path}, row {line}: column {RegionCol.REGION_ID} {problem}")
        seen.add(region_id)
    return rows
