"""The read API under ``/api/v1/``, its OpenAPI 3.1 description and its documentation page.

Why it sits beside the panels and not in them: programs, not the page, call it. It answers
from the bundled dataset only (an upload stays in its tab), with the same code as the page:
``api_query`` checks the parameters and hands them to the link parser (``ViewState``), and
``metrics.table_rows`` picks the rows the table and its CSV export show (``table_actions``),
written in the published layout (``dataset.published_frame``, ``exports.csv_text``). Every response is a
function of the dataset and the query alone (no session, no server state), so any number
of instances behind nginx answer byte for byte the same, with the same ETag.

- ``GET /api/v1/actions``, ``/api/v1/regions``, ``/api/v1/version``: JSON (or CSV for the
  actions), ``ETag`` (content hash; ``If-None-Match`` gets a 304), ``Cache-Control``, and
  br/gzip through flask-compress like every text response.
- A bad request gets an RFC 9457 ``application/problem+json`` naming each parameter, the
  value sent and the rule; an unknown path under ``/api/`` a 404 and a wrong method a 405 in
  the same form. Nothing reaches a 500 by design; if it did, the answer is a problem too.
- ``GET /api/openapi.json``: built by apispec from the marshmallow schemas below and the
  parameter list of ``api_query``, with examples made by the same functions as the answers.
- ``GET /api/docs``: Swagger UI, vendored (``assets/vendor/swagger-ui-*``), started by
  ``assets/atlas-api-docs.js``: no inline script, so the page's CSP holds unchanged.
"""

from __future__ import annotations

import hashlib
import html
import json
from http import HTTPStatus

import dash
import flask
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields, validate
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.utils import get_content_type

from components import errors as http_errors
from components import serving
from components.core.view.api_query import (
    MAX_QUERY_BYTES, ActionsQuery, ParamError, QueryError, canonical_query, filter_params, page_params,
    parse_actions_query,
)
from components.core.data.citation import citation_text
from components.core.data.columns import ACTION_TYPES, COUNTRIES, DATE_PRECISIONS, LEVELS, VERIFICATION, Col, RegionCol
from components.core.data.coverage import CoverageCol
from components.core.data.dataset import Dataset
from components.core.view.metrics import per_region, table_rows, view_actions
from components.core.view.published_rows import PublishedRows, json_bytes
from components.core.data.region_names import LANGUAGES, region_names
from components.core.data.release import Release

PREFIX = "/api"
V1 = f"{PREFIX}/v1"
OPENAPI_PATH = f"{PREFIX}/openapi.json"
DOCS_PATH = f"{PREFIX}/docs"
PROBLEM_JSON = "application/problem+json"
CACHE_CONTROL = "public, max-age=300"
#: Media types flask-compress leaves alone by default that the API sends.
COMPRESSED_TYPES = ("text/csv", PROBLEM_JSON)
_BLUEPRINT = "atlas_api"
ENUMS = {Col.DATE_PRECISION: DATE_PRECISIONS, Col.COUNTRY: COUNTRIES, Col.LEVEL: LEVELS,
         Col.ACTION_TYPE: ACTION_TYPES, Col.VERIFICATION: VERIFICATION}


# ---- schemas (the OpenAPI components) ----------------------------------------------------------

def _text(description: str, **options) -> fields.String:
    return fields.String(required=True, metadata={"description": description}, **options)


ActionSchema = Schema.from_dict({
    column: _text(column, validate=validate.OneOf(list(ENUMS[column]))) if column in ENUMS else _text(column)
    for column in Col.published()
}, name="Action")
ActionSchema.__doc__ = "One policy action: every column of the published CSV, as text (empty text where the CSV is empty)."


class ActionsPageSchema(Schema):
    dataset_version = fields.String(required=True)
    query = fields.String(required=True, metadata={"description": "the request's filters and page, canonical form"})
    total = fields.Integer(required=True, metadata={"description": "actions matching the filters, all pages"})
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    next = fields.String(required=True, allow_none=True, metadata={"description": "the next page's URL, or null"})
    actions = fields.List(fields.Nested(ActionSchema), required=True)


class RegionNamesSchema(Schema):
    en = fields.String(required=True)
    zh = fields.String(required=True)
    ko = fields.String(required=True)
    ja = fields.String(required=True)


