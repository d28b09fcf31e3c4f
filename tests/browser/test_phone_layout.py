"""Phone layout: what a person sees at 390x844 (and 360, 768 and 1280 px wide).

The map first (under the header, not under the upload) and full width with the time controls under
it, the filters in a drawer behind a button that counts the active filters, the upload in a
drawer of its own, a region's panel as a bottom sheet, slider labels that
never overlap, the table's rows, no sideways scroll, and a tap on Seoul's dot opening Seoul.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from components.core.i18n import message

from .conftest import (assert_no_console_errors, query, region_lonlat, screen_point, scroll_into_view, show_table,
                       wait_for)

pytestmark = pytest.mark.browser

BOX_JS = """
const e = document.querySelector(arguments[0]);
if (!e) { return null; }
const b = e.getBoundingClientRect(), s = getComputedStyle(e);
return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height,
        pageTop: b.top + scrollY, position: s.position, visibility: s.visibility, display: s.display,
        innerWidth: innerWidth, innerHeight: innerHeight};
"""

VISIBLE_LABELS_JS = """
return Array.from(document.querySelectorAll('#date-range .dash-slider-mark'))
  .filter(m => getComputedStyle(m).visibility !== 'hidden' && m.getBoundingClientRect().width > 0)
  .map(m => { const b = m.getBoundingClientRect(); return [m.textContent, b.left, b.right]; });
"""


def screen(duo, width: int, height: int) -> None:
    """A viewport of exactly this size; below 768 px a phone's (overlay scroll bars, as on a phone)."""
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 768})


def open_at(duo, open_link, width: int, height: int, link: str = ""):
    screen(duo, width, height)
    dataset = open_link(link)
    assert duo.driver.execute_script("return [innerWidth, innerHeight]") == [width, height]
    return dataset


def box(duo, selector: str) -> dict:
    return duo.driver.execute_script(BOX_JS, selector)


def no_sideways_scroll(duo) -> bool:
    return duo.driver.execute_script(
        "const s = document.scrollingElement; return s.scrollWidth <= s.clientWidth")


def tap(duo, x: int, y: int) -> None:
    """A finger's tap (touch start and end, as a phone's touch screen sends them)."""
    duo.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    duo.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    duo.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def toggle_text(duo) -> str:
    return duo.find_element("#filter-toggle").text


def test_phone_map_first_full_width_with_time_controls_under_it_and_filters_in_a_drawer(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 390, 844)
    shown_map, time_card, toggle = box(duo, "#map"), box(duo, ".time-card"), box(duo, "#filter-toggle")
    assert shown_map["width"] >= 0.95 * 390
    assert shown_map["top"] < 844 / 2, "the map starts in the top half of the first screen"
    legend = box(duo, "#map-legend")
    assert shown_map["bottom"] <= legend["top"] + 1, "the legend under the map, not over it"
    assert legend["bottom"] <= time_card["top"] + 1 and time_card["top"] - legend["bottom"] < 120
    assert toggle["display"] != "none" and toggle["top"] >= time_card["bottom"]
    assert not duo.find_element("#metric").is_displayed(), "the filters wait in the closed drawer"
    drawer = box(duo, "#filter-drawer")
    assert drawer["visibility"] == "hidden" and drawer["right"] <= 0
    assert toggle_text(duo) == message("phone.filters")

    scroll_into_view(duo, duo.find_element("#filter-toggle")).click()
    wait_for(lambda: box(duo, "#filter-drawer")["left"] >= 0 and duo.find_element("#metric").is_displayed(),
             message="the drawer slid in")
    drawer = box(duo, "#filter-drawer")
    assert drawer["visibility"] == "visible" and drawer["right"] <= 390 and drawer["position"] == "fixed"
    assert duo.find_element("#filter-toggle").get_attribute("aria-expanded") == "true"

    japan = duo.find_element("#countries input[value='JP']")
    scroll_into_view(duo, japan).click()
    wait_for(lambda: query(duo).get("countries") == "CN,KR", message="Japan unticked")
    ActionChains(duo.driver).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: box(duo, "#filter-drawer")["visibility"] == "hidden", message="Escape closed the drawer")
    assert toggle_text(duo) == message("phone.filters_active", n=1)

    levels = duo.driver.find_elements("css selector", "#levels input")
    scroll_into_view(duo, duo.find_element("#filter-toggle")).click()
    wait_for(lambda: duo.find_element("#metric").is_displayed(), message="the drawer open again")
    scroll_into_view(duo, levels[0]).click()
    duo.find_element("#filter-close").click()
    wait_for(lambda: toggle_text(duo) == message("phone.filters_active", n=2), message="two active filters")
    search = scroll_into_view(duo, duo.find_element("#table-search"))
    search.send_keys("Seoul")
    wait_for(lambda: toggle_text(duo) == message("phone.filters_active", n=3), message="a search counts too")
    assert no_sideways_scroll(duo)
    assert_no_console_errors(duo)


