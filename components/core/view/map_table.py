"""The map as a table: one row per region with the value the map shows, the reference for the browser.

Why: a choropleth is no use to a screen-reader user or to anyone who cannot tell its colours
apart. The page offers the same view as a table (``assets/atlas-maptable.js`` builds it in the
browser on every view change); this module defines its rows and cells once, in Python, so the
parity test can check the browser's table against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.core.data.columns import COUNTRIES, RegionCol
from components.core.data.dataset import Dataset
from components.core.view.encodings import MapEncoding
from components.core.view.metrics import RegionView

#: Sortable columns, in the table's order.
COLUMNS = ("name", "country", "value", "shown")


@dataclass(frozen=True)
class MapTableRow:
    region_id: str
    name: str
    country: str
    value: str   # the measure: count (cumulative, window), first month (first), plan status (plan)
    shown: str   # the legend entry the region is coloured by (a class or a kind of zero)


def value_text(metric: str, view: RegionView, region: int, month_labels: list[str], shown: str) -> str:
    if metric == "cumulative":
        return str(int(view.cumulative[region]))
    if metric == "window":
        return str(int(view.in_window[region]))
    if metric == "first":
        first = int(view.first_month[region])
        return month_labels[first] if first >= 0 else ""
    return shown


def map_table_rows(dataset: Dataset, metric: str, view: RegionView, encoding: MapEncoding) -> list[MapTableRow]:
    """Every region, by country (in ``COUNTRIES`` order) then English name."""
    regions = dataset.regions
    country_order = list(COUNTRIES)
    rows = []
    for r, region_id in enumerate(regions.index):
        shown = encoding.entries[encoding.category[r]].label
        country = regions[RegionCol.COUNTRY].iloc[r]
        rows.append((country_order.index(country), regions[RegionCol.NAME_EN].iloc[r], MapTableRow(
            region_id, regions[RegionCol.NAME_EN].iloc[r], COUNTRIES[country],
            value_text(metric, view, r, dataset.month_labels, shown), shown)))
    return [row for _, _, row in sorted(rows, key=lambda item: (item[0], item[1]))]
