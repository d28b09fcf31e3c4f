"""data/CHANGELOG.md and data/changes.csv: what changed per version, computed from git history, and what the app marks new."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys

import pytest

from components.core.data.changes import new_ids
from components.core.data.columns import Col
from components.core.data.dataset import DATA_DIR, read_version
from scripts import build_changelog
from tests.conftest import ROOT

HAS_HISTORY = (shutil.which("git") is not None and (ROOT / ".git").exists()
               and subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True,
                                  text=True).stdout.strip() == "false")  # a shallow clone lacks the releases' CSVs
needs_history = pytest.mark.skipif(not HAS_HISTORY, reason="needs the git history of the repository")


def test_a_comparison_names_added_changed_fields_and_removed_ids():
    old = {"a": {"action_id": "a", "date": "2022-01-01"}, "b": {"action_id": "b", "date": "2022-02-01"}}
    new = {"a": {"action_id": "a", "date": "2022-01-05", "more_sources": ""},
           "c": {"action_id": "c", "date": "2023-01-01", "more_sources": "https://x.example/1"}}
    diff = build_changelog.compare("2", "1", old, new)
    assert (diff.added, diff.changed, diff.removed) == (["c"], {"a": ["date"]}, ["b"])
    # a column one version lacks reads as empty: adding an empty column changes nothing
    assert build_changelog.compare("2", "1", {"a": {"action_id": "a"}}, {"a": {"action_id": "a", "tags": ""}}).changed == {}


@needs_history
def test_the_changelog_and_changes_file_are_what_the_history_gives():
    result = subprocess.run([sys.executable, "-m", "scripts.build_changelog", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_changelog_lists_each_version_newest_first_with_real_ids_and_fields(bundled):
    text = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+)$", text, flags=re.MULTILINE)
    assert versions[0] == read_version() and versions[-1] == "2026.11.0"
    current = text.split(f"## {versions[0]}", 1)[1].split("\n## ", 1)[0]
    ids = set(bundled.actions[Col.ACTION_ID])
    listed = re.findall(r"^- `([a-z0-9-]+)`(?:: (.*))?$", current, flags=re.MULTILINE)
    assert listed and all(action_id in ids for action_id, _ in listed)
    assert all(field in Col.published() for _, fields in listed if fields for field in fields.split(", "))
    stated = re.search(r"^(\d+) actions; compared with (\S+): (\d+) added, (\d+) changed, (\d+) removed\.$", current,
                       flags=re.MULTILINE)
    assert int(stated.group(1)) == len(ids)
    assert int(stated.group(3)) + int(stated.group(4)) == len(listed)


def test_the_app_marks_new_exactly_the_actions_the_changes_file_adds_in_this_version(bundled):
    with (DATA_DIR / "changes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    added = {r["action_id"] for r in rows if r["version"] == bundled.version and r["change"] == "added"}
    assert bundled.new_ids == added == new_ids(rows, bundled.version)
    novelty = dict(zip(bundled.actions[Col.ACTION_ID], bundled.codes.novelty))
    assert {i for i, code in novelty.items() if code == 0} == added
