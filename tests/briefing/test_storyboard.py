"""Storyboard files and links: the round trip, and each kind of bad file refused with its scene and field."""

from __future__ import annotations

import json

import pytest

from components.core.briefing import storyboard as sb
from components.core.view.state import ViewState


def scene_view(small, **changes) -> ViewState:
    return ViewState(start=small.month_labels[0], end=small.month_labels[-1]).replace(**changes)


@pytest.fixture
def story(small):
    return sb.Storyboard(title="Seoul and Shanghai", subtitle="A test", dataset=small.version, scenes=(
        sb.Scene("Seoul first", scene_view(small, end="2021-12", countries=["KR"], region="KR-11"),
                 caption="Seoul's basic plan.", notes="Say hello."),
        sb.Scene("Shanghai's track", scene_view(small, start="2022-01", end="2022-12", metric="plan", labels=5,
                                                zoom="CN", action="cn-sh-2022-07-track")),
        sb.Scene("All of it", scene_view(small, search="metaverse plan", types=[], rescale=True)),
    ))


def problems_of(raw, dataset) -> list[tuple]:
    with pytest.raises(sb.StoryboardError) as caught:
        sb.parse_storyboard(raw, dataset)
    return [(p.scene, p.field, p.value) for p in caught.value.problems]


def test_file_round_trip_keeps_every_scene_exactly(story, small):
    text = story.to_json()
    again = sb.parse_storyboard(text, small)
    assert again == story
    assert sb.parse_storyboard(text.encode("utf-8"), small) == story
    written = json.loads(text)
    assert written["format"] == sb.FORMAT and written["version"] == sb.SCHEMA_VERSION
    assert written["scenes"][0]["view"].startswith("?start=2021-01&end=2021-12")
    assert "caption" not in written["scenes"][1]          # empty fields are left out
    assert written["scenes"][1]["view"].endswith("labels=5")


def test_link_round_trip_is_compact(story, small):
    fragment = sb.to_link_fragment(story)
    assert fragment.startswith("story=")
    assert len(fragment) < len(story.to_json())
    assert set(fragment[6:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert sb.from_link_fragment("#" + fragment, small) == story


def test_a_storyboard_too_long_for_a_link_says_so_and_offers_the_file(small):
    import random

    rng = random.Random(1)
    def noise() -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(sb.NOTES_MAX))
    scenes = tuple(sb.Scene(f"Scene {i}", scene_view(small), notes=noise()) for i in range(3))
    with pytest.raises(sb.LinkTooLong, match="too long for a link.*Save it as a file"):
        sb.to_link_fragment(sb.Storyboard(title="Long", scenes=scenes))


def test_a_damaged_link_is_refused(small, story):
    fragment = sb.to_link_fragment(story)
    with pytest.raises(sb.StoryboardError, match="not a storyboard link"):
        sb.from_link_fragment(fragment[:-40], small)
    with pytest.raises(sb.StoryboardError, match="not a storyboard link"):
        sb.from_link_fragment("story=%%%", small)


def edited(story, change) -> dict:
    raw = json.loads(story.to_json())
    change(raw)
    return raw


def test_wrong_version_and_format_are_named(story, small):
    raw = edited(story, lambda r: r.update(version=2, format="something-else"))
    assert problems_of(raw, small) == [(None, "format", "something-else"), (None, "version", "2")]


def test_unknown_fields_are_named_with_their_scene(story, small):
    def change(raw):
        raw["author"] = "me"
        raw["scenes"][1]["colour"] = "red"
        raw["scenes"][2]["view"] += "&colour=red"
    assert problems_of(edited(story, change), small) == [(None, "author", "me"), (2, "colour", "red"), (3, "view.colour", "red")]


def test_view_values_the_dataset_does_not_have_are_named(story, small):
    def change(raw):
        raw["scenes"][0]["view"] = raw["scenes"][0]["view"].replace("KR-11", "KR-99")
        raw["scenes"][1]["view"] = raw["scenes"][1]["view"].replace("2022-12", "2031-01").replace("metric=plan", "metric=bogus")
        raw["scenes"][2]["view"] += "&countries=KR,XX&labels=7"
    assert problems_of(edited(story, change), small) == [
        (1, "view.region", "KR-99"), (2, "view.end", "2031-01"), (2, "view.metric", "bogus"),
        (3, "view.countries", "XX"), (3, "view.labels", "7")]


def test_over_long_texts_are_named(story, small):
    def change(raw):
        raw["scenes"][0]["title"] = "T" * (sb.TITLE_MAX + 1)
        raw["scenes"][2]["caption"] = "C" * (sb.CAPTION_MAX + 1)
    found = problems_of(edited(story, change), small)
    assert [(scene, field) for scene, field, _ in found] == [(1, "title"), (3, "caption")]
    with pytest.raises(sb.StoryboardError, match=r"Scene 3, field 'caption'.*longer than 400 characters"):
        sb.parse_storyboard(edited(story, change), small)


def test_a_scene_must_state_its_window_and_not_end_before_it_starts(story, small):
    def change(raw):
        raw["scenes"][0]["view"] = "?countries=KR"
        raw["scenes"][1]["view"] = "?start=2023-01&end=2022-01"
    assert problems_of(edited(story, change), small) == [
        (1, "view.start", ""), (1, "view.end", ""), (2, "view.start", "2023-01")]


@pytest.mark.parametrize("raw, field", [
    (b"\xff\xfe not utf-8", "file"), ("{not json", "file"), ("[1, 2]", "file"),
    (json.dumps({"format": sb.FORMAT, "version": 1, "title": "x", "scenes": []}), "scenes"),
])
def test_files_that_are_not_storyboards_are_refused_without_a_traceback(raw, field, small):
    assert [f for _, f, _ in problems_of(raw, small)] == [field]
