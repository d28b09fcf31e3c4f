"""Rows written once give the bytes the per-request writers give: the table's CSV export and the API's pages.

Why: the CSV export of the bundled data and the API join lines kept by ``PublishedRows`` instead of
writing a DataFrame per request; a user must get the same file either way, formula cells neutralised.
"""

from __future__ import annotations

import pytest

from components.core.view import exports
from components.core.view.metrics import table_actions
from components.core.view.published_rows import PublishedRows
from components.core.view.state import ViewState
from components.panels.table import export_frame
from tests.conftest import SMALL_ROWS, write_csv

STATES = [
    ViewState(),
    ViewState(countries=["KR"]),
    ViewState(levels=["national", "municipal"], verification=["verified"], start="2022-01", end="2023-06"),
    ViewState(search="metaverse plan"),
    ViewState(search="元宇宙"),
    ViewState(types=[], countries=["CN"]),
]


@pytest.fixture(scope="module")
def published(bundled):
    return PublishedRows.of(bundled)


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.to_query() or "default")
def test_the_table_export_from_kept_lines_is_the_frame_written_whole(bundled, published, state):
    whole = exports.frame_csv(export_frame(table_actions(bundled, state)))
    assert published.table_csv(state) == whole
    assert whole.startswith("action_id,") and whole.count("\r\n") >= 1


def test_formula_cells_stay_neutralised(tmp_path):
    from components.core.data.dataset import load_dataset

    rows = [SMALL_ROWS[0].replace("Metaverse", "=HYPERLINK(1)", 1)] + SMALL_ROWS[1:]
    dataset = load_dataset(write_csv(tmp_path / "hostile.csv", rows))
    text = PublishedRows.of(dataset).table_csv(ViewState())
    assert "'=HYPERLINK(1)" in text
    assert text == exports.frame_csv(export_frame(table_actions(dataset, ViewState())))


def test_the_digest_names_the_content_and_a_tag_the_query(bundled, published, tmp_path):
    again = PublishedRows.of(bundled)
    assert again.digest == published.digest and again.tag("countries=KR") == published.tag("countries=KR")
    assert published.tag("countries=KR") != published.tag("countries=CN")
    from components.core.data.dataset import load_dataset

    small = PublishedRows.of(load_dataset(write_csv(tmp_path / "small.csv", SMALL_ROWS)))
    assert small.digest != published.digest
