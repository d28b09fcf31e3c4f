"""The browser's copy of a dataset: compact, columnar, fetched once and cached.

Why: every slider step, play tick, filter toggle, zoom and region change is answered in the
browser. For that the browser needs, once, what the views read: per action its month,
region, level, kind, verification and plan flag as small integer codes (a group-by of these
columns is the month x region x level x kind x verification cube; the search needs the
per-action rows anyway), and the display fields the table and panel show. Strings that
repeat (vocabularies, region names) are sent once and referenced by index. The palettes,
styles and messages come along too, so the browser holds no copy of those constants.
"""

from __future__ import annotations

import hashlib
import json
import math

from components.core import i18n
from components.core.data import localities
from components.core.data.columns import ACTION_TYPES, COUNTRIES, DATE_PRECISIONS, LEVELS, NOVELTY, VERIFICATION, Col, RegionCol
from components.core.data.dataset import Dataset
from components.core.data.topics import TOPICS
from components.core.i18n.messages import MESSAGES
from components.core.view import encodings, figures, labels
from components.core.view.dots import LAYOUT_WIDTH_PX, MARKER_SIZES, ZOOM_RANGES, DotLayout
from components.core.view.metrics import FILTER_BITS
from components.core.view.state import FILTERS, LABEL_COUNTS, METRICS, TABS, ZOOMS

SCHEMA_VERSION = 1
#: At most this many year labels under the time slider (a long month axis labels every 2nd, 5th... year).
MAX_SLIDER_LABELS = 12
DISPLAY_FIELDS = (Col.TITLE, Col.TITLE_ORIGINAL, Col.ISSUER, Col.LOCALITY, Col.SUMMARY, Col.SOURCE_NAME,
                  Col.SOURCE_URL, Col.TAGS, Col.MORE_SOURCES, Col.ISSUER_URL_NOT_OPENED)


def _pairs(vocabulary: str, options: dict) -> list[list[str]]:
    """``[code, label]`` pairs, the label in the current language."""
    return [[code, i18n.label(vocabulary, code)] for code in options]


def _style(style: encodings.Style) -> dict:
    return {"fill": style.fill, "line": style.line, "width": style.width, "mark": style.mark}


def region_type(country: str, kind: str) -> str:
    """A kind of region (``province``, ``metropolitan city``...) in the current language; unknown kinds as written."""
    key = f"region_type.{country}.{kind.replace(' ', '_')}"
    return i18n.text(key) if key in MESSAGES else kind


def month_marks(month_labels: list[str]) -> dict[int, dict]:
    """The time slider's labels: Januaries, every year or every few years (a dot marks each month between)."""
    januaries = [(i, label[:4]) for i, label in enumerate(month_labels) if label.endswith("-01")]
    step = max(1, math.ceil(len(januaries) / MAX_SLIDER_LABELS))
    first = int(januaries[0][1]) if januaries else 0
    return {
        i: {"label": year, "style": {"whiteSpace": "nowrap", "fontSize": "0.75rem"}}
        for i, year in januaries
        if (int(year) - first) % step == 0
    }


def build_payload(dataset: Dataset, dots: DotLayout, label_points: dict, coverage=None, lang: str | None = None,
                  storyboard_limits: dict | None = None) -> dict:
    """The browser's copy; ``coverage`` (the validated coverage frame, optional) says when each region was searched.

    ``storyboard_limits``: the storyboard file's format and text limits for the browser's editor
    (``briefing.storyboard.browser_limits()``), passed in because the view room may not import briefing.

    ``lang``: the interface language of its messages, vocabulary labels, region names and date
    templates (default: the language of the enclosing ``i18n.use``).
    """
    shared = _shared_parts(dataset, dots)
    with i18n.use(lang or i18n.current()):
        return _build(dataset, label_points, coverage, storyboard_limits or {}, shared)


