"""XLSX in and out, through openpyxl: a sheet read as the text a person sees, and text written as text.

Why a module of its own: Excel changes what was typed. A date becomes a date cell or a bare
serial number (44742), an id like 007 becomes the number 7 (shown as 007 only by a number
format), 2021 becomes 2021.0. Reading a workbook therefore means turning each cell back into
the text its author meant, column by column, before the same validator as a CSV sees it.
Writing goes the other way: every value is a string cell with Excel's quote prefix, so a
title that begins with ``=`` stays text and reads back exactly as written.

Reading is bounded: the archive's unpacked size, the columns of a row (at most
``MAX_COLUMNS``) and the rows counted. openpyxl parses the sheet with Python's
expat, which since expat 2.4.1 refuses entity-expansion bombs ("billion laughs", quadratic
blowup) and never fetches external entities; defusedxml is left out on purpose, because with
it openpyxl parses through Python-level handlers, twice as slow on a 100,000-row sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import from_excel

from components.core.data.columns import Col

#: Date serials are read as dates only when they fall in these years (2022 is a year, not 1905-07-14).
SERIAL_YEARS = range(1970, 2100)
MAX_COLUMNS = 100
FIXED_TIME = dt.datetime(2020, 1, 1)
_ZERO_PADDED = re.compile(r"^0+$")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


class WorkbookError(ValueError):
    """A workbook that cannot be read; the message says why, for the person who sent it."""


class RowLimitError(WorkbookError):
    """More rows than the limit (the caller names the limit)."""


@dataclass(frozen=True)
class SheetRows:
    """The sheet's non-empty rows as text, and the sheet row number of each (the header first)."""

    sheet: str
    rows: list[list[str]]
    row_numbers: list[int]


def _number_text(value: int | float, number_format: str) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if _ZERO_PADDED.match(number_format or "") and value >= 0:
            text = text.zfill(len(number_format))
        return text
    return repr(value)


def _serial_date(value: int | float, epoch: dt.datetime) -> str | None:
    try:
        day = from_excel(value, epoch)
    except (OverflowError, ValueError, TypeError):
        return None
    return day.date().isoformat() if isinstance(day, dt.datetime) and day.year in SERIAL_YEARS else None


def cell_text(value, cell, column: str, epoch: dt.datetime) -> str:
    """What the cell's author typed, as text: dates as YYYY-MM-DD, numbers without Excel's changes.

    ``cell`` is asked for its number format only for a number (the lookup is not free).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if column == Col.DATE or value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        if column == Col.DATE and (serial := _serial_date(value, epoch)):
            return serial
        return _number_text(value, getattr(cell, "number_format", ""))
    return str(value)


def _check_archive(raw: bytes, max_unpacked: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(f"a damaged ZIP archive ({exc})") from None
    if "xl/workbook.xml" not in names:
        raise WorkbookError("a ZIP archive but not an XLSX workbook (no xl/workbook.xml)")
    if unpacked > max_unpacked:
        raise WorkbookError(f"unpacks to {unpacked / 2**20:,.0f} MB; the limit is {max_unpacked / 2**20:,.0f} MB")


def _pick_sheet(workbook, preferred: str):
    sheets = workbook.worksheets
    if not sheets:
        raise WorkbookError("the workbook has no worksheet")
    return next((s for s in sheets if s.title.strip().casefold() == preferred), sheets[0])


def read_rows(raw: bytes, max_rows: int, max_unpacked: int, preferred_sheet: str = "actions") -> SheetRows:
    """The sheet named ``preferred_sheet`` (else the first) as text rows; raises WorkbookError.

    The first non-empty row is the header; it decides which column a cell belongs to (a date
    serial is read as a date only in the ``date`` column). Empty rows are skipped. More than
    ``max_rows`` rows after the header raises WorkbookError naming the limit.
    """
    _check_archive(raw, max_unpacked)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed file; all mean "cannot read it"
        raise WorkbookError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        sheet = _pick_sheet(workbook, preferred_sheet)
        epoch = workbook.epoch
        header: list[str] | None = None
        rows, numbers = [], []
        # Cells are needed only to ask a number for its format; without zero-padded formats, values will do.
        padded = any(_ZERO_PADDED.match(f) for f in getattr(workbook, "_number_formats", ()))
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=not padded), start=1):
            if len(cells) > MAX_COLUMNS:
                raise WorkbookError(f"row {number} has cells beyond column {MAX_COLUMNS}; the limit is {MAX_COLUMNS} columns")
            columns = header or []
            values = [c.value for c in cells] if padded else cells
            texts = [cell_text(v, cells[i] if padded else None, columns[i] if i < len(columns) else "", epoch)
                     for i, v in enumerate(values)]
            while texts and texts[-1] == "":
                texts.pop()
            if not texts:
                continue
            if header is None:
                header = [t.strip() for t in texts]
            elif len(rows) >= max_rows + 1:
                raise RowLimitError(f"more than {max_rows:,} rows")
            rows.append(texts + [""] * (len(header) - len(texts)))
            numbers.append(number)
    except WorkbookError:
        raise
    except Exception as exc:
        raise WorkbookError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    finally:
        workbook.close()
    return SheetRows(sheet.title, rows, numbers)


def text_cell(sheet, value: str):
    """A string cell that Excel shows as typed and never evaluates (quote prefix, type forced to text)."""
    cell = openpyxl.cell.WriteOnlyCell(sheet, value=None)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_workbook(sheets: dict[str, list[list[str]]], widths: dict[str, list[int]] | None = None) -> bytes:
    """An XLSX whose every cell is text; the first row of each sheet is bold (its header)."""
    workbook = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for i, width in enumerate((widths or {}).get(title, [])):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = width
        for number, row in enumerate(rows):
            cells = []
            for value in row:
                cell = text_cell(sheet, str(value))
                if number == 0:
                    cell.font = bold
                else:
                    cell.alignment = Alignment(wrap_text=False, vertical="top")
                cells.append(cell)
            sheet.append(cells)
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    out = io.BytesIO()
    workbook.save(out)
    return _stable(out.getvalue())


def _stable(archive: bytes) -> bytes:
    """The archive with fixed entry times: the same workbook is the same bytes, in every worker and at any time.

    (The template is published at a content-hashed URL that each gunicorn worker computes itself.)
    """
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = _MODIFIED.sub(rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
