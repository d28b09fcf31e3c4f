"""Region dossier journeys: from the panel to the printable page, on a phone, in four languages, with axe-core."""

from __future__ import annotations

import pytest

from components.core.data.dataset import read_version

from components.core import i18n
from components.core.data.columns import Col

from .conftest import assert_no_console_errors, wait_for
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

TITLES = {"en": "Region dossier: Zhejiang", "zh": "地区档案：浙江省", "ko": "지역 자료집: 저장성", "ja": "地域ドシエ：浙江省"}


def rows_shown(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#dossier-actions tbody tr')).map(r => r.dataset.actionId)")


def wait_for_dossier(duo) -> None:
    wait_for(lambda: duo.driver.execute_script(
        "const i = document.querySelector('#dossier-map img');"
        "return document.readyState === 'complete' && !!i && i.complete && i.naturalWidth > 0"),
        timeout=60, message="the dossier and its map")


def test_the_panel_s_button_opens_the_region_s_dossier(dash_duo, open_link):
    dataset = open_link("?region=CN-ZJ")
    link = dash_duo.wait_for_element("#panel-dossier")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href").endswith("/dossier/CN-ZJ?lang=en")
    assert link.text == "Dossier: print and cite"
    before = set(dash_duo.driver.window_handles)
    link.click()
    wait_for(lambda: len(dash_duo.driver.window_handles) > len(before), message="a new tab")
    dash_duo.driver.switch_to.window((set(dash_duo.driver.window_handles) - before).pop())
    wait_for_dossier(dash_duo)
    assert dash_duo.find_element("#dossier-title").text == "Region dossier: Zhejiang (浙江省)"
    mine = dataset.actions[dataset.actions[Col.REGION_ID] == "CN-ZJ"]
    assert rows_shown(dash_duo) == list(mine[Col.ACTION_ID])
    first = dash_duo.find_element("#dossier-actions tbody tr")
    action = mine.iloc[0]
    assert action[Col.ISSUER] in first.text and action[Col.DATE_LABEL] in first.text
    assert first.find_element("css selector", "a").get_attribute("href") == action[Col.SOURCE_URL]
    counts = dash_duo.find_element("#dossier-counts").text
    assert f"Sub-national actions {len(mine)}" in counts
    version = read_version()
    assert f"(Version {version}) [Dataset]" in dash_duo.find_element("#cite-apa-dataset").text
    assert f"@misc{{metaverse_policy_atlas_{version}_page" in dash_duo.find_element("#cite-bibtex").text
    assert dash_duo.find_element("#dossier-print").is_displayed(), "the print button, shown by its script"
    assert dash_duo.driver.execute_script("return document.querySelectorAll('svg.timeline circle').length") == len(mine)
    violations = axe_violations(dash_duo)
    assert violations == [], describe("dossier", violations)
    assert_no_console_errors(dash_duo)


def test_the_dossier_fits_a_phone(dash_duo, open_link):
    dataset = open_link()
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/dossier/KR-11?lang=ko")
    wait_for_dossier(dash_duo)
    wide = dash_duo.driver.execute_script(
        "return [document.documentElement.scrollWidth - document.documentElement.clientWidth].concat("
        " Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.timeline-wrap'))"
        " .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)"
        " .map(e => e.tagName + '#' + e.id))")
    assert wide == [0], f"no sideways scroll at 390 px: {wide}"
    layout = dash_duo.driver.execute_script(
        "const r = document.querySelector('#dossier-actions tbody tr');"
        "return [getComputedStyle(r).display, getComputedStyle(document.querySelector('#dossier-actions thead')).display,"
        " document.querySelector('#dossier-map img').getBoundingClientRect().width]")
    assert layout[:2] == ["block", "none"], "each action is a card with its labels"
    assert 300 < layout[2] <= 390
    assert len(rows_shown(dash_duo)) == int((dataset.actions[Col.REGION_ID] == "KR-11").sum())
    violations = axe_violations(dash_duo)
    assert violations == [], describe("dossier on a phone", violations)
    assert_no_console_errors(dash_duo)


def test_the_dossier_speaks_four_languages_and_a_wrong_region_gets_a_page(dash_duo, open_link):
    open_link()
    for lang, title in TITLES.items():
        dash_duo.driver.get(dash_duo.server_url + f"/dossier/cn-zj?lang={lang}")
        wait_for_dossier(dash_duo)
        assert dash_duo.driver.execute_script("return document.documentElement.lang") == i18n.HTML_LANG[lang]
        assert dash_duo.find_element("#dossier-title").text.startswith(title)
        with i18n.use(lang):
            assert dash_duo.find_element("#h-cite").text == i18n.text("dossier.cite")
            assert dash_duo.find_element("#dossier-print").text == i18n.text("dossier.print")
    dash_duo.driver.get(dash_duo.server_url + "/dossier/%3Cimg%20src=x%20onerror=alert(1)%3E?lang=ja")
    wait_for(lambda: dash_duo.driver.execute_script("return document.readyState") == "complete", message="404 page")
    assert dash_duo.find_element("h1").text == "該当する地域がありません"
    assert "<img src=x onerror=alert(1)>" in dash_duo.find_element("#not-found").text
    violations = axe_violations(dash_duo)
    assert violations == [], describe("404 page", violations)
    logs = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert all("/dossier/" in e["message"] and "404" in e["message"] for e in logs), logs
