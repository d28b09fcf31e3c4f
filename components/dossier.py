"""``/dossier/<REGION>``: a region's printable page, its downloadable copy and its citation, over HTTP.

Why beside the panels and not in one: the page is plain HTML for reading and printing, not part
of the Dash app, so it is a Flask route like the read API. What it says comes from
``components.core.briefing.dossier`` (facts, HTML, citations); this module picks the language
(``?lang=``, else Accept-Language, as the map's page), draws the small map once per region and
language with the briefing's renderer (kept in a bounded cache: the picture is a function of the
dataset, the region and the language alone, so every instance draws the same one), and answers
an unknown region with a 404 page in that language. ``?download=1`` gives the same page as a file,
without the buttons; ``/dossier/<REGION>.pdf`` the same copy printed on A4 by headless Chromium
(``briefing.pdf``: offline, time-bounded; a page that says so, 503, when no Chromium can print it). The page runs one script of its own (``assets/atlas-dossier.js``: the print
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
from components.core.briefing import dossier, pdf
from components.core import i18n
from components.core.briefing.render import RenderError
from components.core.data.dataset import Dataset
from components.core.view.dots import DotLayout
from components.core.view.figures import region_label_points
from components.core.i18n import message
from components.core.data.region_names import region_names
from components.core.data.release import Release
from components.panels.language import requested_language

PATH = "/dossier"
MAP_CACHE_SIZE = 128
_SAFE_CODE = re.compile(r"[^A-Za-z0-9-]")
log = logging.getLogger("atlas.dossier")


PDF_CACHE_SIZE = 16


def file_name(region_id: str, version: str, lang: str, ext: str = "html") -> str:
    return f"metaverse-policy-dossier_{region_id}_v{version}_{lang}.{ext}"


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
        pdf_link = f"{PATH}/{region_id}.pdf?lang={lang}"
        atlas = f"/?region={region_id}&lang={lang}"
        return (f'<nav class="tools" aria-label="{e(message("dossier.cite"))}">'
                f'<button type="button" id="dossier-print" class="primary" hidden>{e(message("dossier.print"))}</button>'
                f'<a id="dossier-pdf" href="{e(pdf_link)}" download>{e(message("dossier.pdf"))}</a>'
                f'<a id="dossier-download" href="{e(download)}" download>{e(message("dossier.download"))}</a>'
                f'<a id="dossier-open" href="{e(atlas)}">{e(message("dossier.open_atlas"))}</a>'
                f'<a href="#cite">{e(message("dossier.cite"))}</a></nav>'
                f'<script src="{e(script_url)}"></script>')

    def page(region_id: str, lang: str, host_url: str, tools_html: str) -> bytes:
        with i18n.use(lang):
            facts = dossier.dossier_facts(dataset, region_id, coverage)
            permalink = f"{host_url.rstrip('/')}{PATH}/{quote(region_id)}?lang={lang}"
            return dossier.dossier_html(dataset, facts, map_picture(region_id, lang), permalink, release.date,
                                        f"{host_url}?region={region_id}&lang={lang}", tools=tools_html)

    @functools.lru_cache(maxsize=PDF_CACHE_SIZE)
    def pdf_file(region_id: str, lang: str, host_url: str) -> bytes:
        return pdf.html_to_pdf(page(region_id, lang, host_url, ""))

    def back(region_id: str, lang: str) -> str:
        with i18n.use(lang):
            return message("dossier.title", region=region_names(lang).get(region_id, region_id))

    def pdf_answer(region_id: str, lang: str) -> flask.Response:
        try:
            body = pdf_file(region_id, lang, flask.request.host_url)
        except pdf.NoChromium as err:
            log.warning("dossier PDF for %s not made: %s", region_id, err)
            return flask.Response(dossier.message_html("dossier.pdf_missing_title", "dossier.pdf_missing",
                                                       f"{PATH}/{region_id}?lang={lang}", back(region_id, lang)),
                                  status=503, mimetype="text/html")
        except RenderError as err:
            log.warning("dossier PDF for %s not made: %s", region_id, err)
            return flask.Response(dossier.message_html("dossier.pdf_missing_title", "dossier.pdf_failed",
                                                       f"{PATH}/{region_id}?lang={lang}", back(region_id, lang)),
                                  status=503, mimetype="text/html")
        response = flask.Response(body, mimetype="application/pdf")
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Language"] = i18n.HTML_LANG[lang]
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{file_name(region_id, dataset.version, lang, "pdf")}"')
        return response

    @app.server.get(f"{PATH}/<path:code>")
    def dossier_page(code: str):
        lang = requested_language()
        as_pdf = code.lower().endswith(".pdf")
        with i18n.use(lang):
            try:
                region_id = dossier.region_code(dataset, code[:-4] if as_pdf else code)
            except dossier.UnknownRegion:
                http_errors.note_reason(f"no region {_SAFE_CODE.sub('?', code)[:40]}")
                body = dossier.not_found_html(code, f"/?lang={lang}")
                return flask.Response(body, status=404, mimetype="text/html")
            if as_pdf:
                return pdf_answer(region_id, lang)
        download = flask.request.args.get("download") == "1"
        with i18n.use(lang):
            body = page(region_id, lang, flask.request.host_url, "" if download else tools(region_id, lang))
        response = flask.Response(body, mimetype="text/html")
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Language"] = i18n.HTML_LANG[lang]
        if download:
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{file_name(region_id, dataset.version, lang)}"')
        return response
