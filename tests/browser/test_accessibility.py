"""WCAG 2.2 AA checks in a real browser: axe-core on every main view, the keyboard, the readout.

axe-core is vendored (``assets/vendor/axe.min.js``) but never served to the app's pages; the test
injects its text with ``execute_script`` (not a ``<script>`` element, so the CSP allows it) and
fails with every serious or critical violation listed by rule, impact and element.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import assert_no_console_errors, wait_for

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


def axe_violations(duo) -> list[dict]:
    duo.driver.set_script_timeout(60)
    return duo.driver.execute_async_script(RUN_AXE_JS, AXE, AXE_TAGS)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}: {v['nodes'][:6]}"
                     for v in violations)


def assert_no_serious_violations(duo, where: str) -> list[dict]:
    violations = axe_violations(duo)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe-core on {where}:\n{describe(serious)}"
    return violations


@pytest.mark.parametrize("link", ["", "?region=CN-SH", "?tab=analysis"])
def test_axe_finds_no_serious_violations(dash_duo, open_link, link):
    open_link(link)
    if link == "?region=CN-SH":
        wait_for(lambda: "Shanghai" in dash_duo.find_element("#panel-title").text, message="Shanghai panel")
    violations = assert_no_serious_violations(dash_duo, link or "the default view")
    print(describe(violations))
    assert_no_console_errors(dash_duo)
