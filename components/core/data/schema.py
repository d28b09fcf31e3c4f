"""Validation of a policy-actions CSV: every problem at once, as row, column, value, rule.

Why here and why pandera: the same rules guard ``python app.py validate`` and every
load of the app, so an analyst who edits the CSV sees exactly what the app would
refuse. Pandera collects all failures in one lazy pass; this module only turns its
failure table into plain sentences and adds the checks that live outside a frame
(encoding, empty file, header order).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pandera.pandas as pa

from components.core.data.columns import (
    ACTION_TYPES,
    COUNTRIES,
    DATE_PRECISIONS,
    LEVELS,
    RETIRED_VERIFICATION,
    VERIFICATION,
    Col,
)
from components.core.data.topics import SEPARATOR, TOPICS
from components.core.i18n import message

ACTION_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_TOPIC = "(?:" + "|".join(TOPICS) + ")"
TOPICS_PATTERN = f"^(?:{_TOPIC}(?:{SEPARATOR}{_TOPIC})*)?$"
TOPICS_RULE = (f"must be empty or topic codes of the codebook separated by '{SEPARATOR}' without spaces: "
               + ", ".join(TOPICS))
HEADER_ROW = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule. ``row`` is the CSV line number (the header is line 1); 0 = whole file."""

    row: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}, column {self.column or '-'}: {value!r} - {self.rule}"


