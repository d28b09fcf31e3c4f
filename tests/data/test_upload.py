"""The upload pipeline: encodings, workbooks and Excel's changes, limits, region names, and the same rules as validate."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from components.core.view import exports
from components.core.data.columns import Col, RegionCol
from components.core.data.dataset import DEFAULT_ACTIONS_PATH, load_dataset, load_dataset_text, load_geojson, region_table
from components.core.data.region_lookup import RegionNames
from components.core.data.schema import DatasetError, Problem
from components.core.data.upload import MAX_FILE_BYTES, MAX_ROWS, check_upload, data_url_bytes, decode_upload
from components.core.data.workbook import WorkbookError, read_rows
from tests.conftest import HEADER, SMALL_ROWS

TODAY = dt.date(2024, 6, 30)
GEOJSON = load_geojson()
NAMES = RegionNames.from_regions(region_table(GEOJSON))


def load(text: str):
    return load_dataset_text(text, GEOJSON, today=TODAY)


def check(raw: bytes, name: str = "mine.csv", names: RegionNames = NAMES):
    return check_upload(raw, name, names, load)


def bundled_rows(country: str | None = None) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(DEFAULT_ACTIONS_PATH.read_text(encoding="utf-8-sig"))))
    return rows[0], [r for r in rows[1:] if country is None or r[3] == country]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("country, encoding, shown", [
    ("CN", "gbk", "GB18030"), ("CN", "gb18030", "GB18030"), ("JP", "shift_jis", "Shift_JIS"), ("JP", "cp932", "Shift_JIS"),
    ("KR", "euc_kr", "EUC-KR"), ("KR", "utf-16", "UTF-16"), ("JP", "utf-16-le", "UTF-16"), ("CN", "utf-8-sig", "UTF-8"),
    ("KR", "utf-8", "UTF-8"),
])
def test_each_accepted_encoding_reads_the_original_titles(country, encoding, shown):
    header, rows = bundled_rows(country)
    rows = [r for r in rows if encodable(",".join(r), encoding)]
    assert len(rows) > 40
    raw = csv_text(header, rows).encode(encoding)
    report = check_upload(raw, "x.csv", NAMES, load_dataset_text)
    assert report.problems == [] and report.encoding == shown
    expected = load_dataset_text(csv_text(header, rows)).actions
    assert report.dataset.actions[Col.TITLE_ORIGINAL].tolist() == expected[Col.TITLE_ORIGINAL].tolist()


def test_excel_unicode_text_is_utf16_with_tabs_and_is_read():
    header, rows = bundled_rows("KR")
    raw = codecs.BOM_UTF16_LE + csv_text(header, rows, delimiter="\t").encode("utf-16-le")
    report = check_upload(raw, "unicode.txt", NAMES, load_dataset_text)
    assert report.problems == [] and len(report.dataset.actions) == len(rows)


@pytest.mark.parametrize("country, encoding, named", [
    ("JP", "euc_jp", "EUC-JIS-2004"), ("CN", "big5", "BIG5"),
])
def test_other_encodings_are_refused_naming_the_encoding(country, encoding, named):
    header, rows = bundled_rows(country)
    keep = len(Col.required())  # the sixteen columns only: the ASCII topic codes would dilute the few Big5 rows
    header, rows = header[:keep], [r[:keep] for r in rows]
    if encoding == "big5":
        rows = [r for r in rows if r[5] in ("CN-HK", "CN-MO")]
    report = check(csv_text(header, rows).encode(encoding, errors="replace"))
    (problem,) = report.problems
    assert problem.rule.startswith(f"the file looks encoded as {named}, which the atlas does not read")
    assert "save it as UTF-8" in problem.rule and report.dataset is None


def test_latin_text_and_utf32_are_refused_by_name():
    latin = check(("action_id,title\nx,Café résumé façade\n" * 5).encode("cp1252")).problems[0].rule
    assert latin.startswith("the file looks encoded as CP125") and "(not UTF-8 at line 2: bytes e9" in latin
    utf32 = check(codecs.BOM_UTF32_LE + HEADER.encode("utf-32-le")).problems[0].rule
    assert utf32.startswith("the file looks encoded as UTF-32")


@pytest.mark.parametrize("raw, start", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66", "not a CSV or XLSX file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "an old-format Excel (.xls)"),
    (b"PK\x03\x04broken", "the workbook cannot be read: a damaged ZIP archive"),
])
def test_files_that_are_not_readable_are_refused_with_the_reason(raw, start):
    (problem,) = check(raw).problems
    assert problem.row == 0 and problem.rule.startswith(start)


def test_the_size_and_row_limits_are_named():
    (big,) = check(b"a" * (21 * 2**20)).problems
    assert big.rule == "the file is 21.0 MB; the limit is 20 MB: split it into smaller files"
    assert MAX_FILE_BYTES == 20 * 2**20
    many = (HEADER + "\n" + "x\n" * (MAX_ROWS + 1)).encode()
    (rows,) = check(many).problems
    assert rows.rule == "a file may hold at most 100,000 rows: split it into smaller files"
    exactly = (HEADER + "\n" + "x\n" * MAX_ROWS).encode()
    assert "at most" not in check(exactly).problems[0].rule


def test_a_utf8_csv_gets_exactly_the_problems_validate_prints(tmp_path):
    rows = list(SMALL_ROWS)
    rows[1] = rows[1].replace("2021-11-03", "2021-02-30")
    rows[3] = rows[3].replace(",CN,provincial,CN-SH,", ",CN,provincial,KR-11,")
    path = tmp_path / "x.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_dataset(path, today=TODAY)
    assert check(path.read_bytes()).problems == err.value.problems


def test_region_names_in_english_or_native_script_become_codes():
    rows = [r.replace(",KR-11,", ",서울특별시,").replace(",CN-SH,", ",Shanghai Municipality,").replace(",JP-13,", ",東京都,")
            .replace(",CN-JS,", ",jiangsu,") for r in SMALL_ROWS]
    report = check((HEADER + "\n" + "\n".join(rows)).encode())
    assert report.problems == []
    assert sorted(set(report.dataset.actions[Col.REGION_ID]) - {""}) == ["CN-JS", "CN-SH", "JP-13", "KR-11"]


def test_an_unknown_name_is_one_clear_problem():
    rows = [SMALL_ROWS[1].replace(",KR-11,", ",Seul,")]
    assert check((HEADER + "\n" + "\n".join(rows)).encode()).problems == [
        Problem(2, Col.REGION_ID, "Seul", "not a region of data/regions.geojson: write an ISO 3166-2 code (e.g. CN-SH) or a "
                "region's name in English or the native script (e.g. Shanghai, 上海市), or leave it empty for national actions")]


def test_an_ambiguous_name_is_refused_with_its_candidates_unless_the_country_settles_it():
    """Gwangju is a metropolitan city and a city in Gyeonggi: a boundary file with both makes 광주 ambiguous."""
    regions = region_table(GEOJSON).copy()
    extra = pd.DataFrame([{RegionCol.REGION_ID: "KR-41-GJ", RegionCol.COUNTRY: "KR", RegionCol.NAME_EN: "Gwangju (Gyeonggi)",
                           RegionCol.NAME_LOCAL: "광주시", RegionCol.TYPE: "city"},
                          {RegionCol.REGION_ID: "CN-XX", RegionCol.COUNTRY: "CN", RegionCol.NAME_EN: "Seoul",
                           RegionCol.NAME_LOCAL: "首尔", RegionCol.TYPE: "test"}]).set_index(RegionCol.REGION_ID, drop=False)
    names = RegionNames.from_regions(pd.concat([regions, extra]))
    ambiguous = [SMALL_ROWS[1].replace(",KR-11,", ",광주,")]
    (problem,) = check((HEADER + "\n" + "\n".join(ambiguous)).encode(), names=names).problems
    assert problem == Problem(2, Col.REGION_ID, "광주", "this name fits more than one region: Gwangju / 광주광역시 (KR-29); "
                              "Gwangju (Gyeonggi) / 광주시 (KR-41-GJ); write the ISO 3166-2 code instead")
    settled = [SMALL_ROWS[1].replace(",KR-11,", ",Seoul,")]  # a Korean row: the Chinese "Seoul" is not a candidate
    assert check((HEADER + "\n" + "\n".join(settled)).encode(), names=names).problems == []


def workbook_bytes(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def small_cells() -> list[list[str]]:
    return [next(csv.reader([row])) for row in SMALL_ROWS]


def test_a_workbook_with_excels_changes_reads_as_typed_and_problems_name_sheet_rows():
    header = HEADER.split(",")
    date, action, tags = header.index(Col.DATE), header.index(Col.ACTION_ID), header.index(Col.TAGS)

    def build(workbook):
        workbook.active.title = "codebook"
        sheet = workbook.create_sheet("Actions")
        sheet.append([])
        sheet.append(header)  # the header on sheet row 2
        for i, cells in enumerate(small_cells()):
            values: list = list(cells)
            if i == 0:
                values[date] = dt.datetime(2021, 5, 18)        # a real date cell
            if i == 1:
                values[date] = 44503                            # 2021-11-03 as Excel's serial number
                values[tags] = 2021.0                           # a number Excel made of "2021"
            if i == 2:
                values[action] = 7                              # "007", shown so only by its number format
            sheet.append(values)
            if i == 2:
                sheet.cell(sheet.max_row, action + 1).number_format = "000"
            if i == 3:
                sheet.append([])                                # an empty row inside the data
        last = small_cells()[0]
        last[date], last[action] = "2022-13-01", "kr-extra-row"
        sheet.append(last)

    report = check(workbook_bytes(build), "mine.xlsx")
    assert report.encoding == "XLSX, sheet Actions"
    by_row = {(p.row, p.column): p.value for p in report.problems}
    assert by_row == {(11, Col.DATE): "2022-13-01"}
    decoded = decode_upload(workbook_bytes(build))
    frame = pd.DataFrame(decoded.rows[1:], columns=decoded.rows[0])
    assert decoded.row_numbers[:4] == [2, 3, 4, 5]
    assert frame[Col.DATE].tolist()[:2] == ["2021-05-18", "2021-11-03"]
    assert frame[Col.TAGS].tolist()[1] == "2021" and frame[Col.ACTION_ID].tolist()[2] == "007"


def test_a_year_is_not_mistaken_for_a_date_serial():
    header = HEADER.split(",")

    def build(workbook):
        workbook.active.append(header)
        workbook.active.append([2022 if c == Col.DATE else v for c, v in zip(header, small_cells()[0])])

    (problem,) = check(workbook_bytes(build), "x.xlsx").problems
    assert (problem.row, problem.column, problem.value) == (2, Col.DATE, "2022")


def test_a_workbook_that_unpacks_too_far_or_is_no_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 50_000)
    with pytest.raises(WorkbookError, match="unpacks to 0 MB; the limit is 0 MB"):
        read_rows(out.getvalue(), 10, max_unpacked=10_000)
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    (problem,) = check(other.getvalue(), "x.zip").problems
    assert problem.rule == "the workbook cannot be read: a ZIP archive but not an XLSX workbook (no xl/workbook.xml)"


def test_the_templates_upload_back_and_say_what_each_column_holds(bundled):
    header = exports.template_csv().strip()
    assert header == HEADER + ",topics,more_sources,issuer_url_not_opened", "the template offers the optional columns"
    example = {c: str(v) for c, v in bundled.actions.iloc[0][Col.published()].items()}
    example[Col.DATE] = bundled.actions.iloc[0][Col.DATE].strftime("%Y-%m-%d")
    raw = exports.template_xlsx(example)
    report = check_upload(raw, "template.xlsx", NAMES, load_dataset_text)
    assert report.problems == [] and report.dataset.actions[Col.ACTION_ID].tolist() == [example[Col.ACTION_ID]]
    codebook = openpyxl.load_workbook(io.BytesIO(raw))["codebook"]
    listed = {row[0].value: (row[1].value, row[2].value) for row in codebook.iter_rows(min_row=2)}
    assert list(listed) == Col.published()
    assert "termination" in listed[Col.ACTION_TYPE][1] and "上海市" in listed[Col.REGION_ID][0]
    assert "public_service" in listed[Col.ACTION_TYPE][1]
    assert listed[Col.VERIFICATION][1].split("; ")[1].startswith("corroborated = ")
    assert "unverified" not in listed[Col.VERIFICATION][1]
    assert "host other than source_url" in listed[Col.MORE_SOURCES][0]


def test_an_export_uploaded_back_gives_the_same_text(small):
    frame = small.actions[Col.required()].copy()
    frame[Col.DATE] = frame[Col.DATE].dt.strftime("%Y-%m-%d")
    frame[Col.TITLE] = ["=1+1", "+sum", "-minus", "@at", "\tTab", "\rReturn", "plain"]
    for raw, name in ((exports.frame_csv(frame).encode(), "x.csv"), (exports.frame_xlsx(frame), "x.xlsx")):
        report = check(raw, name)
        assert report.problems == []
        assert report.dataset.actions.set_index(Col.ACTION_ID)[Col.TITLE].to_dict() == dict(zip(frame[Col.ACTION_ID], frame[Col.TITLE]))


def test_a_data_url_is_decoded_and_anything_else_is_not_a_file():
    assert data_url_bytes("data:text/csv;base64,YSxi") == b"a,b"
    for junk in (None, 3, "", "data:text/csv,a,b", "data:text/csv;base64,***", "nodata;base64,YQ=="):
        assert data_url_bytes(junk) is None


def test_the_template_workbook_is_the_same_bytes_whenever_it_is_built(bundled):
    """Each gunicorn worker builds the template and publishes it under its content hash: they must agree."""
    import time

    from components.panels.upload import template_assets

    first = template_assets(bundled)
    time.sleep(2.1)  # past the 2-second resolution of ZIP entry times
    assert [a.url for a in template_assets(bundled)] == [a.url for a in first]


def test_an_upload_that_still_says_unverified_is_told_which_level_to_write():
    rows = [r.replace(",https://example.org/f,reported,", ",https://example.org/f,unverified,") for r in SMALL_ROWS]
    report = check((HEADER + "\n" + "\n".join(rows) + "\n").encode())
    assert [(p.row, p.column, p.value) for p in report.problems] == [(8, Col.VERIFICATION, "unverified")]
    assert "no longer a verification level" in report.problems[0].rule and "write reported" in report.problems[0].rule


def test_an_old_sixteen_column_file_uploads_and_a_corroborated_row_needs_another_host():
    report = check((HEADER + "\n" + "\n".join(SMALL_ROWS) + "\n").encode())
    assert report.valid and report.dataset.actions[Col.MORE_SOURCES].eq("").all()
    header = HEADER + ",more_sources,issuer_url_not_opened"
    same_host = [r + ",," for r in SMALL_ROWS]
    same_host[0] = same_host[0].replace(",reported,platform,,", ",corroborated,platform,https://example.org/z,")
    (problem,) = check((header + "\n" + "\n".join(same_host) + "\n").encode()).problems
    assert (problem.row, problem.column) == (2, "verification+source_url+more_sources")
    assert "host other than source_url" in problem.rule
    other_host = [r.replace("https://example.org/z", "https://another.example/z") for r in same_host]
    assert check((header + "\n" + "\n".join(other_host) + "\n").encode()).valid


def test_the_xlsx_template_shows_a_corroborated_row_with_its_further_sources(bundled):
    from components.panels.upload import example_row

    example = example_row(bundled)
    raw = exports.template_xlsx(example)
    sheet = openpyxl.load_workbook(io.BytesIO(raw))["actions"]
    header, values = [c.value for c in sheet[1]], [c.value or "" for c in sheet[2]]
    row = dict(zip(header, values))
    assert header == Col.published()
    a = bundled.actions
    if ((a[Col.VERIFICATION] == "corroborated") & (a[Col.LEVEL] == "provincial") & (a[Col.SOURCE_URL] != "")).any():
        assert row[Col.VERIFICATION] == "corroborated" and row[Col.MORE_SOURCES].startswith("http")
    report = check_upload(raw, "template.xlsx", NAMES, load_dataset_text)
    assert report.valid and report.dataset.actions[Col.MORE_SOURCES].tolist() == [row[Col.MORE_SOURCES]]
