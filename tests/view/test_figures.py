"""The map figure Python draws (first paint, exports): traces, legend, hover text, dots."""

from __future__ import annotations

import datetime as dt

import pytest

from components.core.view import figures
from components.core.data.dataset import load_dataset
from components.core.view.neighbours_context import BOX
from components.core.view.dots import MARKER_SIZES, ZOOM_RANGES, _to_pixels, dot_layout, small_regions
from components.core.view.encodings import encode_view
from components.core.view.state import ViewState
from tests.conftest import SMALL_ROWS, write_csv


@pytest.fixture
def drawn(small):
    dots = dot_layout(small)
    points = figures.region_label_points(small)
    return lambda **changes: figures.map_figure(
        small, ViewState(start=small.month_labels[0], end=small.month_labels[-1]).replace(**changes), dots, points, "/geo/x")


def test_one_location_per_region_taiwan_and_neighbours_as_context_and_geometry_by_url(drawn, small):
    fig = drawn()
    assert list(fig.data[figures.TRACE_REGIONS].locations) == list(small.regions.index)
    assert fig.data[figures.TRACE_REGIONS].geojson == "/geo/x"
    context = fig.data[figures.TRACE_CONTEXT]
    assert context.hoverinfo == "skip"
    assert context.locations[0] == "TW" and {"ctx-PRK", "ctx-MNG", "ctx-RUS"} <= set(context.locations)
    assert not {"ctx-CHN", "ctx-KOR", "ctx-JPN", "ctx-TWN"} & set(context.locations), "the regions cover these"
    assert [f["properties"]["region_id"] for f in context.geojson["features"]] == list(context.locations)


def test_the_land_around_is_cut_to_the_map_frames_and_plotly_draws_no_world_layers(drawn):
    fig = drawn()
    west, south, east, north = BOX
    for frame in ZOOM_RANGES.values():
        assert west <= frame["lon"][0] and frame["lon"][1] <= east and south <= frame["lat"][0] and frame["lat"][1] <= north
    for feature in fig.data[figures.TRACE_CONTEXT].geojson["features"][1:]:
        rings = feature["geometry"]["coordinates"]
        points = [p for polygon in (rings if feature["geometry"]["type"] == "MultiPolygon" else [rings])
                  for ring in polygon for p in ring]
        assert all(west <= lon <= east and south <= lat <= north for lon, lat in points), feature["properties"]
    geo = fig.layout.geo
    assert not (geo.showland or geo.showcountries or geo.showocean or geo.showcoastlines or geo.showlakes)
    assert geo.bgcolor == figures.COLOR_SEA


def test_the_pages_map_leaves_its_legend_to_the_page(small):
    dots, points = dot_layout(small), figures.region_label_points(small)
    state = ViewState(start=small.month_labels[0], end=small.month_labels[-1])
    actions, view, encoding = encode_view(small, state)
    page = figures.build_figure(small, state, dots, points, actions, view, encoding, "/geo/x", legend=False)
    assert page.layout.showlegend is False and not [t for t in page.data if t.showlegend]
    with_legend = figures.map_figure(small, state, dots, points, "/geo/x")
    assert with_legend.layout.showlegend and len(with_legend.data) == len(page.data) + len(encoding.entries)


def test_legend_title_and_version_are_on_the_figure(drawn, small):
    fig = drawn(end="2022-12", countries=["CN"])
    assert fig.layout.title.text == "Actions to 2022-12"
    legend = [t for t in fig.data[figures.TRACE_LEGEND:figures.TRACE_LABELS]]
    assert [t.name for t in legend] == ["No action in the data by 2022-12", "Hidden by your filters", "1", "2"]
    assert "matching your filters" in legend[0].legendgrouptitle.text
    assert f"dataset v{small.version} · as of 2022-12" in fig.layout.annotations[0].text


def test_selected_region_is_outlined_on_its_shape_and_its_dot(drawn, small):
    fig = drawn(region="KR-11")
    ids = list(small.regions.index)
    widths = fig.data[figures.TRACE_REGIONS].marker.line.width
    assert widths[ids.index("KR-11")] == 3.0 and widths[ids.index("CN-SH")] < 3.0
    dots = fig.data[figures.TRACE_DOTS]
    assert dots.marker.line.width[list(dots.customdata).index("KR-11")] == 3.0