def _build(dataset: Dataset, label_points: dict, coverage, storyboard_limits: dict, shared: dict) -> dict:
    regions = dataset.regions
    lang = i18n.current()
    shown_names = figures.display_names(dataset)
    payload = {
        "schema": SCHEMA_VERSION,
        "version": dataset.version,
        "months": dataset.month_labels,
        "collectedTo": dataset.collected_to,
        "sliderMarks": month_marks(dataset.month_labels),
        "vocab": {
            "countries": _pairs("countries", COUNTRIES), "levels": _pairs("levels", LEVELS),
            "types": _pairs("types", ACTION_TYPES), "verification": _pairs("verification", VERIFICATION),
            "novelty": _pairs("novelty", NOVELTY),
            "topics": _pairs("topics", TOPICS),
            "precision": list(DATE_PRECISIONS),
            "metrics": _pairs("metrics", METRICS), "zooms": _pairs("zooms", ZOOMS), "filters": list(FILTERS),
            "tabs": list(TABS),
            "labels": list(LABEL_COUNTS),
        },
        "regions": {
            "id": list(regions.index),
            "country": [list(COUNTRIES).index(c) for c in regions[RegionCol.COUNTRY]],
            "name_en": regions[RegionCol.NAME_EN].tolist(),
            "name_local": regions[RegionCol.NAME_LOCAL].tolist(),
            "name": shown_names,
            "label_ems": [labels.text_ems(name) for name in shown_names],
            "type": regions[RegionCol.TYPE].tolist(),
            "type_label": [region_type(country, kind) for country, kind in zip(regions[RegionCol.COUNTRY], regions[RegionCol.TYPE])],
            "label_lon": [label_points[r][0] for r in regions.index],
            "label_lat": [label_points[r][1] for r in regions.index],
        },
        "dots": shared["dots"],
        "actions": shared["actions"],
        "encodings": {
            "maxClasses": encodings.MAX_CLASSES,
            "countPalette": encodings.COUNT_PALETTE,
            "yearPalette": encodings.YEAR_PALETTE,
            "kindStyles": {encodings.KIND_KEYS[k]: _style(s) for k, s in encodings.KIND_STYLES.items()},
            "selected": {"color": encodings.COLOR_SELECTED, "width": encodings.SELECTED_WIDTH},
            "edge": _style(encodings.STYLE_EDGE),
            "typeColors": figures.TYPE_COLORS,
            "hoverTitleMax": figures.HOVER_TITLE_MAX,
            "labelFont": figures.LABEL_FONT,
            "labelPlacement": {**labels.PLACEMENT, "clipPad": figures.PLOTLY_CLIP_PAD},
        },
        "storyboard": storyboard_limits,
        "bits": FILTER_BITS,
        "lang": lang,
        "htmlLang": i18n.HTML_LANG[lang],
        "countryLanguage": i18n.COUNTRY_LANGUAGE,
        "messages": {key: i18n.text(key) for key in MESSAGES},
        "dateTemplates": i18n.date_templates(lang),
        "listPatterns": i18n.list_patterns(lang),
        "numberSymbols": i18n.number_symbols(lang),
        "coverage": _coverage(regions, coverage),
        "localities": shared["localities"],
        "compareStyle": {"newMark": figures.NEW_MARK, "newColor": figures.NEW_COLOR, "beforeFill": figures.BEFORE_FILL,
                         "domains": figures.COMPARE_DOMAINS, "cityEdge": figures.CITY_EDGE, "citySymbol": figures.CITY_SYMBOL,
                         "pointPx": {zoom: list(px) for zoom, px in localities.POINT_PX.items()}},
    }
    return payload


