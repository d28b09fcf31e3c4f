"""``evidence.zip``: the exact rows behind each scene, the storyboard itself, and a README that says what they are.

Why: a briefing's claims must be checkable after the meeting. Each ``scene-NN.csv`` is the
published CSV layout of the rows the scene's view shows (the app's table and CSV export for
that view); the README names the dataset version and each scene's window and filters.
"""

from __future__ import annotations

import io
import zipfile

from components.core.briefing import SceneFacts
from components.core.briefing.storyboard import Storyboard, scene_query
from components.core.data.dataset import Dataset, published_frame
from components.core.i18n import message
from components.core.view.state import FILTERS, ViewState


def csv_name(number: int) -> str:
    return f"scene-{number:02d}.csv"


def filter_lines(dataset: Dataset, state: ViewState) -> list[str]:
    full = ViewState()
    lines = [message("evidence.window", start=state.start, end=state.end),
             message("evidence.colour", metric=state.metric)]
    for name, options in FILTERS.items():
        value = getattr(state, name)
        shown = (message("evidence.all") if value == getattr(full, name)
                 else (", ".join(options[v] for v in value) or message("evidence.none")))
        lines.append(message("evidence.filter", name=name, values=shown))
    if state.search.strip():
        lines.append(message("evidence.search", search=state.search))
    if state.region:
        lines.append(message("evidence.region", region=dataset.region_name(state.region), id=state.region))
    if state.action:
        lines.append(message("evidence.action", action=state.action))
    lines.append(message("evidence.zoom", zoom=state.zoom))
    return lines


def readme(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> str:
    written_on = (message("evidence.written_on", version=story.dataset)
                  if story.dataset and story.dataset != dataset.version else "")
    lines = [message("evidence.title", title=story.title), "",
             message("evidence.version", version=dataset.version) + written_on, "", message("evidence.about"), "",
             message("evidence.levels"), ""]
    for fact in facts:
        lines += [message("evidence.scene", n=fact.number, title=fact.scene.title), "",
                  message("evidence.file", name=csv_name(fact.number), n=len(fact.rows)),
                  *filter_lines(dataset, fact.state),
                  message("evidence.link", link=scene_query(fact.state)), ""]
    return "\n".join(lines)


def evidence_zip(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for fact in facts:
            archive.writestr(csv_name(fact.number), published_frame(fact.rows).to_csv(index=False))
        archive.writestr("storyboard.json", story.to_json())
        archive.writestr("README.md", readme(dataset, story, facts))
    return buffer.getvalue()
