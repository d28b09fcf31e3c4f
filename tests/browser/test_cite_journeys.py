""""Cite" journeys: an action's and the view's citation dialog, by keyboard, on a phone, in CJK, with hostile text and axe-core.

What the dialog shows must be the server's answer (citeproc-py / pybtex at /cite/...), shown as text:
these tests read the dialog and compare it with that answer and with the dataset's own record.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

import pytest
from selenium.webdriver.common.keys import Keys

from components.core.data.columns import Col
from tests.conftest import SMALL_ROWS, write_csv

from .conftest import assert_no_console_errors, wait_for
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("ATLAS_CITE_SHOTS")  # a folder to keep the dialog's screenshots in (for review)


def shot(duo, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        duo.driver.save_screenshot(str(Path(SHOTS) / name))


def server_answer(duo, path: str) -> dict:
    with urlopen(duo.server_url + path) as response:
        return json.loads(response.read())


def dialog_text(duo) -> dict:
    return duo.driver.execute_script(
        "const d = document.getElementById('cite-dialog'); const q = s => d.querySelector(s);"
        "return {open: d.open, title: q('#cite-title').textContent, apa: q('#cite-apa').textContent,"
        " dataset: q('#cite-apa-dataset').textContent, bibtex: q('#cite-bibtex').textContent,"
        " permalink: q('#cite-permalink').getAttribute('href'), bib: q('#cite-download').getAttribute('href'),"
        " markup: d.querySelectorAll('script, img, .xss').length}")


def wait_for_citation(duo) -> None:
    wait_for(lambda: duo.driver.execute_script(
        "const d = document.getElementById('cite-dialog'); return !!d && d.open && !!d.querySelector('#cite-apa')"),
        message="the citation in the dialog")


def test_an_action_is_cited_from_the_panel_by_keyboard(dash_duo, open_link):
    dataset = open_link("?region=CN-ZJ")
    button = dash_duo.wait_for_element("#action-list .cite-action")
    item = button.find_element("xpath", "ancestor::li[@data-action-id]")
    action_id = item.get_attribute("data-action-id")
    row = dataset.actions[dataset.actions[Col.ACTION_ID] == action_id].iloc[0]
    assert button.text == "Cite" and button.tag_name == "button"
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    shot(dash_duo, "cite-panel-desktop-en.png")
    assert button.get_attribute("aria-label").startswith("Cite this action: ")
    dash_duo.driver.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    wait_for_citation(dash_duo)
    shown = dialog_text(dash_duo)
    answer = server_answer(dash_duo, f"/cite/action/{action_id}?lang=en")
    assert shown["apa"] == answer["apa"] and shown["bibtex"] == answer["bibtex"]
    assert row[Col.TITLE] in shown["apa"] and f"(record {action_id})" in shown["apa"]
    assert f"(Version {dataset.version}) [Dataset]" in shown["dataset"]
    assert shown["bibtex"].startswith(f"@misc{{metaverse_policy_atlas_{dataset.version},")
    link = urlparse(shown["permalink"])
    assert parse_qs(link.query) == {"region": ["CN-ZJ"], "action": [action_id], "lang": ["en"]}
    assert shown["bib"].endswith("&format=bibtex")
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == "cite-close", "focus moves into the dialog"
    shot(dash_duo, "cite-action-desktop-en.png")
    violations = axe_violations(dash_duo)
    assert violations == [], describe("cite dialog", violations)
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_for(lambda: not dash_duo.driver.execute_script("return document.getElementById('cite-dialog').open"),
             message="Esc closes the dialog")
    # the permalink opens that region with that action highlighted
    dash_duo.driver.get(shown["permalink"])
    wait_for(lambda: dash_duo.driver.execute_script(
        "const i = document.querySelector('#action-list li.highlighted'); return i && i.dataset.actionId") == action_id,
        message="the permalink's action highlighted in its region")
    assert_no_console_errors(dash_duo)


def test_the_view_is_cited_in_japanese_on_a_phone(dash_duo, open_link):
    open_link("?region=JP-13&start=2022-01&lang=ja")
    dash_duo.driver.set_window_size(390, 844)
    button = dash_duo.wait_for_element("#cite-view")
    assert button.text == "引用" and button.get_attribute("aria-label") == "このビューを引用"
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", button)
    wait_for_citation(dash_duo)
    shown = dialog_text(dash_duo)
    answer = server_answer(dash_duo, "/cite/view?region=JP-13&start=2022-01&lang=ja")
    assert shown["apa"] == answer["apa"] and shown["title"] == answer["title"]
    assert shown["title"].startswith("東京都、2022年1月")
    assert parse_qs(urlparse(shown["permalink"]).query) == {"region": ["JP-13"], "start": ["2022-01"], "lang": ["ja"]}
    assert dash_duo.driver.execute_script("return document.getElementById('cite-title').closest('html').lang") == "ja"
    box = dash_duo.driver.execute_script(
        "const r = document.getElementById('cite-dialog').getBoundingClientRect(); return [r.left, r.right, innerWidth]")
    assert box[0] >= 0 and box[1] <= box[2], f"the dialog fits the phone's width: {box}"
    shot(dash_duo, "cite-view-phone-ja.png")
    violations = axe_violations(dash_duo)
    assert violations == [], describe("cite dialog (phone, ja)", violations)
    dash_duo.find_element("#cite-close").click()
    assert not dash_duo.driver.execute_script("return document.getElementById('cite-dialog').open")
    assert_no_console_errors(dash_duo)


HOSTILE = '<script>window.__xss=1</script><img src=x class=xss onerror="window.__xss=2">'


def test_a_hostile_title_is_cited_as_text(dash_duo, open_link, tmp_path):
    rows = [SMALL_ROWS[1].replace("Metaverse Seoul Basic Plan", '"' + HOSTILE.replace('"', '""') + '"')]
    path = write_csv(tmp_path / "hostile.csv", rows + SMALL_ROWS[2:])
    open_link("?region=KR-11", data_path=path)
    button = dash_duo.wait_for_element("#action-list .cite-action")
    assert HOSTILE in button.get_attribute("aria-label")
    button.click()
    wait_for_citation(dash_duo)
    shown = dialog_text(dash_duo)
    assert HOSTILE in shown["apa"] and HOSTILE in shown["title"]
    assert shown["markup"] == 0
    assert dash_duo.driver.execute_script("return window.__xss === undefined && !document.querySelector('.xss')")
    assert_no_console_errors(dash_duo)
