"""Loading the bundled (or a user's) data into one immutable ``Dataset``.

Why one object: the app factory loads and validates once, precomputes the aggregates
once, and hands the same read-only value to every panel's ``register``. Nothing here
is a module global, so two apps on two datasets can live in one process (the tests do).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from components.core.data.changes import new_ids_beside
from components.core.data.columns import (
    ACTION_TYPES,
    COUNTRIES,
    DATE_FORMATS,
    DATE_PRECISIONS,
    LEVELS,
    NOVELTY,
    VERIFICATION,
    Col,
    RegionCol,
)
from components.core.data.coverage import Collection, collection_beside
from components.core.data.geometry_check import check_geojson
from components.core.data.localities import LocalityTable, locality_table
from components.core.data.schema import read_and_validate, validate_text
from components.core.data.topics import TOPICS
from components.core.data.topics import split as split_topics

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
DEFAULT_ACTIONS_PATH = DATA_DIR / "policy_actions.csv"
DEFAULT_REGIONS_PATH = DATA_DIR / "regions.geojson"
VERSION_PATH = DATA_DIR / "VERSION"
CONTEXT_REGION_ID = "TW"
FIRST_MONTH = pd.Period("2021-01", freq="M")

_DEDICATED = re.compile(r"metaverse|virtual convergence|元宇宙|메타버스|가상융합|メタバース", re.IGNORECASE)
#: The text fields a search looks in (plus the region's names).
SEARCH_FIELDS = (Col.TITLE, Col.TITLE_ORIGINAL, Col.ISSUER, Col.LOCALITY, Col.SUMMARY, Col.SOURCE_NAME, Col.TAGS)


def normalise_text(text: str) -> str:
    """Search normal form: NFKC, lower case (the browser applies the same rule)."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(frozen=True)
class ActionCodes:
    """The actions as small integer codes (row order of ``Dataset.actions``), for fast view masks.

    The browser receives the same columns in its payload, so both sides compute a view from
    identical inputs. Codes index the vocabularies in ``columns`` (and the month axis and
    region table); ``region`` is -1 for national actions.
    """

    month: np.ndarray
    country: np.ndarray
    level: np.ndarray
    region: np.ndarray
    action_type: np.ndarray
    verification: np.ndarray
    precision: np.ndarray
    plan: np.ndarray
    search_text: list[str]
    topics: np.ndarray  # one bit per topic of ``topics.TOPICS`` (bit i = the i-th topic); 0 = none
    novelty: np.ndarray | None = None  # index into columns.NOVELTY: 0 new in this version, 1 earlier


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
    codes: ActionCodes | None = None
    collection: Collection | None = None
    localities: LocalityTable | None = None
    new_ids: frozenset = frozenset()  # action ids added in this version (data/changes.csv)

    @property
    def collected_to(self) -> str:
        """The last month the data was collected for (``YYYY-MM``, on the month axis): the default window's end."""
        edge = self.collection.collected_to if self.collection else self.month_labels[-1]
        return min(max(edge, self.month_labels[0]), self.month_labels[-1])

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
    if Col.TOPICS not in actions:
        actions[Col.TOPICS] = ""
    actions[Col.DATE] = pd.to_datetime(actions[Col.DATE], format="%Y-%m-%d")
    actions[Col.MONTH] = actions[Col.DATE].dt.to_period("M")
    labels = {precision: actions[Col.DATE].dt.strftime(form) for precision, form in DATE_FORMATS.items()}
    actions[Col.DATE_LABEL] = np.select([actions[Col.DATE_PRECISION] == p for p in labels], list(labels.values()), "")
    titles = actions[Col.TITLE] + " " + actions[Col.TITLE_ORIGINAL]
    actions[Col.DEDICATED_PLAN] = (actions[Col.ACTION_TYPE] == "strategy_plan") & titles.str.contains(_DEDICATED)
    return actions.sort_values([Col.DATE, Col.ACTION_ID], kind="stable").reset_index(drop=True)


def _codes(values: pd.Series, categories: list[str]) -> np.ndarray:
    """Each value's index in ``categories`` (-1 where it is not one, e.g. a national action's empty region)."""
    index = {category: i for i, category in enumerate(categories)}
    return values.map(index).fillna(-1).to_numpy(dtype=np.int32)


def topic_bits(cells: pd.Series) -> np.ndarray:
    """Each ``topics`` cell as a bit mask over the vocabulary (unknown codes cannot reach here: the validator refuses them)."""
    bit = {code: 1 << i for i, code in enumerate(TOPICS)}
    return np.array([sum(bit[c] for c in set(split_topics(cell)) if c in bit) for cell in cells], dtype=np.int32)


