"""A region's dossier: one printable page about one place, in the page's language, with its citation.

Why a pure module: the page (``/dossier/<REGION>``), its downloaded copy and the tests read the
same facts, computed here from the dataset, and the same HTML, written here with every text of
the data escaped. The small map is the briefing's map picture (``figures.map_figure`` rendered
offline by ``briefing.render``), passed in as PNG bytes, so this module starts no browser and
the tests can check the page without one. The timeline is an inline SVG (nothing is fetched;
the page prints as it shows). Counts are those of ``metrics`` over the whole dataset (every
action of the region, to the data's end), the same rows the region's panel lists with no filter.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from urllib.parse import unquote

import pandas as pd

from components.core import i18n
from components.core.briefing import cite
from components.core.briefing.render import render_png
from components.core.data import citation
from components.core.data.columns import LEVELS, Col, RegionCol
from components.core.data.coverage import CoverageCol
from components.core.data.dataset import Dataset
from components.core.data.region_names import region_names
from components.core.i18n import message
from components.core.view.figures import TYPE_COLORS, action_date, map_figure, region_label_points
from components.core.view.payload import region_type
from components.core.view.state import ViewState

MAP_PX = (760, 440)
MAP_DOMAIN = 0.7  # the map's share of the picture's width; the legend takes the rest
MAP_SCALE = 1.5
SUB_LEVELS = [level for level in LEVELS if level != "national"]
HTML_LANG = {"CN": "zh-Hans", "KR": "ko", "JP": "ja"}


class UnknownRegion(LookupError):
    """The code names no counted region of the dataset."""


@dataclass(frozen=True)
class Counts:
    """One row of "counts against the country": the region's value and its country's (all its regions)."""

    key: str
    region: str
    country: str


@dataclass(frozen=True)
class DossierFacts:
    region_id: str
    country: str
    name: str
    name_local: str
    kind: str
    actions: pd.DataFrame  # the region's actions by date
    national: pd.DataFrame  # the country's national actions by date (the timeline's context)
    plans: pd.DataFrame  # the region's dedicated plans by date
    counts: list[Counts]
    rank: int  # standard competition rank by number of actions; 0 when the region has no action
    tied: bool  # another region of the country has as many actions
    acted: int  # regions of the country with at least one action
    total: int  # regions of the country
    coverage: dict  # searched_on, sources_searched, notes, collected_to, thin_from ("" when unknown)
    version: str
    collected_to: str


def region_code(dataset: Dataset, code: str) -> str:
    """The region's id for a code in any letter case; raises ``UnknownRegion``."""
    wanted = (code or "").strip().upper()
    if wanted not in dataset.regions.index:
        raise UnknownRegion(code)
    return wanted


def _rank(counts: pd.Series, region_id: str) -> tuple[int, bool]:
    """Standard competition rank by number of actions, and whether another region has as many (0 without any)."""
    if region_id not in counts.index:
        return 0, False
    mine = counts[region_id]
    return int((counts > mine).sum()) + 1, int((counts == mine).sum()) > 1


def _date_text(actions: pd.DataFrame, which: int) -> str:
    return action_date(actions.iloc[which]) if len(actions) else "–"


