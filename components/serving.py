"""The HTTP layer: compression, long-lived caching, content-hashed URLs and the WSGI server.

Why a module of its own: how bytes travel (encoding, cache headers, which process serves
them) is independent of what the atlas shows, and it is measured by its own instruments
(``make bench``, ``make loadtest``). Nothing here registers a Dash callback; it works on
the Flask server that Dash wraps, and on the index page Dash writes.

- ``install(server, ...)``: br/gzip compression of every text response (flask-compress,
  Dash's JSON callbacks included), ``Cache-Control: public, max-age=31536000, immutable``
  on fingerprinted URLs (Dash's component suites, ``/assets/...?m=<mtime>``, its favicon), and the route
  serving ``HashedAsset``s.
- ``HashedAsset``: bytes published at a URL that names their SHA-256, compressed once
  (at start-up, not per request) to gzip and br, served by ``Accept-Encoding`` with an
  ETag per representation, 304 on revalidation, and immutable caching.
- ``trim_page_scripts(app)``: the page without Dash's ``@babel/polyfill`` (core-js 2 re-implements
  built-ins every browser the atlas runs in has) and with AG Grid's bundle loaded only when the
  table mounts: together about 0.3 s of the first map and 350 KB of a cold load.
- ``preload(app, links)``: ``<link rel="preload">`` for what the first map fetches late (geometry,
  base map, the payload in the page's language, Dash's lazy chunks: ``lazy_chunk_urls``).
- ``warm(server)`` and ``run_gunicorn(server, ...)``: the production server behind ``python app.py serve``;
  ``on_warm(server, fn)`` adds a first-use cost of some other path (the upload's) to what ``warm`` pays.
- ``cache_layout(app, key)``: ``/_dash-layout`` serialised and compressed once per key (the page's
  language) instead of on every page load (about 15 ms of a worker's CPU a page load, and as much
  for a revalidation, which compressed the whole layout before answering 304).
- ``fast_compress``, ``AnswerCache``, ``compress_large_callbacks(app)``: dynamic answers compressed at quick
  settings, and kept per process by a key that names their bytes (the API's pages, large callback answers).
- Same bytes from every process: ``sorted_wildcard_attributes(layout)`` puts each component's
  ``aria-*``/``data-*`` attributes in name order (Dash's generated components gather their keyword
  arguments in a set, so their order followed the hash seed), and ``/_dash-layout`` carries an ETag
  of its bytes and answers 304 to a matching ``If-None-Match`` from any instance.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import mimetypes
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import brotli
import dash
import flask
from dash.development.base_component import Component
from dash.fingerprint import check_fingerprint
from flask_compress import Compress
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_PREFIX = "/immutable"
COMPONENT_SUITES_PREFIX = "/_dash-component-suites/"
DASH_FAVICON = "/_favicon.ico"
#: Preference among encodings the client accepts equally.
ENCODINGS = ("br", "gzip")
#: Above this size a HashedAsset is compressed at lower settings so start-up stays quick.
LARGE_BYTES = 2_000_000
_REGISTRY = "atlas_hashed_assets"
_WARMERS = "atlas_warmers"
COMPRESS_EXTENSION = "atlas_compress"
DASH_LAYOUT_SUFFIX = "/_dash-layout"


def _br_quality(size: int) -> int:
    return 11 if size <= LARGE_BYTES else 5


def _gzip_level(size: int) -> int:
    return 9 if size <= LARGE_BYTES else 6


@dataclass(frozen=True)
class HashedAsset:
    """Immutable bytes with their gzip and br forms, published at a content-hashed URL.

    Build one with ``HashedAsset.from_bytes(data, "payload.json")`` (compression happens
    there, once) and publish it with ``publish(server, asset)``; put ``asset.url`` where
    the browser will find it. The same bytes give the same URL in every worker.
    """

    filename: str
    mimetype: str
    digest: str
    variants: Mapping[str, bytes] = field(repr=False)

    @classmethod
    def from_bytes(cls, data: bytes, filename: str, mimetype: str | None = None,
                   br_quality: int | None = None) -> HashedAsset:
        """``br_quality``: brotli's level when the default (by size) costs start-up more than its bytes save."""
        if "/" in filename or not filename:
            raise ValueError(f"filename must be a plain file name, got {filename!r}")
        mimetype = mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        variants = {
            "identity": bytes(data),
            "gzip": gzip.compress(data, compresslevel=_gzip_level(len(data)), mtime=0),
            "br": brotli.compress(data, quality=br_quality if br_quality is not None else _br_quality(len(data))),
        }
        return cls(filename, mimetype, hashlib.sha256(data).hexdigest(), MappingProxyType(variants))

    @property
    def url(self) -> str:
        return f"{HASHED_PREFIX}/{self.digest[:16]}/{self.filename}"

    def etag(self, encoding: str) -> str:
        return self.digest[:32] if encoding == "identity" else f"{self.digest[:32]}-{encoding}"

    @staticmethod
    def choose_encoding(request: flask.Request) -> str:
        """The best representation the request accepts: br, then gzip, else identity."""
        accepted = request.accept_encodings
        best = max(ENCODINGS, key=lambda enc: (accepted.quality(enc), -ENCODINGS.index(enc)))
        return best if accepted.quality(best) > 0 else "identity"

    def response(self, request: flask.Request) -> flask.Response:
        encoding = self.choose_encoding(request)
        body = self.variants[encoding]
        response = flask.Response(body, mimetype=self.mimetype)
        response.set_etag(self.etag(encoding))
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers["Vary"] = "Accept-Encoding"
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding
        if request.if_none_match.contains(self.etag(encoding)):
            not_modified = flask.Response(status=304)
            for name in ("ETag", "Cache-Control", "Vary"):
                not_modified.headers[name] = response.headers[name]
            return not_modified
        return response


