"""Write the ``topics`` column of ``data/policy_actions.csv``: each action's codes of the topic vocabulary.

Why a script and not hand edits: the dataset grows (other rows are appended between releases), and
topics must be derived the same way for every row, old or new. This reads each row's ``tags``,
English ``title`` and ``summary`` and ``action_type`` and applies the reviewed rules below, in a
fixed order, so the same row always gets the same codes; then ``data/topic_overrides.csv``
(``action_id,topics,reason``) replaces the codes of rows the rules get wrong. The ``topics``
column is written after ``tags`` (replaced if it is there); every other byte of the file stays as
it was. It stops, writing nothing, if an action ends with no topic, if an override names an
unknown action or code, or if an override is no longer needed (it equals what the rules give).

    python -m scripts.assign_topics            # rewrite data/policy_actions.csv
    python -m scripts.assign_topics --check    # exit 1 if the file's topics differ from the rules' (CI)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.core.data.topics import SEPARATOR, TOPICS, split  # noqa: E402

ACTIONS = ROOT / "data" / "policy_actions.csv"
OVERRIDES = ROOT / "data" / "topic_overrides.csv"
COLUMN = "topics"

#: Free tags (lower case) that name a topic outright.
TAG_RULES = {
    "industry": {"industry promotion", "industry", "future industries", "investment promotion", "industrial park",
                 "industry association", "digital economy", "industrial policy", "economy", "pilot zone",
                 "metaverse hub", "support centres", "trade", "commerce"},
    "manufacturing": {"industrial metaverse", "manufacturing", "new industrialisation"},
    "xr": {"vr", "ar", "xr", "avatar", "digital human", "content", "content platform", "gaming"},
    "digital_twin": {"digital twin", "smart city"},
    "web3": {"blockchain", "nft", "web3", "dao", "digital collectibles"},
    "tech": {"ai", "generative ai", "r&d", "r&d funding", "research institute", "data centres", "testbed"},
    "education": {"education", "training", "schools"},
    "tourism_culture": {"tourism", "culture", "culture-tourism", "sport", "expo 2025", "exhibition",
                        "digital archive"},
    "health_welfare": {"welfare", "health", "marriage support"},
    "local_life": {"regions", "migration", "metaverse nomad", "relationship population", "demography", "remote work",
                   "hometown tax", "agriculture"},
    "public_services": {"public services", "city administration"},
    "rules_safety": {"standards", "ethics", "legislation", "user protection", "law", "regulation",
                     "regulatory sandbox", "self-regulation", "copyright", "ip", "minors", "decree", "ordinance",
                     "oversight"},
    "finance": {"finance", "funding", "fund", "budget", "subsidy", "r&d funding"},
}

#: Kinds of action that are about a topic by their nature.
TYPE_RULES = {
    "zone_park": "industry",
    "funding": "finance",
    "standard": "rules_safety",
    "law_regulation": "rules_safety",
}

#: Words of the English title and summary (case-insensitive unless the pattern says otherwise).
TEXT_RULES = {
    "industry": r"metaverse industr|industry development|future industr|digital economy|industr(y|ial) (cluster|park|base)|\bclusters?\b|"
                r"investment promotion|start-?ups?\b",
    "manufacturing": r"industrial metaverse|manufactur|factor(y|ies)",
    "xr": r"(?-i:\b(VR|AR|MR|XR)\b)|virtual reality|augmented reality|mixed reality|extended reality|immersive|"
          r"avatars?\b|digital humans?|\bgames?\b|gaming",
    "digital_twin": r"digital twin|smart[- ]cit(y|ies)|3D city|PLATEAU",
    "web3": r"blockchain|(?-i:\bNFTs?\b)|web ?3|digital collectibles?|(?-i:\bDAOs?\b)",
    "tech": r"artificial intelligence|(?-i:\bAI\b)|research and development|(?-i:\bR&D\b)|core technolog|test ?beds?\b|"
            r"data cent(re|er)s?",
    "education": r"educat|\bschools?\b|universit|\bstudents?\b|\bpupils?\b|\btraining\b",
    "tourism_culture": r"touris|cultur|heritage|museum|\bsports?\b|e-?sports|exhibition|"
                       r"\bexpo\b|concert|(?-i:\bK-pop\b)|\banime\b",
    "health_welfare": r"\bhealth\b|health care|medical|hospital|welfare|elderly|disabilit|loneliness|isolation|social withdrawal|"
                      r"marriage|childcare|child-rearing|mental",
    "local_life": r"revitali[sz]|migration|relocation|relationship population|remote work|nomad|depopulat|"
                  r"agricultur|hometown tax|\bfarm",
    "public_services": r"public services?|civil (services?|complaints?)|administrative services?|city hall|"
                       r"ward office|virtual office|metaverse office|government services?|counsell?ing",
    "rules_safety": r"\bstandard(s|i[sz]ation)?\b|regulat|\blaws?\b|legislation\b|legislative research|legal framework|ordinance|ethic|principles|user protection|"
                    r"protection of (users|minors)|fraud|fundraising|\brisks?\b|copyright|intellectual property|"
                    r"sandbox|consumer",
    "finance": r"\bfund(s|ing)?\b|budget|subsid|financ|\bgrants?\b",
}
_TEXT = {code: re.compile(pattern, re.IGNORECASE) for code, pattern in TEXT_RULES.items()}


def rule_topics(row: dict[str, str]) -> list[str]:
    """The codes the rules give a row, in the vocabulary's order."""
    tags = {t.strip().lower() for t in row["tags"].split(";") if t.strip()}
    text = f"{row['title']}\n{row['summary']}"
    found = {code for code, names in TAG_RULES.items() if tags & names}
    if row["action_type"] in TYPE_RULES:
        found.add(TYPE_RULES[row["action_type"]])
    found |= {code for code, pattern in _TEXT.items() if pattern.search(text)}
    return [code for code in TOPICS if code in found]


