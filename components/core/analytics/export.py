"""The ``python app.py analyze`` files: adoption, lag, neighbours and the neighbour test.

Why plain CSV and JSON: analysts re-use these numbers in spreadsheets, R or papers, and
the files must say the same as the dashboard. Dates are written ``YYYY-MM-DD`` as in the
dataset (with their precision alongside), shares with four decimals, and missing values
as empty cells.
"""

from __future__ import annotations

import json
from pathlib import Path

from components.core.dataset import Dataset
from components.core.analytics.adjacency import Adjacency
from components.core.analytics.adoption import adoption_curves
from components.core.analytics.diffusion import DEFAULT_PERMUTATIONS, DEFAULT_SEED, neighbour_test
from components.core.analytics.lag import region_lags

ADOPTION_FILE_COLUMNS = ["country", "month", "regions_total", "regions_acted", "share_acted",
                         "regions_with_plan", "regions_with_own_plan"]
LAG_FILE_COLUMNS = ["region_id", "country", "milestone_date", "first_action_date", "lag_days",
                    "first_plan_date", "plan_lag_days", "milestone_id", "first_action_precision",
                    "first_plan_precision"]
NEIGHBOUR_FILE_COLUMNS = ["region_id", "neighbour_id", "rule", "distance_km"]


def write_analysis(
    dataset: Dataset,
    adjacency: Adjacency,
    out_dir: Path | str,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> list[Path]:
    """Write adoption.csv, lag.csv, neighbours.csv and diffusion.json into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    actions, regions = dataset.actions, dataset.regions
    paths = [out / name for name in ("adoption.csv", "lag.csv", "neighbours.csv", "diffusion.json")]

    adoption = adoption_curves(actions, regions, dataset.months)
    adoption[ADOPTION_FILE_COLUMNS].to_csv(paths[0], index=False, float_format="%.4f")
    lags = region_lags(actions, regions)
    lags[LAG_FILE_COLUMNS].to_csv(paths[1], index=False, date_format="%Y-%m-%d")
    adjacency.pairs[NEIGHBOUR_FILE_COLUMNS].to_csv(paths[2], index=False, float_format="%.1f")
    result = neighbour_test(actions, regions, adjacency, permutations, seed).to_dict()
    result["island_rule"] = {"k": adjacency.rule.k, "max_km": adjacency.rule.max_km,
                             "regions": list(adjacency.islands), "rule": adjacency.rule.describe()}
    result["dataset_version"] = dataset.version
    paths[3].write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths
