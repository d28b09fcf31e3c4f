"""Room ``i18n``: the catalogues, the English source messages (``messages``) and the vocabularies' English labels
(``vocabularies``), language negotiation and CLDR formatting. May import nothing else in the core, so every
room can use it. Browser counterpart: ``assets/atlas-format.js`` and the catalogue the page carries.

Interface languages: gettext catalogues read with Babel, language negotiation, dates as each language writes them.

Why here: every piece of interface text has a message id (``messages.MESSAGES``, plus the
vocabularies of ``columns`` and ``state``). English is the source; Chinese, Korean and Japanese
live in gettext catalogues, ``locales/<lang>/LC_MESSAGES/atlas.po`` (msgctxt = message id,
msgid = the English text), which translators edit with any PO tool and ``make catalogues``
refreshes from the source. The browser gets the catalogue of the page's language with the
layout, so Python and the browser format the same message the same way.

Dates follow each language's CLDR pattern (Babel): 2023年6月 / 2023년 6월. English keeps ISO
8601 (2023-06, 2023-06-15, 2023-Q2), which analysts read without ambiguity. Patterns become
``{y}``/``{m}``/``{d}``/``{q}`` templates so the browser applies exactly the same rule. Lists and
numbers follow CLDR too (Babel's list patterns and decimal symbols): 中国、韩国和日本, not "中国, 韩国";
the patterns travel to the browser the same way (``list_patterns``, ``number_symbols``).

Terms: one word per concept and language (plan, action, issuer, frame, the administrative
levels ...) is fixed in ``locales/glossary.csv``; tests/i18n/test_glossary.py holds the catalogues to it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

ROOT = Path(__file__).resolve().parents[3]
LOCALES_DIR = ROOT / "locales"
DOMAIN = "atlas"
LANGUAGES = {"en": "English", "zh": "中文", "ko": "한국어", "ja": "日本語"}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ko": "ko", "ja": "ja"}
BABEL_LOCALES = {"en": "en", "zh": "zh_Hans_CN", "ko": "ko_KR", "ja": "ja_JP"}
DEFAULT = "en"
#: The interface language whose readers see an action's original title first (the country's own language).
COUNTRY_LANGUAGE = {"CN": "zh", "KR": "ko", "JP": "ja"}
_SENTINEL = dt.date(2999, 11, 28)
#: CLDR's quarter skeleton per language: Japanese reports write 2023年第2四半期 (yQQQQ), not 2023/Q2 (yQQQ).
_QUARTER_SKELETON = {"zh": "yQQQ", "ko": "yQQQ", "ja": "yQQQQ"}
#: Babel's list style: "A, B and C" with the language's own separators (中国、韩国和日本 / A, B 및 C / A、B、C).
LIST_STYLE = "standard"
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_language", default=DEFAULT)


def source_messages() -> dict[str, str]:
    """Every message id with its English text: interface messages and the vocabularies' labels."""
    from components.core.i18n.messages import MESSAGES
    from components.core.i18n.vocabularies import (
        ACTION_TYPES, COUNTRIES, LEVELS, METRICS, NOVELTY, TOPICS, VERIFICATION, ZOOMS,
    )

    vocabularies = {"countries": COUNTRIES, "levels": LEVELS, "types": ACTION_TYPES, "verification": VERIFICATION,
                    "novelty": NOVELTY, "metrics": METRICS, "zooms": ZOOMS, "topics": TOPICS}
    messages = dict(MESSAGES)
    for name, options in vocabularies.items():
        messages.update({f"vocab.{name}.{code}": label for code, label in options.items()})
    return messages


def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(lang: str) -> dict[str, str]:
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[lang], domain=DOMAIN)
    return {message.context: message.string for message in catalog
            if message.id and message.context and isinstance(message.string, str) and message.string}


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Message id -> text in ``lang``; English where a translation is missing (shared: do not modify)."""
    english = source_messages()
    translated = _translations(lang if lang in LANGUAGES else DEFAULT)
    return {key: translated.get(key, text) for key, text in english.items()}


@contextlib.contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Within the block, ``text``/``messages.message`` and the date helpers speak ``lang`` (unknown -> English).

    ``lang`` may come from a request (the page's language store): anything but a known code, a list
    or an object included, is English.
    """
    token = _CURRENT.set(lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT)
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def current() -> str:
    """The language of the block being run (English outside any ``use``)."""
    return _CURRENT.get()


def text(key: str) -> str:
    """The template of message ``key`` in the current language (KeyError for an unknown id)."""
    return catalogue(current())[key]


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[lang])


def plural_form(n: int) -> str:
    """The CLDR plural category of ``n`` in the current language (Babel): ``one``/``other`` in English,
    always ``other`` in Chinese, Korean and Japanese."""
    return _locale(current()).plural_form(abs(n))


def label(vocabulary: str, code: str) -> str:
    """A vocabulary's label (``vocabulary`` in countries, levels, types, verification, metrics, zooms)."""
    return text(f"vocab.{vocabulary}.{code}")


def labels(vocabulary: str, codes) -> dict[str, str]:
    """``{code: label}`` in the current language, in the order of ``codes``."""
    return {code: label(vocabulary, code) for code in codes}


