"""The side panel: a region's actions with sources, or a national overview when none is selected.

Why pure builders: ``region_panel`` and ``overview_panel`` take DataFrames and return
Dash components, so the panel's content is tested without a browser; the callbacks
only pick the rows and call them.
"""

from __future__ import annotations

from urllib.parse import urlparse

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, ctx, dcc, html, no_update

from components.core import figures
from components.core.columns import ACTION_TYPES, COUNTRIES, LEVELS, Col, RegionCol
from components.core.dataset import Dataset
from components.panels.ids import Ids
from components.core.metrics import country_totals, filter_actions, leading_regions, type_counts
from components.core.state import ViewState

VERIFICATION_BADGE = {"verified": "success", "reported": "info", "unverified": "warning"}


def region_options(dataset: Dataset) -> list[dict]:
    """Every region, searchable by its English and native names, grouped by country order."""
    regions = dataset.regions.sort_values([RegionCol.COUNTRY, RegionCol.NAME_EN])
    return [
        {"label": f"{r[RegionCol.NAME_EN]} {r[RegionCol.NAME_LOCAL]} ({r[RegionCol.COUNTRY]})", "value": region_id}
        for region_id, r in regions.iterrows()
    ]


def panel(dataset: Dataset, ids=Ids) -> dbc.Card:
    return dbc.Card([
        dbc.CardHeader(dbc.Row([
            dbc.Col(html.H2(id=ids.PANEL_TITLE, className="h5 mb-0")),
            dbc.Col(dbc.Button("× Close", id=ids.PANEL_CLOSE, size="sm", color="link",
                               title="Back to the national overview"), width="auto"),
        ], className="align-items-center g-0")),
        dbc.CardBody([
            html.Label("Go to a region", htmlFor=ids.REGION_PICKER, className="visually-hidden"),
            dcc.Dropdown(id=ids.REGION_PICKER, options=region_options(dataset), placeholder="Go to a region…",
                         clearable=True, className="mb-2 small"),
            html.Div(dcc.Graph(id=ids.TIMELINE, config={"displayModeBar": False}, style={"height": "170px"}),
                     id="timeline-wrap"),
            html.Div(id=ids.PANEL_BODY),
            dcc.Store(id=ids.SCROLL_SINK),
        ], className="panel-body"),
    ], id=ids.PANEL, className="h-100")


def safe_url(url: str) -> str | None:
    parsed = urlparse(url or "")
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def action_item(row: pd.Series, highlighted: bool) -> html.Li:
    url = safe_url(row[Col.SOURCE_URL])
    source = (
        html.A(row[Col.SOURCE_NAME], href=url, target="_blank", rel="noopener noreferrer")
        if url else html.Span([row[Col.SOURCE_NAME], " (no link)"])
    )
    where = row[Col.LOCALITY] or LEVELS[row[Col.LEVEL]]
    return html.Li([
        html.Div([
            html.Span(row[Col.DATE_LABEL], className="text-muted me-2"),
            dbc.Badge(ACTION_TYPES[row[Col.ACTION_TYPE]], color="primary", className="me-1"),
            dbc.Badge(row[Col.VERIFICATION], color=VERIFICATION_BADGE[row[Col.VERIFICATION]]),
        ]),
        html.Div(row[Col.TITLE], className="fw-semibold action-title"),
        html.Div(row[Col.TITLE_ORIGINAL], className="small", lang=_lang(row[Col.COUNTRY])) if row[Col.TITLE_ORIGINAL] else None,
        html.Div([row[Col.ISSUER], " · ", where], className="small text-muted"),
        html.Div(row[Col.SUMMARY], className="small"),
        html.Div(["Source: ", source], className="small"),
    ], id={"type": "action", "id": row[Col.ACTION_ID]},
        className="list-group-item action-item" + (" highlighted" if highlighted else ""),
        **{"data-action-id": row[Col.ACTION_ID]})


def _lang(country: str) -> str:
    return {"CN": "zh-Hans", "JP": "ja", "KR": "ko"}[country]


