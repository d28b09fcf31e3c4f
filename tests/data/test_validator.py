"""The validator on corrupted copies of a dataset: every problem, as row, column, value, rule."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from components.core.data.dataset import DEFAULT_ACTIONS_PATH, load_dataset
from components.core.data.schema import CORROBORATED_RULE, MORE_SOURCES_RULE, DatasetError, Problem
from tests.conftest import HEADER, ROOT, SMALL_ROWS, write_csv

TODAY = dt.date(2024, 6, 30)


def problems_for(path: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as err:
        load_dataset(path, today=TODAY)
    return err.value.problems


def corrupt(rows: list[str], index: int, column: str, value: str) -> list[str]:
    import csv
    import io

    names = HEADER.split(",")
    parsed = list(csv.reader(io.StringIO("\n".join(rows))))
    parsed[index][names.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(parsed)
    return out.getvalue().strip("\n").split("\n")


def test_the_small_fixture_is_valid(small):
    assert len(small.actions) == len(SMALL_ROWS)


def test_missing_column_is_named(tmp_path):
    header = HEADER.replace(",issuer", "")
    rows = [",".join(r.split(",")[:7] + r.split(",")[8:]) for r in SMALL_ROWS[:2]]
    problems = problems_for(write_csv(tmp_path / "x.csv", rows, header=header))
    assert [(p.row, p.column, p.rule) for p in problems] == [(1, "issuer", "required column is missing")]


def test_bad_date_reports_row_column_value_and_rule(tmp_path):
    rows = corrupt(SMALL_ROWS, 2, "date", "2021-13-40")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert Problem(4, "date", "2021-13-40", "must be a real date written YYYY-MM-DD") in problems


def test_future_date_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 0, "date", "2024-07-01")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "date", "2024-07-01")]
    assert "future" in problems[0].rule


def test_unknown_region_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 1, "region_id", "KR-99")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert any(p.row == 3 and p.column == "region_id" and p.value == "KR-99" and "ISO 3166-2" in p.rule for p in problems)


def test_duplicate_id_reports_both_rows(tmp_path):
    rows = corrupt(SMALL_ROWS, 3, "action_id", "cn-sh-2021-12-fyp")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    dupes = [p for p in problems if "duplicate" in p.rule]
    assert {(p.row, p.value) for p in dupes} == {(4, "cn-sh-2021-12-fyp"), (5, "cn-sh-2021-12-fyp")}


def test_wrong_country_is_refused_and_checked_against_the_region(tmp_path):
    rows = corrupt(SMALL_ROWS, 1, "country", "US")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    rules = {(p.row, p.column): p.rule for p in problems}
    assert rules[(3, "country")] == "must be one of: CN, JP, KR"
    assert rules[(3, "country+region_id")] == "region_id must belong to the row's country"


def test_region_of_another_country_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 1, "region_id", "JP-13")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert [(p.row, p.column) for p in problems] == [(3, "country+region_id")]


def test_national_action_with_a_region_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 0, "region_id", "KR-11")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert [(p.row, p.column) for p in problems] == [(2, "level+region_id")]


def test_malformed_url_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 0, "source_url", "javascript:alert(1)")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "source_url", "javascript:alert(1)")]


def test_non_utf8_bytes_are_reported_with_their_line(tmp_path):
    path = tmp_path / "x.csv"
    text = HEADER + "\n" + "\n".join(SMALL_ROWS) + "\n"
    path.write_bytes(text.encode("utf-8").replace("Seoul Metropolitan".encode(), "Seoul Metr\xf6politan".encode("latin-1")))
    problems = problems_for(path)
    assert len(problems) == 1
    assert problems[0].row == 3
    assert "UTF-8" in problems[0].rule


def test_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\n" + "\n".join(SMALL_ROWS) + "\n").encode("utf-8"))
    assert len(load_dataset(path, today=TODAY).actions) == len(SMALL_ROWS)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file_is_reported(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    problems = problems_for(path)
    assert [p.rule for p in problems] == ["the file is empty: it needs a header row and at least one action"]


def test_header_only_file_is_reported(tmp_path):
    problems = problems_for(write_csv(tmp_path / "x.csv", []))
    assert "no actions" in problems[0].rule


@pytest.mark.parametrize("action_type", ["call_for_projects", "termination"])
def test_calls_for_projects_and_terminations_are_known_types(tmp_path, action_type):
    rows = corrupt(SMALL_ROWS, 6, "action_type", action_type)
    actions = load_dataset(write_csv(tmp_path / "x.csv", rows), today=TODAY).actions
    assert action_type in set(actions["action_type"])


def test_unknown_type_error_lists_the_codebook(tmp_path):
    rows = corrupt(SMALL_ROWS, 6, "action_type", "closure")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert [(p.row, p.column, p.value) for p in problems] == [(8, "action_type", "closure")]
    assert "call_for_projects" in problems[0].rule and "termination" in problems[0].rule


def test_every_problem_is_reported_at_once(tmp_path):
    rows = corrupt(SMALL_ROWS, 0, "verification", "maybe")
    rows = corrupt(rows, 2, "action_type", "tweet")
    rows = corrupt(rows, 4, "date", "yesterday")
    problems = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert {(p.row, p.column) for p in problems} == {(2, "verification"), (4, "action_type"), (6, "date")}


EVIDENCE_HEADER = HEADER + ",more_sources,issuer_url_not_opened"


def with_evidence(rows: list[str], cells: dict[int, tuple[str, str, str]]) -> list[str]:
    """The rows with the two evidence columns; ``cells``: row index -> (verification, more_sources, issuer page)."""
    import csv
    import io

    parsed = list(csv.reader(io.StringIO("\n".join(rows))))
    for i, row in enumerate(parsed):
        level, more, issuer = cells.get(i, (row[14], "", ""))
        row[14:] = [level, row[15], more, issuer]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(parsed)
    return out.getvalue().strip("\n").split("\n")


def test_a_file_without_the_evidence_columns_reads_them_as_empty(small):
    assert small.actions["more_sources"].tolist() == [""] * len(SMALL_ROWS)
    assert small.actions["issuer_url_not_opened"].tolist() == [""] * len(SMALL_ROWS)


def test_corroborated_needs_a_further_report_on_another_host(tmp_path):
    # row 0's source is https://example.org/a
    ok = with_evidence(SMALL_ROWS, {0: ("corroborated", "https://news.example.net/x; https://example.org/b", "")})
    actions = load_dataset(write_csv(tmp_path / "ok.csv", ok, header=EVIDENCE_HEADER), today=TODAY).actions
    row = actions.set_index("action_id").loc["kr-nat-2021-05-alliance"]
    assert (row["verification"], row["more_sources"]) == ("corroborated", "https://news.example.net/x; https://example.org/b")

    for more in ("", "https://example.org/b", "https://www.example.org/c"):
        rows = with_evidence(SMALL_ROWS, {0: ("corroborated", more, "")})
        (problem,) = problems_for(write_csv(tmp_path / "x.csv", rows, header=EVIDENCE_HEADER))
        assert (problem.row, problem.column, problem.rule) == (2, "verification+source_url+more_sources", CORROBORATED_RULE)
        assert "verification='corroborated'" in problem.value and "source_url='https://example.org/a'" in problem.value


def test_corroborated_without_the_more_sources_column_is_refused(tmp_path):
    rows = corrupt(SMALL_ROWS, 1, "verification", "corroborated")
    (problem,) = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert (problem.row, problem.rule) == (3, CORROBORATED_RULE)


def test_each_further_source_must_be_an_http_url_and_the_bad_one_is_named(tmp_path):
    rows = with_evidence(SMALL_ROWS, {2: ("reported", "https://ok.example/x;ftp://files.example/y; not a url", ""),
                                      3: ("reported", "", "javascript:alert(1)")})
    problems = problems_for(write_csv(tmp_path / "x.csv", rows, header=EVIDENCE_HEADER))
    assert problems == [
        Problem(4, "more_sources", "ftp://files.example/y ; not a url", MORE_SOURCES_RULE),
        Problem(5, "issuer_url_not_opened", "javascript:alert(1)", "must be empty or a well-formed http(s) URL"),
    ]


def test_an_issuer_page_that_could_not_be_opened_does_not_need_a_level(tmp_path):
    rows = with_evidence(SMALL_ROWS, {2: ("reported", "", "http://gxt.example.gov.cn/art/2024/3/7/notice.html")})
    actions = load_dataset(write_csv(tmp_path / "x.csv", rows, header=EVIDENCE_HEADER), today=TODAY).actions
    assert actions.set_index("action_id").at["cn-sh-2021-12-fyp", "issuer_url_not_opened"].startswith("http://gxt.")


def test_the_retired_unverified_level_gets_a_message_saying_what_to_write(tmp_path):
    rows = corrupt(SMALL_ROWS, 6, "verification", "unverified")
    (problem,) = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert (problem.row, problem.column, problem.value) == (8, "verification", "unverified")
    assert "no longer a verification level" in problem.rule and "write reported" in problem.rule


def test_an_unknown_level_lists_the_three_levels(tmp_path):
    rows = corrupt(SMALL_ROWS, 6, "verification", "confirmed")
    (problem,) = problems_for(write_csv(tmp_path / "x.csv", rows))
    assert problem.rule == "must be one of: corroborated, reported, verified"


def test_public_service_is_a_known_type(tmp_path):
    rows = corrupt(SMALL_ROWS, 6, "action_type", "public_service")
    actions = load_dataset(write_csv(tmp_path / "x.csv", rows), today=TODAY).actions
    assert actions.set_index("action_id").at["jp-13-2023-03-event", "action_type"] == "public_service"


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_validate_accepts_the_bundled_dataset():
    result = run_cli("validate", str(DEFAULT_ACTIONS_PATH))
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_cli_validate_prints_readable_errors_and_no_traceback(tmp_path):
    rows = corrupt(SMALL_ROWS, 1, "region_id", "KR-99")
    path = write_csv(tmp_path / "bad.csv", rows)
    before = path.read_bytes()
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "row 3, column region_id: 'KR-99'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == before


def test_cli_validate_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.csv"))
    assert result.returncode == 1
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_serve_refuses_an_invalid_dataset_without_traceback(tmp_path):
    path = write_csv(tmp_path / "bad.csv", corrupt(SMALL_ROWS, 0, "country", "XX"))
    result = run_cli("serve", "--data", str(path), "--port", "0")
    assert result.returncode == 1
    assert "column country: 'XX'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_help_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("serve", "validate", "build-boundaries"):
        assert command in result.stdout


def test_corroborated_without_a_source_url_needs_two_further_hosts(tmp_path):
    # row 2 (cn-sh-2021-12-fyp) has no source_url
    one = with_evidence(SMALL_ROWS, {2: ("corroborated", "https://a.example/1", "")})
    (problem,) = problems_for(write_csv(tmp_path / "x.csv", one, header=EVIDENCE_HEADER))
    assert (problem.row, problem.rule) == (4, CORROBORATED_RULE)
    two = with_evidence(SMALL_ROWS, {2: ("corroborated", "https://a.example/1;https://b.example/2", "")})
    assert load_dataset(write_csv(tmp_path / "y.csv", two, header=EVIDENCE_HEADER), today=TODAY).actions is not None