def publish(server: flask.Flask, asset: HashedAsset) -> str:
    """Serve ``asset`` at ``asset.url`` from ``server`` (after ``install``); return the URL."""
    registry = server.extensions.get(_REGISTRY)
    if registry is None:
        raise RuntimeError("call serving.install(server) before publishing assets")
    registry[asset.url] = asset
    return asset.url


class _FingerprintedCache:
    """flask-compress cache that keeps only responses whose cache key is not empty.

    flask-compress keys its cache as ``"<encoding>;<key>"`` for every response; the key
    function below returns ``""`` for anything that is not fingerprinted, so dynamic
    responses (callbacks, layout) are never cached and never collide.
    """

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self._data[key] = value


def is_asset(path: str, assets_url_path: str = "/assets") -> bool:
    return path.startswith(assets_url_path.rstrip("/") + "/")


def _asset_is_fingerprinted(request: flask.Request, assets_folder: str | None, assets_url_path: str) -> bool:
    """``/assets/<file>?m=<mtime>`` whose ``m`` is the file's current mtime (Dash's cache buster)."""
    if assets_folder is None or not is_asset(request.path, assets_url_path) or "m" not in request.args:
        return False
    path = safe_join(assets_folder, request.path[len(assets_url_path.rstrip("/") + "/"):])
    try:
        return path is not None and request.args["m"] == f"{os.stat(path).st_mtime}"
    except OSError:
        return False


def is_fingerprinted(request: flask.Request, assets_folder: str | None = None, assets_url_path: str = "/assets") -> bool:
    """True when the URL changes whenever the content does, so it may be cached for good."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path == DASH_FAVICON:  # Dash's own icon, versioned by ``?v=<dash version>``
        return request.args.get("v") == dash.__version__
    if request.path.startswith(COMPONENT_SUITES_PREFIX):
        return check_fingerprint(request.path[len(COMPONENT_SUITES_PREFIX):])[1]
    return _asset_is_fingerprinted(request, assets_folder, assets_url_path)


def compress_cache_key(request: flask.Request, fingerprinted: bool) -> str:
    """The key a response's compressed form is kept under, or "" for one compressed per request.

    Path plus the (already validated) fingerprint, never the whole query: junk parameters must not
    grow the cache. Dash's component suites are kept also without a fingerprint (its lazily loaded
    chunks, ``async-graph.js`` and the like, which every first page load asks for): they are files
    of the installed packages, fixed while the process runs, and Dash answers only the ones it registered.
    """
    if fingerprinted:
        return f"{request.path}?{request.args.get('m', '')}{request.args.get('v', '')}"
    if request.method in ("GET", "HEAD") and request.path.startswith(COMPONENT_SUITES_PREFIX):
        return request.path
    return ""


def install(server: flask.Flask, assets_folder: str | None = None, assets_url_path: str = "/assets",
            assets: tuple[HashedAsset, ...] = ()) -> flask.Flask:
    """Compression, cache headers and the hashed-asset route on Dash's Flask ``server``."""
    def fingerprinted() -> bool:
        return is_fingerprinted(flask.request, assets_folder, assets_url_path)

    server.config.update(
        COMPRESS_ALGORITHM=list(ENCODINGS),
        COMPRESS_ALGORITHM_STREAMING=list(ENCODINGS),
        COMPRESS_BR_LEVEL=5,
        COMPRESS_CACHE_BACKEND=_FingerprintedCache,
        COMPRESS_CACHE_KEY=lambda request: compress_cache_key(request, fingerprinted()),
    )
    server.extensions[COMPRESS_EXTENSION] = Compress(server)
    server.extensions[_REGISTRY] = {}

    @server.after_request
    def _cache_headers(response: flask.Response) -> flask.Response:
        # Registered after Compress, so Flask runs it before compression.
        if is_asset(flask.request.path, assets_url_path) and response.direct_passthrough:
            # Read the file now: flask-compress then compresses it once and can cache it.
            response.direct_passthrough = False
            response.set_data(response.get_data())
        if response.status_code in (200, 304) and fingerprinted():
            response.headers["Cache-Control"] = IMMUTABLE
        return response

    @server.route(f"{HASHED_PREFIX}/<digest>/<filename>", methods=["GET"])
    def _hashed_asset(digest: str, filename: str):
        asset = server.extensions[_REGISTRY].get(f"{HASHED_PREFIX}/{digest}/{filename}")
        if asset is None:
            flask.abort(404)
        return asset.response(flask.request)

    for asset in assets:
        publish(server, asset)
    return server


