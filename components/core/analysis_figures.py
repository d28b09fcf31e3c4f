"""The Analysis view's charts, built from the frames of ``analysis_data`` (pure: plotly only, no Dash).

Why the frames come in ready-made: a chart's CSV export writes the same frame, so what a
figure draws is exactly what the file holds. Only scatter, scattergeo and choropleth traces
are used, the traces of the plotly.js partial bundle the page ships (stacks are scatter
``stackgroup`` areas, strips are jittered scatter points). Every clickable point carries
``customdata = [kind, value]``: ``["region", region_id]`` opens that region on the map;
``["month", "YYYY-MM"]`` or ``["month", "YYYY-Qn"]`` moves the window's end there (the
browser turns a quarter into its last month). A small footer on each figure names the
chart, the dataset version and the view, so an exported PNG says what it shows.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.core.analysis_data import Adoption, Lags, Neighbours
from components.core.analytics.lag import MEASURES
from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS
from components.core.dots import ZOOM_RANGES
from components.core.encodings import COUNT_PALETTE
from components.core.figures import TYPE_COLORS, hover_escape, short_title
from components.core.messages import message

COUNTRY_COLORS = {"CN": "#D55E00", "KR": "#0072B2", "JP": "#009E73"}
LEVEL_COLORS = dict(zip(LEVELS, ["#332288", "#88CCEE", "#DDCC77", "#CC6677"]))
AHEAD_COLOR, BEHIND_COLOR = "#d62728", "#1f77b4"
NEVER_COLOR = "#e6e6e6"
SERIES = {"acted": ("regions_acted", "share_acted", "solid"),
          "with_plan": ("regions_with_plan", "share_with_plan", "dash"),
          "own_plan": ("regions_with_own_plan", "share_with_own_plan", "dot")}
ROW_PX = 18


def _layout(fig: go.Figure, height: int, footer: str, legend: dict | None = None, **extra) -> go.Figure:
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=48), clickmode="event", hovermode="closest",
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", font=dict(size=12),
        legend=legend or dict(orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=11)),
        annotations=[*fig.layout.annotations, dict(
            text=hover_escape(footer), x=0, y=0, xref="paper", yref="paper", yshift=-44, xanchor="left",
            yanchor="bottom", showarrow=False, font=dict(size=10, color="#555555"))],
        **extra,
    )
    fig.update_xaxes(gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(gridcolor="#eeeeee", zeroline=False)
    return fig


def empty_figure(text: str, footer: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=hover_escape(text), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=13, color="#555555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, 160, footer)


def _percent(value: float) -> str:
    return f"{value:.0%}"


def adoption_figure(adoption: Adoption, footer: str) -> go.Figure:
    """One panel per country: share of regions acted / with a plan / own plan, month by month; milestones."""
    curves, milestones = adoption.curves, adoption.milestones
    countries = list(dict.fromkeys(curves["country"]))
    fig = make_subplots(rows=len(countries), cols=1, shared_xaxes=True, vertical_spacing=0.06)
    for row, country in enumerate(countries, start=1):
        mine = curves[curves["country"] == country]
        total = mine["regions_total"].to_numpy()
        for series, (column, share, dash) in SERIES.items():
            counts = mine[column].to_numpy()
            name = message(f"adoption.{series}")
            fig.add_trace(go.Scatter(
                x=mine["month"].tolist(), y=mine[share].tolist(), mode="lines", name=name,
                legendgroup=series, showlegend=row == 1, line=dict(color=COUNTRY_COLORS[country], dash=dash, width=2),
                customdata=[["month", m] for m in mine["month"]],
                text=[message("adoption.hover", country=COUNTRIES[country], month=m, series=name, n=int(n), total=int(t),
                              share=_percent(n / t)) for m, n, t in zip(mine["month"], counts, total)],
                hovertemplate="%{text}<extra></extra>",
            ), row=row, col=1)
        own = milestones[milestones["country"] == country]
        for month in dict.fromkeys(own["month"]):
            fig.add_shape(type="line", x0=month, x1=month, y0=0, y1=1, xref=f"x{row}" if row > 1 else "x",
                          yref=f"y{row} domain" if row > 1 else "y domain",
                          line=dict(color="#555555", width=1, dash="dot"))
        fig.add_trace(go.Scatter(
            x=own["month"].tolist(), y=[1.04] * len(own), mode="markers", name=message("adoption.milestone"),
            legendgroup="milestones", showlegend=row == 1 and not milestones.empty,
            marker=dict(symbol="triangle-down", size=10, color="#333333"),
            customdata=[["month", m] for m in own["month"]],
            text=[message("adoption.milestone_hover", country=COUNTRIES[country], date=d, kind=ACTION_TYPES[k],
                          title=hover_escape(short_title(t)))
                  for d, k, t in zip(own["date_label"], own["action_type"], own["title"])],
            hovertemplate="%{text}<extra></extra>",
        ), row=row, col=1)
        fig.update_yaxes(range=[0, 1.1], tickformat=".0%", title_text=COUNTRIES[country], row=row, col=1)
    return _layout(fig, 130 + 190 * len(countries), footer)


def _jitter(count: int) -> list[float]:
    return [((i % 7) - 3) * 0.045 for i in range(count)]


def lag_figure(lags: Lags, footer: str) -> go.Figure:
    """Strips per country: days from the milestone to each region's first action (circle) and plan (diamond)."""
    strip = lags.strip
    countries = [c for c in COUNTRIES if c in set(lags.table["country"])]
    position = {c: i for i, c in enumerate(reversed(countries))}
    fig = go.Figure()
    shapes = {"first_action": ("circle", 0.17), "first_plan": ("diamond", -0.17)}
    for measure, strip_label in MEASURES.items():
        symbol, offset = shapes[measure]
        label = message(f"lag.{measure}")
        for ahead in (False, True):
            points = strip[(strip["measure"] == strip_label) & (strip["ahead"] == ahead)]
            points = points.sort_values(["country", "lag_days", "region_id"])
            y = [position[c] + offset + j for c, j in zip(points["country"], _jitter(len(points)))]
            ahead_text = f" ({message('lag.ahead')})" if ahead else ""
            fig.add_trace(go.Scatter(
                x=points["lag_days"].tolist(), y=y, mode="markers", name=label + ahead_text,
                marker=dict(symbol=symbol, size=9, color=AHEAD_COLOR if ahead else BEHIND_COLOR, opacity=0.8,
                            line=dict(color="#ffffff", width=0.5)),
                customdata=[["region", r] for r in points["region_id"]],
                text=[message("lag.hover", region=hover_escape(n), country=COUNTRIES[c], measure=label,
                              date=d.strftime("%Y-%m-%d" if p == "day" else "%Y-%m" if p == "month" else "%Y"),
                              days=int(days), ahead=ahead_text)
                      for n, c, d, p, days in zip(points["name_en"], points["country"], points["date"],
                                                  points["date_precision"], points["lag_days"])],
                hovertemplate="%{text}<extra></extra>",
            ))
    fig.add_vline(x=0, line=dict(color="#333333", width=1))
    fig.update_yaxes(tickvals=list(position.values()), ticktext=[COUNTRIES[c] for c in position],
                     range=[-0.6, max(len(countries), 1) - 0.4])
    fig.update_xaxes(title_text=message("analysis.days_axis"))
    return _layout(fig, 120 + 110 * max(len(countries), 1), footer)


