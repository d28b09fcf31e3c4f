"""The briefing exports read back as a user gets them: the deck, the evidence and the offline page.

One export of the bundled storyboard (nine scenes, maps rendered by kaleido on Debian's
Chromium) is written once for the module; each test reads the files, not the code's values.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation

import app
from components.core import briefing
from components.core.briefing import storyboard as sb
from components.core.briefing.render import render_png

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "storyboards" / "metaverse-wave.json"


@pytest.fixture(scope="module")
def story(bundled):
    return sb.parse_storyboard(EXAMPLE.read_bytes(), bundled)


@pytest.fixture(scope="module")
def written(bundled, story, tmp_path_factory):
    out = tmp_path_factory.mktemp("briefing")
    return {item.path.name: item.path for item in briefing.write_briefing(bundled, story, out)}


@pytest.fixture(scope="module")
def evidence(written):
    with zipfile.ZipFile(written["evidence.zip"]) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def scene_rows(evidence, number: int) -> list[dict]:
    return list(csv.DictReader(io.StringIO(evidence[f"scene-{number:02d}.csv"])))


def test_evidence_holds_each_scenes_rows_the_storyboard_and_a_readme(evidence, story, bundled):
    scenes = len(story.scenes)
    assert sorted(evidence) == sorted([f"scene-{n:02d}.csv" for n in range(1, scenes + 1)]
                                      + ["storyboard.json", "README.md"])
    assert sb.parse_storyboard(evidence["storyboard.json"], bundled) == story
    readme = evidence["README.md"]
    assert f"dataset version {bundled.version}." in readme
    for number, scene in enumerate(story.scenes, start=1):
        assert f"## Scene {number}: {scene.title}" in readme
        assert f"- window: {scene.view.start} to {scene.view.end}" in readme
    assert "- types: Termination (closed / withdrawn)" in readme       # scene 8 filters on one kind
    header = evidence["scene-01.csv"].splitlines()[0]
    assert header == Path("data/policy_actions.csv").read_text(encoding="utf-8").splitlines()[0]


def test_evidence_rows_are_exactly_the_scenes_view(evidence):
    """Scene 2 is China, December 2021 to January 2022: filtered here straight from the CSV."""
    frame = pd.read_csv("data/policy_actions.csv", dtype=str, keep_default_na=False)
    expected = frame[(frame["country"] == "CN") & (frame["date"] >= "2021-12-01") & (frame["date"] <= "2022-01-31")]
    assert sorted(r["action_id"] for r in scene_rows(evidence, 2)) == sorted(expected["action_id"])
    terminations = frame[(frame["action_type"] == "termination") & (frame["date"] >= "2024-01-01")
                         & (frame["date"] <= "2025-12-31")]
    assert sorted(r["action_id"] for r in scene_rows(evidence, 8)) == sorted(terminations["action_id"])


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_the_deck_has_a_title_slide_a_slide_per_scene_and_sources(written, story, evidence, bundled):
    deck = Presentation(str(written["briefing.pptx"]))
    slides = list(deck.slides)
    scenes = len(story.scenes)
    assert story.title in slide_texts(slides[0])
    shown = {r["action_id"]: r["source_url"] for n in range(1, scenes + 1) for r in scene_rows(evidence, n)}
    source_slides = slides[1 + scenes:]
    assert len(source_slides) == -(-len(shown) // 14)
    links = []
    for slide in source_slides:
        assert slide_texts(slide)[0].startswith("Sources (")
        for shape in slide.shapes:
            if shape.has_text_frame:
                links += [run.hyperlink.address for p in shape.text_frame.paragraphs for run in p.runs
                          if run.hyperlink.address]
    assert sorted(links) == sorted(url for url in shown.values() if url)

    for number, (slide, scene) in enumerate(zip(slides[1:1 + scenes], story.scenes), start=1):
        texts = slide_texts(slide)
        assert scene.title in texts and scene.caption in texts
        footer = next(t for t in texts if t.startswith("As of "))
        assert footer == (f"As of {scene.view.end} · {_metric(scene)} · Metaverse Policy Atlas, dataset "
                          f"v{bundled.version} · {len(scene_rows(evidence, number))} actions in view")
        assert slide.notes_slide.notes_text_frame.text == scene.notes
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert len(pictures) == 1
        image = Image.open(io.BytesIO(pictures[0].image.blob))
        assert image.width >= 1600
        assert pictures[0].width / deck.slide_width > 0.6


def _metric(scene) -> str:
    return {"cumulative": "Cumulative actions", "window": "Actions within window", "first": "First-action date",
            "plan": "Dedicated metaverse plan"}[scene.view.metric]


def test_the_offline_page_carries_everything_and_names_every_source(written, story, evidence):
    page = written["briefing.html"].read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page), "the page loads a file"
    assert "window.PlotlyGeoAssets={topojson:{\"world_110m\":" in page
    for number, scene in enumerate(story.scenes, start=1):
        assert f"{number}. {html.escape(scene.title)}" in page
        for row in scene_rows(evidence, number):
            if row["source_url"]:
                assert f'href="{row["source_url"].replace("&", "&amp;")}"' in page
    spec = json.loads(re.search(r'id="atlas-briefing-data">(.*?)</script>', page, re.S).group(1))
    assert [s["view"] for s in spec["scenes"]] == [sb.scene_query(s.view) for s in story.scenes]


def test_cjk_names_render_as_glyphs_not_blank_boxes():
    """Each character drawn alone: real glyphs differ from each other; a missing font draws one box for all."""
    def figure(char: str) -> go.Figure:
        fig = go.Figure()
        fig.add_annotation(text=char, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 60})
        fig.update_layout(xaxis_visible=False, yaxis_visible=False, margin=dict(l=0, r=0, t=0, b=0),
                          paper_bgcolor="white", plot_bgcolor="white")
        return fig

    chars = ["元", "宇", "메", "タ", "\ue000"]          # the last is a private-use code point: no font has it
    images = [np.asarray(Image.open(io.BytesIO(png)).convert("L"))
              for png in render_png([figure(c) for c in chars], 120, 120)]
    inked = [(img < 128).sum() for img in images]
    assert all(n > 50 for n in inked[:4])
    for i in range(4):
        for j in range(i + 1, 5):
            assert (images[i] != images[j]).sum() > 100, (chars[i], chars[j])


def test_cli_writes_the_chosen_files(tmp_path, capsys):
    assert app.main(["briefing", str(EXAMPLE), "--out", str(tmp_path / "out"), "--formats", "zip,html"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["briefing.html", "evidence.zip"]
    assert "wrote " in capsys.readouterr().out


def test_cli_refuses_a_bad_storyboard_naming_scene_and_field(tmp_path, capsys):
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    raw["scenes"][1]["view"] += "&region=XX-99"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    assert app.main(["briefing", str(bad), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "Scene 2, field 'view.region': 'XX-99'" in err
    assert not (tmp_path / "out").exists()
    assert app.main(["briefing", str(EXAMPLE), "--out", str(tmp_path / "out"), "--formats", "pdf"]) == 2
    assert app.main(["briefing", str(tmp_path / "missing.json"), "--out", str(tmp_path / "out")]) == 1
    assert "cannot read the storyboard" in capsys.readouterr().err


def test_slide_pictures_are_full_hd_one_per_scene(bundled, story, tmp_path):
    short = sb.Storyboard(title=story.title, scenes=story.scenes[:2])
    written = briefing.write_briefing(bundled, short, tmp_path, formats=("png",))
    assert [w.path.name for w in written] == ["scene-01.png", "scene-02.png"]
    for item in written:
        assert Image.open(item.path).size == (1920, 1080)


def test_each_scene_map_fills_its_place_on_the_slide(written, story):
    """The picture takes the map's whole place (under the title, above the footer, left of the caption), drawn at
    that place's shape, and the map inside it spans the picture: no narrow column on a white slide."""
    from components.core.briefing.slides import MAP_BOX, MAP_SCALE
    from components.core.view.figures import MARGIN

    deck = Presentation(str(written["briefing.pptx"]))
    for slide, scene in zip(list(deck.slides)[1:1 + len(story.scenes)], story.scenes):
        picture = next(shape for shape in slide.shapes if shape.shape_type == 13)
        assert (picture.left, picture.top, picture.width, picture.height) == MAP_BOX
        texts = {shape.text_frame.text: shape for shape in slide.shapes if shape.has_text_frame}
        title, caption = texts[scene.title], texts[scene.caption]
        footer = next(shape for text, shape in texts.items() if text.startswith("As of "))
        assert title.top + title.height <= picture.top and picture.top + picture.height <= footer.top
        assert picture.left + picture.width <= caption.left
        assert (picture.width + picture.height) / (deck.slide_width + deck.slide_height) > 0.6

        image = Image.open(io.BytesIO(picture.image.blob)).convert("RGBA")
        assert image.width / image.height == pytest.approx(picture.width / picture.height, rel=0.01)
        body = np.asarray(image)[MARGIN["t"] * MAP_SCALE:]
        drawn = (body[..., 3] > 0) & (body[..., :3].min(axis=2) < 250)
        columns, rows = np.flatnonzero(drawn.any(axis=0)), np.flatnonzero(drawn.any(axis=1))
        assert (columns[-1] - columns[0]) / body.shape[1] > 0.95, f"{scene.title}: the map spans the picture's width"
        assert (rows[-1] - rows[0]) / body.shape[0] > 0.95, f"{scene.title}: the map spans the picture's height"


def test_each_action_says_how_it_is_known_in_the_deck_the_page_and_the_evidence(written, story, evidence):
    assert "Columns verification, more_sources and issuer_url_not_opened say how each action is known" in evidence["README.md"]
    rows = {r["action_id"]: r for n in range(1, len(story.scenes) + 1) for r in scene_rows(evidence, n)}
    assert {"more_sources", "issuer_url_not_opened"} <= set(next(iter(rows.values())))
    levels = {r["verification"] for r in rows.values()}
    page = written["briefing.html"].read_text(encoding="utf-8")
    deck = Presentation(str(written["briefing.pptx"]))
    runs = [run.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for run in p.runs]
    for level in levels:
        assert f"[{level}]" in page and f" [{level}]" in runs
    assert sum(r.startswith(" [") for r in runs) == len(rows)
    further = [u for r in rows.values() for u in r["more_sources"].split(";") if u.strip()]
    for url in further:
        assert f'href="{html.escape(url.strip())}"' in page