def sorted_wildcard_attributes(layout: Component) -> Component:
    """``layout`` with every component's ``aria-*`` and ``data-*`` attributes in name order (in place).

    Dash serialises those attributes in the order they were set, and a generated component's
    ``__init__`` sets its keyword arguments in the order of a set, which follows the hash seed."""
    for component in (layout, *layout._traverse()):
        prefixes = tuple(getattr(component, "_valid_wildcard_attributes", ()))
        if not isinstance(component, Component) or not prefixes:
            continue
        wildcards = {key: component.__dict__.pop(key) for key in sorted(component.__dict__) if key.startswith(prefixes)}
        component.__dict__.update(wildcards)
    return layout


@dataclass(frozen=True)
class PreparedBody:
    """A dynamic answer whose bytes are fixed while the process runs, compressed once.

    The ETags are flask-compress's for the same bytes (``<sha1>``, ``<sha1>:br``, ``<sha1>:gzip``) and
    the br/gzip forms its settings' (``COMPRESS_BR_LEVEL``, ``COMPRESS_LEVEL``), so a client sees
    the bytes and validators it saw when each response was compressed on its own.
    """

    mimetype: str
    etag: str
    variants: Mapping[str, bytes] = field(repr=False)

    @classmethod
    def of(cls, data: bytes, mimetype: str, config: Mapping) -> PreparedBody:
        variants = {"identity": bytes(data),
                    "gzip": gzip.compress(data, compresslevel=config.get("COMPRESS_LEVEL", 6), mtime=0),
                    "br": brotli.compress(data, quality=config.get("COMPRESS_BR_LEVEL", 5))}
        return cls(mimetype, hashlib.sha1(data).hexdigest(), MappingProxyType(variants))

    def tag(self, encoding: str) -> str:
        return self.etag if encoding == "identity" else f"{self.etag}:{encoding}"

    def response(self, request: flask.Request) -> flask.Response:
        encoding = HashedAsset.choose_encoding(request)
        if request.if_none_match.contains(self.tag(encoding)):
            response = flask.Response(status=304)
        else:
            response = flask.Response(self.variants[encoding], mimetype=self.mimetype)
            if encoding != "identity":
                response.headers["Content-Encoding"] = encoding
        response.set_etag(self.tag(encoding))
        response.headers["Vary"] = "Accept-Encoding"
        return response


def cache_layout(app: dash.Dash, key: Callable[[], str]) -> None:
    """Answer ``/_dash-layout`` from bytes Dash serialised once per ``key()`` (the page's language).

    Why: the layout (about 170 KB of JSON) is the same for every request with the same key, yet Dash
    serialised it, and flask-compress compressed it, on every page load: about 15 ms of a worker's
    CPU each time, the most expensive request of a page load. A revalidation cost as much, because
    its 304 was decided only after compressing. Prepared once, both cost about a millisecond.
    """
    server = app.server
    endpoint = f"{app.config.routes_pathname_prefix}{DASH_LAYOUT_SUFFIX.lstrip('/')}"
    serve = server.view_functions[endpoint]
    prepared: dict[str, PreparedBody] = {}

    def cached_layout() -> flask.Response:
        which = key()
        body = prepared.get(which)
        if body is None:
            served = serve()
            body = prepared[which] = PreparedBody.of(served.get_data(), served.mimetype, server.config)
        return body.response(flask.request)

    server.view_functions[endpoint] = cached_layout


