"""Room for longer words: no label is clipped or runs out of its box, at 1280 px and on a phone, in any language.

Why: Korean and Japanese labels run longer than English ones, and Chinese ones shorter but
taller; a label cut at its box's edge or pushed past the screen reads as a broken page (issue 23).
Every visible text on the page is measured where the browser laid it out (``Range.getClientRects``):
its lines must stay on the screen, inside every ancestor that hides what overflows it, and not
end in an ellipsis the browser added. The map's own texts (title, footer, legend, region names)
must stay inside the map's frame. The phone's filter drawer is checked open, as a person opens it.
The table's cells are left out: a long title is cut there by design and shown whole in its row's
panel.
"""

from __future__ import annotations

import pytest

from . import pictures
from .conftest import wait_for

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "zh", "ko", "ja")
#: Texts whose cutting is the design, not a fault: the table's cells (a row opens the whole title),
#: screen-reader-only text, and Plotly's hidden measuring text.
SKIPPED = ".ag-cell, .ag-cell *, .visually-hidden, .visually-hidden *, .sr-only, .sr-only *, .js-plotly-plot svg"

OVERFLOW_JS = """
const skipped = arguments[0], problems = [];
const width = document.documentElement.clientWidth;
const hides = v => v === 'hidden' || v === 'clip';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  const text = node.textContent.trim();
  if (!text || !el || el.closest(skipped) || el.closest('script, style, noscript, template')) { continue; }
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible' || Number(style.opacity) === 0) { continue; }
  const range = document.createRange();
  range.selectNodeContents(node);
  const lines = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5);
  if (!lines.length) { continue; }
  const where = el.id ? '#' + el.id : el.className ? el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0] : el.tagName.toLowerCase();
  const say = (what, box) => problems.push({text: text.slice(0, 60), where: where, what: what,
    line: lines.map(r => [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)])[0], box: box});
  if (lines.some(r => r.left < -0.5 || r.right > width + 0.5)) { say('past the screen', [0, width]); continue; }
  if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) { say('cut with an ellipsis', [el.clientWidth, el.scrollWidth]); continue; }
  for (let a = el; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    const x = hides(s.overflowX), y = hides(s.overflowY);
    if (!x && !y) { continue; }
    const b = a.getBoundingClientRect();
    if (b.width < 2 || b.height < 2) { break; }
    const out = lines.some(r => (x && (r.left < b.left - 1 || r.right > b.right + 1)) || (y && (r.top < b.top - 1 || r.bottom > b.bottom + 1)));
    if (out) { say('cut by ' + (a.id ? '#' + a.id : a.tagName.toLowerCase() + '.' + String(a.className).split(' ')[0]),
                   [Math.round(b.left), Math.round(b.top), Math.round(b.right), Math.round(b.bottom)]); break; }
  }
}
return problems;
"""

MAP_TEXT_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
if (!gd) { return []; }
const frame = gd._fullLayout.geo._subplot.bgRect.node().getBoundingClientRect();
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
const problems = [];
gd.querySelectorAll('text').forEach(t => {
  const text = t.textContent.trim();
  if (!text || getComputedStyle(t).visibility === 'hidden' || t.closest('.hoverlayer')) { return; }
  const b = t.getBoundingClientRect();
  if (b.width < 0.5) { return; }
  const onMap = t.closest('.geolayer, .scatterlayer, .geo');
  const box = onMap ? frame : svg;
  if (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1) {
    problems.push({text: text.slice(0, 60), box: [b.left, b.top, b.right, b.bottom].map(Math.round),
                   inside: [box.left, box.top, box.right, box.bottom].map(Math.round)});
  }
});
return problems;
"""


def problems(driver) -> list[dict]:
    return driver.execute_script(OVERFLOW_JS, SKIPPED) + driver.execute_script(MAP_TEXT_JS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_is_cut_at_1280_px(picture_duo, lang):
    duo, _ = picture_duo
    pictures.open_view(duo, f"?lang={lang}&labels=10", 1280, 800)
    assert problems(duo.driver) == []
    assert [e for e in duo.get_logs() if e.get("level") == "SEVERE"] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_is_cut_on_a_phone_with_the_filters_open(picture_duo, lang):
    duo, _ = picture_duo
    pictures.open_view(duo, f"?lang={lang}&labels=10", 360, 740)
    assert problems(duo.driver) == []
    toggle = duo.find_element("#filter-toggle")
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", toggle)
    toggle.click()
    wait_for(lambda: duo.find_element("#metric").is_displayed(), message="the filter drawer open")
    pictures.steady(duo.driver)
    assert problems(duo.driver) == []
    assert [e for e in duo.get_logs() if e.get("level") == "SEVERE"] == []
