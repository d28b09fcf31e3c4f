"""Cities and districts that acted, as points: where each stands and how many actions it has in a view.

Why: city and district actions count towards their province on the choropleth, which hides
Hangzhou against Ningbo or Busan's districts. The optional cities layer (``cities=1``) draws one
point per locality that acted, placed by GeoNames through ``data/localities.csv``
(``scripts/resolve_localities.py`` builds it; no coordinate is typed by hand). A point is a
GeoNames place: two spellings of one district, or a district placed at its city, share it.

This module is the reference for the layer's numbers: the browser counts the same way
(``assets/atlas-cities.js``) and the parity test compares the two.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from components.core.columns import Col

DEFAULT_LOCALITIES_PATH = Path(__file__).resolve().parents[2] / "data" / "localities.csv"
COLUMNS = ["region_id", "locality", "match", "geonames_id", "name", "lon", "lat", "admin1"]
MATCHES = ("exact", "city", "none")
#: Point diameters in px: the smallest count and the largest count of a view (area grows with the count).
POINT_MIN_PX, POINT_MAX_PX = 6.0, 18.0
#: The optional upload column naming a row's GeoNames place.
LOCALITY_ID = "locality_id"


@dataclass(frozen=True)
class Place:
    geonames_id: str
    name: str
    lon: float
    lat: float
    region_id: str


@dataclass(frozen=True)
class Gazetteer:
    """The resolved table: per ``(region_id, locality)`` its match and place; the places by GeoNames id."""

    rows: dict[tuple[str, str], tuple[str, str]]   # (region, locality) -> (match, geonames id or "")
    places: dict[str, Place]


def read_localities(path: Path | str = DEFAULT_LOCALITIES_PATH) -> Gazetteer:
    rows, places = {}, {}
    path = Path(path)
    if not path.exists():
        return Gazetteer(rows, places)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["region_id"], row["locality"])
            rows[key] = (row["match"], row["geonames_id"])
            if row["geonames_id"]:
                places.setdefault(row["geonames_id"], Place(row["geonames_id"], row["name"], float(row["lon"]),
                                                             float(row["lat"]), row["region_id"]))
    return Gazetteer(rows, places)


_GAZETTEERS: dict[str, Gazetteer] = {}


def gazetteer(path: Path | str = DEFAULT_LOCALITIES_PATH) -> Gazetteer:
    key = str(path)
    if key not in _GAZETTEERS:
        _GAZETTEERS[key] = read_localities(path)
    return _GAZETTEERS[key]


@dataclass(frozen=True)
class LocalityTable:
    """The places of a dataset's actions (sorted by GeoNames id) and, per action, its place's index (-1: none)."""

    ids: list[str]
    names: list[str]
    lon: list[float]
    lat: list[float]
    region: list[str]
    localities: list[list[str]]   # per place: the localities as written in the data that it stands for
    of_action: np.ndarray


def locality_table(actions, table: Gazetteer | None = None) -> LocalityTable:
    """Places for a frame of actions: a row's ``locality_id`` where it names a known place, else its
    ``(region_id, locality)`` as resolved in ``data/localities.csv``."""
    table = table or gazetteer()
    explicit = actions[LOCALITY_ID].tolist() if LOCALITY_ID in actions.columns else [""] * len(actions)
    chosen = []
    for region, locality, level, given in zip(actions[Col.REGION_ID], actions[Col.LOCALITY], actions[Col.LEVEL],
                                              explicit):
        if level not in ("municipal", "district"):
            chosen.append("")
        elif str(given).strip() in table.places:
            chosen.append(str(given).strip())
        else:
            chosen.append(table.rows.get((region, str(locality).strip()), ("none", ""))[1])
    ids = sorted({c for c in chosen if c}, key=int)
    index = {g: i for i, g in enumerate(ids)}
    written: list[list[str]] = [[] for _ in ids]
    for g, locality in zip(chosen, actions[Col.LOCALITY]):
        if g and locality.strip() not in written[index[g]]:
            written[index[g]].append(locality.strip())
    places = [table.places[g] for g in ids]
    return LocalityTable(ids=ids, names=[p.name for p in places], lon=[p.lon for p in places],
                         lat=[p.lat for p in places], region=[p.region_id for p in places],
                         localities=[sorted(w) for w in written],
                         of_action=np.array([index.get(c, -1) for c in chosen], dtype=np.int32))


def unmatched(actions, table: Gazetteer | None = None) -> list[tuple[int, str, str, str]]:
    """(row index, region_id, locality, why) of each municipal or district action the layer cannot place."""
    table = table or gazetteer()
    explicit = actions[LOCALITY_ID].tolist() if LOCALITY_ID in actions.columns else [""] * len(actions)
    out = []
    for i, (region, locality, level, given) in enumerate(zip(actions[Col.REGION_ID], actions[Col.LOCALITY],
                                                             actions[Col.LEVEL], explicit)):
        if level not in ("municipal", "district"):
            continue
        given = str(given).strip()
        if given:
            if given not in table.places:
                out.append((i, region, locality, f"locality_id {given} is not a place in data/localities.csv"))
            continue
        match = table.rows.get((region, locality.strip()))
        if match is None:
            out.append((i, region, locality, "not in data/localities.csv (python -m scripts.resolve_localities)"))
        elif match[0] == "none":
            out.append((i, region, locality, "no GeoNames place matches it (data/localities.csv: match none)"))
    return out


def point_counts(of_action: np.ndarray, n_places: int, keep: np.ndarray) -> np.ndarray:
    """Per place, the actions ``keep`` selects (the view's matching actions in the window)."""
    mine = keep & (of_action >= 0)
    return np.bincount(of_action[mine], minlength=n_places)


def point_sizes(counts: np.ndarray) -> list[float]:
    """Diameters in px: area in proportion to the count, from POINT_MIN_PX (1) up to POINT_MAX_PX (the view's most)."""
    top = max(int(counts.max()) if len(counts) else 0, 1)
    return [round(POINT_MIN_PX + (POINT_MAX_PX - POINT_MIN_PX) * (math_sqrt(c) - 1) / max(math_sqrt(top) - 1, 1e-9), 2)
            if c > 0 and top > 1 else POINT_MIN_PX for c in counts.tolist()]


def math_sqrt(x: float) -> float:
    return float(np.sqrt(x))