#: A dynamic answer is compressed while its asker waits, so at brotli's and gzip's quick settings: at the default
#: (brotli 5) a 420 KB CSV export took about 40 ms of a worker's CPU, at 3 about 10 ms for about 12 % more bytes.
FAST_BR_QUALITY = 3
FAST_GZIP_LEVEL = 1
#: Callback answers at least this large are compressed by ``compress_large_callbacks``, not by flask-compress.
LARGE_ANSWER_BYTES = 64 * 1024


def fast_compress(data: bytes, encoding: str) -> bytes:
    """``data`` in ``encoding`` (``br``, ``gzip`` or ``identity``) at the quick settings; the same bytes in every process."""
    if encoding == "br":
        return brotli.compress(data, quality=FAST_BR_QUALITY)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=FAST_GZIP_LEVEL, mtime=0)
    return data


class AnswerCache:
    """Compressed answers kept per process, least recently used first out, at most ``max_bytes`` of them.

    Why this is not the server state the atlas avoids: an entry is a pure function of its key (the
    content digest of the data and the request's canonical form, and the encoding), never of who
    asked or when, so every worker and every instance builds the same bytes for the same key, and a
    process that has lost its entries (restarted, evicted) answers the same, only slower. No user
    state is held, and nothing here can answer one user with another's data: the key names the data.
    Each gunicorn worker has its own copy; the lock keeps a threaded worker's dictionary consistent.
    """

    def __init__(self, max_bytes: int = 32 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[object, tuple[bytes, dict[str, str]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> tuple[bytes, dict[str, str]] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, body: bytes, headers: dict[str, str] | None = None) -> tuple[bytes, dict[str, str]]:
        entry = (body, dict(headers or {}))
        if len(body) > self.max_bytes:
            return entry
        with self._lock:
            old = self._entries.pop(key, None)
            self.size -= len(old[0]) if old else 0
            self._entries[key] = entry
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (dropped, _) = self._entries.popitem(last=False)
                self.size -= len(dropped)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


def compress_large_callbacks(app: dash.Dash, cache: AnswerCache | None = None) -> AnswerCache:
    """Compress large callback answers (a CSV export, an upload's data) quickly, once per distinct body.

    Registered after flask-compress, so it runs first: an answer of ``/_dash-update-component`` of at
    least ``LARGE_ANSWER_BYTES`` is compressed here at ``FAST_BR_QUALITY`` (flask-compress, which skips
    an answer that already has a ``Content-Encoding``, took about 40 ms for a whole-dataset export at
    brotli 5) and kept under the SHA-256 of its bytes, so the same export asked again (the default
    view's, the most common) is not compressed again.
    """
    server = app.server
    cache = cache if cache is not None else AnswerCache(16 * 1024 * 1024)
    endpoint = f"{app.config.routes_pathname_prefix}_dash-update-component"

    @server.after_request
    def _compress_large(response: flask.Response) -> flask.Response:
        request = flask.request
        if (request.path != endpoint or response.status_code != 200 or response.direct_passthrough
                or "Content-Encoding" in response.headers or response.content_length is None
                or response.content_length < LARGE_ANSWER_BYTES):
            return response
        encoding = HashedAsset.choose_encoding(request)
        if encoding == "identity":
            return response
        data = response.get_data()
        key = (hashlib.sha256(data).digest(), encoding)
        entry = cache.get(key) or cache.put(key, fast_compress(data, encoding))
        response.set_data(entry[0])
        response.headers["Content-Encoding"] = encoding
        vary = response.headers.get("Vary")
        if not vary or "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        return response

    return cache


def on_warm(server: flask.Flask, warmer: Callable[[], object]) -> None:
    """Have ``warm(server)`` also call ``warmer()``: a one-time cost paid before workers fork."""
    server.extensions.setdefault(_WARMERS, []).append(warmer)


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


EXPORT_TIMEOUT_S = 240


_SCRIPT_TAG = re.compile(r'<script src="(?P<src>[^"]*)"></script>\s*')
#: The element listing the bundles held back (``assets/atlas-ondemand.js`` reads it).
ON_DEMAND_ID = "atlas-on-demand"


def trim_page_scripts(app: dash.Dash, on_demand: tuple[str, ...] = ("dash_ag_grid",)) -> None:
    """Serve the index page without two kinds of ``<script>`` Dash puts before the first map.

    - Dash's ``@babel/polyfill``, loaded for old browsers. In a current one its core-js part
      replaces native built-ins with slower copies (``String.prototype.trim`` among them) and
      cost about 0.2 s of main-thread time before the first map. The one part Dash's bundles
      still call, ``regeneratorRuntime``, is vendored on its own (``assets/vendor/regenerator-runtime.js``).
    - The bundles of the component libraries in ``on_demand`` (AG Grid's: 317 KB on the wire and
      about 0.1 s to evaluate, for a table below the map). Their URLs go into a JSON block,
      ``#atlas-on-demand``, and the browser loads them just before it mounts such a component.
    """
    interpolate = app.interpolate_index
    suites = [f"{app.config.requests_pathname_prefix}_dash-component-suites/{namespace}/" for namespace in on_demand]

    def keep(tag: re.Match, held: dict[str, list[str]]) -> str:
        src = tag.group("src")
        if "/deps/polyfill@" in src:
            return ""
        for namespace, prefix in zip(on_demand, suites):
            if src.startswith(prefix):
                held[namespace].append(src)
                return ""
        return tag.group(0)

    def interpolate_index(**kwargs) -> str:
        held: dict[str, list[str]] = {namespace: [] for namespace in on_demand}
        scripts = _SCRIPT_TAG.sub(lambda tag: keep(tag, held), kwargs["scripts"])
        listing = json.dumps(held, separators=(",", ":")).replace("</", "<\\/")
        kwargs["scripts"] = f'{scripts}<script type="application/json" id="{ON_DEMAND_ID}">{listing}</script>\n'
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index


def lazy_chunk_urls(app: dash.Dash, names: tuple[str, ...]) -> list[str]:
    """The URLs of Dash's lazily loaded dcc chunks (``async-graph.js`` for ``"graph"``, ...).

    Raises ``FileNotFoundError`` if the installed Dash has no such chunk (renamed in an upgrade),
    rather than preloading a URL that answers 404.
    """
    folder = Path(dash.dcc.__file__).parent
    for name in names:
        if not (folder / f"async-{name}.js").is_file():
            raise FileNotFoundError(f"dash {dash.__version__} has no dcc chunk async-{name}.js")
    return [f"{app.config.requests_pathname_prefix}_dash-component-suites/dash/dcc/async-{name}.js" for name in names]


def preload(app: dash.Dash, links: Callable[[], list[tuple[str, str]]]) -> None:
    """Put ``<link rel="preload">`` for ``links()`` (``(url, "fetch" | "script")``, per request) into ``<head>``.

    Why: the first map needs files that the page asks for late. Plotly fetches the geometry and the
    base map when it first draws; the engine fetches the payload when the layout is mounted; Dash
    loads its lazy components (the map's Graph among them) when it renders them. Preloaded, they
    travel with the page's scripts, which spares a real network a round trip or more each.
    """
    interpolate = app.interpolate_index

    def tag(url: str, kind: str) -> str:
        # fetch() and Plotly's loads are CORS-mode requests; the preload has to be one too to be reused.
        crossorigin = ' crossorigin="anonymous"' if kind == "fetch" else ""
        return f'<link rel="preload" href="{html.escape(url)}" as="{kind}"{crossorigin}>'

    def interpolate_index(**kwargs) -> str:
        tags = "".join(f"    {tag(url, kind)}\n    " for url, kind in links())
        return interpolate(**kwargs).replace("</head>", tags + "</head>", 1)

    app.interpolate_index = interpolate_index


def warm(server: flask.Flask) -> flask.Flask:
    """Answer ``/`` and its layout in-process, and run the ``on_warm`` warmers, before any worker serves a browser.

    Dash does its one-time set-up (layout validation, script tags, the callback map) on a
    process's first request. Done here, in the process that workers fork from, no browser's
    first page waits on it in a worker that has not yet answered anyone (about 0.3 s). The same
    holds for the layout's prepared bytes and for what ``on_warm`` registered (the first upload
    of a process cost about 1 s, during which its sync worker answered no one else).
    """
    client = server.test_client()
    for path in ("/", DASH_LAYOUT_SUFFIX):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"warm-up request for {path} answered {response.status_code}")
    for warmer in server.extensions.get(_WARMERS, ()):
        warmer()
    return server


def run_gunicorn(server: flask.Flask, host: str = "127.0.0.1", port: int = 8050, workers: int = 2) -> None:
    """Serve ``server`` with gunicorn; the app is already built, so workers fork from it."""
    from gunicorn.app.base import BaseApplication

    warm(server)
    options = {
        "bind": bind_address(host, port),
        "workers": workers,
        "preload_app": True,
        # A deck export renders every scene's map in the request (about 2 s a scene): more than gunicorn's default 30 s.
        "timeout": EXPORT_TIMEOUT_S,
        "proc_name": "metaverse-policy-atlas",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
    }

    class AtlasServer(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return server

    AtlasServer().run()