def dossier_facts(dataset: Dataset, code: str, coverage: pd.DataFrame | None = None) -> DossierFacts:
    """Everything the dossier shows about region ``code`` (in the current language); raises ``UnknownRegion``."""
    region_id = region_code(dataset, code)
    region = dataset.regions.loc[region_id]
    country = region[RegionCol.COUNTRY]
    actions = dataset.actions
    in_country = actions[(actions[Col.COUNTRY] == country)]
    sub = in_country[in_country[Col.LEVEL] != "national"]
    mine = sub[sub[Col.REGION_ID] == region_id]
    national = in_country[in_country[Col.LEVEL] == "national"]
    per_region = sub.groupby(Col.REGION_ID).size()
    country_regions = dataset.regions[dataset.regions[RegionCol.COUNTRY] == country]
    number = i18n.number

    def share(frame: pd.DataFrame) -> str:
        verified = int((frame[Col.VERIFICATION] == "verified").sum())
        return number(verified)

    counts = [Counts("dossier.row.actions", number(len(mine)), number(len(sub)))]
    counts += [Counts(f"vocab.levels.{level}", number(int((mine[Col.LEVEL] == level).sum())),
                      number(int((sub[Col.LEVEL] == level).sum()))) for level in SUB_LEVELS]
    counts += [
        Counts("dossier.row.plans", number(int(mine[Col.DEDICATED_PLAN].sum())), number(int(sub[Col.DEDICATED_PLAN].sum()))),
        Counts("dossier.row.verified", share(mine), share(sub)),
        Counts("dossier.row.first", _date_text(mine, 0), _date_text(sub, 0)),
        Counts("dossier.row.latest", _date_text(mine, -1), _date_text(sub, -1)),
        Counts("dossier.row.national", "–", number(len(national))),
    ]
    note = {name: "" for name in (CoverageCol.SEARCHED_ON, CoverageCol.SOURCES_SEARCHED, CoverageCol.NOTES,
                                  CoverageCol.COLLECTED_TO, CoverageCol.THIN_FROM)}
    if coverage is not None:
        rows = coverage[coverage[CoverageCol.REGION_ID] == region_id]
        if len(rows):
            note.update({name: str(rows.iloc[0].get(name, "") or "") for name in note})
    names = region_names(i18n.current())
    rank, tied = _rank(per_region, region_id)
    return DossierFacts(
        region_id=region_id, country=country, name=names.get(region_id, region[RegionCol.NAME_EN]),
        name_local=region[RegionCol.NAME_LOCAL], kind=region_type(country, region[RegionCol.TYPE]),
        actions=mine, national=national, plans=mine[mine[Col.DEDICATED_PLAN]], counts=counts,
        rank=rank, tied=tied, acted=int(per_region.size), total=len(country_regions),
        coverage=note, version=dataset.version, collected_to=dataset.collected_to,
    )


# ---- pictures -------------------------------------------------------------------------------------

def map_state(dataset: Dataset, region_id: str) -> ViewState:
    """The dossier's map: the region's country framed, the region selected, cumulative actions to the data's end."""
    country = dataset.regions.at[region_id, RegionCol.COUNTRY]
    return ViewState(end=dataset.collected_to, region=region_id, zoom=country)


def map_png(dataset: Dataset, region_id: str, dots, label_points=None) -> bytes:
    """The small map as PNG (the briefing's map figure and renderer; a few seconds in Chromium)."""
    label_points = label_points or region_label_points(dataset)
    plot = (round(MAP_PX[0] * MAP_DOMAIN), MAP_PX[1])
    figure = map_figure(dataset, map_state(dataset, region_id), dots, label_points, size=plot)
    figure.update_geos(domain=dict(x=[0.0, MAP_DOMAIN], y=[0.0, 1.0]))  # the legend beside the map, not over it
    figure.update_layout(legend=dict(x=1.0, y=1.0, xanchor="right", yanchor="top", font=dict(size=10)),
                         paper_bgcolor="white")
    return render_png([figure], *MAP_PX, scale=MAP_SCALE)[0]


def _month_index(labels: list[str], label: str) -> int:
    return labels.index(label) if label in labels else len(labels) - 1


