"""What the dossier's page and file tests share: a 1-pixel PNG, and the map picture stubbed with it (no Chromium)."""

from __future__ import annotations

import pytest

from components.core.briefing import dossier

PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cfc0f00f0005fe02fea7d6a9f30000000049454e44ae426082")


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setattr(dossier, "map_png", lambda *a, **k: PNG_1PX)
