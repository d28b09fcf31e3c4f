"""Diffusion analytics on the real boundary file and the bundled dataset."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest

from components.core.analysis import (
    adoption_curves,
    build_analytics,
    first_mover_ranking,
    neighbour_test,
    region_lags,
)
from components.core.data.dataset import DEFAULT_REGIONS_PATH
from components.core.view.metrics import filter_actions
from components.core.view.state import ViewState
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def pairs(real_adjacency) -> pd.DataFrame:
    return real_adjacency.pairs


def rule_of(pairs: pd.DataFrame, a: str, b: str) -> str | None:
    found = pairs[(pairs["region_id"] == a) & (pairs["neighbour_id"] == b)]["rule"]
    return found.iloc[0] if len(found) else None


def test_every_counted_region_has_a_neighbour_and_taiwan_is_left_out(real_adjacency, bundled):
    assert set(real_adjacency.region_ids) == set(bundled.regions.index)
    assert len(real_adjacency.region_ids) == 97
    assert real_adjacency.matrix.sum(axis=1).min() >= 1
    assert "TW" not in set(real_adjacency.pairs["neighbour_id"])


def test_links_are_symmetric_with_the_same_rule(pairs):
    forward = set(pairs[["region_id", "neighbour_id", "rule"]].itertuples(index=False, name=None))
    assert forward == {(b, a, rule) for a, b, rule in forward}
    assert not (pairs["region_id"] == pairs["neighbour_id"]).any()


@pytest.mark.parametrize("a, b", [("CN-HK", "CN-GD"), ("CN-MO", "CN-GD"), ("JP-13", "JP-14"), ("JP-13", "JP-11"),
                                  ("KR-11", "KR-41"), ("CN-BJ", "CN-HE"), ("CN-BJ", "CN-TJ")])
def test_known_land_borders(pairs, a, b):
    assert rule_of(pairs, a, b) == "border"


@pytest.mark.parametrize("island, nearest", [("CN-HI", "CN-GD"), ("KR-49", "KR-46"), ("JP-47", "JP-46"),
                                             ("JP-01", "JP-02")])
def test_islands_use_the_nearest_rule(real_adjacency, pairs, island, nearest):
    own = pairs[pairs["region_id"] == island]
    assert set(own["rule"]) == {"nearest"}
    assert nearest in set(own["neighbour_id"])
    assert island in real_adjacency.islands


def test_jeju_is_linked_to_south_jeolla_first_and_no_longer_to_jeonbuk_through_udo(pairs):
    """Udo (Jeju, 126.96E 33.51N) was drawn in KR-45 Jeonbuk, which made Jeonbuk Jeju's neighbour at 2.5 km.
    With Udo and the Chuja Islands in Jeju (scripts/build_boundaries.ISLAND_FIXES), the island rule's two
    nearest regions within 150 km are South Jeolla (across the strait from Chuja) and Gwangju."""
    own = pairs[pairs["region_id"] == "KR-49"].sort_values("distance_km")
    assert list(own["neighbour_id"]) == ["KR-46", "KR-29"]
    assert own["distance_km"].iloc[0] > 10


def test_only_the_four_big_islands_lack_a_land_border(real_adjacency):
    assert set(real_adjacency.islands) == {"CN-HI", "JP-01", "JP-47", "KR-49"}


def test_no_link_crosses_a_national_border(pairs):
    # China, Korea and Japan share no land border among the counted regions, and the island rule stays at home.
    assert (pairs["region_id"].str[:2] == pairs["neighbour_id"].str[:2]).all()
    assert rule_of(pairs, "KR-49", "JP-42") is None


def test_border_links_are_exactly_the_pairs_with_a_shared_edge_of_positive_length(pairs):
    """Cross-check libpysal's rook contiguity with shapely: shared boundary length > 0."""
    shapes = gpd.read_file(DEFAULT_REGIONS_PATH)
    shapes = shapes[shapes["country"] != "TW"].set_index("region_id")
    touching = gpd.sjoin(shapes, shapes, predicate="intersects")
    touching = touching[touching.index != touching["region_id_right"]]
    shared = {
        (a, b) for a, b in zip(touching.index, touching["region_id_right"])
        if shapes.geometry[a].boundary.intersection(shapes.geometry[b].boundary).length > 0
    }
    border = set(pairs.loc[pairs["rule"] == "border", ["region_id", "neighbour_id"]].itertuples(index=False, name=None))
    assert border == shared


def test_nearest_links_respect_the_rule(real_adjacency, pairs):
    rule = real_adjacency.rule
    for island in real_adjacency.islands:
        distances = pairs.loc[pairs["region_id"] == island, "distance_km"].sort_values()
        assert 1 <= len(distances) <= rule.k
        assert (distances.iloc[1:] <= rule.max_km).all()


def test_bundle_on_the_bundled_dataset(bundled, real_adjacency):
    result = build_analytics(bundled, adjacency=real_adjacency, permutations=999)
    totals = result.adoption.groupby("country")["regions_total"].first().to_dict()
    assert totals == {"CN": 33, "KR": 17, "JP": 47}
    last = result.adoption.groupby("country").tail(1).set_index("country")["regions_acted"].to_dict()
    sub_national = bundled.actions[bundled.actions["level"] != "national"]
    reached = sub_national.groupby("country")["region_id"].nunique().to_dict()
    assert last == reached
    assert len(result.lags) == 97 and len(result.ranking) == 97
    assert result.ranking["acted"].sum() == sum(reached.values())
    assert len(result.neighbour_test.regions_used) == sum(reached.values())


def test_default_milestone_is_the_first_national_strategy_plan(bundled):
    lags = region_lags(bundled.actions, bundled.regions)
    milestone = lags.groupby("country")["milestone_id"].first().to_dict()
    national_plans = bundled.actions[(bundled.actions["level"] == "national")
                                     & (bundled.actions["action_type"] == "strategy_plan")]
    expected = national_plans.sort_values("date").groupby("country")["action_id"].first().to_dict()
    assert milestone == expected


def test_functions_take_a_filtered_view(bundled, real_adjacency):
    state = ViewState(countries=["KR"], end="2021-12")
    shown = filter_actions(bundled, state)
    curves = adoption_curves(shown, bundled.regions, bundled.months)
    kr_2021 = curves[(curves["country"] == "KR") & (curves["month"] == "2021-12")]["regions_acted"].item()
    expected = shown[shown["level"] != "national"]["region_id"].nunique()
    assert kr_2021 == expected and expected > 0
    assert curves.loc[curves["country"] == "CN", "regions_acted"].max() == 0
    ranking = first_mover_ranking(shown, bundled.regions)
    assert set(ranking.loc[ranking["acted"], "country"]) == {"KR"}
    assert len(neighbour_test(shown, bundled.regions, real_adjacency, permutations=99).regions_used) == expected


def test_the_analytics_package_needs_no_dash():
    code = ("import sys, components.core.analysis; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'flask', 'plotly')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
