"""Merge the research round's rows into ``data/policy_actions.csv`` and keep ``data/coverage.csv`` in step.

Why a script, kept out of the app: researchers write new rows and corroborations to files of their
own while the data is in use; this applies them in one repeatable pass, and whatever the validator
refuses is dropped and listed, never half-merged. Inputs (``--notes``, default /work/notes/rows):

* ``kr.csv``, ``cnjp.csv`` (``--rows``): new rows in the CSV's columns plus ``more_sources`` and
  ``issuer_url_not_opened``. A row whose id is already in the data is dropped
  (listed); ``unverified`` is read as ``reported``.
* ``corroboration.csv`` (``--corroborations``): ``action_id,new_verification,more_sources,issuer_url_not_opened,
  evidence_note,correction`` (other columns ignored); a later file's row for the same action adds to an
  earlier one's. Further URLs are added to the row's ``more_sources`` (no repeats), an issuer page to
  ``issuer_url_not_opened``, the level set to ``new_verification``. ``correction`` (``field=value``
  pairs separated by `` | ``, or by ``;`` when no value holds one) is applied only when an evidence
  URL is given (in ``evidence_note`` or ``more_sources``); otherwise it is listed as not applied.
* ``*-search.md``: per region (a ``## KR-11`` section or a ``- Name (JP-25):`` bullet), the day searched,
  the queries and what was added or left out: ``searched_on`` takes the day, ``sources_searched`` and
  ``notes`` get the queries and the notes appended (``search_notes``). ``collected_to`` is left alone.

The CSV keeps its row order; new rows are appended in the order of the files. ``actions_found`` is
recounted for every region. Then the whole file is validated as ``python app.py validate`` does: a
new row with a problem is dropped, a corroboration with a problem is undone, each listed with the
problem, until the data is valid.

    python -m scripts.merge_research [--notes DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from components.core.data.columns import RETIRED_VERIFICATION, VERIFICATION, Col
from components.core.data.coverage import CoverageCol, validate_coverage_frame
from components.core.data.dataset import load_geojson, region_table
from components.core.data.schema import CORROBORATED_RULE, HEADER_ROW, validate_frame
from scripts.dataset_csv import DATA, read_rows, write_rows

NOTES = Path("/work/notes/rows")
ROW_FILES = ["kr.csv", "cnjp.csv"]
CORROBORATION_FILES = ["corroboration.csv"]
_URL = re.compile(r"https?://[^\s;,<>\"')\]]+")


def urls(text: str) -> list[str]:
    return _URL.findall(text or "")


def joined(*lists: list[str]) -> str:
    return ";".join(dict.fromkeys(u for part in lists for u in part))


def clean(row: dict[str, str]) -> dict[str, str]:
    row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    level = row.get(Col.VERIFICATION, "")
    row[Col.VERIFICATION] = RETIRED_VERIFICATION.get(level, level)
    row[Col.MORE_SOURCES] = joined([u.strip() for u in row.get(Col.MORE_SOURCES, "").split(";") if u.strip()])
    return row


_PAIR = re.compile(r"\b([a-z_]+)=")
_VALUE_END = re.compile(r" \(|; | \| |: ")
_PRECISION = re.compile(r"\(precision (day|month|year)\)")


def corrections(text: str, columns: list[str]) -> dict[str, str] | None:
    """The ``field=value`` pairs a correction names (None when it names none of the CSV's columns).

    Prose around the pairs is allowed (the evidence, a reason); ``date=YYYY-MM`` or ``date=YYYY`` is
    written as the 1st of the month or 1 January with that precision, as the codebook has it, and
    ``(precision month)`` beside a date sets the precision.
    """
    text = text.strip()
    if not text:
        return {}
    found = [m for m in _PAIR.finditer(text) if m.group(1) in columns]
    out = {}
    for i, m in enumerate(found):
        rest = text[m.end(): found[i + 1].start() if i + 1 < len(found) else len(text)]
        out[m.group(1)] = _VALUE_END.split(rest, maxsplit=1)[0].strip().rstrip(";,").strip()
    if not out:
        return None
    date = out.get(Col.DATE, "")
    if re.fullmatch(r"\d{4}-\d{2}", date):
        out.setdefault(Col.DATE_PRECISION, "month")
        out[Col.DATE] = date + "-01"
    elif re.fullmatch(r"\d{4}", date):
        out[Col.DATE] = date + "-01-01"
        out.setdefault(Col.DATE_PRECISION, "year")
    if (precision := _PRECISION.search(text)) and Col.DATE in out:
        out[Col.DATE_PRECISION] = precision.group(1)
    return out


def inputs(notes: Path, row_names: list[str], corroboration_names: list[str]) -> tuple[list[Path], list[Path]]:
    """The named files that exist: new rows, then corroborations (in the order given: a later one's row adds to an
    earlier one's). Files are named, not globbed: the notes folder also holds audit tables, pre-audit copies and
    batches already folded into the files named here."""
    def existing(names: list[str]) -> list[Path]:
        return [notes / name for name in names if (notes / name).exists()]

    return existing(row_names), existing(corroboration_names)


def problems_by_row(header: list[str], rows: list[dict[str, str]], region_ids: set[str]) -> dict[int, list[str]]:
    frame = pd.DataFrame([[r.get(c, "") for c in header] for r in rows], columns=header, dtype=str)
    found: dict[int, list[str]] = {}
    for p in validate_frame(frame, region_ids, dt.date.today()):
        found.setdefault(p.row - HEADER_ROW - 1 if p.row else -1, []).append(f"{p.column}: {p.value!r} - {p.rule}")
    return found


_REGION = r"(?:CN|JP|KR)-[A-Z0-9]{2}"
_SECTION = re.compile(rf"^## ({_REGION})\b")
_BULLET = re.compile(rf"^- [^(]*\(({_REGION})\):")
_COUNT = re.compile(rf"\b({_REGION}) (\d+)")
_DAY = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


def _words(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(line.strip().lstrip("-").strip() for line in lines)).strip()


def search_notes(notes: Path) -> dict[str, dict[str, str]]:
    """region_id -> what a ``*-search.md`` says of its search: ``searched_on`` (the file's date), ``queries``, ``notes``.

    A region's block is a ``## KR-11 ...`` section or a ``- Name (JP-25): ...`` bullet with its sub-bullets;
    queries are the text after ``Queries:`` or the back-quoted strings, notes the rest. A region named with a
    count under a "Summary" heading (``JP-13 6``) was searched too, with no block of its own.
    """
    out: dict[str, dict[str, str]] = {}
    for path in sorted(notes.glob("*-search.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        day = next((m.group(1) for line in lines[:6] if (m := _DAY.search(line))), "")
        if not day:
            continue
        blocks: dict[str, list[str]] = {}
        current, summary = None, False
        for line in lines:
            if line.startswith("#"):
                current, summary = None, "summary" in line.lower()
                if m := _SECTION.match(line):
                    current = m.group(1)
                    blocks.setdefault(current, [])
                continue
            if m := _BULLET.match(line):
                current = m.group(1)
                blocks.setdefault(current, []).append(line.split(":", 1)[1])
                continue
            if line.startswith("- ") and not _SECTION.match(line):
                current = None if not summary and not line.startswith("  ") else current
            if summary:
                for region, _ in _COUNT.findall(line):
                    out.setdefault(region, {"searched_on": day, "queries": "", "notes": ""})
                continue
            if current and line.strip():
                blocks[current].append(line)
        for region, body in blocks.items():
            text = re.sub(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", r"\1", _words(body))  # action ids stay, as text
            queries = re.findall(r"`([^`]+)`", text)
            if "Queries:" in text:
                head, _, rest = text.partition("Queries:")
                query_text, _, tail = rest.partition("Added:")
                queries = [q.strip() for q in query_text.split(";") if q.strip()] or queries
                text = (head + (" Added:" + tail if tail else "")).strip()
            else:
                text = re.sub(r"`[^`]+`(, )?", "", text).strip(" —-;,")
            out[region] = {"searched_on": day, "queries": "; ".join(queries), "notes": text}
    return out


def update_coverage(row: dict[str, str], search: dict[str, str] | None) -> None:
    if not search:
        return
    row[CoverageCol.SEARCHED_ON] = max(row[CoverageCol.SEARCHED_ON], search["searched_on"])
    queries = search["queries"] or "national, regional and city queries in the local language (research round)"
    addition = f"{search['searched_on']} (dataset 2027.2) search:pages — {queries}"
    if addition not in row[CoverageCol.SOURCES_SEARCHED]:
        row[CoverageCol.SOURCES_SEARCHED] = f"{row[CoverageCol.SOURCES_SEARCHED]} | {addition}".strip(" |")
    if search["notes"]:
        note = f"2027.2 search ({search['searched_on']}): {search['notes']}"
        if note not in row[CoverageCol.NOTES]:
            row[CoverageCol.NOTES] = f"{row[CoverageCol.NOTES]} | {note}".strip(" |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=Path, default=NOTES)
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of policy_actions.csv and coverage.csv")
    parser.add_argument("--rows", nargs="*", default=ROW_FILES, help=f"files of new rows (default: {' '.join(ROW_FILES)})")
    parser.add_argument("--corroborations", nargs="*", default=CORROBORATION_FILES,
                        help=f"files of corroborations (default: {' '.join(CORROBORATION_FILES)})")
    args = parser.parse_args(argv)
    region_ids = set(region_table(load_geojson()).index)

    actions_path, coverage_path = args.data / "policy_actions.csv", args.data / "coverage.csv"
    header, rows = read_rows(actions_path)
    known = {r[Col.ACTION_ID]: actions_path.name for r in rows}
    report: list[str] = []

    new_rows, origin = [], {}
    row_files, corroboration_files = inputs(args.notes, args.rows, args.corroborations)
    for path in row_files:
        _, incoming = read_rows(path)
        for row in map(clean, incoming):
            action_id = row.get(Col.ACTION_ID, "")
            if action_id in known:
                report.append(f"dropped {action_id} ({path.name}): already in {known[action_id]}")
                continue
            known[action_id] = path.name
            new_rows.append({c: row.get(c, "") for c in header})
            origin[action_id] = path.name
            extra = sorted(set(row) - set(header))
            if extra:
                report.append(f"note {action_id}: columns not in the CSV ignored: {', '.join(extra)}")

    undo: dict[str, dict[str, str]] = {}
    applied = 0
    by_id = {r[Col.ACTION_ID]: r for r in rows + new_rows}
    for corroboration_path in corroboration_files:
        for c in map(lambda r: {k.strip(): (v or "").strip() for k, v in r.items() if k}, read_rows(corroboration_path)[1]):
            target = by_id.get(c.get(Col.ACTION_ID, ""))
            if target is None:
                report.append(f"corroboration for {c.get(Col.ACTION_ID)!r} not applied: no such action")
                continue
            action_id = target[Col.ACTION_ID]
            undo.setdefault(action_id, dict(target))
            more = [u.strip() for u in c.get(Col.MORE_SOURCES, "").split(";") if u.strip()]
            target[Col.MORE_SOURCES] = joined(target[Col.MORE_SOURCES].split(";") if target[Col.MORE_SOURCES] else [],
                                              [u for u in more if u != target[Col.SOURCE_URL]])
            if c.get(Col.ISSUER_URL_NOT_OPENED):
                target[Col.ISSUER_URL_NOT_OPENED] = c[Col.ISSUER_URL_NOT_OPENED]
            level = RETIRED_VERIFICATION.get(c.get("new_verification", ""), c.get("new_verification", ""))
            if level in VERIFICATION:
                target[Col.VERIFICATION] = level
            elif level:
                report.append(f"corroboration for {action_id}: level {level!r} is not one of {', '.join(VERIFICATION)}")
            fixes = corrections(c.get("correction", ""), header)
            evidence = urls(c.get("correction", "")) + urls(c.get("evidence_note", "")) + more
            if fixes is None:
                report.append(f"correction for {action_id} not applied: not field=value pairs: {c['correction']!r}")
            elif fixes and not evidence:
                report.append(f"correction for {action_id} not applied: no evidence URL given ({c['correction']!r})")
            elif fixes:
                target.update(fixes)
                target[Col.MORE_SOURCES] = joined(target[Col.MORE_SOURCES].split(";") if target[Col.MORE_SOURCES] else [],
                                                  [u for u in evidence[:1] if u != target[Col.SOURCE_URL]])
                report.append(f"corrected {action_id}: " + ", ".join(f"{k}={v}" for k, v in fixes.items())
                              + f" (evidence {evidence[0]})")
            applied += 1

    merged = rows + new_rows
    dropped = []
    while True:
        found = problems_by_row(header, merged, region_ids)
        if not found:
            break
        if -1 in found:
            raise SystemExit("the file as a whole is refused: " + "; ".join(found[-1]))
        for index in sorted(found, reverse=True):
            row = merged[index]
            action_id = row[Col.ACTION_ID]
            if action_id in origin and all(CORROBORATED_RULE in p for p in found[index]):
                row[Col.VERIFICATION] = "reported"
                report.append(f"fixed {action_id} ({origin[action_id]}): corroborated -> reported, its further "
                              f"report is on the same host as source_url (kept in more_sources)")
            elif action_id in origin:
                dropped.append(f"dropped {action_id} ({origin.pop(action_id)}): " + "; ".join(found[index]))
                del merged[index]
            elif action_id in undo:
                report.append(f"corroboration for {action_id} undone: " + "; ".join(found[index]))
                merged[index] = undo.pop(action_id)
                applied -= 1
            else:
                raise SystemExit(f"existing row {action_id} is invalid: " + "; ".join(found[index]))

    coverage_header, coverage = read_rows(coverage_path)
    counts = pd.Series([r[Col.REGION_ID] for r in merged if r[Col.REGION_ID]]).value_counts()
    searched = search_notes(args.notes)
    for row in coverage:
        region = row[CoverageCol.REGION_ID]
        row[CoverageCol.ACTIONS_FOUND] = str(int(counts.get(region, 0)))
        update_coverage(row, searched.get(region))
    coverage_frame = pd.DataFrame([[r.get(c, "") for c in coverage_header] for r in coverage], columns=coverage_header,
                                  dtype=str)
    actions_frame = pd.DataFrame([[r.get(c, "") for c in header] for r in merged], columns=header, dtype=str)
    coverage_problems = validate_coverage_frame(coverage_frame, region_ids, dt.date.today(), actions_frame)

    added = len(merged) - len(rows)
    print("inputs: " + ", ".join(p.name for p in row_files + corroboration_files))
    print(f"{actions_path.name}: {len(rows)} rows kept in order, {added} appended, {len(dropped)} dropped; "
          f"{applied} corroborations applied; coverage from search notes for {len(searched)} regions")
    for line in report + dropped:
        print("  " + line)
    if coverage_problems:
        print("coverage.csv would be invalid; nothing written:")
        for p in coverage_problems:
            print(f"  {p}")
        return 1
    if not args.dry_run:
        write_rows(actions_path, header, merged)
        write_rows(coverage_path, coverage_header, coverage)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
