"""Storyboard journeys: build scenes from views, present them with the clicker's keys, save, load, share, jump."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest
from selenium.common.exceptions import ElementClickInterceptedException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from components.core.briefing import storyboard as sb
from components.core.view.metrics import table_actions
from components.panels.url_state import state_from_query

from .conftest import assert_no_console_errors, go_to, map_meta, query, scroll_into_view, server_calls, wait_for

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "storyboards" / "metaverse-wave.json"
SCENES = [
    ("?end=2022-06&countries=KR", "Korea by mid-2022", "Korea's regions start early."),
    ("?start=2023-01&end=2023-12&metric=plan&zoom=CN&labels=5", "China's plans in 2023", "The national plan arrives."),
    ("?end=2025-06&region=KR-11", "Seoul closes its metaverse", "Metaverse Seoul was shut in 2024."),
]


def scene_labels(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#story-list label')).map(l => l.textContent.trim())")


def click(duo, selector: str) -> None:
    """Scroll to it and click; again if the page was still settling (a resize reflows the map) and something covered it."""
    for attempt in range(3):
        try:
            scroll_into_view(duo, duo.find_element(selector)).click()
            return
        except ElementClickInterceptedException:
            if attempt == 2:
                raise
            time.sleep(0.5)


def type_into(duo, selector: str, text: str) -> None:
    field = scroll_into_view(duo, duo.find_element(selector))
    field.clear()
    field.send_keys(text)
    field.send_keys(Keys.TAB)


def add_scene(duo, link: str, title: str, caption: str, count: int) -> None:
    go_to(duo, link)
    wait_for(lambda: query(duo) == {k: v for k, v in (p.split("=") for p in link[1:].split("&"))}, message=link)
    click(duo, "#story-add")
    wait_for(lambda: len(scene_labels(duo)) == count, message=f"scene {count} listed")
    type_into(duo, "#story-scene-title", title)
    type_into(duo, "#story-caption", caption)
    wait_for(lambda: scene_labels(duo)[-1] == f"{count}. {title}", message=f"scene {count} titled")


def presenter(duo) -> dict:
    return duo.driver.execute_script("""
        const r = document.querySelector('#map').getBoundingClientRect();
        return {title: document.querySelector('#presenter-title').textContent,
                caption: document.querySelector('#presenter-caption').textContent,
                footer: document.querySelector('#presenter-foot').textContent,
                presenting: document.documentElement.classList.contains('presenter'),
                scene: document.documentElement.dataset.scene,
                mapShare: r.width * r.height / (innerWidth * innerHeight), mapWidth: r.width, mapHeight: r.height,
                footerBottom: document.querySelector('#presenter-foot').getBoundingClientRect().bottom,
                innerHeight: innerHeight};""")


def screen(duo, width: int, height: int) -> None:
    """A viewport of exactly this size (a headless window is clamped to its virtual screen)."""
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    wait_for(lambda: duo.driver.execute_script("return [innerWidth, innerHeight]") == [width, height],
             message=f"a {width}x{height} viewport")


def press(duo, key) -> None:
    ActionChains(duo.driver).send_keys(key).perform()


def test_build_three_scenes_and_present_them_with_the_keys(dash_duo, open_link):
    dataset = open_link()
    duo = dash_duo
    for number, (link, title, caption) in enumerate(SCENES, start=1):
        add_scene(duo, link, title, caption, number)
    screen(duo, 1920, 1080)
    calls = server_calls(duo)
    duo.driver.execute_script("""
        window.__ends = [];
        const gd = document.querySelector('#map .js-plotly-plot');
        gd.on('plotly_afterplot', () => window.__ends.push(gd.layout.meta.end));""")
    click(duo, "#story-list input[value='0']")
    click(duo, "#story-present")

    def expect_scene(number: int) -> dict:
        link, title, caption = SCENES[number - 1]
        state = state_from_query(dataset, link)
        wait_for(lambda: presenter(duo)["scene"] == str(number - 1), message=f"scene {number} presented")
        wait_for(lambda: map_meta(duo)["end"] == state.end and query(duo).get("end", dataset.collected_to) == state.end,
                 message=f"scene {number}'s window on the map and in the link")
        shown = presenter(duo)
        assert shown["presenting"] and shown["title"] == title and shown["caption"] == caption
        metric = {"cumulative": "Cumulative actions", "plan": "Dedicated metaverse plan"}[state.metric]
        n = len(table_actions(dataset, state))
        assert shown["footer"] == (f"As of {state.end} · {metric} · Metaverse Policy Atlas, dataset v{dataset.version}"
                                   f" · {n} actions in view")
        assert shown["mapShare"] >= 0.6, shown
        return shown

    expect_scene(1)
    press(duo, Keys.ARROW_RIGHT)
    expect_scene(2)
    ends = duo.driver.execute_script("return window.__ends")
    between = {e for e in ends if "2022-06" < e < "2023-12"}
    assert len(between) >= 5, f"the window animated from 2022-06 to 2023-12: {sorted(set(ends))}"
    assert duo.driver.execute_script("return document.querySelector('#map .gtitle').textContent") == \
        "Dedicated metaverse plans by 2023-12"
    press(duo, Keys.PAGE_DOWN)
    expect_scene(3)
    wait_for(lambda: "Seoul" in duo.find_element("#panel-title").text, message="Seoul's panel beside the map")
    assert duo.find_element("#panel").is_displayed()
    press(duo, Keys.ARROW_LEFT)
    expect_scene(2)
    press(duo, Keys.SPACE)
    expect_scene(3)
    press(duo, Keys.PAGE_UP)
    expect_scene(2)
    assert server_calls(duo) == calls, "changing scene asked the server"

    press(duo, Keys.ESCAPE)
    wait_for(lambda: not presenter(duo)["presenting"], message="Esc leaves the presenter")
    assert duo.find_element("#story-add").is_displayed()

    screen(duo, 1280, 720)
    click(duo, "#story-list input[value='1']")
    click(duo, "#story-present")
    small = expect_scene(2)
    assert small["mapHeight"] >= 480 and small["mapWidth"] >= 1150
    assert small["footerBottom"] <= small["innerHeight"]
    press(duo, Keys.ESCAPE)
    assert_no_console_errors(duo)


def test_save_load_share_and_jump_and_a_bad_file_changes_nothing(dash_duo, open_link, tmp_path):
    dataset = open_link()
    duo = dash_duo
    for number, (link, title, caption) in enumerate(SCENES[:2], start=1):
        add_scene(duo, link, title, caption, number)
    click(duo, "#story-save")
    saved = Path(duo.download_path) / "storyboard.json"
    wait_for(saved.exists, message="the saved file")
    story = sb.parse_storyboard(saved.read_bytes(), dataset)
    assert [(s.title, s.caption) for s in story.scenes] == [(t, c) for _, t, c in SCENES[:2]]
    assert story.scenes[1].view == state_from_query(dataset, SCENES[1][0])

    bad = json.loads(saved.read_text(encoding="utf-8"))
    bad["scenes"][1]["view"] += "&region=XX-99"
    bad_path = tmp_path / "bad.json"
    bad_path.write_text(json.dumps(bad), encoding="utf-8")
    upload = duo.driver.find_element("css selector", "#story-upload input[type=file]")
    upload.send_keys(str(bad_path))
    wait_for(lambda: "Scene 2, field 'view.region': 'XX-99'" in duo.find_element("#story-status").text,
             message="the refusal naming scene and field")
    assert scene_labels(duo) == [f"1. {SCENES[0][1]}", f"2. {SCENES[1][1]}"]

    upload.send_keys(str(EXAMPLE))
    example = sb.parse_storyboard(EXAMPLE.read_bytes(), dataset)
    wait_for(lambda: len(scene_labels(duo)) == len(example.scenes), message="the example loaded")
    assert scene_labels(duo)[0] == f"1. {example.scenes[0].title}"

    click(duo, "#story-export-zip")
    archive = Path(duo.download_path) / "evidence.zip"
    wait_for(archive.exists, message="the evidence export")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
    assert sum(name.startswith("scene-") for name in names) == len(example.scenes)

    click(duo, "#story-share")
    link = wait_for(lambda: duo.find_element("#story-link").get_attribute("value"), message="the share link")
    assert "#story=" in link and len(link.split("#story=")[1]) <= sb.LINK_MAX_CHARS
    duo.driver.execute_script("localStorage.clear()")
    duo.driver.get("about:blank")
    duo.driver.get(link)
    wait_for(lambda: len(scene_labels(duo)) == len(example.scenes), message="the storyboard opened from its link")

    calls = server_calls(duo)
    click(duo, "#story-list input[value='3']")
    click(duo, "#story-jump")
    target = example.scenes[3].view
    wait_for(lambda: map_meta(duo)["end"] == target.end and query(duo).get("metric") == target.metric,
             message="the map jumped to scene 4")
    assert server_calls(duo) == calls
    assert_no_console_errors(duo)
