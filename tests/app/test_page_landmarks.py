"""The page's frame for assistive technology: a language, one banner/main/contentinfo, a skip link first."""

from __future__ import annotations

from dash import html

from app import create_app
from components.core.i18n import message
from components.panels.ids import Ids


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from walk(child)


def test_index_page_names_its_language_and_adds_no_footer_of_its_own(small_csv):
    index = create_app(small_csv, version="test").server.test_client().get("/").get_data(as_text=True)
    assert '<html lang="en">' in index
    assert "<footer" not in index


def test_one_header_main_and_footer_and_the_skip_link_comes_first(small_csv):
    layout = create_app(small_csv, version="test").layout()
    nodes = list(walk(layout))
    assert [type(n) for n in nodes if isinstance(n, (html.Header, html.Main, html.Footer))] == [
        html.Header, html.Main, html.Footer]
    focusable = [n for n in nodes if isinstance(n, (html.A, html.Button)) or type(n).__name__ in ("Switch", "Button")]
    skip = focusable[0]
    assert isinstance(skip, html.A) and skip.children == message("a11y.skip_to_map") and skip.href == f"#{Ids.MAP_AREA}"
    area = next(n for n in nodes if getattr(n, "id", None) == Ids.MAP_AREA)
    assert area.tabIndex == "-1" and any(getattr(n, "id", None) == Ids.MAP for n in walk(area))
