"""Shared fixtures: the bundled dataset, a small hand-made dataset, and browser set-up.

Browser tests run in Debian's headless Chromium. Without a Chromium they skip with a
clear message on a developer's machine, and fail under CI (CI=true), where a missing
browser means a broken install step, not a reason to pass.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from components.core.data.dataset import DEFAULT_ACTIONS_PATH, DEFAULT_REGIONS_PATH, load_dataset

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM:
    os.environ.setdefault("DASH_TEST_CHROMEPATH", CHROMIUM)

HEADER = ("action_id,date,date_precision,country,level,region_id,locality,issuer,title,title_original,"
          "action_type,summary,source_name,source_url,verification,tags")

SMALL_ROWS = [
    "kr-nat-2021-05-alliance,2021-05-18,day,KR,national,,,MSIT,Metaverse Alliance launched,메타버스 얼라이언스,body_alliance,Launched.,MSIT,https://example.org/a,reported,platform",
    "kr-11-2021-11-seoul-plan,2021-11-03,day,KR,provincial,KR-11,,Seoul Metropolitan Government,Metaverse Seoul Basic Plan,메타버스 서울 추진 기본계획,strategy_plan,Plan.,Seoul,https://example.org/b,verified,platform",
    "cn-sh-2021-12-fyp,2021-12-30,day,CN,provincial,CN-SH,,Shanghai Municipal Government,Shanghai 14th Five-Year Plan for the electronic information industry,上海市电子信息产业发展十四五规划,five_year_plan,Plan.,News,,reported,VR",
    "cn-sh-2022-07-track,2022-07-08,day,CN,provincial,CN-SH,,Shanghai Municipal Government,Shanghai action plan for the new metaverse track,上海市培育元宇宙新赛道行动方案,strategy_plan,Plan.,News,https://example.org/c,reported,VR",
    "cn-js-2022-01-binhu,2022-01-05,day,CN,district,CN-JS,\"Wuxi, Binhu District\",Binhu District Government,Binhu metaverse ecological industry development plan,元宇宙生态产业发展规划,strategy_plan,Plan.,News,https://example.org/d,reported,VR",
    "cn-nat-2023-09-three-year,2023-09-08,day,CN,national,,,MIIT and four departments,Three-year action plan for metaverse industry innovation,元宇宙产业创新发展三年行动计划,strategy_plan,Plan.,News,https://example.org/e,reported,VR",
    "jp-13-2023-03-event,2023-03-01,month,JP,provincial,JP-13,,Tokyo Metropolitan Government,Tokyo metaverse event,,event,Event.,News,https://example.org/f,reported,event",
]


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def bundled():
    return load_dataset(DEFAULT_ACTIONS_PATH)


@pytest.fixture(scope="session")
def real_adjacency():
    """Neighbours from data/regions.geojson, computed once per test session."""
    from components.core.analysis import adjacency_for_file

    return adjacency_for_file(DEFAULT_REGIONS_PATH)


@pytest.fixture(scope="module")
def small_app(tmp_path_factory):
    """The whole app on the small CSV, built once per test module (its routes through ``small_client``)."""
    from app import create_app

    return create_app(write_csv(tmp_path_factory.mktemp("small-app") / "small.csv", SMALL_ROWS), version="test")


@pytest.fixture(scope="module")
def small_client(small_app):
    return small_app.server.test_client()


@pytest.fixture
def small_csv(tmp_path) -> Path:
    return write_csv(tmp_path / "small.csv", SMALL_ROWS)


@pytest.fixture
def small(small_csv):
    return load_dataset(small_csv, today=dt.date(2024, 6, 30), version="test")


def pytest_setup_options():
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in ("--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1600,1200"):
        options.add_argument(flag)
    return options


def pytest_collection_modifyitems(config, items):
    if CHROMIUM and CHROMEDRIVER:
        return
    browser_items = [i for i in items if "browser" in i.keywords]
    if not browser_items:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "CI is set but no Chromium/chromedriver was found: install Debian's chromium and chromium-driver "
            "(.ci/run does this) - browser tests may not be skipped in CI."
        )
    skip = pytest.mark.skip(reason="no Chromium found: apt-get install chromium chromium-driver to run browser tests")
    for item in browser_items:
        item.add_marker(skip)
