"""The whole atlas works under its Content-Security-Policy, and the policy is really enforced.

A listener for ``securitypolicyviolation`` is installed before any page script runs (DevTools'
``addScriptToEvaluateOnNewDocument``), so a violation anywhere — Dash's bootstrap, plotly.js
injecting styles, AG Grid's themes, the PNG export — is recorded even when nothing is logged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.core.view.metrics import table_actions
from components.panels.url_state import state_from_query

from .conftest import (
    assert_no_console_errors, click_region, map_meta, query, scroll_into_view, show_table, wait_for,
)

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
"""


def violations(duo) -> list[dict]:
    return duo.driver.execute_script("return window.__cspViolations")


@pytest.fixture
def watched(dash_duo, open_link):
    """The app opened with the violation listener in place before the first script."""
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS_JS})
    dataset = open_link()
    assert violations(dash_duo) == []
    return dash_duo, dataset


def test_map_slider_panel_table_and_both_exports_work_under_the_csp(watched):
    duo, dataset = watched
    csp = duo.driver.execute_script(
        "return fetch('/').then(r => r.headers.get('Content-Security-Policy'))")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";")}
    assert directives["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in directives["script-src"][1:])

    handle = duo.driver.find_elements(By.CSS_SELECTOR, "#date-range [role=slider]")[-1]
    handle.click()
    handle.send_keys(Keys.ARROW_LEFT)
    expected_end = dataset.month_labels[dataset.month_labels.index(dataset.collected_to) - 1]  # one step back from the edge
    wait_for(lambda: map_meta(duo)["query"] == f"?end={expected_end}", message="map redrawn after a slider step")

    click_region(duo, dataset, "JP-13")
    wait_for(lambda: "Tokyo" in duo.find_element("#panel-title").text, message="Tokyo panel")
    wait_for(lambda: query(duo).get("region") == "JP-13", message="region in the link")

    show_table(duo)
    tokyo = table_actions(dataset, state_from_query(dataset, f"?end={expected_end}&region=JP-13"))
    assert 0 < len(tokyo) < len(dataset.actions)
    wait_for(lambda: duo.find_element("#table-count").text == f"{len(tokyo)} action(s) match", message="table count")
    assert duo.driver.execute_script(
        "return document.querySelectorAll('#actions-table .ag-center-cols-container .ag-row').length") > 0

    scroll_into_view(duo, duo.find_element("#download-csv-button")).click()
    csv_file = wait_for(lambda: list(Path(duo.download_path).glob("*.csv")), message="downloaded CSV")[0]
    assert "region-JP-13" in csv_file.name
    assert csv_file.read_text(encoding="utf-8").count("\n") == len(tokyo) + 1

    scroll_into_view(duo, duo.find_element("#download-png-button")).click()
    png = wait_for(lambda: list(Path(duo.download_path).glob("*.png")), message="downloaded PNG")[0]
    wait_for(lambda: png.stat().st_size > 20_000, message="PNG written")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    assert violations(duo) == []
    assert_no_console_errors(duo)


def test_an_injected_inline_script_and_eval_are_refused(watched):
    duo, _ = watched
    assert_no_console_errors(duo)  # the page itself is clean; the refusals below are the only errors
    # The eval runs from a timer: WebDriver's own script evaluation is exempt from the CSP's eval rule.
    duo.driver.execute_script("""
        const s = document.createElement('script');
        s.textContent = 'window.__injectedRan = true';
        document.body.appendChild(s);
        setTimeout(() => {
          try { window.eval('1 + 1'); window.__evalOutcome = 'ran'; } catch (e) { window.__evalOutcome = e.name; }
        }, 0);
    """)
    assert wait_for(lambda: duo.driver.execute_script("return window.__evalOutcome"), message="eval tried") == "EvalError"
    assert duo.driver.execute_script("return window.__injectedRan === undefined")
    refused = wait_for(lambda: len(violations(duo)) == 2 and violations(duo), message="two violations")
    assert {v["directive"] for v in refused} == {"script-src-elem", "script-src"}
    # The console's only error is the refusal this test provoked (the refused eval threw, and was caught).
    errors = [entry["message"] for entry in duo.get_logs() if entry.get("level") == "SEVERE"]
    assert len(errors) == 1 and "Executing inline script violates the following Content Security Policy" in errors[0]