def timeline_svg(dataset: Dataset, facts: DossierFacts, width: int = 720) -> str:
    """The region's actions (circles) above its country's national actions (diamonds), one column per month,
    stacked where a month has several; coloured by kind of action. Pure SVG, drawn the same on screen and paper."""
    labels = dataset.month_labels
    last = _month_index(labels, facts.collected_to)
    last = max(last, *(labels.index(m.strftime("%Y-%m")) for m in facts.actions[Col.MONTH]), 0) \
        if len(facts.actions) else last
    left, right, step = 110, 10, 6
    span = max(last, 1)
    x_of = lambda i: left + (width - left - right) * i / span  # noqa: E731
    rows = [(message("panel.this_region"), facts.actions, "circle"),
            (message("panel.national", country=i18n.label("countries", facts.country)), facts.national, "diamond")]
    heights, marks = [], []
    y = 8
    for label, frame, shape in rows:
        stacks: dict[int, int] = {}
        items = []
        for _, row in frame.iterrows():
            i = _month_index(labels, row[Col.MONTH].strftime("%Y-%m"))
            level = stacks.get(i, 0)
            stacks[i] = level + 1
            items.append((i, level, row[Col.ACTION_TYPE]))
        tallest = max(stacks.values(), default=1)
        height = max(28, 10 + tallest * step)
        base = y + height - 8
        marks.append(f'<text x="0" y="{base}" class="tl-label">{html.escape(label)}</text>')
        marks.append(f'<line x1="{left}" x2="{width - right}" y1="{base + 4}" y2="{base + 4}" class="tl-axis"/>')
        for i, level, kind in items:
            cx, cy = round(x_of(i), 1), base - level * step
            colour = TYPE_COLORS.get(kind, "#666666")
            if shape == "circle":
                marks.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}" stroke="#ffffff" stroke-width="0.6"/>')
            else:
                marks.append(f'<path d="M{cx} {cy - 3.6}l3.6 3.6l-3.6 3.6l-3.6 -3.6z" fill="{colour}" '
                             f'stroke="#ffffff" stroke-width="0.6"/>')
        heights.append(height)
        y += height + 6
    for i, label in enumerate(labels[: last + 1]):
        if label.endswith("-01"):
            if x_of(i) > width - right - 30:
                continue
            marks.append(f'<line x1="{round(x_of(i), 1)}" x2="{round(x_of(i), 1)}" y1="4" y2="{y}" class="tl-year"/>')
            marks.append(f'<text x="{round(x_of(i), 1) + 2}" y="{y + 12}" class="tl-tick">{label[:4]}</text>')
    total = y + 18
    alt = message("dossier.timeline_alt", region=facts.name, n=len(facts.actions), national=len(facts.national),
                  country=i18n.label("countries", facts.country), start=i18n.month(labels[0]),
                  end=i18n.month(labels[last]))
    return (f'<svg class="timeline" viewBox="0 0 {width} {total}" width="100%" role="img" '
            f'aria-label="{html.escape(alt)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{html.escape(alt)}</title>{"".join(marks)}</svg>')


# ---- the page -------------------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 0;
       color: #1d2125; background: #ffffff; line-height: 1.45; }
