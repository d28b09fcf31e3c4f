"""The text beside the Analysis charts: the lag list, the ranking's note on ties, the neighbour test.

Why apart from ``analysis``: these are built from the same results the charts draw
(``analysis_data``), with every sentence taken from the message catalogue; the panel module
stays about wiring. The lag list has a row per region with a lag, so it grows with the data:
``lag_list_data`` gives its every text as plain data (Python formats each date, day count and
sentence, and is the reference the parity test holds the page to), and the browser engine lays
it out, 50 rows at a time (``assets/atlas-analysis-lists.js``), instead of Dash's renderer
building a component tree of it on every view. The ranking's note and the neighbour test are a
few sentences whatever the data, but they follow every view the tab shows, so they are handed
over the same way (``ranking_note_data``, ``neighbour_data``): no Dash component tree is left
beside the charts.
"""

from __future__ import annotations

import pandas as pd
from components.core.analysis.data import Lags, Neighbours
from components.core.analysis.figures import country_name, date_text, rank_label, shown_names
from components.core.data.columns import DATE_FORMATS
from components.core import i18n
from components.core.analysis.lag import status_counts
from components.core.i18n import message, plural
from components.panels.ids import Ids


def _date(value, precision) -> str:
    return date_text(value, precision if precision in DATE_FORMATS else "day")


BADGES = {"ahead": "badge bg-danger", "undetermined": "badge bg-secondary"}


def _days_data(value, status, low, high) -> dict | None:
    """``_days`` as data: the cell's text, and its badge's text and class when it has one."""
    if pd.isna(status):
        return None
    shown = message("lag.range", low=int(low), high=int(high)) if status == "undetermined" else str(int(value))
    return {"text": shown, **({"badge": message(f"lag.{status}"), "badgeClass": BADGES[status]} if status in BADGES else {})}


def lag_list_data(lags: Lags | None) -> dict | None:
    """The lag list for the engine: the notes (which milestone each country is measured from, then the
    counts per country and measure), the table's header and one row per region with a lag, every text
    formatted here. ``None`` when there is no lag result."""
    if lags is None:
        return None
    notes = [{"text": message("lag.milestone_refused", country=country_name(c), action=a)} for c, a in lags.refused]
    measured = set(lags.milestones["country"])
    for country, date, title in zip(lags.milestones["country"], lags.milestones["date_label"], lags.milestones["title"]):
        before, _, after = i18n.text("lag.milestone_used").partition("{title}")
        params = {"country": country_name(country), "date": i18n.label_date(date)}
        notes.append({"parts": [before.format(**params), str(title), after.format(**params)]})
    for country in dict.fromkeys(lags.table["country"]):
        if country not in measured:
            notes.append({"text": message("lag.no_milestone", country=country_name(country))})
    notes.append({"text": message("lag.rule")})
    for measure, prefix in (("first_action", ""), ("first_plan", "plan_")):
        for country, row in status_counts(lags.table, prefix).iterrows():
            notes.append({"text": message("lag.summary", country=country_name(country), measure=message(f"lag.{measure}"),
                                          ahead=row["ahead"], after=row["after"], undetermined=row["undetermined"],
                                          regions=plural("lag.regions", int(row["measured"]))),
                          "attrs": {"data-country": country, "data-measure": measure}})
    rows = lags.table[lags.table["lag_status"].notna() | lags.table["plan_lag_status"].notna()]
    return {
        "header": [message(f"lag.th.{k}") for k in ("region", "first_action", "lag", "first_plan", "plan_lag")],
        "label": message("a11y.lag_list"),
        "notes": notes,
        "rows": [{"region": r.region_id, "cells": [
            message("format.parenthetical", text=name, note=r.country),
            _date(r.first_action_date, r.first_action_precision),
            _days_data(r.lag_days, r.lag_status, r.lag_min_days, r.lag_max_days),
            _date(r.first_plan_date, r.first_plan_precision),
            _days_data(r.plan_lag_days, r.plan_lag_status, r.plan_lag_min_days, r.plan_lag_max_days),
        ]} for r, name in zip(rows.itertuples(), shown_names(rows))],
        "messages": {key: i18n.text(key) for key in ("list.shown", "list.more")},
    }


