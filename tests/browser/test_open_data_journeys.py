"""The open-data pages as a person sees them: the embed view in a frame, its iframe code, and the API docs.

Each test runs the small hand-made dataset (quicker to start) under the app's real CSP.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import assert_no_console_errors, query, wait_for, wait_for_engine
from tests.conftest import SMALL_ROWS, write_csv

HIDDEN_IN_EMBED = ("header", "footer", ".filters-col", ".panel-col", ".table-row", ".tabs-row", ".upload-strip",
                   "#map-readout")


@pytest.fixture
def small_path(tmp_path):
    return write_csv(tmp_path / "small.csv", SMALL_ROWS)


def shown(duo, selector: str) -> bool:
    return any(e.is_displayed() for e in duo.driver.find_elements(By.CSS_SELECTOR, selector))


@pytest.mark.browser
def test_embed_shows_map_time_legend_and_a_link_to_the_same_view_that_follows_the_slider(dash_duo, open_link,
                                                                                        small_path):
    dash_duo.driver.set_window_size(820, 660)
    open_link("?countries=KR,CN&end=2023-06&embed=1", data_path=small_path)
    duo = dash_duo
    for selector in ("#map .choroplethlocation", ".time-card", "#map-legend", "#embed-full-view"):
        assert shown(duo, selector), f"{selector} should show in the embed"
    for selector in HIDDEN_IN_EMBED:
        assert not shown(duo, selector), f"{selector} should not show in the embed"
    link = duo.find_element("#embed-full-view")
    wait_for(lambda: link.get_attribute("href").endswith("/?countries=KR,CN&end=2023-06"), message="the full-view link")
    assert link.get_attribute("target") == "_blank"
    width, height = duo.driver.execute_script("return [window.innerWidth, window.innerHeight]")
    map_box, time_box = duo.find_element("#map").rect, duo.find_element(".time-card").rect
    assert map_box["width"] >= 0.95 * width and map_box["height"] >= 0.6 * height, "the map fills the frame"
    assert time_box["y"] + time_box["height"] <= height, "the time control fits in the frame without scrolling"
    handle = duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.send_keys(Keys.ARROW_LEFT)
    wait_for(lambda: query(duo).get("end") == "2023-05", message="the window's end to move")
    assert query(duo)["embed"] == "1", "the address keeps the embed view"
    wait_for(lambda: "end=2023-05" in link.get_attribute("href"), message="the link to follow the view")
    followed = parse_qs(urlparse(link.get_attribute("href")).query)
    assert followed == {"end": ["2023-05"], "countries": ["CN,KR"]}, "the same view, without the embed flag"
    assert_no_console_errors(duo)


@pytest.mark.browser
def test_the_page_offers_the_iframe_code_of_its_view_and_the_frame_opens_under_the_csp(dash_duo, open_link,
                                                                                      small_path):
    open_link("?countries=JP", data_path=small_path)
    duo = dash_duo
    code = duo.find_element("#embed-code")
    origin = duo.server_url
    wait_for(lambda: code.get_attribute("value").startswith(f'<iframe src="{origin}/?countries=JP&amp;embed=1"'),
             message="the iframe code")
    assert 'title="Metaverse Policy Atlas: map of metaverse policy actions"' in code.get_attribute("value")
    duo.driver.execute_script("document.body.insertAdjacentHTML('beforeend', arguments[0]);",
                              code.get_attribute("value"))
    frame = duo.driver.find_element(By.CSS_SELECTOR, "body > iframe")
    duo.driver.switch_to.frame(frame)
    wait_for_engine(duo)
    assert shown(duo, "#embed-full-view") and not shown(duo, "header")
    duo.driver.switch_to.default_content()
    assert_no_console_errors(duo)


@pytest.mark.browser
def test_the_api_docs_page_renders_every_operation_under_the_csp(dash_duo, open_link, small_path):
    open_link("", data_path=small_path)
    duo = dash_duo
    duo.driver.get(duo.server_url + "/api/docs")
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")) >= 5,
             message="Swagger UI's operations")
    paths = {e.text.replace("\u200b", "") for e in duo.driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/api/v1/actions", "/api/v1/regions", "/api/v1/version"} <= paths
    assert "Metaverse Policy Atlas read API" in duo.driver.find_element(By.CSS_SELECTOR, ".info .title").text
    duo.driver.save_screenshot("/tmp/od/api-docs.png")
    assert_no_console_errors(duo)
