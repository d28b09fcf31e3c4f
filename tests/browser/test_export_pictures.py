"""Every file a briefing hands on, as a person opens it, compared with its golden: a PPTX scene slide rendered
by LibreOffice, the offline briefing page in Chromium with the network blocked, and the slide picture
the README shows (``--formats png``).

Why: a map file is read by someone who never opens the atlas, so what it looks like is the product
too. PowerPoint is not on the machine; LibreOffice Impress (headless, ``soffice --convert-to pdf``)
and poppler's ``pdftoppm`` are Debian's, and draw the slide as a reader's office suite would.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest
from PIL import Image

from components.core import briefing
from components.core.briefing import storyboard as sb

from . import pictures
from .conftest import wait_for
from .test_briefing_offline import EXAMPLE, offline_browser  # noqa: F401  (the fixture, shared)

pytestmark = pytest.mark.browser

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
#: The slide's width in the rendered image (the deck is 13.33 x 7.5 inches).
SLIDE_PX = 1280


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The bundled storyboard's briefing (HTML, PPTX and slide pictures), from the dataset the pictures are drawn with."""
    dataset = pictures.picture_dataset()
    story = sb.parse_storyboard(open(EXAMPLE, "rb").read(), dataset)
    out = tmp_path_factory.mktemp("briefing")
    briefing.write_briefing(dataset, story, out, formats=("html", "pptx", "png"))
    page = out / "briefing.html"  # its header says the day it was made: the picture's day, so the golden holds tomorrow
    page.write_text(page.read_text(encoding="utf-8").replace(dt.date.today().isoformat(), pictures.picture_today().isoformat()),
                    encoding="utf-8")
    return out


def needs(tool: str | None, package: str):
    if tool:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {package} is missing: .ci/run installs it")
    pytest.skip(f"no {package}: apt-get install {package}")


def test_a_pptx_scene_slide_rendered_by_libreoffice_looks_like_its_golden(written, tmp_path):
    needs(SOFFICE, "libreoffice-impress")
    needs(PDFTOPPM, "poppler-utils")
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(written / "briefing.pptx")],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "briefing.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    # Page 1 is the cover; page 2 is the first scene.
    subprocess.run([PDFTOPPM, "-png", "-f", "2", "-l", "2", "-scale-to-x", str(SLIDE_PX), "-scale-to-y", str(SLIDE_PX * 9 // 16),
                    "-singlefile", str(pdf), str(tmp_path / "slide")], check=True, capture_output=True, timeout=60)
    slide = Image.open(tmp_path / "slide.png").convert("RGB")
    assert slide.size == (SLIDE_PX, SLIDE_PX * 9 // 16)
    pictures.matches_golden("export-pptx-scene-01", slide)


def test_the_slide_picture_is_the_readmes(written):
    slide = Image.open(written / briefing.PREVIEW_DIR / "scene-01.png").convert("RGB")
    assert slide.size == (1920, 1080)
    pictures.matches_golden("readme-briefing-scene-01", slide, golden=pictures.README_PICTURES["briefing-scene-01"])


def test_the_offline_briefing_looks_like_its_golden_with_the_network_blocked(offline_browser, written):  # noqa: F811
    driver = offline_browser
    pictures.screen(driver, 1600, 1000)
    driver.get((written / "briefing.html").as_uri())
    wait_for(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), message="every scene's map")
    pictures.steady(driver)
    pictures.matches_golden("export-briefing-html", pictures.viewport_picture(driver))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