def _shared_parts(dataset: Dataset, dots: DotLayout) -> dict:
    """The parts of the payload no language changes (spliced in by ``encode_languages``): the dots, the actions and the cities layer."""
    codes, actions = dataset.codes, dataset.actions
    region_index = {r: i for i, r in enumerate(dataset.regions.index)}
    return {
        "dots": {
            "region": [region_index[r] for r in dots.region_ids],
            "anchor_lon": dots.anchors["lon"].round(3).tolist(),
            "anchor_lat": dots.anchors["lat"].round(3).tolist(),
            "zoom": {
                zoom: {"lon": dots.positions[zoom]["lon"].round(3).tolist(),
                       "lat": dots.positions[zoom]["lat"].round(3).tolist(),
                       "leaders": dots.leaders[zoom], "size": MARKER_SIZES[zoom], "range": ZOOM_RANGES[zoom]}
                for zoom in ZOOM_RANGES
            },
        },
        "actions": {
            "id": actions[Col.ACTION_ID].tolist(),
            "date": actions[Col.DATE].dt.strftime("%Y-%m-%d").tolist(),
            "month": codes.month.tolist(),
            "precision": codes.precision.tolist(),
            "country": codes.country.tolist(),
            "level": codes.level.tolist(),
            "region": codes.region.tolist(),
            "type": codes.action_type.tolist(),
            "verification": codes.verification.tolist(),
            "plan": codes.plan.astype(int).tolist(),
            "novelty": codes.novelty.tolist(),
            "topics": codes.topics.tolist(),
            **{field: actions[field].tolist() for field in DISPLAY_FIELDS},
        },
        "localities": _localities(dataset, region_index, dots),
    }


def _localities(dataset: Dataset, region_index: dict, dots: DotLayout) -> dict:
    """The cities layer's places (``localities.locality_table``), each action's place (-1: none) and, per zoom,
    the places under a small region's dot (``localities.under_dots``)."""
    table = dataset.localities
    if table is None:
        return {"id": [], "name": [], "lon": [], "lat": [], "region": [], "localities": [], "fallback": [], "place": [],
                "underDots": {zoom: [] for zoom in ZOOM_RANGES}}
    return {"id": table.ids, "name": table.names, "lon": [round(v, 3) for v in table.lon],
            "lat": [round(v, 3) for v in table.lat], "region": [region_index[r] for r in table.region],
            "localities": table.localities, "fallback": table.fallback, "place": table.of_action.tolist(),
            "underDots": localities.under_dots(table, dots, MARKER_SIZES, ZOOM_RANGES, LAYOUT_WIDTH_PX)}


def _coverage(regions, coverage) -> dict:
    searched = {} if coverage is None else coverage.set_index("region_id")
    def column(name: str) -> list[str]:
        return [str(searched.at[r, name]) if r in getattr(searched, "index", []) else "" for r in regions.index]
    return {"searched_on": column("searched_on"), "sources": column("sources_searched")}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode(payload: dict) -> tuple[bytes, str]:
    """The payload as compact UTF-8 JSON and its content hash (the URL it is served under)."""
    body = _json(payload).encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:16]


def encode_languages(dataset: Dataset, dots: DotLayout, label_points: dict, coverage, langs, storyboard_limits: dict,
                     map_=map) -> dict[str, bytes]:
    """``encode(build_payload(..., lang))[0]`` for each of ``langs``, byte for byte, with the parts no language
    changes (the actions, most of the bytes) built and written as JSON once, not once per language.

    Why: at 100x the data, writing the actions as JSON took about 1.5 s a language, under the GIL.
    ``map_``: how the languages are mapped (e.g. a thread pool's ``map``).
    """
    shared = {key: _json(value) for key, value in _shared_parts(dataset, dots).items()}
    placeholders = {key: f"\x00atlas-shared:{key}\x00" for key in shared}
    tokens = {key: _json(placeholder) for key, placeholder in placeholders.items()}
    clash = any(token in part for token in tokens.values() for part in shared.values())

    def one(lang: str) -> bytes:
        with i18n.use(lang):
            text = _json(_build(dataset, label_points, coverage, storyboard_limits, placeholders))
        if clash or any(text.count(token) != 1 for token in tokens.values()):  # a text in the data spells a placeholder
            return encode(build_payload(dataset, dots, label_points, coverage, lang, storyboard_limits))[0]
        for key, token in tokens.items():
            text = text.replace(token, shared[key])
        return text.encode("utf-8")

    return dict(zip(langs, map_(one, langs)))