def test_phone_tap_on_seouls_dot_opens_a_bottom_sheet_under_the_map(dash_duo, open_link):
    duo = dash_duo
    dataset = open_at(duo, open_link, 390, 844)
    dots = duo.driver.execute_script(
        "const gd = document.querySelector('#map .js-plotly-plot');"
        "return {size: gd._fullData[4].marker.size, reach: gd._fullLayout.hoverdistance,"
        "        drawn: Array.from(gd.querySelectorAll('.scatterlayer .trace'))"
        "          .find(g => g.querySelectorAll('.point').length === gd.data[4].lon.length)"
        "          .querySelector('.point').getBoundingClientRect().width}")
    assert dots["drawn"] >= 11 and dots["size"] + 2 * dots["reach"] >= 24, dots
    tap(duo, *screen_point(duo, *region_lonlat(duo, dataset, "KR-11")))
    wait_for(lambda: "Seoul" in duo.find_element("#panel-title").text and query(duo).get("region") == "KR-11",
             message="Seoul's panel")
    wait_for(lambda: box(duo, "#panel")["position"] == "fixed", message="the panel as a sheet")
    sheet, shown_map = box(duo, "#panel"), box(duo, "#map")
    assert abs(sheet["bottom"] - 844) <= 1 and sheet["left"] <= 0 and sheet["right"] >= 390
    assert sheet["height"] <= 0.6 * 844 + 1
    assert shown_map["top"] >= -1 and sheet["top"] - shown_map["top"] >= 300, "the map stays visible above the sheet"
    body = box(duo, "#panel .panel-body")
    assert body["bottom"] <= 845
    assert duo.driver.execute_script(
        "const b = document.querySelector('#panel .panel-body'); return getComputedStyle(b).overflowY") == "auto"
    assert no_sideways_scroll(duo)
    close = duo.find_element("#panel-close")
    assert close.is_displayed()
    close.click()
    wait_for(lambda: "region" not in query(duo) and box(duo, "#panel")["position"] != "fixed",
             message="closing the sheet clears the region")
    assert_no_console_errors(duo)


@pytest.mark.parametrize("width,height", [(390, 844), (768, 1024), (1280, 800)])
def test_slider_labels_never_overlap(dash_duo, open_link, width, height):
    duo = dash_duo
    open_at(duo, open_link, width, height)

    def overlapping(labels):
        ordered = sorted(labels, key=lambda label: label[1])
        return [(a[0], b[0]) for a, b in zip(ordered, ordered[1:]) if b[1] < a[2]]

    labels = wait_for(lambda: duo.driver.execute_script(VISIBLE_LABELS_JS), message="slider labels")
    assert len(labels) >= 2 and overlapping(labels) == []
    all_marks = len(duo.driver.find_elements("css selector", "#date-range .dash-slider-mark"))
    duo.driver.execute_script("document.querySelector('#date-range').parentElement.style.width = '120px'")
    wait_for(lambda: len(duo.driver.execute_script(VISIBLE_LABELS_JS)) < all_marks, message="labels thinned")
    narrow = duo.driver.execute_script(VISIBLE_LABELS_JS)
    assert len(narrow) >= 1 and overlapping(narrow) == []
    assert_no_console_errors(duo)


