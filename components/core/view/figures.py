"""The map figure of a view, built in Python: the first paint, exports and the reference.

Why here as well as in the browser: the browser redraws the map on every slider step from
the same definitions (``assets/atlas-map.js``), but the page's first paint, the PNG and
slide exports and the tests need the figure without a browser. Both build the same traces
in the same order; the parity test compares their values, classes and hover text.

In files (PNG, slides, the offline briefing) the legend is drawn by Plotly itself (one empty
trace per class); the page's live map shows the same entries in HTML over its corner, because
Plotly would lay its legend out again on every slider step. The title and the dataset version
sit on the figure, so a screenshot or an exported PNG carries them.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from components.core import i18n
from components.core.data import localities as places
from components.core.data.columns import ACTION_TYPES, Col, RegionCol
from components.core.data.dataset import CONTEXT_REGION_ID, Dataset
from components.core.data.region_names import region_names
from components.core.i18n import message
from components.core.view.display_geometry import OVERVIEW_ZOOMS
from components.core.view.dots import LAYOUT_WIDTH_PX, MARKER_SIZES, ZOOM_RANGES, DotLayout
from components.core.view.encodings import (
    COLOR_SELECTED,
    KIND_STYLES,
    SELECTED_WIDTH,
    MapEncoding,
    encode_view,
)
from components.core.view.labels import Anchor, Box, place_labels
from components.core.view.metrics import (
    HIDDEN,
    NEVER,
    QUIET,
    RegionView,
    ViewActions,
    readout_counts,
    region_view,
    top_regions,
    view_actions,
)
from components.core.view.neighbours_context import ID_PREFIX as NEIGHBOUR_PREFIX
from components.core.view.neighbours_context import neighbour_features
from components.core.view.state import ViewState

COLOR_CONTEXT = "#f0f0f0"
COLOR_LAND = "#fafafa"
COLOR_BORDER = "#e0e0e0"
COLOR_SEA = "#eef4f8"
DOT_EDGE = "#333333"
#: The cities layer's point outline: darker than the dots' so a point reads as a place, not a region.
CITY_EDGE = "#111111"
#: A diamond, so a city's point is not taken for a small region's (round) dot.
CITY_SYMBOL = "diamond"
LEADER_COLOR = "#555555"
HOVER_TITLE_MAX = 70
TRACE_CONTEXT, TRACE_REGIONS, TRACE_MARKS, TRACE_LEADERS, TRACE_DOTS, TRACE_ENDED, TRACE_LEGEND = range(7)
ENDED_MARK = "▼"
ENDED_COLOR = "#000000"
MARGIN = {"l": 0, "r": 0, "t": 36, "b": 0}
#: The top-N region names are the last trace (after the legend's), so they sit on top of everything.
TRACE_LABELS = -1
LABEL_FONT = {"size": 12, "color": "#111111", "weight": "bold",
              "shadow": "1px 1px 2px #ffffff, -1px -1px 2px #ffffff, 1px -1px 2px #ffffff, -1px 1px 2px #ffffff"}

#: Okabe–Ito and Tol colours, one per kind of action (termination black, as a stop; public_service Tol's brown,
#: added last in 2027.2 so the other kinds keep their colours).
TYPE_COLORS = dict(zip(ACTION_TYPES, [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442", "#882255",
    "#999999", "#44AA99", "#332288", "#117733", "#000000", "#661100",
], strict=True))


def hover_escape(text: str) -> str:
    """Plotly reads hover text as a little HTML: escape exactly the characters it decodes back."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_title(title: str) -> str:
    return title if len(title) <= HOVER_TITLE_MAX else title[: HOVER_TITLE_MAX - 1] + "…"


def shown_title(action) -> str:
    """An action's title in the page's language where the data has it (the original title when the page speaks the
    action's country's language), else its English title: the panel's rule (``i18n.title``)."""
    return i18n.title(action[Col.TITLE], action[Col.TITLE_ORIGINAL], action[Col.COUNTRY])


def display_names(dataset: Dataset) -> list[str]:
    """Every region's name in the current language (English where the table has none)."""
    names = region_names(i18n.current())
    return [names.get(r, name) for r, name in dataset.regions[RegionCol.NAME_EN].items()]


def action_date(action) -> str:
    """An action's date as precisely as known, written the current language's way."""
    return i18n.date(action[Col.DATE].strftime("%Y-%m-%d"), action[Col.DATE_PRECISION])


