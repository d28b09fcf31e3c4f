"""A page of ours as an A4 PDF: Debian's headless Chromium printing it (``--print-to-pdf``), offline and time-bounded.

Why Chromium and not a PDF library: the dossier's print CSS already lays the page out for paper and
the briefing's map picture already needs Chromium (``briefing.render``), so the file a user downloads
is what their own browser would print, CJK fonts (fonts-noto-cjk) included, with no second layout to
keep in step. Why these flags: the page is self-contained (inline styles, a data: picture, inline
SVG) and is read from a temporary file; every network request is sent to a closed proxy, so nothing
is fetched even if a link slipped in; the run has its own throw-away profile and a hard time limit.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from components.core.briefing.render import RenderError, chromium_path

PDF_TIMEOUT_S = 60
A4_STYLE = "<style>@page { size: A4; margin: 14mm 12mm; }</style>"


class NoChromium(RenderError):
    """No Chromium to print with."""


def html_to_pdf(page: bytes, timeout: float = PDF_TIMEOUT_S) -> bytes:
    """``page`` (a whole HTML document, UTF-8) printed on A4; raises ``NoChromium`` or ``RenderError``."""
    try:
        browser = chromium_path()
    except RenderError as err:
        raise NoChromium(str(err)) from err
    page = page.replace(b"</head>", A4_STYLE.encode() + b"</head>", 1)
    with tempfile.TemporaryDirectory(prefix="atlas-pdf-") as work:
        source, target = Path(work) / "page.html", Path(work) / "page.pdf"
        source.write_bytes(page)
        command = [
            browser, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={Path(work) / 'profile'}", "--no-pdf-header-footer",
            f"--print-to-pdf={target}", source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as err:
            raise RenderError(f"Chromium did not print the page within {timeout:g} s") from err
        except OSError as err:
            raise NoChromium(f"Chromium could not be started: {err}") from err
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RenderError(f"Chromium printed no PDF (exit {done.returncode}): {tail[0]}")
        return target.read_bytes()
