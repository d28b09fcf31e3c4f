"""The dossier as a file (``/dossier/<REGION>.pdf``, printed by headless Chromium) and its citation of each action.

The PDF is read back with poppler's ``pdftotext``: it must hold the region's name and every action's
title as the page shows it, in a CJK language too, on A4.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from components.core import i18n
from components.core.briefing import cite, pdf
from components.core.data.columns import Col
from components.core.data.dataset import load_dataset
from tests.conftest import CHROMIUM, SMALL_ROWS, write_csv

from .test_dossier import page_text, render

needs_chromium = pytest.mark.skipif(not CHROMIUM or not shutil.which("pdftotext"),
                                    reason="needs Chromium and poppler-utils")


def squeeze(text: str) -> str:
    """Text without any white space (a PDF breaks lines where the page wrapped them)."""
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text, info


def test_the_dossier_cites_each_of_its_actions(bundled):
    facts, body = render(bundled, "CN-ZJ")
    page = body.decode()
    for action_id in facts.actions[Col.ACTION_ID]:
        found = cite.action_citation(bundled, action_id, "2026-11-29", "http://atlas.test/")
        assert f'id="cite-action-{action_id}"' in page
        assert found.apa in page_text(body)
        assert f"action={action_id}" in found.permalink


@needs_chromium
@pytest.mark.parametrize("lang, region, name", [("zh", "CN-SH", "上海市"), ("en", "KR-11", "Seoul")])
def test_the_pdf_holds_the_region_s_name_and_its_action_titles(small_client, no_chromium, tmp_path, lang, region, name):
    answer = small_client.get(f"/dossier/{region.lower()}.pdf?lang={lang}")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["Content-Disposition"] == \
        f'attachment; filename="metaverse-policy-dossier_{region}_vtest_{lang}.pdf"'
    assert answer.data.startswith(b"%PDF-")
    text, info = pdf_text(answer.data, tmp_path)
    assert "(A4)" in info
    assert name in text
    data = load_dataset(write_csv(tmp_path / "small.csv", SMALL_ROWS))
    mine = data.actions[data.actions[Col.REGION_ID] == region]
    assert len(mine)
    with i18n.use(lang):
        for _, row in mine.iterrows():
            shown = i18n.title(row[Col.TITLE], row[Col.TITLE_ORIGINAL], row[Col.COUNTRY])
            assert squeeze(shown) in squeeze(text), f"{row[Col.ACTION_ID]}'s title in the PDF"
    assert "Download PDF" not in text and "下载 PDF" not in text, "the file has no buttons"


def test_the_dossier_page_offers_the_pdf(small_client, no_chromium):
    page = small_client.get("/dossier/CN-SH?lang=ja").data.decode()
    assert '<a id="dossier-pdf" href="/dossier/CN-SH.pdf?lang=ja" download>PDF をダウンロード</a>' in page


def test_without_chromium_the_pdf_is_a_clear_page_not_a_500(small_client, no_chromium, monkeypatch):
    monkeypatch.setenv("ATLAS_CHROMIUM", "/nonexistent/chromium")
    answer = small_client.get("/dossier/KR-11.pdf?lang=ko")
    assert answer.status_code == 503 and answer.mimetype == "text/html"
    text = page_text(answer.data)
    assert "이 서버에는 지역 자료집을 PDF로 인쇄할 Chromium이 없습니다" in text and "Traceback" not in text
    assert 'href="/dossier/KR-11?lang=ko"' in answer.data.decode()


def test_a_slow_print_is_stopped_and_said(monkeypatch, tmp_path):
    sleeper = tmp_path / "chromium"
    sleeper.write_text("#!/bin/sh\nsleep 30\n")
    sleeper.chmod(0o755)
    monkeypatch.setenv("ATLAS_CHROMIUM", str(sleeper))
    with pytest.raises(pdf.RenderError, match="did not print the page within 1 s"):
        pdf.html_to_pdf(b"<html><head></head><body>x</body></html>", timeout=1)


def test_an_unknown_region_s_pdf_is_a_404(small_client):
    answer = small_client.get("/dossier/XX-99.pdf")
    assert answer.status_code == 404 and "No such region" in answer.data.decode()
