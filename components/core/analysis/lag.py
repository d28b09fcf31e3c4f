"""National-to-local lag: days from a country's national milestone to each region's response.

Why against one chosen national action: "how long did the provinces take after Beijing's
plan?" needs a fixed starting line per country. The default is the country's first
national ``strategy_plan``; a caller (the Analysis view's picker) may name any other
national action of that country by ``action_id``.

Why a status beside the days: a date known only to the month or the year stands for the
whole month or year (``firsts.known_period``), and so does the milestone's. The order of the
two is known only when the periods do not overlap:

* ``ahead``: the region's whole period ends before the milestone's begins;
* ``after``: the region's period begins after the milestone's ends;
* ``undetermined``: the periods overlap (a region known only to "2022" against a milestone
  of 1 November 2022; "June 2022" against 3 June 2022; the same day).

``lag_days`` (first action as written minus milestone as written) is given only when the
status is ahead or after, and is empty when it is undetermined; ``lag_min_days`` and
``lag_max_days`` always give the range the two periods allow, which is what the chart
draws for an undetermined region.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.core.analysis.firsts import known_period, order_status, region_firsts
from components.core.data.columns import Col

LAG_COLUMNS = [
    "region_id", "country", "name_en", "milestone_id", "milestone_date", "milestone_precision",
    "first_action_date", "first_action_precision", "lag_status", "lag_days", "lag_min_days", "lag_max_days", "ahead",
    "first_plan_date", "first_plan_precision", "plan_lag_status", "plan_lag_days", "plan_lag_min_days",
    "plan_lag_max_days", "plan_ahead",
]
STRIP_COLUMNS = ["country", "region_id", "name_en", "measure", "date", "date_precision", "lag_status", "lag_days",
                 "lag_min_days", "lag_max_days", "ahead"]
MEASURES = {"first_action": "First action", "first_plan": "First dedicated plan"}
#: (prefix of the lag columns, prefix of the region's period columns in ``region_firsts``) per measure.
_PERIODS = {"first_action": ("", ""), "first_plan": ("plan_", "first_plan_")}


class MilestoneError(ValueError):
    """A requested milestone that is not a national action of the country it is given for."""


def default_milestones(actions: pd.DataFrame) -> dict[str, str]:
    """Country -> action_id of its first national ``strategy_plan`` (by date, then action_id)."""
    plans = actions[(actions[Col.LEVEL] == "national") & (actions[Col.ACTION_TYPE] == "strategy_plan")]
    plans = plans.sort_values([Col.DATE, Col.ACTION_ID], kind="stable")
    return plans.groupby(Col.COUNTRY)[Col.ACTION_ID].first().to_dict()


MILESTONE_COLUMNS = ["milestone_id", "milestone_date", "milestone_precision", "milestone_earliest", "milestone_latest"]


def resolve_milestones(source: pd.DataFrame, chosen: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The milestone row per country (index country): defaults, overridden by ``chosen``; with its period."""
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
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=MILESTONE_COLUMNS[:3])
    frame["milestone_date"] = pd.to_datetime(frame["milestone_date"])
    written = frame.rename(columns={"milestone_date": Col.DATE, "milestone_precision": Col.DATE_PRECISION})
    frame["milestone_earliest"], frame["milestone_latest"] = known_period(written)
    return frame


def _days(delta: pd.Series) -> pd.Series:
    return delta.dt.days.astype("Int64")


def region_lags(
    actions: pd.DataFrame,
    regions: pd.DataFrame,
    milestones: Mapping[str, str] | None = None,
    milestone_source: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per region (all regions, in ``regions`` order). Columns:

    ``region_id, country, name_en``; ``milestone_id, milestone_date, milestone_precision``;
    ``first_action_date, first_action_precision``; ``lag_status`` (``ahead``/``after``/
    ``undetermined``, see the module docstring); ``lag_days`` (Int64, first action minus
    milestone as written; NA when undetermined); ``lag_min_days``/``lag_max_days`` (the range
    the two periods allow); ``ahead`` (boolean, status is ahead); the same for the first
    dedicated plan with the prefix ``plan_``. Empty (NA/NaT) where the region has not acted or
    the country has no milestone.

    ``milestones`` maps country -> action_id to replace the default; the milestone is
    looked up in ``milestone_source`` (default ``actions``), so a view that filters out
    national actions can still measure from the full dataset's milestones. Raises
    ``MilestoneError`` for an id that is not a national action of that country.
    """
    firsts = region_firsts(actions, regions)
    chosen = resolve_milestones(actions if milestone_source is None else milestone_source, milestones)
    table = firsts.join(chosen, on="country")
    for measure, (prefix, period) in _PERIODS.items():
        earliest, latest = table[f"{period}earliest"], table[f"{period}latest"]
        status = order_status(earliest, latest, table["milestone_earliest"], table["milestone_latest"])
        written = _days(table[f"{measure}_date"] - table["milestone_date"])
        table[f"{prefix}lag_status"] = status
        table[f"{prefix}lag_days"] = written.where(status.isin(["ahead", "after"]).fillna(False), pd.NA)
        table[f"{prefix}lag_min_days"] = _days(earliest - table["milestone_latest"])
        table[f"{prefix}lag_max_days"] = _days(latest - table["milestone_earliest"])
        table[f"{prefix}ahead"] = (status == "ahead").astype("boolean")
    return table.reset_index(drop=True)[LAG_COLUMNS]


def lag_strip(lags: pd.DataFrame) -> pd.DataFrame:
    """``region_lags`` in long form for a strip plot (one point or span per region and measure).

    Columns: ``country, region_id, name_en``; ``measure`` (``First action`` or ``First
    dedicated plan``); ``date``, ``date_precision`` (of the region's action); ``lag_status``;
    ``lag_days`` (Int64, NA when undetermined); ``lag_min_days``, ``lag_max_days`` (int);
    ``ahead`` (bool). Only regions measured against a milestone appear.
    """
    parts = []
    for measure, label in MEASURES.items():
        prefix = _PERIODS[measure][0]
        part = pd.DataFrame({
            "country": lags["country"], "region_id": lags["region_id"], "name_en": lags["name_en"],
            "measure": label, "date": lags[f"{measure}_date"], "date_precision": lags[f"{measure}_precision"],
            "lag_status": lags[f"{prefix}lag_status"], "lag_days": lags[f"{prefix}lag_days"],
            "lag_min_days": lags[f"{prefix}lag_min_days"], "lag_max_days": lags[f"{prefix}lag_max_days"],
        })
        parts.append(part[part["lag_status"].notna()])
    strip = pd.concat(parts, ignore_index=True)
    for column in ("lag_min_days", "lag_max_days"):
        strip[column] = strip[column].astype("int64")
    strip["lag_days"] = strip["lag_days"].astype("Int64")
    strip["ahead"] = (strip["lag_status"] == "ahead").astype(bool)
    return strip[STRIP_COLUMNS]


def status_counts(lags: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """Per country: regions measured and how many are ahead, after and undetermined (columns of those names)."""
    measured = lags[lags[f"{prefix}lag_status"].notna()]
    counts = pd.crosstab(measured["country"], measured[f"{prefix}lag_status"]).reindex(
        index=list(dict.fromkeys(measured["country"])), columns=["ahead", "after", "undetermined"], fill_value=0)
    counts.insert(0, "measured", counts.sum(axis=1))
    counts.columns.name = None
    return counts.astype(int)
