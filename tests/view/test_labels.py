"""The top-N names on a map file: none over another, none cut at the frame, and the legend counts any left out.

The placement is checked on the slide picture's own frame (``slides.MAP_PX``), for the views the
issue found broken: the first scene of the example storyboard ("Seoul" on "Gyeonggi") and ten
names at the Japan frame (Shanghai cut to "…ai" at its edge). The frame's shape is checked too:
the frame the slide draws has the picture's shape, so the map fills the picture.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from components.core.view import figures
from components.core.briefing import storyboard as sb
from components.core.briefing.slides import MAP_PX
from components.core.view.dots import ZOOM_RANGES, dot_layout
from components.core.view.encodings import encode_view
from components.core.view.labels import Anchor, place_labels, text_size
from components.core.view.state import ViewState

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "storyboards" / "metaverse-wave.json"
PLOT = (MAP_PX[0] - figures.MARGIN["l"] - figures.MARGIN["r"], MAP_PX[1] - figures.MARGIN["t"] - figures.MARGIN["b"])


@pytest.fixture(scope="module")
def drawn(bundled):
    return dot_layout(bundled), figures.region_label_points(bundled)


def mercator_aspect(frame: dict) -> float:
    def y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return math.radians(frame["lon"][1] - frame["lon"][0]) / (y(frame["lat"][1]) - y(frame["lat"][0]))


def overlapping(boxes) -> list:
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


@pytest.mark.parametrize("zoom", sorted(ZOOM_RANGES))
@pytest.mark.parametrize("aspect", [0.8, 1.55, 16 / 9, 3.0])
def test_a_fitted_frame_has_the_boxs_shape_and_holds_the_zooms_frame(zoom, aspect):
    frame = ZOOM_RANGES[zoom]
    fitted = figures.fit_frame(frame, aspect)
    assert mercator_aspect(fitted) == pytest.approx(aspect, rel=2e-3)
    assert fitted["lon"][0] <= frame["lon"][0] and fitted["lon"][1] >= frame["lon"][1]
    assert fitted["lat"][0] <= frame["lat"][0] and fitted["lat"][1] >= frame["lat"][1]


def test_placed_boxes_never_overlap_and_stay_inside_the_frame_or_are_left_out():
    rng = random.Random(7)
    words = ["Seoul", "Gyeonggi", "Shanghai", "North Gyeongsang", "東京都", "서울특별시", "Jeju", "Hokkaido"]
    for _ in range(200):
        anchors = [Anchor(rng.choice(words), rng.uniform(-20, 420), rng.uniform(-20, 320), rng.choice([0.0, 5.0]))
                   for _ in range(rng.randint(1, 12))]
        boxes = place_labels(anchors, 400, 300, 12)
        kept = [b for b in boxes if b is not None]
        assert not overlapping(kept)
        assert all(b.inside(400, 300) for b in kept)


def test_a_name_keeps_its_full_width_and_a_wide_script_counts_wider():
    latin, hangul = text_size("Seoul", 12), text_size("서울특별시", 12)
    assert latin[0] > 5 * 0.5 * 12 and hangul[0] >= 5 * 12
    box = place_labels([Anchor("Shanghai", 1.0, 50.0)], 400, 300, 12)[0]
    assert box is not None and box.left >= 0 and box.right - box.left == pytest.approx(text_size("Shanghai", 12)[0])


def placed(bundled, drawn, state: ViewState):
    """The slide's label placement for a view: [(name, box or None)], the frame's projection, the figure."""
    dots, points = drawn
    _, view, _ = encode_view(bundled, state)
    frame = figures.fit_frame(ZOOM_RANGES[state.zoom], PLOT[0] / PLOT[1])
    projection = figures.FrameProjection(frame, *PLOT)
    pairs = figures.label_boxes(bundled, state, view, dots, points, state.zoom, projection)
    return pairs, projection, figures.map_figure(bundled, state, dots, points, size=MAP_PX)


def check_figure(pairs, projection, figure) -> None:
    """What the picture shows: the kept names, each inside the frame, no two boxes overlapping, the legend's count."""
    kept = [(name, box) for name, box in pairs if box is not None]
    labels = figure.data[-1]
    assert list(labels.text) == [name for name, _ in kept]
    for (name, box), lon, lat in zip(kept, labels.lon, labels.lat):
        x, y = projection.project(lon, lat)
        half_w, half_h = (box.right - box.left) / 2, (box.bottom - box.top) / 2
        assert half_w <= x <= projection.width - half_w and half_h <= y <= projection.height - half_h, name
    assert not overlapping([box for _, box in kept])
    notes = [t.name for t in figure.data if t.legendgroup == "notes"]
    left_out = len(pairs) - len(kept)
    assert notes == ([f"Names left out for lack of room: {left_out}"] if left_out else [])


def test_seoul_and_gyeonggi_both_named_apart_on_the_first_scene(bundled, drawn):
    scene = sb.parse_storyboard(EXAMPLE.read_bytes(), bundled).scenes[0]
    pairs, projection, figure = placed(bundled, drawn, scene.view)
    names = dict(pairs)
    assert names["Seoul"] is not None and names["Gyeonggi"] is not None
    assert not names["Seoul"].overlaps(names["Gyeonggi"])
    check_figure(pairs, projection, figure)


def test_ten_names_at_the_japan_frame_are_whole_or_left_out_and_counted(bundled, drawn):
    state = ViewState(zoom="JP", labels=10)
    pairs, projection, figure = placed(bundled, drawn, state)
    assert "Shanghai" in dict(pairs) and "Guangdong" not in dict(pairs), "names in the frame only"
    check_figure(pairs, projection, figure)


@pytest.mark.parametrize("query", ["?labels=10", "?labels=10&zoom=CN&metric=plan", "?labels=10&zoom=KR&metric=window",
                                   "?labels=10&zoom=KR&countries=KR&start=2022-01&end=2022-12"])
def test_every_frame_with_ten_names(bundled, drawn, query):
    state = ViewState.from_query(query, month_labels=bundled.month_labels)
    check_figure(*placed(bundled, drawn, state))
