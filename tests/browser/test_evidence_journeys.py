"""Evidence and what is new: the panel's level badges and further sources, the "new" mark, and the
new-in-this-version filter in the URL, on a small dataset with a changes file beside it."""

from __future__ import annotations

import csv
import io

import pytest

from components.core.data.changes import CHANGES_FILENAME
from components.core.data.dataset import read_version
from tests.conftest import HEADER, SMALL_ROWS

from .conftest import assert_no_console_errors, query, wait_for

pytestmark = pytest.mark.browser

NEW = "cn-sh-2022-07-track"
FURTHER = "https://news.example.net/shanghai-track"


@pytest.fixture
def evidence_csv(tmp_path):
    """SMALL_ROWS with the evidence columns: the Shanghai track plan corroborated and new in this version."""
    rows = list(csv.reader(io.StringIO("\n".join(SMALL_ROWS))))
    for row in rows:
        row += ["", ""]
        if row[0] == NEW:
            row[14], row[16] = "corroborated", FURTHER
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER.split(",") + ["more_sources", "issuer_url_not_opened"], *rows])
    path = tmp_path / "actions.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    (tmp_path / CHANGES_FILENAME).write_text(
        f"version,action_id,change,fields\n{read_version()},{NEW},added,\n{read_version()},cn-sh-2021-12-fyp,changed,tags\n",
        encoding="utf-8")
    return path


def panel_items(duo) -> list[dict]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#action-list [data-action-id]')).map(li => ({"
        " id: li.dataset.actionId,"
        " badges: Array.from(li.querySelectorAll('.badge')).map(b => [b.className, b.textContent, b.title]),"
        " more: Array.from(li.querySelectorAll('.more-sources a')).map(a => [a.href, a.textContent])}))")


def test_the_panel_marks_new_rows_and_shows_how_each_is_known(dash_duo, open_link, evidence_csv):
    dataset = open_link("?region=CN-SH", data_path=evidence_csv)
    assert dataset.new_ids == {NEW}
    wait_for(lambda: len(panel_items(dash_duo)) == 2, message="Shanghai's two actions")
    items = {item["id"]: item for item in panel_items(dash_duo)}
    new_badges = [b for b in items[NEW]["badges"] if "badge-new" in b[0]]
    assert [(text, title) for _, text, title in new_badges] == [("new", f"New in dataset version {read_version()}")]
    assert not [b for b in items["cn-sh-2021-12-fyp"]["badges"] if "badge-new" in b[0]]  # changed, not new
    assert any("badge-corroborated" in cls and text == "corroborated" for cls, text, _ in items[NEW]["badges"])
    assert any("badge-reported" in cls and text == "reported" for cls, text, _ in items["cn-sh-2021-12-fyp"]["badges"])
    assert items[NEW]["more"] == [[FURTHER, "news.example.net"]]
    assert items["cn-sh-2021-12-fyp"]["more"] == []
    assert_no_console_errors(dash_duo)


def test_new_in_this_version_is_a_filter_kept_in_the_link(dash_duo, open_link, evidence_csv):
    open_link("?region=CN-SH", data_path=evidence_csv)
    wait_for(lambda: len(panel_items(dash_duo)) == 2, message="Shanghai's two actions")
    labels = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#novelty label')).map(l => l.textContent.trim())")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#novelty label')).map(l => l.textContent.trim())")
        == ["New in this version (1)", f"In earlier versions ({len(SMALL_ROWS) - 1})"],
        message=f"facet counts of the version filter (saw {labels})")
    dash_duo.driver.execute_script("document.querySelector('#novelty input[value=\"earlier\"]').click()")
    wait_for(lambda: query(dash_duo).get("novelty") == "new", message="novelty=new in the URL")
    wait_for(lambda: [i["id"] for i in panel_items(dash_duo)] == [NEW], message="only the new action listed")

    dash_duo.driver.get(dash_duo.server_url + "/?novelty=new")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#novelty input')).filter(i => i.checked).map(i => i.value)")
        == ["new"], message="the link ticks only 'new'")
    wait_for(lambda: dash_duo.find_element("#table-count").text == "1 action(s) match", message="one row in the table")
    assert_no_console_errors(dash_duo)
