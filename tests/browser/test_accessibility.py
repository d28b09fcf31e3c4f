"""WCAG 2.2 AA checks in a real browser: axe-core on every main view, the keyboard, the readout, the map table.

axe-core is vendored (``assets/vendor/axe.min.js``) but never served to the app's pages; the test
injects its text with ``execute_script`` (not a ``<script>`` element, so the CSP allows it) and
fails with every serious or critical violation listed by rule, impact and element.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.core.view import figures
from components.core.view.encodings import encode_view
from components.core.view.map_table import map_table_rows
from components.core.i18n import message
from components.core.view.metrics import readout_counts
from components.panels.url_state import default_state, state_from_query
from tests.conftest import HEADER

from .conftest import (
    assert_no_console_errors, choose_in_region_picker, go_to, map_meta, query, scroll_into_view, server_calls, wait_for,
)

pytestmark = pytest.mark.browser

AXE = (Path(__file__).resolve().parents[2] / "assets" / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE_JS = """
const done = arguments[arguments.length - 1];
if (!window.axe) { (0, eval)(arguments[0]); }
window.axe.run(document, {runOnly: {type: 'tag', values: arguments[1]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
       nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""
#: Landmark and language rules the issue names (moderate in axe, required here all the same).
REQUIRED_RULES = {"landmark-one-main", "landmark-no-duplicate-contentinfo", "landmark-unique", "region", "html-has-lang",
                  "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "landmark-main-is-top-level"}


def axe_violations(duo) -> list[dict]:
    duo.driver.set_script_timeout(90)
    return duo.driver.execute_async_script(RUN_AXE_JS, AXE, AXE_TAGS)


def describe(where: str, violations: list[dict]) -> str:
    return "\n".join(f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}: {v['nodes'][:8]}"
                     for v in violations)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical") or v["id"] in REQUIRED_RULES]


def check_page(duo, where: str, found: list[str]) -> None:
    bad = blocking(axe_violations(duo))
    if bad:
        found.append(describe(where, bad))


def open_map_table(duo) -> None:
    duo.driver.execute_script("document.querySelector('#map-table-details').open = true")


def test_axe_finds_nothing_serious_on_the_map_a_region_presentation_and_analysis(dash_duo, open_link):
    open_link()
    found: list[str] = []
    check_page(dash_duo, "default view", found)
    go_to(dash_duo, "?region=CN-SH")
    wait_for(lambda: "Shanghai" in dash_duo.find_element("#panel-title").text, message="Shanghai panel")
    open_map_table(dash_duo)
    check_page(dash_duo, "?region=CN-SH with the map table open", found)
    go_to(dash_duo, "?region=CN-SH&present=1")
    wait_for(lambda: "presenting" in dash_duo.find_element("#page").get_attribute("class"), message="presentation mode")
    check_page(dash_duo, "?present=1", found)
    go_to(dash_duo, "?tab=analysis")
    wait_for(lambda: dash_duo.driver.execute_script(
        "return !!document.querySelector('.lag-list') && !!document.querySelector('#ranking-ties')"
        "  && !!document.querySelector('#neighbour-reading')"), timeout=90, message="the analysis tab's lists")
    check_page(dash_duo, "?tab=analysis", found)
    assert not found, "axe-core violations:\n" + "\n".join(found)
    assert_no_console_errors(dash_duo)


def test_axe_finds_nothing_serious_in_the_storyboard_presenter(dash_duo, open_link):
    open_link("?end=2023-06&region=KR-11")
    wait_for(lambda: map_meta(dash_duo)["query"] == "?end=2023-06&region=KR-11", message="the scene's view drawn")
    for attempt in range(3):  # as a user would click again if the first click landed while the page settled
        scroll_into_view(dash_duo, dash_duo.find_element("#story-add")).click()
        try:
            wait_for(lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#story-list input"), timeout=8,
                     message="a scene listed")
            break
        except AssertionError:
            if attempt == 2:
                raise
    scroll_into_view(dash_duo, dash_duo.find_element("#story-present")).click()
    wait_for(lambda: dash_duo.driver.execute_script(
        "return document.documentElement.classList.contains('presenter') && document.documentElement.dataset.scene === '0'"),
        message="the presenter")
    found: list[str] = []
    check_page(dash_duo, "storyboard presenter", found)
    assert not found, "axe-core violations:\n" + "\n".join(found)
    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    assert_no_console_errors(dash_duo)


def test_axe_finds_nothing_serious_beside_the_upload_problems_table(dash_duo, open_link, tmp_path):
    open_link()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\nx-1,2021-13-01,day,KR,provincial,KR-11,,I,T,,event,S.,N,,reported,xr\n", encoding="utf-8")
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(bad))
    wait_for(lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#upload-problems tbody tr"), message="the problems")
    found: list[str] = []
    check_page(dash_duo, "upload problems", found)
    assert not found, "axe-core violations:\n" + "\n".join(found)
    assert_no_console_errors(dash_duo)


ACTIVE_JS = """
const e = document.activeElement, s = getComputedStyle(e);
const zone = e.type === 'file' ? getComputedStyle(e.parentElement) : null;
return {id: e.id, tag: e.tagName, role: e.getAttribute('role'), cls: String(e.className), text: (e.textContent || '').trim().slice(0, 40),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                 || (zone && zone.outlineStyle !== 'none' && parseFloat(zone.outlineWidth) >= 2),
        label: (e.getAttribute('aria-labelledby') || '').split(' ').map(i => document.getElementById(i))
                 .filter(Boolean).map(n => n.textContent).join(' ')};
"""


def press(duo, *keys) -> None:
    ActionChains(duo.driver).send_keys(*keys).perform()


def active(duo) -> dict:
    return duo.driver.execute_script(ACTIVE_JS)


def test_keyboard_skip_link_focus_ring_every_control_and_the_region_picker(dash_duo, open_link):
    open_link()
    duo = dash_duo
    duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    press(duo, Keys.TAB)
    first = active(duo)
    assert first["text"] == message("a11y.skip_to_map") and first["outline"], first
    assert duo.driver.execute_script("return document.activeElement.getBoundingClientRect().top >= 0")
    press(duo, Keys.ENTER)
    wait_for(lambda: active(duo)["id"] == "map-area", message="focus on the map after the skip link")

    duo.driver.execute_script("document.querySelector('a.skip-link').focus()")
    reached, unringed = [], []
    for _ in range(200):
        press(duo, Keys.TAB)
        now = active(duo)
        reached.append(now)
        if not now["outline"] and now["tag"] != "BODY":  # BODY: focus went round through the browser's own UI
            unringed.append(now)
    ids = [r["id"] for r in reached]

    def reached_control(component: str) -> bool:
        return any(i == component or i.startswith((f"_dbcprivate_checklist_{component}_input_",
                                                    f"_dbcprivate_radioitems_{component}_input_")) for i in ids)

    controls = ["present", "metric", "rescale", "labels", "zoom", "countries", "levels", "types", "verification",
                "reset", "play", "play-speed", "region-picker", "story-add", "download-csv-button"]
    assert [c for c in controls if not reached_control(c)] == [], ids
    assert any(r["tag"] == "SUMMARY" for r in reached), "the map table's summary"
    assert len({r["cls"] for r in reached if r["role"] == "slider"}) == 2, "both handles of the date slider"
    assert not unringed, f"focused without a visible outline: {unringed[:5]}"

    picker = next(r for r in reached if r["id"] == "region-picker")
    assert picker["label"].startswith("Go to a region"), picker
    duo.driver.execute_script("document.querySelector('#region-picker').focus()")
    press(duo, Keys.ENTER)
    choose_in_region_picker(duo, "Busan")
    wait_for(lambda: "Busan" in duo.find_element("#panel-title").text, message="Busan panel from the keyboard")
    assert query(duo).get("region") == "KR-26"
    assert_no_console_errors(duo)


def announced(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#map-readout > div')).map(d => d.textContent)")


def expected_readout(dataset, link: str) -> list[str]:
    state = state_from_query(dataset, link)
    actions, view, _ = encode_view(dataset, state)
    return figures.readout_lines(dataset, state, readout_counts(dataset, state, view), actions.start, actions.end)


def test_the_readout_announces_the_map_state_and_follows_it(dash_duo, open_link):
    dataset = open_link("?end=2023-06")
    readout = dash_duo.find_element("#map-readout")
    assert readout.get_attribute("role") == "status" and readout.get_attribute("aria-live") == "polite"
    first = expected_readout(dataset, "?end=2023-06")
    wait_for(lambda: announced(dash_duo) == first, message="the readout for 2023-06")
    assert first[0].startswith("China: ") and first[0].endswith("provinces have acted by 2023-06")
    go_to(dash_duo, "?end=2024-06&countries=KR")
    second = expected_readout(dataset, "?end=2024-06&countries=KR")
    wait_for(lambda: announced(dash_duo) == second, message="the readout after a change")
    assert second != first
    assert_no_console_errors(dash_duo)


def map_table(duo) -> list[list[str]]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#map-table tbody tr')).map(tr =>"
        " [tr.querySelector('[data-region]').dataset.region].concat(Array.from(tr.children).map(c => c.textContent)))")


def expected_table(dataset, link: str) -> list[list[str]]:
    state = state_from_query(dataset, link)
    _, view, encoding = encode_view(dataset, state)
    return [[r.region_id, r.name, r.country, r.value, r.shown] for r in map_table_rows(dataset, state.metric, view, encoding)]


def test_the_map_table_follows_the_view_without_the_server_sorts_and_opens_a_region(dash_duo, open_link):
    dataset = open_link("?end=2023-06")
    duo = dash_duo
    summary = scroll_into_view(duo, duo.find_element("#map-table-details summary"))
    duo.driver.execute_script("arguments[0].focus()", summary)
    press(duo, Keys.ENTER)
    wait_for(lambda: duo.find_element("#map-table-details").get_attribute("open") is not None, message="table opened")
    wait_for(lambda: map_table(duo) == expected_table(dataset, "?end=2023-06"), message="the table for 2023-06")

    calls = server_calls(duo)
    link = state_from_query(dataset, "?end=2024-06&metric=window&start=2023-01&countries=CN,JP").to_query(
        default_state(dataset))
    go_to(duo, link)
    wait_for(lambda: map_meta(duo)["query"] == link, message="the new view on the map")
    wait_for(lambda: map_table(duo) == expected_table(dataset, link), message="the table following the view")
    hidden = [row for row in map_table(duo) if row[2] == "South Korea"]
    assert {row[4] for row in hidden} <= {message("kind.hidden"), message("kind.never", end="2024-06")}
    assert message("kind.hidden") in {row[4] for row in hidden}, "filtered-out regions say so in words"
    assert server_calls(duo) == calls, "the table follows the view in the browser"

    value_header = duo.find_element("#map-table [data-sort=value]")
    duo.driver.execute_script("arguments[0].focus()", value_header)
    press(duo, Keys.ENTER)
    wait_for(lambda: duo.driver.execute_script(
        "return document.querySelector('#map-table th[aria-sort]').textContent") == message("legend.window"),
        message="sorted by value")
    values = [int(row[3]) for row in map_table(duo)]
    assert values == sorted(values)
    press(duo, Keys.ENTER)
    wait_for(lambda: [int(row[3]) for row in map_table(duo)] == sorted(values, reverse=True), message="sorted descending")
    assert duo.find_element("#map-table th[aria-sort]").get_attribute("aria-sort") == "descending"

    top = map_table(duo)[0]
    button = duo.find_element(f"#map-table [data-region='{top[0]}']")
    duo.driver.execute_script("arguments[0].focus()", button)
    press(duo, Keys.ENTER)
    wait_for(lambda: query(duo).get("region") == top[0], message="the region chosen from the table in the link")
    wait_for(lambda: top[1] in duo.find_element("#panel-title").text, message="its panel")
    wait_for(lambda: duo.find_element(f"#map-table tr[aria-current='true'] [data-region='{top[0]}']"), message="row marked")
    assert_no_console_errors(duo)


def test_the_region_picker_searches_again_when_reopened_from_the_keyboard(dash_duo, open_link):
    """Issue 19: after a region was chosen, opening the picker again put the focus on the chosen option,
    so what a keyboard user typed searched nothing. Keyboard only, twice."""
    open_link("")
    duo = dash_duo
    duo.driver.execute_script("document.querySelector('#region-picker').focus()")
    for typed, expected, region in (("Busan", "Busan", "KR-26"), ("Osaka", "Osaka", "JP-27")):
        wait_for(lambda: active(duo)["id"] == "region-picker", message="the picker's button focused")
        press(duo, Keys.ENTER)
        focused = wait_for(lambda: duo.driver.switch_to.active_element, message="a focused element")
        wait_for(lambda: "dash-dropdown-search" in (duo.driver.switch_to.active_element.get_attribute("class") or ""),
                 timeout=5, message=f"the search box to take focus before typing {typed!r} (focus on {focused.tag_name})")
        press(duo, *typed)
        options = wait_for(lambda: duo.driver.execute_script(
            "return Array.from(document.querySelectorAll('.dash-dropdown-content .dash-dropdown-option'))"
            ".map(o => o.textContent)"), message="the options after typing")
        assert options and all(expected in o for o in options), options
        press(duo, Keys.ARROW_DOWN, Keys.ENTER)
        wait_for(lambda: expected in duo.find_element("#panel-title").text, message=f"{expected}'s panel from the keyboard")
        assert query(duo).get("region") == region
    assert_no_console_errors(duo)
