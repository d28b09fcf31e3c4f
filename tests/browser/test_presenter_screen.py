"""Presentation mode and the storyboard presenter as a room sees them, at 1920x1080 and 1280x720.

What is measured is what the issue measured: the page must not scroll; nothing shows but the
title, its text, the map with its legend, the footer (and, in presentation mode, the time
control); the map's frame (Plotly's geo background, the drawn map) takes at least three
quarters of the window's width; and the frame Python and the browser fit to a box agree.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from components.core.view import figures
from components.core.briefing import storyboard as sb
from components.core.view.dots import ZOOM_RANGES

from .conftest import assert_no_console_errors, wait_for, wait_for_engine

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "storyboards" / "metaverse-wave.json"
SCREENS = [(1920, 1080), (1280, 720)]
MIN_FRAME_SHARE = 0.75
#: A scene lands once the window has run month by month from the last scene's end (slow on a busy 2-core machine).
SCENE_TIMEOUT = 120

#: Every visible thing a person could read or press (text, a control, a picture), and the allowed part it is in.
SHOWN_JS = """
const allowed = arguments[0];
const seen = (e) => {
  for (let a = e; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) { return false; }
  }
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
};
const readable = (e) => ['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'IMG', 'svg', 'CANVAS'].includes(e.tagName) ||
  Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
const out = [];
document.querySelectorAll('body *').forEach(e => {
  if (e.closest('svg') && e.tagName !== 'svg') { return; }
  if (!readable(e) || !seen(e)) { return; }
  const part = allowed.find(sel => e.closest(sel));
  out.push({part: part || null, what: e.tagName + '#' + e.id + '.' + String(e.className.baseVal ?? e.className).slice(0, 40),
            text: (e.textContent || '').trim().slice(0, 300)});
});
return out;
"""

MEASURE_JS = """
const s = document.scrollingElement, frame = document.querySelector('#map .layer.bg rect');
const box = (q) => { const e = document.querySelector(q); if (!e) { return null; }
  const b = e.getBoundingClientRect(); return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width}; };
return {scrollHeight: s.scrollHeight, scrollWidth: s.scrollWidth, innerHeight: innerHeight, innerWidth: innerWidth,
        frame: box('#map .layer.bg rect'), map: box('#map'), legend: box('#map-legend'),
        modebar: box('#map .modebar-container'), range: document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range};
"""


def screen(duo, width: int, height: int) -> None:
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    wait_for(lambda: duo.driver.execute_script("return [innerWidth, innerHeight]") == [width, height],
             message=f"a {width}x{height} viewport")


def settled(duo, width: int) -> dict:
    """The measures, once the map has been drawn again for the window's shape (its frame no longer changing)."""
    last = {}

    def steady():
        nonlocal last
        now = duo.driver.execute_script(MEASURE_JS)
        same = now == last and now["frame"] and now["frame"]["width"] >= MIN_FRAME_SHARE * width
        last = now
        return same and duo.driver.execute_script("return window.atlas.map.idle()")

    def steady_now():
        if steady():
            return True
        time.sleep(0.4)
        return False

    wait_for(steady_now, timeout=60, message="the map fitted to the screen")
    return last


def check_screen(duo, width: int, height: int, allowed: list[str]) -> dict:
    shown = settled(duo, width)
    assert shown["scrollHeight"] <= shown["innerHeight"], f"the page scrolls by {shown['scrollHeight'] - height} px"
    assert shown["scrollWidth"] <= shown["innerWidth"]
    frame = shown["frame"]
    assert frame["width"] >= MIN_FRAME_SHARE * width, f"map frame {frame['width']:.0f} of {width} px"
    assert frame["top"] >= 0 and frame["bottom"] <= height, "the whole map is on the screen"
    assert shown["legend"]["bottom"] <= height and shown["legend"]["width"] > 0
    assert shown["modebar"] is None or shown["modebar"]["width"] == 0, "Plotly's toolbar is hidden"
    things = duo.driver.execute_script(SHOWN_JS, allowed)
    stray = [t for t in things if t["part"] is None]
    assert stray == [], stray
    return {part: [t["text"] for t in things if t["part"] == part] for part in allowed}


@pytest.mark.parametrize("width,height", SCREENS)
def test_presentation_mode_fills_the_screen_with_title_map_legend_time_and_footer(dash_duo, open_link, width, height):
    duo = dash_duo
    screen(duo, width, height)
    dataset = open_link("?present=1&labels=5")
    parts = check_screen(duo, width, height, ["header h1", "#dataset-lede", ".map-wrap", ".time-card", "footer"])
    assert parts["header h1"] == ["Metaverse Policy Atlas"]
    assert any(f"dataset version {dataset.version}".lower() in t.lower() for t in parts["footer"])
    assert any("Showing" in t for t in parts[".time-card"]), "the time control is there to move through time"
    assert any("Programme ended" in t or "Actions (cumulative)" in t for t in parts[".map-wrap"]), "the legend is shown"
    assert not duo.find_element("#upload").is_displayed() and not duo.find_element(".tabs-row").is_displayed()

    duo.driver.execute_script("document.querySelector('#present').focus()")
    wait_for(lambda: duo.driver.execute_script(
        "return getComputedStyle(document.querySelector('.present-switch-col')).opacity") == "1",
        message="the switch that ends the mode shows when the keyboard reaches it")
    assert_no_console_errors(duo)


@pytest.mark.parametrize("width,height", SCREENS)
def test_the_storyboard_presenter_fills_the_screen(dash_duo, open_link, bundled, width, height):
    duo = dash_duo
    story = sb.parse_storyboard(EXAMPLE.read_bytes(), bundled)
    screen(duo, width, height)
    open_link("#" + sb.to_link_fragment(story))
    wait_for(lambda: duo.driver.find_elements("css selector", "#story-list label"), message="the storyboard loaded")
    duo.driver.execute_script("document.querySelector('#story-present').click()")
    for index in (0, 4):
        wait_for(lambda: duo.driver.execute_script("return document.documentElement.dataset.scene") == str(index),
                 timeout=SCENE_TIMEOUT, message=f"scene {index + 1} presented")
        wait_for(lambda: duo.driver.execute_script("return window.atlas.map.idle()"), message="the scene drawn")
        parts = check_screen(duo, width, height, ["#presenter-head", ".map-wrap", "#presenter-foot"])
        assert parts["#presenter-head"][0] == story.scenes[index].title
        assert parts["#presenter-foot"][0].startswith("As of ")
        ActionChains(duo.driver).send_keys(*[Keys.ARROW_RIGHT] * 4).perform()
    assert_no_console_errors(duo)


def test_the_browser_fits_a_frame_as_python_does(dash_duo, open_link):
    duo = dash_duo
    open_link()
    wait_for_engine(duo)
    for zoom, frame in sorted(ZOOM_RANGES.items()):
        for aspect in (0.7, 1.0, 1.62, 2.41, 3.5):
            shown = duo.driver.execute_script("return window.atlas.map.fitFrame(arguments[0], arguments[1])", frame, aspect)
            expected = figures.fit_frame(frame, aspect)
            assert shown["lon"] == pytest.approx(expected["lon"], abs=1e-3)
            assert shown["lat"] == pytest.approx(expected["lat"], abs=1e-3)
    assert_no_console_errors(duo)
