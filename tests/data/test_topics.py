"""Topics: the controlled vocabulary, its codebook, the script that assigns it, and the validator's rule."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from components.core import i18n
from components.core.data import topics
from components.core.data.columns import Col
from components.core.data.dataset import DATA_DIR, DEFAULT_ACTIONS_PATH, load_dataset, load_dataset_text
from components.core.data.schema import TOPICS_RULE, DatasetError, Problem
from scripts import assign_topics
from tests.conftest import HEADER, SMALL_ROWS, write_csv


def test_the_vocabulary_has_ten_to_fifteen_topics_each_defined_in_the_codebook():
    assert 10 <= len(topics.TOPICS) <= 15 and set(topics.DEFINITIONS) == set(topics.TOPICS)
    codebook = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for code, label in topics.TOPICS.items():
        assert f"| `{code}` | {label} | {topics.DEFINITIONS[code]} |" in codebook, code


@pytest.mark.parametrize("lang", ["zh", "ko", "ja"])
def test_every_topic_is_translated(lang):
    with i18n.use(lang):
        labels = [i18n.label("topics", code) for code in topics.TOPICS]
    assert len(set(labels)) == len(labels) and not set(labels) & set(topics.TOPICS.values())


def test_every_bundled_action_has_a_topic_and_the_file_is_what_the_rules_give():
    data = load_dataset()
    assert (data.actions[Col.TOPICS] != "").all()
    assert all(not topics.unknown(cell) for cell in data.actions[Col.TOPICS])
    assert assign_topics.main(["--check"]) == 0, "run python -m scripts.assign_topics"


def test_the_rules_read_tags_kinds_and_words():
    row = {"tags": "VR;tourism", "title": "A plan", "summary": "Sets up a fund for start-ups.", "action_type": "strategy_plan"}
    assert assign_topics.rule_topics(row) == ["industry", "xr", "tourism_culture", "finance"]
    row = {"tags": "", "title": "Risk warning", "summary": "Warns of fraud.", "action_type": "law_regulation"}
    assert assign_topics.rule_topics(row) == ["rules_safety"]
    row = {"tags": "", "title": "Ar", "summary": "An ar and an ai, in lower case.", "action_type": "event"}
    assert assign_topics.rule_topics(row) == [], "acronyms are matched in capitals only"


def test_the_script_is_deterministic_replaces_its_column_and_refuses_bad_overrides():
    text = DEFAULT_ACTIONS_PATH.read_text(encoding="utf-8")
    overrides = assign_topics.read_overrides()
    once, problems = assign_topics.assign(text, overrides)
    assert problems == [] and once == text
    stripped = "\n".join(",".join(r[:16]) for r in csv.reader(io.StringIO(SMALL_ROWS[0]))) + "\n"
    again, _ = assign_topics.assign(HEADER + "\n" + stripped, {})
    header = next(csv.reader(io.StringIO(again)))
    assert header[16] == "topics" and again == assign_topics.assign(again, {})[0]
    _, problems = assign_topics.assign(text, {**overrides, "no-such-action": ["xr"]})
    assert problems == ["topic_overrides.csv: no-such-action: no such action"]
    first = next(csv.DictReader(io.StringIO(text)))
    _, problems = assign_topics.assign(text, {**overrides, first["action_id"]: ["robots"]})
    assert problems[0] == f"topic_overrides.csv: {first['action_id']}: unknown topic code(s) robots"
    _, problems = assign_topics.assign(text, {**overrides, first["action_id"]: first["topics"].split(";")})
    assert problems and "the rules already give" in problems[0]


def test_an_upload_without_topics_is_valid_and_its_actions_have_none(tmp_path):
    data = load_dataset(write_csv(tmp_path / "small.csv", SMALL_ROWS))
    assert list(data.actions[Col.TOPICS]) == [""] * len(SMALL_ROWS)


def test_unknown_topic_codes_are_refused_naming_row_column_value_and_rule():
    rows = [row + "," + codes for row, codes in zip(SMALL_ROWS, ["xr", "xr;web3", "", "robots", "xr; web3", "XR", "tech"])]
    with pytest.raises(DatasetError) as err:
        load_dataset_text(HEADER + ",topics\n" + "\n".join(rows) + "\n", today=dt.date(2026, 12, 1))
    assert err.value.problems == [Problem(5, "topics", "robots", TOPICS_RULE), Problem(6, "topics", "xr; web3", TOPICS_RULE),
                                  Problem(7, "topics", "XR", TOPICS_RULE)]
    assert "industry, manufacturing, xr" in TOPICS_RULE


def test_actions_over_time_by_topic_is_the_topic_by_country_matrix_per_period(bundled):
    from components.core.analysis import data as analysis_data, figures as analysis_figures
    from components.panels.url_state import default_state

    state = default_state(bundled).replace(start="2022-01", end="2023-12")
    frame = analysis_data.counts(bundled, state, by="topic", freq="quarter")
    assert set(frame["topic"]) == set(topics.TOPICS) and set(frame["country"]) == {"CN", "KR", "JP"}
    shown = bundled.actions[(bundled.actions[Col.DATE] >= "2022-01-01") & (bundled.actions[Col.DATE] <= "2023-12-31")]
    for (country, code), count in frame.groupby(["country", "topic"])["count"].sum().items():
        mine = shown[(shown[Col.COUNTRY] == country) & shown[Col.TOPICS].str.split(";").map(lambda c, code=code: code in c)]
        assert count == len(mine), (country, code)
    with i18n.use("ko"):
        figure = analysis_figures.counts_figure(frame, "topic", "footer")
    assert len(figure["data"]) == 3 * len(topics.TOPICS)
    assert figure["data"][0]["name"] == "산업 진흥"
