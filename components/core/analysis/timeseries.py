"""Level and kind of action over time, and the quarterly "hype cycle" of activity.

Why long, zero-filled frames: a stacked bar chart needs a value for every period and
category even when nothing happened (otherwise stacks shift and bars vanish), and a
long frame plots directly (one trace per category, x = period). Periods cover the
months asked for (a view's window, cut at the month the data was collected to), regrouped
into quarters on request.

Why ``months_covered``: a quarter only partly on the axis (the quarter the collection ends
in, or the one a window starts in) holds fewer months of data than a full one; its count is
not comparable, and a chart must say so rather than draw it as a fall. Nothing is counted,
and no zero is written, for a month not given.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.core.data.columns import ACTION_TYPES, COUNTRIES, LEVELS, Col

CATEGORIES = {"level": (Col.LEVEL, list(LEVELS)), "action_type": (Col.ACTION_TYPE, list(ACTION_TYPES))}
FREQUENCIES = {"month": "M", "quarter": "Q"}
HYPE_COLUMNS = ["country", "period", "period_start", "actions", "months_covered", "partial"]


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
    ``<by>`` (the category code), ``count``, ``months_covered`` (months of the period on the
    axis: 1 per month, up to 3 per quarter). Actions dated outside the months are dropped.
    """
    column, categories = CATEGORIES[by]
    if not len(months):
        return pd.DataFrame(columns=["country", "period", "period_start", by, "count", "months_covered"])
    axis = period_axis(months, freq)
    given = pd.PeriodIndex(list(months), freq="M")
    covered = pd.Series(given.asfreq(axis.freqstr)).value_counts()
    actions = actions[actions[Col.DATE].dt.to_period("M").isin(given)]
    periods = actions[Col.DATE].dt.to_period(axis.freqstr)
    counted = actions.assign(_period=periods).groupby([Col.COUNTRY, "_period", column]).size()
    grid = pd.MultiIndex.from_product([list(countries), axis, categories], names=["country", "period", by])
    counted.index = counted.index.set_names(["country", "period", by])
    frame = counted.reindex(grid, fill_value=0).rename("count").reset_index()
    frame["period_start"] = pd.PeriodIndex(frame["period"]).start_time
    frame["months_covered"] = frame["period"].map(covered).fillna(0).astype(int)
    frame["period"] = period_label(pd.PeriodIndex(frame["period"]))
    frame["count"] = frame["count"].astype(int)
    return frame[["country", "period", "period_start", by, "count", "months_covered"]]


def hype_cycle(actions: pd.DataFrame, months: Sequence[pd.Period], countries: Sequence[str] = tuple(COUNTRIES)) -> pd.DataFrame:
    """All actions (every level and type in ``actions``) per country and quarter of ``months``.

    Columns: ``country``, ``period`` (``YYYY-Qn``), ``period_start``, ``actions``,
    ``months_covered`` (1-3), ``partial`` (fewer than 3 months of the quarter given).
    """
    by_level = counts_over_time(actions, months, by="level", freq="quarter", countries=countries)
    totals = by_level.groupby(["country", "period", "period_start", "months_covered"], sort=False)["count"].sum()
    frame = totals.rename("actions").reset_index()
    frame["partial"] = frame["months_covered"] < 3
    return frame[HYPE_COLUMNS]
