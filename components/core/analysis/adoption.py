"""Adoption curves: how many of a country's first-level regions had acted, month by month.

Why cumulative counts of regions rather than of actions: the question is how far policy
has spread across the country, so Shanghai's twentieth action counts for nothing more
than its first. A region has acted by month M when it has at least one sub-national
action (provincial, municipal or district) whose date, as written in the CSV, falls on
or before the last day of M. The denominator is every first-level region of the
country in the boundary file (China 33 = 31 + Hong Kong + Macao, South Korea 17, Japan
47), whether or not the dataset mentions it.

Dates are periods (``firsts``): a region counts as having acted by month M only when the
whole period of its first action ends by M's last day, so a region known only to "2022" has
certainly acted by December 2022, not by January. ``regions_maybe_acted`` counts the regions
whose period has begun by then but not ended: they may have acted, and the chart's hover says so.

The national milestones (each country's national ``strategy_plan`` and
``law_regulation`` actions) are returned as a separate frame so a chart can draw them
as vertical lines over the curves.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from components.core.analysis.firsts import ordered_countries, region_firsts
from components.core.data.columns import Col

ADOPTION_COLUMNS = [
    "country", "month", "regions_total", "regions_acted", "share_acted",
    "regions_with_plan", "share_with_plan", "regions_with_own_plan", "regions_maybe_acted",
]
MILESTONE_TYPES = ("strategy_plan", "law_regulation")
MILESTONE_COLUMNS = ["country", "action_id", "date", "date_precision", "date_label", "month", "action_type", "title"]


def _cumulative(dates: pd.Series, month_ends: np.ndarray) -> np.ndarray:
    known = np.sort(dates.dropna().to_numpy(dtype="datetime64[ns]"))
    return np.searchsorted(known, month_ends, side="right")


def adoption_curves(actions: pd.DataFrame, regions: pd.DataFrame, months: Sequence[pd.Period]) -> pd.DataFrame:
    """Per country and month of ``months`` (every month, in order), columns:

    ``country``; ``month`` (``YYYY-MM``); ``regions_total``; ``regions_acted`` (regions
    that certainly had a sub-national action by the end of the month); ``share_acted`` (acted /
    total); ``regions_with_plan`` (regions with a dedicated plan by their provincial
    body or by a city or district inside them); ``share_with_plan``;
    ``regions_with_own_plan`` (a dedicated plan by the provincial-level body itself);
    ``regions_maybe_acted`` (regions whose first action's period has begun but not ended).
    ``actions`` may be any filtered frame; only its sub-national rows count.
    """
    firsts = region_firsts(actions, regions)
    axis = pd.PeriodIndex(list(months), freq="M")
    month_ends = axis.end_time.to_numpy(dtype="datetime64[ns]")
    frames = []
    for country in ordered_countries(regions):
        rows = firsts[firsts["country"] == country]
        total = len(rows)
        acted = _cumulative(rows["latest"], month_ends)
        with_plan = _cumulative(rows["first_plan_latest"], month_ends)
        frames.append(pd.DataFrame({
            "country": country,
            "month": axis.strftime("%Y-%m"),
            "regions_total": total,
            "regions_acted": acted,
            "share_acted": acted / total,
            "regions_with_plan": with_plan,
            "share_with_plan": with_plan / total,
            "regions_with_own_plan": _cumulative(rows["first_own_plan_latest"], month_ends),
            "regions_maybe_acted": _cumulative(rows["earliest"], month_ends) - acted,
        }))
    if not frames:
        return pd.DataFrame(columns=ADOPTION_COLUMNS)
    return pd.concat(frames, ignore_index=True)[ADOPTION_COLUMNS]


def national_milestones(actions: pd.DataFrame) -> pd.DataFrame:
    """National ``strategy_plan`` and ``law_regulation`` actions, by country then date.

    Columns: ``country, action_id, date`` (datetime as written), ``date_precision``,
    ``date_label`` (as precisely as known), ``month`` (``YYYY-MM``), ``action_type``, ``title``.
    """
    national = actions[(actions[Col.LEVEL] == "national") & actions[Col.ACTION_TYPE].isin(MILESTONE_TYPES)]
    national = national.sort_values([Col.COUNTRY, Col.DATE, Col.ACTION_ID], kind="stable")
    return pd.DataFrame({
        "country": national[Col.COUNTRY],
        "action_id": national[Col.ACTION_ID],
        "date": national[Col.DATE],
        "date_precision": national[Col.DATE_PRECISION],
        "date_label": national[Col.DATE_LABEL],
        "month": national[Col.DATE].dt.strftime("%Y-%m"),
        "action_type": national[Col.ACTION_TYPE],
        "title": national[Col.TITLE],
    }, columns=MILESTONE_COLUMNS).reset_index(drop=True)
