"""``/cite/action/<id>`` and ``/cite/view``: APA and BibTeX from the formatters, the permalink, and clear 4xx answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from pybtex.database import parse_string

from components.core.data.columns import Col
from tests.conftest import SMALL_ROWS, write_csv

ROOT = Path(__file__).resolve().parents[2]
SEOUL = "kr-11-2021-11-seoul-plan"
NATIONAL = "kr-nat-2021-05-alliance"


def test_an_action_is_cited_in_apa_and_bibtex_with_its_permalink(small_client):
    answer = small_client.get(f"/cite/action/{SEOUL}?lang=en")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    got = answer.get_json()
    assert set(got) == {"title", "permalink", "apa", "apa_dataset", "bibtex"}
    assert got["title"] == f"Metaverse Seoul Basic Plan (record {SEOUL})"
    assert parse_qs(urlparse(got["permalink"]).query) == {"region": ["KR-11"], "action": [SEOUL], "lang": ["en"]}
    assert got["apa"].startswith(f"Metaverse Policy Atlas contributors. (n.d.). {got['title']}. "), "no release date: n.d."
    assert got["apa"].endswith(f"(Version test) [Dataset]. Retrieved {got['permalink']}")
    assert got["apa_dataset"].endswith("(Version test) [Dataset].")
    entries = parse_string(got["bibtex"], "bibtex").entries
    assert list(entries) == ["metaverse_policy_atlas_test", "metaverse_policy_atlas_test_kr_11_2021_11_seoul_plan"]
    assert entries["metaverse_policy_atlas_test_kr_11_2021_11_seoul_plan"].fields["url"] == got["permalink"]


def test_a_national_action_s_permalink_opens_the_action_alone(small_client):
    got = small_client.get(f"/cite/action/{NATIONAL}").get_json()
    assert parse_qs(urlparse(got["permalink"]).query) == {"action": [NATIONAL], "lang": ["en"]}


@pytest.mark.parametrize("lang, words", [("zh", "（记录 "), ("ko", " (기록 "), ("ja", "（レコード ")])
def test_the_citation_speaks_the_page_s_language(small_client, lang, words):
    got = small_client.get(f"/cite/action/{SEOUL}?lang={lang}").get_json()
    assert words in got["title"] and f"lang={lang}" in got["permalink"]
    assert got["title"].startswith("메타버스 서울 추진 기본계획") == (lang == "ko"), "a record's own language shows its own title"


def test_bibtex_is_a_download(small_client):
    answer = small_client.get(f"/cite/action/{SEOUL}?format=bibtex")
    assert answer.status_code == 200 and answer.mimetype == "application/x-bibtex"
    assert answer.headers["Content-Disposition"] == \
        'attachment; filename="metaverse-policy-atlas_test_kr_11_2021_11_seoul_plan.bib"'
    assert answer.data.decode() == small_client.get(f"/cite/action/{SEOUL}").get_json()["bibtex"]


def test_the_view_is_cited_by_its_canonical_link(small_client):
    got = small_client.get("/cite/view?end=2022-12&region=CN-SH&lang=zh&countries=CN,KR").get_json()
    query = parse_qs(urlparse(got["permalink"]).query)
    assert query == {"end": ["2022-12"], "countries": ["CN,KR"], "region": ["CN-SH"], "lang": ["zh"]}
    assert got["title"].startswith("上海市，") and "2022年12月" in got["title"]
    bare = small_client.get("/cite/view").get_json()
    assert bare["permalink"] == "http://localhost/?lang=en" and bare["title"].startswith("Map view, ")
    assert "metaverse_policy_atlas_test_view" in bare["bibtex"]


@pytest.mark.parametrize("path, status, parameter, value, rule", [
    ("/cite/action/no-such-action", 404, "action_id", "no-such-action", "must be the id of an action"),
    ("/cite/action/%3Cscript%3E", 404, "action_id", "<script>", "must be the id of an action"),
    ("/cite/view?region=XX-99", 400, "region", "XX-99", "must be a region code"),
    ("/cite/view?end=2099-01", 400, "end", "2099-01", "must be a month of the data"),
    ("/cite/view?cities=yes", 400, "cities", "yes", "must be 0 or 1"),
    ("/cite/view?types=nope", 400, "types", "nope", "comma-separated list of known codes"),
    ("/cite/view?colour=red", 400, "colour", "red", "is not a parameter of the atlas's view"),
    ("/cite/view?format=pdf", 400, "format", "pdf", "must be one of: json, bibtex"),
    (f"/cite/action/{SEOUL}?format=xml", 400, "format", "xml", "must be one of: json, bibtex"),
    ("/cite/view?a=1&&b", 400, "(query string)", "a=1&&b", "must be a URL query string"),
])
def test_a_bad_request_names_parameter_value_and_rule(small_client, path, status, parameter, value, rule):
    answer = small_client.get(path)
    assert answer.status_code == status and answer.mimetype == "application/problem+json"
    error = json.loads(answer.data)["errors"][0]
    assert (error["parameter"], error["value"]) == (parameter, value) and rule in error["rule"]
    assert "Traceback" not in answer.data.decode()


def test_the_answer_s_bytes_do_not_depend_on_the_hash_seed(tmp_path):
    data = write_csv(tmp_path / "small.csv", SMALL_ROWS)
    script = ("import sys; from app import create_app; c = create_app(sys.argv[1], version='test').server.test_client();"
              f"sys.stdout.buffer.write(c.get('/cite/action/{SEOUL}?lang=ja').data);"
              "sys.stdout.buffer.write(c.get('/cite/view?countries=KR,CN&types=strategy_plan,event').data)")
    outputs = {subprocess.run([sys.executable, "-c", script, str(data)], cwd=ROOT, capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and next(iter(outputs)).startswith(b"{")


def test_the_data_s_own_record_is_what_is_cited(small_app, small_client):
    actions = small_app.atlas_dataset.actions
    for action_id, title in zip(actions[Col.ACTION_ID], actions[Col.TITLE]):
        assert title in small_client.get(f"/cite/action/{action_id}").get_json()["apa"]
