"""Bringing your own data: an uploaded file's bytes to a validated dataset, or to a clear refusal.

Why in the pure core: the upload panel, the tests, the property tests and the bench all run
the same pipeline, and none of it needs Dash. The steps:

1. limits first (20 MB a file), so nothing large is decoded in vain;
2. bytes to text: an XLSX workbook through ``workbook`` (Excel's changes undone); a text
   file as UTF-8 (with or without BOM), or, when it is not UTF-8, in the encoding
   charset-normalizer detects, accepted only for GB18030/GBK, Shift_JIS, EUC-KR and UTF-16
   (anything else is refused, naming the encoding it looks like). Tab- or semicolon-separated
   text (Excel's "Unicode text" is UTF-16 with tabs) is read as well;
3. the header and row checks of ``schema.parse`` (at most 100,000 rows), then region names
   to codes (``region_lookup``) and the apostrophe of an exported cell taken off again;
4. the normalised CSV through the caller's loader, which validates with the same schema as
   ``python app.py validate`` and builds the Dataset.

Problems keep the row numbers of the user's file: a CSV's record number (as ``validate``
prints it), a workbook's sheet row.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Callable

import charset_normalizer

from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.data.region_lookup import RegionNames, resolve_region_names
from components.core.data.schema import HEADER_ROW, DatasetError, Problem, parse, table_from_rows, too_many_rows
from components.core.data.tabular import LINE_END, unneutralise_frame
from components.core.data.workbook import RowLimitError, WorkbookError, read_rows
from components.core.i18n import message

MB = 2**20
MAX_FILE_BYTES = 20 * MB
MAX_ROWS = 100_000
#: The normalised CSV a tab keeps and sends with each export (a GBK file grows by half as UTF-8).
MAX_TEXT_BYTES = 2 * MAX_FILE_BYTES
#: What a workbook may unpack to (XLSX is a ZIP archive of XML).
MAX_UNPACKED_BYTES = 10 * MAX_FILE_BYTES
#: The largest request the app must accept: a 20 MB file as a base64 data URL in Dash's JSON.
MAX_REQUEST_BYTES = MAX_TEXT_BYTES + 4 * MB
MAX_NAME_LENGTH = 200

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: charset-normalizer's name -> (the codec that reads it, the name shown to the user).
ACCEPTED_ENCODINGS = {
    "ascii": ("utf-8", "UTF-8"), "utf_8": ("utf-8", "UTF-8"),
    "gb18030": ("gb18030", "GB18030"), "gbk": ("gb18030", "GBK"), "gb2312": ("gb18030", "GB2312"),
    "cp936": ("gb18030", "GBK"),
    "shift_jis": ("cp932", "Shift_JIS"), "cp932": ("cp932", "Shift_JIS"),
    "shift_jis_2004": ("shift_jis_2004", "Shift_JIS"), "shift_jisx0213": ("shift_jisx0213", "Shift_JIS"),
    "euc_kr": ("cp949", "EUC-KR"), "cp949": ("cp949", "EUC-KR"),
    "utf_16": ("utf_16", "UTF-16"), "utf_16_le": ("utf_16_le", "UTF-16"), "utf_16_be": ("utf_16_be", "UTF-16"),
}
REFUSED_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32"}
DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class Decoded:
    """The file as CSV text (a text file) or as rows of cells (a workbook), or why it cannot be read.

    ``row_numbers`` maps a workbook's rows (the header first) to its sheet rows.
    """

    text: str | None
    encoding: str = ""
    problems: list[Problem] = field(default_factory=list)
    row_numbers: list[int] | None = None
    rows: list[list[str]] | None = None

    @property
    def readable(self) -> bool:
        return self.text is not None or self.rows is not None


@dataclass(frozen=True)
class UploadReport:
    """What the user sees: a dataset and its normalised CSV, or every problem."""

    name: str
    encoding: str
    problems: list[Problem]
    csv: str | None = None
    dataset: Dataset | None = None

    @property
    def valid(self) -> bool:
        return self.dataset is not None and not self.problems


def refusal(rule: str, value: str = "") -> list[Problem]:
    return [Problem(0, "", value, rule)]


def display_name(filename) -> str:
    """The file's own name, without any path a browser may add, cut to a sane length."""
    name = PurePath(str(filename or "").replace("\\", "/")).name or "upload"
    return name if len(name) <= MAX_NAME_LENGTH else name[: MAX_NAME_LENGTH - 1] + "…"


