"""``evidence.zip``: the exact rows behind each scene, the storyboard itself, and a README that says what they are.

Why: a briefing's claims must be checkable after the meeting. Each ``scene-NN.csv`` is the
published CSV layout of the rows the scene's view shows (the app's table and CSV export for
that view); the README names the dataset version and each scene's window and filters.
"""

from __future__ import annotations

import io
import zipfile

from components.core.briefing import SceneFacts
from components.core.dataset import Dataset, published_frame
from components.core.state import FILTERS, ViewState
from components.core.storyboard import Storyboard, scene_query


def csv_name(number: int) -> str:
    return f"scene-{number:02d}.csv"


def filter_lines(dataset: Dataset, state: ViewState) -> list[str]:
    full = ViewState()
    lines = [f"- window: {state.start} to {state.end}", f"- colour: {state.metric}"]
    for name, options in FILTERS.items():
        value = getattr(state, name)
        shown = "all" if value == getattr(full, name) else (", ".join(options[v] for v in value) or "none")
        lines.append(f"- {name}: {shown}")
    if state.search.strip():
        lines.append(f"- search: {state.search}")
    if state.region:
        lines.append(f"- region: {dataset.region_name(state.region)} ({state.region})")
    if state.action:
        lines.append(f"- highlighted action: {state.action}")
    lines.append(f"- zoom: {state.zoom}")
    return lines


def readme(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> str:
    lines = [f"# Evidence: {story.title}", "",
             f"Metaverse Policy Atlas, dataset version {dataset.version}"
             + (f" (the storyboard was written on {story.dataset})" if story.dataset and story.dataset != dataset.version else "")
             + ".", "",
             "Each scene-NN.csv holds exactly the actions the scene's view shows (its window, filters, search and "
             "region), in the published CSV layout of data/policy_actions.csv. storyboard.json is the storyboard "
             "these files were made from; each scene's view can be opened in the atlas by appending its link to "
             "the atlas's address.", ""]
    for fact in facts:
        lines += [f"## Scene {fact.number}: {fact.scene.title}", "",
                  f"- file: {csv_name(fact.number)} ({len(fact.rows)} actions)",
                  *filter_lines(dataset, fact.state),
                  f"- link: {scene_query(fact.state)}", ""]
    return "\n".join(lines)


def evidence_zip(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for fact in facts:
            archive.writestr(csv_name(fact.number), published_frame(fact.rows).to_csv(index=False))
        archive.writestr("storyboard.json", story.to_json())
        archive.writestr("README.md", readme(dataset, story, facts))
    return buffer.getvalue()