def action_codes(actions: pd.DataFrame, regions: pd.DataFrame, month_labels: list[str],
                 new_ids: frozenset = frozenset()) -> ActionCodes:
    names = regions[RegionCol.NAME_EN] + " " + regions[RegionCol.NAME_LOCAL]
    region_names = actions[Col.REGION_ID].map(names).fillna("")
    first, *rest = SEARCH_FIELDS
    texts = actions[first].str.cat([actions[f] for f in rest] + [region_names], sep="\n")
    return ActionCodes(
        month=_codes(actions[Col.MONTH].dt.strftime("%Y-%m"), month_labels),
        country=_codes(actions[Col.COUNTRY], list(COUNTRIES)),
        level=_codes(actions[Col.LEVEL], list(LEVELS)),
        region=_codes(actions[Col.REGION_ID], list(regions.index)),
        action_type=_codes(actions[Col.ACTION_TYPE], list(ACTION_TYPES)),
        verification=_codes(actions[Col.VERIFICATION], list(VERIFICATION)),
        precision=_codes(actions[Col.DATE_PRECISION], list(DATE_PRECISIONS)),
        plan=actions[Col.DEDICATED_PLAN].to_numpy(dtype=bool),
        search_text=[normalise_text(t) for t in texts],
        topics=topic_bits(actions[Col.TOPICS]),
        novelty=_codes(pd.Series(np.where(actions[Col.ACTION_ID].isin(new_ids), "new", "earlier")), list(NOVELTY)),
    )


def month_axis(actions: pd.DataFrame, today: dt.date) -> list[pd.Period]:
    first = min(FIRST_MONTH, actions[Col.MONTH].min())
    last = max(pd.Period(today, freq="M"), actions[Col.MONTH].max())
    return list(pd.period_range(first, last, freq="M"))


def published_frame(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions in the published CSV layout (the bundled CSV's columns and order, dates as written): what every export writes."""
    frame = actions[Col.published()].copy()
    frame[Col.DATE] = frame[Col.DATE].dt.strftime("%Y-%m-%d")
    return frame


def load_dataset(
    actions_path: Path | str = DEFAULT_ACTIONS_PATH,
    regions_path: Path | str = DEFAULT_REGIONS_PATH,
    today: dt.date | None = None,
    version: str | None = None,
) -> Dataset:
    """Validate and load; raises ``schema.DatasetError`` listing every problem, or
    ``geometry_check.GeometryError`` when the boundary file has a ring the map would draw wrongly."""
    today = today or dt.date.today()
    geojson = check_geojson(load_geojson(regions_path), str(regions_path))
    regions = region_table(geojson)
    frame = read_and_validate(actions_path, set(regions.index), today)
    collection = collection_beside(actions_path, frame, set(regions.index))
    version = version or read_version()
    return build_dataset(frame, geojson, regions, today, version, str(actions_path), collection,
                         new_ids_beside(actions_path, version))


def load_dataset_text(text: str, geojson: dict | None = None, today: dt.date | None = None,
                      version: str = "own-data", source: str = "upload") -> Dataset:
    """``load_dataset`` for CSV text already decoded (a user's upload); raises ``schema.DatasetError``."""
    today = today or dt.date.today()
    geojson = geojson or load_geojson(DEFAULT_REGIONS_PATH)
    regions = region_table(geojson)
    frame = validate_text(text, set(regions.index), today, source)
    return build_dataset(frame, geojson, regions, today, version, source)


def build_dataset(frame: pd.DataFrame, geojson: dict, regions: pd.DataFrame, today: dt.date, version: str,
                  source_path: str, collection: Collection | None = None, new_ids: frozenset = frozenset()) -> Dataset:
    """The immutable Dataset of a validated, string-typed frame (collected to its latest action's month unless told);
    ``new_ids``: the actions added in this version (none for an upload)."""
    actions = prepare_actions(frame)
    national = actions[actions[Col.LEVEL] == "national"]
    months = month_axis(actions, today)
    return Dataset(
        actions=actions,
        regions=regions,
        geojson=geojson,
        months=months,
        version=version,
        source_path=source_path,
        national_by_country={c: g.index.to_numpy() for c, g in national.groupby(Col.COUNTRY)},
        codes=action_codes(actions, regions, [m.strftime("%Y-%m") for m in months], new_ids),
        collection=collection or Collection.of_actions(actions),
        localities=locality_table(actions),
        new_ids=frozenset(new_ids) & frozenset(actions[Col.ACTION_ID]),
    )
