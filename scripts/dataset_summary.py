"""The counts paragraph of ``data/README.md``'s version section, computed from the bundled data.

Why: the manifest states how many actions there are by country, level, year, type, evidence level
and date precision; typed by hand these drift from the CSV. This writes the heading and the first
paragraph of the version section (``## Version ...`` up to the first blank line after it), and the
action count in the manifest table; ``tests/data/test_dataset.py`` checks the same numbers.

    python -m scripts.dataset_summary          # rewrite data/README.md
    python -m scripts.dataset_summary --print  # show the paragraph only
"""

from __future__ import annotations

import argparse
import re
import textwrap

from components.core.data.columns import ACTION_TYPES, COUNTRIES, Col, RegionCol
from components.core.data.dataset import load_dataset
from components.core.data.release import version_date
from scripts.dataset_csv import DATA

README = DATA / "README.md"
LEVELS_SHOWN = ("verified", "corroborated", "reported")


def paragraph() -> tuple[str, str, int]:
    dataset = load_dataset()
    a = dataset.actions
    total = len(a)
    country = a[Col.COUNTRY].value_counts()
    level = a[Col.LEVEL].value_counts()
    years = a[Col.DATE].dt.year.value_counts().sort_index()
    types = a[Col.ACTION_TYPE].value_counts()
    types = sorted(types.items(), key=lambda kv: (-kv[1], list(ACTION_TYPES).index(kv[0])))
    evidence = a[Col.VERIFICATION].value_counts()
    precision = a[Col.DATE_PRECISION].value_counts()
    share = {lv: round(100 * int(evidence.get(lv, 0)) / total) for lv in LEVELS_SHOWN}
    new = len(dataset.new_ids)
    sub_national = a[a[Col.REGION_ID] != ""]

    def reach(country: str) -> int:
        return sub_national.loc[sub_national[Col.COUNTRY] == country, Col.REGION_ID].nunique()

    def regions(country: str) -> int:
        return int((dataset.regions[RegionCol.COUNTRY] == country).sum())

    text = (
        f"{total} actions dated {a[Col.DATE].min():%Y-%m-%d} to {a[Col.DATE].max():%Y-%m-%d}: China {country.get('CN', 0)}, "
        f"Japan {country.get('JP', 0)}, South Korea {country.get('KR', 0)}; national {level.get('national', 0)}, "
        f"provincial {level.get('provincial', 0)}, municipal {level.get('municipal', 0)}, district "
        f"{level.get('district', 0)}. By year: {', '.join(f'{y} {n}' for y, n in years.items())}. "
        f"{int((a[Col.DATE] >= '2023-07-01').sum())} actions are dated 2023-07-01 or later and "
        f"{int((a[Col.DATE] >= '2025-01-01').sum())} are dated 2025 or later. "
        f"{int(evidence.get('verified', 0))} rows ({share['verified']}%) are `verified`, "
        f"{int(evidence.get('corroborated', 0))} ({share['corroborated']}%) `corroborated` and "
        f"{int(evidence.get('reported', 0))} ({share['reported']}%) `reported`; "
        f"{int(precision.get('day', 0))} are dated to the day, {int(precision.get('month', 0))} to the month, "
        f"{int(precision.get('year', 0))} to the year. By type: {', '.join(f'{t} {n}' for t, n in types)}. "
        f"{new} actions are new in this version (`CHANGELOG.md`). Sub-national actions reach "
        f"{reach('CN')} of {regions('CN')} Chinese provincial-level regions, {reach('KR')} of {regions('KR')} "
        f"Korean first-level regions and {reach('JP')} of {regions('JP')} Japanese prefectures."
    )
    heading = f"## Version {dataset.version} ({version_date()})"
    empty = [[name for region, name in dataset.regions[RegionCol.NAME_EN].items()
              if dataset.regions.at[region, RegionCol.COUNTRY] == country and region not in set(sub_national[Col.REGION_ID])]
             for country in COUNTRIES]
    listed = "; ".join(", ".join(names) for names in empty if names) or "none"
    absent = (f"Regions with no action: {listed}. Each was searched; `coverage.csv` records when, the sources and "
              "queries, and the candidates left out. Their absence on the map means \"nothing found in our sources\", "
              "not \"no action taken\".")
    wrap = dict(width=100, break_on_hyphens=False, break_long_words=False)
    return heading, textwrap.fill(text, **wrap), total, textwrap.fill(absent, **wrap)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print the paragraph; write nothing")
    args = parser.parse_args(argv)
    heading, text, total, absent = paragraph()
    if args.print:
        print(heading + "\n\n" + text + "\n\n" + absent)
        return 0
    readme = README.read_text(encoding="utf-8")
    readme, n = re.subn(r"^## Version [^\n]*\n\n.*?\n\n", lambda _: heading + "\n\n" + text + "\n\n", readme,
                        count=1, flags=re.MULTILINE | re.DOTALL)
    if n != 1:
        raise SystemExit("data/README.md has no '## Version' section")
    readme = re.sub(r"\| \d+ actions \|", f"| {total} actions |", readme, count=1)
    dataset = load_dataset()
    with_action = int(dataset.regions.index.isin(set(dataset.actions[Col.REGION_ID])).sum())
    regions = len(dataset.regions)
    readme = re.sub(r"\| \d+ regions \(\d+ with at least one action, \d+ with none\) \|",
                    f"| {regions} regions ({with_action} with at least one action, {regions - with_action} with none) |",
                    readme, count=1)
    readme, n = re.subn(r"^Regions with no action: .*?\n\n", lambda _: absent + "\n\n", readme, count=1,
                        flags=re.MULTILINE | re.DOTALL)
    if n != 1:
        raise SystemExit("data/README.md has no 'Regions with no action:' paragraph")
    README.write_text(readme, encoding="utf-8")
    print(heading)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
