"""One meaning for every number: the browser engine against the Python reference.

The browser computes every view itself (assets/atlas-*.js); ``components.core`` is the
reference. Here 60 seeded random views are opened in a real Chromium, as a user opening a
link would, and what the page shows is compared with what Python computes for the same
``ViewState``: each region's map class and hover text, the legend, the readout under the
map, the facet counts on every filter option, the table's rows and count, the panel, and the
map's text alternative (the region table, cell by cell). The panel is compared as a reader
sees it: its title, count, the actions listed (newest first, the first page of 50) and the
pager's total, or the overview's totals and leading regions.
"""

from __future__ import annotations

import random

import pytest

from components.core.view import figures
from components.core import i18n
from components.core.data.columns import Col
from components.core.view.display_geometry import OVERVIEW_ZOOMS
from components.core.view.dots import dot_layout
from components.core.view.encodings import encode_view
from components.core.view.map_table import map_table_rows
from components.core.i18n import message
from components.core.view.metrics import (
    country_totals, countries_in_view, facet_counts, leading_regions, matching_actions, readout_counts, table_actions,
)
from components.core.view.state import FILTERS, LABEL_COUNTS, METRICS, ZOOMS, ViewState
from components.panels.url_state import default_state, state_from_query

from .conftest import assert_no_console_errors, go_to, map_meta, show_table, wait_for

pytestmark = pytest.mark.browser

VIEWS = 60

