"""The Analysis view's charts, built from the frames of ``analysis_data`` (pure: no Dash).

Why the frames come in ready-made: a chart's CSV export writes the same frame, so what a
figure draws is exactly what the file holds. Only scatter, scattergeo and choropleth traces
are used, the traces of the plotly.js partial bundle the page ships (stacks are scatter
``stackgroup`` areas, strips are jittered scatter points).

Why plain figure dicts rather than ``plotly.graph_objects``: the figures are built on every
Analysis request, and graph_objects' validation (``update_layout``, ``make_subplots``) cost
more server time than all the analytics of a view together (measured: about 250 ms of a
400 ms view). A dict in Plotly's figure schema is what the browser receives either way;
the tests load every figure into ``go.Figure`` to hold it to the schema.

Every clickable point carries ``customdata = [kind, value]``: ``["region", region_id]``
opens that region on the map; ``["month", "YYYY-MM"]`` or ``["month", "YYYY-Qn"]`` moves the
window's end there (the browser turns a quarter into its last month). A small footer on
each figure names the chart, the dataset version and the window, so an exported PNG says
what it shows.

The edge of the data is drawn, not implied: past the month the data are collected to, a
grey band says "not yet collected" (and a quarter only partly collected has a hollow
marker); where coverage thins (``coverage.csv``'s ``thin_from``), a pale band names the
country and how many of its regions. A region whose first action cannot be ordered against
the milestone (``lag_status`` undetermined) is drawn as a grey span over the days it could
lie at, never as a point on one side of zero.
"""

from __future__ import annotations

import pandas as pd

from components.core import i18n
from components.core.analysis.data import Adoption, Edge, Lags, Neighbours
from components.core.analysis.lag import MEASURES
from components.core.data.columns import ACTION_TYPES, COUNTRIES, LEVELS
from components.core.data.region_names import region_names
from components.core.i18n import message
from components.core.view.dots import ZOOM_RANGES
from components.core.view.encodings import COUNT_PALETTE
from components.core.view.figures import TYPE_COLORS, hover_escape, short_title

COUNTRY_COLORS = {"CN": "#D55E00", "KR": "#0072B2", "JP": "#009E73"}
LEVEL_COLORS = dict(zip(LEVELS, ["#332288", "#88CCEE", "#DDCC77", "#CC6677"]))
AHEAD_COLOR, BEHIND_COLOR, UNDETERMINED_COLOR = "#d62728", "#1f77b4", "#7f7f7f"
NOT_COLLECTED_FILL, THIN_FILL = "rgba(120,120,120,0.18)", "rgba(230,159,0,0.13)"
NEVER_COLOR = "#e6e6e6"
GRID = "#eeeeee"
SERIES = {"acted": ("regions_acted", "share_acted", "solid"),
          "with_plan": ("regions_with_plan", "share_with_plan", "dash"),
          "own_plan": ("regions_with_own_plan", "share_with_own_plan", "dot")}
ROW_PX = 18
ROW_GAP = 0.06


