"""Bringing your own data in the browser: a valid file replaces the data in this tab only; a bad one changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from components.core.data.columns import Col
from components.core.view.metrics import table_actions
from components.panels.url_state import state_from_query
from tests.conftest import HEADER

from .conftest import (
    assert_no_console_errors,
    click_when_clear,
    go_to,
    map_trace,
    scroll_into_view,
    server_calls,
    wait_for,
    wait_for_engine,
)

pytestmark = pytest.mark.browser

#: A tracker with names instead of codes and dates before the bundled month axis starts.
OWN_ROWS = [
    "own-sh-2018-03-plan,2018-03-12,day,CN,provincial,上海市,,Shanghai Municipal Government,Shanghai early VR plan,上海虚拟现实计划,strategy_plan,A plan.,News,https://example.org/1,reported,vr",
    "own-sh-2019-06-park,2019-06-01,month,CN,municipal,Shanghai,Songjiang,Songjiang District,Songjiang VR park,松江VR园区,zone_park,A park.,News,https://example.org/2,reported,vr",
    "own-kr-2019-01-forum,2019-01-15,day,KR,provincial,서울특별시,,Seoul Metropolitan Government,Seoul XR forum,서울 XR 포럼,event,A forum.,News,,reported,xr",
    "own-jp-2020-02-study,2020-02-01,month,JP,provincial,東京都,,Tokyo Metropolitan Government,Tokyo XR study,東京XR研究会,report_study,A study.,News,https://example.org/3,verified,xr",
    "own-jp-2020-05-national,2020-05-20,day,JP,national,,,Cabinet Office,Virtual space study group,仮想空間研究会,body_alliance,A group.,News,https://example.org/4,reported,xr",
]


def write_own(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes((HEADER + "\n" + "\n".join(rows) + "\n").encode(encoding))
    return path


def upload(duo, path: Path) -> None:
    duo.driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(path))


def slider(duo) -> dict:
    return duo.driver.execute_script(
        "const labels = Array.from(document.querySelectorAll('#date-range .dash-slider-mark, #date-range .rc-slider-mark-text'))"
        "  .map(e => e.textContent.trim()).filter(Boolean);"
        "const thumbs = document.querySelectorAll('#date-range [role=slider]');"
        "return {max: Number(thumbs[thumbs.length - 1].getAttribute('aria-valuemax')), labels: labels,"
        "        end: Number(thumbs[thumbs.length - 1].getAttribute('aria-valuenow'))};")


def count_text(duo) -> str:
    return duo.find_element("#table-count").text


def second_browser(duo):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1200"):
        options.add_argument(flag)
    options.binary_location = os.environ["DASH_TEST_CHROMEPATH"]
    return webdriver.Chrome(options=options)


def test_a_valid_upload_replaces_the_data_in_this_tab_only(atlas, tmp_path):
    duo, bundled = atlas
    before = slider(duo)
    assert before["max"] == len(bundled.month_labels) - 1
    path = write_own(tmp_path / "tracker-gb18030.csv", OWN_ROWS, encoding="gb18030")
    upload(duo, path)

    wait_for(lambda: duo.find_element("#own-banner-text").text == "Your data: tracker-gb18030.csv, 5 actions",
             message="the banner")
    months = [m.strftime("%Y-%m") for m in pd.period_range("2018-03", dt.date.today(), freq="M")]
    wait_for(lambda: count_text(duo) == "5 action(s) match", message="the table on the uploaded rows")
    wait_for(lambda: slider(duo)["max"] == len(months) - 1, message="the slider on the new month axis")
    # The file declares no collection edge: the window ends at its latest action's month, the axis runs on.
    assert slider(duo)["end"] == months.index("2020-05")
    assert slider(duo)["labels"][0] == "2019"
    assert duo.find_element("#date-label").text == "Showing 2018-03 to 2020-05"
    shanghai = map_trace(duo, 1)
    assert "Actions to 2020-05: 2" in shanghai["text"][shanghai["locations"].index("CN-SH")]
    footer = duo.find_element("#dataset-version").text
    assert footer.startswith("Dataset version own-") and "· 5 actions" in footer

    go_to(duo, "?region=CN-SH")
    wait_for(lambda: "Shanghai" in duo.find_element("#panel-title").text, message="Shanghai's panel")
    wait_for(lambda: sorted(duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#action-list [data-action-id]')).map(e => e.dataset.actionId)"))
        == ["own-sh-2018-03-plan", "own-sh-2019-06-park"], message="Shanghai's own actions")
    scroll_into_view(duo, duo.find_element("#download-csv-button")).click()
    exported = wait_for(lambda: list(Path(duo.download_path).glob("*.csv")), message="the CSV export")[0]
    with exported.open(encoding="utf-8") as handle:
        assert sorted(r[Col.ACTION_ID] for r in csv.DictReader(handle)) == ["own-sh-2018-03-plan", "own-sh-2019-06-park"]
    assert "own-" in exported.name

    other = second_browser(duo)
    try:
        other.get(duo.server_url)
        wait_for(lambda: other.find_element(By.CSS_SELECTOR, "#table-count").text
                 == f"{len(bundled.actions)} action(s) match", message="the bundled data in a second browser")
        assert not other.find_element(By.CSS_SELECTOR, "#own-banner").is_displayed()
    finally:
        other.quit()

    click_when_clear(duo, duo.find_element("#own-restore"), "the way back to the bundled data")
    wait_for(lambda: not duo.find_element("#own-banner").is_displayed(), message="the banner gone")
    shanghai_rows = len(table_actions(bundled, state_from_query(bundled, "?region=CN-SH")))
    wait_for(lambda: count_text(duo) == f"{shanghai_rows} action(s) match", message="the bundled data back")
    wait_for(lambda: slider(duo)["max"] == before["max"], message="the bundled month axis back")
    assert f"{len(bundled.actions)} actions" in duo.find_element("#dataset-version").text
    assert_no_console_errors(duo)


def test_a_refused_file_lists_its_problems_and_changes_nothing(atlas, tmp_path):
    duo, bundled = atlas
    meta = duo.driver.execute_script("return JSON.stringify(document.querySelector('#map .js-plotly-plot').layout.meta)")
    rows = list(OWN_ROWS)
    rows[0] = rows[0].replace("2018-03-12", "2018-13-12")
    rows[2] = rows[2].replace(",,reported,xr", ",javascript:alert(1),reported,xr")
    rows += [f"own-bad-{i},2020-01-01,day,KR,provincial,Atlantis,,X,T,,event,S.,N,,reported," for i in range(230)]
    upload(duo, write_own(tmp_path / "broken.csv", rows))
    wait_for(lambda: "broken.csv was not loaded: 232 problem(s)" in duo.find_element("#upload-report").text,
             message="the refusal")
    table = duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#upload-problems tbody tr')).map(r =>"
        " Array.from(r.cells).map(c => c.textContent))")
    assert len(table) == 200
    assert ["2", "date", "2018-13-12", "must be a real date written YYYY-MM-DD"] in table
    assert ["4", "source_url", "javascript:alert(1)", "must be empty or a well-formed http(s) URL"] in table
    assert any(r[:3] == ["7", "region_id", "Atlantis"] for r in table)
    assert duo.find_element("#own-banner").is_displayed() is False
    assert count_text(duo) == f"{len(bundled.actions)} action(s) match"
    assert duo.driver.execute_script("return JSON.stringify(document.querySelector('#map .js-plotly-plot').layout.meta)") == meta

    duo.find_element("#upload-problems-button").click()
    saved = wait_for(lambda: list(Path(duo.download_path).glob("broken.csv-problems.csv")), message="the problems CSV")[0]
    with saved.open(encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    assert len(listed) == 232 and listed[0].keys() == {"row", "column", "value", "rule"}
    assert {"row": "4", "column": "source_url", "value": "javascript:alert(1)",
            "rule": "must be empty or a well-formed http(s) URL"} in listed
    assert_no_console_errors(duo)


def test_a_file_over_the_limit_is_refused_in_the_browser_without_being_sent(atlas, tmp_path):
    duo, _ = atlas
    big = tmp_path / "huge.csv"
    with big.open("wb") as handle:
        handle.write((HEADER + "\n").encode())
        handle.truncate(21 * 2**20)
    calls = server_calls(duo)
    upload(duo, big)
    wait_for(lambda: "huge.csv was not loaded: the file is 21.0 MB; the limit is 20 MB" in duo.find_element("#upload-report").text,
             message="the size refusal")
    assert server_calls(duo) == calls
    assert_no_console_errors(duo)


def test_reset_view_keeps_the_tabs_own_data(atlas, tmp_path):
    duo, _ = atlas
    upload(duo, write_own(tmp_path / "mine.csv", OWN_ROWS))
    wait_for(lambda: count_text(duo) == "5 action(s) match", message="own data")
    go_to(duo, "?countries=JP")
    wait_for(lambda: count_text(duo) == "2 action(s) match", message="Japan only")
    scroll_into_view(duo, duo.find_element("#reset")).click()
    wait_for(lambda: count_text(duo) == "5 action(s) match", message="reset on own data")
    assert duo.find_element("#own-banner").is_displayed()
    wait_for_engine(duo)
    assert_no_console_errors(duo)
