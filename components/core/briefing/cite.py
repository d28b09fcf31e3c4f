""""Cite" for one action and for a view of the atlas: APA and BibTeX for the dataset version and a permalink.

Why a pure module: the atlas's panel and action list are drawn by the browser engine, but the
references must come from maintained formatters (citeproc-py for APA, pybtex for BibTeX, both in
``components.core.data.citation``), so the browser asks the server (``/cite/...``,
``components/cite.py``) and this module writes the answer. Nothing here is invented: a reference
names the dataset version, the record's own title and id as recorded, and the atlas URL that opens
exactly that record or view (the link state of ``ViewState``). The same inputs give the same bytes.

A view's query is read strictly here: the map's own link parser forgives a hand-edited link (an
unknown value falls back to its default), but a citation must not silently cite another view than
the one asked for, so every parameter the parser would drop is an error naming parameter, value and rule.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlencode

from components.core import i18n
from components.core.data import citation
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.data.region_names import region_names
from components.core.i18n import message
from components.core.view.api_query import ParamError
from components.core.view.state import MAX_SEARCH_LENGTH, ViewState

#: Query parameters a view's link may hold besides the view's own fields.
EXTRA_PARAMETERS = ("lang",)
VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(ViewState))


class UnknownAction(LookupError):
    """The id names no action of the dataset."""


@dataclasses.dataclass(frozen=True)
class Citation:
    title: str
    permalink: str
    apa: str  # the record or view
    apa_dataset: str  # the dataset version
    bibtex: str  # both entries

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def default_state(dataset: Dataset) -> ViewState:
    """The view a bare link opens (as ``components.panels.url_state.default_state``)."""
    return ViewState(start=dataset.month_labels[0], end=dataset.collected_to)


def _cite(dataset: Dataset, version_date: str | None, permalink: str, title: str, key: str) -> Citation:
    apa = citation.apa(dataset.version, version_date, permalink, title)
    bib = citation.bibtex(dataset.version, version_date, permalink, title, page_key=key)
    return Citation(title=title, permalink=permalink, apa=apa["page"], apa_dataset=apa["dataset"], bibtex=bib)


def action_permalink(dataset: Dataset, action_id: str, base_url: str, lang: str) -> str:
    """The atlas URL that opens the action's region with the action highlighted (national: the action alone)."""
    row = action_row(dataset, action_id)
    params = {}
    if row[Col.REGION_ID] and row[Col.REGION_ID] in dataset.regions.index:
        params["region"] = row[Col.REGION_ID]
    params["action"] = action_id
    params["lang"] = lang
    return f"{base_url.rstrip('/')}/?{urlencode(params)}"


def action_row(dataset: Dataset, action_id: str):
    actions = dataset.actions
    match = actions[actions[Col.ACTION_ID] == action_id]
    if not len(match):
        raise UnknownAction(action_id)
    return match.iloc[0]


def action_citation(dataset: Dataset, action_id: str, version_date: str | None, base_url: str) -> Citation:
    """The citation of one action (record) in the current language; raises ``UnknownAction``."""
    row = action_row(dataset, action_id)
    shown = i18n.title(str(row[Col.TITLE]), str(row[Col.TITLE_ORIGINAL]), row[Col.COUNTRY])
    title = message("cite.action_title", title=shown, id=action_id)
    permalink = action_permalink(dataset, action_id, base_url, i18n.current())
    return _cite(dataset, version_date, permalink, title, _key(action_id))


def _key(value: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in value)


def view_problems(dataset: Dataset, search: str, state: ViewState) -> list[ParamError]:
    """Every parameter of ``search`` that the link parser did not take as sent (unknown name or value)."""
    try:
        query = parse_qs(search.lstrip("?"), keep_blank_values=True, strict_parsing=bool(search.lstrip("?")))
    except ValueError:
        return [ParamError("(query string)", search[:80], "must be a URL query string: name=value pairs joined by &")]
    problems = []
    for name in sorted(query):
        value = query[name][-1]
        if name in EXTRA_PARAMETERS:
            continue
        if name not in VIEW_FIELDS:
            problems.append(ParamError(name, value, "is not a parameter of the atlas's view; known: "
                                       + ", ".join(VIEW_FIELDS + EXTRA_PARAMETERS)))
            continue
        parsed = getattr(state, name)
        if isinstance(parsed, bool):
            ok = value in ("0", "1")
            rule = "must be 0 or 1"
        elif isinstance(parsed, list):
            ok = value == "none" or set(value.split(",")) <= set(parsed)
            rule = "must be a comma-separated list of known codes, or none"
        elif name == "search":
            ok = len(value) <= MAX_SEARCH_LENGTH
            rule = f"must be at most {MAX_SEARCH_LENGTH} characters"
        else:
            ok = parsed is not None and str(parsed) == value
            rule = {"start": "must be a month of the data (YYYY-MM)", "end": "must be a month of the data (YYYY-MM)",
                    "compare": "must be a month of the data (YYYY-MM)", "region": "must be a region code of the data",
                    "action": "must be an action id of the data",
                    "locality": "must be a place of the cities layer in the selected region"}.get(
                name, "must be one of the values the atlas knows")
        if not ok:
            problems.append(ParamError(name, value, rule))
    return problems


def view_title(dataset: Dataset, state: ViewState) -> str:
    start = i18n.month(state.start or dataset.month_labels[0])
    end = i18n.month(state.end or dataset.collected_to)
    if state.region:
        name = region_names(i18n.current()).get(state.region, state.region)
        return message("cite.view_title_region", region=name, start=start, end=end)
    return message("cite.view_title", start=start, end=end)


def view_citation(dataset: Dataset, state: ViewState, version_date: str | None, base_url: str) -> Citation:
    """The citation of a view: its canonical link (only what differs from a bare link, and the language)."""
    query = state.to_query(default_state(dataset))
    lang = urlencode({"lang": i18n.current()})
    permalink = f"{base_url.rstrip('/')}/{query + '&' + lang if query else '?' + lang}"
    return _cite(dataset, version_date, permalink, view_title(dataset, state), "view")