def data_url_bytes(contents) -> bytes | None:
    """The bytes of dcc.Upload's ``data:<type>;base64,<data>`` string (None if it is not one)."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    head, data = contents.split(",", 1)
    if not head.startswith("data:") or not head.endswith(";base64"):
        return None
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None


def _not_utf8_where(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return message("upload.encoding_where", line=line, bytes=raw[exc.start: exc.start + 4].hex(" "))
    return ""


def decode_text(raw: bytes) -> Decoded:
    """Text in UTF-8 or an accepted encoding, or a refusal that names the encoding the bytes look like."""
    for bom, name in REFUSED_BOMS.items():
        if raw.startswith(bom):
            return Decoded(None, name, refusal(message("upload.encoding_refused", encoding=name, where="")))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, shown = "utf_16", "UTF-16"
    else:
        try:
            return Decoded(_comma_separated(raw.decode("utf-8").removeprefix("\ufeff")), "UTF-8")
        except UnicodeDecodeError:
            pass
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            return Decoded(None, "", refusal(message("upload.not_text")))
        if best.encoding not in ACCEPTED_ENCODINGS:
            shown = best.encoding.replace("_", "-").upper()
            return Decoded(None, shown, refusal(message("upload.encoding_refused", encoding=shown,
                                                        where=_not_utf8_where(raw))))
        codec, shown = ACCEPTED_ENCODINGS[best.encoding]
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return Decoded(None, shown, refusal(message("upload.encoding_refused", encoding=shown, where=_not_utf8_where(raw))))
    return Decoded(_comma_separated(text.removeprefix("\ufeff")), shown)


def _comma_separated(text: str) -> str:
    """Tab- or semicolon-separated text as comma-separated (the delimiter that splits the header most)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=lambda d: (header.count(d), d == ","))
    if delimiter == "," or header.count(delimiter) == 0:
        return text
    try:
        return _rows_csv(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return text


def _rows_csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=LINE_END).writerows(rows)
    return out.getvalue()


def decode_upload(raw: bytes, filename: str = "") -> Decoded:
    """An uploaded file as rows of a workbook read through openpyxl, else as text in an accepted encoding."""
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / MB:.1f}"
        return Decoded(None, "", refusal(message("upload.too_large", size=size, limit=MAX_FILE_BYTES // MB), f"{size} MB"))
    if not raw.strip():
        return Decoded(None, "", refusal(message("upload.empty")))
    if raw.startswith(OLE_MAGIC):
        return Decoded(None, "XLS", refusal(message("upload.xls_refused")))
    if raw.startswith(ZIP_MAGIC):
        try:
            sheet = read_rows(raw, MAX_ROWS, MAX_UNPACKED_BYTES)
        except RowLimitError:
            return Decoded(None, "XLSX", [too_many_rows(MAX_ROWS)])
        except WorkbookError as err:
            return Decoded(None, "XLSX", refusal(message("upload.workbook_refused", reason=str(err))))
        if not sheet.rows:
            return Decoded(None, "XLSX", refusal(message("upload.empty")))
        return Decoded(None, f"XLSX, sheet {sheet.sheet}", row_numbers=sheet.row_numbers, rows=sheet.rows)
    return decode_text(raw)


def renumber(problems: list[Problem], row_numbers: list[int] | None) -> list[Problem]:
    """Problems with the row numbers of the user's file (CSV line n is the sheet row ``row_numbers[n - 1]``)."""
    if not row_numbers:
        return sorted(problems)
    def row_of(row: int) -> int:
        return row_numbers[row - HEADER_ROW] if HEADER_ROW <= row <= len(row_numbers) else row
    return sorted(Problem(row_of(p.row), p.column, p.value, p.rule) for p in problems)


def _merge(name_problems: list[Problem], schema_problems: list[Problem]) -> list[Problem]:
    """Schema problems, less those about a region cell whose name was already refused."""
    named = {p.row for p in name_problems}
    rest = [p for p in schema_problems if not (p.row in named and Col.REGION_ID in p.column)]
    return name_problems + rest


def check_upload(raw: bytes, filename: str, names: RegionNames, load: Callable[[str], Dataset]) -> UploadReport:
    """The whole pipeline; never raises for any bytes. ``load`` validates normalised CSV text into a Dataset."""
    name = display_name(filename)
    decoded = decode_upload(raw, name)
    if not decoded.readable:
        return UploadReport(name, decoded.encoding, decoded.problems)
    frame, problems = table_from_rows(decoded.rows) if decoded.rows is not None else parse(decoded.text, max_rows=MAX_ROWS)
    if frame is None:
        return UploadReport(name, decoded.encoding, renumber(problems, decoded.row_numbers))
    frame, name_problems = resolve_region_names(unneutralise_frame(frame), names)
    text = frame.to_csv(index=False, lineterminator=LINE_END)
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        rule = message("upload.too_much_text", size=f"{size / MB:.1f}", limit=MAX_TEXT_BYTES // MB)
        return UploadReport(name, decoded.encoding, refusal(rule))
    try:
        dataset = load(text)
    except DatasetError as err:
        problems = _merge(name_problems, err.problems)
        return UploadReport(name, decoded.encoding, renumber(problems, decoded.row_numbers))
    if name_problems:
        return UploadReport(name, decoded.encoding, renumber(name_problems, decoded.row_numbers))
    return UploadReport(name, decoded.encoding, [], text, dataset)
