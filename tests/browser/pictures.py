"""Picture-test tools: a steady screenshot, what the map painted where, and golden images compared with tolerance.

Why pictures and not only the DOM: a region whose outer ring is wound the wrong way is a valid
path with the right fill, and plotly.js paints it over the whole globe (issue 19). Only the
picture shows that, so these tools read what Chromium painted.

Steady: the viewport is set exactly (device metrics, scale 1), transitions and animations are off,
the text caret is hidden, the web fonts have loaded, the browser engine has finished drawing and a
phone's map box has been fitted to its frame before anything is read, so the same code gives the
same picture on every run.

Goldens are stored at half resolution (``GOLDEN_SCALE``; box-averaged, small files) and compared
with scikit-image: a pixel differs when its colour is farther than ``COLOUR_DELTA`` (CIE76 in Lab)
from every pixel within one pixel of it in the golden (a glyph's antialiasing moved by a pixel is
not a change; a region painted another colour is), and the picture differs when more than
``MAX_DIFFERING`` of its pixels do, or when its structural similarity (SSIM) falls below
``MIN_SSIM``. Calibrated on this machine: the same page drawn with Chromium's
``--disable-font-subpixel-positioning`` (every glyph placed up to a pixel elsewhere) differs in
0.43% of its pixels, SSIM 0.940, and passes; the overview map with two rings wound the wrong way
fails. A failed comparison writes actual, expected and diff images to the folder it names
(``$ATLAS_PICTURE_DIFFS``, else ``build-cache/picture-diffs``). ``make screenshots``
(``ATLAS_UPDATE_PICTURES=1``) writes the goldens instead, and the README's pictures with them.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image
from skimage.color import deltaE_cie76, rgb2lab
from skimage.metrics import structural_similarity

from components.core.data.dataset import DEFAULT_ACTIONS_PATH, Dataset, load_dataset

from .conftest import wait_for, wait_for_engine

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDENS = Path(__file__).resolve().parent / "goldens"
DIFFS = Path(os.environ.get("ATLAS_PICTURE_DIFFS") or ROOT / "build-cache" / "picture-diffs")
UPDATING = os.environ.get("ATLAS_UPDATE_PICTURES") == "1"
#: The README's pictures: goldens too, at full size, so the README cannot fall behind the code.
README_PICTURES = {"atlas": ROOT / "assets" / "docs" / "screenshot.png",
                   "briefing-scene-01": ROOT / "assets" / "docs" / "briefing-scene-01.png"}

GOLDEN_SCALE = 2
COLOUR_DELTA = 12.0
MAX_DIFFERING = 0.01
MIN_SSIM = 0.90

STEADY_CSS = """
*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }
"""

STEADY_JS = """
const done = arguments[arguments.length - 1];
if (!document.getElementById('picture-steady')) {
  const style = document.createElement('style');
  style.id = 'picture-steady';
  style.textContent = arguments[0];
  document.head.appendChild(style);
}
const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
const fitted = () => window.atlas && window.atlas.phone && window.atlas.phone.fitted ? window.atlas.phone.fitted() : null;
Promise.all([document.fonts.ready, window.atlas && window.atlas.map ? window.atlas.map.settled() : null])
  .then(frames).then(fitted).then(frames).then(() => done(true), () => done(false));
"""


@functools.cache
def picture_dataset() -> Dataset:
    """The bundled data with its month axis ending at its last action (not today), so pictures do not move with the calendar."""
    return load_dataset(DEFAULT_ACTIONS_PATH, today=picture_today())


@functools.cache
def picture_today() -> dt.date:
    """The bundled data's last action date."""
    return dt.date.fromisoformat(max(pd.read_csv(DEFAULT_ACTIONS_PATH, usecols=["date"], dtype=str)["date"]))


