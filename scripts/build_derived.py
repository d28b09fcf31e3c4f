"""Write data/regions-derived.json: dot placement and adjacency of data/regions.geojson.

Why a step of its own: both depend on the boundaries alone and cost about half of start-up,
so they are computed here once (``python app.py build-derived``; ``build-boundaries`` runs it
after writing the boundaries) and read at start-up (``components.core.view.derived`` says when).
Rerun it whenever data/regions.geojson changes; tests/view/test_derived.py fails until you do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.core.view import derived, dots  # noqa: E402
from components.core.analysis import adjacency  # noqa: E402
from components.core.data.dataset import DEFAULT_REGIONS_PATH, load_geojson  # noqa: E402


def build(regions_path: Path = DEFAULT_REGIONS_PATH) -> bytes:
    """The derived file's bytes for these boundaries (computed, never read from the old file)."""
    geojson = load_geojson(regions_path)
    sections = {
        "dots": dots.to_json(dots.compute_layout(geojson)),
        "adjacency": adjacency.to_json(adjacency.build_adjacency(adjacency.region_geometries(geojson))),
    }
    return derived.encode(sections, derived.geometry_digest(geojson))


def main(regions_path: Path = DEFAULT_REGIONS_PATH, out_path: Path = derived.DERIVED_PATH) -> int:
    out_path.write_bytes(build(regions_path))
    print(f"wrote {out_path.relative_to(ROOT)} from {Path(regions_path).name}: "
          f"{out_path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