def hover_texts(dataset: Dataset, state: ViewState, view: RegionView, start: int, end: int) -> list[str]:
    """The hover text of every region, escaped once for Plotly."""
    actions, regions = dataset.actions, dataset.regions
    labels = [i18n.month(label) for label in dataset.month_labels]
    window = {"start": labels[start], "end": labels[end]}
    shown_names, local_names = display_names(dataset), regions[RegionCol.NAME_LOCAL].tolist()
    texts = []
    for r, region_id in enumerate(regions.index):
        heading = f"<b>{hover_escape(shown_names[r])}</b>"
        lines = [heading if shown_names[r] == local_names[r] else f"{heading} {hover_escape(local_names[r])}"]
        kind = view.kind[r]
        if state.metric == "window":
            lines.append(message("hover.window", n=i18n.number(int(view.in_window[r])), **window))
        else:
            lines.append(message("hover.cumulative", n=i18n.number(int(view.cumulative[r])), end=window["end"]))
        if state.metric == "first" and view.first_month[r] >= 0:
            lines.append(message("hover.first", month=labels[view.first_month[r]]))
        if state.metric == "plan":
            for row in view.plans[r]:
                action = actions.iloc[row]
                params = {"title": hover_escape(short_title(shown_title(action))), "date": action_date(action)}
                if action[Col.LEVEL] == "provincial":
                    lines.append(message("hover.own_plan", **params))
                else:
                    lines.append(message("hover.city_plan", locality=hover_escape(action[Col.LOCALITY]), **params))
        if view.ended[r] >= 0:
            action = actions.iloc[view.ended[r]]
            lines.append(message("hover.ended", title=hover_escape(short_title(shown_title(action))),
                                 date=action_date(action)))
        if view.latest[r] >= 0:
            action = actions.iloc[view.latest[r]]
            lines.append(message("hover.latest", title=hover_escape(short_title(shown_title(action))),
                                 date=action_date(action)))
        if kind == HIDDEN:
            names = i18n.join(message("filter." + f) for f in view.hidden_by[r])
            lines.append("<i>" + message("hover.hidden_by", filters=names) + "</i>")
        elif kind == QUIET:
            lines.append("<i>" + message("kind.quiet") + "</i>")
        elif kind == NEVER:
            lines.append("<i>" + message("kind.never", end=window["end"]) + "</i>")
        texts.append("<br>".join(lines))
    return texts


def stepped_colorscale(fills: list[str]) -> list[list]:
    """A colour scale where integer z = i is exactly ``fills[i]`` (with zmin -0.5, zmax n - 0.5)."""
    n = max(len(fills), 1)
    scale = []
    for i, fill in enumerate(fills):
        scale += [[i / n, fill], [(i + 1) / n, fill]]
    return scale or [[0, "#ffffff"], [1, "#ffffff"]]


def ended_points(view: RegionView, ids: list[str], dots: DotLayout, zoom: str, label_points: dict) -> dict:
    """Where the ended-programme mark goes: under a region's dot, or at the point inside its shape."""
    positions = dots.positions[zoom]
    points = {"lon": [], "lat": [], "textposition": []}
    for r, region in enumerate(ids):
        if view.ended[r] < 0:
            continue
        if region in positions.index:
            lon, lat, where = round(positions.at[region, "lon"], 3), round(positions.at[region, "lat"], 3), "bottom center"
        else:
            (lon, lat), where = label_points[region], "middle center"
        points["lon"].append(lon)
        points["lat"].append(lat)
        points["textposition"].append(where)
    return points


def city_layer(dataset: Dataset, state: ViewState, actions: ViewActions, encoding: MapEncoding) -> places.CityLayer:
    """The cities layer of a view (``cities=1``): a point per place with matching actions in the window,
    sized by that count (on the scale of the whole timeline), coloured by the map's classes."""
    table = dataset.localities
    if table is None or not table.ids:
        return places.CityLayer([], [], [], [], [])
    codes = dataset.codes
    matching = actions.matching
    counts = places.point_counts(table.of_action, len(table.ids), matching & actions.in_window)
    top = int(places.point_counts(table.of_action, len(table.ids), matching).max())
    upto = matching & actions.upto_end
    first = places.first_months(table, codes.month, upto)
    has_plan = places.point_counts(table.of_action, len(table.ids), upto & codes.plan) > 0
    shown = [i for i in range(len(table.ids)) if counts[i] > 0]
    if state.metric in ("cumulative", "window") and not encoding.breaks:
        shown = []
    classes = places.point_classes(state.metric, encoding.entries, encoding.breaks, [int(counts[i]) for i in shown],
                                   [first[i] for i in shown], [bool(has_plan[i]) for i in shown], dataset.month_labels)
    labels = [i18n.month(label) for label in dataset.month_labels]
    window = {"start": labels[actions.start], "end": labels[actions.end]}
    hover = []
    for i in shown:
        lines = [f"<b>{hover_escape(table.names[i])}</b>",
                 message("hover.window", n=i18n.number(int(counts[i])), **window),
                 message("hover.city_as", localities=hover_escape(message("format.note_separator").join(table.localities[i])))]
        if table.fallback[i]:
            lines.append("<i>" + message("hover.city_fallback", localities=hover_escape(
                message("format.note_separator").join(table.fallback[i]))) + "</i>")
        hover.append("<br>".join(lines))
    return places.CityLayer(places=shown, counts=[int(counts[i]) for i in shown],
                            sizes=places.scaled_sizes([int(counts[i]) for i in shown], top, state.zoom),
                            colours=[encoding.entries[c].style.fill for c in classes], hover=hover)


