"""Briefing export timings and sizes for the bundled storyboard (``make bench-briefing``; not part of ``make test``).

Why a bench: the README quotes how long ``python app.py briefing`` takes and how large its files
are; those numbers come from this run, on the reference machine (2 cores), never by hand.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.core import briefing  # noqa: E402
from components.core.briefing import storyboard
from components.core.data.dataset import load_dataset  # noqa: E402

EXAMPLE = ROOT / "data" / "storyboards" / "metaverse-wave.json"


def main() -> int:
    began = time.perf_counter()
    dataset = load_dataset()
    story = storyboard.parse_storyboard(EXAMPLE.read_bytes(), dataset)
    loaded = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder:
        written = briefing.write_briefing(dataset, story, folder)
        print(f"storyboard: {EXAMPLE.name}, {len(story.scenes)} scenes; dataset {dataset.version} loaded in {loaded:.1f} s")
        print("| file | size | time to write |")
        print("|---|---|---|")
        for item in written:
            print(f"| `{item.path.name}` | {item.size / 1024:,.0f} KB | {item.seconds:.1f} s |")
    print(f"total, including loading the dataset: {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
