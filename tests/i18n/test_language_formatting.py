"""Dates, ranks, lists, counts and brackets as each language writes them, in what the charts show.

The expected values are CLDR's (Babel's ``format_list``, ``format_decimal``, ``format_skeleton``)
or the catalogue's own templates, never copied from the code under test; a few literal
strings pin what a reader of each language must see (并列第3名, 공동 3위, 3位タイ, 、).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from components.core.analysis import data as analysis_data, figures as analysis_figures
from components.core import i18n
from components.core.view.encodings import encode_view
from components.core.i18n import message
from components.panels import analysis_lists
from components.panels.url_state import default_state

TRANSLATED = ["zh", "ko", "ja"]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")
ENGLISH_PRECISION = re.compile(r"\((day|month|year)\)|（(day|month|year)）")


@pytest.mark.parametrize(("lang", "tied", "plain"), [
    ("en", "=3", "3"), ("zh", "并列第3名", "第3名"), ("ko", "공동 3위", "3위"), ("ja", "3位タイ", "3位")])
def test_a_tie_is_written_the_way_each_language_writes_it(lang, tied, plain):
    with i18n.use(lang):
        assert analysis_figures.rank_label(3, True) == tied
        assert analysis_figures.rank_label(3.0, False) == plain


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_lists_follow_cldr_list_patterns(lang):
    items = ["A", "B", "C", "D"]
    with i18n.use(lang):
        for n in range(5):
            expected = format_list(items[:n], style="standard", locale=i18n.BABEL_LOCALES[lang]) if n else ""
            assert i18n.join(items[:n]) == expected
    if lang in ("zh", "ja"):
        assert "、" in i18n.format_items(items, lang) and ", " not in i18n.format_items(items, lang)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_counts_follow_cldr_number_format(lang):
    for value in (0, 7, 999, 1000, 12345, 1234567):
        assert i18n.format_number(value, lang) == format_decimal(value, locale=i18n.BABEL_LOCALES[lang])
    assert i18n.format_number(100000, lang) == "100,000"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_months_and_quarters_follow_cldr(lang):
    locale = i18n.BABEL_LOCALES[lang]
    assert i18n.format_period("2023-06", lang) == format_skeleton("yMMM", dt.date(2023, 6, 1), locale=locale)
    quarter = i18n.format_period("2023-Q2", lang)
    assert quarter == {"zh": "2023年第2季度", "ko": "2023년 2분기", "ja": "2023年第2四半期"}[lang]
    assert i18n.format_period("2023-Q2", "en") == "2023-Q2"


@pytest.mark.parametrize(("lang", "expected"), [("en", "Actions (cumulative) (matching your filters)"),
                                                 ("zh", "政策举措（累计）（符合筛选条件）"),
                                                 ("ja", "政策措置（累計）（フィルター条件に一致）")])
def test_the_legend_note_is_bracketed_the_language_s_way(bundled, lang, expected):
    state = default_state(bundled).replace(countries=("CN",))
    with i18n.use(lang):
        _, _, encoding = encode_view(bundled, state)
    assert encoding.legend_title == expected


def _analysis(bundled, lang):
    state = default_state(bundled)
    with i18n.use(lang):
        footer = "footer"
        return {
            "ranking": analysis_figures.ranking_figure(analysis_data.ranking(bundled, state), footer),
            "adoption": analysis_figures.adoption_figure(analysis_data.adoption(bundled, state), footer),
            "lag": analysis_figures.lag_figure(analysis_data.lags(bundled, state), footer),
            "hype": analysis_figures.hype_figure(analysis_data.hype(bundled, state), footer),
            "counts": analysis_figures.counts_figure(analysis_data.counts(bundled, state, "level", "quarter"), "level",
                                                     footer),
        }


def _hovers(figure) -> list[str]:
    return [text for trace in figure["data"] for text in (trace.get("text") or []) if isinstance(text, str)]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_chart_hovers_show_no_iso_dates_and_no_english_precision(bundled, lang):
    figures = _analysis(bundled, lang)
    for name, figure in figures.items():
        hovers = _hovers(figure)
        assert hovers, name
        for text in hovers:
            assert not ISO_DATE.search(text), (name, text)
            assert not ENGLISH_PRECISION.search(text), (name, text)
    ranking = _hovers(figures["ranking"])
    words = i18n.catalogue(lang)
    precisions = [words[f"precision.{p}"] for p in ("day", "month", "year")]
    assert all(any(p in text for p in precisions) for text in ranking)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_ranking_shows_ties_in_words_and_axes_in_the_language_s_dates(bundled, lang):
    figure = _analysis(bundled, lang)["ranking"]
    labels = figure["layout"]["yaxis"]["categoryarray"]
    assert not any(label.startswith("=") for label in labels)
    ranking = analysis_data.ranking(bundled, default_state(bundled))
    if ranking["rank_shared"].any():
        tied = i18n.catalogue(lang)["rank.tied"].split("{rank}")[0 if lang != "ja" else 1]
        assert any(tied in label for label in labels)
    month = i18n.date_templates(lang)["month"]
    assert figure["layout"]["xaxis"]["tickformat"] == month.replace("{y}", "%Y").replace("{m}", "%-m")


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_lag_chart_has_full_width_brackets_and_days_in_words(bundled, lang):
    figure = _analysis(bundled, lang)["lag"]
    names = [trace["name"] for trace in figure["data"]]
    assert all("(" not in name for name in names)
    ahead = i18n.catalogue(lang)["lag.ahead"]
    assert any(name.endswith(f"（{ahead}）") for name in names)
    hovers = _hovers(figure)
    assert hovers and not any(re.search(r"-\d", text) for text in hovers)


def test_the_lag_is_said_before_or_after_the_milestone():
    with i18n.use("zh"):
        assert analysis_figures.lag_text(-45) == "比基准政策提前45天（领先）"
        assert analysis_figures.lag_text(1200) == "晚于基准政策1,200天"
    with i18n.use("ko"):
        assert analysis_figures.lag_text(-45) == "기준점보다 45일 앞섬(선행)"
    with i18n.use("ja"):
        assert analysis_figures.lag_text(-45) == "マイルストーンより45日先行"
    assert analysis_figures.lag_text(0) == "on the day of the milestone"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_laggards_are_listed_with_the_language_s_list_pattern(bundled, lang):
    ranking = analysis_data.ranking(bundled, default_state(bundled))
    never = ranking[~ranking["acted"]]
    with i18n.use(lang):
        note = analysis_lists.ranking_note_data(ranking, "END")
        ties = note["ties"]
    assert "=3" not in ties and "=" not in ties
    if len(never) >= 2:
        text = note["never"]
        with i18n.use(lang):
            names = analysis_figures.shown_names(never)
            expected = i18n.join(message("format.parenthetical", text=n, note=c) for n, c in zip(names, never["country"]))
        assert expected in text


def test_the_map_hover_joins_hidden_filters_with_the_list_pattern():
    with i18n.use("ja"):
        names = i18n.join(message("filter." + f) for f in ("countries", "search"))
    assert names == "国、検索"
    with i18n.use("zh"):
        assert i18n.join(message("filter." + f) for f in ("countries", "levels", "search")) == "国家、层级和搜索"


def test_dates_of_the_analysis_frames_are_written_as_precisely_as_known():
    with i18n.use("ko"):
        assert i18n.label_date("2022-07") == "2022년 7월"
        assert i18n.label_date("2022") == "2022년"
        assert i18n.label_date("2022-07-05") == "2022년 7월 5일"


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_the_plan_readout_names_what_its_second_number_counts(bundled, lang):
    """The Japanese line once read "ほかに5では…": the count of regions with a city plan must carry its unit."""
    from components.core.view.figures import readout_lines
    from components.core.view.metrics import readout_counts, region_view

    state = default_state(bundled).replace(metric="plan")
    rows = readout_counts(bundled, state, region_view(bundled, state))
    with i18n.use(lang):
        lines = readout_lines(bundled, state, rows, 0, len(bundled.month_labels) - 1)
        units = {row["country"]: message("unit." + row["country"]) for row in rows}
    for row, line in zip(rows, lines):
        city, unit = row["city_plan"], units[row["country"]]
        assert {"zh": f"另有{city}个", "ko": f"{city}곳은", "ja": f"ほかに{city}の{unit}で"}[lang] in line, line
        assert unit in line


SKELETONS = {"day": "yMMMd", "month": "yMMM", "year": "y"}


def cldr_date(label: str, precision: str, lang: str) -> str:
    """A first-action label (2022, 2022-07, 2022-07-05) as CLDR writes it at its precision."""
    parts = [int(p) for p in label.split("-")] + [1, 1]
    return format_skeleton(SKELETONS[precision], dt.date(*parts[:3]), locale=i18n.BABEL_LOCALES[lang])


def rank_words(words: dict[str, str], rank, shared: bool) -> str:
    return words["rank.tied" if shared else "rank.plain"].format(rank=int(rank))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_ranking_and_neighbour_hovers_read_whole_in_the_language(bundled, real_adjacency, lang):
    """The hovers the December 2026 review found ISO dates, English precisions and '=3' in, exactly as a reader sees them."""
    from components.core.data.region_names import region_names

    state = default_state(bundled)
    words, names = i18n.catalogue(lang), region_names(lang)
    country = {c: words[f"vocab.countries.{c}"] for c in ("CN", "KR", "JP")}
    ranking = analysis_data.ranking(bundled, state)
    neighbours = analysis_data.neighbours(bundled, state, real_adjacency, permutations=99)
    with i18n.use(lang):
        ranking_hovers = _analysis(bundled, lang)["ranking"]["data"][1]["text"]
        neighbour_figure = analysis_figures.neighbour_figure(neighbours, "/regions.geojson", i18n.month("2024-12"), "f")
    acted = ranking[ranking["acted"]]
    expected = [words["ranking.hover"].format(
        region=names[r], country=country[c], date=cldr_date(d, p, lang), precision=words[f"precision.{p}"],
        rank=rank_words(words, k, s), last=words["ranking.hover_last"].format(rank=int(kl)) if kl != k else "")
        for r, c, d, p, k, s, kl in zip(acted["region_id"], acted["country"], acted["first_action_label"],
                                        acted["first_action_precision"], acted["rank"], acted["rank_shared"],
                                        acted["rank_last"])]
    assert ranking_hovers == expected
    tie = {"zh": "名次：并列第", "ko": "순위: 공동 ", "ja": "位タイ"}[lang]
    assert acted["rank_shared"].any() and any(tie in text for text in ranking_hovers)
    regions = neighbours.regions
    acted, never = regions[regions["acted"]], regions[~regions["acted"]]
    assert neighbour_figure["data"][1]["text"] == [words["neighbours.hover"].format(
        region=names[r], country=country[c], date=cldr_date(d, p, lang), rank=rank_words(words, k, s),
        earlier=int(e), neighbours=int(n))
        for r, c, d, p, k, s, e, n in zip(acted["region_id"], acted["country"], acted["first_action_label"],
                                          acted["first_action_precision"], acted["rank"], acted["rank_shared"],
                                          acted["neighbours_acted_before"], acted["neighbours"])]
    assert neighbour_figure["data"][0]["text"] == [words["neighbours.hover_never"].format(
        region=names[r], country=country[c], end=i18n.format_month("2024-12", lang))
        for r, c in zip(never["region_id"], never["country"])]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_adoption_hovers_write_months_and_milestone_dates_the_language_s_way(bundled, lang):
    state = default_state(bundled)
    adoption = analysis_data.adoption(bundled, state)
    words = i18n.catalogue(lang)
    with i18n.use(lang):
        figure = analysis_figures.adoption_figure(adoption, "footer")
    milestones = adoption.milestones
    shown = [t for trace in figure["data"] if trace["name"] == words["adoption.milestone"] for t in trace["text"]]
    assert len(shown) == len(milestones) > 0
    expected = [words["adoption.milestone_hover"].split("<br>")[0].format(
        country=words[f"vocab.countries.{c}"], date=cldr_date(d, {4: "year", 7: "month"}.get(len(d), "day"), lang))
        for c, d in zip(milestones["country"], milestones["date_label"])]
    assert sorted(text.split("<br>")[0] for text in shown) == sorted(expected)
    curves = [t for trace in figure["data"] if trace["name"] == words["adoption.acted"] for t in trace["text"]]
    first = adoption.curves[adoption.curves["country"] == adoption.curves["country"].iloc[0]]
    assert all(cldr_date(m, "month", lang) in t for m, t in zip(first["month"], curves))