def test_hidden_regions_get_a_mark_and_a_hover_naming_the_filter(drawn, small):
    fig = drawn(countries=["KR"])
    marks = fig.data[figures.TRACE_MARKS]
    assert len(marks.lon) == 3                         # Shanghai, Jiangsu and Tokyo have actions, all hidden
    hover = dict(zip(small.regions.index, fig.data[figures.TRACE_REGIONS].text))
    assert "Hidden by your filters: country" in hover["CN-SH"]
    assert "No action in the data by" in hover["CN-GD"]


def test_plan_hover_names_the_plans_with_their_dates(drawn, small):
    hover = dict(zip(small.regions.index, drawn(metric="plan").data[figures.TRACE_REGIONS].text))
    assert "Own plan: Shanghai action plan for the new metaverse track (2022-07-08)" in hover["CN-SH"]
    assert "Plan in Wuxi, Binhu District: Binhu metaverse ecological industry development plan (2022-01-05)" in hover["CN-JS"]


@pytest.mark.parametrize("lang", ["en", "zh", "ko", "ja"])
def test_hover_titles_are_in_the_page_language_where_the_data_has_them(drawn, small, lang):
    """Issue 19: the hover gave the English title in every language. The original title when the page speaks the
    action's country's language; else the English title (as the panel), never a translation the data lacks."""
    from components.core import i18n
    with i18n.use(lang):
        hover = dict(zip(small.regions.index, drawn(metric="plan").data[figures.TRACE_REGIONS].text))
    shanghai, seoul = "上海市培育元宇宙新赛道行动方案", "메타버스 서울 추진 기본계획"
    assert (shanghai in hover["CN-SH"]) == (lang == "zh"), hover["CN-SH"]
    assert ("Shanghai action plan for the new metaverse track" in hover["CN-SH"]) == (lang != "zh"), hover["CN-SH"]
    assert ("元宇宙生态产业发展规划" in hover["CN-JS"]) == (lang == "zh"), hover["CN-JS"]
    assert "Wuxi, Binhu District" in hover["CN-JS"]  # the data has no locality names but the one written
    assert (seoul in hover["KR-11"]) == (lang == "ko"), hover["KR-11"]
    assert ("Metaverse Seoul Basic Plan" in hover["KR-11"]) == (lang != "ko"), hover["KR-11"]
    assert "Tokyo metaverse event" in hover["JP-13"]  # no original title in the data: the English one, in every language


def test_hover_text_is_escaped_exactly_once(tmp_path):
    row = ('kr-11-2022-01-quotes,2022-01-10,day,KR,provincial,KR-11,,Seoul,"Plan ""A"" & Seoul\'s <b>new</b> step",'
           ',strategy_plan,Plan.,News,https://example.org/q,reported,x')
    dataset = load_dataset(write_csv(tmp_path / "q.csv", SMALL_ROWS + [row]), today=dt.date(2024, 6, 30), version="t")
    fig = figures.map_figure(dataset, ViewState(), dot_layout(dataset), figures.region_label_points(dataset))
    seoul = dict(zip(dataset.regions.index, fig.data[figures.TRACE_REGIONS].text))["KR-11"]
    assert 'Latest: Plan "A" &amp; Seoul\'s &lt;b&gt;new&lt;/b&gt; step (2022-01-10)' in seoul
    assert "&quot;" not in seoul and "&#x27;" not in seoul


def test_small_regions_get_dots_that_do_not_overlap_at_any_zoom(small):
    for region in ("KR-11", "KR-26", "KR-28", "JP-13", "JP-27", "CN-HK", "CN-MO", "CN-SH", "CN-TJ"):
        assert region in small_regions(small.geojson).index
    layout = dot_layout(small)
    for zoom, frame in layout.positions.items():
        xy, _ = _to_pixels(frame["lon"], frame["lat"], ZOOM_RANGES[zoom])
        gaps = [((a - b) ** 2).sum() ** 0.5 for i, a in enumerate(xy) for b in xy[i + 1:]]
        assert min(gaps) >= MARKER_SIZES[zoom], zoom
    assert "KR-11" in [layout.region_ids[i] for i in layout.leaders["all"]]   # Seoul moved, so it has a leader line