def test_phone_table_shows_its_rows(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 390, 844)
    show_table(duo)
    rows = duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#actions-table .ag-center-cols-container .ag-row'))"
        "  .filter(r => { const b = r.getBoundingClientRect(); return b.height > 0 && b.bottom > 0 && b.top < innerHeight; })"
        "  .map(r => r.textContent)")
    assert len(rows) >= 3 and all(text.strip() for text in rows)
    assert no_sideways_scroll(duo)
    assert_no_console_errors(duo)


@pytest.mark.parametrize("link", ["", "?region=KR-11", "?tab=analysis", "?present=1&region=CN-SH"])
def test_no_sideways_scroll_at_360(dash_duo, open_link, link):
    duo = dash_duo
    open_at(duo, open_link, 360, 780, link)
    if "tab=analysis" in link:
        wait_for(lambda: duo.find_element(".analysis-section").is_displayed(), message="the analysis tab")
        wait_for(lambda: duo.driver.execute_script(
            "return document.querySelectorAll('.analysis-section .js-plotly-plot .main-svg').length > 0"),
            message="the analysis charts")
    assert no_sideways_scroll(duo)
    if "tab=analysis" not in link:
        assert box(duo, "#map")["width"] >= 0.95 * 360
    if "present" in link:
        assert not duo.find_element("#filter-toggle").is_displayed(), "presentation mode sets the filters aside"
        assert_no_console_errors(duo)
        return
    if "region" in link:
        duo.find_element("#panel-close").click()
        wait_for(lambda: "region" not in query(duo), message="the sheet closed")
    scroll_into_view(duo, duo.find_element("#filter-toggle")).click()
    wait_for(lambda: duo.find_element("#metric").is_displayed(), message="the drawer open")
    assert no_sideways_scroll(duo)
    assert_no_console_errors(duo)


def test_phone_storyboard_and_presenter_fit_the_width(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 390, 844, "?end=2025-06&region=KR-11")
    scroll_into_view(duo, duo.find_element("#panel-close")).click()
    wait_for(lambda: "region" not in query(duo), message="the panel closed")
    scroll_into_view(duo, duo.find_element("#story-add")).click()
    wait_for(lambda: duo.driver.find_elements("css selector", "#story-list label"), message="a scene listed")
    story = box(duo, ".story-row")
    assert story["right"] <= 390 + 1 and no_sideways_scroll(duo)
    scroll_into_view(duo, duo.find_element("#story-list input[value='0']")).click()
    scroll_into_view(duo, duo.find_element("#story-present")).click()
    wait_for(lambda: duo.driver.execute_script("return document.documentElement.classList.contains('presenter')"),
             message="presenter mode")
    wait_for(lambda: box(duo, "#map")["width"] >= 0.95 * 390, message="the map full width in presenter mode")
    assert no_sideways_scroll(duo)
    for selector in ("#presenter-head", "#presenter-foot"):
        shown = box(duo, selector)
        assert shown["left"] >= -1 and shown["right"] <= 391, (selector, shown)
    ActionChains(duo.driver).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: not duo.driver.execute_script("return document.documentElement.classList.contains('presenter')"),
             message="presenter mode ended")
    assert_no_console_errors(duo)


def test_768_keeps_the_filters_in_the_page(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 768, 1024)
    assert box(duo, ".phone-menu")["display"] == "none"
    assert duo.find_element("#metric").is_displayed()
    drawer = box(duo, "#filter-drawer")
    assert drawer["position"] != "fixed" and drawer["visibility"] == "visible" and drawer["width"] > 0.9 * 768 - 40
    assert no_sideways_scroll(duo)
    assert_no_console_errors(duo)


def test_desktop_keeps_three_columns(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 1280, 800)
    filters, shown_map, panel = box(duo, ".filters-col"), box(duo, ".map-col"), box(duo, ".panel-col")
    assert filters["right"] <= shown_map["left"] + 1 and shown_map["right"] <= panel["left"] + 1
    assert abs(filters["top"] - shown_map["top"]) < 2 and abs(shown_map["top"] - panel["top"]) < 2
    assert box(duo, ".phone-menu")["display"] == "none" and duo.find_element("#metric").is_displayed()
    assert box(duo, "#filter-drawer")["position"] != "fixed"
    assert box(duo, "#map")["width"] < 0.6 * 1280
    assert_no_console_errors(duo)


