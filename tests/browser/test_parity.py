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
for (const name of ['countries', 'levels', 'types', 'verification', 'novelty']) {
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
  labelPosition: gd.data[gd.data.length - 1].textposition,
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


def expected_page(dataset, state: ViewState) -> dict:
    dots, label_points = dot_layout(dataset), figures.region_label_points(dataset)
    actions, view, encoding = encode_view(dataset, state)
    hover = figures.hover_texts(dataset, state, view, actions.start, actions.end)
    counts = facet_counts(dataset, state, actions)
    rows = table_actions(dataset, state)
    ended = [r for r, row in zip(dataset.regions.index, view.ended) if row >= 0]
    points = figures.ended_points(view, list(dataset.regions.index), dots, state.zoom, label_points)
    labels = figures.label_trace(dataset, state, view, dots, label_points, state.zoom)
    return {
        "labels": list(labels.text), "labelLon": list(labels.lon), "labelPosition": list(labels.textposition),
        "z": encoding.category, "hover": hover,
        "legend": [e.label for e in encoding.entries] + ([message("legend.ended")] if ended else []),
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
    seen_metrics, seen_kinds = set(), set()
    for number in range(VIEWS):
        state = random_view(rng, dataset)
        link = state.to_query(defaults)
        go_to(dash_duo, link)
        wait_for(lambda: map_meta(dash_duo)["query"] == link, message=f"view {number} ({link or 'default'}) on the map")
        wait_for(lambda: dash_duo.driver.execute_script(
            "return document.querySelector('#table-count').textContent") == expected_page(dataset, state)["tableCount"],
            message=f"view {number}: table count")
        page = dash_duo.driver.execute_script(READ_PAGE_JS)
        expected = {**expected_page(dataset, state), **expected_panel(dataset, state)}
        page["tableRows"] = sorted(page["tableRows"])
        for key, value in expected.items():
            assert page[key] == value, f"view {number} ({link}): {key} differs"
        hover_by_region = dict(zip(dataset.regions.index, expected["hover"]))
        assert page["dotHover"] == [hover_by_region[r] for r in page["dots"]]
        if state.region:
            n = len(table_actions(dataset, state))
            assert page["panelCount"].startswith(f"{n} action(s) in view"), f"view {number}: panel count"
        seen_metrics.add(state.metric)
        seen_kinds.update(page["legend"])
    assert seen_metrics == set(METRICS)
    assert any(label.startswith("Hidden") for label in seen_kinds)
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
