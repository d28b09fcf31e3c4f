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

from components.core.data.columns import Col

DEFAULT_LOCALITIES_PATH = Path(__file__).resolve().parents[3] / "data" / "localities.csv"
COLUMNS = ["region_id", "locality", "match", "geonames_id", "name", "lon", "lat", "admin1"]
MATCHES = ("exact", "city", "none")
#: Point diameters in px: the smallest count and the largest count of a view (area grows with the count).
#: Per zoom, as the small regions' dots (``dots.MARKER_SIZES``): smaller at the wide frames, where a prefecture
#: is a few pixels across and its points must leave it room for a click.
POINT_PX = {"all": (4.0, 12.0), "CN": (5.0, 14.0), "KR": (6.0, 18.0), "JP": (5.0, 16.0)}
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
    fallback: list[list[str]]     # per place: those of them GeoNames lacks, placed at their city
    of_action: np.ndarray


def locality_table(actions, table: Gazetteer | None = None) -> LocalityTable:
    """Places for a frame of actions: a row's ``locality_id`` where it names a known place, else its
    ``(region_id, locality)`` as resolved in ``data/localities.csv``."""
    table = table or gazetteer()
    explicit = actions[LOCALITY_ID].tolist() if LOCALITY_ID in actions.columns else [""] * len(actions)
    chosen, at_city = [], set()
    for region, locality, level, given in zip(actions[Col.REGION_ID], actions[Col.LOCALITY], actions[Col.LEVEL],
                                              explicit):
        if level not in ("municipal", "district"):
            chosen.append("")
        elif str(given).strip() in table.places:
            chosen.append(str(given).strip())
        else:
            match, place = table.rows.get((region, str(locality).strip()), ("none", ""))
            chosen.append(place)
            if match == "city":
                at_city.add(str(locality).strip())
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
                         fallback=[sorted(w for w in ws if w in at_city) for ws in written],
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


@dataclass(frozen=True)
class CityLayer:
    """The points a view draws: one per place with matching actions in the window."""

    places: list[int]        # indices into the dataset's LocalityTable
    counts: list[int]
    sizes: list[float]
    colours: list[str]
    hover: list[str]


def first_months(table: LocalityTable, months: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Per place, the month index of its first action ``keep`` selects (-1: none)."""
    first = np.full(len(table.ids), -1)
    for row in np.flatnonzero(keep & (table.of_action >= 0)):
        place = table.of_action[row]
        if first[place] < 0 or months[row] < first[place]:
            first[place] = months[row]
    return first


def point_classes(metric: str, entries: list, breaks: list[int], counts, first_month, has_plan,
                  month_labels: list[str]) -> list[int]:
    """Each point's legend entry, by the map's own classes: the count's class (counts), the year of its
    first action (first-action date), or "plan by a city or district" / "acted, no plan" (plans)."""
    keys = [e.key for e in entries]
    out = []
    for i, count in enumerate(counts):
        if metric in ("cumulative", "window"):
            c = next((k for k, high in enumerate(breaks) if count <= high), len(breaks) - 1)
            out.append(keys.index(f"c{c}"))
        elif metric == "first":
            out.append(keys.index("y" + month_labels[int(first_month[i])][:4]))
        else:
            out.append(keys.index("city_plan" if has_plan[i] else "no_plan"))
    return out


def scaled_sizes(counts, top: int, zoom: str = "all") -> list[float]:
    """Diameters in px, area in proportion to the count: 1 action the zoom's smallest, ``top`` actions its largest.
    ``top`` is the most any place has over the whole timeline under the filters, so sizes compare across time."""
    low, high = POINT_PX.get(zoom, POINT_PX["all"])
    if top <= 1:
        return [low for _ in counts]
    span = np.sqrt(top) - 1
    return [round(low + (high - low) * (np.sqrt(c) - 1) / span, 2) for c in counts]


def under_dots(table: LocalityTable, dots, marker_sizes: dict, zoom_ranges: dict, layout_width_px: float) -> dict:
    """Per zoom, the places whose point, at its smallest, would overlap a small region's dot (``dots.DotLayout``)
    there, at the narrowest width the map is drawn. Those points are drawn but take no hover or click: the dot keeps every
    click meant for its region (its own clicks are what the dots exist for)."""
    out = {}
    for zoom, frame in zoom_ranges.items():
        scale = layout_width_px / np.radians(frame["lon"][1] - frame["lon"][0])

        def pixels(lon, lat):
            lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
            return np.column_stack([np.radians(lon - frame["lon"][0]) * scale,
                                    -np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * scale])

        if not table.ids or not dots.region_ids:
            out[zoom] = []
            continue
        places = pixels(table.lon, table.lat)
        spots = pixels(dots.positions[zoom]["lon"], dots.positions[zoom]["lat"])
        # The smallest point's radius: a larger point over a dot's centre loses the click to the dot anyway
        # (Plotly ranks a click inside a marker by 1 - 3 / radius, and every dot here is smaller).
        reach = marker_sizes[zoom] / 2 + POINT_PX.get(zoom, POINT_PX["all"])[0] / 2
        gaps = np.hypot(places[:, None, 0] - spots[None, :, 0], places[:, None, 1] - spots[None, :, 1])
        out[zoom] = [int(i) for i in np.flatnonzero((gaps < reach).any(axis=1))]
    return out
