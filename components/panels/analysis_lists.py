"""The text beside the Analysis charts: the lag list, the ranking's note on ties, the neighbour test.

Why apart from ``analysis``: these are plain Dash HTML trees built from the same results the
charts draw (``analysis_data``), with every sentence taken from the message catalogue; the
panel module stays about wiring. The lag list's rows (a few hundred cells per view) are
written directly in the form Dash sends components in (``cell``), which costs a tenth of
constructing ``html`` component objects that are serialised to that same form at once.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from components.core.analysis.data import Lags, Neighbours
from components.core.analysis.figures import country_name, date_text, rank_label, shown_names
from components.core.data.columns import DATE_FORMATS
from components.core import i18n
from components.core.analysis.lag import status_counts
from components.core.i18n import message, plural
from components.panels import language
from components.panels.ids import Ids


def _date(value, precision) -> str:
    return date_text(value, precision if precision in DATE_FORMATS else "day")


def cell(tag: str, children=None, **props) -> dict:
    """An ``html`` component in its wire form (what ``to_plotly_json`` would produce)."""
    return {"type": tag, "namespace": "dash_html_components", "props": {**props, "children": children}}


BADGES = {"ahead": "badge bg-danger", "undetermined": "badge bg-secondary"}


def _days(value, status, low, high) -> list:
    """The lag cell: days (ahead: with a badge), or the range an undetermined order allows, with its badge."""
    if pd.isna(status):
        return []
    shown = message("lag.range", low=int(low), high=int(high)) if status == "undetermined" else str(int(value))
    badge = [" ", cell("Span", message(f"lag.{status}"), className=BADGES[status])] if status in BADGES else []
    return [shown, *badge]


def lag_summary(lags: Lags) -> list:
    """Per country and measure: how many regions are ahead, after and undetermined (counted by the same rule as drawn)."""
    lines = [html.Li(message("lag.rule"))]
    for measure, prefix in (("first_action", ""), ("first_plan", "plan_")):
        for country, row in status_counts(lags.table, prefix).iterrows():
            lines.append(html.Li(message("lag.summary", country=country_name(country), measure=message(f"lag.{measure}"),
                                         ahead=row["ahead"], after=row["after"], undetermined=row["undetermined"],
                                         regions=plural("lag.regions", int(row["measured"]))),
                                 **{"data-country": country, "data-measure": measure}))
    return lines


def lag_list(lags: Lags | None) -> list:
    """Which milestone each country is measured from, then one row per region with a lag."""
    if lags is None:
        return []
    notes = [html.Li(message("lag.milestone_refused", country=country_name(c), action=a)) for c, a in lags.refused]
    measured = set(lags.milestones["country"])
    for country, date, title in zip(lags.milestones["country"], lags.milestones["date_label"], lags.milestones["title"]):
        notes.append(html.Li(language.with_data_field("lag.milestone_used", "title", title, country=country_name(country),
                                                      date=i18n.label_date(date))))
    for country in dict.fromkeys(lags.table["country"]):
        if country not in measured:
            notes.append(html.Li(message("lag.no_milestone", country=country_name(country))))
    notes += lag_summary(lags)
    rows = lags.table[lags.table["lag_status"].notna() | lags.table["plan_lag_status"].notna()]
    header = html.Thead(html.Tr([html.Th(message(f"lag.th.{k}")) for k in ("region", "first_action", "lag", "first_plan",
                                                                             "plan_lag")]))
    body = html.Tbody([
        cell("Tr", [
            cell("Td", message("format.parenthetical", text=name, note=r.country)),
            cell("Td", _date(r.first_action_date, r.first_action_precision)),
            cell("Td", _days(r.lag_days, r.lag_status, r.lag_min_days, r.lag_max_days), className="text-end"),
            cell("Td", _date(r.first_plan_date, r.first_plan_precision)),
            cell("Td", _days(r.plan_lag_days, r.plan_lag_status, r.plan_lag_min_days, r.plan_lag_max_days),
                 className="text-end"),
        ], **{"data-region": r.region_id})
        for r, name in zip(rows.itertuples(), shown_names(rows))
    ])
    return [html.Ul(notes, className="small mb-1"),
            html.Div(html.Table([header, body], className="table table-sm small mb-0"), className="lag-list",
                     tabIndex="0", role="region", **{"aria-label": message("a11y.lag_list")})]


def ranking_note(ranking: pd.DataFrame | None, end: str) -> list:
    """The sentence on ties (always shown: the rule matters even when nothing ties), then the laggards."""
    if ranking is None:
        return []
    acted = ranking[ranking["acted"]]
    shared = acted[acted["rank_shared"]]
    if len(shared):
        ties = message("ranking.ties", rank=rank_label(shared["rank"].iloc[0], True), tied=len(shared), acted=len(acted))
    else:
        ties = message("ranking.no_ties", rank=rank_label(3, True))
    never = ranking[~ranking["acted"]]
    parts = [html.Span(ties, id=Ids.RANKING_TIES)]
    if len(never):
        names = i18n.join(message("format.parenthetical", text=n, note=c) for n, c in zip(shown_names(never), never["country"]))
        parts += [html.Br(), html.Span(message("ranking.never", end=end, n=len(never), regions=names))]
    return parts


def neighbour_stats(result: Neighbours | None) -> list:
    """The permutation test in numbers, its plain-language reading and its caveats."""
    if result is None:
        return []
    test = result.test
    items = []
    if test.regions_used:
        items = [
            html.Li(message("neighbours.observed", value=f"{test.observed_mean:.1%}"), id=Ids.NEIGHBOUR_OBSERVED),
            html.Li(message("neighbours.null", value=f"{test.null_mean:.1%}", sd=f"{test.null_sd:.1%}"), id=Ids.NEIGHBOUR_NULL),
            html.Li(message("neighbours.difference", difference=f"{test.difference * 100:+.1f}",
                            low=f"{test.difference_low * 100:+.1f}", high=f"{test.difference_high * 100:+.1f}"),
                    id=Ids.NEIGHBOUR_DIFFERENCE),
            html.Li(message("neighbours.p_value", p=f"{test.p_value:.2g}", permutations=f"{test.permutations:,}",
                            seed=test.seed, regions=len(test.regions_used)), id=Ids.NEIGHBOUR_P),
        ]
    return [
        html.Ul(items, className="small mb-1"),
        html.P(test.reading, className="small mb-1", id=Ids.NEIGHBOUR_READING),
        html.Details([html.Summary(message("neighbours.caveats"), className="small fw-semibold"),
                      html.Ul([html.Li(result.evidence, id=Ids.NEIGHBOUR_EVIDENCE)] * bool(result.evidence)
                              + [html.Li(c) for c in test.caveats], className="small")]),
    ]
