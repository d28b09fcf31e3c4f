"""The search-coverage file: which regions were searched, when, how, and what was found.

Why it exists: an empty region on the map can mean "nothing happened" or "nobody looked".
``data/coverage.csv`` records, for every counted region of ``data/regions.geojson``, the
search behind the dataset, so "no action" reads as "searched, nothing found in stored
sources on <date>". Its ``actions_found`` must agree with the actions CSV, or the two
files tell different stories; these rules keep them in step. Problems are reported as
row, column, value and rule, exactly like the actions validator (``schema``), whose
reading and pandera plumbing this module reuses.

The edge of collection lives here too, because it is a fact about the search, not about any
action. Two optional columns:

* ``collected_to`` (``YYYY-MM``): the last month the search for the region can speak for. It
  may not lie after the month of ``searched_on`` nor before the region's latest action. The
  dataset is collected to the *earliest* of these months (``Collection.collected_to``): past
  it, at least one region was not searched. Without the column (an upload, an old file) the
  edge is the month of the latest action, and the app says it is not declared.
* ``thin_from`` (``YYYY-MM`` or empty): from this month on, the region's stored sources are
  known to be thin (the data's manifest says why); charts mark the period up to
  ``collected_to``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.core.data.columns import Col, RegionCol
from components.core.data.schema import (
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
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class CoverageCol:
    """Column names of ``coverage.csv``, in the order the file must have them."""

    REGION_ID = "region_id"
    SEARCHED_ON = "searched_on"
    SOURCES_SEARCHED = "sources_searched"
    ACTIONS_FOUND = "actions_found"
    NOTES = "notes"
    COLLECTED_TO = "collected_to"
    THIN_FROM = "thin_from"

    @classmethod
    def required(cls) -> list[str]:
        return [cls.REGION_ID, cls.SEARCHED_ON, cls.SOURCES_SEARCHED, cls.ACTIONS_FOUND, cls.NOTES]


def is_month(value: str) -> bool:
    return bool(_MONTH.match(value))


@dataclass(frozen=True)
class Collection:
    """How far the dataset's search reaches: the month it was collected to, and where coverage thins."""

    collected_to: str
    declared: bool = False
    thin_from: tuple[tuple[str, str], ...] = ()  # (region_id, YYYY-MM), sorted by region

    @classmethod
    def of_actions(cls, actions: pd.DataFrame) -> "Collection":
        """No declaration: the month of the latest action (``declared`` False, so the app can say so)."""
        return cls(collected_to=pd.Timestamp(actions[Col.DATE].max()).strftime("%Y-%m"), declared=False)

    @classmethod
    def of_coverage(cls, frame: pd.DataFrame, actions: pd.DataFrame) -> "Collection":
        """From a validated coverage frame; ``of_actions`` when it has no ``collected_to`` column."""
        if CoverageCol.COLLECTED_TO not in frame:
            return cls.of_actions(actions)
        thin = frame.get(CoverageCol.THIN_FROM, pd.Series("", index=frame.index))
        pairs = sorted((r, t) for r, t in zip(frame[CoverageCol.REGION_ID], thin) if t)
        return cls(collected_to=min(frame[CoverageCol.COLLECTED_TO]), declared=True, thin_from=tuple(pairs))

    def thin_periods(self, regions: pd.DataFrame) -> list[dict]:
        """Per country of ``regions`` with thin regions: ``country, start`` (earliest thin_from), ``end``
        (``collected_to``), ``regions`` (how many are thin from ``start`` or later), ``total``."""
        periods = []
        listed = dict(self.thin_from)
        for country, group in regions.groupby(RegionCol.COUNTRY, sort=False):
            starts = [listed[r] for r in group.index if r in listed and listed[r] <= self.collected_to]
            if starts:
                periods.append({"country": country, "start": min(starts), "end": self.collected_to,
                                "regions": len(starts), "total": len(group)})
        return periods


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
            CoverageCol.COLLECTED_TO: pa.Column(checks=[rule_check(
                is_month, "must be a month written YYYY-MM: the last month the search can speak for",
                table_schema={"constraints": {"pattern": _MONTH.pattern[1:-1]},
                              "rule": "not after the month searched_on falls in, nor before the region's latest action"})],
                required=False, **text),
            CoverageCol.THIN_FROM: pa.Column(checks=[rule_check(
                lambda v: v == "" or is_month(v), "must be empty or a month written YYYY-MM",
                table_schema={"constraints": {"pattern": _MONTH.pattern[1:-1]}, "rule": "not after collected_to"})],
                required=False, **text),
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
    problems += _edge_problems(frame, actions)
    if actions is not None:
        counts = actions.loc[actions[Col.REGION_ID] != "", Col.REGION_ID].value_counts()
        for index, row in frame.iterrows():
            found, region = row[CoverageCol.ACTIONS_FOUND], row[CoverageCol.REGION_ID]
            expected = int(counts.get(region, 0))
            if found.isascii() and found.isdigit() and int(found) != expected:
                problems.append(Problem(_line(index), CoverageCol.ACTIONS_FOUND, found,
                                        f"must equal the number of actions for {region} in the actions CSV ({expected})"))
    return sorted(problems)


def _edge_problems(frame: pd.DataFrame, actions: pd.DataFrame | None) -> list[Problem]:
    """``collected_to`` within the search and the region's actions; ``thin_from`` not after it."""
    if CoverageCol.COLLECTED_TO not in frame:
        return []
    latest = {}
    if actions is not None:
        regional = actions[actions[Col.REGION_ID] != ""]
        latest = pd.to_datetime(regional[Col.DATE]).groupby(regional[Col.REGION_ID]).max().dt.strftime("%Y-%m").to_dict()
    problems = []
    thin = frame.get(CoverageCol.THIN_FROM, pd.Series("", index=frame.index))
    for index, region, searched, edge, thin_from in zip(frame.index, frame[CoverageCol.REGION_ID],
                                                         frame[CoverageCol.SEARCHED_ON], frame[CoverageCol.COLLECTED_TO], thin):
        if not is_month(edge):
            continue
        if is_iso_date(searched) and edge > searched[:7]:
            problems.append(Problem(_line(index), CoverageCol.COLLECTED_TO, edge,
                                    f"must not be after the month the region was searched ({searched[:7]})"))
        if region in latest and edge < latest[region]:
            problems.append(Problem(_line(index), CoverageCol.COLLECTED_TO, edge,
                                    f"must not be before {region}'s latest action ({latest[region]})"))
        if is_month(thin_from) and thin_from > edge:
            problems.append(Problem(_line(index), CoverageCol.THIN_FROM, thin_from,
                                    f"must not be after collected_to ({edge})"))
    return problems


def collection_beside(actions_path: Path | str, actions: pd.DataFrame, region_ids: set[str]) -> Collection:
    """The dataset's ``Collection``: declared by a valid coverage file beside the CSV, else its latest action's month."""
    path = coverage_path_beside(actions_path)
    if not path.exists():
        return Collection.of_actions(actions)
    try:
        frame = read_and_validate_coverage(path, region_ids, actions=actions)
    except DatasetError:
        return Collection.of_actions(actions)
    return Collection.of_coverage(frame, actions)


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
