"""Data tests of the bundled dataset: validity, coverage, the seed article, and the manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.core.data.columns import ACTION_TYPES, Col, RegionCol
from components.core.data.dataset import DATA_DIR, read_version

README = (DATA_DIR / "README.md").read_text(encoding="utf-8")

# Every action the seed article (China Electronic News, 2022-01-16) reports, as
# (country, level, region, locality contains, year-month, action type, how many).
SEED_ARTICLE_ACTIONS = [
    ("CN", "provincial", "CN-ZJ", "", "2021-11", "event", 1),            # Zhejiang DEIT symposium
    ("CN", "municipal", "CN-ZJ", "Hangzhou", "2021-12", "body_alliance", 1),  # Hangzhou special committee
    ("CN", "provincial", "CN-ZJ", "", "2022-01", "strategy_plan", 1),    # future-industry pilot zones
    ("CN", "provincial", "CN-SH", "", "2021-12", "event", 1),            # Party economic work conference
    ("CN", "provincial", "CN-SH", "", "2021-12", "five_year_plan", 2),   # e-info industry + manufacturing plans
    ("CN", "district", "CN-JS", "Binhu", "2022-01", "strategy_plan", 1),  # Wuxi Binhu metaverse plan
    ("CN", "provincial", "CN-BJ", "", "2022-01", "proposal", 3),         # Sun Taoran (2), Li Jun (1)
    ("CN", "municipal", "CN-AH", "Hefei", "2022-01", "work_report", 1),
    ("CN", "municipal", "CN-HB", "Wuhan", "2022-01", "work_report", 1),
    ("KR", "national", "", "", "2021-05", "body_alliance", 1),           # MSIT Metaverse Alliance
    ("KR", "provincial", "KR-11", "", "2021-10", "strategy_plan", 1),    # Metaverse Seoul plan: approved 22 Oct, announced 3 Nov
    ("JP", "national", "", "", "2021-07", "report_study", 1),            # METI virtual-space report
]


@pytest.mark.parametrize("country, level, region, locality, month, action_type, count", SEED_ARTICLE_ACTIONS)
def test_every_action_of_the_seed_article_is_in_the_dataset(bundled, country, level, region, locality, month, action_type, count):
    actions = bundled.actions
    match = actions[
        (actions[Col.COUNTRY] == country) & (actions[Col.LEVEL] == level) & (actions[Col.REGION_ID] == region)
        & actions[Col.LOCALITY].str.contains(locality, regex=False)
        & (actions[Col.MONTH].dt.strftime("%Y-%m") == month) & (actions[Col.ACTION_TYPE] == action_type)
        & actions[Col.TAGS].str.contains("seed-article", regex=False)
    ]
    assert len(match) == count


def test_at_least_150_actions_from_2021(bundled):
    assert len(bundled.actions) >= 150
    assert bundled.actions[Col.DATE].min().year >= 2021


@pytest.mark.parametrize("country, minimum", [("CN", 20), ("KR", 6), ("JP", 5)])
def test_sub_national_coverage(bundled, country, minimum):
    actions = bundled.actions
    regional = actions[(actions[Col.COUNTRY] == country) & (actions[Col.LEVEL] != "national")]
    assert regional[Col.REGION_ID].nunique() >= minimum


@pytest.mark.parametrize("country", ["CN", "KR", "JP"])
def test_each_country_has_national_and_city_or_district_actions(bundled, country):
    levels = set(bundled.actions.loc[bundled.actions[Col.COUNTRY] == country, Col.LEVEL])
    assert "national" in levels and levels & {"municipal", "district"}


@pytest.mark.parametrize("anchor", [
    ("CN", "2023-09", "strategy_plan", "Three-Year Action Plan"),        # MIIT et al. metaverse plan
    ("KR", "2022-01", "strategy_plan", "Metaverse New Industry"),        # MSIT strategy
    ("KR", "2024-02", "law_regulation", "Virtual Convergence Industry"),  # the act
])
def test_headline_national_actions_are_present(bundled, anchor):
    country, month, action_type, title = anchor
    actions = bundled.actions
    match = actions[(actions[Col.COUNTRY] == country) & (actions[Col.LEVEL] == "national")
                    & (actions[Col.MONTH].dt.strftime("%Y-%m") == month) & (actions[Col.ACTION_TYPE] == action_type)
                    & actions[Col.TITLE].str.contains(title, case=False)]
    assert len(match) == 1


def test_every_record_names_a_source_and_links_only_over_http(bundled):
    actions = bundled.actions
    assert (actions[Col.SOURCE_NAME].str.strip() != "").all()
    with_url = actions[actions[Col.SOURCE_URL] != ""]
    assert with_url[Col.SOURCE_URL].str.match(r"^https?://").all()


FLAT_README = " ".join(README.split())


def _stated_counts(label: str) -> dict[str, int]:
    """'By year: 2021 21, 2022 112.' -> {'2021': 21, '2022': 112}"""
    sentence = re.search(rf"{label}: ([^.]*)\.", FLAT_README).group(1)
    return {key: int(value) for key, value in (item.strip().rsplit(" ", 1) for item in sentence.split(","))}


def test_readme_states_the_current_version_and_counts(bundled):
    actions = bundled.actions
    total = len(actions)
    assert f"Version {read_version()}" in README
    assert f"| {total} actions |" in README
    first, last = actions[Col.DATE].min(), actions[Col.DATE].max()
    assert f"{total} actions dated {first:%Y-%m-%d} to {last:%Y-%m-%d}" in FLAT_README
    country = actions[Col.COUNTRY].value_counts()
    assert f"China {country['CN']}, Japan {country['JP']}, South Korea {country['KR']}" in FLAT_README
    level = actions[Col.LEVEL].value_counts()
    assert (f"national {level['national']}, provincial {level['provincial']}, municipal {level['municipal']}, "
            f"district {level['district']}") in FLAT_README
    assert _stated_counts("By year") == actions[Col.DATE].dt.year.astype(str).value_counts().to_dict()
    assert _stated_counts("By type") == actions[Col.ACTION_TYPE].value_counts().to_dict()
    recent, since_2025 = (actions[Col.DATE] >= "2023-07-01").sum(), (actions[Col.DATE] >= "2025-01-01").sum()
    assert f"{recent} actions are dated 2023-07-01 or later and {since_2025} are dated 2025 or later" in FLAT_README
    verification = actions[Col.VERIFICATION].value_counts()
    share = {level: round(100 * verification.get(level, 0) / total) for level in ("verified", "corroborated", "reported")}
    assert (f"{verification['verified']} rows ({share['verified']}%) are `verified`, {verification['corroborated']} "
            f"({share['corroborated']}%) `corroborated` and {verification['reported']} ({share['reported']}%) "
            f"`reported`") in FLAT_README
    precision = actions[Col.DATE_PRECISION].value_counts()
    assert (f"{precision['day']} are dated to the day, {precision['month']} to the month, "
            f"{precision['year']} to the year") in FLAT_README


@pytest.mark.parametrize("country, adjective", [("CN", "Chinese"), ("KR", "Korean"), ("JP", "Japanese")])
def test_readme_states_how_many_regions_each_country_reaches(bundled, country, adjective):
    actions = bundled.actions
    reached = actions.loc[(actions[Col.COUNTRY] == country) & (actions[Col.REGION_ID] != ""), Col.REGION_ID].nunique()
    regions = (bundled.regions[RegionCol.COUNTRY] == country).sum()
    assert re.search(rf"{reached} of {regions} {adjective}", FLAT_README)


def test_readme_lists_exactly_the_regions_with_no_action(bundled):
    reached = set(bundled.actions[Col.REGION_ID])
    expected = {name for region, name in bundled.regions[RegionCol.NAME_EN].items() if region not in reached}
    listed = re.search(r"Regions with no action: (.*?)\. Each", FLAT_README).group(1)
    assert {name.strip() for name in re.split(r"[,;]", listed)} == expected


def test_manifest_states_the_coverage_file_counts():
    import csv

    with (DATA_DIR / "coverage.csv").open(encoding="utf-8", newline="") as handle:
        found = [int(row["actions_found"]) for row in csv.DictReader(handle)]
    with_action = sum(1 for n in found if n)
    assert f"| {len(found)} regions ({with_action} with at least one action, {len(found) - with_action} with none) |" in README


def test_codebook_examples_exist_with_their_type(bundled):
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| `([a-z0-9-]+)`", README, flags=re.MULTILINE)
    by_id = bundled.actions.set_index(Col.ACTION_ID)[Col.ACTION_TYPE]
    assert len(rows) == 14
    assert {action_type for action_type, _ in rows} == set(ACTION_TYPES)
    for action_type, example in rows:
        assert by_id[example] == action_type


def test_boundary_manifest_matches_the_file():
    import json

    features = json.loads(Path(DATA_DIR / "regions.geojson").read_text(encoding="utf-8"))["features"]
    assert f"{len(features)} features" in README
