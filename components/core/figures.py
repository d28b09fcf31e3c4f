"""Figure builders: the base map (geometry, built once) and the per-view colour update.

Why split: the GeoJSON is the heavy part of the map and never changes, so
``base_map_figure`` is built once per app and sent with the page; ``map_update``
returns only the arrays that depend on the view (values, colours, hover text, outline,
zoom), which a callback applies as a ``dash.Patch``. Both are pure: DataFrames and
arrays in, plain values or ``go.Figure`` out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely.geometry
from plotly.colors import get_colorscale, sample_colorscale

from components.core.columns import ACTION_TYPES, Col, RegionCol
from components.core.dataset import CONTEXT_REGION_ID, Dataset
from components.core.metrics import ACTIVE, NEVER, QUIET, STATE_LABELS, RegionValues

# Colour-blind-safe: a sequential scale from cividis-like blues to yellow for values, two
# neutral greys that differ in lightness for the two "nothing" states.
COLOR_NEVER = "#d9d9d9"
COLOR_QUIET = "#9fb3c8"
COLOR_CONTEXT = "#f0f0f0"
COLOR_EDGE = "#ffffff"
COLOR_SELECTED = "#d62728"
SEQUENTIAL = "Viridis_r"          # more actions = darker
SEQUENTIAL_EARLY_DARK = "Viridis"  # earlier adoption = darker
COLOR_PLAN = "#d95f02"
BINARY = [[0.0, COLOR_PLAN], [1.0, COLOR_PLAN]]

# Trace order in the map figure (the Patch addresses traces by position).
TRACE_CONTEXT, TRACE_STATE, TRACE_VALUE, TRACE_MARKERS = 0, 1, 2, 3

# Regions too small to click at the three-country zoom get a marker at their centre:
# city-regions (Seoul, Tokyo, Shanghai, Hong Kong, ...) and any other tiny region.
CITY_REGION_TYPES = {
    "municipality", "special administrative region", "metropolis", "urban prefecture",
    "special city", "metropolitan city", "special self-governing city",
}
CITY_REGION_MAX_AREA_DEG2 = 2.0
TINY_REGION_AREA_DEG2 = 0.2

MARKER_SIZES = {"all": 8, "CN": 10, "KR": 15, "JP": 12}

ZOOM_RANGES = {
    "all": {"lon": [72.0, 147.0], "lat": [17.0, 54.5]},
    "CN": {"lon": [72.0, 136.0], "lat": [17.0, 54.5]},
    "KR": {"lon": [124.0, 131.5], "lat": [33.0, 38.8]},
    "JP": {"lon": [122.5, 146.5], "lat": [24.0, 46.0]},
}


@dataclass(frozen=True)
class MapUpdate:
    """Everything a view changes on the map, as JSON-ready lists."""

    state_z: list
    value_z: list
    hover: list
    marker_hover: list
    marker_colors: list
    line_widths: list
    line_colors: list
    colorscale: list
    cmin: float
    cmax: float
    colorbar_title: str
    colorbar_tickvals: list
    colorbar_ticktext: list
    lon_range: list
    lat_range: list
    marker_size: int


def small_regions(dataset: Dataset) -> pd.DataFrame:
    """Regions too small to click reliably, each with a point inside its largest part."""
    rows = []
    for feature in dataset.geojson["features"]:
        props = feature["properties"]
        if props[RegionCol.COUNTRY] == CONTEXT_REGION_ID:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        is_city = props[RegionCol.TYPE] in CITY_REGION_TYPES and shape.area < CITY_REGION_MAX_AREA_DEG2
        if is_city or shape.area < TINY_REGION_AREA_DEG2:
            largest = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
            point = largest.representative_point()
            rows.append({RegionCol.REGION_ID: props[RegionCol.REGION_ID], "lon": point.x, "lat": point.y})
    return pd.DataFrame(rows, columns=[RegionCol.REGION_ID, "lon", "lat"]).set_index(RegionCol.REGION_ID)


def base_map_figure(dataset: Dataset, markers: pd.DataFrame, geojson_url: str | None = None) -> go.Figure:
    """The full map; the view's values are applied later by ``map_update``.

    With ``geojson_url`` the three choropleth layers name the boundary file by URL, so the
    browser downloads it once (Plotly caches it by URL) instead of once per layer inside
    the figure JSON; without it the GeoJSON is embedded (for standalone figures).
    """
    regions = dataset.regions
    ids = list(regions.index)
    context_ids = [
        f["properties"][RegionCol.REGION_ID]
        for f in dataset.geojson["features"]
        if f["properties"][RegionCol.COUNTRY] == CONTEXT_REGION_ID
    ]
    common = dict(geojson=geojson_url or dataset.geojson, featureidkey="properties.region_id")
    region_layer = dict(common, locations=ids, customdata=ids, marker_line_color=COLOR_EDGE, marker_line_width=0.6,
                        hovertemplate="%{text}<extra></extra>", text=[""] * len(ids))
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        locations=context_ids, z=[0] * len(context_ids), **common,
        colorscale=[[0, COLOR_CONTEXT], [1, COLOR_CONTEXT]], showscale=False,
        marker_line_color="#c8c8c8", marker_line_width=0.5, hoverinfo="skip", name="context",
    ))
    fig.add_trace(go.Choropleth(
        z=[NEVER] * len(ids), zmin=NEVER, zmax=QUIET, colorscale=[[0, COLOR_NEVER], [1, COLOR_QUIET]],
        showscale=False, name="state", **region_layer,
    ))
    fig.add_trace(go.Choropleth(z=[None] * len(ids), coloraxis="coloraxis", name="value", **region_layer))
    fig.add_trace(go.Scattergeo(
        lon=markers["lon"].round(3).tolist(), lat=markers["lat"].round(3).tolist(),
        customdata=list(markers.index), mode="markers",
        marker=dict(size=MARKER_SIZES["all"], color=[COLOR_NEVER] * len(markers), line=dict(color="#333", width=1)),
        hovertemplate="%{text}<extra></extra>", text=[""] * len(markers), name="small regions",
    ))
    fig.update_geos(
        visible=False, projection_type="mercator",
        showland=True, landcolor="#fafafa", showcountries=True, countrycolor="#e0e0e0",
        showcoastlines=False, showocean=True, oceancolor="#eef4f8", showlakes=False,
        lonaxis_range=ZOOM_RANGES["all"]["lon"], lataxis_range=ZOOM_RANGES["all"]["lat"],
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(
        margin=dict(l=0, r=0, t=0, b=0), showlegend=False, dragmode=False,
        coloraxis=dict(colorscale=SEQUENTIAL, colorbar=dict(thickness=12, len=0.6, x=0.99)),
        clickmode="event", uirevision="map", paper_bgcolor="rgba(0,0,0,0)",
        hoverdistance=4,
    )
    return fig


def _hover_lines(dataset: Dataset, values: RegionValues, latest: pd.DataFrame, metric: str) -> list[str]:
    lines = []
    regions = dataset.regions
    for i, region_id in enumerate(regions.index):
        name = f"<b>{html.escape(regions.at[region_id, RegionCol.NAME_EN])}</b> {html.escape(regions.at[region_id, RegionCol.NAME_LOCAL])}"
        text = [name, f"Actions up to end date: {int(values.cumulative[i])}"]
        if metric == "window":
            text.append(f"In window: {int(values.in_window[i])}")
        if metric == "first" and values.states[i] == ACTIVE:
            text.append(f"First action: {dataset.month_labels[int(values.values[i])]}")
        if values.states[i] != ACTIVE:
            text.append(f"<i>{_state_label(values.states[i], metric)}</i>")
        if region_id in latest.index:
            row = latest.loc[region_id]
            title = row[Col.TITLE] if len(row[Col.TITLE]) <= 70 else row[Col.TITLE][:67] + "..."
            text.append(f"Latest: {html.escape(title)} ({row[Col.DATE_LABEL]})")
        lines.append("<br>".join(text))
    return lines


def _state_label(state: int, metric: str) -> str:
    if metric == "plan" and state == QUIET:
        return "No dedicated plan"
    return STATE_LABELS[state]


def map_update(
    dataset: Dataset, values: RegionValues, latest: pd.DataFrame, markers: pd.DataFrame,
    metric: str, zoom: str, selected: str | None,
) -> MapUpdate:
    ids = list(dataset.regions.index)
    active = values.states == ACTIVE
    finite = values.values[active]
    if metric == "first":
        cmin, cmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if cmin == cmax:
            cmax = cmin + 1
        labels = dataset.month_labels
        tickvals = sorted({int(v) for v in np.linspace(cmin, cmax, 5)})
        ticktext = [labels[v] for v in tickvals]
        colorscale = SEQUENTIAL_EARLY_DARK
        title = "First action"
    elif metric == "plan":
        cmin, cmax, tickvals, ticktext, colorscale, title = 0.0, 1.0, [1], ["Has plan"], BINARY, "Dedicated plan"
    else:
        cmin, cmax = 1.0, float(max(finite.max(), 2)) if finite.size else 2.0
        tickvals, ticktext, colorscale = [], [], SEQUENTIAL
        title = "Actions in window" if metric == "window" else "Actions"
    scale = BINARY if metric == "plan" else get_colorscale(colorscale)
    norm = np.clip((np.nan_to_num(values.values, nan=cmin) - cmin) / (cmax - cmin), 0, 1)
    sampled = sample_colorscale(scale, norm.tolist())
    state_colors = {NEVER: COLOR_NEVER, QUIET: COLOR_QUIET}
    colors = [sampled[i] if active[i] else state_colors[int(values.states[i])] for i in range(len(ids))]
    index = {r: i for i, r in enumerate(ids)}
    hover = _hover_lines(dataset, values, latest, metric)
    ranges = ZOOM_RANGES.get(zoom, ZOOM_RANGES["all"])
    return MapUpdate(
        state_z=[int(min(s, QUIET)) for s in values.states],
        value_z=[None if np.isnan(v) else float(v) for v in values.values],
        hover=hover,
        marker_hover=[hover[index[r]] for r in markers.index],
        marker_colors=[colors[index[r]] for r in markers.index],
        line_widths=[3.0 if r == selected else 0.6 for r in ids],
        line_colors=[COLOR_SELECTED if r == selected else COLOR_EDGE for r in ids],
        colorscale=scale,
        cmin=cmin,
        cmax=cmax,
        colorbar_title=title,
        colorbar_tickvals=tickvals,
        colorbar_ticktext=ticktext,
        lon_range=ranges["lon"],
        lat_range=ranges["lat"],
        marker_size=MARKER_SIZES.get(zoom, MARKER_SIZES["all"]),
    )


def apply_update(fig, update: MapUpdate):
    """Write a ``MapUpdate`` into a figure or a ``dash.Patch`` (same item syntax)."""
    fig["data"][TRACE_STATE]["z"] = update.state_z
    fig["data"][TRACE_STATE]["text"] = update.hover
    fig["data"][TRACE_STATE]["marker"]["line"]["width"] = update.line_widths
    fig["data"][TRACE_STATE]["marker"]["line"]["color"] = update.line_colors
    fig["data"][TRACE_VALUE]["z"] = update.value_z
    fig["data"][TRACE_VALUE]["text"] = update.hover
    fig["data"][TRACE_VALUE]["marker"]["line"]["width"] = update.line_widths
    fig["data"][TRACE_VALUE]["marker"]["line"]["color"] = update.line_colors
    fig["data"][TRACE_MARKERS]["marker"]["color"] = update.marker_colors
    fig["data"][TRACE_MARKERS]["marker"]["size"] = update.marker_size
    fig["data"][TRACE_MARKERS]["text"] = update.marker_hover
    fig["layout"]["coloraxis"]["colorscale"] = update.colorscale
    fig["layout"]["coloraxis"]["cmin"] = update.cmin
    fig["layout"]["coloraxis"]["cmax"] = update.cmax
    fig["layout"]["coloraxis"]["colorbar"]["title"]["text"] = update.colorbar_title
    fig["layout"]["coloraxis"]["colorbar"]["tickvals"] = update.colorbar_tickvals or None
    fig["layout"]["coloraxis"]["colorbar"]["ticktext"] = update.colorbar_ticktext or None
    fig["layout"]["geo"]["lonaxis"]["range"] = update.lon_range
    fig["layout"]["geo"]["lataxis"]["range"] = update.lat_range
    return fig


def timeline_figure(region_actions: pd.DataFrame, national_actions: pd.DataFrame, highlighted: str | None) -> go.Figure:
    """Dated markers: the region's actions on one row, its country's national actions below."""
    fig = go.Figure()
    for label, frame, symbol in (("National", national_actions, "diamond-open"), ("This region", region_actions, "circle")):
        if frame.empty:
            continue
        sizes = [16 if a == highlighted else 10 for a in frame[Col.ACTION_ID]]
        fig.add_trace(go.Scatter(
            x=frame[Col.DATE].dt.strftime("%Y-%m-%d").tolist(), y=[label] * len(frame), mode="markers",
            marker=dict(size=sizes, symbol=symbol, color=[_type_color(t) for t in frame[Col.ACTION_TYPE]],
                        line=dict(width=1.5, color="#333")),
            customdata=frame[Col.ACTION_ID].tolist(),
            text=[f"{d}<br>{html.escape(t)}" for d, t in zip(frame[Col.DATE_LABEL], frame[Col.TITLE])],
            hovertemplate="%{text}<extra></extra>", name=label,
        ))
    rows = [t.name for t in fig.data]
    fig.update_layout(
        height=170 if len(rows) > 1 else 120, margin=dict(l=90, r=10, t=10, b=30), showlegend=False,
        xaxis=dict(type="date", tickformat="%Y-%m"), yaxis=dict(categoryorder="array", categoryarray=rows),
        plot_bgcolor="#fafafa", clickmode="event",
    )
    return fig


TYPE_COLORS = dict(zip(ACTION_TYPES, [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442", "#000000",
    "#999999", "#882255", "#44AA99",
]))


def _type_color(action_type: str) -> str:
    return TYPE_COLORS.get(action_type, "#777777")

