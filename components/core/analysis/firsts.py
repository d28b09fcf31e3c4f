"""Each region's first sub-national action and first dedicated plan, with date precision kept.

Why one shared table: adoption curves, lags, the first-mover ranking and the neighbour
test all start from "when did this region first act?". Computing that in one place
keeps the four answers consistent, and keeps the rule for imprecise dates in one place.

Dates are used as written in the CSV (a month-precision date is written as the 1st, a
year-precision one as 1 January). Where order matters (ranking, "did a neighbour act
earlier?") a date stands for the whole period it is known to: ``earliest`` and
``latest`` bound the region's first action (a region with a 2022-03 month-precision
action and a 2022-03-10 action first acted between 1 and 10 March). One region
*certainly* acted before another when its ``latest`` falls before the other's
``earliest``; two regions whose periods overlap are in an unknown order.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from components.core.analysis.memo import ByContent, content_key
from components.core.data.columns import COUNTRIES, DATE_FORMATS, Col, RegionCol
from components.core.view.metrics import SUB_NATIONAL_LEVELS

PRECISION_FREQ = {"day": "D", "month": "M", "year": "Y"}
#: The columns ``region_firsts`` reads (and caches on).
FIRSTS_INPUT = [Col.ACTION_ID, Col.DATE, Col.DATE_PRECISION, Col.LEVEL, Col.REGION_ID, Col.DEDICATED_PLAN]
FIRST_COLUMNS = [
    "region_id", "country", "name_en", "acted",
    "first_action_id", "first_action_date", "first_action_precision", "first_action_label",
    "earliest", "latest",
    "first_plan_id", "first_plan_date", "first_plan_precision", "first_plan_earliest", "first_plan_latest",
    "first_own_plan_date", "first_own_plan_earliest", "first_own_plan_latest",
]


def sub_national(actions: pd.DataFrame) -> pd.DataFrame:
    """Provincial, municipal and district actions (those that carry a region_id)."""
    return actions[actions[Col.LEVEL].isin(SUB_NATIONAL_LEVELS)]


def known_period(actions: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day each action's date could be, given its precision."""
    written = actions[Col.DATE].to_numpy(dtype="datetime64[D]")
    precision = actions[Col.DATE_PRECISION].to_numpy()
    starts = {"day": written, "month": written.astype("datetime64[M]"), "year": written.astype("datetime64[Y]")}
    ends = {"day": written, "month": starts["month"] + 1, "year": starts["year"] + 1}
    conditions = [precision == p for p in PRECISION_FREQ]
    earliest = np.select(conditions, [starts[p].astype("datetime64[D]") for p in PRECISION_FREQ], written)
    latest = np.select(conditions, [ends[p].astype("datetime64[D]") - (p != "day") for p in PRECISION_FREQ], written)
    return (pd.Series(earliest.astype("datetime64[ns]"), index=actions.index),
            pd.Series(latest.astype("datetime64[ns]"), index=actions.index))


ORDER_STATUSES = ("ahead", "after", "undetermined")


def order_status(earliest: pd.Series, latest: pd.Series, ref_earliest: pd.Series, ref_latest: pd.Series) -> pd.Series:
    """Where a period lies against a reference period: ``ahead``, ``after`` or ``undetermined`` (NA if either is missing).

    ``ahead`` only when the whole period ends before the reference begins; ``after`` only when
    it begins after the reference ends; every overlap (a shared day included) is ``undetermined``.
    """
    known = earliest.notna() & latest.notna() & ref_earliest.notna() & ref_latest.notna()
    status = np.select([latest < ref_earliest, earliest > ref_latest], ["ahead", "after"], "undetermined")
    return pd.Series(status, index=earliest.index, dtype="string").where(known, pd.NA)


def ordered_countries(regions: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys(regions[RegionCol.COUNTRY]))
    return [c for c in COUNTRIES if c in present] + [c for c in present if c not in COUNTRIES]


