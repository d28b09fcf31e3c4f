"""``briefing.pptx``: a title slide, one slide per scene, and closing "Sources" slides, with python-pptx.

Why this layout: a deck is edited after it is made, so every text (title, caption, footer) is its
own text box and the map is a picture (rendered offline by ``render.render_png``) drawn at the
shape of its place on the slide, so the map fills it; the names of the leading regions are placed
so that none covers another or is cut at the frame (``core.labels``), and the legend says how many
had no room. The map's own title, legend, version and as-of date are on the picture. Speaker notes go to the notes
pane, where presenter view shows them. The Sources slides list every action any scene shows,
each with its source URL as a link.
"""

from __future__ import annotations

import io
import textwrap

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from components.core.briefing import SceneFacts, actions_shown, place
from components.core.briefing.render import render_png
from components.core.briefing.storyboard import Storyboard
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.core.view import figures
from components.core.view.dots import dot_layout

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
#: The map's place on a scene slide: under the title, above the footer, left of the caption (left, top, width, height).
MAP_BOX = (Inches(0.35), Inches(1.2), Inches(8.7), Inches(5.7))
#: The picture is drawn at the box's shape, MAP_SCALE device pixels to a CSS pixel, so its text reads at slide size.
MAP_WIDTH_PX, MAP_SCALE = 1000, 2
MAP_PX = (MAP_WIDTH_PX, round(MAP_WIDTH_PX * MAP_BOX[3] / MAP_BOX[2]))
SOURCES_PER_SLIDE = 14
GREY = RGBColor(0x55, 0x55, 0x55)


def _text_box(slide, left, top, width, height, text: str, size: int, bold: bool = False, colour=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    return box


def map_images(dataset: Dataset, facts: list[SceneFacts]) -> list[bytes]:
    dots = dot_layout(dataset)
    points = figures.region_label_points(dataset)
    return render_png([figures.map_figure(dataset, f.state, dots, points, size=MAP_PX) for f in facts], *MAP_PX,
                      scale=MAP_SCALE)


PREVIEW_PX = (1920, 1080)
PREVIEW_MARGIN = {"l": 30, "r": 30, "t": 20, "b": 10}
PREVIEW_DOMAIN = {"x": [0.0, 0.66], "y": [0.06, 0.84]}


def slide_preview(dataset: Dataset, fact: SceneFacts, dots, points):
    """A scene's slide as one picture (title, map, caption, footer), for a README or a quick look; the top-N
    names are placed in the box the map takes on it (``figures.map_figure``'s ``plot``)."""
    plot = ((PREVIEW_PX[0] - PREVIEW_MARGIN["l"] - PREVIEW_MARGIN["r"]) * (PREVIEW_DOMAIN["x"][1] - PREVIEW_DOMAIN["x"][0]),
            (PREVIEW_PX[1] - PREVIEW_MARGIN["t"] - PREVIEW_MARGIN["b"]) * (PREVIEW_DOMAIN["y"][1] - PREVIEW_DOMAIN["y"][0]))
    fig = figures.map_figure(dataset, fact.state, dots, points, plot=plot)
    map_title = fig.layout.title.text
    fig.update_geos(domain=PREVIEW_DOMAIN)
    fig.update_layout(
        title=dict(text=figures.hover_escape(fact.scene.title), x=0.02, y=0.97, font=dict(size=34)),
        margin=PREVIEW_MARGIN, paper_bgcolor="white",
        legend=dict(x=0.66, y=0.08, xanchor="right", yanchor="bottom"),
    )
    caption = "<br>".join(textwrap.wrap(figures.hover_escape(fact.scene.caption), 44))
    fig.layout.annotations[0].update(y=0.07)
    fig.add_annotation(text=map_title, x=0.01, y=0.86, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                       showarrow=False, font=dict(size=18, color="#333333"))
    fig.add_annotation(text=caption, x=0.69, y=0.84, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, align="left", font=dict(size=20))
    fig.add_annotation(text=figures.hover_escape(fact.footer), x=0.01, y=0.0, xref="paper", yref="paper",
                       xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=15, color="#555555"))
    return fig


