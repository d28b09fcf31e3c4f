"""Read and write ``data/policy_actions.csv`` and ``data/coverage.csv`` byte for byte as they are kept.

Why: the data scripts (``edits_2027_2``, ``merge_research``, ``build_changelog``) change a few cells or
append rows; writing the file back the way it was written (csv module, minimal quoting, LF) keeps the
diff to the cells that changed, so a reviewer reads the change, not a reformatting.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ACTIONS = DATA / "policy_actions.csv"
COVERAGE = DATA / "coverage.csv"


def read_text_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, body = rows[0], [r for r in rows[1:] if r]
    return header, [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in body]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    return read_text_rows(path.read_text(encoding="utf-8"))


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[row.get(c, "") for c in header] for row in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
