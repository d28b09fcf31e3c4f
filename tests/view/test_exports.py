"""Exports a spreadsheet opens safely: formula prefixes neutralised (OWASP), text read back as written."""

from __future__ import annotations

import base64
import csv
import io

import openpyxl
import pytest

from app import create_app
from components.core.data.columns import Col
from components.core.view import exports
from components.core.view.exports import problems_csv
from components.core.data.tabular import FORMULA_PREFIXES, neutralise
from components.core.data.schema import Problem
from components.panels.ids import Ids
from tests.conftest import HEADER, SMALL_ROWS

FORMULA_TITLES = ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-1+2", "@SUM(1,1)", "\t=1", "\r=2"]


@pytest.mark.parametrize("text", FORMULA_TITLES)
def test_a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Plan", " =not first", "", "'already", "1-2", "a=b"])
def test_other_cells_are_left_alone(text):
    assert neutralise(text) == text


def own_csv() -> str:
    rows = list(csv.reader(io.StringIO("\n".join(SMALL_ROWS))))
    title, summary = HEADER.split(",").index(Col.TITLE), HEADER.split(",").index(Col.SUMMARY)
    for row, formula in zip(rows, FORMULA_TITLES):
        row[title], row[summary] = formula, formula + " summary"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADER.split(","), *rows])
    return out.getvalue()


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def export(client, output: str, button: str, own) -> object:
    dependencies = client.get("/_dash-dependencies").get_json()
    spec = next(d for d in dependencies if d["output"] == output)
    body = {
        "output": spec["output"], "outputs": {"id": output.split(".")[0], "property": "data"},
        "inputs": [{**i, "value": 1} for i in spec["inputs"]],
        "state": [{**s, "value": own if s["id"] == Ids.OWN_DATA else {}} for s in spec["state"]],
        "changedPropIds": [f"{button}.n_clicks"],
    }
    return client.post("/_dash-update-component", json=body)


def test_the_csv_export_of_own_data_is_neutralised_and_reads_back_as_written(client):
    response = export(client, f"{Ids.DOWNLOAD_CSV}.data", Ids.DOWNLOAD_CSV_BUTTON, {"name": "x.csv", "csv": own_csv()})
    download = response.get_json()["response"][Ids.DOWNLOAD_CSV]["data"]
    assert download["filename"].startswith("metaverse-policy-actions_vown-") and download["filename"].endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(download["content"], newline="")))
    written = dict(zip((r.split(",")[0] for r in SMALL_ROWS), FORMULA_TITLES))
    assert len(rows) == len(SMALL_ROWS)
    for row in rows:
        for field in (Col.TITLE, Col.SUMMARY):
            assert not row[field].startswith(FORMULA_PREFIXES)
        original = written.get(row[Col.ACTION_ID])
        if original is not None:
            assert row[Col.TITLE] == "'" + original and row[Col.SUMMARY] == "'" + original + " summary"


def test_the_xlsx_export_holds_text_cells_exactly_as_written(client):
    response = export(client, f"{Ids.DOWNLOAD_XLSX}.data", Ids.DOWNLOAD_XLSX_BUTTON, {"name": "x.csv", "csv": own_csv()})
    download = response.get_json()["response"][Ids.DOWNLOAD_XLSX]["data"]
    assert download["filename"].endswith(".xlsx") and download["base64"] is True
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(download["content"]))).active
    header = [c.value for c in sheet[1]]
    assert header == Col.published()
    written = dict(zip((r.split(",")[0] for r in SMALL_ROWS), FORMULA_TITLES))
    titles = {}
    for cells in sheet.iter_rows(min_row=2):
        row = dict(zip(header, cells))
        assert all(c.data_type == "s" for c in cells if c.value is not None)
        titles[row[Col.ACTION_ID].value] = row[Col.TITLE].value
    assert {k: v for k, v in titles.items() if k in written} == written


def test_a_tampered_own_data_store_gets_no_export_but_a_plain_400_naming_the_problem(client):
    response = export(client, f"{Ids.DOWNLOAD_CSV}.data", Ids.DOWNLOAD_CSV_BUTTON, {"csv": "action_id\n<script>"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "column" in response.get_data(as_text=True).lower()


def test_the_problems_file_is_neutralised_too():
    text = problems_csv([Problem(2, Col.TITLE, "=1+1", "a rule")])
    assert list(csv.reader(io.StringIO(text))) == [["row", "column", "value", "rule"], ["2", "title", "'=1+1", "a rule"]]


def test_exports_carry_the_evidence_columns_of_the_bundled_data(bundled):
    from components.core.data.dataset import published_frame

    frame = published_frame(bundled.actions)
    assert list(frame.columns) == Col.published()
    row = frame.set_index(Col.ACTION_ID).loc["kr-nat-2024-05-enforcement-decree-legislative-notice"]
    assert (row[Col.VERIFICATION], row[Col.MORE_SOURCES]) == ("corroborated", "https://yonbang.net/news/article.html?no=193176")
    back = list(csv.DictReader(io.StringIO(exports.frame_csv(frame), newline="")))
    assert {r[Col.ACTION_ID]: r[Col.MORE_SOURCES] for r in back} == dict(zip(frame[Col.ACTION_ID], frame[Col.MORE_SOURCES]))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.frame_xlsx(frame))).active
    header = [c.value for c in sheet[1]]
    cells = {r[0].value: dict(zip(header, (c.value or "" for c in r))) for r in sheet.iter_rows(min_row=2)}
    assert cells["cn-sd-2024-03-enterprise-innovation-projects-future-industries-special"][Col.ISSUER_URL_NOT_OPENED] \
        == "http://gxt.shandong.gov.cn/art/2024/3/7/art_15201_10340788.html"


def test_the_analysis_caveats_give_the_share_of_each_evidence_level(bundled):
    from components.core.analysis import evidence_caveat

    a = bundled.actions
    n = a[Col.VERIFICATION].value_counts()
    text = evidence_caveat(a)
    for level in ("verified", "corroborated", "reported"):
        count = int(n.get(level, 0))
        assert f"{count:,} ({count / len(a):.0%})" in text
    assert text.startswith(f"Evidence: of the {len(a):,} actions,")