def region_panel(dataset: Dataset, region_id: str, actions: pd.DataFrame, highlighted: str | None):
    """(title, body) for one region; ``actions`` are the view's filtered actions."""
    region = dataset.regions.loc[region_id]
    own = actions[actions[Col.REGION_ID] == region_id].sort_values(Col.DATE, ascending=False)
    counts = type_counts(own)
    title = [region[RegionCol.NAME_EN], " ", html.Span(region[RegionCol.NAME_LOCAL], lang=_lang(region[RegionCol.COUNTRY]))]
    body = [
        html.P(f"{len(own)} action(s) in view · {COUNTRIES[region[RegionCol.COUNTRY]]} · {region[RegionCol.TYPE]}",
               className="small text-muted mb-1", id="panel-count"),
        html.Div([dbc.Badge(f"{ACTION_TYPES[t]}: {n}", color="light", text_color="dark", className="me-1 mb-1")
                  for t, n in counts.items() if n], className="mb-2"),
        html.Ul([action_item(row, row[Col.ACTION_ID] == highlighted) for _, row in own.iterrows()]
                or [html.Li("No actions match the current filters.", className="list-group-item text-muted")],
                id=Ids.ACTION_LIST, className="list-group list-group-flush"),
    ]
    return title, body


def overview_panel(dataset: Dataset, actions: pd.DataFrame):
    totals = country_totals(actions).reindex(list(COUNTRIES), fill_value=0)
    leaders = leading_regions(actions)
    latest = actions.sort_values(Col.DATE, ascending=False).head(6)
    body = [
        html.Table([
            html.Thead(html.Tr([html.Th("Country"), html.Th("National"), html.Th("Sub-national"), html.Th("Regions")])),
            html.Tbody([html.Tr([html.Td(COUNTRIES[c]), html.Td(r.national), html.Td(r.sub_national), html.Td(r.regions)])
                        for c, r in totals.iterrows()]),
        ], className="table table-sm small", id="overview-totals"),
        html.H3("Leading regions", className="h6"),
        html.Ol([html.Li(f"{dataset.region_name(r)}: {n}") for r, n in leaders.items()], className="small"),
        html.H3("Latest actions", className="h6"),
        html.Ul([action_item(row, False) for _, row in latest.iterrows()], className="list-group list-group-flush",
                id=Ids.ACTION_LIST),
    ]
    return "Overview: China, South Korea, Japan", body


def timeline_for(dataset: Dataset, region_id: str | None, actions: pd.DataFrame, highlighted: str | None):
    if region_id is None:
        return figures.timeline_figure(actions.iloc[0:0], actions[actions[Col.LEVEL] == "national"], highlighted)
    country = dataset.regions.at[region_id, RegionCol.COUNTRY]
    national = actions[(actions[Col.LEVEL] == "national") & (actions[Col.COUNTRY] == country)]
    return figures.timeline_figure(actions[actions[Col.REGION_ID] == region_id], national, highlighted)


def panel_content(dataset: Dataset, view: dict, highlighted: str | None):
    state = ViewState(**view)
    actions = filter_actions(dataset, state)
    context = filter_actions(dataset, state.replace(levels=sorted(set(state.levels) | {"national"})))
    region = state.region if state.region in dataset.regions.index else None
    title, body = region_panel(dataset, region, actions, highlighted) if region else overview_panel(dataset, actions)
    return title, body, timeline_for(dataset, region, context, highlighted)


def register(app, dataset: Dataset, ids=Ids) -> None:
    @app.callback(
        Output(ids.PANEL_TITLE, "children"),
        Output(ids.PANEL_BODY, "children"),
        Output(ids.TIMELINE, "figure"),
        Input(ids.VIEW_STORE, "data"),
        Input(ids.HIGHLIGHTED_ACTION, "data"),
    )
    def _panel(view, highlighted):
        if not view:
            return no_update, no_update, no_update
        return panel_content(dataset, view, highlighted)

    @app.callback(
        Output(ids.HIGHLIGHTED_ACTION, "data"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
    def _highlight(click_data, _region):
        if click_data and click_data.get("points") and ctx.triggered_id == ids.TIMELINE:
            return click_data["points"][0].get("customdata")
        return None

    @app.callback(
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def _close(_n):
        return None

    @app.callback(
        Output(ids.REGION_PICKER, "value"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Input(ids.REGION_PICKER, "value"),
        Input(ids.SELECTED_REGION, "data"),
        prevent_initial_call=True,
    )
    def _picker(picked, selected):
        if ctx.triggered_id == ids.REGION_PICKER:
            return no_update, picked if picked != selected else no_update
        return selected if selected != picked else no_update, no_update

    app.clientside_callback(
        """function(highlighted) {
            if (highlighted) {
                const el = document.querySelector('[data-action-id="' + highlighted + '"]');
                if (el) { el.scrollIntoView({block: 'nearest'}); }
            }
            return window.dash_clientside.no_update;
        }""",
        Output(ids.SCROLL_SINK, "data"),
        Input(ids.HIGHLIGHTED_ACTION, "data"),
        prevent_initial_call=True,
    )