def lag_list_text(data: dict | None) -> dict:
    """What a reader sees of ``lag_list_data``: the notes, the header and each row's cells as text."""
    if data is None:
        return {"notes": [], "header": [], "rows": []}

    def days(cell):
        return "" if cell is None else cell["text"] + (f" {cell['badge']}" if "badge" in cell else "")

    return {"notes": [n["text"] if "text" in n else "".join(n["parts"]) for n in data["notes"]],
            "header": list(data["header"]),
            "rows": [[c if isinstance(c, str) else days(c) for c in r["cells"]] for r in data["rows"]]}


def ranking_note_data(ranking: pd.DataFrame | None, end: str) -> dict | None:
    """The ranking's note for the engine: the sentence on ties (always shown: the rule matters even when
    nothing ties), then the laggards' sentence when some regions never acted (else ``None``), every text
    formatted here. ``None`` when there is no ranking."""
    if ranking is None:
        return None
    acted = ranking[ranking["acted"]]
    shared = acted[acted["rank_shared"]]
    if len(shared):
        ties = message("ranking.ties", rank=rank_label(shared["rank"].iloc[0], True), tied=len(shared), acted=len(acted))
    else:
        ties = message("ranking.no_ties", rank=rank_label(3, True))
    never = ranking[~ranking["acted"]]
    laggards = None
    if len(never):
        names = i18n.join(message("format.parenthetical", text=n, note=c) for n, c in zip(shown_names(never), never["country"]))
        laggards = message("ranking.never", end=end, n=len(never), regions=names)
    return {"ties": ties, "never": laggards}


def ranking_note_text(data: dict | None) -> list[str]:
    """What a reader sees of ``ranking_note_data``: its sentences, in order."""
    return [] if data is None else [text for text in (data["ties"], data["never"]) if text]


#: The neighbour test's numbers, in the order shown, with the ids the page gives them.
NEIGHBOUR_ITEMS = ("observed", "null", "difference", "p_value")
NEIGHBOUR_IDS = {"observed": Ids.NEIGHBOUR_OBSERVED, "null": Ids.NEIGHBOUR_NULL, "difference": Ids.NEIGHBOUR_DIFFERENCE,
                 "p_value": Ids.NEIGHBOUR_P}


def neighbour_data(result: Neighbours | None) -> dict | None:
    """The permutation test for the engine: its numbers as sentences (none when no region could be used),
    its plain-language reading and its caveats (the evidence first), every text formatted here.
    ``None`` when there is no result."""
    if result is None:
        return None
    test = result.test
    items = []
    if test.regions_used:
        texts = {
            "observed": message("neighbours.observed", value=f"{test.observed_mean:.1%}"),
            "null": message("neighbours.null", value=f"{test.null_mean:.1%}", sd=f"{test.null_sd:.1%}"),
            "difference": message("neighbours.difference", difference=f"{test.difference * 100:+.1f}",
                                  low=f"{test.difference_low * 100:+.1f}", high=f"{test.difference_high * 100:+.1f}"),
            "p_value": message("neighbours.p_value", p=f"{test.p_value:.2g}", permutations=f"{test.permutations:,}",
                               seed=test.seed, regions=len(test.regions_used)),
        }
        items = [{"id": str(NEIGHBOUR_IDS[k]), "text": texts[k]} for k in NEIGHBOUR_ITEMS]
    caveats = ([{"id": str(Ids.NEIGHBOUR_EVIDENCE), "text": result.evidence}] if result.evidence else []) \
        + [{"text": c} for c in test.caveats]
    return {"items": items, "reading": test.reading, "caveatsLabel": message("neighbours.caveats"), "caveats": caveats}


def neighbour_text(data: dict | None) -> dict:
    """What a reader sees of ``neighbour_data``: the numbers, the reading, the caveats' label and caveats."""
    if data is None:
        return {"items": [], "reading": "", "label": "", "caveats": []}
    return {"items": [i["text"] for i in data["items"]], "reading": data["reading"], "label": data["caveatsLabel"],
            "caveats": [c["text"] for c in data["caveats"]]}
