"""The catalogues use the glossary's one term per concept (locales/glossary.csv).

Each glossary row names a concept, the messages it governs (``ids``, else every message whose
English text matches the ``en`` pattern, else every message), the term each language must use
there, and the variants it must not (a pattern per language). So a new message that says
"action" in English and 政策行动 in Chinese, or a Korean header that says 발행 기관 again, fails
here with the message id, its English and its translation.
"""

from __future__ import annotations

import csv
import re

import pytest

from components.core import i18n
from components.core.data.region_names import region_names

GLOSSARY = i18n.LOCALES_DIR / "glossary.csv"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def governed(row: dict[str, str]) -> list[str]:
    """The message ids a glossary row governs (placeholders such as {lag} are not words of the English)."""
    english = {key: re.sub(r"\{[^}]*\}", "", text) for key, text in i18n.source_messages().items()}
    if row["ids"]:
        return row["ids"].split("|")
    if row["en"]:
        pattern = re.compile(row["en"], re.IGNORECASE)
        return [key for key, text in english.items() if pattern.search(text)]
    return list(english)


def test_the_glossary_is_well_formed():
    rows = glossary()
    assert [r["concept"] for r in rows] == list(dict.fromkeys(r["concept"] for r in rows)), "a concept is listed twice"
    english = i18n.source_messages()
    for row in rows:
        for key in filter(None, row["ids"].split("|")):
            assert key in english, f"{row['concept']}: no message {key}"
        re.compile(row["en"])
        for lang in TRANSLATED:
            re.compile(row[f"forbidden_{lang}"])
        assert all(row[lang] for lang in TRANSLATED) or not any(row[lang] for lang in TRANSLATED), row["concept"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_a_concept_uses_the_glossary_term(lang):
    words = i18n.catalogue(lang)
    english = i18n.source_messages()
    wrong = []
    for row in glossary():
        if not row[lang]:
            continue
        for key in governed(row):
            if row[lang] not in words[key]:
                wrong.append(f"{row['concept']} ({row[lang]}): {key} {english[key]!r} -> {words[key]!r}")
    assert wrong == [], f"{lang}: {len(wrong)} message(s) do not use the glossary term:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_message_of_a_concept_uses_a_forbidden_variant(lang):
    words = i18n.catalogue(lang)
    found = []
    for row in glossary():
        if not row[f"forbidden_{lang}"]:
            continue
        pattern = re.compile(row[f"forbidden_{lang}"])
        for key in governed(row):
            if match := pattern.search(words[key]):
                found.append(f"{row['concept']}: {key} has {match.group(0)!r} in {words[key]!r}")
    assert found == [], f"{lang}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_region_names_agree_with_the_glossary(lang):
    """A place the glossary names (Taiwan) is written the same way on the map as in the interface."""
    english, names = region_names("en"), region_names(lang)
    checked = 0
    for row in glossary():
        if not row["en"] or not row[lang]:
            continue
        pattern = re.compile(row["en"], re.IGNORECASE)
        for region_id, name in english.items():
            if pattern.search(name):
                checked += 1
                assert row[lang] in names[region_id], (row["concept"], region_id, names[region_id])
                if row[f"forbidden_{lang}"]:
                    assert not re.search(row[f"forbidden_{lang}"], names[region_id]), (region_id, names[region_id])
    assert checked >= 1


def test_the_glossary_governs_the_review_s_problem_messages():
    """The concepts the December 2026 review found mistranslated reach the messages it named."""
    concepts = {row["concept"]: set(governed(row)) for row in glossary()}
    assert {"readout.plan", "kind.own_plan", "lag.first_plan", "vocab.metrics.plan"} <= concepts["dedicated plan"]
    assert {"controls.rescale", "legend.rescaled"} <= concepts["frame"]
    assert {"table.th.issuer", "footer.sources", "vocab.verification.verified"} <= concepts["issuer"]
    assert {"panel.leading", "control.labels"} <= concepts["leading regions"]
    assert {"ranking.title", "analysis.intro"} <= concepts["first movers"]
    assert {"a11y.lag_list", "lag.title", "lag.th.lag"} <= concepts["lag"]
    assert {"panel.th.regions", "readout.acted", "title.cumulative", "diffusion.reading"} <= concepts["action"]
    assert "vocab.types.strategy_plan" not in concepts["dedicated plan"]
    assert "vocab.types.strategy_plan" not in concepts["action"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_column_headers_of_a_table_are_distinct(lang):
    """No two columns of the overview table (or of the actions table) carry the same word."""
    words = i18n.catalogue(lang)
    for prefix in ("panel.th.", "table.th."):
        headers = {key: text for key, text in words.items() if key.startswith(prefix) and not key.endswith("_tooltip")}
        repeated = {text for text in headers.values() if list(headers.values()).count(text) > 1}
        assert not repeated, f"{lang} {prefix}: {sorted((k, v) for k, v in headers.items() if v in repeated)}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_screen_reader_hears_the_lag_chart_s_term_for_the_lag_list(bundled, lang):
    """The lag list's label (zh once 各地区滞后时间 beside the chart's 时滞) names lag as the chart and its table do."""
    from components.core.analysis import data as analysis_data
    from components.panels.analysis_lists import lag_list_data
    from components.panels.url_state import default_state

    term = next(row[lang] for row in glossary() if row["concept"] == "lag")
    with i18n.use(lang):
        listed = lag_list_data(analysis_data.lags(bundled, default_state(bundled)))
    announced = listed["label"]
    assert announced == i18n.catalogue(lang)["a11y.lag_list"] and term in announced
    assert term in i18n.catalogue(lang)["lag.title"] and term in i18n.catalogue(lang)["lag.th.lag"]


#: Messages that count regions in a number (ko counts places with 곳, things with 개).
KO_REGION_COUNTS = ("ranking.ties", "adoption.hover", "edge.thin", "diffusion.caveat.small")


def test_korean_counts_regions_with_gos():
    words, english = i18n.catalogue("ko"), i18n.source_messages()
    keys = [k for k in english if re.search(r"\{\w+\} of \{\w+\}[^.]*regions", english[k]) or k in KO_REGION_COUNTS]
    keys = [k for k in keys if k in words]
    assert "ranking.ties" in keys and "adoption.hover" in keys
    wrong = {k: words[k] for k in keys if re.search(r"\}개", words[k])}
    assert wrong == {}, f"regions counted with 개 instead of 곳: {wrong}"
    assert "{acted}곳 중 {tied}곳" in words["ranking.ties"]


def test_japanese_towns_are_municipal_not_district():
    """Japan's towns and villages (町村) are municipalities (level ``municipal``), not districts."""
    words = i18n.catalogue("ja")
    for key in ("vocab.levels.district", "table.level.district"):
        assert "町村" not in words[key] and "区" in words[key], words[key]
    for key in ("vocab.levels.municipal", "table.level.municipal"):
        assert words[key] == "市町村"
