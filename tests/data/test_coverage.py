"""The search-coverage file: the bundled one agrees with the dataset, and broken copies are refused clearly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys

import pytest

from components.core.data.columns import Col
from components.core.data.coverage import COVERAGE_FILENAME, CoverageCol, read_and_validate_coverage
from components.core.data.dataset import DATA_DIR, DEFAULT_ACTIONS_PATH, load_geojson, region_table
from components.core.data.schema import DatasetError
from tests.conftest import ROOT

COVERAGE_PATH = DATA_DIR / COVERAGE_FILENAME
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def region_ids() -> set[str]:
    return set(region_table(load_geojson()).index)


@pytest.fixture(scope="module")
def bundled_rows() -> list[dict]:
    with COVERAGE_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def actions_by_region() -> dict[str, int]:
    counts: dict[str, int] = {}
    with DEFAULT_ACTIONS_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["region_id"]:
                counts[row["region_id"]] = counts.get(row["region_id"], 0) + 1
    return counts


def test_bundled_coverage_lists_exactly_the_97_counted_regions(bundled_rows, region_ids):
    listed = [r[CoverageCol.REGION_ID] for r in bundled_rows]
    assert len(listed) == len(set(listed)) == 97
    assert set(listed) == region_ids
    assert "TW" not in listed


def test_every_region_reports_the_actions_the_csv_has_for_it(bundled_rows, actions_by_region):
    reported = {r[CoverageCol.REGION_ID]: int(r[CoverageCol.ACTIONS_FOUND]) for r in bundled_rows}
    assert reported == {region: actions_by_region.get(region, 0) for region in reported}


def test_every_search_is_dated_in_the_past_and_says_what_was_searched(bundled_rows):
    for row in bundled_rows:
        assert dt.date.fromisoformat(row[CoverageCol.SEARCHED_ON]) <= dt.date.today()
        assert row[CoverageCol.SOURCES_SEARCHED].strip()


def test_bundled_coverage_passes_the_validator(bundled, region_ids):
    frame = read_and_validate_coverage(COVERAGE_PATH, region_ids, actions=bundled.actions)
    assert len(frame) == 97


def rewrite(rows: list[dict], path, change=None):
    rows = [dict(r) for r in rows]
    if change:
        change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else CoverageCol.required(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def problems_for(path, region_ids, actions=None):
    with pytest.raises(DatasetError) as err:
        read_and_validate_coverage(path, region_ids, today=TODAY, actions=actions)
    return err.value.problems


SMALL = [
    {"region_id": "KR-11", "searched_on": "2026-11-29", "sources_searched": "search:pages '메타버스 서울'",
     "actions_found": "1", "notes": "searched"},
    {"region_id": "JP-47", "searched_on": "2026-11-29", "sources_searched": "search:pages 'メタバース 沖縄'",
     "actions_found": "0", "notes": "searched, nothing found in stored sources"},
]
SMALL_REGIONS = {"KR-11", "JP-47"}


@pytest.fixture
def small_actions():
    import pandas as pd

    return pd.DataFrame({Col.REGION_ID: ["KR-11", ""], Col.ACTION_ID: ["kr-11-x", "kr-nat-y"]})


def test_a_count_that_disagrees_with_the_csv_is_named_with_row_value_and_expected_count(tmp_path, small_actions):
    def inflate(rows):
        rows[0]["actions_found"] = "4"

    problems = problems_for(rewrite(SMALL, tmp_path / "c.csv", inflate), SMALL_REGIONS, small_actions)
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "actions_found", "4")]
    assert "KR-11" in problems[0].rule and "(1)" in problems[0].rule


def test_a_missing_region_is_reported(tmp_path, small_actions):
    problems = problems_for(rewrite(SMALL[:1], tmp_path / "c.csv"), SMALL_REGIONS, small_actions)
    assert [(p.row, p.column, p.value) for p in problems] == [(0, "region_id", "JP-47")]
    assert "no coverage row" in problems[0].rule


@pytest.mark.parametrize("bad_region", ["TW", "KR-99"])
def test_unknown_or_context_regions_are_refused(tmp_path, bad_region):
    def swap(rows):
        rows.append(dict(rows[0], region_id=bad_region))

    problems = problems_for(rewrite(SMALL, tmp_path / "c.csv", swap), SMALL_REGIONS)
    assert [(p.row, p.column, p.value) for p in problems] == [(4, "region_id", bad_region)]


def test_a_region_listed_twice_is_refused(tmp_path):
    problems = problems_for(rewrite(SMALL, tmp_path / "c.csv", lambda rows: rows.append(dict(rows[1]))), SMALL_REGIONS)
    assert {(p.row, p.value) for p in problems} == {(3, "JP-47"), (4, "JP-47")}


@pytest.mark.parametrize("column, value, words", [
    ("searched_on", "2026-12-01", "future"),
    ("searched_on", "29/11/2026", "YYYY-MM-DD"),
    ("sources_searched", "  ", "must not be empty"),
    ("actions_found", "-1", "whole number"),
    ("actions_found", "two", "whole number"),
])
def test_bad_cells_report_row_column_value_and_rule(tmp_path, column, value, words):
    def corrupt(rows):
        rows[1][column] = value

    problems = problems_for(rewrite(SMALL, tmp_path / "c.csv", corrupt), SMALL_REGIONS)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, column, value)]
    assert words in problems[0].rule


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("region_id,searched_on,actions_found,notes\nKR-11,2026-11-29,1,x\n", encoding="utf-8")
    problems = problems_for(path, SMALL_REGIONS)
    assert [(p.row, p.column, p.rule) for p in problems] == [(1, "sources_searched", "required column is missing")]


def run_validate(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", "validate", str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_validate_checks_the_coverage_file_beside_the_csv(tmp_path, bundled_rows):
    actions = tmp_path / "policy_actions.csv"
    shutil.copyfile(DEFAULT_ACTIONS_PATH, actions)

    def miscount(rows):
        rows[0]["actions_found"] = str(int(rows[0]["actions_found"]) + 1)

    rewrite(bundled_rows, tmp_path / COVERAGE_FILENAME, miscount)
    result = run_validate(actions)
    assert result.returncode == 1
    assert f"row 2, column actions_found: '{int(bundled_rows[0]['actions_found']) + 1}'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_validate_reports_the_bundled_coverage_as_valid():
    result = run_validate(DEFAULT_ACTIONS_PATH)
    assert result.returncode == 0, result.stderr
    assert "coverage.csv: valid, 97 regions" in result.stdout
