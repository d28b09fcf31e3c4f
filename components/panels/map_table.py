"""The map as a table: a collapsible, sortable list of regions with the values the map shows.

Why in the browser: the table follows every view change (slider, play, filters) like the map,
so ``assets/atlas-maptable.js`` draws it from the payload into this empty frame after each
map draw, with no callback. Its rows are those of ``components.core.view.map_table`` (the parity
test checks). Choosing a region's name selects it as a click on the map would.
"""

from __future__ import annotations

from dash import html

from components.core.i18n import message
from components.panels.ids import Ids


def section(ids=Ids) -> html.Details:
    return html.Details([
        html.Summary(message("a11y.table.summary"), className="fw-semibold small"),
        html.Div(id=ids.MAP_TABLE, className="map-table-wrap"),
    ], id=ids.MAP_TABLE_DETAILS, className="map-table-details mb-2")