def city_traces(dataset: Dataset, layer: places.CityLayer, dots: DotLayout, zoom: str) -> list[go.Scattergeo]:
    """The cities layer's points, in two traces: those clear of the small regions' dots, which take hover and
    clicks only inside their own radius (the layout's ``hoverdistance`` is 1), so the regions around them keep
    theirs; and those that would overlap a dot (``localities.under_dots``), drawn under it with no hover or
    click, so the dot keeps every click meant for its region."""
    table = dataset.localities
    under = set(places.under_dots(table, dots, MARKER_SIZES, ZOOM_RANGES, LAYOUT_WIDTH_PX)[zoom])
    traces = []
    for name, keep in (("cities under dots", lambda p: p in under), ("cities", lambda p: p not in under)):
        chosen = [k for k, p in enumerate(layer.places) if keep(p)]
        shown = [layer.places[k] for k in chosen]
        extra = (dict(hoverinfo="skip") if name == "cities under dots" else
                 dict(text=[layer.hover[k] for k in chosen], hovertemplate="%{text}<extra></extra>",
                      customdata=[[table.region[i], table.ids[i]] for i in shown]))
        traces.append(go.Scattergeo(
            lon=[round(table.lon[i], 3) for i in shown], lat=[round(table.lat[i], 3) for i in shown],
            mode="markers", name=name, showlegend=False, **extra,
            marker=dict(size=[layer.sizes[k] for k in chosen], color=[layer.colours[k] for k in chosen],
                        symbol=CITY_SYMBOL, opacity=0.95, line=dict(color=CITY_EDGE, width=1.2)),
        ))
    return traces


def city_legend_trace() -> go.Scattergeo:
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=message("legend.cities"), showlegend=True,
                         hoverinfo="skip", legendgroup="marks",
                         marker=dict(symbol=CITY_SYMBOL, size=9, color="#ffffff", line=dict(color=CITY_EDGE, width=1.2)))


def legend_traces(encoding: MapEncoding, any_ended: bool) -> list[go.Scattergeo]:
    traces = []
    for entry in encoding.entries:
        style = entry.style
        symbol = "square-x" if style.mark else "square"
        edge = style.line if style.line != "#ffffff" else "#bdbdbd"
        traces.append(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", name=entry.label, showlegend=True, hoverinfo="skip",
            legendgroup="classes", legendgrouptitle_text=encoding.legend_title if not traces else None,
            marker=dict(symbol=symbol, size=13, color=style.fill, line=dict(color=edge, width=max(style.width, 1))),
        ))
    if any_ended:
        traces.append(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", name=message("legend.ended"), showlegend=True, hoverinfo="skip",
            legendgroup="marks", marker=dict(symbol="triangle-down", size=10, color=ENDED_COLOR),
        ))
    return traces


def label_anchors(dataset: Dataset, state: ViewState, view: RegionView, dots: DotLayout, label_points: dict,
                  zoom: str) -> list[tuple[str, float, float, str, bool]]:
    """The top-N regions' names and points: (name, lon, lat, Plotly's position beside the point, on a dot)."""
    ids = list(dataset.regions.index)
    names = display_names(dataset)
    dot_positions = dots.positions[zoom]
    out = []
    for r in top_regions(view, state.metric, state.labels):
        region = ids[r]
        on_dot = region in dot_positions.index
        point = (dot_positions.at[region, "lon"], dot_positions.at[region, "lat"]) if on_dot else label_points[region]
        lon, lat = round(float(point[0]), 3), round(float(point[1]), 3)
        if on_dot:
            shift = lon - round(float(dots.anchors.at[region, "lon"]), 3)
            position = "middle left" if shift < 0 else "middle right" if shift > 0 else "top center"
        else:
            position = "middle center"
        out.append((names[r], lon, lat, position, on_dot))
    return out


def label_trace(dataset: Dataset, state: ViewState, view: RegionView, dots: DotLayout, label_points: dict,
                zoom: str) -> go.Scattergeo:
    """The names of the top-N regions: inside the shape, or by a region's dot (on the side it moved to, else above)."""
    anchors = label_anchors(dataset, state, view, dots, label_points, zoom)
    return go.Scattergeo(lon=[a[1] for a in anchors], lat=[a[2] for a in anchors], text=[a[0] for a in anchors],
                         mode="text", textposition=[a[3] for a in anchors], textfont=LABEL_FONT,
                         hoverinfo="skip", name="labels", showlegend=False)


#: plotly.js insets the ranges by this much (degrees) before it fits them (geo's ``constants.clipPad``).
PLOTLY_CLIP_PAD = 1e-3


