"""Every route the server registers, fuzzed: never a 5xx, never a traceback, never a byte of a file it does not serve.

Why generic: the routes are read from ``app.server.url_map`` when the test runs, so a route added
later (the read API, a dossier, an embed) is fuzzed without a line here. For each rule hypothesis
builds paths (its converters filled with real names, traversal in raw and percent-encoded forms,
NUL bytes, unicode, and mutations of the real URLs the page links to), a method, headers, a query
string and a body (bytes, JSON, a form, one over the size limit, or a callback request shaped from
``app.callback_map`` with hostile values). The app holds the small hand-made dataset, so a
callback's work takes milliseconds and the budget goes to requests. A canary file is planted
beside ``assets/``; its text, and lines of ``app.py``, ``requirements.txt`` and ``/etc/passwd``,
must never appear in an answer. An error is plain text, or JSON on a route that speaks JSON.

Fixed seed (``derandomize``) and a bounded budget: ``ATLAS_FUZZ_EXAMPLES`` examples per route
(default 60; the nightly run in the README raises it). The run prints how many requests it made
over how many routes.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import brotli
import pytest
import dash
import flask
from dash import html
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app import create_app
from components import errors, security
from tests.conftest import SMALL_ROWS, write_csv

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("ATLAS_FUZZ_EXAMPLES", "60"))
#: A small request-size limit, so a generated body can cross it cheaply.
LIMIT_MB = 0.05
CANARY_NAME = "fuzz-canary.txt"
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT"]
TRAVERSALS = ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "..%2f..", "..%5c..", "..\\..", ".", "%2f",
              "%00", "a%00.js", "....//", "%c0%ae%c0%ae", "~", ""]
OUTSIDE = ["app.py", "requirements.txt", CANARY_NAME, "etc/passwd", "../" * 8 + "etc/passwd", "../" + CANARY_NAME,
           "../../" + CANARY_NAME, "../../../app.py", "%2e%2e/%2e%2e/app.py", "dash/dash.py", "__init__.py", ".git/config"]
_CONVERTER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
ERROR_TYPES = {"text/plain", "application/json", "application/problem+json"}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
segment_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="/?#"),
                       min_size=1, max_size=12)
printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=12)

def linked_urls(app) -> list[str]:
    """Every address the page and its files point at: the real things a fuzzed path starts from."""
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    urls = set(re.findall(r'(?:src|href)="(/[^"]*)"', page))
    urls |= {f"/_dash-component-suites/{package}/{path}" for package, paths in app.registered_paths.items()
             for path in paths}
    urls |= set(app.server.extensions.get("atlas_hashed_assets", {}))
    urls |= {"/" + path.relative_to(ROOT).as_posix() for path in (ROOT / "assets").rglob("*") if path.is_file()}
    return sorted(url.split("?")[0] for url in urls)


@pytest.fixture(scope="module")
def secrets():
    """Texts no answer may hold: a canary planted beside ``assets/``, and lines of files the server must not serve."""
    canary = ROOT / CANARY_NAME
    secret = f"ATLAS-FUZZ-CANARY-{uuid.uuid4().hex}"
    canary.write_text(secret + "\n", encoding="utf-8")
    try:
        yield [secret, "root:x:0:0:", "Metaverse Policy Atlas: the app factory, the WSGI",
               next(line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("flask=")),
               "def callback_problem(body, callback_map: dict)"]
    finally:
        canary.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    data = write_csv(tmp_path_factory.mktemp("fuzz") / "small.csv", SMALL_ROWS)
    return create_app(data, version="fuzz", max_request_mb=LIMIT_MB)


def filled(rule: str, real: list[str]) -> st.SearchStrategy[str]:
    """Paths matching ``rule``'s shape: its static parts kept, each converter filled with something hostile or real."""
    def part(converter: str | None) -> st.SearchStrategy[str]:
        one = st.sampled_from(TRAVERSALS) | segment_text | st.sampled_from([u.rsplit("/", 1)[-1] for u in real])
        if converter == "path":
            return st.sampled_from(OUTSIDE) | st.lists(one, min_size=1, max_size=5).map("/".join)
        return one

    pieces, last = [], 0
    for match in _CONVERTER.finditer(rule):
        pieces += [st.just(rule[last:match.start()]), part(match.group("converter"))]
        last = match.end()
    pieces.append(st.just(rule[last:]))
    return st.tuples(*pieces).map("".join)


