"""The browser payload of every language, built with its language-free parts written once, is byte for byte the one
``build_payload`` + ``encode`` gives (the URL hash, the browser's cache key, depends on those bytes)."""

from __future__ import annotations

import dataclasses
import json

from components.core import i18n
from components.core.view import figures
from components.core.view.dots import dot_layout
from components.core.view.payload import build_payload, encode, encode_languages


def test_every_language_is_byte_for_byte_the_full_build(bundled):
    dots, points = dot_layout(bundled), figures.region_label_points(bundled)
    limits = {"maxScenes": 3}
    bodies = encode_languages(bundled, dots, points, None, i18n.LANGUAGES, limits)
    assert list(bodies) == list(i18n.LANGUAGES)
    for lang, body in bodies.items():
        assert body == encode(build_payload(bundled, dots, points, None, lang, limits))[0], lang
        payload = json.loads(body)
        assert payload["lang"] == lang and len(payload["actions"]["id"]) == len(bundled.actions)
    assert len(set(bodies.values())) == len(bodies)  # the languages do differ


def test_a_text_spelling_the_placeholder_falls_back_to_the_full_build(small):
    """A hostile title that writes the splice marker must not be spliced into: the full build is used instead."""
    hostile = small.actions.copy()
    hostile.loc[hostile.index[0], "title"] = "\x00atlas-shared:localities\x00"
    dataset = dataclasses.replace(small, actions=hostile)
    dots, points = dot_layout(dataset), figures.region_label_points(dataset)
    body = encode_languages(dataset, dots, points, None, ["en"], {})["en"]
    assert body == encode(build_payload(dataset, dots, points, None, "en", {}))[0]
    assert json.loads(body)["actions"]["title"][0] == "\x00atlas-shared:localities\x00"