def screen(driver, width: int, height: int) -> None:
    """A viewport of exactly this size at scale 1; below 768 px a phone's (as tests/browser/test_phone_layout.py)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 768})


def steady(driver) -> None:
    """No motion left: animations off, fonts loaded, no draw running or waiting, two frames painted."""
    driver.set_script_timeout(30)
    assert driver.execute_async_script(STEADY_JS, STEADY_CSS), "the page did not settle"


def open_view(duo, link: str, width: int, height: int) -> None:
    """Open the atlas at ``link`` in a ``width`` x ``height`` viewport and wait until the map is drawn and still."""
    screen(duo.driver, width, height)
    duo.driver.get(duo.server_url + "/" + link)
    wait_for_engine(duo)
    assert duo.driver.execute_script("return [innerWidth, innerHeight]") == [width, height]
    steady(duo.driver)


def viewport_picture(driver) -> Image.Image:
    """What the screen shows, as Chromium painted it (no scroll bar added, no resize)."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")


def flattened(image: Image.Image) -> Image.Image:
    """RGB as a viewer shows the picture: a transparent background (the map PNG's) over white."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    return image.convert("RGB")


def halved(image: Image.Image) -> Image.Image:
    return flattened(image).reduce(GOLDEN_SCALE)


def difference(expected: Image.Image, actual: Image.Image) -> tuple[np.ndarray, float]:
    """Per pixel, whether ``actual`` differs from ``expected`` (see the module's docstring); and their SSIM."""
    want, got = np.asarray(expected.convert("RGB")), np.asarray(actual.convert("RGB"))
    want_lab, got_lab = rgb2lab(want), rgb2lab(got)
    height, width = want.shape[:2]
    padded = np.pad(want_lab, ((1, 1), (1, 1), (0, 0)), mode="edge")
    nearest = np.full((height, width), np.inf)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            nearest = np.minimum(nearest, deltaE_cie76(padded[dy:dy + height, dx:dx + width], got_lab))
    similarity = structural_similarity(want, got, channel_axis=2, data_range=255)
    return nearest > COLOUR_DELTA, float(similarity)


def diff_picture(expected: Image.Image, differing: np.ndarray) -> Image.Image:
    """The golden faded to grey, with the differing pixels in red."""
    faded = np.asarray(expected.convert("L"), dtype=float) * 0.3 + 255 * 0.7
    out = np.repeat(faded[:, :, None], 3, axis=2).astype(np.uint8)
    out[differing] = (220, 0, 0)
    return Image.fromarray(out)


def save_png(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)


def matches_golden(name: str, picture: Image.Image, golden: Path | None = None) -> None:
    """Assert that ``picture`` looks like its golden (``goldens/<name>.png`` at half size, or ``golden``,
    a full-size picture such as the README's); with ``ATLAS_UPDATE_PICTURES=1`` write it instead."""
    full_size = golden is not None
    path = golden or GOLDENS / f"{name}.png"
    if UPDATING:
        save_png(flattened(picture) if full_size else halved(picture), path)
        return
    assert path.exists(), f"no golden {path.relative_to(ROOT)}: run `make screenshots` and look at what it wrote"
    expected = Image.open(path).convert("RGB")
    actual = halved(picture)
    if full_size:
        expected = halved(expected)
    folder = DIFFS / name
    if expected.size != actual.size:
        save_png(actual, folder / "actual.png")
        save_png(expected, folder / "expected.png")
        raise AssertionError(f"{name}: picture is {actual.size}, golden {expected.size} (half size); "
                             f"actual and expected written to {folder}")
    differing, similarity = difference(expected, actual)
    share = float(differing.mean())
    if share > MAX_DIFFERING or similarity < MIN_SSIM:
        save_png(actual, folder / "actual.png")
        save_png(expected, folder / "expected.png")
        save_png(diff_picture(expected, differing), folder / "diff.png")
        raise AssertionError(
            f"{name}: {share:.2%} of pixels differ from the golden (at most {MAX_DIFFERING:.2%}), SSIM {similarity:.4f} "
            f"(at least {MIN_SSIM}); actual, expected and diff written to {folder}")


def wait_for_download(folder: Path, pattern: str, exclude=(), min_bytes: int = 10_000) -> Path:
    """A file the browser has finished downloading (not one of ``exclude``, the files there before)."""
    found = wait_for(lambda: sorted(set(folder.glob(pattern)) - set(exclude)), message=f"a downloaded {pattern}")
    wait_for(lambda: found[0].stat().st_size >= min_bytes and not list(folder.glob("*.crdownload")),
             message="the download written")
    return found[0]
