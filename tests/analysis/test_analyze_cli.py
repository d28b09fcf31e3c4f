"""``python app.py analyze``: the four files on the bundled data, and a clean refusal of bad data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import app
from tests.conftest import SMALL_ROWS, write_csv
from tests.data.test_validator import run_cli


@pytest.fixture(scope="module")
def analysis(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("analysis") / "out"
    result = run_cli("analyze", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def test_adoption_csv_has_every_month_per_country_up_to_the_collection_edge(analysis, bundled):
    adoption = pd.read_csv(analysis / "adoption.csv", dtype={"month": str})
    assert list(adoption.columns[:6]) == ["country", "month", "regions_total", "regions_acted", "share_acted",
                                          "regions_with_plan"]
    assert "regions_with_own_plan" in adoption.columns
    for country, total in {"CN": 33, "KR": 17, "JP": 47}.items():
        rows = adoption[adoption["country"] == country]
        assert list(rows["month"]) == bundled.month_labels[:bundled.month_labels.index("2026-02") + 1]
        assert set(rows["regions_total"]) == {total}
    assert adoption["share_acted"].between(0, 1).all()


def test_lag_csv_has_a_row_per_region_and_empty_cells_where_none(analysis, bundled):
    lag = pd.read_csv(analysis / "lag.csv", keep_default_na=False, dtype=str)
    assert list(lag.columns[:9]) == ["region_id", "country", "milestone_date", "first_action_date", "lag_status",
                                     "lag_days", "first_plan_date", "plan_lag_status", "plan_lag_days"]
    assert sorted(lag["region_id"]) == sorted(bundled.regions.index)
    acted = set(bundled.actions.loc[bundled.actions["level"] != "national", "region_id"])
    never = lag[~lag["region_id"].isin(acted)]
    assert len(never) and (never["first_action_date"] == "").all() and (never["lag_days"] == "").all()
    seoul = lag[lag["region_id"] == "KR-11"].iloc[0]
    # Seoul's basic plan, approved 2021-10-22, vs the Digital New Deal 2.0 of 2021-07-14: 17+31+30+22 = 100 days.
    assert (seoul["milestone_date"], seoul["first_action_date"], seoul["lag_days"]) == ("2021-07-14", "2021-08-19", "36")
    assert seoul["lag_status"] == "after"


def test_neighbours_csv_lists_each_pair_both_ways(analysis):
    neighbours = pd.read_csv(analysis / "neighbours.csv")
    assert list(neighbours.columns[:3]) == ["region_id", "neighbour_id", "rule"]
    assert set(neighbours["rule"]) == {"border", "nearest"}
    pairs = set(zip(neighbours["region_id"], neighbours["neighbour_id"]))
    assert pairs == {(b, a) for a, b in pairs}
    assert neighbours["region_id"].nunique() == 97


def test_diffusion_json_reports_the_test(analysis, bundled):
    result = json.loads((analysis / "diffusion.json").read_text(encoding="utf-8"))
    for key in ("observed_mean", "null_mean", "p_value", "permutations", "seed", "regions_used"):
        assert key in result
    assert result["permutations"] >= 1000
    assert 1 / (result["permutations"] + 1) <= result["p_value"] <= 1
    acted = bundled.actions.loc[bundled.actions["level"] != "national", "region_id"].nunique()
    assert len(result["regions_used"]) == acted
    assert result["reading"] and result["caveats"]


def test_bad_data_prints_the_problem_list_and_exits_1(tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [SMALL_ROWS[0].replace(",KR,national,", ",XX,national,")])
    result = run_cli("analyze", "--out", str(tmp_path / "out"), "--data", str(bad))
    assert result.returncode == 1
    assert "column country: 'XX'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_a_small_dataset_with_chosen_seed_and_permutations(tmp_path, capsys):
    data = write_csv(tmp_path / "small.csv", SMALL_ROWS)
    code = app.main(["analyze", "--out", str(tmp_path / "out"), "--data", str(data), "--permutations", "1000",
                     "--seed", "5"])
    assert code == 0, capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "diffusion.json").read_text(encoding="utf-8"))
    assert (report["permutations"], report["seed"]) == (1000, 5)
    # Sub-national rows of SMALL_ROWS: Seoul (KR-11), Shanghai (CN-SH), Jiangsu (CN-JS), Tokyo (JP-13).
    assert report["regions_used"] == ["CN-JS", "CN-SH", "JP-13", "KR-11"]


@pytest.mark.parametrize("bad", ["0", "-3", "many"])
def test_permutations_must_be_a_positive_whole_number(tmp_path, capsys, bad):
    with pytest.raises(SystemExit) as exit_info:
        app.main(["analyze", "--out", str(tmp_path), "--permutations", bad])
    assert exit_info.value.code == 2
    assert "--permutations" in capsys.readouterr().err


def test_an_unwritable_output_path_is_an_error_not_a_traceback(tmp_path, capsys):
    occupied = tmp_path / "a-file"
    occupied.write_text("x")
    assert app.main(["analyze", "--out", str(occupied), "--permutations", "10"]) == 1
    assert "cannot write the analysis there" in capsys.readouterr().err
