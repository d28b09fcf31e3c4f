"""Map figures to PNG without the network: kaleido driving Debian's Chromium on a page we write ourselves.

Why a page of our own: kaleido's default page loads MathJax and, for geo maps, the base-map
TopoJSON from a CDN. Here the page carries the vendored plotly.js partial bundle (the one the
app runs on) and the base map inline in ``window.PlotlyGeoAssets``, so nothing is fetched.
kaleido must not download a browser either: it is pointed at Chromium (``ATLAS_CHROMIUM``, else
``chromium`` on the PATH; ``.ci/run`` installs it, with ``fonts-noto-cjk`` so CJK names render).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go

ROOT = Path(__file__).resolve().parents[3]
PLOTLY_JS = ROOT / "assets" / "vendor" / "plotly-geo.min.js"
BASE_MAP = ROOT / "assets" / "topojson" / "world_110m.json"
RENDER_TIMEOUT_S = 120


class RenderError(RuntimeError):
    """No browser to render with, or the browser failed; the message says which."""


def chromium_path() -> str:
    path = os.environ.get("ATLAS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RenderError("No Chromium found to render map images: install Debian's chromium "
                          "(apt-get install chromium) or set ATLAS_CHROMIUM to its path.")
    return path


def geo_assets_script() -> str:
    """``window.PlotlyGeoAssets`` with the base map inline (plotly.js then fetches no TopoJSON)."""
    return '<script>window.PlotlyGeoAssets={topojson:{"world_110m":' + BASE_MAP.read_text(encoding="utf-8") + "}};</script>"


class _Page:
    """kaleido's page, without CDN scripts: our plotly.js bundle and the base map."""

    def generate_index(self) -> str:
        from kaleido._page_generator import KJS_PATH

        return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style id="head-style"></style>'
                f'{geo_assets_script()}<script src="{PLOTLY_JS.as_uri()}"></script>'
                f'<script src="{KJS_PATH.as_uri()}"></script></head>'
                '<body style="margin: 0; padding: 0;"><img id="kaleido-image" /></body></html>')


async def _render(figures: list[go.Figure], width: int, height: int, scale: float) -> list[bytes]:
    import kaleido

    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    async with kaleido.Kaleido(n=1, page_generator=_Page(), path=chromium_path(), timeout=RENDER_TIMEOUT_S) as k:
        return [await k.calc_fig(figure, opts=opts) for figure in figures]


def render_png(figures: list[go.Figure], width: int = 1600, height: int = 1000, scale: float = 1.0) -> list[bytes]:
    """Each figure as PNG bytes, ``width`` x ``height`` CSS pixels times ``scale``, in one browser session."""
    if not figures:
        return []
    try:
        return asyncio.run(_render(figures, width, height, scale))
    except RenderError:
        raise
    except Exception as err:  # kaleido and choreographer raise their own kinds; the caller needs one
        raise RenderError(f"Rendering the map images failed: {err}") from err