main, header.page, footer.page { max-width: 980px; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1rem; }
h1 { font-size: 1.75rem; margin: 0.3rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #d0d4d8; padding-bottom: 0.2rem; }
.sub { color: #4a5057; margin: 0 0 0.5rem; }
.tools { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
.tools a, .tools button { font: inherit; font-size: 0.95rem; padding: 0.45rem 0.8rem; min-height: 44px; border-radius: 4px;
       border: 1px solid #0b5ed7; background: #ffffff; color: #0a58ca; text-decoration: none; cursor: pointer;
       display: inline-flex; align-items: center; }
.tools a.primary, .tools button.primary { background: #0b5ed7; color: #ffffff; }
a { color: #0a58ca; }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #fd7e14; outline-offset: 2px; }
.two { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.25rem; align-items: start; }
figure { margin: 0; }
figure img { width: 100%; height: auto; border: 1px solid #d0d4d8; }
figcaption { font-size: 0.85rem; color: #4a5057; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e1e4e8; padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #9aa1a8; }
td.num { text-align: right; white-space: nowrap; }
.timeline { width: 100%; height: auto; display: block; }
.timeline-wrap { overflow-x: auto; }
:lang(ko) { word-break: keep-all; }
table.counts th[scope="row"] { min-width: 7.5em; }
table.actions { table-layout: fixed; }
table.actions th:nth-child(1) { width: 13%; } table.actions th:nth-child(2) { width: 28%; }
table.actions th:nth-child(3) { width: 20%; } table.actions th:nth-child(4) { width: 12%; }
table.actions th:nth-child(5) { width: 11%; } table.actions th:nth-child(6) { width: 16%; }
table.actions td.num { white-space: normal; }
.print-url { display: none; }
table.actions td { overflow-wrap: anywhere; }
.tl-label { font-size: 11px; fill: #1d2125; }
.tl-tick { font-size: 10px; fill: #4a5057; }
.tl-axis { stroke: #9aa1a8; stroke-width: 1; }
.tl-year { stroke: #e1e4e8; stroke-width: 1; }
.kinds { font-size: 0.85rem; margin: 0.3rem 0; }
.chip { display: inline-flex; align-items: center; gap: 0.25rem; margin-right: 0.75rem; }
.dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; display: inline-block; border: 1px solid #ffffff;
       outline: 1px solid #9aa1a8; }
.badge { display: inline-block; padding: 0 0.35rem; border-radius: 3px; font-size: 0.8rem; border: 1px solid #6c757d; }
.badge.verified { background: #d1e7dd; border-color: #146c43; }
.badge.reported { background: #fff3cd; border-color: #997404; }
.badge.unverified { background: #f8d7da; border-color: #b02a37; }
.actions td { font-size: 0.85rem; }
.title-original, .where { display: block; color: #4a5057; }
.badge { white-space: nowrap; }
.muted { color: #4a5057; }
.cite pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; border: 1px solid #e1e4e8; padding: 0.6rem;
       font-size: 0.8rem; }
.cite h3, #cite h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
ol.cite-actions { font-size: 0.8rem; padding-left: 1.5rem; }
ol.cite-actions li { margin-bottom: 0.3rem; overflow-wrap: anywhere; }
footer.page a { overflow-wrap: anywhere; }
footer.page { font-size: 0.8rem; color: #4a5057; margin: 2rem auto 1.5rem; }
@media (max-width: 767px) {
  .two { grid-template-columns: minmax(0, 1fr); }
  td.num { text-align: left; white-space: normal; }
  table.counts th[scope="row"] { min-width: 0; }
  h1 { font-size: 1.4rem; }
  table.actions thead { display: none; }
  table.actions tr { display: block; border-bottom: 1px solid #9aa1a8; padding: 0.4rem 0; }
  table.actions td { display: block; border: 0; padding: 0.1rem 0; }
  table.actions td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  .timeline { min-width: 640px; }
}
@page { size: auto; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main, header.page, footer.page { max-width: none; padding: 0; }
  .tools, .noprint { display: none !important; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, .timeline, table.counts, tr, .cite pre { break-inside: avoid; page-break-inside: avoid; }
  .two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .timeline { min-width: 0; }
  a { color: #1d2125; text-decoration: none; }
  .print-url { display: block; font-size: 7.5pt; overflow-wrap: anywhere; color: #4a5057; }
  details > summary { display: none; }
  details { display: block; }
}
"""


def _e(value) -> str:
    return html.escape(str(value))


def _source_cell(row) -> str:
    url = str(row[Col.SOURCE_URL])
    name = _e(row[Col.SOURCE_NAME])
    if url.startswith(("http://", "https://")):
        return (f'<a href="{_e(url)}" rel="noopener noreferrer">{name}</a>'
                f'<span class="print-url" lang="en">{_e(unquote(url))}</span>')
    return f"{name}{_e(message('panel.no_link'))}"


def _title_cell(row, country: str) -> str:
    english, original = str(row[Col.TITLE]), str(row[Col.TITLE_ORIGINAL])
    first = i18n.title(english, original, country)
    second = english if first == original and original else original
    lang_first = HTML_LANG[country] if first == original and original else "en"
    lang_second = "en" if lang_first != "en" else HTML_LANG[country]
    out = f'<span lang="{lang_first}">{_e(first)}</span>'
    if second and second != first:
        out += f'<span class="title-original" lang="{lang_second}">{_e(second)}</span>'
    return out


def _where(row) -> str:
    return _e(row[Col.LOCALITY]) if row[Col.LOCALITY] else _e(i18n.label("levels", row[Col.LEVEL]))


def actions_table(facts: DossierFacts) -> str:
    heads = ["dossier.th.date", "dossier.th.action", "dossier.th.issuer", "dossier.th.type",
             "dossier.th.verification", "dossier.th.source"]
    labels = [message(k) for k in heads]
    rows = []
    for _, row in facts.actions.iterrows():
        verification = row[Col.VERIFICATION]
        cells = [
            f'<td data-label="{_e(labels[0])}" class="num">{_e(action_date(row))}</td>',
            f'<td data-label="{_e(labels[1])}">{_title_cell(row, facts.country)}<span class="muted where">{_where(row)}</span></td>',
            f'<td data-label="{_e(labels[2])}" lang="en">{_e(row[Col.ISSUER])}</td>',
            f'<td data-label="{_e(labels[3])}">{_e(i18n.label("types", row[Col.ACTION_TYPE]))}</td>',
            f'<td data-label="{_e(labels[4])}"><span class="badge {_e(verification)}">'
            f'{_e(message("panel.badge." + verification))}</span></td>',
            f'<td data-label="{_e(labels[5])}" class="source">{_source_cell(row)}</td>',
        ]
        rows.append(f'<tr data-action-id="{_e(row[Col.ACTION_ID])}">{"".join(cells)}</tr>')
    head = "".join(f'<th scope="col">{_e(label)}</th>' for label in labels)
    if not rows:
        return f'<p id="no-actions">{_e(message("dossier.no_actions"))}</p>'
    return f'<table class="actions" id="dossier-actions"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def counts_table(facts: DossierFacts) -> str:
    country = i18n.label("countries", facts.country)
    body = "".join(
        f'<tr><th scope="row">{_e(message(c.key) if c.key.startswith("dossier.") else i18n.text(c.key))}</th>'
        f'<td class="num">{_e(c.region)}</td><td class="num">{_e(c.country)}</td></tr>' for c in facts.counts)
    head = (f'<thead><tr><th scope="col">{_e(message("dossier.th.measure"))}</th><th scope="col">{_e(facts.name)}</th>'
            f'<th scope="col">{_e(message("dossier.th.country", country=country))}</th></tr></thead>')
    rank = (message("dossier.rank_tied" if facts.tied else "dossier.rank", region=facts.name, rank=facts.rank, acted=facts.acted, total=facts.total,
                    unit=message(f"unit.{facts.country}")) if facts.rank else
            message("dossier.rank_none", acted=facts.acted, total=facts.total, unit=message(f"unit.{facts.country}")))
    return (f'<table class="counts" id="dossier-counts">{head}<tbody>{body}</tbody></table>'
            f'<p class="small" id="dossier-rank">{_e(rank)}</p>')


def plans_list(facts: DossierFacts) -> str:
    if not len(facts.plans):
        return f'<p id="dossier-plans">{_e(message("dossier.plans_none"))}</p>'
    items = []
    for _, row in facts.plans.iterrows():
        who = (message("dossier.plan_own") if row[Col.LEVEL] == "provincial"
               else message("dossier.plan_city", locality=row[Col.LOCALITY] or i18n.label("levels", row[Col.LEVEL])))
        items.append(f'<li>{_e(action_date(row))} · {_title_cell(row, facts.country)}'
                     f'<span class="muted where">{_e(who)} · {_source_cell(row)}</span></li>')
    return f'<ul id="dossier-plans">{"".join(items)}</ul>'


def coverage_section(facts: DossierFacts) -> str:
    note = facts.coverage
    parts = []
    if note[CoverageCol.SEARCHED_ON]:
        parts.append(f"<p>{_e(message('dossier.searched', date=i18n.date(note[CoverageCol.SEARCHED_ON], 'day')))}</p>")
    parts.append(f"<p>{_e(message('dossier.collected', month=i18n.month(facts.collected_to)))}</p>")
    if note[CoverageCol.THIN_FROM]:
        parts.append(f"<p>{_e(message('dossier.thin', month=i18n.month(note[CoverageCol.THIN_FROM])))}</p>")
    parts.append(f"<p>{_e(message('dossier.absence'))}</p>")
    if note[CoverageCol.SOURCES_SEARCHED]:
        parts.append(f'<p><b>{_e(message("panel.sources_searched"))}:</b> <span lang="en">'
                     f'{_e(note[CoverageCol.SOURCES_SEARCHED])}</span></p>')
    if note[CoverageCol.NOTES]:
        parts.append(f'<p><b>{_e(message("dossier.notes"))}:</b> <span lang="en">{_e(note[CoverageCol.NOTES])}</span></p>')
    return f'<div id="dossier-coverage">{"".join(parts)}</div>'


def cite_section(facts: DossierFacts, version_date: str | None, permalink: str) -> str:
    page_title = message("dossier.title", region=facts.name)
    apa = citation.apa(facts.version, version_date, permalink, page_title)
    bib = citation.bibtex(facts.version, version_date, permalink, page_title)
    return (f'<div class="cite" id="dossier-cite">'
            f'<h3>{_e(message("dossier.cite_page"))} · APA</h3><pre id="cite-apa-page">{_e(apa["page"])}</pre>'
            f'<h3>{_e(message("dossier.cite_dataset", version=facts.version))} · APA</h3>'
            f'<pre id="cite-apa-dataset">{_e(apa["dataset"])}</pre>'
            f'<h3>BibTeX</h3><pre id="cite-bibtex" lang="en">{_e(bib)}</pre></div>')


def action_citations(dataset: Dataset, facts: DossierFacts, version_date: str | None, base_url: str) -> str:
    """Each of the region's actions cited in APA (citeproc-py), with the atlas link that opens it."""
    if not len(facts.actions):
        return ""
    items = []
    for action_id in facts.actions[Col.ACTION_ID]:
        found = cite.action_citation(dataset, action_id, version_date, base_url)
        items.append(f'<li id="cite-action-{_e(action_id)}" data-action-id="{_e(action_id)}">{_e(found.apa)}</li>')
    return (f'<h3>{_e(message("dossier.cite_actions"))}</h3>'
            f'<ol class="cite-actions" id="dossier-cite-actions">{"".join(items)}</ol>')


def kinds_legend(facts: DossierFacts) -> str:
    kinds = [k for k in TYPE_COLORS if k in set(facts.actions[Col.ACTION_TYPE]) | set(facts.national[Col.ACTION_TYPE])]
    chips = "".join(f'<span class="chip"><span class="dot" style="background:{TYPE_COLORS[k]}"></span>'
                    f'{_e(i18n.label("types", k))}</span>' for k in kinds)
    return f'<p class="kinds"><b>{_e(message("panel.kinds"))}:</b> {chips}</p>' if kinds else ""


def dossier_html(dataset: Dataset, facts: DossierFacts, map_image: bytes | None, permalink: str,
                 version_date: str | None, atlas_link: str, tools: str = "") -> bytes:
    """The page (``tools``: the buttons above it, HTML, absent from the downloaded copy)."""
    name = facts.name if facts.name == facts.name_local else message("format.parenthetical", text=facts.name,
                                                                      note=facts.name_local)
    country = i18n.label("countries", facts.country)
    subtitle = message("dossier.subtitle", kind=facts.kind, country=country, version=facts.version,
                       month=i18n.month(facts.collected_to))
    if map_image:
        alt = message("dossier.map_alt", region=facts.name, country=country, end=i18n.month(facts.collected_to))
        picture = (f'<figure id="dossier-map"><img alt="{_e(alt)}" width="{MAP_PX[0]}" height="{MAP_PX[1]}" '
                   f'src="data:image/png;base64,{base64.b64encode(map_image).decode()}">'
                   f'<figcaption>{_e(message("dossier.map_caption"))}</figcaption></figure>')
    else:
        picture = f'<p id="dossier-map" class="muted">{_e(message("dossier.map_missing"))}</p>'
    page = f"""<!DOCTYPE html>
<html lang="{i18n.HTML_LANG[i18n.current()]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(message("dossier.title", region=facts.name))} · Metaverse Policy Atlas</title>
<style>{STYLE}</style></head>
<body>
<header class="page">
<p class="sub"><a href="{_e(atlas_link)}">Metaverse Policy Atlas</a></p>
<h1 id="dossier-title">{_e(message("dossier.title", region=name))}</h1>
<p class="sub" id="dossier-subtitle">{_e(subtitle)}</p>
{tools}
</header>
<main>
<div class="two">
<section aria-labelledby="h-map"><h2 id="h-map">{_e(message("dossier.map"))}</h2>{picture}</section>
<section aria-labelledby="h-counts"><h2 id="h-counts">{_e(message("dossier.counts"))}</h2>{counts_table(facts)}</section>
</div>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">{_e(message("dossier.timeline"))}</h2>
<div class="timeline-wrap" tabindex="0" role="group" aria-labelledby="h-timeline">{timeline_svg(dataset, facts)}</div>
{kinds_legend(facts)}</section>
<section aria-labelledby="h-plans"><h2 id="h-plans">{_e(message("dossier.plans"))}</h2>{plans_list(facts)}</section>
<section aria-labelledby="h-actions"><h2 id="h-actions">{_e(message("dossier.actions", n=len(facts.actions)))}</h2>
{actions_table(facts)}</section>
<section aria-labelledby="h-coverage"><h2 id="h-coverage">{_e(message("dossier.coverage"))}</h2>{coverage_section(facts)}</section>
<section aria-labelledby="h-cite" id="cite"><h2 id="h-cite">{_e(message("dossier.cite"))}</h2>
{cite_section(facts, version_date, permalink)}
{action_citations(dataset, facts, version_date, atlas_link.split("?")[0])}</section>
</main>
<footer class="page"><p>{_e(message("dossier.footer", version=facts.version))}</p>
<p>{_e(message("dossier.permalink"))} <a href="{_e(permalink)}">{_e(permalink)}</a></p></footer>
</body></html>
"""
    return page.encode("utf-8")


def message_html(title_key: str, text_key: str, back_link: str, back_text: str) -> bytes:
    """A short page that says what went wrong (in the current language) and links back."""
    return f"""<!DOCTYPE html>
<html lang="{i18n.HTML_LANG[i18n.current()]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(message(title_key))} · Metaverse Policy Atlas</title><style>{STYLE}</style></head>
<body><main><h1>{_e(message(title_key))}</h1>
<p id="message">{_e(message(text_key))}</p>
<p><a href="{_e(back_link)}">{_e(back_text)}</a></p></main></body></html>
""".encode("utf-8")


def not_found_html(code: str, atlas_link: str) -> bytes:
    shown = code if len(code) <= 40 else code[:37] + "..."
    return f"""<!DOCTYPE html>
<html lang="{i18n.HTML_LANG[i18n.current()]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(message("dossier.not_found_title"))} · Metaverse Policy Atlas</title><style>{STYLE}</style></head>
<body><main><h1>{_e(message("dossier.not_found_title"))}</h1>
<p id="not-found">{_e(message("dossier.not_found", code=shown))}</p>
<p><a href="{_e(atlas_link)}">{_e(message("dossier.back"))}</a></p></main></body></html>
""".encode("utf-8")
