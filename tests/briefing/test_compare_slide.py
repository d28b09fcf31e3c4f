"""A storyboard scene with ``compare=YYYY-MM`` in the PPTX deck: two maps, one legend, the change per country.

The deck is read back with python-pptx as a user gets it; the map picture is read pixel by pixel: each
half (the two moments) must show the map's class colours, so neither map is blank.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation

from components.core import briefing
from components.core.briefing import storyboard as sb
from components.core.view import figures
from components.core.view.dots import dot_layout
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="needs Chromium to draw the maps")

CAPTION = "Between mid-2023 and the end of collection, more regions acted."


@pytest.fixture(scope="module")
def compare_deck(bundled, tmp_path_factory):
    view = f"?start=2021-01&end={bundled.collected_to}&compare=2023-06&countries=CN,KR"
    raw = {"format": "metaverse-policy-atlas/storyboard", "version": 1, "title": "Two moments", "subtitle": "Compare",
           "dataset": bundled.version,
           "scenes": [{"title": "What changed since June 2023", "caption": CAPTION, "notes": "", "view": view}]}
    story = sb.parse_storyboard(json.dumps(raw).encode(), bundled)
    out = tmp_path_factory.mktemp("compare-deck")
    written = {item.path.name: item.path for item in briefing.write_briefing(bundled, story, out, formats=("pptx",))}
    return story, Presentation(str(written["briefing.pptx"])), written["briefing.pptx"]


def class_colours(bundled, state) -> list[tuple[int, int, int]]:
    """The fills of the map's classes as its one legend lists them."""
    figure = figures.compare_figure(bundled, state, dot_layout(bundled), figures.region_label_points(bundled))
    fills = [t.marker.color for t in figure.data if t.legendgroup == "classes"]
    return [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in fills]


def test_the_compare_slide_holds_two_maps_one_legend_and_the_change_per_country(bundled, compare_deck):
    story, deck, path = compare_deck
    state = story.scenes[0].view
    slide = list(deck.slides)[1]
    texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert "What changed since June 2023" in texts.values() and CAPTION in texts.values()
    readout = texts["compare readout"].split("\n")
    assert readout == figures.compare_readout_lines(bundled, state)
    assert [line.split(":")[0] for line in readout] == ["China", "South Korea"]
    for line in readout:
        assert " → " in line and "have acted (2023-06 → " in line
    # the change is real: more regions by the end than by June 2023, never fewer
    for row in figures.compare_counts(bundled, state):
        assert 0 < row["before"] <= row["after"] <= row["total"]
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    image = np.asarray(Image.open(io.BytesIO(pictures[0].image.blob)).convert("RGB")).astype(int)
    height, width, _ = image.shape
    assert width >= 1600
    # the figure has one legend (the classes once) over two geos, and the picture shows both maps coloured
    figure = figures.map_figure(bundled, state, dot_layout(bundled), figures.region_label_points(bundled))
    assert {t.geo for t in figure.data if t.name == "regions"} == {"geo", "geo2"}
    names = [t.name for t in figure.data if t.legendgroup == "classes"]
    assert len(names) == len(set(names)) >= 3
    colours = class_colours(bundled, state)
    halves = {"before": image[:, : width // 2], "after": image[:, width // 2:]}
    for name, half in halves.items():
        seen = [int((np.abs(half - np.array(c)).sum(axis=2) <= 6).sum()) for c in colours]
        painted = [n for n in seen if n > 400]
        assert len(painted) >= 2, f"the {name} map shows at least two classes' colours: {seen}"
    darkest = colours[-1]
    counts = {k: int((np.abs(h - np.array(darkest)).sum(axis=2) <= 6).sum()) for k, h in halves.items()}
    assert counts["after"] > counts["before"], f"more of the top class by the end: {counts}"
    if os.environ.get("ATLAS_CITE_SHOTS"):
        Path(os.environ["ATLAS_CITE_SHOTS"]).mkdir(parents=True, exist_ok=True)
        Path(os.environ["ATLAS_CITE_SHOTS"], "compare-deck.pptx").write_bytes(path.read_bytes())
