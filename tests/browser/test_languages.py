"""The page in Chinese, Korean and Japanese, as a reader of that language sees it.

Every expected text is read from the catalogue (``i18n.catalogue``), the region-name table
(``region_names``) and the date templates (``i18n.format_month``), never copied here. The page
walk reads every rendered text node and flags words in Latin letters outside the data's own
fields (titles, summaries, issuers, sources, localities, marked ``data-field``), so an interface
string that stayed English is caught wherever it is drawn.
"""

from __future__ import annotations

import re

import pytest

from components.core import i18n
from components.core.region_names import region_names
from tests.browser.conftest import assert_no_console_errors, show_table, wait_for

pytestmark = pytest.mark.browser

#: Words in Latin letters a translated page may show: file formats and standards named as such,
#: and "Natural Earth", the name of the boundary data (translators keep both as written).
ALLOWED_LATIN = {"CSV", "XLSX", "PNG", "JSON", "HTML", "ZIP", "PowerPoint", "ISO", "URL", "Natural", "Earth", "admin"}

REGION = "CN-SH"

#: Every rendered text node outside data fields, with the Latin words it holds.
LATIN_WORDS_JS = r"""
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (!el || el.closest('.data-field, script, style, noscript, [translate="no"]')) { continue; }
  if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') { continue; }
  const words = node.textContent.match(/[A-Za-z]{3,}/g);
  if (words) { found.push([words.join(' '), node.textContent.slice(0, 80), el.id || String(el.className)]); }
}
return found;
"""


def text_of(duo, selector: str) -> str:
    return duo.driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                                     selector)


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_the_page_speaks_the_chosen_language(dash_duo, open_link, lang):
    dataset = open_link(f"?lang={lang}&region={REGION}")
    duo, words = dash_duo, i18n.catalogue(lang)
    assert duo.driver.execute_script("return document.documentElement.lang") == i18n.HTML_LANG[lang]
    assert duo.driver.title == words["page.title"]
    assert text_of(duo, "h1") == words["page.title"]
    assert text_of(duo, "#reset") == words["controls.reset"]
    months = dataset.month_labels
    assert text_of(duo, "#dataset-lede") == words["dataset.lede"].format(
        start=i18n.format_month(months[0], lang), end=i18n.format_month(months[-1], lang))
    wait_for(lambda: text_of(duo, "#date-label") == words["date.showing"].format(
        start=i18n.format_month(months[0], lang), end=i18n.format_month(months[-1], lang)),
        message="the slider's label in the language's month format")

    name = region_names(lang)[REGION]
    wait_for(lambda: text_of(duo, "#panel-title").startswith(name), message=f"the panel titled {name}")
    first_date = duo.driver.execute_script(
        "return document.querySelector('#action-list .action-item .text-muted').textContent")
    assert re.fullmatch(template_pattern(lang), first_date), first_date

    show_table(duo)
    cell = duo.driver.execute_script(
        "const api = window.dash_ag_grid.getApi('actions-table');"
        "const row = api.getDisplayedRowAtIndex(0); return [row.data.region_id, row.data.region_name];")
    assert cell[1] == (region_names(lang)[cell[0]] if cell[0] else words["table.national"])

    latin = [item for item in duo.driver.execute_script(LATIN_WORDS_JS)
             if set(item[0].split()) - ALLOWED_LATIN]
    assert latin == [], f"English outside data fields on the {lang} page: {latin[:15]}"
    assert "?lang=" + lang in duo.driver.current_url or f"lang={lang}" in duo.driver.current_url
    assert_no_console_errors(duo)


def template_pattern(lang: str) -> str:
    """Any date the language's templates can write, at any precision, as a regular expression."""
    templates = i18n.date_templates(lang)
    fields = {"y": r"\d{4}", "mm": r"\d{2}", "dd": r"\d{2}", "m": r"\d{1,2}", "d": r"\d{1,2}"}
    def pattern(template: str) -> str:
        parts = re.split(r"\{(y|mm|dd|m|d)\}", template)
        return "".join(fields[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))
    return "|".join(f"(?:{pattern(t)})" for t in templates.values())