def _layout(height: int, footer: str, legend: dict | None = None, **extra) -> dict:
    return {
        "height": height, "margin": {"l": 10, "r": 10, "t": 30, "b": 48}, "clickmode": "event",
        "hovermode": "closest", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "font": {"size": 12},
        "legend": legend or {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 11}},
        "annotations": [{"text": hover_escape(footer), "x": 0, "y": 0, "xref": "paper", "yref": "paper", "yshift": -44,
                         "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                         "font": {"size": 10, "color": "#555555"}}],
        "xaxis": {"gridcolor": GRID, "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": GRID, "zeroline": False, "automargin": True},
        **extra,
    }


def _rows(layout: dict, count: int) -> list[tuple[str, str]]:
    """Stacked panels sharing one x axis (the bottom one shows the dates): the (x, y) axis ids per row."""
    height = (1 - ROW_GAP * (count - 1)) / count
    ids = []
    for row in range(count):
        suffix = "" if row == 0 else str(row + 1)
        top = 1 - row * (height + ROW_GAP)
        layout["xaxis" + suffix] = {"gridcolor": GRID, "zeroline": False, "anchor": "y" + suffix,
                                    "showticklabels": row == count - 1, **({"matches": "x"} if row else {})}
        layout["yaxis" + suffix] = {"gridcolor": GRID, "zeroline": False, "anchor": "x" + suffix, "automargin": True,
                                    "domain": [max(top - height, 0), top]}
        ids.append(("x" + suffix, "y" + suffix))
    return ids


def empty_figure(text: str, footer: str) -> dict:
    layout = _layout(160, footer, xaxis={"visible": False}, yaxis={"visible": False})
    layout["annotations"].append({"text": hover_escape(text), "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                                  "showarrow": False, "font": {"size": 13, "color": "#555555"}})
    return {"data": [], "layout": layout}


def _day(value) -> str:
    return value.strftime("%Y-%m-%d")


def _month_after(label: str) -> str:
    """The first day of the month after ``YYYY-MM`` (where a band over that month ends)."""
    return (pd.Period(label, freq="M") + 1).start_time.strftime("%Y-%m-%d")


def edge_marks(edge: Edge | None, axis: tuple[str, str], countries, until: str | None = None) -> tuple[list, list]:
    """(shapes, annotations) on one panel: the "not yet collected" band past ``collected_to`` (to the
    window's end, or ``until``, the last month of a partly collected quarter) and the thin-coverage
    bands of ``countries``."""
    if edge is None:
        return [], []
    x_axis, y_axis = axis
    shapes, notes = [], []
    last = max(edge.end, until or edge.end)
    band = {"type": "rect", "xref": x_axis, "yref": f"{y_axis} domain", "y0": 0, "y1": 1, "layer": "below",
            "line": {"width": 0}}
    note = {"xref": x_axis, "yref": f"{y_axis} domain", "y": 0, "yanchor": "bottom", "xanchor": "left",
            "showarrow": False, "font": {"size": 10, "color": "#444444"}}
    for number, period in enumerate(p for p in edge.thin if p["country"] in countries):
        end = min(period["end"], edge.end)
        shapes.append({**band, "x0": period["start"] + "-01", "x1": _month_after(end), "fillcolor": THIN_FILL})
        notes.append({**note, "x": period["start"] + "-01", "yshift": 14 * number,
                      "text": hover_escape(message("edge.thin", country=country_name(period["country"]),
                                                   start=i18n.month(period["start"]), regions=period["regions"],
                                                   total=period["total"]))})
    if last > edge.collected_to:
        key = "edge.not_collected" if edge.declared else "edge.not_declared"
        shapes.append({**band, "x0": _month_after(edge.collected_to), "x1": _month_after(last),
                       "fillcolor": NOT_COLLECTED_FILL})
        notes.append({**note, "x": _month_after(edge.collected_to), "y": 1, "yanchor": "top", "textangle": -90,
                      "text": hover_escape(message(key, collected=i18n.month(edge.collected_to)))})
    return shapes, notes


def adoption_figure(adoption: Adoption, footer: str) -> dict:
    """One panel per country: share of regions acted / with a plan / own plan, month by month; milestones."""
    curves, milestones = adoption.curves, adoption.milestones
    countries = list(dict.fromkeys(curves["country"]))
    layout = _layout(130 + 190 * len(countries), footer)
    data, shapes = [], []
    for (x_axis, y_axis), country in zip(_rows(layout, len(countries)), countries):
        bands, notes = edge_marks(adoption.edge, (x_axis, y_axis), [country])
        shapes += bands
        layout["annotations"] += notes
        mine = curves[curves["country"] == country]
        months = mine["month"].tolist()
        clicks = [["month", m] for m in months]
        for series, (column, share, dash) in SERIES.items():
            name = message(f"adoption.{series}")
            data.append({
                "type": "scatter", "x": months, "y": mine[share].tolist(), "mode": "lines", "name": name,
                "legendgroup": series, "showlegend": x_axis == "x", "xaxis": x_axis, "yaxis": y_axis,
                "line": {"color": COUNTRY_COLORS[country], "dash": dash, "width": 2}, "customdata": clicks,
                "text": [message("adoption.hover", country=country_name(country), month=i18n.month(m), series=name,
                                 n=i18n.number(int(n)), total=i18n.number(int(t)), share=f"{s:.0%}")
                         + (message("adoption.hover_maybe", n=i18n.number(int(k))) if series == "acted" and k else "")
                         for m, n, t, s, k in zip(months, mine[column], mine["regions_total"], mine[share],
                                                  mine["regions_maybe_acted"])],
                "hovertemplate": "%{text}<extra></extra>",
            })
        own = milestones[milestones["country"] == country]
        shapes += [{"type": "line", "x0": m, "x1": m, "y0": 0, "y1": 1, "xref": x_axis, "yref": f"{y_axis} domain",
                    "line": {"color": "#555555", "width": 1, "dash": "dot"}} for m in dict.fromkeys(own["month"])]
        data.append({
            "type": "scatter", "x": own["month"].tolist(), "y": [1.04] * len(own), "mode": "markers",
            "name": message("adoption.milestone"), "legendgroup": "milestones", "xaxis": x_axis, "yaxis": y_axis,
            "showlegend": x_axis == "x" and not milestones.empty,
            "marker": {"symbol": "triangle-down", "size": 10, "color": "#333333"},
            "customdata": [["month", m] for m in own["month"]],
            "text": [message("adoption.milestone_hover", country=country_name(country), date=i18n.label_date(d),
                             kind=i18n.label("types", k),
                             title=hover_escape(short_title(t)))
                     for d, k, t in zip(own["date_label"], own["action_type"], own["title"])],
            "hovertemplate": "%{text}<extra></extra>",
        })
        layout["yaxis" + y_axis[1:]].update(
            {"range": [0, 1.1], "tickformat": ".0%", "title": {"text": country_name(country)}})
    layout["shapes"] = shapes
    _date_ticks(layout)
    return {"data": data, "layout": layout}


def _date_ticks(layout: dict) -> None:
    """Date axes labelled the current language's way (2023年6月, 2023년 6월), not Plotly's English month names."""
    if i18n.current() == i18n.DEFAULT:
        return
    month = i18n.date_templates(i18n.current())["month"].replace("{y}", "%Y").replace("{m}", "%-m")
    for name, axis in layout.items():
        if name.startswith("xaxis"):
            axis["tickformat"] = month


def country_name(code: str) -> str:
    """A country's name in the current language (the code itself if it is no country of the atlas)."""
    return i18n.label("countries", code) if code in COUNTRIES else code


def shown_names(frame: pd.DataFrame) -> list[str]:
    """The regions of a table with ``region_id`` and ``name_en``, named in the current language."""
    names = region_names(i18n.current())
    return [names.get(r, english) for r, english in zip(frame["region_id"], frame["name_en"])]


def date_text(value, precision: str) -> str:
    """A timestamp written as precisely as known, the current language's way ("" when missing)."""
    return "" if pd.isna(value) else i18n.date(value.strftime("%Y-%m-%d"), precision)


def _jitter(count: int) -> list[float]:
    return [((i % 7) - 3) * 0.045 for i in range(count)]


def lag_figure(lags: Lags, footer: str) -> dict:
    """Strips per country: days from the milestone to each region's first action (circle) and plan (diamond).

    Ahead (red) and after (blue) are points at the lag; an undetermined region is a grey span
    from the fewest to the most days its date's period allows, with a hollow marker at its middle.
    """
    strip = lags.strip
    countries = [c for c in COUNTRIES if c in set(lags.table["country"])]
    position = {c: i for i, c in enumerate(reversed(countries))}
    shapes = {"first_action": ("circle", 0.17), "first_plan": ("diamond", -0.17)}
    colours = {"after": BEHIND_COLOR, "ahead": AHEAD_COLOR, "undetermined": UNDETERMINED_COLOR}
    data = []
    for measure, strip_label in MEASURES.items():
        symbol, offset = shapes[measure]
        label = message(f"lag.{measure}")
        for status, colour in colours.items():
            points = strip[(strip["measure"] == strip_label) & (strip["lag_status"] == status)]
            points = points.sort_values(["country", "lag_min_days", "region_id"])
            name = label if status == "after" else message(f"lag.series_{status}", measure=label)
            rows = [position[c] + offset + j for c, j in zip(points["country"], _jitter(len(points)))]
            if status == "undetermined":
                x = [(low + high) / 2 for low, high in zip(points["lag_min_days"], points["lag_max_days"])]
                lag_texts = [message("lag.days_between", before=i18n.number(abs(int(low))), after=i18n.number(abs(int(high))))
                             for low, high in zip(points["lag_min_days"], points["lag_max_days"])]
                seg_x = [v for low, high in zip(points["lag_min_days"], points["lag_max_days"]) for v in (int(low), int(high), None)]
                seg_y = [v for y in rows for v in (y, y, None)]
                data.append({"type": "scatter", "x": seg_x, "y": seg_y, "mode": "lines", "hoverinfo": "skip",
                             "showlegend": False, "name": name + " span",
                             "line": {"color": colour, "width": 3}, "opacity": 0.6})
            else:
                x = points["lag_days"].astype(int).tolist()
                lag_texts = [lag_text(int(d)) for d in points["lag_days"]]
            data.append({
                "type": "scatter", "x": x, "mode": "markers", "y": rows, "name": name,
                "marker": {"symbol": symbol + ("-open" if status == "undetermined" else ""), "size": 9, "color": colour,
                           "opacity": 0.85, "line": {"color": colour if status == "undetermined" else "#ffffff",
                                                     "width": 1.5 if status == "undetermined" else 0.5}},
                "customdata": [["region", r] for r in points["region_id"]],
                "text": [message("lag.hover", region=hover_escape(n), country=country_name(c), measure=label,
                                 date=date_text(d, p), lag=text)
                         for n, c, d, p, text in zip(shown_names(points), points["country"], points["date"],
                                                     points["date_precision"], lag_texts)],
                "hovertemplate": "%{text}<extra></extra>",
            })
    layout = _layout(120 + 110 * max(len(countries), 1), footer)
    layout["shapes"] = [{"type": "line", "x0": 0, "x1": 0, "y0": 0, "y1": 1, "xref": "x", "yref": "paper",
                         "line": {"color": "#333333", "width": 1}}]
    layout["yaxis"].update({"tickvals": list(position.values()), "ticktext": [country_name(c) for c in position],
                            "range": [-0.6, max(len(countries), 1) - 0.4]})
    layout["xaxis"]["title"] = {"text": message("analysis.days_axis")}
    return {"data": data, "layout": layout}


def lag_text(days: int) -> str:
    """How far from the milestone, in words that say the direction (no minus sign to decode)."""
    if days == 0:
        return message("lag.same_day")
    return message("lag.days_before" if days < 0 else "lag.days_after", days=i18n.number(abs(days)))


def rank_label(rank, shared: bool) -> str:
    """A rank as the current language writes it, a tie included (=3 / 并列第3名 / 공동 3위 / 3位タイ)."""
    return message("rank.tied" if shared else "rank.plain", rank=int(rank))


def ranking_figure(ranking: pd.DataFrame, footer: str) -> dict:
    """Acted regions top to bottom by first action; a bar spans the period an imprecise date covers."""
    acted = ranking[ranking["acted"]]
    labels = [message("ranking.label", rank=rank_label(r, s), region=n, country=c)
              for r, s, n, c in zip(acted["rank"], acted["rank_shared"], shown_names(acted), acted["country"])]
    seg_x, seg_y = [], []
    for label, start, end in zip(labels, acted["earliest"], acted["latest"]):
        if end > start:
            seg_x += [_day(start), _day(end), None]
            seg_y += [label, label, None]
    data = [
        {"type": "scatter", "x": seg_x, "y": seg_y, "mode": "lines", "line": {"color": "#9ecae1", "width": 6},
         "hoverinfo": "skip", "showlegend": False, "name": "period"},
        {"type": "scatter", "x": [_day(d) for d in acted["earliest"]], "y": labels, "mode": "markers",
         "showlegend": False, "name": "first action",
         "marker": {"size": 8, "color": [COUNTRY_COLORS.get(c, "#333333") for c in acted["country"]]},
         "customdata": [["region", r] for r in acted["region_id"]],
         "text": [message("ranking.hover", region=hover_escape(n), country=country_name(c), date=i18n.date(d, p),
                          precision=message(f"precision.{p}"), rank=rank_label(r, s),
                          last=message("ranking.hover_last", rank=int(rl)) if rl != r else "")
                  for n, c, d, p, r, s, rl in zip(shown_names(acted), acted["country"], acted["first_action_label"],
                                                  acted["first_action_precision"], acted["rank"], acted["rank_shared"],
                                                  acted["rank_last"])],
         "hovertemplate": "%{text}<extra></extra>"},
    ]
    layout = _layout(110 + ROW_PX * max(len(acted), 1), footer)
    layout["yaxis"].update({"type": "category", "categoryorder": "array", "categoryarray": labels,
                            "range": [len(labels) - 0.5, -0.5], "tickfont": {"size": 11}})
    layout["xaxis"].update({"type": "date", "side": "top", "title": {"text": message("analysis.first_action_axis")}})
    _date_ticks(layout)
    return {"data": data, "layout": layout}


def neighbour_figure(neighbours: Neighbours, geojson, end: str, footer: str) -> dict:
    """Regions shaded by first-action rank, lines with arrows from each earlier-acting neighbour."""
    regions, links = neighbours.regions, neighbours.links
    acted = regions[regions["acted"]]
    never = regions[~regions["acted"]]
    shape = {"geojson": geojson, "featureidkey": "properties.region_id", "hovertemplate": "%{text}<extra></extra>",
             "marker": {"line": {"color": "#ffffff", "width": 0.6}}}
    data = [
        {"type": "choropleth", **shape, "locations": never["region_id"].tolist(), "z": [0] * len(never),
         "colorscale": [[0, NEVER_COLOR], [1, NEVER_COLOR]], "showscale": False, "name": "never",
         "customdata": [["region", r] for r in never["region_id"]],
         "text": [message("neighbours.hover_never", region=hover_escape(n), country=country_name(c), end=end)
                  for n, c in zip(shown_names(never), never["country"])]},
        {"type": "choropleth", **shape, "locations": acted["region_id"].tolist(),
         "z": acted["rank"].astype(float).tolist(), "colorscale": [[0, COUNT_PALETTE[-1]], [1, COUNT_PALETTE[0]]],
         "zmin": 1, "zmax": max(float(acted["rank"].max()), 2.0) if len(acted) else 2.0, "name": "rank",
         "colorbar": {"title": {"text": message("neighbours.rank"), "side": "right"}, "len": 0.6, "thickness": 12},
         "customdata": [["region", r] for r in acted["region_id"]],
         "text": [message("neighbours.hover", region=hover_escape(n), country=country_name(c), date=i18n.date(d, p),
                          rank=rank_label(r, s), earlier=int(e), neighbours=int(k))
                  for n, c, d, p, r, s, e, k in zip(shown_names(acted), acted["country"], acted["first_action_label"],
                                                    acted["first_action_precision"], acted["rank"], acted["rank_shared"],
                                                    acted["neighbours_acted_before"], acted["neighbours"])]},
    ]
    lon, lat, size = [], [], []
    for x0, y0, x1, y1 in zip(links["from_lon"], links["from_lat"], links["to_lon"], links["to_lat"]):
        lon += [x0, x0 + 0.85 * (x1 - x0), None]
        lat += [y0, y0 + 0.85 * (y1 - y0), None]
        size += [0, 9, 0]
    data.append({
        "type": "scattergeo", "lon": lon, "lat": lat, "mode": "lines+markers", "name": message("neighbours.links"),
        "hoverinfo": "skip", "line": {"color": "#444444", "width": 1}, "showlegend": bool(len(links)),
        "marker": {"symbol": "arrow", "size": size, "angleref": "previous", "color": "#222222", "line": {"width": 0}},
    })
    countries = list(dict.fromkeys(regions["country"]))
    frame = ZOOM_RANGES[countries[0] if len(countries) == 1 else "all"]
    layout = _layout(560, footer, dragmode=False, legend={"x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)"},
                     geo={"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)",
                          "lonaxis": {"range": frame["lon"]}, "lataxis": {"range": frame["lat"]}})
    return {"data": data, "layout": layout}


def quarter_end(edge: Edge | None, freq: str) -> str | None:
    """For quarterly charts whose window reaches the edge: the last month of the quarter ``collected_to`` is in."""
    if edge is None or freq != "quarter" or edge.end < edge.collected_to:
        return None
    return pd.Period(edge.collected_to, freq="M").asfreq("Q").asfreq("M", how="end").strftime("%Y-%m")


def counts_figure(counts: pd.DataFrame, by: str, footer: str, edge: Edge | None = None, freq: str = "month") -> dict:
    """Stacked areas per country: actions per period, one band per level or kind of action; the data's edge marked."""
    categories = {"level": LEVELS, "action_type": ACTION_TYPES}[by]
    colours = {"level": LEVEL_COLORS, "action_type": TYPE_COLORS}[by]
    countries = list(dict.fromkeys(counts["country"]))
    layout = _layout(150 + 170 * len(countries), footer)
    data, shapes = [], []
    counts = counts.assign(day=counts["period_start"].dt.strftime("%Y-%m-%d"))
    for (x_axis, y_axis), country in zip(_rows(layout, len(countries)), countries):
        bands, notes = edge_marks(edge, (x_axis, y_axis), [country], quarter_end(edge, freq))
        shapes += bands
        layout["annotations"] += notes
        mine = counts[counts["country"] == country]
        for code, label in i18n.labels("levels" if by == "level" else "types", categories).items():
            band = mine[mine[by] == code]
            data.append({
                "type": "scatter", "x": band["day"].tolist(), "y": band["count"].tolist(),
                "mode": "lines", "stackgroup": country, "name": label, "legendgroup": code,
                "showlegend": x_axis == "x", "xaxis": x_axis, "yaxis": y_axis, "fillcolor": colours[code],
                "line": {"width": 0.5, "color": colours[code], "shape": "hv"},
                "customdata": [["month", p] for p in band["period"]],
                "text": [message("counts.hover", country=country_name(country), period=i18n.period(p), category=label,
                                 n=i18n.number(int(n)))
                         for p, n in zip(band["period"], band["count"])],
                "hovertemplate": "%{text}<extra></extra>",
            })
        layout["yaxis" + y_axis[1:]].update({"title": {"text": country_name(country)}, "rangemode": "tozero"})
    layout["shapes"] = shapes
    _date_ticks(layout)
    return {"data": data, "layout": layout}


def hype_figure(hype: pd.DataFrame, footer: str, edge: Edge | None = None) -> dict:
    """Actions per quarter, one line per country; a quarter only partly in the data has a hollow marker."""
    data = []
    countries = list(dict.fromkeys(hype["country"]))
    for country in countries:
        mine = hype[hype["country"] == country]
        colour = COUNTRY_COLORS[country]
        data.append({
            "type": "scatter", "x": [_day(d) for d in mine["period_start"]], "y": mine["actions"].tolist(),
            "mode": "lines+markers", "name": country_name(country),
            "marker": {"size": 7, "color": ["#ffffff" if p else colour for p in mine["partial"]],
                       "line": {"color": colour, "width": 2}},
            "line": {"color": colour, "width": 2},
            "customdata": [["month", p] for p in mine["period"]],
            "text": [message("hype.hover_partial", country=country_name(country), period=i18n.period(p),
                             n=i18n.number(int(n)), months=int(k))
                     if partial else message("hype.hover", country=country_name(country), period=i18n.period(p),
                                             n=i18n.number(int(n)))
                     for p, n, k, partial in zip(mine["period"], mine["actions"], mine["months_covered"], mine["partial"])],
            "hovertemplate": "%{text}<extra></extra>",
        })
    layout = _layout(360, footer)
    layout["shapes"], notes = edge_marks(edge, ("x", "y"), countries, quarter_end(edge, "quarter"))
    layout["annotations"] += notes
    layout["yaxis"].update({"title": {"text": message("analysis.actions_axis")}, "rangemode": "tozero"})
    _date_ticks(layout)
    return {"data": data, "layout": layout}
