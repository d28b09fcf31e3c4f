"""First movers and laggards: regions ranked by their first action, respecting date precision.

Why not a plain sort: 53 of the dataset's dates are known only to the month and 12 only
to the year, and sorting by the written date (the 1st) would put a "March 2022" region
ahead of one dated 10 March 2022 without any evidence. Here a month-precision date
counts as the whole month and a year-precision date as the whole year.

The ranking is competition ranking ("1224"), generalised to dates known to a period:

* ``rank`` = 1 + the number of regions that *certainly* acted earlier (their first
  action's period ends before this region's begins) - the best place the region can hold;
* ``rank_last`` = the number of regions that could have acted on or before it (itself
  included) - the worst place it can hold;
* ``rank_shared`` is True when another region has the same ``rank``.

With day-precision dates only this is exactly ``Series.rank(method="min")`` for ``rank``
and ``method="max"`` for ``rank_last``. A region dated only to "2022" gets the rank of
the first region of 2022 and does not push back the regions dated within 2022.
Regions that never acted are listed last with no rank: the laggards of the dataset.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.core.analysis.firsts import region_firsts

RANKING_COLUMNS = [
    "rank", "rank_last", "rank_shared", "acted", "region_id", "country", "name_en",
    "first_action_label", "first_action_date", "first_action_precision", "first_action_id", "earliest", "latest",
]


def competition_ranks(earliest: np.ndarray, latest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(best, worst) 1-based places of each period among all of them (datetime64 arrays)."""
    certainly_earlier = latest[None, :] < earliest[:, None]
    possibly_not_later = earliest[None, :] <= latest[:, None]
    return 1 + certainly_earlier.sum(axis=1), possibly_not_later.sum(axis=1)


def _rank_group(group: pd.DataFrame) -> pd.DataFrame:
    group = group.copy()
    acted = group["acted"].to_numpy()
    best, worst = competition_ranks(group.loc[acted, "earliest"].to_numpy(), group.loc[acted, "latest"].to_numpy())
    group["rank"] = pd.array([pd.NA] * len(group), dtype="Int64")
    group["rank_last"] = pd.array([pd.NA] * len(group), dtype="Int64")
    group.loc[acted, "rank"] = best
    group.loc[acted, "rank_last"] = worst
    group["rank_shared"] = group["rank"].notna() & group["rank"].duplicated(keep=False)
    return group


def first_mover_ranking(actions: pd.DataFrame, regions: pd.DataFrame, within_country: bool = False) -> pd.DataFrame:
    """Every region of ``regions``, first movers first, never-acted regions last. Columns:

    ``rank`` (Int64, NA if never acted), ``rank_last`` (Int64), ``rank_shared`` (bool),
    ``acted`` (bool), ``region_id, country, name_en``, ``first_action_label`` (date as
    precisely as known), ``first_action_date`` (as written), ``first_action_precision``,
    ``first_action_id``, ``earliest``/``latest`` (the period the first action is known to).
    ``within_country=True`` ranks each country's regions separately.
    Rows are sorted by country (if within_country), rank, earliest date, region_id.
    """
    firsts = region_firsts(actions, regions)
    groups = [g for _, g in firsts.groupby("country", sort=False)] if within_country else [firsts]
    ranked = pd.concat([_rank_group(g) for g in groups]) if groups else _rank_group(firsts)
    keys = ["country", "rank", "earliest", "region_id"] if within_country else ["rank", "earliest", "region_id"]
    ranked = ranked.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
    return ranked[RANKING_COLUMNS]
