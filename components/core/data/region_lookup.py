"""Region names to ISO 3166-2 codes, through the boundary file (for files an analyst uploads).

Why: an analyst's own list names regions the way people write them (上海市, 서울특별시, 東京都,
"Zhejiang Province", "Gyeonggi-do"), not as ISO codes. The boundary file
(``data/regions.geojson``) already holds every region's English and native name, so the
names it knows are exactly the names it can draw; nothing here is a second list of regions.
A name is matched after the usual suffixes of a first-level region are taken off (省, 市,
県, 특별시, "Province", "-do", ...). A name that fits more than one region is refused with
its candidates, unless the row's country settles it; a name that fits none is refused
with the rule, so a typo never becomes a silently empty region.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from components.core.data.columns import Col, RegionCol
from components.core.data.schema import HEADER_ROW, Problem
from components.core.i18n import message

#: Suffixes of a first-level region's native name (longest first, so 特别行政区 goes before 区).
NATIVE_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "特別行政區", "自治区",
    "특별자치도", "특별자치시", "특별시", "광역시", "省", "市", "県", "都", "府", "도", "시",
)
#: English words and romanised suffixes that name the kind of region, e.g. "Zhejiang Province", "Osaka-fu".
ENGLISH_SUFFIX = re.compile(
    r"(?:[\s-]+(?:special administrative region|sar|autonomous region|province|prefecture|municipality|"
    r"metropolis|metropolitan city|metropolitan government|special city|special self-governing (?:city|province)|"
    r"city|do|to|fu|ken|shi|si))+$"
)
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")


def normal_form(name: str) -> str:
    """NFKC, case-folded, single spaces: the form names are compared in."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_forms(name_en: str, name_local: str) -> set[str]:
    """Every written form of one region this module accepts (all in ``normal_form``)."""
    english = normal_form(name_en)
    outside = _PARENTHESIS.sub(" ", english).strip()
    inside = _PARENTHESIS.findall(english)
    native = normal_form(name_local)
    forms = {english, outside, *inside, native}
    forms |= {native[: -len(s)] for s in NATIVE_SUFFIXES if native.endswith(s) and len(native) > len(s) + 1}
    return {f for f in forms if f}


def _strip_english_suffix(form: str) -> str:
    return ENGLISH_SUFFIX.sub("", form).strip()


@dataclass(frozen=True)
class RegionNames:
    """Normal form of a name -> the region ids it may stand for, and each id's country."""

    candidates: dict[str, frozenset[str]]
    country: dict[str, str]
    label: dict[str, str]

    @classmethod
    def from_regions(cls, regions: pd.DataFrame) -> "RegionNames":
        candidates: dict[str, set[str]] = defaultdict(set)
        for region_id, row in regions.iterrows():
            for form in name_forms(row[RegionCol.NAME_EN], row[RegionCol.NAME_LOCAL]):
                candidates[form].add(region_id)
        return cls(
            candidates={form: frozenset(ids) for form, ids in candidates.items()},
            country=dict(zip(regions.index, regions[RegionCol.COUNTRY])),
            label={r: f"{row[RegionCol.NAME_EN]} / {row[RegionCol.NAME_LOCAL]} ({r})" for r, row in regions.iterrows()},
        )

    def lookup(self, name: str) -> frozenset[str]:
        form = normal_form(name)
        return self.candidates.get(form) or self.candidates.get(_strip_english_suffix(form)) or frozenset()


def resolve_region_names(frame: pd.DataFrame, names: RegionNames) -> tuple[pd.DataFrame, list[Problem]]:
    """``region_id`` with names replaced by codes; a problem for each name that fits no or several regions.

    Codes pass through (in any letter case); empty cells stay empty (national actions). Each
    distinct (value, country) pair is looked up once, so a long file costs its distinct names.
    """
    codes = {c.upper(): c for c in names.country}
    countries = set(names.country.values())
    answers: dict[tuple[str, str], tuple[str, str | None]] = {}

    def answer(value: str, country: str) -> tuple[str, str | None]:
        text = value.strip()
        if text == "" or text.upper() in codes:
            return codes.get(text.upper(), ""), None
        found = names.lookup(text)
        if len(found) > 1 and country in countries:
            found = frozenset(r for r in found if names.country[r] == country) or found
        if len(found) == 1:
            return next(iter(found)), None
        if found:
            listed = "; ".join(names.label[r] for r in sorted(found))
            return value, message("upload.name_ambiguous", candidates=listed)
        return value, message("upload.name_unknown")

    resolved, problems = [], []
    for position, pair in enumerate(zip(frame[Col.REGION_ID], frame[Col.COUNTRY])):
        if pair not in answers:
            answers[pair] = answer(*pair)
        code, rule = answers[pair]
        resolved.append(code)
        if rule:
            problems.append(Problem(position + HEADER_ROW + 1, Col.REGION_ID, pair[0], rule))
    out = frame.copy()
    out[Col.REGION_ID] = pd.Series(resolved, index=frame.index, dtype=frame[Col.REGION_ID].dtype)
    return out, problems
