"""HTTP behaviour a browser relies on: compression, cache headers, ETags, hashed URLs.

Run through Flask's test client against the real app (bundled assets, real Dash routes)
and against a bare Flask app for the ``HashedAsset`` helper. Bytes are always checked
after decompression with the standard decoders, never against the code's own output.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli
import flask
import pytest
from dash.fingerprint import check_fingerprint

from app import create_app
from components import serving

ROOT = Path(__file__).resolve().parents[2]
CHROME_ACCEPT = "gzip, deflate, br, zstd"


def decoded(response) -> bytes:
    encoding = response.headers.get("Content-Encoding")
    body = response.get_data()
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


# --- HashedAsset on a bare server -------------------------------------------------------

PAYLOAD = json.dumps({"rows": [{"id": f"a-{i}", "text": "元宇宙 메타버스 メタバース"} for i in range(2000)]}).encode()


@pytest.fixture
def bare():
    server = flask.Flask("bare")
    asset = serving.HashedAsset.from_bytes(PAYLOAD, "payload.json")
    serving.install(server, assets=(asset,))
    return server.test_client(), asset


@pytest.mark.parametrize("accept, encoding", [
    (CHROME_ACCEPT, "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip;q=0.8", "gzip"),
    ("gzip;q=0.5, br;q=0.9", "br"),
    ("*", "br"),
    ("identity", None),
    ("", None),
])
def test_hashed_asset_negotiates_encoding_and_decodes_to_the_same_bytes(bare, accept, encoding):
    client, asset = bare
    response = client.get(asset.url, headers={"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert decoded(response) == PAYLOAD
    assert response.headers["Content-Type"].startswith("application/json")
    assert "Accept-Encoding" in response.headers["Vary"]
    if encoding:
        assert int(response.headers["Content-Length"]) < len(PAYLOAD) / 5


def test_hashed_asset_is_immutable_with_an_etag_per_representation_and_304(bare):
    client, asset = bare
    tags = {}
    for accept in ("br", "gzip", "identity"):
        response = client.get(asset.url, headers={"Accept-Encoding": accept})
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        tags[accept] = response.headers["ETag"]
        again = client.get(asset.url, headers={"Accept-Encoding": accept, "If-None-Match": tags[accept]})
        assert again.status_code == 304 and again.get_data() == b""
        assert again.headers["ETag"] == tags[accept]
    assert len(set(tags.values())) == 3
    stale = client.get(asset.url, headers={"Accept-Encoding": "br", "If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and decoded(stale) == PAYLOAD


def test_hashed_url_names_the_content(bare):
    client, asset = bare
    assert asset.url == serving.HashedAsset.from_bytes(PAYLOAD, "payload.json").url
    changed = serving.HashedAsset.from_bytes(PAYLOAD + b" ", "payload.json")
    assert changed.url != asset.url and changed.url.endswith("/payload.json")
    assert client.get(changed.url).status_code == 404
    assert client.get(asset.url.replace("payload.json", "other.json")).status_code == 404
    assert client.head(asset.url, headers={"Accept-Encoding": "br"}).status_code == 200


def test_hashed_asset_compresses_once_not_per_request(bare, monkeypatch):
    client, asset = bare

    def forbidden(*_args, **_kwargs):
        raise AssertionError("compressed during a request")

    monkeypatch.setattr(serving.brotli, "compress", forbidden)
    monkeypatch.setattr(serving.gzip, "compress", forbidden)
    for accept in ("br", "gzip", "identity"):
        assert decoded(client.get(asset.url, headers={"Accept-Encoding": accept})) == PAYLOAD


def test_publishing_needs_the_route_installed():
    with pytest.raises(RuntimeError, match="install"):
        serving.publish(flask.Flask("bare"), serving.HashedAsset.from_bytes(b"x", "x.txt"))
    with pytest.raises(ValueError):
        serving.HashedAsset.from_bytes(b"x", "../x.txt")


# --- the real app -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def atlas():
    app = create_app()
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    return app, client, index


def page_urls(index: str, prefix: str) -> list[str]:
    return [url for url in re.findall(r'(?:src|href)="([^"]+)"', index) if url.startswith(prefix)]


def without_per_request_id(body: bytes) -> bytes:
    """Dash writes a fresh ``end_id`` into every index page."""
    return re.sub(rb'"end_id":"[^"]*"', b"", body)


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies"])
def test_page_and_dash_json_are_compressed_when_accepted(atlas, path):
    _, client, _ = atlas
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("Content-Encoding") is None
    for accept, encoding in ((CHROME_ACCEPT, "br"), ("gzip", "gzip")):
        response = client.get(path, headers={"Accept-Encoding": accept})
        assert response.headers.get("Content-Encoding") == encoding
        assert without_per_request_id(decoded(response)) == without_per_request_id(plain.get_data())


def test_callback_json_is_compressed(atlas):
    app, client, _ = atlas
    dependencies = client.get("/_dash-dependencies").get_json()
    export = next(d for d in dependencies if d["output"] == "download-csv.data")
    body = {
        "output": export["output"],
        "outputs": {"id": "download-csv", "property": "data"},
        "inputs": [{**i, "value": 1} for i in export["inputs"]],
        "state": [{**s, "value": {"countries": ["KR"]}} for s in export["state"]],
        "changedPropIds": ["download-csv-button.n_clicks"],
    }
    plain = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and plain.headers.get("Content-Encoding") is None
    download = plain.get_json()["response"]["download-csv"]["data"]
    assert "countries-KR" in download["filename"] and download["content"].startswith("action_id,")
    compressed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": CHROME_ACCEPT})
    assert compressed.headers["Content-Encoding"] == "br"
    assert json.loads(decoded(compressed)) == plain.get_json()


def test_a_large_callback_answer_is_compressed_once_per_body_at_the_quick_setting(atlas, monkeypatch):
    """The whole dataset's CSV export (the default view): compressed by serving, not flask-compress, and kept."""
    from components import serving

    _, client, _ = atlas
    body = {"output": "download-csv.data", "outputs": {"id": "download-csv", "property": "data"},
            "inputs": [{"id": "download-csv-button", "property": "n_clicks", "value": 1}],
            "state": [{"id": "view-store", "property": "data", "value": None},
                      {"id": "own-data", "property": "data", "value": None}],
            "changedPropIds": ["download-csv-button.n_clicks"]}
    plain = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
    assert len(plain.get_data()) >= serving.LARGE_ANSWER_BYTES
    calls = []
    quick = serving.fast_compress
    monkeypatch.setattr(serving, "fast_compress", lambda data, encoding: calls.append(encoding) or quick(data, encoding))
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress), ("br", brotli.decompress)):
        packed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding and "Accept-Encoding" in packed.headers["Vary"]
        assert decode(packed.get_data()) == plain.get_data()
    assert calls == ["br", "gzip"]  # the third answer is the first one's bytes, kept