def read_overrides(path: Path = OVERRIDES) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["action_id"]: split(row["topics"]) for row in csv.DictReader(handle)}


def assign(text: str, overrides: dict[str, list[str]]) -> tuple[str, list[str]]:
    """The CSV text with its ``topics`` column written, and the problems that forbid writing it."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    if COLUMN in header:
        at = header.index(COLUMN)
        header, body = header[:at] + header[at + 1:], [r[:at] + r[at + 1:] for r in body]
    at = header.index("tags") + 1
    problems, seen = [], set()
    out = [header[:at] + [COLUMN] + header[at:]]
    for line, cells in enumerate(body, start=2):
        row = dict(zip(header, cells))
        codes = rule_topics(row)
        action = row["action_id"]
        if action in overrides:
            seen.add(action)
            wanted = overrides[action]
            bad = [c for c in wanted if c not in TOPICS]
            if bad:
                problems.append(f"{OVERRIDES.name}: {action}: unknown topic code(s) {', '.join(bad)}")
            elif wanted == codes:
                problems.append(f"{OVERRIDES.name}: {action}: the rules already give {SEPARATOR.join(codes)}; "
                                "remove the override")
            codes = [c for c in TOPICS if c in wanted]
        if not codes:
            problems.append(f"row {line} ({action}): no topic; add a rule or a line to {OVERRIDES.name}")
        out.append(cells[:at] + [SEPARATOR.join(codes)] + cells[at:])
    problems += [f"{OVERRIDES.name}: {a}: no such action" for a in sorted(set(overrides) - seen)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(out)
    return buffer.getvalue(), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ACTIONS)
    parser.add_argument("--overrides", type=Path, default=OVERRIDES)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the file differs")
    args = parser.parse_args(argv)
    raw = args.data.read_text(encoding="utf-8-sig")
    written, problems = assign(raw, read_overrides(args.overrides))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if args.check:
        same = written == raw
        print(f"{args.data.name}: topics {'up to date' if same else 'differ from the rules; run python -m scripts.assign_topics'}")
        return 0 if same else 1
    args.data.write_text(written, encoding="utf-8")
    counts = {code: 0 for code in TOPICS}
    for row in csv.DictReader(io.StringIO(written)):
        for code in split(row[COLUMN]):
            counts[code] += 1
    print(f"{args.data.name}: topics written for {written.count(chr(10)) - 1} rows; "
          + ", ".join(f"{code} {n}" for code, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
