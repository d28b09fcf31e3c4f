"""Hand-built regions and actions for the analytics tests, small enough to work out by hand.

The toy map (degrees at the equator, so 1 degree is about 111.3 km):

        y=2 +-----+
            |  C  |                 C (CN): [0,1]x[1,2]
        y=1 +-----+-----+           A (CN): [0,1]x[0,1]   B (CN): [1,2]x[0,1]
      |  F  |  A  |  B  |     E     F (JP): [-1,0]x[0,1]  E (CN island): [3,3.5]x[0,0.5]
        y=0 +-----+-----+           G (JP island): [0.5,1]x[-1.3,-1]
                 G
   Shared edges: A-B, A-C, A-F. B-C and C-F meet only at a corner.
   E is 1 degree from B, 2 from A; G is 1 degree from A and B (China) and ~1.118 from F.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from components.core.data.columns import Col, RegionCol
from components.core.data.dataset import prepare_actions

TOY_SHAPES = {
    "CN-A": ("CN", box(0, 0, 1, 1)),
    "CN-B": ("CN", box(1, 0, 2, 1)),
    "CN-C": ("CN", box(0, 1, 1, 2)),
    "CN-E": ("CN", box(3, 0, 3.5, 0.5)),
    "JP-F": ("JP", box(-1, 0, 0, 1)),
    "JP-G": ("JP", box(0.5, -1.3, 1, -1)),
}


def geometries_from(shapes: dict) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            RegionCol.COUNTRY: [c for c, _ in shapes.values()],
            RegionCol.NAME_EN: [f"Region {r}" for r in shapes],
            RegionCol.NAME_LOCAL: list(shapes),
            RegionCol.TYPE: "province",
        },
        geometry=[g for _, g in shapes.values()],
        index=pd.Index(list(shapes), name=RegionCol.REGION_ID),
        crs="EPSG:4326",
    )
    return frame.sort_index()


def region_table_of(geometries: gpd.GeoDataFrame) -> pd.DataFrame:
    """The same shape as ``Dataset.regions``: plain table indexed by region_id."""
    table = pd.DataFrame(geometries.drop(columns="geometry"))
    table.insert(0, RegionCol.REGION_ID, table.index)
    return table


def grid_shapes(size: int, country: str = "CN") -> dict:
    """A size x size grid of unit squares named ``CN-r{row}c{col}``."""
    return {f"{country}-r{r}c{c}": (country, box(c, r, c + 1, r + 1)) for r in range(size) for c in range(size)}


def action(action_id: str, date: str, region: str | None, level: str = "provincial", action_type: str = "event",
           precision: str = "day", dedicated: bool = False, country: str | None = None) -> dict:
    title = "Metaverse industry plan" if dedicated else "Digital economy event"
    return {
        Col.ACTION_ID: action_id, Col.DATE: date, Col.DATE_PRECISION: precision,
        Col.COUNTRY: country or region[:2], Col.LEVEL: level, Col.REGION_ID: region or "",
        Col.LOCALITY: "" if level in ("national", "provincial") else "Somewhere",
        Col.ISSUER: "Issuer", Col.TITLE: title, Col.TITLE_ORIGINAL: "", Col.ACTION_TYPE: action_type,
        Col.SUMMARY: "Summary.", Col.SOURCE_NAME: "Source", Col.SOURCE_URL: "", Col.VERIFICATION: "reported",
        Col.TAGS: "",
    }


def actions_frame(rows: list[dict]) -> pd.DataFrame:
    columns = Col.required()
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    return prepare_actions(frame)


TOY_ACTIONS = [
    action("cn-nat-plan", "2022-03-15", None, "national", "strategy_plan", dedicated=True, country="CN"),
    action("cn-nat-law", "2022-06-01", None, "national", "law_regulation", country="CN"),
    action("cn-nat-later-plan", "2022-10-01", None, "national", "strategy_plan", country="CN"),
    action("jp-nat-plan", "2022-05-10", None, "national", "strategy_plan", country="JP"),
    action("a-own-plan", "2022-01-10", "CN-A", "provincial", "strategy_plan", dedicated=True),
    action("b-city-event", "2022-04-01", "CN-B", "municipal", "event", precision="month"),
    action("b-city-plan", "2022-07-20", "CN-B", "municipal", "strategy_plan", dedicated=True),
    action("c-district-funding", "2022-04-20", "CN-C", "district", "funding"),
    action("e-island-event", "2022-09-05", "CN-E", "provincial", "event"),
    action("f-event", "2022-08-01", "JP-F", "provincial", "event"),
]
TOY_MONTHS = list(pd.period_range("2021-12", "2022-10", freq="M"))