def title(english: str, original: str, country: str) -> str:
    """An action's title for this page: the original when the page speaks the action's country's language."""
    return original if original and COUNTRY_LANGUAGE.get(country) == current() else english


def month(label_: str) -> str:
    """A month of the axis (``YYYY-MM``) as the current language writes it."""
    return format_month(label_, current())


def date(iso: str, precision: str) -> str:
    """A date as precisely as known, as the current language writes it."""
    return format_date(iso, precision, current())


def label_date(label: str) -> str:
    """A date label as precisely as it is written (``2023``, ``2023-06``, ``2023-06-15``), the current language's way."""
    return date(label, {4: "year", 7: "month"}.get(len(label), "day"))


def period(label: str) -> str:
    """A period of a chart (``2023-06`` or ``2023-Q2``) as the current language writes it."""
    return format_period(label, current())


def join(items) -> str:
    """Items as one list in the current language (CLDR list pattern)."""
    return format_items(list(items), current())


def number(value) -> str:
    """A count in the current language's number format (CLDR decimal pattern: 1,234)."""
    return format_number(value, current())


def untranslated(lang: str) -> list[str]:
    """Message ids the language's catalogue lacks (a test keeps this empty)."""
    translated = _translations(lang)
    return [key for key in source_messages() if key not in translated]


def negotiate(requested: str | None, accept_language: str | None) -> str:
    """The interface language: ``?lang=`` if known, else the browser's Accept-Language, else English."""
    if requested in LANGUAGES:
        return requested
    preferred = []
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip()
        if tag and tag != "*":
            preferred.append(tag.replace("_", "-"))
    try:
        chosen = Locale.negotiate(preferred, list(LANGUAGES), sep="-")
    except (ValueError, TypeError):
        chosen = None
    if chosen:
        return str(chosen).split("_")[0]
    for tag in preferred:
        if tag.split("-")[0].lower() in LANGUAGES:
            return tag.split("-")[0].lower()
    return DEFAULT


@functools.cache
def date_templates(lang: str) -> dict[str, str]:
    """How a date is written at each precision, as a template with {y}, {m}, {d} (ISO for English)."""
    if lang not in LANGUAGES or lang == DEFAULT:
        return {"day": "{y}-{mm}-{dd}", "month": "{y}-{mm}", "year": "{y}", "quarter": "{y}-Q{q}"}
    locale = BABEL_LOCALES[lang]

    def template(skeleton: str) -> str:
        text = format_skeleton(skeleton, _SENTINEL, locale=locale)
        return text.replace("2999", "{y}").replace("11", "{m}").replace("28", "{d}").replace("4", "{q}")

    return {"day": template("yMMMd"), "month": template("yMMM"), "year": template("y"),
            "quarter": template(_QUARTER_SKELETON[lang])}


def format_date(iso: str, precision: str, lang: str) -> str:
    """``2023-06-15`` written as precisely as known, in the language's convention."""
    year, month, day = iso[:4], iso[5:7] or "01", iso[8:10] or "01"
    return date_templates(lang)[precision].format(y=year, mm=month, dd=day, m=int(month), d=int(day))


def format_month(label: str, lang: str) -> str:
    """A month of the axis (``YYYY-MM``) in the language's convention."""
    return format_date(label + "-01", "month", lang)


def format_period(label: str, lang: str) -> str:
    """``2023-06`` (a month) or ``2023-Q2`` (a quarter) in the language's convention."""
    if label[5:6] == "Q":
        return date_templates(lang)["quarter"].format(y=label[:4], q=int(label[6:]))
    return format_month(label, lang)


def _babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, BABEL_LOCALES[DEFAULT])


def format_items(items: list[str], lang: str) -> str:
    """``items`` joined by the language's CLDR list pattern ("" for none)."""
    return format_list([str(item) for item in items], style=LIST_STYLE, locale=_babel_locale(lang)) if items else ""


@functools.cache
def list_patterns(lang: str) -> dict[str, str]:
    """The CLDR list pattern (``2``, ``start``, ``middle``, ``end`` with {0} and {1}), for the browser's ``list``."""
    return dict(Locale.parse(_babel_locale(lang)).list_patterns[LIST_STYLE])


def format_number(value, lang: str) -> str:
    """A number in the language's CLDR decimal format."""
    return format_decimal(value, locale=_babel_locale(lang))


@functools.cache
def number_symbols(lang: str) -> dict[str, str]:
    """The grouping and decimal symbols of the language, for the browser's ``number`` (groups of three in all four)."""
    locale = _babel_locale(lang)
    return {"group": get_group_symbol(locale), "decimal": get_decimal_symbol(locale)}


def message(key: str, **params) -> str:
    """Message ``key`` in the language of the enclosing ``i18n.use`` block (English outside one)."""
    return text(key).format(**params)


def plural(key: str, n: int, **params) -> str:
    """A counted phrase with the plural form the current language gives ``n``.

    Why ids per CLDR category (``key.one``, ``key.other``): the catalogue is keyed by message id
    (msgctxt), so each form is its own id; a language without a category (Chinese, Korean and
    Japanese have only ``other``) falls back to ``key.other``.
    """
    form = f"{key}.{plural_form(n)}"
    return message(form if form in catalogue(current()) else f"{key}.other", n=n, **params)
