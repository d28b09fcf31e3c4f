"""Level and kind of action over time, and the quarterly "hype cycle" of activity.

Why long, zero-filled frames: a stacked bar chart needs a value for every period and
category even when nothing happened (otherwise stacks shift and bars vanish), and a
long frame plots directly (one trace per category, x = period). Periods cover the
dataset's whole month axis (``Dataset.months``), regrouped into quarters on request.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS, Col

CATEGORIES = {"level": (Col.LEVEL, list(LEVELS)), "action_type": (Col.ACTION_TYPE, list(ACTION_TYPES))}
FREQUENCIES = {"month": "M", "quarter": "Q"}
HYPE_COLUMNS = ["country", "period", "period_start", "actions"]


def period_axis(months: Sequence[pd.Period], freq: str = "month") -> pd.PeriodIndex:
    """The month axis, or the quarters it spans."""
    code = FREQUENCIES[freq]
    axis = pd.PeriodIndex(list(months), freq="M")
    return pd.period_range(axis[0].asfreq(code), axis[-1].asfreq(code), freq=code)


def period_label(axis: pd.PeriodIndex) -> pd.Index:
    """``2022-03`` for months, ``2022-Q1`` for quarters."""
    return axis.strftime("%Y-%m") if axis.freqstr.startswith("M") else axis.strftime("%Y-Q%q")


def counts_over_time(
    actions: pd.DataFrame,
    months: Sequence[pd.Period],
    by: str = "level",
    freq: str = "month",
    countries: Sequence[str] = tuple(COUNTRIES),
) -> pd.DataFrame:
    """Actions per country, period and category, every combination present (zeros included).

    ``by``: ``level`` (national, provincial, municipal, district) or ``action_type``
    (codebook order); ``freq``: ``month`` or ``quarter``. Columns: ``country``,
    ``period`` (``YYYY-MM`` or ``YYYY-Qn``), ``period_start`` (datetime, for date axes),
    ``<by>`` (the category code), ``count``. Actions dated outside the axis are dropped.
    """
    column, categories = CATEGORIES[by]
    axis = period_axis(months, freq)
    periods = actions[Col.DATE].dt.to_period(axis.freqstr)
    counted = actions.assign(_period=periods).groupby([Col.COUNTRY, "_period", column]).size()
    grid = pd.MultiIndex.from_product([list(countries), axis, categories], names=["country", "period", by])
    counted.index = counted.index.set_names(["country", "period", by])
    frame = counted.reindex(grid, fill_value=0).rename("count").reset_index()
    frame["period_start"] = pd.PeriodIndex(frame["period"]).start_time
    frame["period"] = period_label(pd.PeriodIndex(frame["period"]))
    frame["count"] = frame["count"].astype(int)
    return frame[["country", "period", "period_start", by, "count"]]


def hype_cycle(actions: pd.DataFrame, months: Sequence[pd.Period], countries: Sequence[str] = tuple(COUNTRIES)) -> pd.DataFrame:
    """All actions (every level and type in ``actions``) per country and quarter.

    Columns: ``country``, ``period`` (``YYYY-Qn``), ``period_start``, ``actions``.
    """
    by_level = counts_over_time(actions, months, by="level", freq="quarter", countries=countries)
    totals = by_level.groupby(["country", "period", "period_start"], sort=False)["count"].sum()
    return totals.rename("actions").reset_index()[HYPE_COLUMNS]