def mutated(real: list[str]) -> st.SearchStrategy[str]:
    """A real URL, as is or with traversal, junk or a case change spliced in."""
    def mutate(url: str, where: int, junk: str, how: int) -> str:
        cut = url.find("/", min(where, len(url) - 1) + 1)
        head, tail = (url, "") if cut < 0 else (url[:cut], url[cut:])
        return [url, f"{head}/{junk}{tail}", f"{url}/{junk}", f"{url}{junk}", url.upper(), head + "/" + junk][how]

    return st.builds(mutate, st.sampled_from(real), st.integers(0, 80), st.sampled_from(TRAVERSALS + OUTSIDE) | segment_text,
                     st.integers(0, 5))


def queries(app) -> st.SearchStrategy[str]:
    keys = st.sampled_from(["lang", "m", "v", "countries", "start", "end", "region", "zoom", "search"]) | text
    pairs = st.lists(st.tuples(keys, text | st.sampled_from(["zh", "ko", "xx", "1", "-1", "9" * 40, ""])), max_size=5)
    return (pairs.map(lambda p: urlencode(p, quote_via=quote)) | printable
            | st.sampled_from(["%zz", "&&==&", "a=%00", "lang=%FF%FE", "m=" + "9" * 300, "lang=zh&lang=ko"]))


HEADERS = {
    "Accept-Encoding": st.sampled_from(["br", "gzip", "br;q=0, gzip;q=0.8", "*", "identity", "zstd", "gzip;q=x"]) | printable,
    "Accept-Language": st.sampled_from(["zh-CN,zh;q=0.9", "ko", "ja;q=2", "*", "xx-YY"]) | printable,
    "Referer": st.sampled_from(["http://localhost/?lang=ja", "http://[::1", "?lang=ko&lang=", "not a url"]) | printable,
    "Content-Type": st.sampled_from(["application/json", "application/x-www-form-urlencoded", "multipart/form-data",
                                     "multipart/form-data; boundary=x", "text/plain; charset=nope", "application/json; charset=utf-16"])
    | printable,
    "Content-Encoding": st.sampled_from(["gzip", "br", "deflate"]) | printable,
    "If-None-Match": st.sampled_from(['"abc"', "*", 'W/"x"', '"unterminated']) | printable,
    "If-Modified-Since": st.sampled_from(["Thu, 01 Jan 1970 00:00:00 GMT", "yesterday", "Mon, 99 Foo 2026 99:99:99 GMT"]) | printable,
    "Range": st.sampled_from(["bytes=0-10", "bytes=10-0", "bytes=-5", "bytes=junk", "bytes=0-1,2-3,4-5"]) | printable,
    "X-Request-ID": st.sampled_from(["a" * 32, "short", "x" * 300, "bad id with spaces"]) | printable,
    "X-Forwarded-Proto": st.sampled_from(["https", "http", "gopher"]),
    "Cookie": printable,
    "Origin": printable,
}
headers = st.dictionaries(st.sampled_from(sorted(HEADERS)), st.just(None), max_size=5).flatmap(
    lambda chosen: st.fixed_dictionaries({name: HEADERS[name] for name in chosen}))


def callback_bodies(app) -> st.SearchStrategy[dict]:
    """A request for one of the app's server callbacks, in its declared shape, carrying any JSON values."""
    declared = sorted((output, spec) for output, spec in app.callback_map.items() if "callback" in spec)
    if not declared:
        return st.nothing()

    def items(specs: list[dict]) -> st.SearchStrategy[list]:
        return st.tuples(*[st.builds(lambda value, s=spec: {"id": s["id"], "property": s["property"].split("@")[0],
                                                              "value": value}, json_values) for spec in specs]).map(list)

    def body(output: str, spec: dict) -> st.SearchStrategy[dict]:
        from dash._utils import split_callback_id

        outputs = split_callback_id(output)
        return st.fixed_dictionaries({
            "output": st.just(output), "outputs": st.just(outputs),
            "inputs": items(spec.get("inputs", [])), "state": items(spec.get("state", [])),
            "changedPropIds": st.just([f"{i['id']}.{i['property']}" for i in spec.get("inputs", [])[:1]]),
        })

    return st.sampled_from(declared).flatmap(lambda pair: body(*pair))


def bodies(app) -> st.SearchStrategy[bytes | None]:
    over_limit = b"x" * int(LIMIT_MB * 1024 * 1024 + 1024)
    return st.one_of(
        st.none(), st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
        st.lists(st.tuples(text, text), max_size=4).map(lambda p: urlencode(p).encode()),
        st.just(over_limit), st.just(gzip.compress(b'{"a":1}')), callback_bodies(app).map(lambda b: json.dumps(b).encode()))