class FrameProjection:
    """Mercator from a frame's ranges onto the box plotly.js draws it in, as plotly.js (4.x, geo) fits it.

    The frame (its ``bgRect``, ``width`` x ``height`` px) is the ranges inset by ``PLOTLY_CLIP_PAD``, with
    their top and bottom edges drawn as four great-circle arcs each (so an edge away from the equator
    bulges poleward and the frame is that much taller than the ranges), scaled to fit the plot area.
    The map inside it is then centred on the ranges' middle longitude and middle *latitude*: the middle
    latitude sits at the frame's half height, which in Mercator is not the middle of the ranges, so the
    frame shows a little less at the top and a little more at the bottom than asked for. Points are
    placed as Plotly draws them, from the frame's top left corner. ``atlas.labels.frameProjection`` is its port."""

    def __init__(self, frame: dict, plot_width: float, plot_height: float):
        (lon0, lon1), (lat0, lat1) = frame["lon"], frame["lat"]
        self.lon_mid, self.y_mid = (lon0 + lon1) / 2, self._y((lat0 + lat1) / 2)
        lon0, lon1, lat0, lat1 = lon0 + PLOTLY_CLIP_PAD, lon1 - PLOTLY_CLIP_PAD, lat0 + PLOTLY_CLIP_PAD, lat1 - PLOTLY_CLIP_PAD
        half_arc = math.cos(math.radians(lon1 - lon0) / 8)
        top = lat1 if lat1 <= 0 else math.degrees(math.atan(math.tan(math.radians(lat1)) / half_arc))
        bottom = lat0 if lat0 >= 0 else math.degrees(math.atan(math.tan(math.radians(lat0)) / half_arc))
        span_x, span_y = math.radians(lon1 - lon0), self._y(top) - self._y(bottom)
        self.scale = min(plot_width / span_x, plot_height / span_y)
        self.width, self.height = span_x * self.scale, span_y * self.scale

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.width / 2 + math.radians(lon - self.lon_mid) * self.scale,
                self.height / 2 - (self._y(lat) - self.y_mid) * self.scale)

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        lat = math.degrees(2 * math.atan(math.exp(self.y_mid + (self.height / 2 - y) / self.scale)) - math.pi / 2)
        return self.lon_mid + math.degrees((x - self.width / 2) / self.scale), lat


def label_boxes(dataset: Dataset, state: ViewState, view: RegionView, dots: DotLayout, label_points: dict,
                zoom: str, projection: FrameProjection) -> list[tuple[str, Box | None]]:
    """Each top-N name whose point is in the frame, with its place (``labels.place_labels``) or None: no room.
    A name whose point lies outside the frame is not on this map, so it is not asked for."""
    radius = MARKER_SIZES[zoom] / 2
    anchors = [Anchor(name, *projection.project(lon, lat), radius if on_dot else 0.0)
               for name, lon, lat, _, on_dot in label_anchors(dataset, state, view, dots, label_points, zoom)]
    shown = [a for a in anchors if 0 <= a.x <= projection.width and 0 <= a.y <= projection.height]
    return list(zip([a.text for a in shown], place_labels(shown, projection.width, projection.height, LABEL_FONT["size"])))


def placed_label_trace(dataset: Dataset, state: ViewState, view: RegionView, dots: DotLayout, label_points: dict,
                       zoom: str, projection: FrameProjection) -> tuple[go.Scattergeo, int]:
    """The top-N names placed in the frame (``label_boxes``): none over another, none cut at the edge.
    Returns the trace and how many names were left out for want of room."""
    boxes = label_boxes(dataset, state, view, dots, label_points, zoom, projection)
    lon, lat, text = [], [], []
    for name, box in boxes:
        if box is not None:
            point = projection.unproject(*box.centre)
            lon.append(round(point[0], 4))
            lat.append(round(point[1], 4))
            text.append(name)
    trace = go.Scattergeo(lon=lon, lat=lat, text=text, mode="text", textposition="middle center", textfont=LABEL_FONT,
                          hoverinfo="skip", name="labels", showlegend=False)
    return trace, len(boxes) - len(text)


def omitted_labels_trace(n: int) -> go.Scattergeo:
    """A legend line (no mark) saying that ``n`` of the names asked for had no room on the map."""
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", marker=dict(size=1, opacity=0), hoverinfo="skip",
                         name=message("legend.labels_omitted", n=n), showlegend=True, legendgroup="notes")


