"""The whole view state as one value, and its round trip through the URL query string.

Why: a copied link must reopen exactly the same view, and the server keeps no per-user
state. Every control's value flows into a ``ViewState``; the URL, the map, the panel, the
table and the exports all read that one value. The browser keeps its own copy of these
rules (``assets/atlas-state.js``); a parity test holds the two to the same answers.
Unknown or malformed query values fall back to defaults instead of failing, because a
hand-edited link must still open.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from components.core.data.columns import ACTION_TYPES, COUNTRIES, LEVELS, NOVELTY, VERIFICATION
from components.core.data.topics import TOPICS
from components.core.i18n import vocabularies

METRICS = vocabularies.METRICS
ZOOMS = vocabularies.ZOOMS
#: What the page shows beside the filters: the map (with its panel and table) or the Analysis view.
TABS = ("map", "analysis")
#: ``topics`` is the one filter of many values per action: an action passes when any of its topics is ticked
#: (and, with every topic ticked, always, so a file without topics is not narrowed).
FILTERS = {"countries": COUNTRIES, "levels": LEVELS, "types": ACTION_TYPES, "verification": VERIFICATION,
           "novelty": NOVELTY, "topics": TOPICS}
#: How many of the leading regions the map names (0: none); a slide often wants the top five.
LABEL_COUNTS = (0, 5, 10)
MAX_SEARCH_LENGTH = 200
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class ViewState:
    start: str | None = None
    end: str | None = None
    countries: list[str] = field(default_factory=lambda: list(COUNTRIES))
    levels: list[str] = field(default_factory=lambda: list(LEVELS))
    types: list[str] = field(default_factory=lambda: list(ACTION_TYPES))
    verification: list[str] = field(default_factory=lambda: list(VERIFICATION))
    novelty: list[str] = field(default_factory=lambda: list(NOVELTY))
    metric: str = "cumulative"
    region: str | None = None
    zoom: str = "all"
    present: bool = False
    search: str = ""
    rescale: bool = False
    action: str | None = None
    tab: str = "map"
    labels: int = 0
    topics: list[str] = field(default_factory=lambda: list(TOPICS))
    #: The cities layer (``cities=1``), a place of it the panel is narrowed to (a GeoNames id, only with its
    #: region), and the month a second map compares with the window's end (``compare=YYYY-MM``).
    cities: bool = False
    locality: str | None = None
    compare: str | None = None
    #: With ``compare``: the second map shows only what is new (``changes=1``).
    changes: bool = False

    def replace(self, **changes) -> "ViewState":
        return dataclasses.replace(self, **changes)

    def month_range(self, month_labels: list[str]) -> tuple[int, int]:
        """Indices of the window's first and last month on the month axis (clamped)."""
        def index_of(label: str | None, default: int) -> int:
            if label is None or label not in month_labels:
                return default
            return month_labels.index(label)

        start = index_of(self.start, 0)
        end = index_of(self.end, len(month_labels) - 1)
        return (min(start, end), max(start, end))

    def filters_active(self) -> bool:
        """True when any filter or the search narrows the actions (the window does not count)."""
        full = ViewState()
        return bool(self.search.strip()) or any(getattr(self, name) != getattr(full, name) for name in FILTERS)

    def to_query(self, defaults: "ViewState | None" = None) -> str:
        """A query string holding only what differs from ``defaults``."""
        defaults = defaults or ViewState()
        params = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value == getattr(defaults, f.name):
                continue
            if isinstance(value, bool):
                params[f.name] = "1" if value else "0"
            elif isinstance(value, list):
                params[f.name] = ",".join(value) if value else "none"
            elif value is not None:
                params[f.name] = str(value)
        return "?" + urlencode(params) if params else ""

    @classmethod
    def from_query(cls, search: str | None, defaults: "ViewState | None" = None,
                   month_labels: list[str] | None = None, region_ids=None, action_ids=None,
                   locality_regions: dict | None = None) -> "ViewState":
        """Parse a query string; values the dataset does not know fall back to ``defaults``.
        ``locality_regions``: each known place's region; a place is kept only with its own region selected."""
        defaults = defaults or cls()
        try:
            query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
        except ValueError:
            query = {}

        def one(name: str) -> str | None:
            return query[name][-1] if name in query else None

        def many(name: str, allowed) -> list[str]:
            raw = one(name)
            if raw is None:
                return getattr(defaults, name)
            if raw == "none":
                return []
            chosen = raw.split(",")
            return [v for v in allowed if v in chosen]

        def month(name: str) -> str | None:
            raw = one(name)
            known = raw is not None and _MONTH.match(raw) and (month_labels is None or raw in month_labels)
            return raw if known else getattr(defaults, name)

        def member(name: str, allowed) -> str | None:
            raw = one(name)
            return raw if raw and (allowed is None or raw in allowed) else getattr(defaults, name)

        def count(name: str, allowed) -> int:
            raw = one(name)
            return int(raw) if raw in {str(v) for v in allowed} else getattr(defaults, name)

        def flag(name: str) -> bool:
            return one(name) == "1" if name in query else getattr(defaults, name)

        region = member("region", region_ids)
        locality = member("locality", locality_regions)
        if locality is not None and locality_regions is not None and locality_regions.get(locality) != region:
            locality = None
        return cls(
            start=month("start"),
            end=month("end"),
            **{name: many(name, list(options)) for name, options in FILTERS.items()},
            metric=member("metric", METRICS),
            region=region,
            zoom=member("zoom", ZOOMS),
            present=flag("present"),
            search=(one("search") or defaults.search)[:MAX_SEARCH_LENGTH],
            rescale=flag("rescale"),
            action=member("action", action_ids),
            tab=member("tab", TABS),
            labels=count("labels", LABEL_COUNTS),
            cities=flag("cities"),
            locality=locality,
            compare=month("compare"),
            changes=flag("changes"),
        )

    def slug(self) -> str:
        """A short, file-name-safe description of what an export holds (window, filters, region, search)."""
        parts = [f"{self.start or 'start'}_to_{self.end or 'end'}"]
        full = ViewState()
        for name in FILTERS:
            value = getattr(self, name)
            if value != getattr(full, name):
                parts.append(name + "-" + ("+".join(value) if value else "none"))
        if self.region:
            parts.append("region-" + self.region)
        words = re.sub(r"[^\w]+", "-", self.search.strip(), flags=re.UNICODE).strip("-_")
        if words:
            parts.append("search-" + words[:40])
        return "_".join(parts)