def decoded(response) -> bytes:
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if not body:  # a HEAD or a 304: the headers of a compressed answer, no bytes
        return body
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    return body


def assert_safe(response, secrets: list[str], described: str) -> None:
    body = decoded(response).decode("utf-8", errors="replace")
    assert response.status_code < 500, f"{described} -> {response.status_code}: {body[:300]}"
    assert not TRACEBACK.search(body), f"{described} -> a traceback in the answer"
    leaked = [secret for secret in secrets if secret in body]
    assert not leaked, f"{described} -> the answer holds {leaked}"
    assert response.headers.get(errors.REQUEST_ID_HEADER), f"{described} -> no {errors.REQUEST_ID_HEADER}"
    if response.status_code >= 400:  # plain text, or JSON where a route speaks JSON (an API's problem details)
        assert response.mimetype in ERROR_TYPES, f"{described} -> {response.status_code} as {response.mimetype}"


FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def fuzz_every_route(app, secrets: list[str], fuzz: settings = FUZZ, under: str = "/") -> Counter:
    """Fuzz each rule of ``app``'s URL map (those starting with ``under``) in turn; the requests made, in total and per rule."""
    client = app.server.test_client()
    real = linked_urls(app)
    sent: Counter = Counter()
    any_query, any_body = queries(app), bodies(app)
    adapter = app.server.url_map.bind("localhost")
    for rule in sorted((r for r in app.server.url_map.iter_rules() if r.rule.startswith(under)), key=lambda r: r.rule):
        own = [url for url in real if _matches(adapter, url, rule)]
        paths = filled(rule.rule, real) | (mutated(own) if own else filled(rule.rule, real))
        methods = st.sampled_from(sorted(rule.methods)) | st.sampled_from(METHODS)

        @fuzz
        @given(path=paths, method=methods, query=any_query, sent_headers=headers, body=any_body)
        def fuzz_rule(path, method, query, sent_headers, body):
            response = client.open(path, method=method, query_string=query, headers=sent_headers, data=body)
            sent["requests"] += 1
            sent[rule.rule] += 1
            assert_safe(response, secrets, f"{method} {path}?{query} headers={sent_headers} body={(body or b'')[:80]!r}")

        fuzz_rule()
    return sent


def test_every_route_answers_hand_made_requests_without_a_5xx_a_traceback_or_a_leak(atlas, secrets, capsys):
    rules = [rule.rule for rule in atlas.server.url_map.iter_rules()]
    assert len(rules) >= 12, rules
    sent = fuzz_every_route(atlas, secrets)
    with capsys.disabled():
        print(f"\nroute fuzz: {sent['requests']} requests over {len(rules)} routes "
              f"({EXAMPLES} examples per route; ATLAS_FUZZ_EXAMPLES raises it)")
    assert all(sent[rule] >= min(EXAMPLES, 10) for rule in rules)


@FUZZ
@given(data=st.data())
def test_every_server_callback_answers_hostile_values_without_a_5xx(atlas, secrets, data):
    """Beside the route fuzz (where a callback request is one body among many): only callback requests."""
    request = data.draw(callback_bodies(atlas))
    response = atlas.server.test_client().post("/_dash-update-component", json=request)
    assert_safe(response, secrets, f"callback {request}")


def bare_app_with(route: str, view) -> dash.Dash:
    app = dash.Dash(__name__, assets_folder=str(ROOT / "assets"))
    app.layout = html.Div("bare")
    app.server.add_url_rule(route, view_func=view)
    security.install(app)
    return app


def _reads_beside_assets(name: str):
    try:
        return (ROOT / "assets" / name).read_bytes()  # no containment check: ``../`` walks out of assets/
    except OSError:
        return flask.abort(404)


def _fails_on_dots(name: str):
    if ".." in name:
        raise RuntimeError("a server bug")
    return "fine"


@pytest.mark.parametrize("view, found", [(_reads_beside_assets, "the answer holds"), (_fails_on_dots, "-> 500")],
                         ids=["leak", "500"])
def test_the_fuzzer_finds_a_route_that_leaks_a_file_or_fails(secrets, view, found):
    """The fuzz above can fail: a route added with either fault, on an otherwise bare app, is caught."""
    quick = settings(FUZZ, max_examples=200, phases=[Phase.explicit, Phase.generate])
    with pytest.raises(AssertionError, match=found):
        fuzz_every_route(bare_app_with("/files/<path:name>", view), secrets, quick, under="/files/")


def _matches(adapter, url: str, rule) -> bool:
    try:
        return adapter.match(url, method="GET", return_rule=True)[0] is rule
    except Exception:
        return False
