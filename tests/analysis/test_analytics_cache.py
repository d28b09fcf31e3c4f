"""Caches of pure work in the analytics: keyed by content, never handing out a shared frame."""

from __future__ import annotations

from components.core.analysis import region_firsts
from components.core.analysis.firsts import FIRSTS_INPUT
from components.core.analysis.memo import content_key
from components.core.data.columns import Col


def test_the_content_key_follows_the_rows_not_the_object_or_its_index(small):
    frame = small.actions[FIRSTS_INPUT]
    assert content_key(frame) == content_key(frame.copy().reset_index(drop=True).set_axis(range(10, 17)))
    moved = frame.copy()
    moved.loc[moved.index[0], Col.DATE] = moved[Col.DATE].iloc[0].replace(day=1)
    assert content_key(moved) != content_key(frame)
    assert content_key(frame.iloc[1:]) != content_key(frame)
    assert content_key(frame[[Col.DATE, Col.ACTION_ID]]) != content_key(frame[[Col.ACTION_ID, Col.DATE]])


def test_region_firsts_answers_equal_frames_alike_and_a_caller_cannot_spoil_the_cache(small):
    first = region_firsts(small.actions, small.regions)
    first.loc["KR-11", "first_action_label"] = "spoiled"
    again = region_firsts(small.actions.copy(), small.regions)
    assert again.at["KR-11", "first_action_label"] == "2021-11-03"
    fewer = region_firsts(small.actions[small.actions[Col.REGION_ID] != "KR-11"], small.regions)
    assert not fewer.at["KR-11", "acted"] and again.at["KR-11", "acted"]
