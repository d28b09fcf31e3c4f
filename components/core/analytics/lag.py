"""National-to-local lag: days from a country's national milestone to each region's response.

Why against one chosen national action: "how long did the provinces take after Beijing's
plan?" needs a fixed starting line per country. The default is the country's first
national ``strategy_plan``; a caller (the Analysis view's picker) may name any other
national action of that country by ``action_id``. A negative lag means the region moved
before the milestone ("ahead"). Dates are used as written in the CSV, so a month- or
year-precision date counts from the 1st of its month or year; the precision columns let
a chart say so.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.core.columns import Col
from components.core.analytics.firsts import region_firsts

LAG_COLUMNS = [
    "region_id", "country", "name_en", "milestone_id", "milestone_date", "milestone_precision",
    "first_action_date", "first_action_precision", "lag_days", "ahead",
    "first_plan_date", "first_plan_precision", "plan_lag_days", "plan_ahead",
]
STRIP_COLUMNS = ["country", "region_id", "name_en", "measure", "date", "date_precision", "lag_days", "ahead"]
MEASURES = {"first_action": "First action", "first_plan": "First dedicated plan"}


class MilestoneError(ValueError):
    """A requested milestone that is not a national action of the country it is given for."""


def default_milestones(actions: pd.DataFrame) -> dict[str, str]:
    """Country -> action_id of its first national ``strategy_plan`` (by date, then action_id)."""
    plans = actions[(actions[Col.LEVEL] == "national") & (actions[Col.ACTION_TYPE] == "strategy_plan")]
    plans = plans.sort_values([Col.DATE, Col.ACTION_ID], kind="stable")
    return plans.groupby(Col.COUNTRY)[Col.ACTION_ID].first().to_dict()


def resolve_milestones(source: pd.DataFrame, chosen: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The milestone row per country (index country): defaults, overridden by ``chosen``."""
    ids = {**default_milestones(source), **(chosen or {})}
    by_id = source.set_index(Col.ACTION_ID)
    rows = {}
    for country, action_id in ids.items():
        if action_id not in by_id.index:
            raise MilestoneError(f"milestone for {country}: no action with action_id {action_id!r}")
        row = by_id.loc[action_id]
        if row[Col.LEVEL] != "national" or row[Col.COUNTRY] != country:
            raise MilestoneError(
                f"milestone for {country}: {action_id!r} is a {row[Col.LEVEL]} action of {row[Col.COUNTRY]}, "
                f"not a national action of {country}")
        rows[country] = {"milestone_id": action_id, "milestone_date": row[Col.DATE],
                         "milestone_precision": row[Col.DATE_PRECISION]}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["milestone_id", "milestone_date", "milestone_precision"])
    frame["milestone_date"] = pd.to_datetime(frame["milestone_date"])
    return frame


def region_lags(
    actions: pd.DataFrame,
    regions: pd.DataFrame,
    milestones: Mapping[str, str] | None = None,
    milestone_source: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per region (all regions, in ``regions`` order). Columns:

    ``region_id, country, name_en``; ``milestone_id, milestone_date, milestone_precision``;
    ``first_action_date, first_action_precision``; ``lag_days`` (Int64, first action minus
    milestone); ``ahead`` (boolean, lag < 0); ``first_plan_date, first_plan_precision``;
    ``plan_lag_days`` (Int64); ``plan_ahead``. Empty (NA/NaT) where the region has not
    acted or the country has no milestone.

    ``milestones`` maps country -> action_id to replace the default; the milestone is
    looked up in ``milestone_source`` (default ``actions``), so a view that filters out
    national actions can still measure from the full dataset's milestones. Raises
    ``MilestoneError`` for an id that is not a national action of that country.
    """
    firsts = region_firsts(actions, regions)
    chosen = resolve_milestones(actions if milestone_source is None else milestone_source, milestones)
    table = firsts.join(chosen, on="country")
    table["lag_days"] = (table["first_action_date"] - table["milestone_date"]).dt.days.astype("Int64")
    table["plan_lag_days"] = (table["first_plan_date"] - table["milestone_date"]).dt.days.astype("Int64")
    table["ahead"] = (table["lag_days"] < 0).astype("boolean")
    table["plan_ahead"] = (table["plan_lag_days"] < 0).astype("boolean")
    return table.reset_index(drop=True)[LAG_COLUMNS]


def lag_strip(lags: pd.DataFrame) -> pd.DataFrame:
    """``region_lags`` in long form for a strip plot (one scatter point per region and measure).

    Columns: ``country, region_id, name_en``; ``measure`` (``First action`` or ``First
    dedicated plan``); ``date``, ``date_precision`` (of the region's action); ``lag_days``
    (int); ``ahead`` (bool). Only regions with a lag appear.
    """
    parts = []
    for measure, label in MEASURES.items():
        lag = "lag_days" if measure == "first_action" else "plan_lag_days"
        part = pd.DataFrame({
            "country": lags["country"], "region_id": lags["region_id"], "name_en": lags["name_en"],
            "measure": label, "date": lags[f"{measure}_date"], "date_precision": lags[f"{measure}_precision"],
            "lag_days": lags[lag],
        })
        parts.append(part[part["lag_days"].notna()])
    strip = pd.concat(parts, ignore_index=True)
    strip["lag_days"] = strip["lag_days"].astype("int64")
    strip["ahead"] = strip["lag_days"] < 0
    return strip[STRIP_COLUMNS]
