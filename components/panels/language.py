"""The page's language: chosen per request, written into the index page, and switched from the header.

Why per request and not a control: the interface text lives in the layout Python builds
(under ``i18n.use``) and in the payload the browser loads, so a language is a different
page, not a different view. ``?lang=`` in the address wins, else the browser's
Accept-Language, else English (``i18n.negotiate``). Dash fetches its layout from
``/_dash-layout`` without the page's query, so there the language comes from the Referer
(the app sends Referrer-Policy strict-origin-when-cross-origin: same-origin requests carry
the full address). The four layouts are built once each and cached, so a page load costs
what it cost before. The switch is four links that reload the page with ``lang`` set and
the rest of the query kept (``atlas.languageLinks`` rewrites them as the view changes). Each
layout's attributes are put in a fixed order (``serving.sorted_wildcard_attributes``), so every
process serves the same bytes.
"""

from __future__ import annotations

import functools
import html as html_text
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import flask
from dash import ClientsideFunction, Input, Output, State, dcc, html

from components import serving
from components.core import i18n
from components.core.i18n import message
from components.panels.ids import Ids

LANG_PARAM = "lang"


def link_id(lang: str) -> str:
    return f"{Ids.LANGUAGE_LINK}-{lang}"


def requested_language() -> str:
    """The language this request asks for (``?lang=``, the Referer's ``?lang=``, Accept-Language, English)."""
    if not flask.has_request_context():
        return i18n.DEFAULT
    request = flask.request
    requested = request.args.get(LANG_PARAM)
    if requested is None:
        referrer = request.headers.get("Referer", "")
        try:
            requested = parse_qs(urlsplit(referrer).query).get(LANG_PARAM, [None])[-1]
        except ValueError:
            requested = None
    return i18n.negotiate(requested, request.headers.get("Accept-Language"))


def switch(lang: str, ids=Ids) -> html.Nav:
    """Links to the page in each language; each language named in itself (so marked as a ``data-field``)."""
    links = []
    for code, name in i18n.LANGUAGES.items():
        current = code == lang
        links.append(html.A(name, id=link_id(code), href=f"?{LANG_PARAM}={code}", lang=i18n.HTML_LANG[code],
                            hrefLang=i18n.HTML_LANG[code],
                            className="language-link data-field ms-2" + (" fw-bold text-dark" if current else ""),
                            **({"aria-current": "true"} if current else {})))
    return html.Nav([dcc.Store(id=ids.LANG, data=lang), *links], id=ids.LANGUAGE_SWITCH,
                    className="language-switch small", **{"aria-label": message("language.switch")})


def with_data_field(key: str, field: str, value: str, **params) -> list:
    """Message ``key`` as children, its ``{field}`` (the data's own words) in a span marked ``data-field``."""
    before, _, after = i18n.text(key).partition("{" + field + "}")
    return [before.format(**params), html.Span(value, className="data-field"), after.format(**params)]


def page_language() -> State:
    """The page's language as a callback's last ``State`` (for callbacks wrapped in ``speaking``)."""
    return State(Ids.LANG, "data")


def speaking(callback: Callable) -> Callable:
    """``callback`` run in the page's language, which arrives as its last argument (``page_language()``)."""
    def run(*args):
        *values, lang = args
        with i18n.use(lang):
            return callback(*values)

    run.__name__ = callback.__name__
    return run


def install(app, build_page: Callable[[], object]) -> None:
    """Serve ``build_page()`` (built under ``i18n.use``, once per language) and an index page in the request's language."""

    @functools.cache
    def page_in(lang: str):
        with i18n.use(lang):
            return serving.sorted_wildcard_attributes(build_page())

    app.layout = lambda: page_in(requested_language())
    dash_interpolate = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        lang = requested_language()
        with i18n.use(lang):
            kwargs["title"] = html_text.escape(message("page.title"))
        index = dash_interpolate(**kwargs)
        return index.replace("<html>", f'<html lang="{i18n.HTML_LANG[lang]}">', 1)

    app.interpolate_index = interpolate_index
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="languageLinks"),
        *[Output(link_id(code), "href") for code in i18n.LANGUAGES],
        Input(Ids.URL, "search"),
        *[State(link_id(code), "href") for code in i18n.LANGUAGES],
    )
