"""``briefing.html``: one self-contained file that tells the story offline, with live maps.

Why the browser engine, inlined: the app already draws any view in the browser from its payload
(``assets/atlas-*.js``). The file carries those same scripts, the plotly.js partial bundle, the
boundary GeoJSON, the base map (``window.PlotlyGeoAssets``) and the payload, so each scene's map
has working hover and a time slider with no server and no network request; a Content Security
Policy of ``default-src 'none'`` makes sure of it. Each scene's actions, with their source links,
are written out as plain HTML, so they read even with scripts off.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from components.core import i18n
from components.core.briefing import SceneFacts, place
from components.core.briefing.render import PLOTLY_JS, ROOT, geo_assets_script
from components.core.briefing.storyboard import Storyboard, browser_limits, scene_query
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.data.schema import url_host, url_list
from components.core.i18n import message
from components.core.view import figures
from components.core.view.dots import dot_layout
from components.core.view.payload import build_payload

#: The engine files the offline maps need, in load order (the rest of the engine is the app's UI).
ENGINE_FILES = ("atlas-format.js", "atlas-state.js", "atlas-data.js", "atlas-view.js", "atlas-encodings.js",
                "atlas-labels.js", "atlas-cities.js", "atlas-compare.js", "atlas-map.js", "atlas-briefing.js")
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src data:; connect-src 'none'")
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 0;
       background: #f5f6f8; color: #212529; }
header, section, footer { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; }
header h1 { font-size: 2rem; margin: 0.5rem 0; }
section { background: #fff; margin-bottom: 1.5rem; border-radius: 6px; }
section h2 { font-size: 1.6rem; margin: 0.2rem 0 0.5rem; }
.caption { font-size: 1.1rem; line-height: 1.45; }
.map { height: 620px; }
.time { display: flex; gap: 1rem; align-items: center; margin: 0.4rem 0; }
.time input { flex: 1; }
.footer-line { color: #555; font-size: 0.9rem; }
ol.actions { font-size: 0.9rem; line-height: 1.35; }
ol.actions li { margin-bottom: 0.35rem; }
.muted { color: #666; }
"""


def _script(text: str, name: str) -> str:
    if "</script" in text.lower():
        raise ValueError(f"{name} contains '</script' and cannot be inlined")
    return f"<script>/* {name} */\n{text}\n</script>"


def _json_for_script(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def action_items(dataset: Dataset, fact: SceneFacts) -> str:
    items = []
    for _, row in fact.rows.sort_values([Col.DATE, Col.ACTION_ID]).iterrows():
        where = place(dataset, row)
        url = row[Col.SOURCE_URL] if str(row[Col.SOURCE_URL]).startswith(("http://", "https://")) else ""
        source = (f'<a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(row[Col.SOURCE_NAME])}</a>'
                  if url else html.escape(row[Col.SOURCE_NAME]))
        more = [u for u in url_list(str(row.get(Col.MORE_SOURCES, "") or "")) if u.startswith(("http://", "https://"))]
        further = (" · " + message("panel.more_sources") + ", ".join(
            f'<a href="{html.escape(u)}" rel="noopener noreferrer">{html.escape(url_host(u))}</a>' for u in more)) if more else ""
        level = message(f"panel.badge.{row[Col.VERIFICATION]}")
        items.append(f"<li><span class=muted>{html.escape(figures.action_date(row))}</span> · {html.escape(where)} · "
                     f"<b>{html.escape(row[Col.TITLE])}</b> ({html.escape(row[Col.ISSUER])}). "
                     f"{message('html.source')} {source} <span class=muted>[{html.escape(level)}]</span>{further}</li>")
    return "\n".join(items)


def scene_section(dataset: Dataset, fact: SceneFacts) -> str:
    scene_id = f"scene-{fact.number:02d}"
    notes = (f"<details><summary>{message('html.notes')}</summary><p>{html.escape(fact.scene.notes)}</p></details>"
             if fact.scene.notes else "")
    return f"""
<section id="{scene_id}" class="scene">
  <h2>{fact.number}. {html.escape(fact.scene.title)}</h2>
  <p class="caption">{html.escape(fact.scene.caption)}</p>
  <div id="{scene_id}-map" class="map" role="img" aria-label="{html.escape(fact.scene.title)}"></div>
  <div class="time"><label for="{scene_id}-slider">{message('html.slider')}</label>
    <input type="range" id="{scene_id}-slider"><output id="{scene_id}-end">{fact.end}</output></div>
  <p class="footer-line">{html.escape(fact.footer)}</p>
  {notes}
  <details open><summary>{message('html.actions', n=len(fact.rows))}</summary>
  <ol class="actions">{action_items(dataset, fact)}</ol></details>
</section>"""


def briefing_html(dataset: Dataset, story: Storyboard, facts: list[SceneFacts]) -> bytes:
    dots = dot_layout(dataset)
    label_points = figures.region_label_points(dataset)
    base = json.loads(figures.map_figure(dataset, facts[0].state, dots, label_points).to_json())
    spec = {
        "payload": build_payload(dataset, dots, label_points, storyboard_limits=browser_limits()),
        "context": base["data"][figures.TRACE_CONTEXT],
        "regions": {"geojson": base["data"][figures.TRACE_REGIONS]["geojson"]},
        "layout": base["layout"],
        "scenes": [{"id": f"scene-{f.number:02d}", "view": scene_query(f.state)} for f in facts],
    }
    engine = "\n".join(_script((ROOT / "assets" / name).read_text(encoding="utf-8"), name) for name in ENGINE_FILES)
    made = dt.date.today().isoformat()
    sections = "\n".join(scene_section(dataset, fact) for fact in facts)
    page = f"""<!DOCTYPE html>
<html lang="{i18n.HTML_LANG[i18n.current()]}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(story.title)}</title><style>{STYLE}</style>
{geo_assets_script()}
{_script(PLOTLY_JS.read_text(encoding="utf-8"), PLOTLY_JS.name)}
</head><body>
<header><h1>{html.escape(story.title)}</h1>
<p class="caption">{html.escape(story.subtitle)}</p>
<p class="muted">{html.escape(message("html.made", version=dataset.version, n=len(facts), date=made))}</p></header>
{sections}
<footer class="muted">{html.escape(message("html.footer"))}</footer>
<script type="application/json" id="atlas-briefing-data">{_json_for_script(spec)}</script>
{engine}
</body></html>
"""
    return page.encode("utf-8")