def rank_label(rank, shared: bool) -> str:
    return ("=" if shared else "") + str(int(rank))


def ranking_figure(ranking, footer: str) -> go.Figure:
    """Acted regions top to bottom by first action; a bar spans the period an imprecise date covers."""
    acted = ranking[ranking["acted"]]
    labels = [message("ranking.label", rank=rank_label(r, s), region=n, country=c)
              for r, s, n, c in zip(acted["rank"], acted["rank_shared"], acted["name_en"], acted["country"])]
    seg_x, seg_y = [], []
    for label, start, end in zip(labels, acted["earliest"], acted["latest"]):
        if end > start:
            seg_x += [start, end, None]
            seg_y += [label, label, None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=seg_x, y=seg_y, mode="lines", line=dict(color="#9ecae1", width=6), hoverinfo="skip",
                             showlegend=False, name="period"))
    fig.add_trace(go.Scatter(
        x=acted["earliest"].tolist(), y=labels, mode="markers", showlegend=False, name="first action",
        marker=dict(size=8, color=[COUNTRY_COLORS.get(c, "#333333") for c in acted["country"]]),
        customdata=[["region", r] for r in acted["region_id"]],
        text=[message("ranking.hover", region=hover_escape(n), country=COUNTRIES.get(c, c), date=d, precision=p,
                      rank=rank_label(r, s), last=message("ranking.hover_last", rank=int(rl)) if rl != r else "")
              for n, c, d, p, r, s, rl in zip(acted["name_en"], acted["country"], acted["first_action_label"],
                                              acted["first_action_precision"], acted["rank"], acted["rank_shared"],
                                              acted["rank_last"])],
        hovertemplate="%{text}<extra></extra>",
    ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, range=[len(labels) - 0.5, -0.5],
                     tickfont=dict(size=11))
    fig.update_xaxes(title_text=message("analysis.first_action_axis"), side="top")
    return _layout(fig, 110 + ROW_PX * max(len(acted), 1), footer)


def neighbour_figure(neighbours: Neighbours, geojson, end: str, footer: str) -> go.Figure:
    """Regions shaded by first-action rank, lines with arrows from each earlier-acting neighbour."""
    regions, links = neighbours.regions, neighbours.links
    acted = regions[regions["acted"]]
    never = regions[~regions["acted"]]
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        locations=never["region_id"].tolist(), z=[0] * len(never), geojson=geojson, featureidkey="properties.region_id",
        colorscale=[[0, NEVER_COLOR], [1, NEVER_COLOR]], showscale=False, name="never",
        marker=dict(line=dict(color="#ffffff", width=0.6)), customdata=[["region", r] for r in never["region_id"]],
        text=[message("neighbours.hover_never", region=hover_escape(n), country=COUNTRIES[c], end=end)
              for n, c in zip(never["name_en"], never["country"])],
        hovertemplate="%{text}<extra></extra>",
    ))
    fig.add_trace(go.Choropleth(
        locations=acted["region_id"].tolist(), z=acted["rank"].astype(float).tolist(), geojson=geojson,
        featureidkey="properties.region_id", colorscale=[[0, COUNT_PALETTE[-1]], [1, COUNT_PALETTE[0]]],
        zmin=1, zmax=max(float(acted["rank"].max()), 2.0) if len(acted) else 2.0, name="rank",
        colorbar=dict(title=dict(text=message("neighbours.rank"), side="right"), len=0.6, thickness=12, x=1.0),
        marker=dict(line=dict(color="#ffffff", width=0.6)), customdata=[["region", r] for r in acted["region_id"]],
        text=[message("neighbours.hover", region=hover_escape(n), country=COUNTRIES[c], date=d, rank=rank_label(r, s),
                      earlier=int(e), neighbours=int(k))
              for n, c, d, r, s, e, k in zip(acted["name_en"], acted["country"], acted["first_action_label"],
                                             acted["rank"], acted["rank_shared"], acted["neighbours_acted_before"],
                                             acted["neighbours"])],
        hovertemplate="%{text}<extra></extra>",
    ))
    lon, lat, size = [], [], []
    for x0, y0, x1, y1 in zip(links["from_lon"], links["from_lat"], links["to_lon"], links["to_lat"]):
        lon += [x0, x0 + 0.85 * (x1 - x0), None]
        lat += [y0, y0 + 0.85 * (y1 - y0), None]
        size += [0, 9, 0]
    fig.add_trace(go.Scattergeo(
        lon=lon, lat=lat, mode="lines+markers", name=message("neighbours.links"), hoverinfo="skip",
        line=dict(color="#444444", width=1), showlegend=bool(len(links)),
        marker=dict(symbol="arrow", size=size, angleref="previous", color="#222222", line=dict(width=0)),
    ))
    countries = list(dict.fromkeys(regions["country"]))
    frame = ZOOM_RANGES[countries[0] if len(countries) == 1 else "all"]
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=frame["lon"], lataxis_range=frame["lat"],
                    bgcolor="rgba(0,0,0,0)")
    return _layout(fig, 560, footer, dragmode=False, legend=dict(x=0.01, y=0.02, bgcolor="rgba(255,255,255,0.85)"))


