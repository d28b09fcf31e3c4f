"""The read API's query parameters: the view's own filters, checked strictly, then read by the link parser.

Why strict here and lenient in ``state``: a hand-edited link must still open, so
``ViewState.from_query`` drops what it does not know; a program that asks the API for
``countries=CN,XX`` must be told that ``XX`` is no country, not be given China alone. So
every parameter is first checked against the same vocabularies and limits ``state`` uses
(``FILTERS``, the month axis, ``MAX_SEARCH_LENGTH``); a query that passes is then handed
to ``ViewState.from_query`` unchanged, so a filter means in the API exactly what it means
in a link, and any filter added to ``FILTERS`` (topics, for one) is an API parameter too.

Every broken rule is reported at once as (parameter, value, rule), which the HTTP layer
writes as an RFC 9457 problem. Nothing here knows about Flask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from components.core.view.state import FILTERS, MAX_SEARCH_LENGTH, ViewState

FORMATS = ("json", "csv")
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
#: Longer query strings get a 414 before any parsing: every filter at its longest fits well inside.
MAX_QUERY_BYTES = 2048
NONE = "none"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DIGITS = re.compile(r"^[0-9]{1,9}$")
#: The filters after the list ones, in ``filter_params``' order (the parser knows them without building the Params).
WINDOW_PARAMS = ("start", "end", "region", "search")


@dataclass(frozen=True)
class ParamError:
    """One broken rule: which parameter, the value sent, and what it must be."""

    parameter: str
    value: str
    rule: str

    def __str__(self) -> str:
        return f"{self.parameter}={self.value!r}: {self.rule}"


class QueryError(ValueError):
    def __init__(self, errors: list[ParamError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass(frozen=True)
class Param:
    """A query parameter as the API documents it (``components.api`` turns these into OpenAPI)."""

    name: str
    description: str
    schema: dict
    example: str | None = None
    #: A list filter's codes, in the vocabulary's order (OpenAPI ``x-codes``: a program picks its values from them).
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionsQuery:
    state: ViewState
    format: str
    limit: int
    offset: int

    def page_query(self, offset: int) -> str:
        """The query string of another page of the same request (filters in their canonical form)."""
        return canonical_query(self.state, self.format, self.limit, offset)


def filter_params(month_labels: list[str], region_ids) -> list[Param]:
    """The view's filters (the names and meanings of the URL state)."""
    params = [
        Param(name, f"Comma-separated codes to keep, or `{NONE}` for none (default: all). Same as the view's "
                    f"`{name}` in a link.",
              {"type": "string", "pattern": _list_pattern(options)}, ",".join(list(options)[:2]), tuple(options))
        for name, options in FILTERS.items()
    ]
    months = {"type": "string", "enum": list(month_labels)}
    params += [
        Param("start", f"First month of the window, `YYYY-MM`, from {month_labels[0]} to {month_labels[-1]} "
                       f"(default: the first).", months, month_labels[0]),
        Param("end", "Last month of the window, `YYYY-MM` (default: the month the dataset is collected to, as in "
                     "a link); an `end` before `start` swaps the two, as in a link.",
              months, month_labels[-1]),
        Param("region", "An ISO 3166-2 region code: only that region's actions (national actions have none).",
              {"type": "string", "enum": sorted(region_ids)}, sorted(region_ids)[0]),
        Param("search", f"Words every listed action contains (case- and width-insensitive), at most "
                        f"{MAX_SEARCH_LENGTH} characters.", {"type": "string", "maxLength": MAX_SEARCH_LENGTH}, "plan"),
    ]
    return params


def page_params() -> list[Param]:
    return [
        Param("format", "`json` (default) or `csv` (the published CSV layout, as the table's export writes it).",
              {"type": "string", "enum": list(FORMATS), "default": FORMATS[0]}, "json"),
        Param("limit", f"Actions per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
              {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}, "20"),
        Param("offset", "How many matching actions to skip (default 0).",
              {"type": "integer", "minimum": 0, "maximum": 10**9 - 1, "default": 0}, "0"),
    ]


def _list_pattern(options) -> str:
    one = "|".join(re.escape(o) for o in options)
    return rf"^({NONE}|({one})(,({one}))*)$"


