"""The storyboard panel: scenes captured from the view, edited, saved, loaded, shared, presented and exported.

Why this split: the storyboard lives in the browser (a ``dcc.Store`` holding the file's JSON,
kept in local storage), never on the server. Editing, jumping to a scene and presenting run in
the browser (``assets/atlas-story.js``, ``assets/atlas-present.js``): a jump sets the address,
and the existing URL sync draws it, so no scene change costs a round trip. The server is asked
only for what needs the Python rules: checking a loaded file or link strictly
(``core.storyboard``), making a share link, and building the export files (``core.briefing``).
A refused file leaves the storyboard being edited as it was.
"""

from __future__ import annotations

import base64
import binascii

import dash_bootstrap_components as dbc
import flask
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from components.core import briefing
from components.core.briefing import storyboard
from components.core.briefing import evidence, slides, standalone
from components.core.briefing.render import RenderError
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.panels.datasource import dataset_for
from components.panels import language
from components.panels.ids import Ids

EXPORTS = {Ids.STORY_EXPORT_HTML: ("html", standalone.briefing_html),
           Ids.STORY_EXPORT_PPTX: ("pptx", slides.briefing_pptx),
           Ids.STORY_EXPORT_ZIP: ("zip", evidence.evidence_zip)}


def _button(label_id: str, component_id, **props) -> dbc.Button:
    return dbc.Button(message(label_id), id=component_id, size="sm", className="me-1 mb-1", **props)


def story_panel(ids=Ids) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H2(message("story.heading"), className="h6"),
        html.Label(message("story.title_label"), htmlFor=ids.STORY_TITLE, className="visually-hidden"),
        dbc.Input(id=ids.STORY_TITLE, size="sm", maxLength=storyboard.STORY_TITLE_MAX, debounce=True,
                  placeholder=message("story.title_label"), className="mb-2"),
        html.Div([
            _button("story.add", ids.STORY_ADD, color="primary"),
            _button("story.present", ids.STORY_PRESENT, color="success"),
            _button("story.save", ids.STORY_SAVE, color="secondary", outline=True),
            dcc.Upload(_button("story.load", ids.STORY_LOAD, color="secondary", outline=True), id=ids.STORY_UPLOAD,
                       accept=".json,application/json", max_size=storyboard.MAX_FILE_BYTES, className="d-inline-block"),
            _button("story.share", ids.STORY_SHARE, color="secondary", outline=True),
        ]),
        html.Div(id=ids.STORY_STATUS, role="status", className="small my-1 story-status"),
        html.Label(message("story.link_label"), htmlFor=ids.STORY_LINK, className="visually-hidden"),
        dbc.Input(id=ids.STORY_LINK, readonly=True, size="sm", className="mb-2", style={"display": "none"}),
        dbc.RadioItems(id=ids.STORY_LIST, options=[], value=None, className="small story-list mb-1"),
        html.Div([
            _button("story.up", ids.STORY_UP, color="light", title=message("story.up_title")),
            _button("story.down", ids.STORY_DOWN, color="light", title=message("story.down_title")),
            _button("story.jump", ids.STORY_JUMP, color="light"),
            _button("story.delete", ids.STORY_DELETE, color="light"),
        ]),
        html.Label(message("story.scene_title"), htmlFor=ids.STORY_SCENE_TITLE, className="form-label small mb-0 mt-1"),
        dbc.Input(id=ids.STORY_SCENE_TITLE, size="sm", maxLength=storyboard.TITLE_MAX, debounce=True),
        html.Label(message("story.caption"), htmlFor=ids.STORY_CAPTION, className="form-label small mb-0 mt-1"),
        dbc.Textarea(id=ids.STORY_CAPTION, size="sm", maxLength=storyboard.CAPTION_MAX, debounce=True, rows=3),
        html.Label(message("story.notes"), htmlFor=ids.STORY_NOTES, className="form-label small mb-0 mt-1"),
        dbc.Textarea(id=ids.STORY_NOTES, size="sm", maxLength=storyboard.NOTES_MAX, debounce=True, rows=3),
        html.Div([
            html.Span(message("story.export"), className="small me-2"),
            _button("story.export_html", ids.STORY_EXPORT_HTML, color="secondary", outline=True),
            _button("story.export_pptx", ids.STORY_EXPORT_PPTX, color="secondary", outline=True),
            _button("story.export_zip", ids.STORY_EXPORT_ZIP, color="secondary", outline=True),
        ], className="mt-2"),
        dcc.Download(id=ids.STORY_DOWNLOAD),
        dcc.Download(id=ids.STORY_EXPORT_DOWNLOAD),
        dcc.Store(id=ids.STORYBOARD, storage_type="local"),
        dcc.Store(id=ids.STORY_LOADED),
        dcc.Store(id=ids.STORY_FRAGMENT),
        dcc.Store(id=ids.PRESENTER_SINK),
    ]), className="story-card mb-2")


def presenter_frame(ids=Ids) -> list:
    """The presenter's title, caption and footer: hidden until a storyboard is presented."""
    return [
        html.Div([html.H1(id=ids.PRESENTER_TITLE), html.P(id=ids.PRESENTER_CAPTION)], id=ids.PRESENTER_HEAD),
        html.Div(id=ids.PRESENTER_FOOT, role="status"),
    ]


def refusal(err: storyboard.StoryboardError) -> list:
    return [html.Div(message("story.refused"), className="fw-semibold"),
            html.Ul([html.Li(str(p)) for p in err.problems], className="mb-0")]


