"""``/cite/action/<ACTION_ID>`` and ``/cite/view?<the view's query>``: "Cite" over HTTP, as JSON or a .bib file.

Why a server route: the panel and the action list are drawn by the browser engine, but APA and
BibTeX come from maintained Python formatters (citeproc-py, pybtex); the engine's "Cite" dialog
(``assets/atlas-cite.js``) asks here and shows the answer as text. What a citation says is written
by ``components.core.briefing.cite``; this module picks the language (``?lang=``, else
Accept-Language), reads the view's query strictly, and answers an unknown action (404) or a view
the atlas cannot show exactly (400) with a problem+json naming parameter, value and rule, never a 500.
``?format=bibtex`` gives the BibTeX as a download. The bytes depend on the request's host, the
language and the query alone.
"""

from __future__ import annotations

import json

import dash
import flask

from components import api
from components.core import i18n
from components.core.briefing import cite
from components.core.data.dataset import Dataset
from components.core.data.release import Release
from components.core.view.api_query import ParamError
from components.core.view.state import ViewState
from components.panels.language import requested_language

PATH = "/cite"
FORMATS = ("json", "bibtex")


def _answer(found: cite.Citation, name: str) -> flask.Response:
    fmt = flask.request.args.get("format", "json")
    if fmt == "bibtex":
        response = flask.Response(found.bibtex.encode("utf-8"), mimetype="application/x-bibtex")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.bib"'
    else:
        body = json.dumps(found.as_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        response = flask.Response(body.encode("utf-8"), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Content-Language"] = i18n.HTML_LANG[i18n.current()]
    return response


def _format_problem() -> flask.Response | None:
    fmt = flask.request.args.get("format", "json")
    if fmt not in FORMATS:
        return api.problem(400, [ParamError("format", fmt[:80], "must be one of: " + ", ".join(FORMATS))])
    return None


def install(app: dash.Dash, dataset: Dataset, release: Release) -> None:
    """The citation routes on ``app.server``."""
    server = app.server
    base_state = cite.default_state(dataset)
    month_labels, region_ids = dataset.month_labels, set(dataset.regions.index)
    action_ids = set(dataset.actions["action_id"])
    localities = dataset.localities
    locality_regions = dict(zip(localities.ids, localities.region)) if localities is not None else {}

    @server.get(f"{PATH}/action/<path:action_id>")
    def cite_action(action_id: str):
        bad = _format_problem()
        if bad is not None:
            return bad
        with i18n.use(requested_language()):
            try:
                found = cite.action_citation(dataset, action_id, release.date, flask.request.host_url)
            except cite.UnknownAction:
                return api.problem(404, [ParamError("action_id", action_id[:80],
                                                    "must be the id of an action of this dataset")])
            return _answer(found, f"metaverse-policy-atlas_{dataset.version}_{cite._key(action_id)}")

    @server.get(f"{PATH}/view")
    def cite_view():
        too_long = api.query_too_long()
        if too_long is not None:
            return too_long
        search = "&".join(part for part in flask.request.query_string.decode("utf-8", "replace").split("&")
                          if not part.startswith("format="))
        bad = _format_problem()
        if bad is not None:
            return bad
        state = ViewState.from_query(search, base_state, month_labels=month_labels, region_ids=region_ids,
                                     action_ids=action_ids, locality_regions=locality_regions)
        problems = cite.view_problems(dataset, search, state)
        if problems:
            return api.problem(400, problems)
        with i18n.use(requested_language()):
            found = cite.view_citation(dataset, state, release.date, flask.request.host_url)
            return _answer(found, f"metaverse-policy-atlas_{dataset.version}_view")
