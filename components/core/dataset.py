"""Loading the bundled (or a user's) data into one immutable ``Dataset``.

Why one object: the app factory loads and validates once, precomputes the aggregates
once, and hands the same read-only value to every panel's ``register``. Nothing here
is a module global, so two apps on two datasets can live in one process (the tests do).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.core.columns import DATE_FORMATS, Col, RegionCol
from components.core.schema import read_and_validate

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_ACTIONS_PATH = DATA_DIR / "policy_actions.csv"
DEFAULT_REGIONS_PATH = DATA_DIR / "regions.geojson"
VERSION_PATH = DATA_DIR / "VERSION"
CONTEXT_REGION_ID = "TW"
FIRST_MONTH = pd.Period("2021-01", freq="M")

_DEDICATED = re.compile(r"metaverse|元宇宙|메타버스|メタバース", re.IGNORECASE)


@dataclass(frozen=True)
class Dataset:
    """Validated actions, the region table, the boundary GeoJSON and the month axis."""

    actions: pd.DataFrame
    regions: pd.DataFrame
    geojson: dict
    months: list[pd.Period]
    version: str
    source_path: str = ""
    national_by_country: dict = field(default_factory=dict)

    @property
    def month_labels(self) -> list[str]:
        return [m.strftime("%Y-%m") for m in self.months]

    def region_name(self, region_id: str) -> str:
        row = self.regions.loc[region_id]
        return f"{row[RegionCol.NAME_EN]} ({row[RegionCol.NAME_LOCAL]})"


def load_geojson(path: Path | str = DEFAULT_REGIONS_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def region_table(geojson: dict) -> pd.DataFrame:
    """Counted regions (Taiwan's context shape excluded), indexed by region_id."""
    rows = [f["properties"] for f in geojson["features"]]
    table = pd.DataFrame(rows).set_index(RegionCol.REGION_ID, drop=False)
    return table[table[RegionCol.COUNTRY] != CONTEXT_REGION_ID].sort_index()


def read_version(path: Path = VERSION_PATH) -> str:
    return path.read_text(encoding="utf-8").strip() if path.exists() else "unversioned"


def prepare_actions(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed columns plus the derived month and dedicated-plan flag, sorted by date."""
    actions = frame.copy()
    actions[Col.DATE] = pd.to_datetime(actions[Col.DATE], format="%Y-%m-%d")
    actions[Col.MONTH] = actions[Col.DATE].dt.to_period("M")
    actions[Col.DATE_LABEL] = [d.strftime(DATE_FORMATS[p]) for d, p in zip(actions[Col.DATE], actions[Col.DATE_PRECISION])]
    titles = actions[Col.TITLE] + " " + actions[Col.TITLE_ORIGINAL]
    actions[Col.DEDICATED_PLAN] = (actions[Col.ACTION_TYPE] == "strategy_plan") & titles.str.contains(_DEDICATED)
    return actions.sort_values([Col.DATE, Col.ACTION_ID], kind="stable").reset_index(drop=True)


def month_axis(actions: pd.DataFrame, today: dt.date) -> list[pd.Period]:
    first = min(FIRST_MONTH, actions[Col.MONTH].min())
    last = max(pd.Period(today, freq="M"), actions[Col.MONTH].max())
    return list(pd.period_range(first, last, freq="M"))


def load_dataset(
    actions_path: Path | str = DEFAULT_ACTIONS_PATH,
    regions_path: Path | str = DEFAULT_REGIONS_PATH,
    today: dt.date | None = None,
    version: str | None = None,
) -> Dataset:
    """Validate and load; raises ``schema.DatasetError`` listing every problem."""
    today = today or dt.date.today()
    geojson = load_geojson(regions_path)
    regions = region_table(geojson)
    frame = read_and_validate(actions_path, set(regions.index), today)
    actions = prepare_actions(frame)
    national = actions[actions[Col.LEVEL] == "national"]
    return Dataset(
        actions=actions,
        regions=regions,
        geojson=geojson,
        months=month_axis(actions, today),
        version=version or read_version(),
        source_path=str(actions_path),
        national_by_country={c: g.index.to_numpy() for c, g in national.groupby(Col.COUNTRY)},
    )