class RegionSchema(Schema):
    region_id = fields.String(required=True, metadata={"description": "ISO 3166-2 code"})
    country = fields.String(required=True, validate=validate.OneOf(list(COUNTRIES)))
    names = fields.Nested(RegionNamesSchema, required=True)
    actions = fields.Integer(required=True, metadata={"description": "actions of the region matching the filters "
                                                                     "inside the window"})
    searched_on = fields.String(required=True, allow_none=True,
                                metadata={"description": "the day the region was searched (data/coverage.csv)"})


class RegionsSchema(Schema):
    dataset_version = fields.String(required=True)
    query = fields.String(required=True)
    regions = fields.List(fields.Nested(RegionSchema), required=True)


class VersionSchema(Schema):
    dataset_version = fields.String(required=True)
    date = fields.String(required=True, allow_none=True,
                         metadata={"description": "the day of the searches behind this version (latest searched_on)"})
    collected_to = fields.String(required=True, allow_none=True,
                                 metadata={"description": "the month the collection runs to, YYYY-MM; null when the "
                                                          "dataset does not declare it"})
    collected_to_note = fields.String(required=True, allow_none=True)
    first_action = fields.String(required=True)
    latest_action = fields.String(required=True)
    actions = fields.Integer(required=True)
    citation = fields.String(required=True)


class ParamErrorSchema(Schema):
    parameter = fields.String(required=True)
    value = fields.String(required=True)
    rule = fields.String(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details; ``errors`` names every broken rule."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True)
    errors = fields.List(fields.Nested(ParamErrorSchema), required=True)


# ---- answers ------------------------------------------------------------------------------------

def problem(status: int, errors: list[ParamError], detail: str | None = None, headers=None) -> flask.Response:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail or "; ".join(str(e) for e in errors),
            "instance": flask.request.path if flask.has_request_context() else "",
            "errors": [{"parameter": e.parameter, "value": e.value, "rule": e.rule} for e in errors]}
    http_errors.note_reason(body["detail"])
    response = flask.Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or []):
        response.headers[name] = value
    return response


