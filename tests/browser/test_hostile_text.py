"""Hostile text: an uploaded dataset full of XSS payloads is shown as text everywhere, and exports stay inert."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from components.core.data.columns import Col
from components.core.data.tabular import FORMULA_PREFIXES
from components.core.view.figures import short_title
from tests.conftest import HEADER

from .conftest import (
    assert_no_console_errors,
    go_to,
    hover_text_at,
    region_lonlat,
    scroll_into_view,
    show_table,
    wait_for,
)
from .test_upload_journeys import upload

pytestmark = pytest.mark.browser

#: Each payload, if it ever became markup or ran, would leave an element with class "xss" or set window.__xss.
PAYLOADS = [
    '<script>window.__xss="script"</script>',
    '<img src=x class=xss onerror="window.__xss=\'img\';alert(1)">',
    '<a class=xss href="javascript:window.__xss=\'a\'">javascript link</a>',
    '<a class=xss href="data:text/html,<script>window.__xss=1</script>">data link</a>',
    '</textarea><img src=x class=xss onerror="window.__xss=\'textarea\'">',
    '<span class=xss style="position:fixed;top:0;left:0;width:100%;height:100%">hover markup</span>',
    '<a class=xss href="https://evil.example/">plotly link</a> <b class=xss>bold</b>',
    '%{customdata} {{7*7}} ${7*7}',
]
FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
TEXT_FIELDS = (Col.TITLE, Col.TITLE_ORIGINAL, Col.SUMMARY, Col.ISSUER, Col.LOCALITY, Col.SOURCE_NAME, Col.TAGS)
REGIONS = [("KR-11", "provincial"), ("CN-SH", "municipal"), ("JP-13", "district")]


def hostile_rows() -> list[dict]:
    rows = []
    for i, payload in enumerate(PAYLOADS + FORMULAS):
        region, level = REGIONS[i % len(REGIONS)]
        row = {c: "" for c in HEADER.split(",")}
        row.update({c: f"{payload} {c}" for c in TEXT_FIELDS})
        row[Col.TITLE] = payload
        row.update({Col.ACTION_ID: f"hostile-{i}", Col.DATE: f"{2024 if i < len(PAYLOADS) else 2023}-{i % 12 + 1:02d}-01", Col.DATE_PRECISION: "day",
                    Col.COUNTRY: region[:2], Col.LEVEL: level, Col.REGION_ID: region, Col.ACTION_TYPE: "event",
                    Col.SOURCE_URL: f"https://example.org/{i}", Col.VERIFICATION: "reported"})
        rows.append(row)
    same_day = dict(rows[len(PAYLOADS) + 4], **{Col.ACTION_ID: "hostile-same-day", Col.TITLE: PAYLOADS[0]})
    return rows + [same_day]  # two actions on one marker of the timeline: its hover lists both titles


def write_hostile(path: Path) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER.split(","), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(hostile_rows())
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def assert_inert(duo) -> None:
    found = duo.driver.execute_script(
        "return {xss: document.querySelectorAll('.xss, img[src=\"x\"]').length,"
        "  scripts: Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length,"
        "  flag: window.__xss === undefined ? null : String(window.__xss),"
        "  links: Array.from(document.querySelectorAll('a[href], area[href]')).map(a => a.href)"
        "    .filter(h => !/^https?:/i.test(h))}")
    assert found == {"xss": 0, "scripts": 0, "flag": None, "links": []}
    with pytest.raises(NoAlertPresentException):
        duo.driver.switch_to.alert.text


def test_xss_payloads_in_every_text_field_are_shown_as_text(atlas, tmp_path):
    duo, bundled = atlas  # the same boundaries as the upload: where to hover
    upload(duo, write_hostile(tmp_path / "hostile.csv"))
    wait_for(lambda: duo.find_element("#own-banner-text").text == f"Your data: hostile.csv, {len(hostile_rows())} actions",
             message="the hostile dataset loaded")
    assert_inert(duo)
    rows = hostile_rows()
    for region, _ in REGIONS:
        go_to(duo, f"?region={region}")
        expected = [r for r in rows if r[Col.REGION_ID] == region]
        wait_for(lambda: len(duo.find_elements("#action-list .action-title")) == len(expected), message=f"{region}'s panel")
        titles = {e.text for e in duo.find_elements("#action-list .action-title")}
        assert titles == {r[Col.TITLE].strip() for r in expected}
        body = duo.find_element("#panel-body").text
        for field in (Col.SUMMARY, Col.ISSUER, Col.SOURCE_NAME):
            assert all(r[field].strip() in body for r in expected if "\t" not in r[field] and "\r" not in r[field])
        hover = hover_text_at(duo, *region_lonlat(duo, bundled, region))
        latest = max(expected, key=lambda r: r[Col.DATE])[Col.TITLE]
        assert f"Latest: {short_title(latest)}" in hover
        duo.driver.execute_script(
            "const gd = document.querySelector('#timeline .js-plotly-plot');"
            "window.Plotly.Fx.hover(gd, gd.data.map((t, i) => ({curveNumber: i, pointNumber: 0})).slice(0, 1));")
        timeline_hover = wait_for(lambda: duo.driver.execute_script(
            "const h = document.querySelector('#timeline .hoverlayer .hovertext'); return h && h.textContent"),
            message="a timeline hover label")
        assert any(r[Col.TITLE].strip()[:20] in timeline_hover for r in expected)
        if region == "KR-11":
            assert "2 actions" in timeline_hover and PAYLOADS[0] in timeline_hover and FORMULAS[4].strip() in timeline_hover
        assert_inert(duo)

    go_to(duo, "?search=xss")
    show_table(duo)

    def title_cells():
        return duo.driver.execute_script(
            "return Array.from(document.querySelectorAll('#actions-table .ag-cell[col-id=\"title\"]')).map(c => c.textContent)")

    wait_for(lambda: any("<img src=x class=xss" in c for c in title_cells()) and any("<script>" in c for c in title_cells()),
             message="the payload titles shown as text in the table")

    def hover_title_for_its_tooltip():
        title_cell = duo.driver.find_element(By.CSS_SELECTOR, "#actions-table .ag-cell[col-id='title']")
        ActionChains(duo.driver).move_to_element(scroll_into_view(duo, title_cell)).pause(1.0).perform()
        return duo.driver.execute_script("const t = document.querySelector('.ag-tooltip'); return t && t.textContent")

    wait_for(hover_title_for_its_tooltip, timeout=30, message="the title's tooltip")
    assert_inert(duo)
    assert_no_console_errors(duo)


def test_exports_of_formula_titles_stay_text_and_read_back_as_written(atlas, tmp_path):
    duo, _ = atlas
    upload(duo, write_hostile(tmp_path / "hostile.csv"))
    wait_for(lambda: "hostile.csv" in duo.find_element("#own-banner-text").text, message="the hostile dataset loaded")
    go_to(duo, "?search=tags")
    wait_for(lambda: duo.find_element("#table-count").text == f"{len(hostile_rows())} action(s) match", message="all rows")
    downloads = Path(duo.download_path)
    scroll_into_view(duo, duo.find_element("#download-csv-button")).click()
    exported = wait_for(lambda: list(downloads.glob("*.csv")), message="the CSV export")[0]
    scroll_into_view(duo, duo.find_element("#download-xlsx-button")).click()
    workbook = wait_for(lambda: [p for p in downloads.glob("*.xlsx") if p.stat().st_size], message="the XLSX export")[0]

    written = {r[Col.ACTION_ID]: r for r in hostile_rows()}
    with exported.open(encoding="utf-8", newline="") as handle:
        from_csv = list(csv.DictReader(handle))
    assert len(from_csv) == len(written)
    for row in from_csv:
        for field in TEXT_FIELDS:
            cell, original = row[field], written[row[Col.ACTION_ID]][field]
            assert not cell.startswith(FORMULA_PREFIXES)
            assert cell == ("'" + original if original.startswith(FORMULA_PREFIXES) else original)

    sheet = openpyxl.load_workbook(workbook).active
    header = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        values = dict(zip(header, cells))
        original = written[values[Col.ACTION_ID].value]
        for field in TEXT_FIELDS:
            assert values[field].data_type == "s" and values[field].value == original[field]
    assert_inert(duo)
    assert_no_console_errors(duo)