#: Where the map may start on a phone's first screen: under the header (title, language, lede) and the tabs.
#: (With the upload strip above it, it started at 409 px at 390x844 and 430 px at 360x740.)
PHONE_MAP_TOP_PX = 290


@pytest.mark.parametrize("width,height", [(390, 844), (360, 740)])
def test_phone_map_comes_first_and_the_upload_waits_in_its_drawer(dash_duo, open_link, width, height):
    duo = dash_duo
    open_at(duo, open_link, width, height)
    shown_map = box(duo, "#map")
    assert shown_map["top"] <= PHONE_MAP_TOP_PX, f"the map starts {shown_map['top']:.0f} px down"
    assert not duo.find_element("#upload").is_displayed(), "the upload waits in its drawer"
    assert box(duo, ".upload-strip")["height"] == 0

    toggle = duo.find_element("#upload-toggle")
    assert toggle.text == message("phone.data") and box(duo, "#upload-toggle")["top"] >= box(duo, ".time-card")["bottom"]
    scroll_into_view(duo, toggle).click()
    wait_for(lambda: box(duo, "#upload-drawer")["right"] <= width + 1 and duo.find_element("#upload").is_displayed(),
             message="the upload drawer slid in from the right")
    drawer = box(duo, "#upload-drawer")
    assert drawer["position"] == "fixed" and drawer["left"] >= 0 and drawer["width"] >= 0.8 * width
    assert toggle.get_attribute("aria-expanded") == "true"
    assert duo.find_element("#template-csv").is_displayed(), "the templates are in the drawer too"
    ActionChains(duo.driver).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: box(duo, "#upload-drawer")["visibility"] == "hidden", message="Escape closed the drawer")
    assert no_sideways_scroll(duo)
    assert_no_console_errors(duo)


def test_desktop_keeps_the_upload_strip_above_the_map(dash_duo, open_link):
    duo = dash_duo
    open_at(duo, open_link, 1280, 800)
    strip, shown_map = box(duo, ".upload-strip"), box(duo, "#map")
    assert duo.find_element("#upload").is_displayed() and strip["bottom"] <= shown_map["top"]
    assert box(duo, "#upload-drawer")["position"] != "fixed" and box(duo, ".phone-menu")["display"] == "none"
    assert_no_console_errors(duo)


GEO_FRAME_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const b = gd._fullLayout.geo._subplot.bgRect.node().getBoundingClientRect();
return {top: b.top, bottom: b.bottom, width: b.width, height: b.height};
"""

#: White left between the drawn map frame and what follows it (the legend) on a phone, at most.
PHONE_MAP_GAP_PX = 12


@pytest.mark.parametrize("width,height,link", [(390, 844, ""), (360, 740, ""), (390, 844, "?zoom=CN"),
                                               (360, 740, "?zoom=JP")])
def test_phone_map_is_as_tall_as_its_frame(dash_duo, open_link, width, height, link):
    """Issue 19: #map was 470 px high whatever the frame, leaving ~200 px of white around a wide one."""
    duo = dash_duo
    open_at(duo, open_link, width, height, link)

    def gaps():
        frame, shown_map, legend = duo.driver.execute_script(GEO_FRAME_JS), box(duo, "#map"), box(duo, "#map-legend")
        return frame, shown_map, legend, legend["top"] - frame["bottom"], frame["top"] - shown_map["top"]

    def fitted():
        frame, _, _, below, above = gaps()
        return frame["width"] >= 0.95 * width and 0 <= below <= PHONE_MAP_GAP_PX and above <= 40

    wait_for(fitted, timeout=10, message="the map's box fitted to its frame")
    frame, shown_map, legend, below, above = gaps()
    assert frame["width"] >= 0.95 * width, "the frame spans the screen's width"
    assert 0 <= below <= PHONE_MAP_GAP_PX, f"{below:.0f} px between the map's frame and the legend"
    assert above <= 40, f"{above:.0f} px above the frame (the title's margin is 36)"
    assert shown_map["bottom"] <= legend["top"] + 1
    assert_no_console_errors(duo)
