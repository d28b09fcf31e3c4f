"""Storyboards: scenes (a whole view plus a title, a caption and speaker notes), their file and their link.

Why here, pure: the app's storyboard panel, the presenter, the exports and the command line all
read the same versioned JSON file, and a bad file must be refused the same way everywhere, with
the scene and the field at fault, before anything is replaced. A scene's view is a ``ViewState``
written in its query-string form (the one the address bar uses), so a scene is also a link, and
the browser reads it with the rules it already has (``assets/atlas-state.js``). Unlike a hand-made
link, which falls back to defaults, a storyboard is checked strictly: a value the dataset does not
know is an error, because a caption was written about that exact view.

A share link carries the same JSON, minimal (no spaces, empty fields left out), deflated and
base64url-encoded, after ``#story=``; past ``LINK_MAX_CHARS`` the app offers the file instead.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qsl

from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.core.view.state import FILTERS, LABEL_COUNTS, MAX_SEARCH_LENGTH, METRICS, TABS, ZOOMS, ViewState

FORMAT = "metaverse-policy-atlas/storyboard"
SCHEMA_VERSION = 1
STORY_TITLE_MAX = 120
TITLE_MAX = 80
CAPTION_MAX = 400
NOTES_MAX = 4000
MAX_SCENES = 60
MAX_FILE_BYTES = 1_000_000
#: Characters after ``#story=``; longer storyboards travel as a file (mail and chat clients cut long links).
LINK_MAX_CHARS = 8000
LINK_KEY = "story"
TOP_FIELDS = ("format", "version", "title", "subtitle", "dataset", "scenes")
SCENE_FIELDS = ("title", "caption", "notes", "view")
VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(ViewState))


@dataclass(frozen=True)
class Scene:
    title: str
    view: ViewState
    caption: str = ""
    notes: str = ""

    def to_dict(self) -> dict:
        entry = {"title": self.title, "caption": self.caption, "notes": self.notes, "view": scene_query(self.view)}
        return {k: v for k, v in entry.items() if v or k in ("title", "view")}


@dataclass(frozen=True)
class Storyboard:
    title: str
    scenes: tuple[Scene, ...]
    subtitle: str = ""
    dataset: str = ""

    def to_dict(self) -> dict:
        head = {"format": FORMAT, "version": SCHEMA_VERSION, "title": self.title, "subtitle": self.subtitle,
                "dataset": self.dataset}
        return {**{k: v for k, v in head.items() if v != ""}, "scenes": [s.to_dict() for s in self.scenes]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class StoryProblem:
    """One reason a storyboard is refused: which scene (1-based; None = the storyboard), field, value, rule."""

    scene: int | None
    field: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = message("story.where.scene", n=self.scene) if self.scene else message("story.where.story")
        return message("story.problem", where=where, field=self.field, value=self.value, rule=self.rule)


class StoryboardError(ValueError):
    def __init__(self, problems: list[StoryProblem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def scene_query(state: ViewState) -> str:
    """A scene's view as a query string; the window is always written, so a scene never drifts with the data."""
    return state.to_query(ViewState())


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def view_problems(query: str, dataset: Dataset) -> list[tuple[str, str, str]]:
    """Every (field, value, rule) of a scene's view that this dataset cannot show exactly."""
    problems = []
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    seen = set()
    months = dataset.month_labels
    choices = {
        "metric": METRICS, "zoom": ZOOMS, "region": set(dataset.regions.index),
        "action": set(dataset.actions["action_id"]), "present": {"0", "1"}, "rescale": {"0", "1"},
        "labels": {str(n) for n in LABEL_COUNTS}, "start": set(months), "end": set(months), "tab": set(TABS),
    }
    for name, value in pairs:
        field = "view." + name
        if name not in VIEW_FIELDS:
            problems.append((field, value, message("story.rule.unknown_field")))
            continue
        if name in seen:
            problems.append((field, value, message("story.rule.repeated")))
        seen.add(name)
        if name in FILTERS:
            chosen = [] if value == "none" else value.split(",")
            unknown = [v for v in chosen if v not in FILTERS[name]]
            if unknown or not value:
                problems.append((field, ",".join(unknown) or value, message("story.rule.not_in_dataset")))
        elif name == "search":
            if len(value) > MAX_SEARCH_LENGTH:
                problems.append((field, value, message("story.rule.too_long", max=MAX_SEARCH_LENGTH)))
        elif value not in choices[name]:
            rule = (message("story.rule.month", first=months[0], last=months[-1]) if name in ("start", "end")
                    else message("story.rule.not_in_dataset"))
            problems.append((field, value, rule))
    for name in ("start", "end"):
        if name not in seen:
            problems.append(("view." + name, "", message("story.rule.window_missing")))
    given = dict(pairs)
    if given.get("start") in months and given.get("end") in months and given["start"] > given["end"]:
        problems.append(("view.start", given["start"], message("story.rule.start_after_end", end=given["end"])))
    return problems


def _text(problems: list, scene: int | None, entry: dict, name: str, limit: int, required: bool) -> str:
    value = entry.get(name, "")
    if not isinstance(value, str):
        problems.append(StoryProblem(scene, name, _short(value), message("story.rule.not_text")))
        return ""
    if required and not value.strip():
        problems.append(StoryProblem(scene, name, value, message("story.rule.empty")))
    if len(value) > limit:
        problems.append(StoryProblem(scene, name, _short(value), message("story.rule.too_long", max=limit)))
    return value


