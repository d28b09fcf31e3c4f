"""Room ``briefing``: storyboards (the model, the file, the link) and what a briefing exports: slides, the
standalone HTML and the evidence ZIP. May import: ``data``, ``view`` and ``i18n`` (and itself).
Browser counterpart: ``assets/atlas-story*.js`` and ``assets/atlas-present.css`` (presenter mode).

Exports of a storyboard that work without our server: an offline HTML file, a PowerPoint deck, the evidence.

Why one package: the three files tell one story from the same facts. Each scene's rows are
``metrics.table_actions`` for its view (what the app's table and CSV export show), its footer
is the presenter's footer, and its map is ``figures.map_figure``. The app's export buttons and
``python app.py briefing`` both call ``write_briefing``; nothing here imports Dash.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from components.core import i18n
from components.core.briefing.storyboard import Scene, Storyboard
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.data.region_names import region_names
from components.core.i18n import message
from components.core.view.metrics import table_actions
from components.core.view.state import ViewState

FORMATS = ("html", "pptx", "zip", "png")
DEFAULT_FORMATS = ("html", "pptx", "zip")
FILE_NAMES = {"html": "briefing.html", "pptx": "briefing.pptx", "zip": "evidence.zip"}
PREVIEW_DIR = "slides"


@dataclass(frozen=True)
class SceneFacts:
    """One scene as every export shows it: its rows, window, metric and footer."""

    number: int
    scene: Scene
    rows: pd.DataFrame
    start: str
    end: str
    metric: str
    footer: str

    @property
    def state(self) -> ViewState:
        return self.scene.view


def footer_text(dataset: Dataset, state: ViewState, n: int) -> str:
    start, end = state.month_range(dataset.month_labels)
    return message("present.footer", end=i18n.month(dataset.month_labels[end]), metric=i18n.label("metrics", state.metric),
                   version=dataset.version, n=n)


def place(dataset: Dataset, row) -> str:
    """Where an action was taken: its region, or its country for a national action, in the current language."""
    if row[Col.REGION_ID]:
        return region_names(i18n.current()).get(row[Col.REGION_ID], dataset.regions.at[row[Col.REGION_ID], "name_en"])
    return i18n.label("countries", row[Col.COUNTRY])


def scene_facts(dataset: Dataset, story: Storyboard) -> list[SceneFacts]:
    facts = []
    for number, scene in enumerate(story.scenes, start=1):
        rows = table_actions(dataset, scene.view)
        start, end = scene.view.month_range(dataset.month_labels)
        facts.append(SceneFacts(number=number, scene=scene, rows=rows, start=dataset.month_labels[start],
                                end=dataset.month_labels[end], metric=i18n.label("metrics", scene.view.metric),
                                footer=footer_text(dataset, scene.view, len(rows))))
    return facts


def actions_shown(facts: list[SceneFacts]) -> pd.DataFrame:
    """Every action any scene shows, once, by date (the deck's sources)."""
    frames = [f.rows for f in facts if len(f.rows)]
    if not frames:
        return facts[0].rows.iloc[0:0] if facts else pd.DataFrame()
    shown = pd.concat(frames).drop_duplicates(Col.ACTION_ID)
    return shown.sort_values([Col.DATE, Col.ACTION_ID], kind="stable")


@dataclass(frozen=True)
class Written:
    path: Path
    seconds: float

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def write_briefing(dataset: Dataset, story: Storyboard, out_dir: Path | str, formats=DEFAULT_FORMATS) -> list[Written]:
    """Write the chosen files into ``out_dir`` (created if needed); returns what was written and how long each took.

    ``png`` (not a default) writes each scene's slide as a picture, ``slides/scene-NN.png`` (1920 x 1080).
    """
    from components.core.briefing import evidence, slides, standalone

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    facts = scene_facts(dataset, story)
    builders = {"html": standalone.briefing_html, "pptx": slides.briefing_pptx, "zip": evidence.evidence_zip}
    written = []
    for kind in FORMATS:
        if kind not in formats:
            continue
        began = time.perf_counter()
        if kind == "png":
            (out / PREVIEW_DIR).mkdir(exist_ok=True)
            pictures = slides.slide_previews(dataset, facts)
            for fact, png in zip(facts, pictures):
                path = out / PREVIEW_DIR / f"scene-{fact.number:02d}.png"
                path.write_bytes(png)
                written.append(Written(path, (time.perf_counter() - began) / len(pictures)))
            continue
        body = builders[kind](dataset, story, facts)
        path = out / FILE_NAMES[kind]
        path.write_bytes(body)
        written.append(Written(path, time.perf_counter() - began))
    return written