def counts_figure(counts, by: str, footer: str) -> go.Figure:
    """Stacked areas per country: actions per period, one band per level or kind of action."""
    categories = {"level": LEVELS, "action_type": ACTION_TYPES}[by]
    colours = {"level": LEVEL_COLORS, "action_type": TYPE_COLORS}[by]
    countries = list(dict.fromkeys(counts["country"]))
    fig = make_subplots(rows=len(countries), cols=1, shared_xaxes=True, vertical_spacing=0.06)
    for row, country in enumerate(countries, start=1):
        mine = counts[counts["country"] == country]
        for code, label in categories.items():
            band = mine[mine[by] == code]
            fig.add_trace(go.Scatter(
                x=band["period_start"].tolist(), y=band["count"].tolist(), mode="lines", stackgroup=country,
                name=label, legendgroup=code, showlegend=row == 1, line=dict(width=0.5, color=colours[code], shape="hv"),
                fillcolor=colours[code], customdata=[["month", p] for p in band["period"]],
                text=[message("counts.hover", country=COUNTRIES[country], period=p, category=label, n=int(n))
                      for p, n in zip(band["period"], band["count"])],
                hovertemplate="%{text}<extra></extra>",
            ), row=row, col=1)
        fig.update_yaxes(title_text=COUNTRIES[country], rangemode="tozero", row=row, col=1)
    return _layout(fig, 150 + 170 * len(countries), footer)


def hype_figure(hype, footer: str) -> go.Figure:
    """Actions per quarter, one line per country."""
    fig = go.Figure()
    for country in dict.fromkeys(hype["country"]):
        mine = hype[hype["country"] == country]
        fig.add_trace(go.Scatter(
            x=mine["period_start"].tolist(), y=mine["actions"].tolist(), mode="lines+markers", name=COUNTRIES[country],
            line=dict(color=COUNTRY_COLORS[country], width=2), marker=dict(size=7),
            customdata=[["month", p] for p in mine["period"]],
            text=[message("hype.hover", country=COUNTRIES[country], period=p, n=int(n))
                  for p, n in zip(mine["period"], mine["actions"])],
            hovertemplate="%{text}<extra></extra>",
        ))
    fig.update_yaxes(title_text=message("analysis.actions_axis"), rangemode="tozero")
    return _layout(fig, 360, footer)