def parse_storyboard(raw, dataset: Dataset) -> Storyboard:
    """A storyboard from its JSON (text, bytes or the decoded value), or ``StoryboardError`` naming every fault."""
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) > MAX_FILE_BYTES:
            raise StoryboardError([StoryProblem(None, "file", f"{len(raw)} bytes",
                                                message("story.rule.file_too_big", max=MAX_FILE_BYTES))])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StoryboardError([StoryProblem(None, "file", "", message("story.rule.not_utf8"))]) from None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as err:
            raise StoryboardError([StoryProblem(None, "file", f"line {err.lineno}, column {err.colno}",
                                                message("story.rule.not_json", reason=err.msg))]) from None
    if not isinstance(raw, dict):
        raise StoryboardError([StoryProblem(None, "file", _short(raw), message("story.rule.not_object"))])
    problems: list[StoryProblem] = []
    for key in raw:
        if key not in TOP_FIELDS:
            problems.append(StoryProblem(None, key, _short(raw[key]), message("story.rule.unknown_field")))
    if raw.get("format") != FORMAT:
        problems.append(StoryProblem(None, "format", _short(raw.get("format", "")), message("story.rule.format", expected=FORMAT)))
    if raw.get("version") != SCHEMA_VERSION:
        problems.append(StoryProblem(None, "version", _short(raw.get("version", "")),
                                     message("story.rule.version", expected=SCHEMA_VERSION)))
    title = _text(problems, None, raw, "title", STORY_TITLE_MAX, required=True)
    subtitle = _text(problems, None, raw, "subtitle", STORY_TITLE_MAX, required=False)
    data_version = raw.get("dataset", "") if isinstance(raw.get("dataset", ""), str) else ""
    entries = raw.get("scenes")
    if not isinstance(entries, list) or not entries:
        problems.append(StoryProblem(None, "scenes", _short(entries if entries is not None else ""),
                                     message("story.rule.scenes")))
        entries = []
    if len(entries) > MAX_SCENES:
        problems.append(StoryProblem(None, "scenes", str(len(entries)), message("story.rule.too_many", max=MAX_SCENES)))
    defaults = ViewState(start=dataset.month_labels[0], end=dataset.month_labels[-1])
    scenes = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(StoryProblem(number, "scene", _short(entry), message("story.rule.not_object")))
            continue
        for key in entry:
            if key not in SCENE_FIELDS:
                problems.append(StoryProblem(number, key, _short(entry[key]), message("story.rule.unknown_field")))
        scene_title = _text(problems, number, entry, "title", TITLE_MAX, required=True)
        caption = _text(problems, number, entry, "caption", CAPTION_MAX, required=False)
        notes = _text(problems, number, entry, "notes", NOTES_MAX, required=False)
        query = entry.get("view", "")
        if not isinstance(query, str):
            problems.append(StoryProblem(number, "view", _short(query), message("story.rule.not_text")))
            continue
        problems += [StoryProblem(number, field, _short(value), rule) for field, value, rule in view_problems(query, dataset)]
        view = ViewState.from_query(query, defaults, month_labels=dataset.month_labels,
                                    region_ids=set(dataset.regions.index), action_ids=set(dataset.actions["action_id"]))
        scenes.append(Scene(title=scene_title, caption=caption, notes=notes, view=view))
    if problems:
        raise StoryboardError(problems)
    return Storyboard(title=title, subtitle=subtitle, dataset=data_version, scenes=tuple(scenes))


def browser_limits() -> dict:
    """The file's format and text limits, for the browser's storyboard editor (in the page's payload)."""
    return {"format": FORMAT, "version": SCHEMA_VERSION, "titleMax": TITLE_MAX, "captionMax": CAPTION_MAX,
            "notesMax": NOTES_MAX, "storyTitleMax": STORY_TITLE_MAX}


class LinkTooLong(ValueError):
    """The storyboard is too long for a link; the message says so and points to the file."""


def to_link_fragment(storyboard: Storyboard) -> str:
    """``story=…``: the minimal JSON, deflated and base64url-encoded (no padding)."""
    minimal = json.dumps(storyboard.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    encoded = base64.urlsafe_b64encode(zlib.compress(minimal, 9)).decode("ascii").rstrip("=")
    if len(encoded) > LINK_MAX_CHARS:
        raise LinkTooLong(message("story.link_too_long", n=len(encoded), max=LINK_MAX_CHARS))
    return f"{LINK_KEY}={encoded}"


def from_link_fragment(fragment: str, dataset: Dataset) -> Storyboard:
    """The storyboard in a ``#story=…`` fragment, checked as a file is."""
    text = fragment.lstrip("#")
    if text.startswith(LINK_KEY + "="):
        text = text[len(LINK_KEY) + 1:]
    bad = StoryboardError([StoryProblem(None, "link", _short(text), message("story.rule.bad_link"))])
    if len(text) > LINK_MAX_CHARS:
        raise bad
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        body = inflater.decompress(packed, MAX_FILE_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise bad
    except (binascii.Error, ValueError, zlib.error):
        raise bad from None
    return parse_storyboard(body, dataset)