def cached(body: bytes, mimetype: str, extra: dict[str, str] | None = None) -> flask.Response:
    """A 200 with a content-hash ETag, or a 304 when the client holds these bytes already.

    flask-compress sends the ETag of a compressed answer as ``<etag>:br`` or ``<etag>:gzip``, and a
    client revalidates with that form. It is matched here, before the answer is compressed: left to
    flask-compress, a 304 cost a whole compression of the body it then did not send.
    """
    etag = hashlib.sha256(body).hexdigest()[:32]
    held = next((tag for tag in (etag, *(f"{etag}:{enc}" for enc in serving.ENCODINGS))
                 if flask.request.if_none_match.contains(tag)), None)
    response = flask.Response(b"" if held else body, status=304 if held else 200, mimetype=mimetype)
    response.set_etag(held or etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Access-Control-Allow-Origin"] = "*"
    for name, value in (extra or {}).items():
        response.headers[name] = value
    return response.make_conditional(flask.request)


def _held(etag: str) -> str | None:
    """The form of ``etag`` (plain, or flask-compress's ``<etag>:br`` / ``<etag>:gzip``) the client revalidates with."""
    return next((tag for tag in (etag, *(f"{etag}:{enc}" for enc in serving.ENCODINGS))
                 if flask.request.if_none_match.contains(tag)), None)


def _api_headers(response: flask.Response) -> flask.Response:
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def query_too_long() -> flask.Response | None:
    """A 414 problem for a query string over ``MAX_QUERY_BYTES``, checked before any parsing; else None."""
    raw = flask.request.query_string
    if len(raw) <= MAX_QUERY_BYTES:
        return None
    shown = raw[:80].decode("utf-8", "replace") + "..."
    return problem(414, [ParamError("(query string)", shown, f"must be at most {MAX_QUERY_BYTES} bytes; "
                                                            f"this one has {len(raw)}")])


def named_answer(etag: str, render, answers: serving.AnswerCache) -> flask.Response:
    """A 304 or a 200 for an answer named by ``etag`` before it is built (``PublishedRows.tag``).

    Why: the name comes from the data's digest and the request's canonical form, so a revalidation
    is decided from the parsed query alone, with nothing rendered, hashed or compressed; and a 200
    is built (``render()`` -> bytes, media type, headers) and compressed once per process and
    encoding, then kept in ``answers``. Each encoding is its own representation with its own ETag,
    in flask-compress's form (``<etag>:br``), as the other answers have.
    """
    held = _held(etag)
    if held:
        response = flask.Response(status=304)
        response.set_etag(held)
        return _api_headers(response)
    encoding = serving.HashedAsset.choose_encoding(flask.request)
    tag = etag if encoding == "identity" else f"{etag}:{encoding}"
    entry = answers.get(tag)
    if entry is None:
        body, mimetype, headers = render()
        entry = answers.put(tag, serving.fast_compress(body, encoding), {"Content-Type": get_content_type(mimetype, "utf-8"), **headers})
    body, headers = entry
    response = flask.Response(body)
    for name, value in headers.items():
        response.headers[name] = value
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    response.set_etag(tag)
    return _api_headers(response)


def _rows(published: PublishedRows, query: ActionsQuery):
    rows = table_rows(published.dataset, query.state)
    return rows[query.offset: query.offset + query.limit], len(rows)


def _page_head(published: PublishedRows, query: ActionsQuery, total: int) -> dict:
    """A page's fields besides its actions (which are last)."""
    following = query.offset + query.limit
    return {
        "dataset_version": published.dataset.version,
        "query": query.page_query(query.offset),
        "total": total,
        "offset": query.offset,
        "limit": query.limit,
        "next": f"{V1}/actions?{query.page_query(following)}" if following < total else None,
        "actions": [],
    }


def actions_page(published: PublishedRows, query: ActionsQuery) -> dict:
    page, total = _rows(published, query)
    return {**_page_head(published, query, total), "actions": [published.records[i] for i in page]}


def actions_page_json(published: PublishedRows, query: ActionsQuery) -> tuple[bytes, dict]:
    """``json_bytes(actions_page(published, query))``, joined from the records' JSON kept in ``published``.

    Returns the bytes and the page without its actions (for the headers)."""
    page, total = _rows(published, query)
    head = _page_head(published, query, total)
    empty = json_bytes(head)
    assert empty.endswith(b"[]}")
    return empty[:-2] + b",".join(published.json_records[i] for i in page) + b"]}", head


def actions_csv(published: PublishedRows, query: ActionsQuery) -> tuple[str, int]:
    page, total = _rows(published, query)
    return published.csv_header + "".join(published.csv_lines[i] for i in page), total


def regions_listing(dataset: Dataset, query: ActionsQuery, searched: dict[str, str]) -> dict:
    names = {lang: region_names(lang) for lang in LANGUAGES}
    actions = view_actions(dataset, query.state)
    counts = per_region(dataset, actions.matching & actions.in_window)
    rows = [{
        "region_id": region_id,
        "country": dataset.regions.at[region_id, RegionCol.COUNTRY],
        "names": {lang: names[lang].get(region_id, region_id) for lang in LANGUAGES},
        "actions": int(count),
        "searched_on": searched.get(region_id),
    } for region_id, count in zip(dataset.regions.index, counts)]
    return {"dataset_version": dataset.version, "query": canonical_query(query.state),
            "regions": rows}


def version_info(dataset: Dataset, release: Release) -> dict:
    dates = dataset.actions[Col.DATE]
    return {
        "dataset_version": dataset.version,
        "date": release.date,
        "collected_to": release.collected_to,
        "collected_to_note": release.collected_to_note,
        "first_action": dates.min().strftime("%Y-%m-%d"),
        "latest_action": dates.max().strftime("%Y-%m-%d"),
        "actions": len(dataset.actions),
        "citation": citation_text(dataset.version, release.date),
    }


def _query_args() -> dict[str, list[str]]:
    return flask.request.args.to_dict(flat=False)


# ---- OpenAPI ------------------------------------------------------------------------------------

def _parameter(param) -> dict:
    out = {"name": param.name, "in": "query", "required": False, "description": param.description,
           "schema": param.schema}
    if param.example is not None:
        out["example"] = param.example
    if param.codes:
        out["x-codes"] = list(param.codes)
    return out


def _content(schema, example, media=None) -> dict:
    return {media or "application/json": {"schema": schema, "example": example}}


def openapi_spec(published: PublishedRows, release: Release, searched: dict[str, str]) -> dict:
    """The OpenAPI 3.1 description; its examples are answers of the functions above on the bundled data."""
    dataset = published.dataset
    spec = APISpec(title="Metaverse Policy Atlas read API", version="1.0.0", openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "Read-only access to the atlas's bundled dataset: the actions with the map "
                                        "view's own filters (as in a link), the regions in four languages, and "
                                        "the dataset version. Data licence: CC BY 4.0.",
                         "license": {"name": "CC-BY-4.0 (data)", "identifier": "CC-BY-4.0"}})
    for name, schema in (("Action", ActionSchema), ("ActionsPage", ActionsPageSchema), ("Region", RegionSchema),
                         ("Regions", RegionsSchema), ("Version", VersionSchema), ("Problem", ProblemSchema)):
        spec.components.schema(name, schema=schema)
    months, region_ids = dataset.month_labels, set(dataset.regions.index)
    filters = [_parameter(p) for p in filter_params(months, region_ids)]
    example_query = parse_actions_query({"countries": ["KR"], "limit": ["2"]}, months, region_ids,
                                        default_end=dataset.collected_to)
    bad = {"type": "about:blank", "title": "Bad Request", "status": 400, "instance": f"{V1}/actions",
           "detail": "limit='0': must be a whole number from 1 to 500",
           "errors": [{"parameter": "limit", "value": "0", "rule": "must be a whole number from 1 to 500"}]}
    problems = {
        "400": {"description": "A parameter breaks a rule (each is named, with its value and the rule)",
                "content": _content("Problem", bad, PROBLEM_JSON)},
        "414": {"description": f"The query string is longer than {MAX_QUERY_BYTES} bytes",
                "content": _content("Problem", {**bad, "status": 414, "title": "URI Too Long"}, PROBLEM_JSON)},
    }
    not_modified = {"304": {"description": "Not modified: the If-None-Match ETag is current"}}
    csv_example, _ = actions_csv(published, example_query)
    spec.path(path=f"{V1}/actions", operations={"get": {
        "summary": "The actions of a view, a page at a time",
        "description": "Filters have the names and meanings of the map's URL state; the rows are those the table "
                       "and its CSV export show. `format=csv` answers in the published CSV layout.",
        "operationId": "listActions",
        "parameters": filters + [_parameter(p) for p in page_params()],
        "responses": {"200": {"description": "One page of matching actions",
                              "headers": {"ETag": {"schema": {"type": "string"}},
                                          "X-Total-Count": {"schema": {"type": "integer"}}},
                              "content": {**_content("ActionsPage", actions_page(published, example_query)),
                                          "text/csv": {"schema": {"type": "string"}, "example": csv_example}}},
                      **not_modified, **problems},
    }})
    region_example = regions_listing(dataset, parse_actions_query({}, months, region_ids, paging=False,
                                                                  default_end=dataset.collected_to), searched)
    spec.path(path=f"{V1}/regions", operations={"get": {
        "summary": "The regions, their names in four languages, and their actions in a view",
        "operationId": "listRegions",
        "parameters": filters,
        "responses": {"200": {"description": "Every counted region",
                              "content": _content("Regions", {**region_example,
                                                              "regions": region_example["regions"][:2]})},
                      **not_modified, **problems},
    }})
    spec.path(path=f"{V1}/version", operations={"get": {
        "summary": "The dataset version, its date and how far it was collected",
        "operationId": "getVersion",
        "responses": {"200": {"description": "The bundled dataset's release",
                              "content": _content("Version", version_info(dataset, release))},
                      **not_modified},
    }})
    spec.path(path=OPENAPI_PATH, operations={"get": {
        "summary": "This description", "operationId": "getOpenAPI",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {
            "type": "object"}}}}, **not_modified},
    }})
    spec.path(path=DOCS_PATH, operations={"get": {
        "summary": "This description, readable (Swagger UI)", "operationId": "getDocs",
        "responses": {"200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}},
    }})
    return spec.to_dict()


def docs_page(assets_url: str) -> str:
    def asset(name: str) -> str:
        return html.escape(f"{assets_url}{name}")

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Metaverse Policy Atlas read API</title>
<link rel="stylesheet" href="{asset('vendor/swagger-ui.css')}">
</head>
<body>
<main id="swagger-ui" data-spec="{html.escape(OPENAPI_PATH)}"></main>
<script src="{asset('vendor/swagger-ui-bundle.js')}"></script>
<script src="{asset('atlas-api-docs.js')}"></script>
</body>
</html>
"""


# ---- wiring -------------------------------------------------------------------------------------

def install(app: dash.Dash, dataset: Dataset, release: Release, coverage=None,
            published: PublishedRows | None = None) -> flask.Blueprint:
    """The API's routes on ``app.server`` (answers computed from ``dataset``; ``coverage``: its search record;
    ``published``: its rows written once, if the caller has them)."""
    server = app.server
    months, region_ids, default_end = dataset.month_labels, set(dataset.regions.index), dataset.collected_to
    searched = ({} if coverage is None else
                dict(zip(coverage[CoverageCol.REGION_ID], coverage[CoverageCol.SEARCHED_ON])))
    version_body = json_bytes(version_info(dataset, release))
    published = published or PublishedRows.of(dataset)
    spec_body = json.dumps(openapi_spec(published, release, searched), ensure_ascii=False, indent=1).encode()
    docs_body = docs_page(app.get_asset_url("")).encode()
    blueprint = flask.Blueprint(_BLUEPRINT, __name__)
    answers = serving.AnswerCache()

    def parsed(paging: bool = True) -> ActionsQuery:
        return parse_actions_query(_query_args(), months, region_ids, paging=paging, default_end=default_end)

    @blueprint.get(f"{V1}/actions")
    def actions():
        query = parsed()
        return named_answer(published.tag(query.page_query(query.offset)), lambda: render(query), answers)

    def render(query: ActionsQuery) -> tuple[bytes, str, dict[str, str]]:
        if query.format == "csv":
            text, total = actions_csv(published, query)
            return text.encode(), "text/csv", {"X-Total-Count": str(total)}
        body, page = actions_page_json(published, query)
        link = {"Link": f'<{page["next"]}>; rel="next"'} if page["next"] else {}
        return body, "application/json", {"X-Total-Count": str(page["total"]), **link}

    @blueprint.get(f"{V1}/regions")
    def regions():
        return cached(json_bytes(regions_listing(dataset, parsed(paging=False), searched)), "application/json")

    @blueprint.get(f"{V1}/version")
    def version():
        return cached(version_body, "application/json")

    @blueprint.get(OPENAPI_PATH)
    def openapi():
        return cached(spec_body, "application/json")

    @blueprint.get(DOCS_PATH)
    def docs():
        response = flask.Response(docs_body, mimetype="text/html")
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response

    @blueprint.errorhandler(QueryError)
    def _bad_query(error: QueryError):
        return problem(400, error.errors)

    @blueprint.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return problem(error.code or 500, [], error.description)
        http_errors.log_exception((type(error), error, error.__traceback__))
        return problem(500, [], "the server could not answer this request; the error was logged under request id "
                                f"{http_errors.request_id()}")

    server.register_blueprint(blueprint)
    server.before_request(_guard(server))
    server.extensions[serving.COMPRESS_EXTENSION].compress_mimetypes_set.update(COMPRESSED_TYPES)
    return blueprint


def _guard(server: flask.Flask):
    """Before routing's answer is used: limits, and problem+json for paths and methods the API lacks.

    Dash's catch-all page route would otherwise answer any ``/api/...`` path with the map's page.
    """
    def guard():
        request = flask.request
        if request.path != PREFIX and not request.path.startswith(PREFIX + "/"):
            return None
        too_long = query_too_long()
        if too_long is not None:
            return too_long
        error = request.routing_exception
        endpoint = request.url_rule.endpoint if request.url_rule is not None else ""
        if isinstance(error, MethodNotAllowed):
            allowed = ", ".join(sorted(error.valid_methods or []))
            return problem(405, [], f"{request.method} is not allowed here; use {allowed}", [("Allow", allowed)])
        if error is not None or not endpoint.startswith(_BLUEPRINT + "."):
            return problem(404, [], f"no API resource at {request.path}; see {OPENAPI_PATH}")
        return None

    return guard
