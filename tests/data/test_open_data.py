"""The open-data files: the Frictionless data package and CITATION.cff, rebuilt and checked by their own tools.

Why rebuild-and-compare: both are generated (``scripts/build_open_data.py``) from the
validator's schemas and the citation metadata; a change to either that is not regenerated
fails here. ``frictionless validate`` then checks the three CSVs against the package (types,
enums, keys across files), and the CFF 1.2.0 JSON schema checks the citation file.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandera.pandas as pa
import pytest
import yaml

from components.core.data import datapackage
from components.core.data.columns import ACTION_TYPES, Col
from components.core.data.release import collected_to, release, version_date
from scripts.build_open_data import CITATION_PATH, DATAPACKAGE_PATH, citation_text, datapackage_text

ROOT = Path(__file__).resolve().parents[2]
#: The Citation File Format 1.2.0 schema as cffconvert 2.0.0 (PyPI) ships it (cffconvert/schemas/1.2.0/schema.json);
#: cffconvert itself pins jsonschema < 4, which the OpenAPI validator cannot share, so the test applies the schema itself.
CFF_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "cff-1.2.0.schema.json"
CFF_SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
FRICTIONLESS = [sys.executable, "-m", "frictionless"]


def frictionless_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*FRICTIONLESS, "validate", "--json", str(path)], capture_output=True, text=True, timeout=300)


def test_datapackage_json_is_what_the_validator_schemas_generate():
    assert DATAPACKAGE_PATH.read_text(encoding="utf-8") == datapackage_text(), \
        "data/datapackage.json is stale: run python -m scripts.build_open_data"


def test_citation_cff_is_what_the_citation_metadata_generates():
    assert CITATION_PATH.read_text(encoding="utf-8") == citation_text(), "run python -m scripts.build_open_data"


def test_the_package_states_the_validators_vocabularies_and_keys():
    package = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    assert package["version"] == (ROOT / "data" / "VERSION").read_text().strip()
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"policy_actions", "coverage", "region_names"}
    actions = resources["policy_actions"]["schema"]
    fields = {f["name"]: f for f in actions["fields"]}
    assert list(fields) == Col.published()
    assert fields[Col.ACTION_TYPE]["constraints"]["enum"] == list(ACTION_TYPES)
    assert fields[Col.DATE]["type"] == "date" and "must not be in the future" in fields[Col.DATE]["description"]
    assert fields[Col.SOURCE_URL]["format"] == "uri" and fields[Col.ISSUER_URL_NOT_OPENED]["format"] == "uri"
    assert fields[Col.VERIFICATION]["constraints"]["enum"] == ["verified", "corroborated", "reported"]
    assert actions["primaryKey"] == [Col.ACTION_ID]
    assert actions["foreignKeys"] == [{"fields": "region_id", "reference": {"resource": "region_names", "fields": "region_id"}}]
    assert resources["coverage"]["schema"]["primaryKey"] == ["region_id"]
    assert {f["name"]: f["type"] for f in resources["coverage"]["schema"]["fields"]}["actions_found"] == "integer"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_validator_check_without_a_table_schema_meaning_stops_the_build():
    schema = pa.DataFrameSchema({"a": pa.Column(str, checks=[pa.Check(lambda s: s != "", error="must not be x")])})
    with pytest.raises(datapackage.UndescribedRule, match="must not be x"):
        datapackage.table_schema(schema, {"a": "a"}, "toy")


def test_frictionless_validates_the_bundled_package():
    result = frictionless_validate(DATAPACKAGE_PATH)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert {t["name"] for t in report["tasks"]} == {"policy_actions", "coverage", "region_names"}


def test_frictionless_catches_a_row_that_breaks_the_package(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.geojson", "storyboards"))
    actions = data / "policy_actions.csv"
    lines = actions.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",KR,national,", ",XX,national,", 1)
    lines[2] = re.sub(r",(verified|corroborated|reported),", ",rumoured,", lines[2], count=1)
    actions.write_text("".join(lines), encoding="utf-8")
    (data / "coverage.csv").write_text((data / "coverage.csv").read_text(encoding="utf-8").replace("CN-AH,", "CN-ZZ,", 1),
                                       encoding="utf-8")
    result = frictionless_validate(data / "datapackage.json")
    report = json.loads(result.stdout)
    assert result.returncode != 0 and not report["valid"]
    errors = [e for task in report["tasks"] for e in task["errors"]]
    assert {e["type"] for e in errors} >= {"constraint-error", "foreign-key"}
    assert any(e.get("cell") == "XX" for e in errors) and any(e.get("cell") == "rumoured" for e in errors)


def test_citation_cff_is_valid_under_the_cff_1_2_0_schema_and_names_the_dataset_version():
    assert hashlib.sha256(CFF_SCHEMA.read_bytes()).hexdigest() == CFF_SCHEMA_SHA256
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    citation = yaml.safe_load(CITATION_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(citation)] == []
    assert citation["type"] == "software" and citation["title"] == "Metaverse Policy Atlas"
    current = release()
    assert citation["preferred-citation"]["version"] == current.version == "2027.2.0"
    assert citation["preferred-citation"]["date-released"] == current.date == "2026-12-08"
    broken = {**citation, "preferred-citation": {**citation["preferred-citation"], "type": "dataset"}}
    assert list(validator.iter_errors(broken)), "the schema check can fail"


def test_the_release_date_is_the_latest_search_and_collected_to_is_not_guessed(tmp_path):
    assert version_date() == "2026-12-08"
    assert collected_to() == "2026-02" and release().collected_to_note is None  # declared by data/coverage.csv
    (tmp_path / "coverage.csv").write_text("region_id,searched_on,sources_searched,actions_found,notes\n"
                                           "CN-AH,2025-01-02,x,0,\nCN-BJ,2025-03-04,x,0,\n", encoding="utf-8")
    assert version_date(tmp_path) == "2025-03-04"
    assert collected_to(tmp_path) is None  # no collected_to column: nothing declared, nothing guessed
    assert version_date(tmp_path / "nowhere") is None
