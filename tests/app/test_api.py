"""The read API as a program using it sees it: answers, filters, pages, caching, errors, and its OpenAPI description.

Most tests run on the small hand-made dataset (an app on the bundled one takes far longer to
build); the filters' meaning is checked against the link parser and the table's CSV export on
that same app, so the API cannot answer a view differently from the page.
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import parse_qs, urlparse

import brotli
import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012 as _DRAFT

from app import create_app
from components.api import PROBLEM_JSON
from components.core.view import exports
from components.core.view.api_query import MAX_LIMIT, MAX_QUERY_BYTES
from components.core.data.columns import Col
from components.core.view.metrics import table_actions
from components.core.view.state import FILTERS
from components.panels.url_state import state_from_query
from tests.conftest import SMALL_ROWS, write_csv

IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def spec(small_client):
    return small_client.get("/api/openapi.json").get_json()


def get(small_client, url, **headers):
    return small_client.get(url, headers={**IDENTITY, **headers})


def test_actions_carry_every_published_column_and_page_with_a_next_link(small_client):
    first = get(small_client, "/api/v1/actions?limit=3")
    assert first.status_code == 200 and first.mimetype == "application/json"
    body = first.get_json()
    assert body["total"] == len(SMALL_ROWS) == int(first.headers["X-Total-Count"])
    assert [list(a) for a in body["actions"]] == [Col.published()] * 3
    assert body["actions"][0]["action_id"] == "kr-nat-2021-05-alliance"  # oldest first, as the CSV export
    seen = [a["action_id"] for a in body["actions"]]
    url = body["next"]
    assert first.headers["Link"] == f'<{url}>; rel="next"'
    while url:
        page = get(small_client, url).get_json()
        seen += [a["action_id"] for a in page["actions"]]
        url = page["next"]
    assert sorted(seen) == sorted(row.split(",")[0] for row in SMALL_ROWS) and len(set(seen)) == len(seen)


@pytest.mark.parametrize("query", [
    "countries=CN", "countries=KR,JP&levels=provincial", "types=strategy_plan&verification=reported",
    "start=2021-12&end=2022-07", "start=2022-07&end=2021-12", "region=CN-SH", "search=plan", "search=%E5%85%83%E5%AE%87%E5%AE%99",
    "countries=none", "levels=national&search=alliance",
])
def test_a_filter_means_what_it_means_in_a_link_and_lists_what_the_csv_export_writes(small_app, small_client, query):
    dataset = small_app.atlas_dataset
    state = state_from_query(dataset, "?" + query)
    expected = exports.frame_csv(exports_frame(dataset, state))
    answer = get(small_client, f"/api/v1/actions?{query}&format=csv&limit={MAX_LIMIT}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.get_data(as_text=True) == expected
    ids = [a["action_id"] for a in get(small_client, f"/api/v1/actions?{query}&limit={MAX_LIMIT}").get_json()["actions"]]
    assert ids == list(table_actions(dataset, state)[Col.ACTION_ID])


def exports_frame(dataset, state):
    from components.panels.table import export_frame

    return export_frame(table_actions(dataset, state))


def test_search_for_china_finds_only_its_chinese_titled_actions(small_client):
    body = get(small_client, "/api/v1/actions?search=元宇宙&countries=CN").get_json()
    assert body["total"] == 3
    assert all("元宇宙" in a["title_original"] for a in body["actions"])


def test_regions_name_every_region_in_four_languages_with_counts_that_follow_the_filters(small_app, small_client):
    listing = get(small_client, "/api/v1/regions").get_json()["regions"]
    assert len(listing) == len(small_app.atlas_dataset.regions)
    shanghai = next(r for r in listing if r["region_id"] == "CN-SH")
    assert shanghai["names"] == {"en": "Shanghai", "zh": "上海市", "ko": "상하이시", "ja": "上海市"}
    assert shanghai["actions"] == 2
    assert next(r for r in listing if r["region_id"] == "KR-11")["names"]["ko"] == "서울특별시"
    narrowed = get(small_client, "/api/v1/regions?types=five_year_plan").get_json()["regions"]
    assert {r["region_id"]: r["actions"] for r in narrowed if r["actions"]} == {"CN-SH": 1}


def test_version_states_the_release_and_says_collected_to_is_not_declared(small_client):
    body = get(small_client, "/api/v1/version").get_json()
    assert body["dataset_version"] == "test" and body["actions"] == len(SMALL_ROWS)
    assert body["latest_action"] == "2023-09-08" and body["first_action"] == "2021-05-18"
    assert body["collected_to"] is None and "does not declare" in body["collected_to_note"]
    assert "Dataset version test" in body["citation"]


def test_answers_carry_an_etag_and_cache_control_and_revalidate_to_304(small_client):
    for url in ("/api/v1/actions?countries=KR", "/api/v1/regions", "/api/v1/version", "/api/openapi.json"):
        first = get(small_client, url)
        assert first.headers["Cache-Control"] == "public, max-age=300" and first.headers["ETag"]
        again = get(small_client, url, **{"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""
    other = get(small_client, "/api/v1/actions?countries=CN")
    assert other.headers["ETag"] != get(small_client, "/api/v1/actions?countries=KR").headers["ETag"]


@pytest.mark.parametrize("encoding, decompress", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_answers_are_compressed_and_revalidate_in_their_encoding(small_client, encoding, decompress):
    plain = get(small_client, "/api/v1/actions?limit=50")
    for url, body in (("/api/v1/actions?limit=50", plain.data), ("/api/v1/actions?format=csv", None)):
        packed = small_client.get(url, headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding
        if body is not None:
            assert decompress(packed.data) == body
        etag = packed.headers["ETag"]
        assert small_client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": etag}).status_code == 304


def test_two_instances_answer_byte_for_byte_the_same(small_app, tmp_path):
    twin = create_app(write_csv(tmp_path / "small.csv", SMALL_ROWS), version="test").server.test_client()
    for url in ("/api/v1/actions?countries=CN,KR&limit=2&offset=1", "/api/v1/regions?search=plan", "/api/openapi.json"):
        a, b = get(small_app.server.test_client(), url), get(twin, url)
        assert a.data == b.data and a.headers["ETag"] == b.headers["ETag"]


@pytest.mark.parametrize("query, parameter, value, rule", [
    ("countries=CN,XX", "countries", "CN,XX", "unknown: XX"),
    ("levels=", "levels", "", "comma-separated codes"),
    ("start=2021-13", "start", "2021-13", "month written YYYY-MM"),
    ("start=1999-01", "start", "1999-01", "from 2021-01"),
    ("region=XX-99", "region", "XX-99", "ISO 3166-2 code"),
    ("search=" + "x" * 201, "search", "x" * 201, "at most 200 characters"),
    ("format=xml", "format", "xml", "one of: json, csv"),
    ("limit=0", "limit", "0", "from 1 to 500"),
    ("limit=501", "limit", "501", "from 1 to 500"),
    ("limit=ten", "limit", "ten", "whole number"),
    ("offset=-1", "offset", "-1", "whole number"),
    ("metric=window", "metric", "window", "not a parameter here"),
    ("countries=CN&countries=KR", "countries", "CN,KR", "given once"),
])
def test_a_bad_parameter_is_a_400_problem_naming_parameter_value_and_rule(small_client, query, parameter, value, rule):
    answer = get(small_client, f"/api/v1/actions?{query}")
    assert answer.status_code == 400 and answer.mimetype == PROBLEM_JSON
    body = answer.get_json()
    assert body["status"] == 400 and body["title"] == "Bad Request" and body["type"] == "about:blank"
    [error] = [e for e in body["errors"] if e["parameter"] == parameter]
    assert error["value"] == value and rule in error["rule"]
    assert parameter in body["detail"]


def test_every_broken_rule_is_reported_at_once(small_client):
    body = get(small_client, "/api/v1/actions?countries=XX&limit=0&format=pdf").get_json()
    assert sorted(e["parameter"] for e in body["errors"]) == ["countries", "format", "limit"]


def test_paging_parameters_belong_to_the_actions_only(small_client):
    body = get(small_client, "/api/v1/regions?limit=5").get_json()
    assert body["status"] == 400 and body["errors"][0]["parameter"] == "limit"


def test_an_oversized_query_is_a_414_problem_before_any_parsing(small_client):
    answer = get(small_client, "/api/v1/actions?search=" + "a" * MAX_QUERY_BYTES)
    assert answer.status_code == 414 and answer.mimetype == PROBLEM_JSON
    assert answer.get_json()["errors"][0]["rule"].startswith(f"must be at most {MAX_QUERY_BYTES} bytes")


def test_unknown_paths_and_methods_under_api_are_problems_not_the_page(small_client):
    missing = get(small_client, "/api/v2/actions")
    assert missing.status_code == 404 and missing.mimetype == PROBLEM_JSON
    assert get(small_client, "/api/").status_code == 404
    wrong = small_client.post("/api/v1/actions")
    assert wrong.status_code == 405 and wrong.mimetype == PROBLEM_JSON and "GET" in wrong.headers["Allow"]
    assert get(small_client, "/").mimetype == "text/html", "the page itself is untouched"


def test_malformed_percent_encoding_and_control_characters_are_4xx(small_client):
    for query in ("search=%ff%fe", "countries=%00", "search=%0d%0aX-Injected:1", "%zz=1", "start=2021-01%00"):
        answer = get(small_client, f"/api/v1/actions?{query}")
        assert answer.status_code in (200, 400), query
        assert "X-Injected" not in answer.headers


# ---- OpenAPI ----------------------------------------------------------------------------------

def test_the_description_is_valid_openapi_3_1(spec):
    assert spec["openapi"] == "3.1.0"
    validate_openapi(spec)


def test_every_api_route_of_the_server_is_described(small_app, spec):
    routes = {re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule) for rule in small_app.server.url_map.iter_rules()
              if rule.rule.startswith("/api")}
    assert routes and routes == set(spec["paths"])
    for rule in small_app.server.url_map.iter_rules():
        if rule.rule.startswith("/api"):
            assert set(spec["paths"][rule.rule]) == {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_parameter_the_parser_knows_is_documented(spec):
    from components.core.view.api_query import WINDOW_PARAMS

    documented = [p["name"] for p in spec["paths"]["/api/v1/actions"]["get"]["parameters"]]
    assert documented[:len(FILTERS) + len(WINDOW_PARAMS)] == [*FILTERS, *WINDOW_PARAMS]
    documented = set(documented)
    assert documented == {"countries", "levels", "types", "verification", "novelty", "topics", "start", "end", "region", "search",
                          "format", "limit", "offset"}


def test_list_filters_name_their_codes_and_each_is_accepted(spec, small_client):
    """The codes a program (the load test's API user among them) reads from the description are the parser's."""
    parameters = spec["paths"]["/api/v1/actions"]["get"]["parameters"]
    codes = {p["name"]: p["x-codes"] for p in parameters if "x-codes" in p}
    assert codes == {name: list(options) for name, options in FILTERS.items()}
    for name, values in codes.items():
        assert get(small_client, f"/api/v1/actions?{name}={','.join(values)}&limit=1").status_code == 200
    assert "unverified" not in codes["verification"]
    assert get(small_client, "/api/v1/actions?verification=unverified").status_code == 400


def _examples(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                for media, content in response.get("content", {}).items():
                    if "example" in content:
                        yield f"{method.upper()} {path} {status} {media}", content["schema"], content["example"]


def test_every_example_validates_against_its_schema_and_is_a_real_answer(spec, small_client):
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=_DRAFT))
    examples = list(_examples(spec))
    assert len(examples) >= 6
    for _where, schema, example in examples:
        resolved = {"$ref": "urn:spec" + schema["$ref"]} if "$ref" in schema else schema
        OAS31Validator(resolved, registry=registry).validate(example)
    page = next(e for w, _, e in examples if w == "GET /api/v1/actions 200 application/json")
    assert get(small_client, "/api/v1/actions?" + page["query"]).get_json() == page


def test_a_broken_example_fails_validation(spec):
    schema = {"$ref": "urn:spec#/components/schemas/Action"}
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=_DRAFT))
    good = next(e for w, _, e in _examples(spec) if w == "GET /api/v1/actions 200 application/json")["actions"][0]
    OAS31Validator(schema, registry=registry).validate(good)
    with pytest.raises(Exception, match="'NL' is not one of"):
        OAS31Validator(schema, registry=registry).validate({**good, "country": "NL"})


def test_the_docs_page_loads_swagger_ui_from_the_server_and_no_inline_script(small_client):
    page = get(small_client, "/api/docs").get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts == [' src="/assets/vendor/swagger-ui-bundle.js"', ' src="/assets/atlas-api-docs.js"']
    for src in ("/assets/vendor/swagger-ui-bundle.js", "/assets/atlas-api-docs.js", "/assets/vendor/swagger-ui.css"):
        assert get(small_client, src).status_code == 200
    index = get(small_client, "/").get_data(as_text=True)
    assert "swagger" not in index and "atlas-api-docs" not in index, "the map's page does not load the docs' files"


# ---- schemathesis ---------------------------------------------------------------------------------

SCHEMATHESIS_SEED = 20261207
SCHEMATHESIS_EXAMPLES = 30


def test_schemathesis_finds_no_server_error_and_every_answer_conforms(small_app):
    """Generated requests (valid and invalid) for every described operation: no 5xx, every answer as described.

    Run by hand rather than through schemathesis's pytest plugin, which does not load under pytest 9.
    """
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", small_app.server)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {"GET /api/v1/actions", "GET /api/v1/regions", "GET /api/v1/version"} <= {o.label for o in operations}
    for operation in operations:
        @seed(SCHEMATHESIS_SEED)
        @settings(max_examples=SCHEMATHESIS_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case):
            case.call_and_validate(headers=IDENTITY)  # the WSGI client does not decode br; compression is tested above

        call()


def test_next_links_keep_the_filters(small_client):
    body = get(small_client, "/api/v1/actions?countries=CN&limit=1").get_json()
    query = parse_qs(urlparse(body["next"]).query)
    assert query["countries"] == ["CN"] and query["offset"] == ["1"] and query["limit"] == ["1"]
    assert json.loads(get(small_client, body["next"]).data)["offset"] == 1


@pytest.mark.parametrize("query", ["limit=3", "countries=CN,KR&limit=2&offset=1", "search=%E5%85%83%E5%AE%87%E5%AE%99",
                                   "levels=national&start=2021-01&end=2022-12", "countries=JP&limit=500"])
def test_a_page_joined_from_kept_record_texts_is_byte_for_byte_the_page_encoded_whole(small_app, query):
    from components import api
    from components.core.view.api_query import parse_actions_query

    dataset = small_app.atlas_dataset
    published = api.PublishedRows.of(dataset)
    parsed = parse_actions_query(parse_qs(query), dataset.month_labels, set(dataset.regions.index),
                                 default_end=dataset.collected_to)
    body, head = api.actions_page_json(published, parsed)
    whole = api.actions_page(published, parsed)
    assert body == json.dumps(whole, ensure_ascii=False, separators=(",", ":")).encode()
    assert head["total"] == whole["total"] and head["next"] == whole["next"]


def test_a_revalidation_in_the_compressed_etag_is_a_304_before_any_compression(small_client, monkeypatch):
    url = "/api/v1/actions?limit=50"
    packed = small_client.get(url, headers={"Accept-Encoding": "br"})
    assert packed.headers["ETag"].endswith(':br"')
    import flask_compress.flask_compress as compress

    def refused(*_args):
        raise AssertionError("a 304 compressed the body it does not send")

    monkeypatch.setattr(compress, "_compress_data", refused)
    again = small_client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == packed.headers["ETag"]
