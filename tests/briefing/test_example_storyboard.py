"""The bundled storyboard: every region and action its captions name is in that scene's view.

The action ids below are the claims each caption makes, read off the caption by hand; region
names are found in the caption text itself (any region of the boundary file, by English name).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.core.briefing import storyboard as sb
from components.core.data.columns import Col, RegionCol
from components.core.view.metrics import table_actions

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "storyboards" / "metaverse-wave.json"

CLAIMS = {
    1: ["kr-nat-2021-05-metaverse-alliance", "jp-nat-2021-07-meti-virtual-space-report",
        "kr-seoul-2021-11-metaverse-seoul-basic-plan", "kr-29-2021-11-ai-metaverse-convergence-city",
        "kr-45-2021-11-jeonbuk-metaverse-council", "cn-zj-2021-11-metaverse-industry-symposium"],
    2: ["cn-sh-2021-12-electronic-information-industry-14th-fyp", "cn-ah-2022-01-hefei-government-work-report",
        "cn-hb-2022-01-wuhan-government-work-report", "cn-sh-2022-01-xuhui-government-work-report",
        "cn-bj-2022-01-li-jun-metaverse-alliance-proposal", "cn-gd-2022-01-gd-cppcc-li-wanyi-metaverse"],
    3: ["kr-nat-2022-01-metaverse-new-industry-strategy", "kr-nat-2022-02-msit-metaverse-ecosystem-budget",
        "kr-47-2022-02-metaverse-capital-gyeongbuk-concept", "kr-26-2022-08-meta-busan-platform-projects",
        "kr-31-2022-08-ulsan-metaverse-platform-projects", "kr-49-2022-07-jeju-tourism-metaverse"],
    4: ["cn-sh-2022-07-metaverse-new-track-action-plan", "cn-ha-2022-09-metaverse-industry-action-plan",
        "cn-zj-2022-12-metaverse-industry-action-plan", "cn-fj-2022-03-xiamen-metaverse-three-year-plan",
        "cn-hb-2022-11-wuhan-metaverse-implementation-plan", "cn-js-2022-11-kunshan-metaverse-action-plan",
        "cn-sc-2022-12-chengdu-metaverse-action-plan", "cn-sd-2022-12-weifang-metaverse-capital-action-plan"],
    5: ["jp-nat-2022-08-mic-web3-metaverse-study-group", "jp-nat-2023-07-mic-web3-metaverse-study-group-report",
        "jp-nat-2022-10-digital-agency-web3-study-group", "jp-nat-2022-11-ip-hq-metaverse-public-private-council",
        "jp-13-2022-12-tokyo-boe-virtual-learning-platform", "jp-43-2022-11-kumamon-metaverse"],
    6: ["cn-nat-2023-09-metaverse-industry-three-year-action-plan", "cn-cq-2023-09-chongqing-metaverse-action-plan",
        "cn-sd-2023-09-metaverse-guiding-opinions", "cn-sc-2023-09-sichuan-metaverse-action-plan",
        "cn-js-2023-10-metaverse-industry-action-plan"],
    7: ["kr-nat-2024-02-virtual-convergence-industry-act-passed",
        "kr-nat-2024-08-virtual-convergence-act-enforcement-decree",
        "kr-41-2024-06-gyeonggi-virtual-convergence-ordinance", "kr-43-2024-11-chungbuk-virtual-convergence-ordinance"],
    8: ["kr-42-2024-03-virtual-gangwon-terminated", "kr-11-2024-07-metaverse-seoul-closure",
        "kr-28-2024-07-meta-incheon-launch-suspended", "kr-28-2025-02-meta-incheon-abandoned",
        "kr-30-2024-09-daedeok-metaverse-world-closed", "jp-nat-2024-05-cabinet-office-plattoverse-early-closure"],
    9: ["jp-11-2025-09-saitama-education-metaverse", "jp-12-2025-11-chiba-after-school-metaverse",
        "jp-43-2025-11-kumamoto-online-education-support-centre", "kr-nat-2025-12-designation-of-18-support-centres"],
}


@pytest.fixture(scope="module")
def example(bundled):
    return sb.parse_storyboard(EXAMPLE.read_bytes(), bundled)


def test_the_story_runs_from_the_seed_moment_to_the_cooling_with_notes_everywhere(example):
    assert example.title == "The metaverse policy wave in China, South Korea and Japan, 2021-2025"
    assert len(example.scenes) >= 8
    assert all(scene.notes.strip() for scene in example.scenes)
    assert set(CLAIMS) == set(range(1, len(example.scenes) + 1))
    ends = [scene.view.end for scene in example.scenes]
    assert ends[0] <= "2021-12" and ends[-1] >= "2025-01"


def names_in(caption: str, regions) -> set[str]:
    found = set()
    for region_id, row in regions.iterrows():
        for name in {row[RegionCol.NAME_EN], row[RegionCol.NAME_EN].split(" (")[0]}:
            if re.search(r"\b" + re.escape(name) + r"\b", caption):
                found.add(region_id)
    return found


@pytest.mark.parametrize("number", list(CLAIMS))
def test_every_region_and_action_a_caption_names_is_in_its_scene(example, bundled, number):
    scene = example.scenes[number - 1]
    rows = table_actions(bundled, scene.view)
    shown_regions = set(rows[Col.REGION_ID])
    named = names_in(scene.caption, bundled.regions)
    assert named, f"scene {number} names no region"
    assert named <= shown_regions, f"scene {number}: {sorted(named - shown_regions)} named but not in view"
    missing = [a for a in CLAIMS[number] if a not in set(rows[Col.ACTION_ID])]
    assert missing == [], f"scene {number}: cited actions not in view"


def test_the_file_is_written_as_the_app_writes_it(example):
    assert example.to_json() == EXAMPLE.read_text(encoding="utf-8")