class DatasetError(Exception):
    """A dataset that cannot be used; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = str(path)
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{self.path}: {len(self.problems)} problem(s)"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


#: The plain case, ``http(s)://host[/?#...]`` with no blank, userinfo, port or brackets: where it matches, ``urlsplit``
#: would say the same (scheme http(s), this host), so the parse is skipped (400,000 URLs at 100x the data).
_PLAIN_HTTP_URL = re.compile(r"https?://([^/?#\s\\@\[\]:]+)(?:[/?#]\S*)?")


def _is_http_url(value: str) -> bool:
    if value == "" or _PLAIN_HTTP_URL.fullmatch(value):
        return True
    parsed = urlsplit(value)  # urlparse's scheme and netloc, without its params step (start-up at 100x the data)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value


def url_list(value: str) -> list[str]:
    """The URLs of a ``more_sources`` cell (``;``-separated, blanks around them ignored)."""
    return [part.strip() for part in value.split(";") if part.strip()]


def bad_urls(value: str) -> list[str]:
    """The parts of a ``more_sources`` cell that are not well-formed http(s) URLs."""
    return [url for url in url_list(value) if not _is_http_url(url)]


def url_host(value: str) -> str:
    """The host a URL is on, without ``www.`` (``m.`` and other sub-domains stay: they may be other outlets)."""
    plain = _PLAIN_HTTP_URL.fullmatch(value)
    host = (plain.group(1) if plain else urlsplit(value).hostname or "").lower()
    return host.removeprefix("www.")


def corroborated_by_another_host(source_url: str, more_sources: str) -> bool:
    """At least one further URL on a host other than ``source_url``'s (the rule of ``corroborated``); without a
    ``source_url``, two further URLs on two hosts."""
    first = url_host(source_url) if _is_http_url(source_url) else ""
    others = {url_host(url) for url in url_list(more_sources) if _is_http_url(url)} - {""}
    return bool(others - {first}) if first else len(others) >= 2


RETIRED_LEVEL_RULE = ("'{old}' is no longer a verification level (dataset 2027.2): write reported for a row resting on "
                      "one report, corroborated for two or more independent reports, verified for the issuer's own page")
CORROBORATED_RULE = ("a corroborated row needs at least one URL in more_sources on a host other than source_url's "
                     "(an independent second report)")
MORE_SOURCES_RULE = "each URL in more_sources (separated by ;) must be a well-formed http(s) URL"


def rule_check(fn, rule: str, element_wise: bool = True, table_schema: dict | None = None) -> pa.Check:
    """A pandera check whose failure reads as ``rule``.

    ``table_schema``: what the rule is in a Frictionless Table Schema (``{"constraints": {...}}``, ``{"type": ...}``,
    ``{"rule": words}`` for a rule only the field's description can state); ``components.core.data.datapackage`` builds
    ``data/datapackage.json`` from it, and refuses a check that has none, so the two cannot drift.
    """
    statistics = {"table_schema": table_schema} if table_schema is not None else None
    return pa.Check(fn, element_wise=element_wise, name=rule, error=rule, statistics=statistics)


def _one_of(values) -> pa.Check:
    allowed = sorted(values)
    return rule_check(lambda s: s.isin(allowed), f"must be one of: {', '.join(allowed)}", element_wise=False,
                      table_schema={"constraints": {"required": True, "enum": list(values)}})


def _iso_dates(series: pd.Series) -> pd.Series:
    """Each value as a date where it is a real date written YYYY-MM-DD, else NaT (vectorised)."""
    parsed = pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    return parsed.where(series.str.len() == 10)


def build_schema(region_ids: set[str], today: dt.date) -> pa.DataFrameSchema:
    """The row-level rules; ``region_ids`` come from the boundary file."""
    text = dict(dtype=str, nullable=False, coerce=False)
    required_text = rule_check(lambda s: s.str.strip() != "", "must not be empty", element_wise=False,
                               table_schema={"constraints": {"required": True}})

    def region_agrees_with_level(frame: pd.DataFrame) -> pd.Series:
        national = frame[Col.LEVEL] == "national"
        empty = frame[Col.REGION_ID] == ""
        return (national & empty) | (~national & ~empty)

    def region_in_country(frame: pd.DataFrame) -> pd.Series:
        region = frame[Col.REGION_ID]
        return (region == "") | (region.str[:2] == frame[Col.COUNTRY])

    def locality_below_province(frame: pd.DataFrame) -> pd.Series:
        needs = frame[Col.LEVEL].isin(["municipal", "district"])
        return ~needs | (frame[Col.LOCALITY].str.strip() != "")

    def corroborated_has_another_host(frame: pd.DataFrame) -> pd.Series:
        corroborated = (frame[Col.VERIFICATION] == "corroborated").to_numpy(dtype=bool)
        ok = np.ones(len(frame), dtype=bool)  # only the corroborated rows' URLs are parsed (start-up at 100x the data)
        ok[corroborated] = np.array([corroborated_by_another_host(u, m) for u, m in zip(
            frame[Col.SOURCE_URL].to_numpy()[corroborated], frame[Col.MORE_SOURCES].to_numpy()[corroborated])], dtype=bool)
        return pd.Series(ok, index=frame.index, dtype=bool)

    levels = sorted(VERIFICATION)
    retired = sorted(RETIRED_VERIFICATION)

    return pa.DataFrameSchema(
        {
            Col.ACTION_ID: pa.Column(
                checks=[rule_check(lambda s: s.str.fullmatch(ACTION_ID_PATTERN).fillna(False).astype(bool),
                                   "must be a lowercase slug of letters, digits and hyphens", element_wise=False,
                                   table_schema={"constraints": {"required": True, "pattern": ACTION_ID_PATTERN[1:-1]}})],
                unique=True, report_duplicates="all", **text),
            Col.DATE: pa.Column(checks=[
                rule_check(lambda s: _iso_dates(s).notna(), "must be a real date written YYYY-MM-DD", element_wise=False,
                           table_schema={"type": "date", "constraints": {"required": True}}),
                rule_check(lambda s: ~(_iso_dates(s) > pd.Timestamp(today)),
                           f"must not be in the future (today is {today.isoformat()})", element_wise=False,
                           table_schema={"rule": "must not be in the future"}),
            ], **text),
            Col.DATE_PRECISION: pa.Column(checks=[_one_of(DATE_PRECISIONS)], **text),
            Col.COUNTRY: pa.Column(checks=[_one_of(COUNTRIES)], **text),
            Col.LEVEL: pa.Column(checks=[_one_of(LEVELS)], **text),
            Col.REGION_ID: pa.Column(checks=[
                rule_check(lambda s: (s == "") | s.isin(sorted(region_ids)),
                           "must be an ISO 3166-2 code of a region in data/regions.geojson, or empty for national actions",
                           element_wise=False, table_schema={"foreignKey": "region_names"}),
            ], **text),
            Col.LOCALITY: pa.Column(**text),
            Col.ISSUER: pa.Column(checks=[required_text], **text),
            Col.TITLE: pa.Column(checks=[required_text], **text),
            Col.TITLE_ORIGINAL: pa.Column(**text),
            Col.ACTION_TYPE: pa.Column(checks=[_one_of(ACTION_TYPES)], **text),
            Col.SUMMARY: pa.Column(checks=[required_text], **text),
            Col.SOURCE_NAME: pa.Column(checks=[required_text], **text),
            Col.SOURCE_URL: pa.Column(checks=[rule_check(_is_http_url, "must be empty or a well-formed http(s) URL",
                                                                 table_schema={"format": "uri"})], **text),
            Col.VERIFICATION: pa.Column(checks=[
                rule_check(lambda s: s.isin(levels + retired), f"must be one of: {', '.join(levels)}",
                           element_wise=False,
                           table_schema={"constraints": {"required": True, "enum": list(VERIFICATION)}}),
                *[rule_check(lambda s, old=old: s != old, RETIRED_LEVEL_RULE.format(old=old), element_wise=False,
                             table_schema={"rule": f"'{old}' (before 2027.2) is refused"}) for old in retired],
            ], **text),
            Col.TAGS: pa.Column(**text),
            Col.TOPICS: pa.Column(checks=[
                rule_check(lambda s: s.str.fullmatch(TOPICS_PATTERN).fillna(False).astype(bool), TOPICS_RULE,
                           element_wise=False, table_schema={"constraints": {"pattern": TOPICS_PATTERN[1:-1]}}),
            ], required=False, **text),
            Col.MORE_SOURCES: pa.Column(checks=[
                rule_check(lambda v: not bad_urls(v), MORE_SOURCES_RULE,
                           table_schema={"rule": "URLs separated by ;, each a well-formed http(s) URL"}),
            ], **text),
            Col.ISSUER_URL_NOT_OPENED: pa.Column(checks=[
                rule_check(_is_http_url, "must be empty or a well-formed http(s) URL", table_schema={"format": "uri"}),
            ], **text),
        },
        checks=[
            pa.Check(region_agrees_with_level, name="level-region",
                     error="region_id must be empty for national actions and set for every other level"),
            pa.Check(region_in_country, name="region-country",
                     error="region_id must belong to the row's country"),
            pa.Check(locality_below_province, name="locality",
                     error="municipal and district actions must name their city or district in locality"),
            pa.Check(corroborated_has_another_host, name="corroborated", error=CORROBORATED_RULE),
        ],
        strict=False,
        ordered=False,
    )


_FRAME_CHECK_COLUMNS = {
    "level-region": (Col.LEVEL, Col.REGION_ID),
    "region-country": (Col.COUNTRY, Col.REGION_ID),
    "locality": (Col.LEVEL, Col.LOCALITY),
    "corroborated": (Col.VERIFICATION, Col.SOURCE_URL, Col.MORE_SOURCES),
}


def problems_from_pandera(err: pa.errors.SchemaErrors, frame: pd.DataFrame, schema) -> list[Problem]:
    frame_rules = {key: c for c in schema.checks for key in (c.name, c.error)}
    problems: set[Problem] = set()
    for case in err.failure_cases.itertuples(index=False):
        index = case.index
        row = int(index) + HEADER_ROW + 1 if pd.notna(index) else 0
        if case.check in frame_rules:
            check = frame_rules[case.check]
            columns = _FRAME_CHECK_COLUMNS[check.name]
            value = " / ".join(f"{c}={frame.at[index, c]!r}" for c in columns) if row else ""
            problems.add(Problem(row, "+".join(columns), value, check.error))
        elif case.check in ("field_uniqueness", "multiple_fields_uniqueness"):
            problems.add(Problem(row, str(case.column), str(case.failure_case), "must be unique (duplicate id)"))
        elif case.check == MORE_SOURCES_RULE:
            problems.add(Problem(row, str(case.column), " ; ".join(bad_urls(str(case.failure_case))), str(case.check)))
        else:
            problems.add(Problem(row, str(case.column), str(case.failure_case), str(case.check)))
    return sorted(problems)


def decode(raw: bytes, noun: str = "action") -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is tolerated), or a problem naming the line of the first bad byte."""
    if not raw.strip():
        return None, [Problem(0, "", "", f"the file is empty: it needs a header row and at least one {noun}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.end].hex(" ")
        return None, [Problem(line, "", f"bytes {bad}", "the file must be UTF-8 encoded; save it as UTF-8 and retry")]


def too_many_rows(max_rows: int) -> Problem:
    return Problem(0, "", f"more than {max_rows:,} rows", message("upload.too_many_rows", limit=f"{max_rows:,}"))


def parse(text: str, required: list[str] | None = None, noun: str = "action",
          max_rows: int | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The CSV as strings, or header problems (missing columns, wrong order, more than ``max_rows`` rows)."""
    try:
        records = csv.reader(io.StringIO(text))
        rows = list(records if max_rows is None else itertools.islice(records, max_rows + 2))
    except csv.Error as exc:
        return None, [Problem(0, "", "", f"not a readable CSV file: {exc}")]
    if max_rows is not None and len(rows) > max_rows + 1:
        return None, [too_many_rows(max_rows)]
    return table_from_rows(rows, required, noun)


def table_from_rows(rows: list[list[str]], required: list[str] | None = None,
                    noun: str = "action") -> tuple[pd.DataFrame | None, list[Problem]]:
    """``parse`` for rows already split into cells (a workbook's), the header first."""
    header = [h.strip() for h in rows[0]] if rows else []
    required = required or Col.required()
    missing = [c for c in required if c not in header]
    if missing:
        return None, [Problem(HEADER_ROW, c, "", "required column is missing") for c in missing]
    if header[: len(required)] != required:
        return None, [Problem(HEADER_ROW, "", ", ".join(header[: len(required)]),
                              f"columns must come first and in this order: {', '.join(required)}")]
    body = rows[1:]
    problems = [
        Problem(i + HEADER_ROW + 1, "", f"{len(r)} fields", f"every row must have {len(header)} fields like the header")
        for i, r in enumerate(body) if r and len(r) != len(header)
    ]
    if problems:
        return None, problems
    body = [r for r in body if r]
    if not body:
        return None, [Problem(0, "", "", f"the file has a header but no {noun}s")]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    if required == Col.required():
        for column in Col.optional():
            if column not in frame.columns:
                frame[column] = ""
    return frame, []


#: Optional columns after the sixteen: checked when a file has them (the published CSV does not).
LOCALITY_ID = "locality_id"
LOCALITY_ID_PATTERN = r"^[1-9][0-9]{0,11}$"
LOCALITY_ID_RULE = "must be empty or a GeoNames id (a whole number, e.g. 1808926 for Hangzhou)"


def optional_column_problems(frame: pd.DataFrame) -> list[Problem]:
    """``locality_id``: the GeoNames id of a row's city or district (the cities layer places it there)."""
    if LOCALITY_ID not in frame.columns:
        return []
    values = frame[LOCALITY_ID].fillna("").astype(str).str.strip()
    bad = (values != "") & ~values.str.fullmatch(LOCALITY_ID_PATTERN).fillna(False).astype(bool)
    return [Problem(int(i) + HEADER_ROW + 1, LOCALITY_ID, frame.at[i, LOCALITY_ID], LOCALITY_ID_RULE)
            for i in frame.index[bad]]


def validate_frame(frame: pd.DataFrame, region_ids: set[str], today: dt.date) -> list[Problem]:
    schema = build_schema(region_ids, today)
    extra = optional_column_problems(frame)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return sorted(problems_from_pandera(err, frame, schema) + extra)
    return extra


def read_table(path: Path | str, required: list[str] | None = None, noun: str = "action") -> tuple[pd.DataFrame | None, list[Problem]]:
    """A CSV's rows as strings (no row rules applied yet), or the problems that stop it being read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(path, [Problem(0, "", str(path), f"cannot read the file: {exc.strerror}")]) from None
    text, problems = decode(raw, noun)
    if text is None:
        return None, problems
    return parse(text, required, noun)


def read_and_validate(path: Path | str, region_ids: set[str], today: dt.date | None = None) -> pd.DataFrame:
    """The validated CSV as a string-typed DataFrame; raises DatasetError with every problem."""
    frame, problems = read_table(path)
    return _validated(path, frame, problems, region_ids, today)


def validate_text(text: str, region_ids: set[str], today: dt.date | None = None, source: str = "upload") -> pd.DataFrame:
    """``read_and_validate`` for CSV text already decoded (an upload); raises DatasetError."""
    frame, problems = parse(text)
    return _validated(source, frame, problems, region_ids, today)


def _validated(source, frame: pd.DataFrame | None, problems: list[Problem], region_ids: set[str],
               today: dt.date | None) -> pd.DataFrame:
    if frame is not None:
        problems = validate_frame(frame, region_ids, today or dt.date.today())
    if problems:
        raise DatasetError(source, problems)
    return frame