def _first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    ordered = frame.sort_values([Col.DATE, Col.ACTION_ID], kind="stable")
    return ordered.groupby(Col.REGION_ID).head(1).set_index(Col.REGION_ID)


def region_firsts(actions: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per region of ``regions`` (all of them, acted or not), indexed by region_id.

    Columns: ``region_id, country, name_en, acted`` (bool); ``first_action_id``,
    ``first_action_date`` (datetime as written), ``first_action_precision``,
    ``first_action_label`` (the date as precisely as known, e.g. ``2022-03``);
    ``earliest``/``latest`` (bounds of the first action, see the module docstring);
    ``first_plan_id``, ``first_plan_date``, ``first_plan_precision`` (first dedicated plan
    at any sub-national level in the region); ``first_own_plan_date`` (first dedicated
    plan by the provincial-level body itself). Missing values are NaT / NA.
    Cached by the content of the columns it reads (``FIRSTS_INPUT``): the callers that share
    a view's actions compute it once.
    """
    needed = actions[FIRSTS_INPUT]
    key = (content_key(needed), tuple(regions.index), tuple(regions[RegionCol.COUNTRY]), tuple(regions[RegionCol.NAME_EN]))
    return _region_firsts(ByContent(key, (needed, regions))).copy()


@functools.lru_cache(maxsize=32)
def _region_firsts(inputs: ByContent) -> pd.DataFrame:
    regional, regions = inputs.value
    regional = regional[regional[Col.LEVEL].isin(SUB_NATIONAL_LEVELS) & regional[Col.REGION_ID].isin(regions.index)]
    earliest, latest = known_period(regional)
    first = _first_rows(regional)
    plans = regional[regional[Col.DEDICATED_PLAN].astype(bool)]
    first_plan = _first_rows(plans)
    own_plan = _first_rows(plans[plans[Col.LEVEL] == "provincial"])

    table = pd.DataFrame(index=regions.index.rename(None))
    table["region_id"] = regions.index
    table["country"] = regions[RegionCol.COUNTRY]
    table["name_en"] = regions[RegionCol.NAME_EN]
    table["first_action_id"] = first[Col.ACTION_ID].reindex(table.index)
    table["first_action_date"] = pd.to_datetime(first[Col.DATE].reindex(table.index))
    table["first_action_precision"] = first[Col.DATE_PRECISION].reindex(table.index)
    table["acted"] = table["first_action_date"].notna()
    table["first_action_label"] = [
        d.strftime(DATE_FORMATS[p]) if ok else pd.NA
        for d, p, ok in zip(table["first_action_date"], table["first_action_precision"], table["acted"])
    ]
    table["earliest"], table["latest"] = _bounds(regional, earliest, latest, table.index)
    table["first_plan_id"] = first_plan[Col.ACTION_ID].reindex(table.index)
    table["first_plan_date"] = pd.to_datetime(first_plan[Col.DATE].reindex(table.index))
    table["first_plan_precision"] = first_plan[Col.DATE_PRECISION].reindex(table.index)
    table["first_plan_earliest"], table["first_plan_latest"] = _bounds(plans, earliest, latest, table.index)
    table["first_own_plan_date"] = pd.to_datetime(own_plan[Col.DATE].reindex(table.index))
    own = plans[plans[Col.LEVEL] == "provincial"]
    table["first_own_plan_earliest"], table["first_own_plan_latest"] = _bounds(own, earliest, latest, table.index)
    return table[FIRST_COLUMNS]


def _bounds(subset: pd.DataFrame, earliest: pd.Series, latest: pd.Series, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Per region, the period its first action of ``subset`` lies in: [min of earliest days, min of latest days]."""
    by_region = subset[Col.REGION_ID]
    return (pd.to_datetime(earliest[subset.index].groupby(by_region).min().reindex(index)),
            pd.to_datetime(latest[subset.index].groupby(by_region).min().reindex(index)))
