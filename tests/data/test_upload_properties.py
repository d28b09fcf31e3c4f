"""Property tests: whatever a file or a link holds, the decoder, the validator and the URL parser answer, never raise.

Random bytes (with the prefixes that steer them into each branch: BOMs, ZIP and OLE magic),
random CSV shapes (columns missing, extra, reordered; cells valid, junk or hostile; ragged
rows) and random query strings. Each must give a report, a dataset or the defaults.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.core.data.columns import ACTION_TYPES, COUNTRIES, LEVELS, VERIFICATION, Col
from components.core.data.dataset import load_dataset_text, load_geojson, region_table
from components.core.data.region_lookup import RegionNames
from components.core.data.schema import Problem
from components.core.view.state import FILTERS, METRICS, ZOOMS, ViewState
from components.core.data.upload import check_upload, decode_upload
from components.panels.url_state import state_from_query

GEOJSON = load_geojson()
REGIONS = region_table(GEOJSON)
NAMES = RegionNames.from_regions(REGIONS)
TODAY = dt.date(2024, 6, 30)
PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"PK\x03\x04",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ",".join(Col.required()).encode() + b"\n"]
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load(text: str):
    return load_dataset_text(text, GEOJSON, today=TODAY)


def assert_report(report, rows: int | None = None) -> None:
    assert isinstance(report.problems, list) and all(isinstance(p, Problem) for p in report.problems)
    if report.problems:
        assert report.dataset is None and report.csv is None
        assert all(isinstance(p.rule, str) and p.rule for p in report.problems)
    else:
        assert report.dataset is not None and isinstance(report.csv, str)
        if rows is not None:
            assert len(report.dataset.actions) == rows


@SETTINGS
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2000))
def test_any_bytes_give_text_or_a_refusal(prefix, body):
    decoded = decode_upload(prefix + body, "x")
    assert decoded.readable != bool(decoded.problems)
    report = check_upload(prefix + body, "x", NAMES, load)
    assert_report(report)


VALID = {
    Col.ACTION_ID: st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
    Col.DATE: st.dates(dt.date(2015, 1, 1), dt.date(2024, 6, 30)).map(dt.date.isoformat),
    Col.DATE_PRECISION: st.sampled_from(["day", "month", "year"]),
    Col.COUNTRY: st.sampled_from(list(COUNTRIES)),
    Col.LEVEL: st.sampled_from(list(LEVELS)),
    Col.REGION_ID: st.sampled_from(["", *REGIONS.index[:12], "上海市", "서울특별시", "東京都", "Gyeonggi-do"]),
    Col.ACTION_TYPE: st.sampled_from(list(ACTION_TYPES)),
    Col.SOURCE_URL: st.sampled_from(["", "https://example.org/a", "javascript:alert(1)", "data:text/html,x"]),
    Col.VERIFICATION: st.sampled_from(list(VERIFICATION)),
}
JUNK = st.one_of(st.text(max_size=30), st.sampled_from(["=1+1", "'=cmd", "<script>x</script>", "\r\n", '"', "\x00"]))


def cell(column: str):
    return st.one_of(VALID.get(column, st.text(min_size=1, max_size=20)), JUNK)


@st.composite
def csv_files(draw):
    columns = list(Col.required())
    shape = draw(st.sampled_from(["as published", "missing", "reordered", "extra"]))
    if shape == "missing":
        columns.remove(draw(st.sampled_from(columns)))
    elif shape == "reordered":
        columns = draw(st.permutations(columns))
    elif shape == "extra":
        columns.append(draw(st.text(min_size=1, max_size=10)))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(cell(c)) for c in columns]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([columns, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    return out.getvalue().encode(encoding, errors="replace"), shape, len(rows)


@SETTINGS
@given(csv_files())
def test_any_csv_shape_gives_a_report_or_a_dataset(file):
    raw, shape, rows = file
    report = check_upload(raw, "random.csv", NAMES, load)
    assert_report(report, rows)
    if shape in ("missing", "reordered") and report.problems and report.problems[0].row == 1:
        assert report.problems[0].rule.startswith(("required column is missing", "columns must come first"))


KEYS = ["start", "end", "countries", "levels", "types", "verification", "metric", "region", "zoom", "present",
        "search", "rescale", "action", "junk"]
VALUES = st.one_of(st.text(max_size=40), st.sampled_from(["2022-05", "2099-13", "none", "CN,KR", "KR-11", "1", ",,,"]))


@SETTINGS
@given(raw=st.text(max_size=300), pairs=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8),
       encode=st.booleans())
def test_any_query_string_gives_a_view_within_the_dataset(bundled, raw, pairs, encode):
    for search in (raw, "?" + (urlencode(pairs) if encode else "&".join(f"{k}={v}" for k, v in pairs))):
        state = state_from_query(bundled, search)
        assert isinstance(state, ViewState)
        assert state.start in bundled.month_labels and state.end in bundled.month_labels
        for name, options in FILTERS.items():
            assert set(getattr(state, name)) <= set(options)
        assert state.metric in METRICS and state.zoom in ZOOMS
        assert state.region is None or state.region in bundled.regions.index
        assert state.action is None or state.action in set(bundled.actions[Col.ACTION_ID])
        assert len(state.search) <= 200 and isinstance(state.present, bool) and isinstance(state.rescale, bool)


@st.composite
def valid_files(draw):
    """Rows that obey every rule, with regions written as codes or names in any script."""
    rows = []
    for i in range(draw(st.integers(1, 8))):
        country = draw(st.sampled_from(list(COUNTRIES)))
        level = draw(st.sampled_from(list(LEVELS)))
        region = REGIONS[REGIONS["country"] == country].loc[draw(st.sampled_from(
            list(REGIONS.index[REGIONS["country"] == country])))]
        written = draw(st.sampled_from([region["region_id"], region["name_en"], region["name_local"],
                                        region["name_en"].upper(), region["region_id"].lower()]))
        text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]),
                       min_size=1, max_size=20)
        values = {c: draw(text) for c in (Col.ISSUER, Col.TITLE, Col.SUMMARY, Col.SOURCE_NAME)}
        values.update({
            Col.ACTION_ID: f"row-{i}", Col.DATE: draw(VALID[Col.DATE]), Col.DATE_PRECISION: "day",
            Col.COUNTRY: country, Col.LEVEL: level, Col.REGION_ID: "" if level == "national" else written,
            Col.LOCALITY: draw(text) if level in ("municipal", "district") else "", Col.TITLE_ORIGINAL: "",
            Col.ACTION_TYPE: draw(VALID[Col.ACTION_TYPE]), Col.SOURCE_URL: "", Col.VERIFICATION: "reported",
            Col.TAGS: "",
        })
        rows.append(([values[c] for c in Col.required()], "" if level == "national" else region["region_id"]))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([Col.required(), *(r for r, _ in rows)])
    return out.getvalue().encode("utf-8"), [code for _, code in rows]


@SETTINGS
@given(valid_files())
def test_any_valid_file_gives_its_dataset_with_names_as_codes(file):
    raw, codes = file
    report = check_upload(raw, "valid.csv", NAMES, load)
    assert report.problems == []
    assert report.dataset.actions.sort_values(Col.ACTION_ID)[Col.REGION_ID].tolist() == \
        [codes[int(i.split("-")[1])] for i in sorted(report.dataset.actions[Col.ACTION_ID])]
