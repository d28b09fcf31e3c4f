"""The search-coverage file: which regions were searched, when, how, and what was found.

Why it exists: an empty region on the map can mean "nothing happened" or "nobody looked".
``data/coverage.csv`` records, for every counted region of ``data/regions.geojson``, the
search behind the dataset, so "no action" reads as "searched, nothing found in stored
sources on <date>". Its ``actions_found`` must agree with the actions CSV, or the two
files tell different stories; these rules keep them in step. Problems are reported as
row, column, value and rule, exactly like the actions validator (``schema``), whose
reading and pandera plumbing this module reuses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.core.columns import Col
from components.core.schema import (
    HEADER_ROW,
    DatasetError,
    Problem,
    is_iso_date,
    problems_from_pandera,
    read_table,
    rule_check,
)

COVERAGE_FILENAME = "coverage.csv"
NOUN = "region row"


class CoverageCol:
    """Column names of ``coverage.csv``, in the order the file must have them."""

    REGION_ID = "region_id"
    SEARCHED_ON = "searched_on"
    SOURCES_SEARCHED = "sources_searched"
    ACTIONS_FOUND = "actions_found"
    NOTES = "notes"

    @classmethod
    def required(cls) -> list[str]:
        return [cls.REGION_ID, cls.SEARCHED_ON, cls.SOURCES_SEARCHED, cls.ACTIONS_FOUND, cls.NOTES]


def coverage_path_beside(actions_path: Path | str) -> Path:
    """Where a coverage file for an actions CSV lives: ``coverage.csv`` in the same folder."""
    return Path(actions_path).with_name(COVERAGE_FILENAME)


def build_coverage_schema(region_ids: set[str], today: dt.date) -> pa.DataFrameSchema:
    text = dict(dtype=str, nullable=False, coerce=False)
    return pa.DataFrameSchema(
        {
            CoverageCol.REGION_ID: pa.Column(checks=[rule_check(
                lambda v: v in region_ids,
                "must be a region_id of data/regions.geojson (Taiwan's context shape is not a counted region)",
                table_schema={"constraints": {"required": True}, "foreignKey": "region_names"})],
                unique=True, report_duplicates="all", **text),
            CoverageCol.SEARCHED_ON: pa.Column(checks=[
                rule_check(is_iso_date, "must be a real date written YYYY-MM-DD",
                           table_schema={"type": "date", "constraints": {"required": True}}),
                rule_check(lambda v: not is_iso_date(v) or dt.date.fromisoformat(v) <= today,
                           f"must not be in the future (today is {today.isoformat()})",
                           table_schema={"rule": "must not be in the future"}),
            ], **text),
            CoverageCol.SOURCES_SEARCHED: pa.Column(checks=[rule_check(
                lambda v: v.strip() != "", "must not be empty: say which sources and queries were searched",
                table_schema={"constraints": {"required": True}})], **text),
            CoverageCol.ACTIONS_FOUND: pa.Column(checks=[rule_check(
                lambda v: v.isascii() and v.isdigit(), "must be a whole number of actions (0 or more)",
                table_schema={"type": "integer", "constraints": {"required": True, "minimum": 0}})], **text),
            CoverageCol.NOTES: pa.Column(**text),
        },
        strict=False,
        ordered=False,
    )


def _line(index: int) -> int:
    return int(index) + HEADER_ROW + 1


def validate_coverage_frame(frame: pd.DataFrame, region_ids: set[str], today: dt.date,
                            actions: pd.DataFrame | None = None) -> list[Problem]:
    """Every broken rule: the row rules, one row per region, and counts that match ``actions``."""
    schema = build_coverage_schema(region_ids, today)
    try:
        schema.validate(frame, lazy=True)
        problems: list[Problem] = []
    except pa.errors.SchemaErrors as err:
        problems = problems_from_pandera(err, frame, schema)
    listed = set(frame[CoverageCol.REGION_ID])
    problems += [Problem(0, CoverageCol.REGION_ID, region, "this region has no coverage row: every counted region needs one")
                 for region in sorted(region_ids - listed)]
    if actions is not None:
        counts = actions.loc[actions[Col.REGION_ID] != "", Col.REGION_ID].value_counts()
        for index, row in frame.iterrows():
            found, region = row[CoverageCol.ACTIONS_FOUND], row[CoverageCol.REGION_ID]
            expected = int(counts.get(region, 0))
            if found.isascii() and found.isdigit() and int(found) != expected:
                problems.append(Problem(_line(index), CoverageCol.ACTIONS_FOUND, found,
                                        f"must equal the number of actions for {region} in the actions CSV ({expected})"))
    return sorted(problems)


def read_and_validate_coverage(path: Path | str, region_ids: set[str], today: dt.date | None = None,
                               actions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The validated coverage file as strings; raises DatasetError with every problem."""
    frame, problems = read_table(path, CoverageCol.required(), NOUN)
    if frame is not None:
        problems = validate_coverage_frame(frame, region_ids, today or dt.date.today(), actions)
    if problems:
        raise DatasetError(path, problems)
    return frame


def check_beside(actions_path: Path | str, actions: pd.DataFrame, region_ids: set[str]) -> str:
    """Validate the coverage file next to an actions CSV, if there is one; a phrase for the report."""
    path = coverage_path_beside(actions_path)
    if not path.exists():
        return ""
    frame = read_and_validate_coverage(path, region_ids, actions=actions)
    return f"; {path.name}: valid, {len(frame)} regions"