def test_an_ended_programme_is_marked_on_the_map_and_named_in_the_hover(tmp_path):
    row = ('kr-11-2024-10-platform-closed,2024-10-16,day,KR,provincial,KR-11,,Seoul,Metaverse Seoul platform closed,,'
           'termination,Closed.,News,https://example.org/t,reported,platform')
    dataset = load_dataset(write_csv(tmp_path / "t.csv", SMALL_ROWS + [row]), today=dt.date(2024, 12, 31), version="t")
    dots, points = dot_layout(dataset), figures.region_label_points(dataset)
    before = figures.map_figure(dataset, ViewState(end="2024-09"), dots, points)
    after = figures.map_figure(dataset, ViewState(end="2024-12"), dots, points)
    assert len(before.data[figures.TRACE_ENDED].lon) == 0
    assert "Programme ended (termination) in view" not in [t.name for t in before.data[figures.TRACE_LEGEND:]]
    marks = after.data[figures.TRACE_ENDED]
    assert list(marks.text) == ["▼"] and marks.textposition == ("bottom center",)   # under Seoul's dot
    assert "Programme ended (termination) in view" in [t.name for t in after.data[figures.TRACE_LEGEND:]]
    seoul = dict(zip(dataset.regions.index, after.data[figures.TRACE_REGIONS].text))["KR-11"]
    assert "Ended: Metaverse Seoul platform closed (2024-10-16)" in seoul


def test_top_regions_are_named_on_the_map_by_the_maps_own_measure(drawn, small):
    assert list(drawn().data[figures.TRACE_LABELS].text) == []
    # Shanghai has two actions; Jiangsu, Tokyo and Seoul one each (ties go by region code: CN-JS first).
    labels = drawn(labels=5).data[figures.TRACE_LABELS]
    assert list(labels.text) == ["Shanghai", "Jiangsu", "Tokyo", "Seoul"]
    early = drawn(labels=5, end="2021-12").data[figures.TRACE_LABELS]
    assert list(early.text) == ["Shanghai", "Seoul"]
    first = drawn(labels=5, metric="first").data[figures.TRACE_LABELS]
    assert list(first.text) == ["Seoul", "Shanghai", "Jiangsu", "Tokyo"]      # by first action, earliest first
    dots = dot_layout(small)
    seoul = list(labels.text).index("Seoul")
    assert (labels.lon[seoul], labels.lat[seoul]) == (round(dots.positions["all"].at["KR-11", "lon"], 3),
                                                       round(dots.positions["all"].at["KR-11", "lat"], 3))


def test_the_overview_boundaries_keep_every_region_with_its_neighbours_and_fewer_vertices(small):
    import shapely
    from shapely.geometry import shape

    from components.core.view.display_geometry import overview_geojson
    full = small.geojson["features"]
    light = overview_geojson(small.geojson)["features"]
    assert [f["properties"] for f in light] == [f["properties"] for f in full]
    before = [shape(f["geometry"]) for f in full]
    after = [shape(f["geometry"]) for f in light]
    assert all(g.is_valid and not g.is_empty for g in after)
    assert sum(shapely.get_num_coordinates(g) for g in after) < 0.6 * sum(shapely.get_num_coordinates(g) for g in before)
    moved = sorted(old.hausdorff_distance(new) for old, new in zip(before, after))
    assert moved[len(moved) // 2] <= 0.06, "a typical region moves by at most a pixel at the wide frames (0.06° a pixel)"
    assert moved[-1] <= 0.35, "the worst (small islands off Zhejiang) by at most about 6 pixels there"
    shared = [(i, j) for i in range(len(before)) for j in range(i) if before[i].touches(before[j])]
    assert shared and all(after[i].intersects(after[j]) for i, j in shared), "neighbours still meet"
