"""scripts/merge_research.py on a copy of the data: new rows appended in order, corrections only with evidence,
what the validator refuses dropped or undone with the reason, coverage recounted and the search notes read."""

from __future__ import annotations

import csv
import shutil

import pytest

from components.core.data.dataset import DATA_DIR, load_dataset
from scripts import merge_research
from scripts.dataset_csv import read_rows

HEADER = ("action_id,date,date_precision,country,level,region_id,locality,issuer,title,title_original,action_type,"
          "summary,source_name,source_url,verification,tags,more_sources,issuer_url_not_opened")
GOOD = ("kr-26-2022-02-busan-test-platform,2022-02-10,day,KR,provincial,KR-26,,Busan Metropolitan City,Busan test "
        "platform,,public_service,Busan opened a platform.,News,https://news.example.kr/1,corroborated,platform,"
        "https://other.example.com/2,")
SAME_HOST = ("kr-26-2022-03-busan-same-host,2022-03-10,day,KR,provincial,KR-26,,Busan Metropolitan City,Busan second,,"
             "event,An event.,News,https://news.example.kr/3,corroborated,event,https://news.example.kr/4,")
BAD_DATE = ("kr-26-2022-13-busan-bad-date,2022-13-10,day,KR,provincial,KR-26,,Busan Metropolitan City,Busan third,,"
            "event,An event.,News,https://news.example.kr/5,reported,event,,")
EXISTING = "kr-nat-2021-05-metaverse-alliance"
SEARCH = """# Korea search log

Searched on 2026-12-07 with the search tool.

## KR-26 Busan
Queries: 부산 메타버스 플랫폼; 부산시 메타버스 2022.
Added: Busan test platform (2022-02). Left out: a study with no date.
"""


@pytest.fixture
def merged(tmp_path, capsys):
    data, notes = tmp_path / "data", tmp_path / "notes"
    data.mkdir(), notes.mkdir()
    for name in ("policy_actions.csv", "coverage.csv"):
        shutil.copy(DATA_DIR / name, data / name)
    (notes / "kr.csv").write_text("\n".join([HEADER, GOOD, SAME_HOST, BAD_DATE]) + "\n", encoding="utf-8")
    (notes / "corroboration.csv").write_text(
        "action_id,new_verification,more_sources,issuer_url_not_opened,evidence_note,correction\n"
        f"{EXISTING},corroborated,https://third.example.org/a,,two outlets,title=Launch of the alliance (https://third.example.org/a)\n"
        "kr-nat-2022-02-msit-metaverse-ecosystem-budget,corroborated,,,no second report,date=2022-03\n",
        encoding="utf-8")
    (notes / "kr-search.md").write_text(SEARCH, encoding="utf-8")
    before = read_rows(data / "policy_actions.csv")[1]
    assert merge_research.main(["--notes", str(notes), "--data", str(data)]) == 0
    return data, before, capsys.readouterr().out


def test_new_rows_are_appended_after_the_existing_ones_in_their_order(merged):
    data, before, out = merged
    after = read_rows(data / "policy_actions.csv")[1]
    assert [r["action_id"] for r in after[:len(before)]] == [r["action_id"] for r in before]
    assert [r["action_id"] for r in after[len(before):]] == ["kr-26-2022-02-busan-test-platform",
                                                              "kr-26-2022-03-busan-same-host"]
    assert "dropped kr-26-2022-13-busan-bad-date (kr.csv): date: '2022-13-10' - must be a real date" in out
    same_host = after[-1]
    assert (same_host["verification"], same_host["more_sources"]) == ("reported", "https://news.example.kr/4")
    assert "fixed kr-26-2022-03-busan-same-host (kr.csv): corroborated -> reported" in out
    assert len(load_dataset(data / "policy_actions.csv").actions) == len(before) + 2


def test_corroborations_apply_and_corrections_need_an_evidence_url(merged):
    data, before, out = merged
    rows = {r["action_id"]: r for r in read_rows(data / "policy_actions.csv")[1]}
    old = {r["action_id"]: r for r in before}
    alliance = rows[EXISTING]
    assert alliance["verification"] == "corroborated" and alliance["title"] == "Launch of the alliance"
    assert alliance["more_sources"].split(";")[-1] == "https://third.example.org/a"
    assert alliance["more_sources"].startswith(old[EXISTING]["more_sources"])
    budget = rows["kr-nat-2022-02-msit-metaverse-ecosystem-budget"]
    assert budget == old["kr-nat-2022-02-msit-metaverse-ecosystem-budget"]  # undone: no second report, no evidence
    assert "correction for kr-nat-2022-02-msit-metaverse-ecosystem-budget not applied: no evidence URL given" in out
    assert "corroboration for kr-nat-2022-02-msit-metaverse-ecosystem-budget undone" in out


def test_coverage_is_recounted_and_takes_the_search_notes(merged):
    data, before, _ = merged
    with (data / "coverage.csv").open(encoding="utf-8", newline="") as handle:
        busan = next(r for r in csv.DictReader(handle) if r["region_id"] == "KR-26")
    with (DATA_DIR / "coverage.csv").open(encoding="utf-8", newline="") as handle:
        searched_before = next(r for r in csv.DictReader(handle) if r["region_id"] == "KR-26")["searched_on"]
    assert int(busan["actions_found"]) == sum(r["region_id"] == "KR-26" for r in before) + 2
    assert busan["searched_on"] == max(searched_before, "2026-12-07")  # a search never moves the day back
    assert busan["sources_searched"].endswith("2026-12-07 (dataset 2027.2) search:pages — 부산 메타버스 플랫폼; 부산시 메타버스 2022.")
    assert "Added: Busan test platform (2022-02). Left out: a study with no date." in busan["notes"]
