"""Interface languages: complete catalogues, and the language each request gets.

The catalogue test fails on any message id English has that a language lacks (or leaves
empty, or words with other placeholders), so a new interface string cannot ship untranslated.
The request tests go through Flask's test client the way a browser does: the index page
(``/``) and, for the layout, ``/_dash-layout`` with the page's address as Referer.
"""

from __future__ import annotations

import re
import string

import pytest

from app import create_app
from components.core import i18n
from components.core.i18n import message
from components.core.data.region_names import region_names
from components.panels import analysis, language
from components.panels.ids import Ids
from components.panels.url_state import default_state

TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalogue_has_every_english_message_with_the_same_placeholders(lang):
    translated = i18n._translations(lang)
    missing = [key for key in i18n.source_messages() if not translated.get(key, "").strip()]
    assert missing == [], f"{i18n.catalogue_path(lang)} lacks {len(missing)} message(s): {missing[:20]}"
    wrong = {key: (sorted(placeholders(english)), sorted(placeholders(translated[key])))
             for key, english in i18n.source_messages().items() if placeholders(english) != placeholders(translated[key])}
    assert wrong == {}, f"{lang}: placeholders differ from English (English, translation): {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_message_speaks_the_language_of_its_block_and_english_outside(lang):
    with i18n.use(lang):
        inside = message("title.cumulative", end=i18n.month("2023-06"))
        assert i18n.label("countries", "JP") == i18n.catalogue(lang)["vocab.countries.JP"]
    assert inside == i18n.catalogue(lang)["title.cumulative"].format(end=i18n.format_month("2023-06", lang))
    assert message("title.cumulative", end="2023-06") == "Actions to 2023-06"
    with i18n.use("xx"):
        assert i18n.current() == "en"


@pytest.mark.parametrize("sent", [["zh"], {"lang": "ko"}, 7, None])
def test_a_page_language_that_is_not_a_code_is_english(sent):
    """The language store arrives with each callback request; a hand-made one may hold anything (was a 500)."""
    with i18n.use(sent):
        assert i18n.current() == "en"


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def html_lang(response) -> str:
    assert response.status_code == 200
    return re.search(r'<html lang="([^"]+)">', response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(("query", "accept", "expected"), [
    ("", None, "en"),
    ("", "ko-KR,ko;q=0.9,en;q=0.5", "ko"),
    ("", "fr-FR,ja;q=0.8", "ja"),
    ("", "zh-CN,zh;q=0.9", "zh-Hans"),
    ("?lang=ja", "ko-KR,ko;q=0.9", "ja"),
    ("?lang=zh&metric=window", None, "zh-Hans"),
    ("?lang=en", "ja", "en"),
    ("?lang=xx", "ko", "ko"),
    ("?lang=xx", None, "en"),
    ("?lang=", "fr", "en"),
])
def test_the_index_page_is_in_the_query_s_language_else_the_browser_s_else_english(client, query, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/" + query, headers=headers)
    assert html_lang(response) == expected
    lang = next(code for code, tag in i18n.HTML_LANG.items() if tag == expected)
    assert f"<title>{i18n.catalogue(lang)['page.title']}</title>" in response.get_data(as_text=True)


def components(node):
    if isinstance(node, dict):
        if "props" in node:
            yield node
        for value in node.values():
            yield from components(value)
    elif isinstance(node, list):
        for value in node:
            yield from components(value)


def by_id(layout: dict, component_id: str) -> dict:
    return next(c["props"] for c in components(layout) if c["props"].get("id") == component_id)


@pytest.mark.parametrize(("referer", "accept", "lang"), [
    ("http://localhost/?lang=zh&metric=plan", "ja", "zh"),
    ("http://localhost/?metric=plan", "ja-JP", "ja"),
    ("http://localhost/?lang=ko", None, "ko"),
    ("http://localhost/?lang=nope", None, "en"),
    (None, None, "en"),
])
def test_the_layout_is_built_in_the_language_of_the_page_that_asks_for_it(app, client, referer, accept, lang):
    headers = {**({"Referer": referer} if referer else {}), **({"Accept-Language": accept} if accept else {})}
    layout = client.get("/_dash-layout", headers=headers).get_json()
    words = i18n.catalogue(lang)
    assert by_id(layout, Ids.LANG)["data"] == lang
    months = app.atlas_dataset.month_labels
    assert by_id(layout, Ids.DATE_LABEL)["children"] == words["date.showing"].format(
        start=i18n.format_month(months[0], lang), end=i18n.format_month(app.atlas_dataset.collected_to, lang))
    header = next(c["props"]["children"] for c in components(layout) if c.get("type") == "H1")
    assert header == words["page.title"]
    reset = by_id(layout, Ids.RESET)["children"]
    assert reset == words["controls.reset"]
    source = by_id(layout, Ids.ENGINE_SOURCE)["data"]
    payload = client.get(source["url"]).get_json()
    assert payload["lang"] == lang
    assert payload["messages"]["legend.cumulative"] == words["legend.cumulative"]
    assert dict(payload["vocab"]["countries"])["KR"] == words["vocab.countries.KR"]
    assert payload["regions"]["name"] == [region_names(lang)[r] for r in payload["regions"]["id"]]
    assert payload["dateTemplates"] == i18n.date_templates(lang)


def test_each_language_has_its_own_payload_and_english_keeps_today_s_names(client):
    urls = {}
    for lang in i18n.LANGUAGES:
        layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost/?lang={lang}"}).get_json()
        urls[lang] = by_id(layout, Ids.ENGINE_SOURCE)["data"]["url"]
    assert len(set(urls.values())) == len(i18n.LANGUAGES)
    english = client.get(urls["en"]).get_json()
    assert english["regions"]["name"] == english["regions"]["name_en"]
    assert english["messages"]["title.cumulative"] == "Actions to {end}"


ANALYSIS_GRAPHS = ["adoption-graph", "lag-graph", "ranking-graph", "neighbour-graph", "counts-graph", "hype-graph"]


def test_every_analysis_chart_callback_is_given_the_page_language(app):
    for graph in ANALYSIS_GRAPHS:
        key = next(k for k in app.callback_map if f"{graph}.figure" in k)
        assert {"id": Ids.LANG, "property": "data"} in app.callback_map[key]["state"], graph


@pytest.mark.parametrize("lang", TRANSLATED)
def test_analysis_charts_render_in_the_page_language(bundled, real_adjacency, lang):
    context = analysis.Analysis(bundled=bundled, adjacency=real_adjacency, geojson_url="/immutable/x/regions.geojson")
    state = default_state(bundled)
    view = {name: getattr(state, name) for name in ("start", "end", "countries", "levels", "types", "verification", "search")}
    words = i18n.catalogue(lang)
    figure, title, explain, _ = language.speaking(lambda v, o: analysis.render(context, "adoption", v, o))(view, None, lang)
    assert title == words["adoption.title"].format(end=i18n.format_month(bundled.collected_to, lang))
    axis_titles = [axis["title"]["text"] for name, axis in figure["layout"].items() if name.startswith("yaxis")]
    assert words["vocab.countries.KR"] in axis_titles
    _, _, _, result = language.speaking(lambda v, o: analysis.render(context, "neighbours", v, o))(view, None, lang)
    assert words[f"diffusion.verdict.{result.test.effect}"] in result.test.reading
    assert words[f"diffusion.effect.{result.test.sensitivity.effect}"] in result.test.reading
    assert i18n.current() == "en"