def slide_previews(dataset: Dataset, facts: list[SceneFacts]) -> list[bytes]:
    dots, points = dot_layout(dataset), figures.region_label_points(dataset)
    return render_png([slide_preview(dataset, f, dots, points) for f in facts], *PREVIEW_PX)


def scene_slide(deck, fact: SceneFacts, png: bytes, readout: list[str] | None = None) -> None:
    """``readout``: a compare scene's change per country ("China: 9 → 24 of 33 provinces have acted"), under the caption."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text_box(slide, Inches(0.35), Inches(0.25), Inches(12.6), Inches(0.9), fact.scene.title, 28, bold=True)
    left, top, width, height = MAP_BOX
    slide.shapes.add_picture(io.BytesIO(png), left, top, width=width, height=height)
    _text_box(slide, Inches(9.25), Inches(1.3), Inches(3.75), Inches(3.6 if readout else 5.5), fact.scene.caption, 16)
    if readout:
        box = _text_box(slide, Inches(9.25), Inches(5.0), Inches(3.75), Inches(1.8), readout[0], 12)
        box.name = "compare readout"
        for line in readout[1:]:
            run = box.text_frame.add_paragraph().add_run()
            run.text = line
            run.font.size = Pt(12)
    _text_box(slide, Inches(0.35), Inches(6.95), Inches(12.6), Inches(0.4), fact.footer, 11, colour=GREY)
    if fact.scene.notes:
        slide.notes_slide.notes_text_frame.text = fact.scene.notes


def source_slides(deck, dataset: Dataset, facts: list[SceneFacts]) -> None:
    shown = actions_shown(facts)
    rows = list(shown.iterrows())
    pages = max(1, -(-len(rows) // SOURCES_PER_SLIDE))
    for page in range(pages):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _text_box(slide, Inches(0.35), Inches(0.25), Inches(12.6), Inches(0.7),
                  message("slides.sources", page=page + 1, pages=pages), 24, bold=True)
        box = slide.shapes.add_textbox(Inches(0.35), Inches(1.0), Inches(12.6), Inches(6.2))
        frame = box.text_frame
        frame.word_wrap = True
        for i, (_, row) in enumerate(rows[page * SOURCES_PER_SLIDE:(page + 1) * SOURCES_PER_SLIDE]):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            where = place(dataset, row)
            lead = paragraph.add_run()
            lead.text = message("slides.source_line", date=figures.action_date(row), where=where, title=row[Col.TITLE],
                                source=row[Col.SOURCE_NAME]) + ": "
            lead.font.size = Pt(11)
            link = paragraph.add_run()
            url = row[Col.SOURCE_URL]
            link.text = url or message("panel.no_link").strip(" ()")
            link.font.size = Pt(11)
            if url:
                link.hyperlink.address = url
            level = paragraph.add_run()
            level.text = f" [{message(f'panel.badge.{row[Col.VERIFICATION]}')}]"
            level.font.size = Pt(11)
            level.font.color.rgb = GREY


def briefing_pptx(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    cover = deck.slides.add_slide(deck.slide_layouts[6])
    _text_box(cover, Inches(0.8), Inches(2.3), Inches(11.7), Inches(1.8), story.title, 36, bold=True)
    _text_box(cover, Inches(0.8), Inches(4.2), Inches(11.7), Inches(0.8), story.subtitle, 20)
    _text_box(cover, Inches(0.8), Inches(5.2), Inches(11.7), Inches(0.5),
              message("slides.subtitle", version=dataset.version, n=len(facts)), 14, colour=GREY)
    for fact, png in zip(facts, map_images(dataset, facts)):
        scene_slide(deck, fact, png, figures.compare_readout_lines(dataset, fact.state) if fact.state.compare else None)
    source_slides(deck, dataset, facts)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
