"""Who may frame the atlas (``ATLAS_FRAME_ANCESTORS``) and the embed parts of the page, over HTTP."""

from __future__ import annotations

import pytest

from app import create_app
from components import security
from components.panels.ids import Ids


def csp_of(response) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in response.headers["Content-Security-Policy"].split(";")}


def test_by_default_only_the_site_itself_may_frame_the_page(small_csv, monkeypatch):
    monkeypatch.delenv(security.FRAME_ANCESTORS_ENV, raising=False)
    response = create_app(small_csv, version="test").server.test_client().get("/?embed=1")
    assert csp_of(response)["frame-ancestors"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_the_environment_names_the_sites_that_may_frame_it(small_csv, monkeypatch):
    monkeypatch.setenv(security.FRAME_ANCESTORS_ENV, "'self' https://news.example https://*.example.org")
    response = create_app(small_csv, version="test").server.test_client().get("/api/v1/version")
    assert csp_of(response)["frame-ancestors"] == ["'self'", "https://news.example", "https://*.example.org"]
    assert "X-Frame-Options" not in response.headers, "X-Frame-Options cannot name other sites; the CSP rules"


@pytest.mark.parametrize("raw", ["https://a.example; script-src *", "'none' 'self'", "https://a.example/path",
                                 "javascript:", "'unsafe-inline'"])
def test_a_malformed_frame_ancestors_value_stops_start_up_naming_it(raw):
    with pytest.raises(ValueError, match=f"{security.FRAME_ANCESTORS_ENV}=") as error:
        security.frame_ancestors(raw)
    assert repr(raw) in str(error.value)


def test_none_alone_forbids_framing():
    assert security.frame_ancestors("'none'") == ["'none'"]
    assert security.frame_options(["'none'"]) == "DENY"


def test_the_page_carries_the_embed_link_and_the_iframe_code_field(small_csv):
    page = create_app(small_csv, version="test").server.test_client().get("/_dash-layout").get_data(as_text=True)
    for component in (Ids.EMBED_FULL_VIEW, Ids.EMBED_CODE, Ids.EMBED_TITLE):
        assert f'"{component}"' in page
    assert "Open the full view in the Metaverse Policy Atlas" in page
