"""``/dossier/<REGION>``: a region's printable page, its downloadable copy and its citation, over HTTP.

Why beside the panels and not in one: the page is plain HTML for reading and printing, not part
of the Dash app, so it is a Flask route like the read API. What it says comes from
``components.core.briefing.dossier`` (facts, HTML, citations); this module picks the language
(``?lang=``, else Accept-Language, as the map's page), draws the small map once per region and
language with the briefing's renderer (kept in a bounded cache: the picture is a function of the
dataset, the region and the language alone, so every instance draws the same one), and answers
an unknown region with a 404 page in that language. ``?download=1`` gives the same page as a file,
without the buttons. The page runs one script of its own (``assets/atlas-dossier.js``: the print
button), so the site's Content Security Policy holds unchanged.
"""

from __future__ import annotations

import functools
import logging
import re
from urllib.parse import quote

import dash
import flask
import pandas as pd

from components import errors as http_errors
from components.core.briefing import dossier
from components.core import i18n
from components.core.briefing.render import RenderError
from components.core.data.dataset import Dataset
from components.core.view.dots import DotLayout
from components.core.view.figures import region_label_points
from components.core.i18n import message
from components.core.data.release import Release
from components.panels.language import requested_language

PATH = "/dossier"
MAP_CACHE_SIZE = 128
_SAFE_CODE = re.compile(r"[^A-Za-z0-9-]")
log = logging.getLogger("atlas.dossier")


def file_name(region_id: str, version: str, lang: str) -> str:
    return f"metaverse-policy-dossier_{region_id}_v{version}_{lang}.html"


def install(app: dash.Dash, dataset: Dataset, release: Release, coverage: pd.DataFrame | None, dots: DotLayout,
            label_points: dict | None = None) -> None:
    """The dossier's route on ``app.server``."""
    label_points = label_points or region_label_points(dataset)
    script_url = app.get_asset_url("atlas-dossier.js")

    @functools.lru_cache(maxsize=MAP_CACHE_SIZE)
    def map_picture(region_id: str, lang: str) -> bytes | None:
        with i18n.use(lang):
            try:
                return dossier.map_png(dataset, region_id, dots, label_points)
            except RenderError as err:
                log.warning("dossier map for %s not drawn: %s", region_id, err)
                return None

    def tools(region_id: str, lang: str) -> str:
        e = dossier._e
        download = f"{PATH}/{region_id}?lang={lang}&download=1"
        atlas = f"/?region={region_id}&lang={lang}"
        return (f'<nav class="tools" aria-label="{e(message("dossier.cite"))}">'
                f'<button type="button" id="dossier-print" class="primary" hidden>{e(message("dossier.print"))}</button>'
                f'<a id="dossier-download" href="{e(download)}" download>{e(message("dossier.download"))}</a>'
                f'<a id="dossier-open" href="{e(atlas)}">{e(message("dossier.open_atlas"))}</a>'
                f'<a href="#cite">{e(message("dossier.cite"))}</a></nav>'
                f'<script src="{e(script_url)}"></script>')

    @app.server.get(f"{PATH}/<path:code>")
    def dossier_page(code: str):
        lang = requested_language()
        with i18n.use(lang):
            try:
                region_id = dossier.region_code(dataset, code)
            except dossier.UnknownRegion:
                http_errors.note_reason(f"no region {_SAFE_CODE.sub('?', code)[:40]}")
                body = dossier.not_found_html(code, f"/?lang={lang}")
                return flask.Response(body, status=404, mimetype="text/html")
            facts = dossier.dossier_facts(dataset, region_id, coverage)
            permalink = f"{flask.request.host_url.rstrip('/')}{PATH}/{quote(region_id)}?lang={lang}"
            download = flask.request.args.get("download") == "1"
            body = dossier.dossier_html(dataset, facts, map_picture(region_id, lang), permalink, release.date,
                                        f"{flask.request.host_url}?region={region_id}&lang={lang}",
                                        tools="" if download else tools(region_id, lang))
        response = flask.Response(body, mimetype="text/html")
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Language"] = i18n.HTML_LANG[lang]
        if download:
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{file_name(region_id, dataset.version, lang)}"')
        return response
