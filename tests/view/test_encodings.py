"""Honest encodings: fixed classes across frames, labelled bins, and three kinds of zero."""

from __future__ import annotations

import mapclassify
import numpy as np
import pytest

from components.core.view.encodings import (
    COUNT_PALETTE, KIND_STYLES, MAX_CLASSES, class_labels, count_breaks, encode_view, pick_colours,
)
from components.core.view.metrics import HIDDEN, NEVER, QUIET
from components.core.view.state import ViewState


def full(dataset, **changes) -> ViewState:
    return ViewState(start=dataset.month_labels[0], end=dataset.month_labels[-1]).replace(**changes)


def test_five_or_fewer_distinct_counts_each_get_their_own_class():
    assert count_breaks([0, 0, 3, 1, 1, 7, 3]) == [1, 3, 7]
    assert class_labels([1, 3, 7]) == ["1", "2–3", "4–7"]


def test_more_distinct_counts_use_fisher_jenks_natural_breaks():
    values = [1, 1, 1, 2, 2, 3, 4, 6, 9, 12, 15, 15, 31, 0, 0]
    breaks = count_breaks(values)
    assert len(breaks) == MAX_CLASSES and breaks[-1] == 31
    assert breaks == [int(b) for b in mapclassify.FisherJenks(np.array([v for v in values if v]), k=5).bins]
    assert all(b in values for b in breaks) and breaks == sorted(breaks)


def test_colours_spread_over_the_palette():
    assert pick_colours(COUNT_PALETTE, 5) == COUNT_PALETTE
    assert pick_colours(COUNT_PALETTE, 2) == [COUNT_PALETTE[0], COUNT_PALETTE[-1]]
    assert pick_colours(COUNT_PALETTE, 1) == [COUNT_PALETTE[2]]


def test_count_classes_are_fixed_across_the_timeline(bundled):
    early = encode_view(bundled, full(bundled, end="2022-02"))[2]
    late = encode_view(bundled, full(bundled, end="2025-06"))[2]
    assert early.breaks == late.breaks
    assert [e.label for e in early.entries] == [e.label.replace("2025-06", "2022-02") for e in late.entries]


def test_a_region_with_the_same_count_gets_the_same_class_in_any_frame(bundled):
    index = list(bundled.regions.index)
    seen = {}
    for end in ("2022-02", "2022-12", "2024-06", bundled.month_labels[-1]):
        _, view, encoding = encode_view(bundled, full(bundled, end=end))
        for r, count in enumerate(view.cumulative):
            if count:
                fill = encoding.entries[encoding.category[r]].style.fill
                assert seen.setdefault(int(count), fill) == fill, (index[r], end)
    assert len(seen) > 3


def test_rescaling_to_the_frame_is_said_in_the_legend(bundled):
    fixed = encode_view(bundled, full(bundled, end="2022-02"))[2]
    rescaled = encode_view(bundled, full(bundled, end="2022-02", rescale=True))[2]
    assert rescaled.breaks != fixed.breaks and rescaled.breaks[-1] < fixed.breaks[-1]
    assert "rescaled" in rescaled.legend_title and "rescaled" not in fixed.legend_title


def test_three_kinds_of_zero_have_their_own_entries_and_do_not_rely_on_colour(small):
    _, view, encoding = encode_view(small, full(small, countries=["KR", "JP"], metric="window", start="2023-01"))
    keys = [e.key for e in encoding.entries]
    assert keys[:3] == ["never", "quiet", "hidden"]
    assert "matching your filters" in encoding.legend_title
    styles = [KIND_STYLES[NEVER], KIND_STYLES[QUIET], KIND_STYLES[HIDDEN]]
    assert len({(s.line, s.width, s.mark) for s in styles}) == 3      # outline or mark differs, not only the fill
    index = list(small.regions.index)
    assert encoding.entries[encoding.category[index.index("CN-SH")]].key == "hidden"
    assert encoding.entries[encoding.category[index.index("KR-11")]].key == "quiet"


def test_first_action_is_binned_by_year_with_labelled_swatches(small):
    _, _, encoding = encode_view(small, full(small, metric="first"))
    assert [e.label for e in encoding.entries][1:] == ["2021", "2022", "2023", "2024"]
    index = list(small.regions.index)
    assert encoding.entries[encoding.category[index.index("CN-JS")]].label == "2022"


@pytest.mark.parametrize("metric, titles", [
    ("cumulative", "Actions to 2022-12"), ("window", "Actions 2022-01 to 2022-12"),
    ("plan", "Dedicated metaverse plans by 2022-12"), ("first", "First action, by year, to 2022-12"),
])
def test_the_map_title_states_the_measure_and_the_window(small, metric, titles):
    assert encode_view(small, full(small, metric=metric, start="2022-01", end="2022-12"))[2].title == titles
