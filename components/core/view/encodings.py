"""Honest map encodings: fixed, labelled classes chosen from the data, and three kinds of zero.

Why: a map that rescales its colours every frame cannot be compared across time. Following
Our World in Data's grapher (``color/readme.md``: fixed, nice, labelled bins, chosen from
the data and not from the frame), counts are grouped into at most five classes by Fisher–Jenks
natural breaks (mapclassify's, what geopandas uses for ``scheme=``; ``natural_breaks`` computes it
without importing mapclassify and its scipy) over every region's
count at the *end of the timeline* under the current filters. So a frame in 2022 and one in
2025 use the same classes; only the "rescale to this frame" toggle breaks that, and the
legend then says so. Where five or fewer distinct counts exist, each count is its own class.

Zero is three different facts, drawn three different ways (fill, outline and a mark, so
never colour alone): no action in the data; acted before but none in this window; hidden by
the user's filters.

The browser repeats these rules (``assets/atlas-encodings.js``, with a port of mapclassify's
Fisher–Jenks); the palettes and labels reach it from here in the payload.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from components.core import i18n
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.core.view.metrics import (
    ACTED,
    CITY_PLAN,
    HIDDEN,
    NEVER,
    NO_PLAN,
    OWN_PLAN,
    QUIET,
    RegionView,
    ViewActions,
    per_region,
    region_view,
    view_actions,
)
from components.core.view.natural_breaks import fisher_jenks_bins
from components.core.view.state import ViewState

MAX_CLASSES = 5
#: ColorBrewer YlGnBu (colour-blind safe), lightest step dropped so class 1 stands apart from the greys.
COUNT_PALETTE = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]
#: Viridis steps, earliest year darkest (colour-blind safe).
YEAR_PALETTE = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"]


@dataclass(frozen=True)
class Style:
    """How one legend class is drawn: fill, outline, and whether a cross marks the region."""

    fill: str
    line: str
    width: float
    mark: bool = False


STYLE_EDGE = Style(fill="", line="#ffffff", width=0.6)
KIND_STYLES = {
    NEVER: Style(fill="#e6e6e6", line="#ffffff", width=0.6),
    QUIET: Style(fill="#c2c2c2", line="#4d4d4d", width=1.4),
    HIDDEN: Style(fill="#ffffff", line="#8c8c8c", width=1.0, mark=True),
    NO_PLAN: Style(fill="#d8daeb", line="#ffffff", width=0.6),
    CITY_PLAN: Style(fill="#fdb863", line="#ffffff", width=0.6),
    OWN_PLAN: Style(fill="#b35806", line="#ffffff", width=0.6),
}
KIND_KEYS = {NEVER: "never", QUIET: "quiet", HIDDEN: "hidden", NO_PLAN: "no_plan", CITY_PLAN: "city_plan",
             OWN_PLAN: "own_plan"}
COLOR_SELECTED = "#d62728"
SELECTED_WIDTH = 3.0


@dataclass(frozen=True)
class LegendEntry:
    key: str
    label: str
    style: Style


@dataclass(frozen=True)
class MapEncoding:
    """The legend of a view and, per region, the index of its legend entry."""

    title: str
    legend_title: str
    entries: list[LegendEntry]
    category: list[int]
    breaks: list[int]


def pick_colours(palette: list[str], k: int) -> list[str]:
    """``k`` colours spread evenly over a palette (the browser picks the same ones)."""
    if k <= 0:
        return []
    if k == 1:
        return [palette[len(palette) // 2]]
    return [palette[math.floor(i * (len(palette) - 1) / (k - 1) + 0.5)] for i in range(k)]


def count_breaks(values) -> list[int]:
    """Upper bounds of the count classes for these values (zeros are left to the kinds of zero)."""
    positive = np.asarray(values, dtype=float)
    positive = positive[positive > 0]
    unique = np.unique(positive)
    k = min(MAX_CLASSES, len(unique))
    if k == len(unique):
        return [int(v) for v in unique]
    return [int(b) for b in fisher_jenks_bins(positive, k)]


def class_labels(breaks: list[int]) -> list[str]:
    labels, low = [], 1
    for high in breaks:
        labels.append(str(high) if low == high else f"{low}–{high}")
        low = high + 1
    return labels


def class_of(value: float, breaks: list[int]) -> int:
    return next(i for i, high in enumerate(breaks) if value <= high)


def year_classes(month_labels: list[str]) -> list[str]:
    return sorted({label[:4] for label in month_labels})


def zero_entries(metric: str, filters_active: bool, end: str) -> list[tuple[int, LegendEntry]]:
    kinds = [NEVER] + ([QUIET] if metric == "window" else []) + ([HIDDEN] if filters_active else [])
    labels = {NEVER: message("kind.never", end=end), QUIET: message("kind.quiet"), HIDDEN: message("kind.hidden")}
    return [(kind, LegendEntry(KIND_KEYS[kind], labels[kind], KIND_STYLES[kind])) for kind in kinds]


def map_encoding(metric: str, view: RegionView, month_labels: list[str], start: int, end: int,
                 breaks: list[int], filters_active: bool, rescale: bool) -> MapEncoding:
    """Legend and per-region class for a view; ``breaks`` come from ``count_breaks``."""
    zero = zero_entries(metric, filters_active, i18n.month(month_labels[end]))
    entries = [entry for _, entry in zero]
    index_of_kind = {kind: i for i, (kind, _) in enumerate(zero)}
    category = [-1] * len(view.kind)
    if metric in ("cumulative", "window"):
        colours = pick_colours(COUNT_PALETTE, len(breaks))
        base = len(entries)
        entries += [LegendEntry(f"c{i}", label, Style(colours[i], STYLE_EDGE.line, STYLE_EDGE.width))
                    for i, label in enumerate(class_labels(breaks))]
        for r, kind in enumerate(view.kind):
            category[r] = base + class_of(view.value[r], breaks) if kind == ACTED else index_of_kind[kind]
    elif metric == "first":
        years = year_classes(month_labels)
        colours = pick_colours(YEAR_PALETTE, len(years))
        base = len(entries)
        entries += [LegendEntry(f"y{y}", y, Style(colours[i], STYLE_EDGE.line, STYLE_EDGE.width))
                    for i, y in enumerate(years)]
        for r, kind in enumerate(view.kind):
            year = month_labels[int(view.first_month[r])][:4] if kind == ACTED else None
            category[r] = base + years.index(year) if year else index_of_kind[kind]
    else:
        plan_kinds = [OWN_PLAN, CITY_PLAN, NO_PLAN]
        base = len(entries)
        entries += [LegendEntry(KIND_KEYS[k], message("kind." + KIND_KEYS[k]), KIND_STYLES[k]) for k in plan_kinds]
        for r, kind in enumerate(view.kind):
            category[r] = base + plan_kinds.index(kind) if kind in plan_kinds else index_of_kind[kind]
    title_params = {"start": i18n.month(month_labels[start]), "end": i18n.month(month_labels[end])}
    rescaled = rescale and metric in ("cumulative", "window")
    notes = ([message("legend.filtered")] if filters_active else []) + ([message("legend.rescaled")] if rescaled else [])
    legend_title = message("legend." + metric)
    if notes:
        legend_title = message("format.parenthetical", text=legend_title, note=message("format.note_separator").join(notes))
    return MapEncoding(title=message("title." + metric, **title_params), legend_title=legend_title,
                       entries=entries, category=category, breaks=list(breaks))


def view_breaks(dataset: Dataset, state: ViewState, actions: ViewActions, view: RegionView) -> list[int]:
    """Count classes for a view: from every region's count at the timeline's end (or this frame, rescaled)."""
    if state.metric not in ("cumulative", "window"):
        return []
    if state.rescale:
        return count_breaks(view.value[view.kind == ACTED])
    return count_breaks(per_region(dataset, actions.matching))


def encode_view(dataset: Dataset, state: ViewState) -> tuple[ViewActions, RegionView, MapEncoding]:
    """Everything the map needs for one view, from the reference definitions."""
    actions = view_actions(dataset, state)
    view = region_view(dataset, state, actions)
    breaks = view_breaks(dataset, state, actions, view)
    encoding = map_encoding(state.metric, view, dataset.month_labels, actions.start, actions.end, breaks,
                            state.filters_active(), state.rescale)
    return actions, view, encoding