def _single(query: dict[str, list[str]], errors: list[ParamError]) -> dict[str, str]:
    """Each parameter's one value; a repeated parameter is an error (which value was meant?)."""
    values = {}
    for name, sent in query.items():
        if len(sent) != 1:
            errors.append(ParamError(name, ",".join(sent), "must be given once"))
        values[name] = sent[-1]
    return values


def _check_list(name: str, raw: str, options) -> ParamError | None:
    if raw == NONE:
        return None
    chosen = raw.split(",")
    unknown = [c for c in chosen if c not in options]
    if unknown or not raw:
        return ParamError(name, raw, f"must be `{NONE}` or comma-separated codes from: {', '.join(options)}"
                                     + (f" (unknown: {', '.join(unknown)})" if unknown and raw else ""))
    return None


def _check_int(name: str, raw: str, low: int, high: int) -> ParamError | None:
    if not _DIGITS.match(raw) or not low <= int(raw) <= high:
        return ParamError(name, raw, f"must be a whole number from {low} to {high}")
    return None


def parse_actions_query(query: dict[str, list[str]], month_labels: list[str], region_ids,
                        paging: bool = True, default_end: str | None = None) -> ActionsQuery:
    """The request's view and page, or ``QueryError`` listing every broken rule.

    ``query``: each parameter's values as sent (``parse_qs`` / Werkzeug's ``MultiDict.to_dict(flat=False)``).
    ``paging=False``: only the filters are allowed (the regions listing). ``default_end``: the window's end
    when ``end`` is not given, as a link's (the month the dataset is collected to; default the axis's last).
    """
    errors: list[ParamError] = []
    values = _single(query, errors)
    known = [*FILTERS, *WINDOW_PARAMS] + ([p.name for p in page_params()] if paging else [])
    for name in values:
        if name not in known:
            errors.append(ParamError(name, values[name], f"is not a parameter here; known: {', '.join(known)}"))
    for name, options in FILTERS.items():
        if name in values and (problem := _check_list(name, values[name], list(options))):
            errors.append(problem)
    for name in ("start", "end"):
        raw = values.get(name)
        if raw is not None and (not _MONTH.match(raw) or raw not in month_labels):
            errors.append(ParamError(name, raw, f"must be a month written YYYY-MM from {month_labels[0]} to "
                                                f"{month_labels[-1]}"))
    if "region" in values and values["region"] not in region_ids:
        errors.append(ParamError("region", values["region"], "must be the ISO 3166-2 code of a region of the atlas "
                                                             "(GET /api/v1/regions lists them)"))
    if len(values.get("search", "")) > MAX_SEARCH_LENGTH:
        errors.append(ParamError("search", values["search"], f"must be at most {MAX_SEARCH_LENGTH} characters"))
    if values.get("format", FORMATS[0]) not in FORMATS:
        errors.append(ParamError("format", values["format"], f"must be one of: {', '.join(FORMATS)}"))
    for name, low, high in (("limit", 1, MAX_LIMIT), ("offset", 0, 10**9 - 1)):
        if name in values and (problem := _check_int(name, values[name], low, high)):
            errors.append(problem)
    if errors:
        raise QueryError(sorted(errors, key=lambda e: (e.parameter, e.rule)))
    filters = {k: v for k, v in values.items() if k not in ("format", "limit", "offset")}
    defaults = ViewState(start=month_labels[0], end=default_end or month_labels[-1])
    state = ViewState.from_query(urlencode(filters), defaults, month_labels=month_labels, region_ids=region_ids)
    return ActionsQuery(state=state, format=values.get("format", FORMATS[0]),
                        limit=int(values.get("limit", DEFAULT_LIMIT)), offset=int(values.get("offset", 0)))


def canonical_query(state: ViewState, fmt: str = FORMATS[0], limit: int = DEFAULT_LIMIT, offset: int = 0) -> str:
    """The query string naming this view and page, with only what differs from the defaults."""
    filters = ViewState(start=state.start, end=state.end, search=state.search, region=state.region,
                        **{name: getattr(state, name) for name in FILTERS})
    query = filters.to_query(ViewState()).lstrip("?")
    page = {k: v for k, v, default in (("format", fmt, FORMATS[0]), ("limit", limit, DEFAULT_LIMIT),
                                        ("offset", offset, 0)) if v != default}
    return "&".join(part for part in (query, urlencode(page)) if part)