def register(app, dataset: Dataset, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="storyEdit"),
        Output(ids.STORYBOARD, "data"),
        Output(ids.STORY_LIST, "options"),
        Output(ids.STORY_LIST, "value"),
        Output(ids.STORY_SCENE_TITLE, "value"),
        Output(ids.STORY_CAPTION, "value"),
        Output(ids.STORY_NOTES, "value"),
        Output(ids.STORY_TITLE, "value"),
        Input(ids.ENGINE, "data"),
        Input(ids.STORY_ADD, "n_clicks"),
        Input(ids.STORY_UP, "n_clicks"),
        Input(ids.STORY_DOWN, "n_clicks"),
        Input(ids.STORY_DELETE, "n_clicks"),
        Input(ids.STORY_LIST, "value"),
        Input(ids.STORY_SCENE_TITLE, "value"),
        Input(ids.STORY_CAPTION, "value"),
        Input(ids.STORY_NOTES, "value"),
        Input(ids.STORY_TITLE, "value"),
        Input(ids.STORY_LOADED, "data"),
        State(ids.VIEW_STORE, "data"),
        State(ids.STORYBOARD, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="storyJump"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.STORY_JUMP, "n_clicks"),
        State(ids.STORY_LIST, "value"),
        State(ids.STORYBOARD, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="storyPresent"),
        Output(ids.PRESENTER_SINK, "data"),
        Input(ids.STORY_PRESENT, "n_clicks"),
        State(ids.STORY_LIST, "value"),
        State(ids.STORYBOARD, "data"),
        State(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="storySave"),
        Output(ids.STORY_DOWNLOAD, "data"),
        Input(ids.STORY_SAVE, "n_clicks"),
        State(ids.STORYBOARD, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.STORY_LOADED, "data"),
        Output(ids.STORY_STATUS, "children"),
        Input(ids.STORY_UPLOAD, "contents"),
        State(ids.STORY_UPLOAD, "filename"),
        State(ids.OWN_DATA, "data"),
        language.page_language(),
        prevent_initial_call=True,
    )
    @language.speaking
    def _load(contents, filename, own):
        try:
            body = base64.b64decode(str(contents).split(",", 1)[-1], validate=True)
        except (binascii.Error, ValueError):
            body = b"\xff"
        try:
            story = storyboard.parse_storyboard(body, dataset_for(dataset, own))
        except storyboard.StoryboardError as err:
            return no_update, [html.Div(message("story.file", name=filename or "")), *refusal(err)]
        return story.to_dict(), message("story.loaded", title=story.title, n=len(story.scenes))

    # Only an address that carries a storyboard asks the server (to check it); any other page load does not.
    app.clientside_callback(
        f"""function (hash) {{
            return typeof hash === "string" && hash.indexOf("#{storyboard.LINK_KEY}=") === 0
                ? hash : window.dash_clientside.no_update;
        }}""",
        Output(ids.STORY_FRAGMENT, "data"),
        Input(ids.URL, "hash"),
    )

    @app.callback(
        Output(ids.STORY_LOADED, "data", allow_duplicate=True),
        Output(ids.STORY_STATUS, "children", allow_duplicate=True),
        Input(ids.STORY_FRAGMENT, "data"),
        State(ids.OWN_DATA, "data"),
        language.page_language(),
        prevent_initial_call=True,
    )
    @language.speaking
    def _from_link(fragment, own):
        if not isinstance(fragment, str):
            return no_update, no_update
        try:
            story = storyboard.from_link_fragment(fragment, dataset_for(dataset, own))
        except storyboard.StoryboardError as err:
            return no_update, refusal(err)
        return story.to_dict(), message("story.loaded", title=story.title, n=len(story.scenes))

    @app.callback(
        Output(ids.STORY_LINK, "value"),
        Output(ids.STORY_LINK, "style"),
        Output(ids.STORY_STATUS, "children", allow_duplicate=True),
        Input(ids.STORY_SHARE, "n_clicks"),
        State(ids.STORYBOARD, "data"),
        State(ids.OWN_DATA, "data"),
        language.page_language(),
        prevent_initial_call=True,
    )
    @language.speaking
    def _share(_n, stored, own):
        try:
            fragment = storyboard.to_link_fragment(storyboard.parse_storyboard(stored, dataset_for(dataset, own)))
        except storyboard.StoryboardError as err:
            return no_update, no_update, refusal(err)
        except storyboard.LinkTooLong as err:
            return "", {"display": "none"}, str(err)
        root = flask.request.url_root.rstrip("/") + app.config.requests_pathname_prefix
        return f"{root}#{fragment}", {}, message("story.link_ready")

    @app.callback(
        Output(ids.STORY_EXPORT_DOWNLOAD, "data"),
        Output(ids.STORY_STATUS, "children", allow_duplicate=True),
        *[Input(component, "n_clicks") for component in EXPORTS],
        State(ids.STORYBOARD, "data"),
        State(ids.OWN_DATA, "data"),
        language.page_language(),
        prevent_initial_call=True,
    )
    @language.speaking
    def _export(*args):
        from dash import ctx

        stored, own = args[-2], args[-1]
        kind, build = EXPORTS[Ids(ctx.triggered_id)]
        shown = dataset_for(dataset, own)
        try:
            story = storyboard.parse_storyboard(stored, shown)
            body = build(shown, story, briefing.scene_facts(shown, story))
        except storyboard.StoryboardError as err:
            return no_update, refusal(err)
        except RenderError as err:
            return no_update, str(err)
        name = briefing.FILE_NAMES[kind]
        return dcc.send_bytes(body, name), message("story.exported", name=name)
