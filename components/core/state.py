"""The whole view state as one value, and its round trip through the URL query string.

Why: a copied link must reopen exactly the same view, and the server keeps no per-user
state. Every control's value flows into a ``ViewState``; the URL, the map patch, the
panel and the export all read that one value. Unknown or malformed query values fall
back to defaults instead of failing, because a hand-edited link must still open.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS, VERIFICATION

METRICS = {
    "cumulative": "Cumulative actions",
    "window": "Actions within window",
    "first": "First-action date",
    "plan": "Dedicated plan (yes/no)",
}
ZOOMS = {"all": "All three countries", **COUNTRIES}


@dataclass(frozen=True)
class ViewState:
    start: str | None = None
    end: str | None = None
    countries: list[str] = field(default_factory=lambda: list(COUNTRIES))
    levels: list[str] = field(default_factory=lambda: list(LEVELS))
    types: list[str] = field(default_factory=lambda: list(ACTION_TYPES))
    verification: list[str] = field(default_factory=lambda: list(VERIFICATION))
    metric: str = "cumulative"
    region: str | None = None
    zoom: str = "all"
    present: bool = False

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
                params[f.name] = value
        return "?" + urlencode(params) if params else ""

    @classmethod
    def from_query(cls, search: str | None, defaults: "ViewState | None" = None) -> "ViewState":
        defaults = defaults or cls()
        query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)

        def one(name: str) -> str | None:
            return query[name][-1] if name in query else None

        def many(name: str, allowed) -> list[str]:
            raw = one(name)
            if raw is None:
                return getattr(defaults, name)
            if raw == "none":
                return []
            chosen = [v for v in raw.split(",") if v in allowed]
            return [v for v in allowed if v in chosen]

        metric = one("metric")
        zoom = one("zoom")
        return cls(
            start=one("start") or defaults.start,
            end=one("end") or defaults.end,
            countries=many("countries", list(COUNTRIES)),
            levels=many("levels", list(LEVELS)),
            types=many("types", list(ACTION_TYPES)),
            verification=many("verification", list(VERIFICATION)),
            metric=metric if metric in METRICS else defaults.metric,
            region=one("region") or defaults.region,
            zoom=zoom if zoom in ZOOMS else defaults.zoom,
            present=one("present") == "1" if "present" in query else defaults.present,
        )

    def slug(self) -> str:
        """A short, file-name-safe description of the filters (for export names)."""
        parts = [f"{self.start or 'start'}_to_{self.end or 'end'}"]
        full = ViewState()
        for name in ("countries", "levels", "types", "verification"):
            value = getattr(self, name)
            if value != getattr(full, name):
                parts.append(name + "-" + ("+".join(value) if value else "none"))
        if self.region:
            parts.append(self.region)
        return "_".join(parts)