READ_PAGE_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const labels = {};
for (const name of ['countries', 'levels', 'types', 'verification', 'novelty', 'topics']) {
  labels[name] = Array.from(document.querySelectorAll('#' + name + ' label')).map(l => l.textContent.trim());
}
const rows = [];
const api = window.dash_ag_grid.getApi('actions-table');
api.forEachNodeAfterFilter(node => rows.push(node.data.action_id));
const count = document.querySelector('#panel-count');
const texts = selector => Array.from(document.querySelectorAll(selector), e => e.textContent);
return {
  z: gd.data[1].z, hover: gd.data[1].text, dots: gd.data[4].customdata, dotHover: gd.data[4].text,
  legend: Array.from(document.querySelectorAll('#map-legend .map-legend-label')).map(l => l.textContent),
  legendTitle: document.querySelector('#map-legend .map-legend-title').textContent,
  plotlyLegend: gd.layout.showlegend,
  geometry: ['overview', 'detail'].find(k => gd.data[1].geojson === gd.layout.meta.geometry[k]) || null,
  ended: [gd.data[5].lon, gd.data[5].lat],
  labels: gd.data[gd.data.length - 1].text, labelLon: gd.data[gd.data.length - 1].lon,
  labelLat: gd.data[gd.data.length - 1].lat, labelPosition: gd.data[gd.data.length - 1].textposition,
  plot: [gd._fullLayout._size.w, gd._fullLayout._size.h],
  frame: {lon: gd.layout.geo.lonaxis.range, lat: gd.layout.geo.lataxis.range},
  title: gd.layout.title.text, facets: labels, tableRows: rows,
  tableCount: document.querySelector('#table-count').textContent,
  readout: Array.from(document.querySelectorAll('#map-readout > div')).map(d => d.textContent),
  panelCount: count ? count.textContent : null,
  panelTitle: document.querySelector('#panel-title').textContent,
  panelActions: Array.from(document.querySelectorAll('#action-list [data-action-id]'), e => e.dataset.actionId),
  panelPager: texts('#action-list-pager .pager-status'),
  panelTotals: Array.from(document.querySelectorAll('#overview-totals tbody tr'), tr => Array.from(tr.children, c => c.textContent)),
  panelLeaders: texts('#leading-regions li'),
  mapTable: Array.from(document.querySelectorAll('#map-table tbody tr')).map(tr =>
    [tr.querySelector('[data-region]').dataset.region].concat(Array.from(tr.children).map(c => c.textContent))),
  mapTableCaption: document.querySelector('#map-table caption').textContent,
};
"""


def random_view(rng: random.Random, dataset) -> ViewState:
    labels = dataset.month_labels

    def subset(options) -> list[str]:
        keys = list(options)
        roll = rng.random()
        if roll < 0.45:
            return keys
        if roll < 0.5:
            return []
        return [k for k in keys if rng.random() < 0.6] or [rng.choice(keys)]

    start, end = sorted(rng.sample(range(len(labels)), 2)) if rng.random() < 0.7 else (0, rng.randrange(len(labels)))
    search = ""
    if rng.random() < 0.25:
        title = dataset.actions[Col.TITLE].iloc[rng.randrange(len(dataset.actions))]
        words = [w for w in title.split() if len(w) > 3]
        search = rng.choice(words).lower() if words else ""
    return default_state(dataset).replace(
        start=labels[start], end=labels[end],
        **{name: subset(options) for name, options in FILTERS.items()},
        metric=rng.choice(list(METRICS)), zoom=rng.choice(list(ZOOMS)),
        region=rng.choice(list(dataset.regions.index)) if rng.random() < 0.4 else None,
        search=search, rescale=rng.random() < 0.2, labels=rng.choice(LABEL_COUNTS),
    )


def expected_page(dataset, state: ViewState, frame: dict, plot: tuple[float, float]) -> dict:
    """What the page should show; ``frame`` and ``plot`` (the map's ranges and plot area in px, read from the
    page) are where the top-N names are placed (figures.placed_label_trace)."""
    dots, label_points = dot_layout(dataset), figures.region_label_points(dataset)
    actions, view, encoding = encode_view(dataset, state)
    hover = figures.hover_texts(dataset, state, view, actions.start, actions.end)
    counts = facet_counts(dataset, state, actions)
    rows = table_actions(dataset, state)
    ended = [r for r, row in zip(dataset.regions.index, view.ended) if row >= 0]
    points = figures.ended_points(view, list(dataset.regions.index), dots, state.zoom, label_points)
    labels, omitted = figures.placed_label_trace(dataset, state, view, dots, label_points, state.zoom,
                                                 figures.FrameProjection(frame, *plot))
    return {
        "labels": list(labels.text), "labelLon": list(labels.lon), "labelLat": list(labels.lat),
        "labelPosition": labels.textposition,
        "z": encoding.category, "hover": hover,
        "legend": [e.label for e in encoding.entries] + ([message("legend.ended")] if ended else [])
        + ([message("legend.labels_omitted", n=omitted)] if omitted else []),
        "ended": [points["lon"], points["lat"]],
        "legendTitle": encoding.legend_title, "title": encoding.title, "plotlyLegend": False,
        "geometry": "overview" if state.zoom in OVERVIEW_ZOOMS else "detail",
        "facets": {name: [f"{label} ({counts[name][code]})" for code, label in options.items()]
                   for name, options in FILTERS.items()},
        "tableRows": sorted(rows[Col.ACTION_ID]), "tableCount": f"{len(rows)} action(s) match",
        "readout": figures.readout_lines(dataset, state, readout_counts(dataset, state, view), actions.start, actions.end),
        "mapTable": [[row.region_id, row.name, row.country, row.value, row.shown]
                     for row in map_table_rows(dataset, state.metric, view, encoding)],
        "mapTableCaption": message("a11y.table.caption", title=encoding.title),
    }


PAGE = 50


def expected_panel(dataset, state: ViewState) -> dict:
    """The panel as metrics.py reads the view: a region's listed actions, or the overview's numbers."""
    regions = dataset.regions
    if state.region:
        listed = list(table_actions(dataset, state)[Col.ACTION_ID])[::-1]
        name, local = regions.at[state.region, "name_en"], regions.at[state.region, "name_local"]
        return {"panelTitle": name if name == local else f"{name} {local}", "panelActions": listed[:PAGE],
                "panelPager": [f"Showing {PAGE} of {len(listed)}"] if len(listed) > PAGE else [],
                "panelTotals": [], "panelLeaders": []}
    shown = countries_in_view(state)
    rows = matching_actions(dataset, state)
    rows = rows[rows[Col.COUNTRY].isin(shown)]
    totals = country_totals(rows)
    leaders = leading_regions(rows)
    names = FILTERS["countries"]
    label = lambda r: (regions.at[r, "name_en"] if regions.at[r, "name_en"] == regions.at[r, "name_local"]  # noqa: E731
                       else f"{regions.at[r, 'name_en']} ({regions.at[r, 'name_local']})")
    return {"panelTitle": message("panel.overview", countries=i18n.join([names[c] for c in shown])),
            "panelActions": list(rows[Col.ACTION_ID])[::-1][:6], "panelPager": [],
            "panelTotals": [[names[c], *(str(totals.at[c, k]) for k in ("national", "sub_national", "regions"))]
                            for c in shown],
            "panelLeaders": [f"{label(r)}: {n}" for r, n in leaders.items()]}


def test_sixty_random_views_agree_with_the_python_reference(dash_duo, open_link):
    dataset = open_link()
    show_table(dash_duo)
    dash_duo.driver.execute_script("document.querySelector('#map-table-details').open = true")
    rng = random.Random(20261129)
    defaults = default_state(dataset)
    seen_metrics, seen_kinds, seen_named = set(), set(), 0
    for number in range(VIEWS):
        state = random_view(rng, dataset)
        link = state.to_query(defaults)
        go_to(dash_duo, link)
        wait_for(lambda: map_meta(dash_duo)["query"] == link, message=f"view {number} ({link or 'default'}) on the map")
        wait_for(lambda: dash_duo.driver.execute_script(
            "return document.querySelector('#table-count').textContent") == f"{len(table_actions(dataset, state))} action(s) match",
            message=f"view {number}: table count")
        page = dash_duo.driver.execute_script(READ_PAGE_JS)
        expected = {**expected_page(dataset, state, page["frame"], page["plot"]), **expected_panel(dataset, state)}
        page["tableRows"] = sorted(page["tableRows"])
        for key in ("labelLon", "labelLat"):  # a name's point, unprojected from its box's centre and rounded: 2e-3 degrees
            assert page.pop(key) == pytest.approx(expected.pop(key), abs=2e-3), f"view {number} ({link}): {key} differs"
        for key, value in expected.items():
            assert page[key] == value, f"view {number} ({link}): {key} differs"
        seen_named += len(page["labels"])
        hover_by_region = dict(zip(dataset.regions.index, expected["hover"]))
        assert page["dotHover"] == [hover_by_region[r] for r in page["dots"]]
        if state.region:
            n = len(table_actions(dataset, state))
            assert page["panelCount"].startswith(f"{n} action(s) in view"), f"view {number}: panel count"
        seen_metrics.add(state.metric)
        seen_kinds.update(page["legend"])
    assert seen_metrics == set(METRICS)
    assert any(label.startswith("Hidden") for label in seen_kinds)
    assert seen_named > 0
    assert_no_console_errors(dash_duo)


#: Views whose map hovers carry what the December 2026 translation review found written the English way in
#: other languages: the filters that hide a region's actions (joined ", "), and dated plan lines.
LANGUAGE_VIEWS = ["?metric=first&verification=reported&levels=provincial&types=event",
                  "?metric=plan&levels=municipal,district&types=strategy_plan"]


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_map_hovers_and_readout_agree_with_python_in_each_language(dash_duo, open_link, lang):
    """The engine's hover, readout and legend title in the page's language, as Python writes them (lists by CLDR)."""
    dataset = open_link(f"?lang={lang}")
    read = ("const gd = document.querySelector('#map .js-plotly-plot');"
            "return [gd.data[1].text, Array.from(document.querySelectorAll('#map-readout > div'), d => d.textContent),"
            "document.querySelector('#map-legend .map-legend-title').textContent];")
    words = i18n.catalogue(lang)
    hidden = words["hover.hidden_by"].split("{filters}")[0]
    joined = []
    for link in LANGUAGE_VIEWS:
        state = state_from_query(dataset, link)
        with i18n.use(lang):
            actions, view, encoding = encode_view(dataset, state)
            expected = [figures.hover_texts(dataset, state, view, actions.start, actions.end),
                        figures.readout_lines(dataset, state, readout_counts(dataset, state, view), actions.start,
                                              actions.end),
                        encoding.legend_title]
        go_to(dash_duo, f"{link}&lang={lang}")
        wait_for(lambda: dash_duo.driver.execute_script(read)[0] == expected[0],
                 message=f"{lang} {link}: the map's hovers as Python writes them")
        assert dash_duo.driver.execute_script(read) == expected, f"{lang} {link}"
        joined += [text.split(hidden)[1] for text in expected[0] if hidden in text]
    several = [names for names in joined if sum(words[f"filter.{f}"] in names for f in FILTERS) > 1]
    assert several, "no hover names more than one hiding filter"
    if lang in ("zh", "ja"):
        assert any("、" in names for names in several) and not any(", " in names for names in joined), several
    assert_no_console_errors(dash_duo)


MALFORMED_LINKS = [
    "", "?metric=bogus&zoom=XX", "?countries=CN,ZZ&levels=", "?start=2099-01&end=2022-13", "?region=XX-99",
    "?search=%E5%85%83%E5%AE%87%E5%AE%99+plan&rescale=1", "?present&rescale=", "?types=none&verification=verified",
    "?start=2022-05&start=2023-01", "?search=a%zzb%", "?action=not-an-action&region=KR-11", "?search=" + "x" * 300,
    "?tab=analysis", "?tab=Analysis&region=CN-SH", "?tab=&tab=analysis", "?tab=charts",
    "?labels=5", "?labels=10&metric=first", "?labels=7", "?labels=five", "?labels=",
]


def test_links_are_read_the_same_way_in_the_browser_and_on_the_server(dash_duo, open_link):
    dataset = open_link()
    for link in MALFORMED_LINKS:
        parsed = dash_duo.driver.execute_script(
            "const data = window.atlas.data._ready.values().next().value;"
            "const s = window.atlas.state;"
            "return s.fromQuery(arguments[0], data, s.defaults(data));", link)
        assert ViewState(**parsed) == state_from_query(dataset, link), link
    assert_no_console_errors(dash_duo)


def test_count_classes_are_chosen_alike_in_the_browser_and_by_mapclassify(dash_duo, open_link):
    """Fisher-Jenks on tie-heavy integer data (the map's counts): the browser's port against mapclassify."""
    from components.core.view.encodings import MAX_CLASSES, count_breaks

    open_link()
    rng = random.Random(7)
    samples = [[rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 9, 12, 15, 23, 40]) * rng.choice([1, 1, 3, 100])
                for _ in range(rng.randrange(3, 97))] for _ in range(150)]
    browser = dash_duo.driver.execute_script(
        "return arguments[0].map(v => window.atlas.encodings.countBreaks(v, arguments[1]));", samples, MAX_CLASSES)
    for values, breaks in zip(samples, browser):
        assert breaks == count_breaks(values), values
    assert any(len(b) == MAX_CLASSES for b in browser)
    assert_no_console_errors(dash_duo)


def test_top_names_are_placed_alike_in_the_browser_and_by_labels_py(dash_duo, open_link):
    """The live map's placement (assets/atlas-labels.js) against the slides' (components/core/view/labels.py): the
    same anchors, names and frames give the same boxes, and the same names left out. The names are every
    region's, in every language; the widths (ems) are Python's, from the payload's rule."""
    from components.core.view import labels
    from components.core.data.region_names import region_names

    dataset = open_link()
    names = list(dataset.regions["name_en"]) + [n for lang in i18n.LANGUAGES for n in region_names(lang).values()]
    rng = random.Random(19)
    cases = []
    for _ in range(300):
        width, height = rng.uniform(200, 1600), rng.uniform(150, 1000)
        anchors = [labels.Anchor(rng.choice(names), rng.uniform(0, width), rng.uniform(0, height), rng.choice([0.0, 4.5, 5.0]))
                   for _ in range(rng.choice([1, 5, 10, 10, 20]))]
        cases.append((anchors, width, height, rng.choice([10, 12, 14])))
    browser = dash_duo.driver.execute_script(
        "const rules = window.atlas.data._ready.values().next().value.encodings.labelPlacement;"
        "return arguments[0].map(c => window.atlas.labels.place(c[0], c[1], c[2], c[3], rules));",
        [[[{"ems": labels.text_ems(a.text), "x": a.x, "y": a.y, "radius": a.radius} for a in anchors], width, height, font]
         for anchors, width, height, font in cases])
    left_out = 0
    for (anchors, width, height, font), boxes in zip(cases, browser):
        expected = labels.place_labels(anchors, width, height, font)
        assert [None if b is None else (b["left"], b["top"], b["right"], b["bottom"]) for b in boxes] == \
            [None if b is None else (b.left, b.top, b.right, b.bottom) for b in expected], [a.text for a in anchors]
        left_out += expected.count(None)
    assert left_out > 0, "some cases leave names out"
    assert_no_console_errors(dash_duo)


PLOTLY_FRAME_JS = """
const gd = document.querySelector('#map .js-plotly-plot'), subplot = gd._fullLayout.geo._subplot;
const frame = subplot.bgRect.node(), x0 = Number(frame.getAttribute('x')), y0 = Number(frame.getAttribute('y'));
return {plot: [gd._fullLayout._size.w, gd._fullLayout._size.h],
        ranges: {lon: gd.layout.geo.lonaxis.range, lat: gd.layout.geo.lataxis.range},
        frame: [Number(frame.getAttribute('width')), Number(frame.getAttribute('height'))],
        points: arguments[0].map(p => { const xy = subplot.projection(p); return [xy[0] - x0, xy[1] - y0]; })};
"""


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720), (390, 844)])
def test_the_frame_names_are_placed_in_is_the_frame_plotly_draws(dash_duo, open_link, size):
    """figures.FrameProjection (and its port, atlas.labels.frameProjection) model how plotly.js fits a frame's
    ranges into the plot: the frame's size and every point's place in it agree with what Plotly drew to half a
    pixel, at each zoom, so a name placed inside the frame (with its 2 px of padding) is drawn inside it. Not
    closer: d3 resamples the frame's arcs adaptively, so a crest too low to be sampled at the scale it fits at
    (Korea's, a third of a pixel) is counted only in the bounds it draws."""
    dash_duo.driver.set_window_size(*size)
    dataset = open_link()
    points = [(lon, lat) for lon, lat in figures.region_label_points(dataset).values()]
    for zoom in ZOOMS:
        go_to(dash_duo, f"?zoom={zoom}" if zoom != "all" else "")
        wait_for(lambda: dash_duo.driver.execute_script(
            "return document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range[0]") ==
            figures.ZOOM_RANGES[zoom]["lon"][0], message=f"the {zoom} frame")
        drawn = dash_duo.driver.execute_script(PLOTLY_FRAME_JS, points)
        projection = figures.FrameProjection(drawn["ranges"], *drawn["plot"])
        assert (projection.width, projection.height) == pytest.approx(drawn["frame"], abs=0.5), zoom
        inside = [(point, xy) for point, xy in zip(points, drawn["points"])
                  if 0 <= xy[0] <= drawn["frame"][0] and 0 <= xy[1] <= drawn["frame"][1]]
        assert len(inside) >= 15, zoom
        for point, xy in inside:
            assert projection.project(*point) == pytest.approx(xy, abs=0.5), (zoom, point)
        browser = dash_duo.driver.execute_script(
            "const r = arguments[0], p = window.atlas.labels.frameProjection(r, arguments[1][0], arguments[1][1], arguments[3]);"
            "return [p.width, p.height, arguments[2].map(q => p.project(q[0], q[1])), arguments[2].map(q => p.unproject(...p.project(q[0], q[1])))];",
            drawn["ranges"], drawn["plot"], points, figures.PLOTLY_CLIP_PAD)
        assert browser[:2] == pytest.approx([projection.width, projection.height], rel=1e-12)
        assert [tuple(xy) for xy in browser[2]] == [pytest.approx(projection.project(*p), rel=1e-9, abs=1e-9) for p in points]
        assert [tuple(q) for q in browser[3]] == [pytest.approx(p, abs=1e-9) for p in points]
    assert_no_console_errors(dash_duo)