def test_fingerprinted_component_suites_are_immutable_and_compressed(atlas):
    _, client, index = atlas
    # The page also preloads Dash's lazy chunks, whose URLs carry no fingerprint (tested below).
    suites = [url for url in page_urls(index, "/_dash-component-suites/") if check_fingerprint(url)[1]]
    assert len(suites) >= 5
    for url in suites:
        response = client.get(url, headers={"Accept-Encoding": CHROME_ACCEPT})
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert response.headers["Content-Encoding"] == "br", url
        assert len(decoded(response)) > len(response.get_data())


def test_dash_favicon_is_immutable_only_at_the_running_dash_version(atlas):
    import dash

    _, client, index = atlas
    (icon,) = [u for u in re.findall(r'href="([^"]+)"', index) if "favicon" in u]
    assert icon == f"/_favicon.ico?v={dash.__version__}"
    assert client.get(icon).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in client.get("/_favicon.ico?v=0.0.1").headers.get("Cache-Control", "")


def test_unfingerprinted_component_suite_is_revalidated_not_immutable(atlas):
    _, client, index = atlas
    url = next(u for u in page_urls(index, "/_dash-component-suites/dash/dcc/") if "shared" not in u)
    plain_url = re.sub(r"\.v[\w-]+m[0-9a-f]+\.", ".", url)
    first = client.get(plain_url, headers={"Accept-Encoding": "br"})
    assert first.status_code == 200
    assert "immutable" not in first.headers.get("Cache-Control", "")
    again = client.get(plain_url, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_assets_with_current_mtime_are_immutable_others_revalidate(atlas):
    _, client, index = atlas
    url = next(u for u in page_urls(index, "/assets/") if "/vendor/plotly-geo.min.js" in u)
    fresh = client.get(url, headers={"Accept-Encoding": CHROME_ACCEPT})
    assert fresh.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert fresh.headers["Content-Encoding"] == "br"
    assert decoded(fresh) == (ROOT / "assets/vendor/plotly-geo.min.js").read_bytes()
    stale_url = re.sub(r"m=[\d.]+", "m=1.0", url)
    stale = client.get(stale_url, headers={"Accept-Encoding": CHROME_ACCEPT})
    assert stale.status_code == 200 and "immutable" not in stale.headers.get("Cache-Control", "")
    revalidated = client.get(stale_url, headers={"Accept-Encoding": CHROME_ACCEPT, "If-None-Match": stale.headers["ETag"]})
    assert revalidated.status_code == 304


def test_compressed_static_is_cached_once_per_file_and_dynamic_responses_never(atlas):
    app, client, index = atlas
    cache = app.server.extensions[serving.COMPRESS_EXTENSION].cache
    url = next(u for u in page_urls(index, "/assets/") if "/vendor/plotly-geo.min.js" in u)
    first = client.get(url, headers={"Accept-Encoding": "br"}).get_data()
    entries = len(cache._data)
    for junk in range(3):
        again = client.get(f"{url}&junk={junk}", headers={"Accept-Encoding": "br"})
        assert again.get_data() == first
    client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert len(cache._data) == entries


def test_dashs_lazy_chunks_are_compressed_once_though_their_urls_carry_no_fingerprint(atlas, monkeypatch):
    app, client, index = atlas
    chunk = next(u for u in page_urls(index, "/_dash-component-suites/dash/dcc/async-"))
    first = client.get(chunk, headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br" and "immutable" not in first.headers.get("Cache-Control", "")
    calls = []
    real = brotli.compress
    monkeypatch.setattr(brotli, "compress", lambda *a, **k: calls.append(1) or real(*a, **k))
    for junk in range(3):
        again = client.get(f"{chunk}?junk={junk}", headers={"Accept-Encoding": "br"})
        assert again.get_data() == first.get_data()
    assert calls == []


def test_geometry_is_served_at_a_content_hashed_immutable_url(atlas):
    app, client, _ = atlas
    layout = client.get("/_dash-layout").get_data(as_text=True)
    urls = set(re.findall(r'"(/immutable/[0-9a-f]+/regions\.geojson)"', layout.replace("\\u002f", "/")))
    assert len(urls) == 1
    (url,) = urls
    boundary = (ROOT / "data/regions.geojson").read_bytes()
    response = client.get(url, headers={"Accept-Encoding": CHROME_ACCEPT})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert decoded(response) == boundary
    assert client.get(url, headers={"Accept-Encoding": CHROME_ACCEPT, "If-None-Match": response.headers["ETag"]}).status_code == 304


def test_warm_up_fails_loudly_when_the_page_does_not_answer():
    broken = flask.Flask("broken")
    broken.add_url_rule("/", "index", lambda: ("no layout", 500))
    with pytest.raises(RuntimeError, match="answered 500"):
        serving.warm(broken)



def test_page_preloads_what_the_first_map_needs_in_its_own_language(atlas):
    app, client, _ = atlas
    payloads = set()
    for lang in ("en", "ja"):
        headers = {"Accept-Language": lang}
        head = client.get("/", headers=headers).get_data(as_text=True).split("</head>", 1)[0]
        links = re.findall(r'<link rel="preload" href="([^"]+)" as="(fetch|script)"( crossorigin="anonymous")?>', head)
        urls = [url for url, _, _ in links]
        assert [(kind, bool(cors)) for _, kind, cors in links] == [("fetch", True)] * 3 + [("script", False)] * 4
        assert urls[0].endswith("/regions-overview.geojson") and urls[1].endswith("/world_110m.json")
        layout = json.dumps(client.get("/_dash-layout", headers=headers).get_json())
        assert urls[2].endswith("/atlas-data.json") and f'"url": "{urls[2]}"' in layout, "the payload the page loads"
        assert [url.rsplit("/", 1)[1] for url in urls[3:]] == ["async-graph.js", "async-slider.js", "async-dropdown.js", "async-upload.js"]
        for url in urls:
            assert client.get(url).status_code == 200, url
        payloads.add(urls[2])
    assert len(payloads) == 2, "each language's page preloads its own payload"


def test_a_lazy_chunk_dash_does_not_have_is_an_error_not_a_404(atlas):
    with pytest.raises(FileNotFoundError, match="async-nosuchchunk.js"):
        serving.lazy_chunk_urls(atlas[0], ("nosuchchunk",))


def test_the_layout_is_serialised_and_compressed_once_per_language_and_revalidates_in_every_encoding(atlas, monkeypatch):
    app, client, _ = atlas
    english = {enc: client.get("/_dash-layout", headers={"Accept-Encoding": enc}) for enc in ("br", "gzip", "identity")}
    korean = client.get("/_dash-layout", headers={"Accept-Encoding": "br", "Referer": "http://localhost/?lang=ko"})
    plain = english["identity"].get_data()
    assert decoded(english["br"]) == decoded(english["gzip"]) == plain
    assert decoded(korean) != plain and korean.headers["ETag"] != english["br"].headers["ETag"]
    assert json.loads(plain)["props"]  # the layout, not an error page
    calls = []
    for module, name in ((brotli, "compress"), (gzip, "compress"), (json, "dumps")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, **k: calls.append(1) or _real(*a, **k))
    for enc, first in english.items():
        again = client.get("/_dash-layout", headers={"Accept-Encoding": enc})
        assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
        held = client.get("/_dash-layout", headers={"Accept-Encoding": enc, "If-None-Match": first.headers["ETag"]})
        assert held.status_code == 304 and held.get_data() == b"" and held.headers["ETag"] == first.headers["ETag"]
    assert calls == []
