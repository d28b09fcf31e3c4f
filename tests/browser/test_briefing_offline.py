"""briefing.html opened from disk in Chromium with every network request blocked: maps draw, the slider works, nothing is asked for.

Its own Chromium session (not dash_duo's): the DevTools performance log records every request
the page attempts, and ``Network.setBlockedURLs`` blocks all of them, so a request that slipped
through would both show in the log and fail loudly.
"""

from __future__ import annotations

import json
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from components.core import briefing
from components.core.briefing import storyboard as sb

from .conftest import wait_for

pytestmark = pytest.mark.browser

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "data", "storyboards", "metaverse-wave.json")


@pytest.fixture
def offline_browser():
    options = Options()
    options.binary_location = os.environ["DASH_TEST_CHROMEPATH"]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service())
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]})
    yield driver
    driver.quit()


def test_the_offline_briefing_draws_maps_and_moves_its_slider_without_a_request(offline_browser, bundled, tmp_path):
    story = sb.parse_storyboard(open(EXAMPLE, "rb").read(), bundled)
    briefing.write_briefing(bundled, story, tmp_path, formats=("html",))
    page = (tmp_path / "briefing.html").as_uri()
    driver = offline_browser
    driver.get(page)
    wait_for(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), message="every scene's map")

    drawn = driver.execute_script(
        "return Array.from(document.querySelectorAll('.scene .map')).map(m => m.querySelectorAll('.choroplethlocation').length)")
    assert len(drawn) == len(story.scenes) and min(drawn) >= len(bundled.regions)
    context = driver.execute_script(
        "const trace = document.querySelector('#scene-01-map .choroplethlayer .trace');"
        "return Array.from(trace.querySelectorAll('path.choroplethlocation')).map(p => (p.getAttribute('d') || '').length)")
    assert len(context) > 20 and sum(length > 1000 for length in context) >= 5, \
        "the land around (Taiwan and the neighbouring countries, inline in the figure) is drawn"
    first = story.scenes[0].view
    assert driver.execute_script("return document.querySelector('#scene-01-map').dataset.query").startswith(
        f"?start={first.start}&end={first.end}")
    title = driver.execute_script("return document.querySelector('#scene-01-map .gtitle').textContent")
    assert title == f"Actions to {first.end}"

    driver.execute_script("""
        const s = document.querySelector('#scene-01-slider');
        s.value = String(Number(s.value) + 7);
        s.dispatchEvent(new Event('input'));""")
    later = bundled.month_labels[bundled.month_labels.index(first.end) + 7]
    wait_for(lambda: driver.execute_script(
        "return document.querySelector('#scene-01-map .gtitle').textContent") == f"Actions to {later}",
        message="the map redrawn for the slider's month")
    assert driver.execute_script("return document.querySelector('#scene-01-end').textContent") == later

    requests = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    asked = [m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"]
    assert [url for url in asked if url != page] == []
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
