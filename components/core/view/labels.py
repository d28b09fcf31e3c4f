"""Where the map's top-N region names go: beside their point, never over each other, never cut by the frame.

Why a placement of our own: Plotly writes a text where it is told, whatever is already there, and
cuts it at the frame's edge, so "Seoul" lands on "Gyeonggi" and a name near the edge loses its
first letters. Here each name, in rank order, takes the first of a few candidate spots around its
point (a dot's name beside it: above, right, left, below, the corners, then one step farther out;
a shape's name on it, then shifted a little) whose box lies inside the frame and
overlaps no name placed before it; a name with no such spot is left out, and the caller says how
many were (the legend does). Boxes are estimated from the font size (a CJK character is about a
square; other characters about 0.62 of it, bold), with a margin, in pixels of the projected frame.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

LATIN_EM = 0.62
LINE_EM = 1.25
PAD_PX = 2.0
GAP_PX = 2.0


@dataclass(frozen=True)
class Anchor:
    """A name to place at (x, y) px in the frame; ``radius`` > 0 when the point is a dot (the name goes beside it)."""

    text: str
    x: float
    y: float
    radius: float = 0.0


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def overlaps(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def text_size(text: str, font_px: float) -> tuple[float, float]:
    """The box a one-line name takes, in px, with ``PAD_PX`` around it."""
    wide = sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else LATIN_EM for ch in text)
    return wide * font_px + 2 * PAD_PX, LINE_EM * font_px + 2 * PAD_PX


def candidates(anchor: Anchor, width: float, height: float) -> list[Box]:
    """The spots a name may take, in order of preference: touching its point first, then a step farther out."""
    half_w, half_h = width / 2, height / 2
    reach_x, reach_y = anchor.radius + GAP_PX + half_w, anchor.radius + GAP_PX + half_h
    if anchor.radius > 0:
        ring = [(0, -reach_y), (reach_x, 0), (-reach_x, 0), (0, reach_y),
                (reach_x, -reach_y), (-reach_x, -reach_y), (reach_x, reach_y), (-reach_x, reach_y)]
        offsets = ring + [(dx + (GAP_PX + half_h) * ((dx > 0) - (dx < 0)), dy + (GAP_PX + half_h) * ((dy > 0) - (dy < 0)))
                          for dx, dy in ring]
    else:
        step_x, step_y = half_w + GAP_PX, half_h + GAP_PX
        offsets = [(0, 0), (0, -step_y), (0, step_y), (step_x, 0), (-step_x, 0),
                   (0, -2 * step_y), (0, 2 * step_y), (step_x, -step_y), (-step_x, -step_y), (step_x, step_y),
                   (-step_x, step_y)]
    return [Box(anchor.x + dx - half_w, anchor.y + dy - half_h, anchor.x + dx + half_w, anchor.y + dy + half_h)
            for dx, dy in offsets]


def place_labels(anchors: list[Anchor], frame_width: float, frame_height: float, font_px: float) -> list[Box | None]:
    """Each anchor's box (in rank order: the first anchors choose first), or None where it is left out."""
    placed: list[Box] = []
    out: list[Box | None] = []
    for anchor in anchors:
        size = text_size(anchor.text, font_px)
        spot = next((box for box in candidates(anchor, *size)
                     if box.inside(frame_width, frame_height) and not any(box.overlaps(p) for p in placed)), None)
        if spot is not None:
            placed.append(spot)
        out.append(spot)
    return out