def fit_frame(frame: dict, aspect: float) -> dict:
    """The frame's ranges widened (never narrowed) about their centre until, in Mercator, the frame is
    ``aspect`` times as wide as it is tall: the map then fills a box of that shape (a slide's picture,
    a presentation's screen) instead of standing in a column of it. ``atlas.map.fitFrame`` is its port."""
    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    (lon0, lon1), (lat0, lat1) = frame["lon"], frame["lat"]
    width, height = math.radians(lon1 - lon0), y(lat1) - y(lat0)
    if width < aspect * height:
        half, mid = math.degrees(aspect * height) / 2, (lon0 + lon1) / 2
        return {"lon": [round(mid - half, 3), round(mid + half, 3)], "lat": list(frame["lat"])}
    half, mid = width / aspect / 2, (y(lat0) + y(lat1)) / 2
    lat = [math.degrees(2 * math.atan(math.exp(v)) - math.pi / 2) for v in (mid - half, mid + half)]
    return {"lon": list(frame["lon"]), "lat": [round(lat[0], 3), round(lat[1], 3)]}


def region_label_points(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """A point inside each region's largest part (for the hidden-region mark)."""
    import shapely.geometry

    points = {}
    for feature in dataset.geojson["features"]:
        props = feature["properties"]
        if props[RegionCol.COUNTRY] == CONTEXT_REGION_ID:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        largest = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
        point = largest.representative_point()
        points[props[RegionCol.REGION_ID]] = (round(point.x, 3), round(point.y, 3))
    return points


def map_figure(dataset: Dataset, state: ViewState, dots: DotLayout, label_points: dict,
               geojson_url: str | None = None, size: tuple[int, int] | None = None,
               plot: tuple[float, float] | None = None) -> go.Figure:
    """The complete map of a view (``geojson_url`` names the boundary file instead of embedding it).
    ``size``: the picture's width and height in px, for a file: the frame takes its shape (``fit_frame``) and
    the top-N names are placed in it (``placed_label_trace``). ``plot``: instead, the px box a caller draws the
    geo subplot in (its own margins and domain): the names are placed in it, the frame kept. A view with
    ``compare`` is two maps (``compare_figure``), so slides and every other file of such a view show both moments."""
    if state.compare:
        return compare_figure(dataset, state, dots, label_points, geojson_url, size=size, changes=state.changes)
    actions, view, encoding = encode_view(dataset, state)
    return build_figure(dataset, state, dots, label_points, actions, view, encoding, geojson_url, size=size, plot=plot)


def context_geojson(dataset: Dataset) -> dict:
    """Taiwan's context shape from the boundary file, and the neighbouring countries (neighbours_context)."""
    taiwan = [f for f in dataset.geojson["features"] if f["properties"][RegionCol.COUNTRY] == CONTEXT_REGION_ID]
    return {"type": "FeatureCollection", "features": taiwan + list(neighbour_features())}


def build_figure(dataset: Dataset, state: ViewState, dots: DotLayout, label_points: dict, actions: ViewActions,
                 view: RegionView, encoding: MapEncoding, geojson_url: str | None, legend: bool = True,
                 overview_url: str | None = None, size: tuple[int, int] | None = None,
                 plot: tuple[float, float] | None = None) -> go.Figure:
    """``legend``: Plotly's legend on the figure (files); the page's map has it in HTML (``assets/atlas-map.js``).
    ``overview_url``: the lighter boundaries (display_geometry) drawn at the wide frames; both URLs and those
    frames ride in ``layout.meta.geometry``, so the browser picks the same one for each frame."""
    ids = list(dataset.regions.index)
    fills = [entry.style.fill for entry in encoding.entries]
    styles = [encoding.entries[c].style for c in encoding.category]
    selected = [r == state.region for r in ids]
    hover = hover_texts(dataset, state, view, actions.start, actions.end)
    zoom = state.zoom if state.zoom in ZOOM_RANGES else "all"
    geojson = (overview_url if overview_url and zoom in OVERVIEW_ZOOMS else geojson_url) or dataset.geojson
    context = context_geojson(dataset)
    context_ids = [f["properties"][RegionCol.REGION_ID] for f in context["features"]]
    index = {r: i for i, r in enumerate(ids)}
    dot_ids = dots.region_ids
    dot_positions = dots.positions[zoom]
    leader_lon, leader_lat = [], []
    for i in dots.leaders[zoom]:
        region = dot_ids[i]
        leader_lon += [round(dots.anchors.at[region, "lon"], 3), round(dot_positions.at[region, "lon"], 3), None]
        leader_lat += [round(dots.anchors.at[region, "lat"], 3), round(dot_positions.at[region, "lat"], 3), None]
    hidden = [r for r, kind in zip(ids, view.kind) if kind == HIDDEN]

    fig = go.Figure()
    neighbour = [r.startswith(NEIGHBOUR_PREFIX) for r in context_ids]
    fig.add_trace(go.Choropleth(
        locations=context_ids, z=[int(n) for n in neighbour], geojson=context, featureidkey="properties.region_id",
        zmin=-0.5, zmax=1.5, colorscale=stepped_colorscale([COLOR_CONTEXT, COLOR_LAND]), showscale=False,
        hoverinfo="skip", name="context", showlegend=False,
        marker=dict(line=dict(color=[COLOR_BORDER if n else "#c8c8c8" for n in neighbour], width=0.5)),
    ))
    fig.add_trace(go.Choropleth(
        locations=ids, z=encoding.category, customdata=ids, geojson=geojson, featureidkey="properties.region_id",
        zmin=-0.5, zmax=len(fills) - 0.5, colorscale=stepped_colorscale(fills), showscale=False,
        marker=dict(line=dict(color=[COLOR_SELECTED if s else st.line for s, st in zip(selected, styles)],
                              width=[SELECTED_WIDTH if s else st.width for s, st in zip(selected, styles)])),
        text=hover, hovertemplate="%{text}<extra></extra>", name="regions", showlegend=False,
    ))
    fig.add_trace(go.Scattergeo(
        lon=[label_points[r][0] for r in hidden], lat=[label_points[r][1] for r in hidden], mode="markers",
        marker=dict(symbol="x-thin", size=7, line=dict(color=KIND_STYLES[HIDDEN].line, width=1.5)),
        hoverinfo="skip", name="hidden", showlegend=False,
    ))
    fig.add_trace(go.Scattergeo(
        lon=leader_lon, lat=leader_lat, mode="lines", line=dict(color=LEADER_COLOR, width=0.8),
        hoverinfo="skip", name="leaders", showlegend=False,
    ))
    dot_styles = [styles[index[r]] for r in dot_ids]
    fig.add_trace(go.Scattergeo(
        lon=dot_positions["lon"].round(3).tolist(), lat=dot_positions["lat"].round(3).tolist(),
        customdata=dot_ids, mode="markers", name="small regions", showlegend=False,
        marker=dict(size=MARKER_SIZES[zoom], color=[s.fill for s in dot_styles],
                    symbol=["circle-x" if s.mark else "circle" for s in dot_styles],
                    line=dict(color=[COLOR_SELECTED if r == state.region else DOT_EDGE for r in dot_ids],
                              width=[SELECTED_WIDTH if r == state.region else 1.0 for r in dot_ids])),
        text=[hover[index[r]] for r in dot_ids], hovertemplate="%{text}<extra></extra>",
    ))
    ended = ended_points(view, ids, dots, zoom, label_points)
    fig.add_trace(go.Scattergeo(
        lon=ended["lon"], lat=ended["lat"], mode="text", text=[ENDED_MARK] * len(ended["lon"]),
        textposition=ended["textposition"], textfont=dict(color=ENDED_COLOR, size=11),
        hoverinfo="skip", name="ended", showlegend=False,
    ))
    for trace in legend_traces(encoding, bool(ended["lon"])) if legend else []:
        fig.add_trace(trace)
    if state.cities:  # after the legend's traces, under the names: layers off, the figure is as before
        if legend:
            fig.add_trace(city_legend_trace())
        for trace in city_traces(dataset, city_layer(dataset, state, actions, encoding), dots, zoom):
            fig.add_trace(trace)
    frame = ZOOM_RANGES[zoom]
    if size is None and plot is None:
        fig.add_trace(label_trace(dataset, state, view, dots, label_points, zoom))
    else:
        if size is not None:
            plot = size[0] - MARGIN["l"] - MARGIN["r"], size[1] - MARGIN["t"] - MARGIN["b"]
            frame = fit_frame(frame, plot[0] / plot[1])
        labels, omitted = placed_label_trace(dataset, state, view, dots, label_points, zoom, FrameProjection(frame, *plot))
        if omitted and legend:
            fig.add_trace(omitted_labels_trace(omitted))
        fig.add_trace(labels)

    labels = dataset.month_labels
    fig.update_geos(  # the land around is the context trace's (neighbours_context says why), the sea the background
        visible=False, projection_type="mercator", showland=False, showcountries=False, showcoastlines=False,
        showocean=False, showlakes=False, lonaxis_range=frame["lon"], lataxis_range=frame["lat"], bgcolor=COLOR_SEA,
    )
    fig.update_layout(
        title=dict(text=encoding.title, x=0.01, y=0.98, xanchor="left", yanchor="top", font=dict(size=16)),
        margin=MARGIN, dragmode=False, clickmode="event", uirevision="map",
        paper_bgcolor="rgba(0,0,0,0)", hoverdistance=1, showlegend=legend,
        meta={"query": state.to_query(ViewState(start=labels[0], end=dataset.collected_to)), "end": labels[actions.end],
              **({"geometry": {"overview": overview_url, "detail": geojson_url, "overview_zooms": sorted(OVERVIEW_ZOOMS)}}
                 if overview_url else {})},
        legend=dict(x=0.99, y=0.05, xanchor="right", yanchor="bottom", bgcolor="rgba(255,255,255,0.85)",
                    bordercolor="#cccccc", borderwidth=1, font=dict(size=11), itemclick=False, itemdoubleclick=False,
                    groupclick="toggleitem"),
        annotations=[dict(
            text=message("footer.map", version=dataset.version, end=i18n.month(labels[actions.end])),
            x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
            font=dict(size=10, color="#555555"), bgcolor="rgba(255,255,255,0.7)",
        )],
    )
    return fig


def readout_lines(dataset: Dataset, state: ViewState, rows: list[dict], start: int, end: int) -> list[str]:
    """The sentence per country under the map (and read out to screen readers)."""
    labels = [i18n.month(label) for label in dataset.month_labels]
    lines = []
    for row in rows:
        params = {"country": i18n.label("countries", row["country"]), "total": row["total"], "unit": message("unit." + row["country"]),
                  "start": labels[start], "end": labels[end]}
        if state.metric == "plan":
            text = message("readout.plan", own=row["own_plan"], city=row["city_plan"], **params)
        elif state.metric == "window":
            text = message("readout.window", acted=row["acted"], **params)
        else:
            text = message("readout.acted", acted=row["acted"], **params)
        if row["hidden"]:
            text += message("readout.hidden", hidden=row["hidden"])
        lines.append(text)
    return lines



# --- Two moments side by side (compare=YYYY-MM) ---------------------------------------------------------------

#: The two maps' places in the figure: side by side on a wide picture, stacked on a phone's tall one.
COMPARE_DOMAINS = {
    "wide": ({"x": [0.0, 0.495], "y": [0.0, 0.93]}, {"x": [0.505, 1.0], "y": [0.0, 0.93]}),
    "tall": ({"x": [0.0, 1.0], "y": [0.5, 0.93]}, {"x": [0.0, 1.0], "y": [0.0, 0.45]}),
}
NEW_MARK = "✚"
NEW_COLOR = "#000000"
#: "Only what is new": regions that had acted by the earlier month step back to this grey.
BEFORE_FILL = "#bdbdbd"


def compare_states(dataset: Dataset, state: ViewState) -> tuple[ViewState, ViewState]:
    """The two moments: the window ended at ``compare`` (its start no later than that) and the window itself.
    Both keep the fixed classes (``rescale`` is off): one legend must read both maps."""
    after = state.replace(rescale=False, compare=None, changes=False)
    start, end = after.month_range(dataset.month_labels)
    labels = dataset.month_labels
    month = labels.index(state.compare) if state.compare in labels else end
    month = min(month, end)
    before = after.replace(start=labels[min(start, month)], end=labels[month], compare=None)
    return before, after.replace(compare=None)


def compare_counts(dataset: Dataset, state: ViewState) -> list[dict]:
    """Per country in view: regions that have acted (or, for the plan measure, have their own plan) by each
    moment, counted as the readout counts them (the reference for the compare readout)."""
    before, after = compare_states(dataset, state)
    measure = "plan" if state.metric == "plan" else "cumulative"
    rows_before = readout_rows(dataset, before.replace(metric=measure))
    rows_after = readout_rows(dataset, after.replace(metric=measure))
    key = "own_plan" if measure == "plan" else "acted"
    return [{"country": b["country"], "total": b["total"], "before": b[key], "after": a[key]}
            for b, a in zip(rows_before, rows_after)]


def readout_rows(dataset: Dataset, state: ViewState) -> list[dict]:
    return readout_counts(dataset, state, region_view(dataset, state, view_actions(dataset, state)))


def compare_readout_lines(dataset: Dataset, state: ViewState) -> list[str]:
    """"China: 9 → 24 of 33 provinces have acted (2023-06 → 2026-02)", one line per country in view."""
    before, after = compare_states(dataset, state)
    key = "readout.compare_plan" if state.metric == "plan" else "readout.compare"
    months = {"before": i18n.month(before.end), "after": i18n.month(after.end or dataset.collected_to)}
    return [message(key, country=i18n.label("countries", row["country"]), before_n=row["before"],
                    after_n=row["after"], total=row["total"], unit=message("unit." + row["country"]), **months)
            for row in compare_counts(dataset, state)]


def newly_acted(dataset: Dataset, state: ViewState) -> list[str]:
    """Regions that acted (under the filters) by the window's end but not by the earlier month."""
    before, after = compare_states(dataset, state)
    rows = {}
    for name, moment in (("before", before), ("after", after)):
        cumulative = moment.replace(metric="cumulative")
        view = region_view(dataset, cumulative, view_actions(dataset, cumulative))
        rows[name] = view.cumulative > 0
    return [r for r, b, a in zip(dataset.regions.index, rows["before"], rows["after"]) if a and not b]


def compare_figure(dataset: Dataset, state: ViewState, dots: DotLayout, label_points: dict,
                   geojson_url: str | None = None, size: tuple[int, int] | None = None, tall: bool = False,
                   changes: bool = False) -> go.Figure:
    """Two maps of one view: by the earlier month (left, or top when ``tall``) and by the window's end, with
    the same fixed classes and one legend; regions new since the earlier month carry a ✚ on the second map.
    ``changes``: the second map shows only what is new (the rest that had acted in grey)."""
    before, after = compare_states(dataset, state)
    new = set(newly_acted(dataset, state))
    first = map_figure(dataset, before.replace(labels=0, cities=False), dots, label_points, geojson_url)
    second = map_figure(dataset, after.replace(labels=0, cities=False), dots, label_points, geojson_url,
                        size=None)
    fig = go.Figure()
    keep = {"context", "regions", "hidden", "leaders", "small regions", "ended"}
    for geo, source in (("geo", first), ("geo2", second)):
        for trace in source.data:
            if trace.name in keep:
                trace = go.Figure(trace).data[0]
                trace.update(geo=geo)
                if changes and geo == "geo2" and trace.name in ("regions", "small regions"):
                    _changes_only(trace, dataset, before, new)
                fig.add_trace(trace)
    ids = list(dataset.regions.index)
    positions = dots.positions[after.zoom if after.zoom in ZOOM_RANGES else "all"]
    marks = [(positions.at[r, "lon"], positions.at[r, "lat"]) if r in positions.index else label_points[r]
             for r in ids if r in new]
    fig.add_trace(go.Scattergeo(
        lon=[round(float(p[0]), 3) for p in marks], lat=[round(float(p[1]), 3) for p in marks], mode="text",
        text=[NEW_MARK] * len(marks), textfont=dict(color=NEW_COLOR, size=12), hoverinfo="skip", name="new",
        showlegend=False, geo="geo2"))
    for trace in legend_traces(encode_view(dataset, after)[2], False):
        fig.add_trace(trace)
    fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", showlegend=True, hoverinfo="skip",
                                legendgroup="marks", marker=dict(symbol="cross", size=10, color=NEW_COLOR),
                                name=message("legend.new", before=i18n.month(before.end))))  # a text trace's key is "Aa"
    if changes:
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", showlegend=True, hoverinfo="skip",
                                    legendgroup="marks", marker=dict(symbol="square", size=13, color=BEFORE_FILL),
                                    name=message("legend.before", before=i18n.month(before.end))))
    zoom = after.zoom if after.zoom in ZOOM_RANGES else "all"
    frame = ZOOM_RANGES[zoom]
    domains = COMPARE_DOMAINS["tall" if tall else "wide"]
    if size is not None:
        width, height = size[0] - MARGIN["l"] - MARGIN["r"], size[1] - MARGIN["t"] - MARGIN["b"]
        box = domains[0]
        frame = fit_frame(frame, (box["x"][1] - box["x"][0]) * width / ((box["y"][1] - box["y"][0]) * height))
    geo = dict(visible=False, projection_type="mercator", showland=False, showcountries=False, showcoastlines=False,
               showocean=False, showlakes=False, lonaxis_range=frame["lon"], lataxis_range=frame["lat"],
               bgcolor=COLOR_SEA)
    fig.update_layout(geo=dict(geo, domain=domains[0]), geo2=dict(geo, domain=domains[1]))
    months = {"before": i18n.month(before.end), "after": i18n.month(after.end)}
    titles = [dict(text="<b>" + message("compare.map_title", month=months[k]) + "</b>", x=sum(d["x"]) / 2,
                   y=d["y"][1], xref="paper", yref="paper", xanchor="center", yanchor="bottom", showarrow=False,
                   font=dict(size=13))
              for k, d in zip(("before", "after"), domains)]
    fig.update_layout(
        title=dict(text=message("compare.title", **months), x=0.01, y=0.98, xanchor="left", yanchor="top",
                   font=dict(size=16)),
        margin=MARGIN, dragmode=False, clickmode="event", uirevision="map", paper_bgcolor="rgba(0,0,0,0)",
        hoverdistance=1, showlegend=True,
        meta={"query": second.layout.meta["query"], "end": second.layout.meta["end"], "compare": months["before"]},
        legend=second.layout.legend,
        annotations=titles + [second.layout.annotations[0]],
    )
    return fig


def _changes_only(trace, dataset: Dataset, before: ViewState, new: set[str]) -> None:
    """Recolour the second map's regions (or dots): those new since ``before`` keep their class, the ones that
    had acted by then turn grey, so what is new stands out."""
    before_view = region_view(dataset, before.replace(metric="cumulative"),
                              view_actions(dataset, before.replace(metric="cumulative")))
    had = {r for r, n in zip(dataset.regions.index, before_view.cumulative) if n > 0}
    if trace.name == "regions":
        ids = list(trace.locations)
        fills = [c[1] for c in trace.colorscale[::2]]
        fills.append(BEFORE_FILL)
        grey = len(fills) - 1
        trace.update(z=[grey if r in had else z for r, z in zip(ids, trace.z)], zmax=len(fills) - 0.5,
                     colorscale=stepped_colorscale(fills))
    else:
        trace.marker.color = [BEFORE_FILL if r in had else c for r, c in zip(trace.customdata, trace.marker.color)]
