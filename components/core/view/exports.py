"""Files the atlas hands out: the view's actions (CSV, XLSX), the problems of an upload, the templates.

Why one module: every one of them carries text that came from someone's data, and a
spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula. Following OWASP's advice on CSV injection, CSV cells that
begin with one of those characters get a leading apostrophe, which spreadsheets read as
"this is text" (an upload strips it again, so an export can be edited and uploaded back).
XLSX cells are written as text cells with Excel's quote prefix (``workbook.write_workbook``),
so they need no apostrophe and read back exactly as written.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from components.core.data.columns import ACTION_TYPES, COUNTRIES, DATE_PRECISIONS, LEVELS, VERIFICATION, Col
from components.core.data.schema import Problem
from components.core.data.tabular import LINE_END, neutralise
from components.core.data.topics import TOPICS
from components.core.data.workbook import write_workbook
from components.core.i18n import message

PROBLEM_COLUMNS = ("row", "column", "value", "rule")






def csv_text(header: list[str], rows) -> str:
    """CSV text with every cell neutralised (comma-separated, quoted where needed, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow([neutralise(str(h)) for h in header])
    writer.writerows([neutralise("" if v is None else str(v)) for v in row] for row in rows)
    return out.getvalue()


def csv_lines(rows) -> list[str]:
    """Each row's line of ``csv_text`` (the text after its header), written by one writer: the same bytes, without
    a writer and a header per row (the API's rows at start-up, 100x the data)."""
    lines: list[str] = []

    class _Lines:
        write = lines.append  # csv.writer writes each row with one call

    writer = csv.writer(_Lines(), lineterminator=LINE_END)
    for row in rows:
        writer.writerow([neutralise("" if v is None else str(v)) for v in row])
    return lines


def frame_csv(frame: pd.DataFrame) -> str:
    return csv_text(list(frame.columns), frame.itertuples(index=False, name=None))


def frame_xlsx(frame: pd.DataFrame, sheet: str = "actions") -> bytes:
    rows = [list(frame.columns)] + [["" if v is None else str(v) for v in row] for row in frame.itertuples(index=False)]
    return write_workbook({sheet: rows})


def problems_csv(problems: list[Problem]) -> str:
    return csv_text(list(PROBLEM_COLUMNS), ((p.row, p.column, p.value, p.rule) for p in problems))


def template_csv() -> str:
    """The empty template: the header row alone (the sixteen required columns, then the optional ones)."""
    return csv_text(Col.published(), [])


def codebook_rows() -> list[list[str]]:
    """Per column: what it holds, and the values it may take (the vocabularies of ``columns``)."""
    allowed = {
        Col.DATE_PRECISION: ", ".join(DATE_PRECISIONS),
        Col.COUNTRY: "; ".join(f"{code} = {name}" for code, name in COUNTRIES.items()),
        Col.LEVEL: "; ".join(f"{code} = {name}" for code, name in LEVELS.items()),
        Col.ACTION_TYPE: "; ".join(f"{code} = {name}" for code, name in ACTION_TYPES.items()),
        Col.VERIFICATION: "; ".join(f"{code} = {name}" for code, name in VERIFICATION.items()),
        Col.TOPICS: "; ".join(f"{code} = {name}" for code, name in TOPICS.items()),
    }
    header = [message("codebook.column"), message("codebook.rule"), message("codebook.values")]
    return [header] + [[column, message(f"codebook.{column}"), allowed.get(column, "")] for column in Col.published()]


def template_xlsx(example: dict[str, str]) -> bytes:
    """The template workbook: an ``actions`` sheet (header and one example row) and the ``codebook``."""
    columns = Col.published()
    return write_workbook(
        {"actions": [columns, [example.get(c, "") for c in columns]], "codebook": codebook_rows()},
        widths={"actions": [24] * len(columns), "codebook": [18, 90, 90]},
    )
