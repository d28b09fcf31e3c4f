"""Panel journeys: drill-down to a region's sourced actions, the timeline, the picker, text shown as typed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from components.core.data.columns import Col
from components.core.view.figures import TYPE_COLORS
from tests.conftest import SMALL_ROWS, write_csv

from .conftest import (
    assert_no_console_errors, choose_in_region_picker, click_region, hover_text_at, query, scroll_into_view, wait_for,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("region_id", ["CN-GD", "JP-13", "KR-11"])
def test_clicking_a_region_opens_its_panel_with_its_sourced_actions(atlas, region_id):
    duo, dataset = atlas
    click_region(duo, dataset, region_id)
    name = dataset.regions.at[region_id, "name_en"]
    wait_for(lambda: name in duo.find_element("#panel-title").text, message=f"panel for {region_id}")
    expected = dataset.actions[dataset.actions[Col.REGION_ID] == region_id]
    shown = duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#action-list [data-action-id]')).map(e => e.dataset.actionId)")
    assert sorted(shown) == sorted(expected[Col.ACTION_ID])
    assert duo.find_element("#panel-count").text.startswith(f"{len(expected)} action(s) in view")
    for link in duo.driver.find_elements("css selector", "#action-list a[href]"):
        assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("href").startswith(("http://", "https://"))
    assert_no_console_errors(duo)


def test_the_timeline_colours_are_explained_and_badges_share_them(dash_duo, open_link):
    dataset = open_link("?region=CN-SH")
    wait_for(lambda: "Shanghai" in dash_duo.find_element("#panel-title").text, message="Shanghai panel")
    legend = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#timeline-legend .legend-chip')).map(c =>"
        " [c.textContent.trim(), getComputedStyle(c.querySelector('.legend-dot')).backgroundColor])")
    marker_colours = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#timeline .js-plotly-plot');"
        "return [].concat(...gd.data.map(t => t.marker.color));")
    assert {rgb(c) for _, c in legend} == {rgb(c) for c in marker_colours}
    badge = dash_duo.driver.execute_script(
        "const b = document.querySelector('#action-list .list-group-item .badge');"
        "return [b.textContent, getComputedStyle(b).backgroundColor];")
    type_code = next(code for code, label in dataset_types(dataset).items() if label == badge[0])
    assert rgb(badge[1]) == rgb(TYPE_COLORS[type_code])
    ticks = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#timeline .xtick text')).map(t => t.textContent)")
    assert len(ticks) == len(set(ticks)) > 1
    assert_no_console_errors(dash_duo)


def test_the_overview_follows_the_zoom_and_splits_national_actions_by_country(dash_duo, open_link):
    dataset = open_link("?zoom=KR")
    wait_for(lambda: dash_duo.find_element("#panel-title").text == "Overview: South Korea", message="Korean overview")
    leaders = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#leading-regions li')).map(l => l.textContent)")
    korean = set(dataset.regions[dataset.regions["country"] == "KR"]["name_en"])
    assert leaders and all(any(line.startswith(name + " (") for name in korean) for line in leaders)
    rows = dash_duo.driver.execute_script(
        "return document.querySelector('#timeline .js-plotly-plot').data.map(t => t.name)")
    assert rows == ["National (South Korea)"]
    assert_no_console_errors(dash_duo)


def test_clicking_a_timeline_marker_highlights_that_action(dash_duo, open_link):
    dataset = open_link("?region=CN-SH")
    wait_for(lambda: "Shanghai" in dash_duo.find_element("#panel-title").text, message="Shanghai panel")
    own = dataset.actions[dataset.actions[Col.REGION_ID] == "CN-SH"].sort_values([Col.DATE, Col.ACTION_ID])
    gaps = own[Col.DATE].diff().dt.days.fillna(9999).clip(upper=9999)
    isolation = pd.concat([gaps, gaps.shift(-1).fillna(9999)], axis=1).min(axis=1)
    target = own.loc[isolation.idxmax(), Col.ACTION_ID]
    x, y = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#timeline .js-plotly-plot');"
        "const t = gd.data.findIndex(d => d.name === 'This region');"
        "const i = gd.data[t].customdata.indexOf(arguments[0]);"
        "const pt = gd.querySelectorAll('.scatterlayer .trace')[t].querySelectorAll('.point')[i];"
        "pt.scrollIntoView({block: 'center', behavior: 'instant'});"
        "const r = pt.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", target)
    ActionChains(dash_duo.driver).move_to_location(int(x) - 1, int(y)).pause(0.1).move_to_location(int(x), int(y)) \
        .pause(0.3).click().perform()
    wait_for(lambda: dash_duo.driver.execute_script(
        "const e = document.querySelector('#action-list .highlighted'); return e && e.dataset.actionId") == target,
        message="highlighted action")
    assert query(dash_duo)["action"] == target
    assert_no_console_errors(dash_duo)


def test_keyboard_user_can_open_a_region_from_the_picker(atlas):
    duo, dataset = atlas
    scroll_into_view(duo, duo.find_element("#region-picker")).click()
    choose_in_region_picker(duo, "부산")
    wait_for(lambda: "Busan" in duo.find_element("#panel-title").text, message="Busan panel")
    wait_for(lambda: query(duo).get("region") == "KR-26", message="region in URL")
    duo.find_element("#panel-close").click()
    wait_for(lambda: "Overview" in duo.find_element("#panel-title").text, message="overview after close")
    wait_for(lambda: "region" not in query(duo), message="URL without region")
    assert_no_console_errors(duo)


TRICKY_TITLE = 'Plan "A" & Seoul\'s <b>new</b> <a href="javascript:alert(1)">step</a>'


def test_quotes_ampersands_and_brackets_read_as_typed_in_hover_and_panel(dash_duo, open_link, tmp_path):
    quoted = TRICKY_TITLE.replace('"', '""')
    row = (f'kr-11-2022-01-quotes,2022-01-10,day,KR,provincial,KR-11,,Seoul,"{quoted}",,strategy_plan,'
           f'"Summary & <i>notes</i>",News,https://example.org/q,reported,x')
    open_link("?region=KR-11&zoom=KR", write_csv(tmp_path / "q.csv", SMALL_ROWS + [row]),
              today=dt.date(2024, 6, 30), version="t")
    wait_for(lambda: "Seoul" in dash_duo.find_element("#panel-title").text, message="Seoul panel")
    titles = [e.text for e in dash_duo.find_elements("#action-list .action-title")]
    assert TRICKY_TITLE in titles
    injected = dash_duo.driver.execute_script(
        "return document.querySelectorAll('#panel-body a[href^=\"javascript\"], #panel-body b, #panel-body i').length")
    assert injected == 0
    dots = dash_duo.driver.execute_script("return document.querySelector('#map .js-plotly-plot').data[4]")
    i = dots["customdata"].index("KR-11")
    hover = hover_text_at(dash_duo, dots["lon"][i], dots["lat"][i])
    assert 'Plan "A" & Seoul\'s <b>new</b>' in hover
    for entity in ("&quot;", "&#x27;", "&amp;", "&lt;"):
        assert entity not in hover and entity not in dash_duo.find_element("#panel-body").text
    assert dash_duo.driver.execute_script("return document.querySelectorAll('#map .hoverlayer a').length") == 0
    assert_no_console_errors(dash_duo)


def dataset_types(dataset) -> dict:
    from components.core.data.columns import ACTION_TYPES

    return ACTION_TYPES


def rgb(colour: str) -> tuple:
    if colour.startswith("#"):
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(v)) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


def test_a_region_with_no_action_says_when_it_was_searched(dash_duo, open_link):
    import pandas as pd
    from components.core.data.coverage import coverage_path_beside

    dataset = open_link("?region=CN-GS")
    coverage = pd.read_csv(coverage_path_beside(dataset.source_path), dtype=str).set_index("region_id")
    assert (dataset.actions[Col.REGION_ID] == "CN-GS").sum() == 0
    wait_for(lambda: "Gansu" in dash_duo.find_element("#panel-title").text, message="Gansu panel")
    note = dash_duo.find_element("#panel-coverage").text
    assert f"No action found in the sources searched on {coverage.at['CN-GS', 'searched_on']}." in note
    assert_no_console_errors(dash_duo)


def test_terminations_are_marked_on_the_map_and_in_the_panel(dash_duo, open_link):
    dataset = open_link("?region=KR-11&zoom=KR")
    ended = dataset.actions[(dataset.actions[Col.ACTION_TYPE] == "termination") & (dataset.actions[Col.REGION_ID] == "KR-11")]
    assert len(ended)
    wait_for(lambda: "Seoul" in dash_duo.find_element("#panel-title").text, message="Seoul panel")
    marks = dash_duo.driver.execute_script("return document.querySelector('#map .js-plotly-plot').data[5]")
    assert "▼" in marks["text"]
    badge = dash_duo.driver.execute_script(
        "const b = Array.from(document.querySelectorAll('#action-list .badge')).find(b => b.textContent.startsWith('Termination'));"
        "return b && [getComputedStyle(b).backgroundColor, getComputedStyle(b).color];")
    assert badge == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    symbols = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#timeline .js-plotly-plot'); return [].concat(...gd.data.map(t => t.marker.symbol));")
    assert "x" in symbols
    assert_no_console_errors(dash_duo)


def many_seoul_rows(n: int) -> list[str]:
    """``n`` Seoul actions on ``n`` different days of 2022-2023 (row i is the i-th oldest)."""
    day = dt.date(2022, 1, 1)
    return [f"kr-11-many-{i:03d},{day + dt.timedelta(days=5 * i)},day,KR,provincial,KR-11,,Seoul,Seoul step {i:03d},,"
            f"event,Step.,News,https://example.org/s{i},reported,x" for i in range(n)]


def test_a_long_action_list_shows_fifty_newest_first_and_the_rest_by_keyboard(dash_duo, open_link, tmp_path):
    open_link("?region=KR-11&zoom=KR&start=2022-01", write_csv(tmp_path / "many.csv", SMALL_ROWS + many_seoul_rows(120)),
              today=dt.date(2024, 6, 30), version="t")
    listed = lambda: dash_duo.driver.execute_script(  # noqa: E731
        "return Array.from(document.querySelectorAll('#action-list .action-title'), e => e.textContent)")
    wait_for(lambda: len(listed()) == 50, message="the first 50 of Seoul's actions")
    assert listed() == [f"Seoul step {i:03d}" for i in range(119, 69, -1)]
    assert dash_duo.find_element("#panel-count").text.startswith("120 action(s) in view")
    assert dash_duo.find_element("#action-list-pager .pager-status").text == "Showing 50 of 120"
    more = dash_duo.find_element("#action-list-pager .pager-more")
    assert more.text == "Show 50 more" and more.get_attribute("aria-controls") == "action-list"
    dash_duo.driver.execute_script("arguments[0].focus()", more)
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()
    wait_for(lambda: len(listed()) == 100, message="50 more on Enter")
    focused = dash_duo.driver.switch_to.active_element
    assert focused.text == "Show 20 more", "the focus stays on the button, which now offers the rest"
    ActionChains(dash_duo.driver).send_keys(Keys.SPACE).perform()
    wait_for(lambda: len(listed()) == 120, message="the last 20")
    assert listed() == [f"Seoul step {i:03d}" for i in range(119, -1, -1)]
    assert dash_duo.find_element("#action-list-pager .pager-status").text == "Showing 120 of 120"
    assert not dash_duo.find_elements("#action-list-pager .pager-more")
    assert_no_console_errors(dash_duo)


def test_the_pager_speaks_the_page_language(dash_duo, open_link, tmp_path):
    from components.core import i18n

    open_link("?region=KR-11&zoom=KR&lang=ko", write_csv(tmp_path / "many.csv", SMALL_ROWS + many_seoul_rows(60)),
              today=dt.date(2024, 6, 30), version="t")
    status = wait_for(lambda: dash_duo.find_elements("#action-list-pager .pager-status"), message="the pager")[0]
    with i18n.use("ko"):
        from components.core.i18n import message

        assert status.text == message("list.shown", shown=50, total=61)
        assert dash_duo.find_element("#action-list-pager .pager-more").text == message("list.more", n=11)
    assert_no_console_errors(dash_duo)
