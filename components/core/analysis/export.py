"""The ``python app.py analyze`` files: adoption, lag, neighbours and the neighbour test.

Why plain CSV and JSON: analysts re-use these numbers in spreadsheets, R or papers, and
the files must say the same as the dashboard. Dates are written ``YYYY-MM-DD`` as in the
dataset (with their precision alongside), shares with four decimals, and missing values
as empty cells. ``adoption.csv`` ends at the month the dataset was collected to
(``collected_to``, also in ``diffusion.json``): a month nobody searched has no row, rather
than a row that repeats the last count as if it had been checked. ``lag.csv`` says for each
region whether it was ``ahead`` of the milestone, ``after`` it or ``undetermined`` (dates
whose periods overlap), with ``lag_days`` empty when undetermined.
"""

from __future__ import annotations

import json
from pathlib import Path

from components.core.analysis.adjacency import Adjacency
from components.core.analysis.adoption import adoption_curves
from components.core.analysis.diffusion import DEFAULT_PERMUTATIONS, DEFAULT_SEED, evidence_caveat, neighbour_test
from components.core.analysis.lag import region_lags, status_counts
from components.core.data.dataset import Dataset

ADOPTION_FILE_COLUMNS = ["country", "month", "regions_total", "regions_acted", "share_acted",
                         "regions_with_plan", "regions_with_own_plan", "regions_maybe_acted"]
LAG_FILE_COLUMNS = ["region_id", "country", "milestone_date", "first_action_date", "lag_status", "lag_days",
                    "first_plan_date", "plan_lag_status", "plan_lag_days", "milestone_id", "first_action_precision",
                    "first_plan_precision", "milestone_precision", "lag_min_days", "lag_max_days", "plan_lag_min_days",
                    "plan_lag_max_days"]
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

    months = dataset.months[:dataset.month_labels.index(dataset.collected_to) + 1]
    adoption = adoption_curves(actions, regions, months)
    adoption[ADOPTION_FILE_COLUMNS].to_csv(paths[0], index=False, float_format="%.4f")
    lags = region_lags(actions, regions)
    lags[LAG_FILE_COLUMNS].to_csv(paths[1], index=False, date_format="%Y-%m-%d")
    adjacency.pairs[NEIGHBOUR_FILE_COLUMNS].to_csv(paths[2], index=False, float_format="%.1f")
    result = neighbour_test(actions, regions, adjacency, permutations, seed).to_dict()
    result["caveats"] = [evidence_caveat(actions)] + result["caveats"]
    result["island_rule"] = {"k": adjacency.rule.k, "max_km": adjacency.rule.max_km,
                             "regions": list(adjacency.islands), "rule": adjacency.rule.describe()}
    result["dataset_version"] = dataset.version
    result["collected_to"] = dataset.collected_to
    result["collected_to_declared"] = dataset.collection.declared
    result["thin_coverage"] = dataset.collection.thin_periods(regions)
    result["lag_status_counts"] = {
        measure: {c: row for c, row in status_counts(lags, prefix).to_dict(orient="index").items()}
        for measure, prefix in (("first_action", ""), ("first_plan", "plan_"))}
    paths[3].write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths
