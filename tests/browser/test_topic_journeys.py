"""Topic journeys: the topic filter's live counts, its link, the table's topics column, four languages, axe-core."""

from __future__ import annotations

import pytest

from components.core import i18n
from components.core.data.columns import Col
from components.core.view.metrics import facet_counts, table_actions
from components.core.data.topics import TOPICS
from components.panels.url_state import state_from_query

from .conftest import assert_no_console_errors, map_meta, query, server_calls, show_table, wait_for
from .test_accessibility import axe_violations, blocking, describe

pytestmark = pytest.mark.browser


def facet_labels(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#topics label')).map(l => l.textContent.trim())")


def test_ticking_topics_narrows_the_view_in_the_browser_and_the_link_keeps_it(dash_duo, open_link):
    dataset = open_link("?topics=web3")
    wait_for(lambda: map_meta(dash_duo)["query"] == "?topics=web3", message="the map drawn for web3")
    state = state_from_query(dataset, "?topics=web3")
    rows = table_actions(dataset, state)
    assert len(rows) and all("web3" in cell.split(";") for cell in rows[Col.TOPICS])
    wait_for(lambda: dash_duo.find_element("#table-count").text == f"{len(rows)} action(s) match", message="table count")
    calls = server_calls(dash_duo)
    dash_duo.driver.execute_script("document.querySelector('#topics input[value=\"finance\"]').click()")
    wait_for(lambda: query(dash_duo).get("topics") == "web3,finance", message="the link after ticking finance")
    state = state_from_query(dataset, "?topics=web3,finance")
    rows = table_actions(dataset, state)
    both = dataset.actions[dataset.actions[Col.TOPICS].str.split(";").map(lambda c: bool({"web3", "finance"} & set(c)))]
    assert sorted(rows[Col.ACTION_ID]) == sorted(both[Col.ACTION_ID][both[Col.DATE].dt.strftime("%Y-%m") <= dataset.collected_to])
    wait_for(lambda: dash_duo.find_element("#table-count").text == f"{len(rows)} action(s) match", message="recount")
    counts = facet_counts(dataset, state)["topics"]
    wait_for(lambda: facet_labels(dash_duo) == [f"{label} ({counts[code]})" for code, label in TOPICS.items()],
             message="live counts equal Python's")
    assert server_calls(dash_duo) == calls, "the filter is answered in the browser"
    show_table(dash_duo)
    shown = dash_duo.driver.execute_script(
        "const out = {}; window.dash_ag_grid.getApi('actions-table').forEachNodeAfterFilter(n => {"
        " out[n.data.action_id] = n.data.topics; }); return out;")
    assert sorted(shown) == sorted(rows[Col.ACTION_ID])
    first = rows.iloc[0]
    assert shown[first[Col.ACTION_ID]] == "; ".join(TOPICS[c] for c in first[Col.TOPICS].split(";"))
    found = blocking(axe_violations(dash_duo))
    assert found == [], describe("topic filter", found)
    assert_no_console_errors(dash_duo)


def test_the_topic_filter_speaks_four_languages(dash_duo, open_link):
    dataset = open_link("?topics=none&lang=ja")
    wait_for(lambda: dash_duo.find_element("#table-count").text != "", message="table count")
    for lang in ("ja", "ko", "zh", "en"):
        dash_duo.driver.get(dash_duo.server_url + f"/?topics=education&lang={lang}")
        state = state_from_query(dataset, "?topics=education")
        counts = facet_counts(dataset, state)["topics"]
        with i18n.use(lang):
            expected = [i18n.text("format.parenthetical").format(text=i18n.label("topics", c), note=i18n.number(counts[c]))
                        for c in TOPICS]
            legend = i18n.text("controls.legend.topics")
        wait_for(lambda: facet_labels(dash_duo) == expected, message=f"topic labels in {lang}")
        assert legend in dash_duo.driver.execute_script(
            "return document.querySelector('#topics').closest('fieldset').querySelector('legend').textContent")
    assert_no_console_errors(dash_duo)


def test_the_analysis_stacks_actions_over_time_by_topic_per_country(dash_duo, open_link):
    open_link("?tab=analysis&start=2022-01&end=2024-12&lang=ja")
    dash_duo.wait_for_element("#counts-by input[value='topic']", timeout=30)
    dash_duo.driver.execute_script("document.querySelector(\"#counts-by input[value='topic']\").click()")
    traces = "return (document.querySelector('#counts-graph .js-plotly-plot') || {data: []}).data.map(t => t.name)"
    wait_for(lambda: len(dash_duo.driver.execute_script(traces)) == 3 * len(TOPICS), timeout=40,
             message="13 topic bands in each of three country panels")
    with i18n.use("ja"):
        assert dash_duo.driver.execute_script(traces)[: len(TOPICS)] == [i18n.label("topics", c) for c in TOPICS]
        assert i18n.text("counts.topic_note") in dash_duo.find_element("#counts-explain").text
    assert_no_console_errors(dash_duo)
