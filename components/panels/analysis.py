"""The Analysis view: how the policy wave spread (adoption, lag, first movers, neighbours, time).

Why it is wired this way: the map's slider/play/filter loop runs in the browser and must not
gain a server request. So no server callback here listens to ``view-store`` or ``view-drawn``: a
clientside callback (``atlas.analysisView``) copies the view's filters and window into the
``analysis-view`` store only while the Analysis tab is open, and only when they changed; the
server callbacks below listen to that store. The charts are mounted when the tab is first opened.
Each chart's callback and its CSV export call the same function (``chart_frame``), so the file holds exactly what the chart draws.
The charts are answered in Python because they need the analytics (geopandas adjacency,
the permutation test); adjacency is computed once per boundary file, in the app factory.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, dcc, html, no_update

from components.core.analysis import data
from components.core import i18n
from components.core.analysis import figures
from components.core.analysis import default_milestones
from components.core.analysis.adjacency import Adjacency
from components.core.data.columns import Col
from components.core.data.dataset import Dataset
from components.core.i18n import message
from components.core.data.schema import DatasetError
from components.core.view.state import ViewState
from components.panels import language
from components.panels.analysis_lists import lag_list_data, neighbour_data, ranking_note_data
from components.panels.datasource import dataset_for
from components.panels.ids import Ids
from components.panels.url_state import state_from_view

GRAPHS = {"adoption": Ids.ADOPTION_GRAPH, "lag": Ids.LAG_GRAPH, "ranking": Ids.RANKING_GRAPH,
          "neighbours": Ids.NEIGHBOUR_GRAPH, "counts": Ids.COUNTS_GRAPH, "hype": Ids.HYPE_GRAPH}
CSV_BUTTONS = {"adoption": Ids.ADOPTION_CSV, "lag": Ids.LAG_CSV, "ranking": Ids.RANKING_CSV,
               "neighbours": Ids.NEIGHBOUR_CSV, "counts": Ids.COUNTS_CSV, "hype": Ids.HYPE_CSV}
#: What each export is called (the file name says what it holds).
FILE_NAMES = {"adoption": "adoption-curves", "lag": "national-to-local-lag", "ranking": "first-movers",
              "neighbours": "neighbour-effect", "hype": "hype-cycle-per-quarter"}
TITLE_IDS = {"adoption": Ids.ADOPTION_TITLE, "lag": Ids.LAG_TITLE, "ranking": Ids.RANKING_TITLE,
             "neighbours": Ids.NEIGHBOUR_TITLE, "counts": Ids.COUNTS_TITLE, "hype": Ids.HYPE_TITLE}
EXPLAIN_IDS = {"adoption": Ids.ADOPTION_EXPLAIN, "lag": Ids.LAG_EXPLAIN, "ranking": Ids.RANKING_EXPLAIN,
               "neighbours": Ids.NEIGHBOUR_EXPLAIN, "counts": Ids.COUNTS_EXPLAIN, "hype": Ids.HYPE_EXPLAIN}


#: What "Actions over time" can stack by; by topic it is the topic-by-country matrix over time (one panel per country).
COUNT_BANDS = ("level", "action_type", "topic")


@dataclass(frozen=True, eq=False)
class Analysis:
    """What the callbacks share: the bundled dataset, its adjacency (built once) and the boundary URL."""

    bundled: Dataset
    adjacency: Adjacency
    geojson_url: str


@dataclass(frozen=True)
class Options:
    """The charts' own controls: a milestone per country (lag), the band and the period (counts)."""

    milestones: dict | None = None
    by: str = "level"
    freq: str = "month"

    @classmethod
    def read(cls, picker_values=None, picker_ids=None, by=None, freq=None) -> "Options":
        milestones = {i["country"]: v for i, v in zip(picker_ids or [], picker_values or [])
                      if isinstance(i, dict) and isinstance(v, str)}
        return cls(milestones=milestones, by=by if by in COUNT_BANDS else "level",
                   freq=freq if freq in ("month", "quarter") else "month")


def view_of(analysis: Analysis, view, own) -> tuple[Dataset, ViewState]:
    dataset = dataset_for(analysis.bundled, own)
    return dataset, state_from_view(dataset, view)


def chart_frame(analysis: Analysis, chart: str, dataset: Dataset, state: ViewState, options: Options = Options()):
    """The analytics a chart draws, in the frame its CSV writes (and, for some, what else it shows)."""
    if chart == "adoption":
        return data.adoption(dataset, state)
    if chart == "lag":
        return data.lags(dataset, state, options.milestones)
    if chart == "ranking":
        return data.ranking(dataset, state)
    if chart == "neighbours":
        return data.neighbours(dataset, state, analysis.adjacency)
    if chart == "counts":
        return data.counts(dataset, state, options.by, options.freq)
    return data.hype(dataset, state)


def csv_frame(chart: str, result):
    """The table a chart's CSV holds: the frame it draws."""
    return {"adoption": lambda r: r.curves, "lag": lambda r: r.table, "neighbours": lambda r: r.regions}.get(
        chart, lambda r: r)(result)


def export_name(chart: str, dataset: Dataset, state: ViewState, options: Options = Options()) -> str:
    shown = data.cumulative_state(dataset, state) if chart in data.CUMULATIVE_CHARTS else state
    what = FILE_NAMES.get(chart) or f"actions-by-{options.by.replace('_', '-')}-per-{options.freq}"
    return f"metaverse-policy-{what}_v{dataset.version}_{shown.slug()}.csv"


def footer(chart: str, dataset: Dataset, state: ViewState, title: str) -> str:
    shown = data.cumulative_state(dataset, state) if chart in data.CUMULATIVE_CHARTS else state
    start, end = shown.month_range(dataset.month_labels)
    window = message("analysis.window", start=i18n.month(dataset.month_labels[start]), end=i18n.month(dataset.month_labels[end]))
    return message("analysis.footer", chart=title, version=dataset.version, window=window)


def titles(chart: str, dataset: Dataset, state: ViewState, options: Options = Options()) -> tuple[str, str]:
    """The chart's title and one-line explanation for this view."""
    params = {"end": i18n.month(data.end_label(dataset, state)), "by": message(f"counts.by.{options.by}"),
              "freq": message(f"counts.freq.{options.freq}"), "collected": i18n.month(dataset.collected_to)}
    explain = message(f"{chart}.explain", **params)
    if chart == "counts" and options.by == "topic":
        explain += " " + message("counts.topic_note")
    return message(f"{chart}.title", **params), explain


def render(analysis: Analysis, chart: str, view, own, options: Options = Options()) -> tuple[dict, str, str, object]:
    """(figure, title, explanation, the chart's result) for one chart of one view."""
    try:
        dataset, state = view_of(analysis, view, own)
    except DatasetError as err:
        problem = str(err.problems[0]) if err.problems else ""
        text = message("analysis.own_data_invalid", n=len(err.problems), problem=problem)
        return figures.empty_figure(text, ""), message(f"{chart}.title", end="", by="", freq="", collected=""), "", None
    title, explain = titles(chart, dataset, state, options)
    note = footer(chart, dataset, state, title)
    if not data.selected_countries(state):
        return figures.empty_figure(message("analysis.empty", end=i18n.month(data.end_label(dataset, state))), note), title, explain, None
    if chart in ("counts", "hype") and not data.window_months(dataset, state):
        text = message("edge.window_beyond", collected=i18n.month(dataset.collected_to))
        return figures.empty_figure(text, note), title, explain, None
    result = chart_frame(analysis, chart, dataset, state, options)
    if chart == "adoption":
        figure = figures.adoption_figure(result, note)
    elif chart == "lag":
        figure = figures.lag_figure(result, note)
    elif chart == "ranking":
        figure = (figures.ranking_figure(result, note) if result["acted"].any()
                  else figures.empty_figure(message("analysis.empty", end=i18n.month(data.end_label(dataset, state))), note))
    elif chart == "neighbours":
        figure = figures.neighbour_figure(result, analysis.geojson_url, i18n.month(data.end_label(dataset, state)), note)
    elif chart == "counts":
        figure = figures.counts_figure(result, options.by, note, data.edge(dataset, state), options.freq)
    else:
        figure = figures.hype_figure(result, note, data.edge(dataset, state))
    return figure, title, explain, result


def download(analysis: Analysis, chart: str, view, own, options: Options = Options()) -> dict:
    """``dcc.send_data_frame`` of exactly what ``chart`` draws for the view (nothing for an unreadable own file)."""
    try:
        dataset, state = view_of(analysis, view, own)
    except DatasetError:
        return no_update
    frame = csv_frame(chart, chart_frame(analysis, chart, dataset, state, options))
    return dcc.send_data_frame(frame.to_csv, export_name(chart, dataset, state, options), index=False,
                               encoding="utf-8", date_format="%Y-%m-%d", float_format="%.4f")


GRAPH_CONFIG = {"displaylogo": False, "topojsonURL": "/assets/topojson/", "scrollZoom": False,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}


def chart_card(chart: str, dataset: Dataset, controls=None, below=None, ids=Ids) -> dbc.Card:
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {
        "format": "png", "scale": 2, "filename": f"metaverse-policy-{FILE_NAMES.get(chart, 'actions-over-time')}_v{dataset.version}"}}
    return dbc.Card(dbc.CardBody([
        dbc.Row([
            dbc.Col(html.H3(id=TITLE_IDS[chart], className="h6 mb-0 fw-semibold")),
            dbc.Col(dbc.Button(message("analysis.csv"), id=CSV_BUTTONS[chart], size="sm", color="secondary",
                               outline=True), width="auto"),
        ], className="align-items-center g-2"),
        html.P(id=EXPLAIN_IDS[chart], className="small text-muted mb-1"),
        controls,
        dcc.Loading(dcc.Graph(id=GRAPHS[chart], config=config, figure={"data": [], "layout": {"height": 160}}),
                    type="dot", delay_show=300),
        below,
    ], className="p-2"), className="mb-2 analysis-card")


def milestone_pickers(dataset: Dataset, ids=Ids) -> dbc.Row:
    """A picker per country with national actions; the default is its first national strategy plan."""
    defaults = default_milestones(dataset.actions)
    originals = dataset.actions.set_index(Col.ACTION_ID)[Col.TITLE_ORIGINAL].to_dict()
    columns = []
    for country, frame in data.national_options(dataset).items():
        if frame.empty:
            continue
        options = []
        for a, p, precision, t, k in zip(frame[Col.ACTION_ID], frame[Col.DATE], frame[Col.DATE_PRECISION], frame[Col.TITLE],
                                         frame[Col.ACTION_TYPE]):
            shown = figures.short_title(i18n.title(t, originals.get(a, ""), country))
            params = {"date": figures.date_text(p, precision), "kind": i18n.label("types", k)}
            options.append({"label": html.Span(language.with_data_field("lag.milestone_option", "title", shown, **params)),
                            "search": message("lag.milestone_option", title=shown, **params), "value": a})
        columns.append(dbc.Col([
            html.Div(message("lag.picker", country=figures.country_name(country)), className="small fw-semibold"),
            dcc.Dropdown(id={"type": ids.MILESTONE_PICKER, "country": country}, options=options,
                         value=defaults.get(country), clearable=False, className="small", optionHeight=48),
        ], md=4))
    return dbc.Row(columns, className="g-2 mb-1")


def counts_controls(ids=Ids) -> dbc.Row:
    def radios(component, label, name, values):
        return dbc.Col(html.Div([
            html.Span(message(label), className="small fw-semibold me-2"),
            dbc.RadioItems(id=component, options=[{"label": message(f"{name}.{v}"), "value": v} for v in values],
                           value=values[0], inline=True, className="small d-inline-block"),
        ]), width="auto")

    return dbc.Row([radios(ids.COUNTS_BY, "counts.by_label", "counts.by", list(COUNT_BANDS)),
                    radios(ids.COUNTS_FREQ, "counts.freq_label", "counts.freq", ["month", "quarter"])], className="g-3")


def charts(dataset: Dataset, ids=Ids) -> list:
    return [
        chart_card("adoption", dataset, ids=ids),
        chart_card("lag", dataset, controls=milestone_pickers(dataset, ids), below=html.Div([dcc.Store(id=ids.LAG_LIST_DATA), html.Div(id=ids.LAG_LIST)]), ids=ids),
        chart_card("ranking", dataset, below=html.Div([dcc.Store(id=ids.RANKING_NOTE_DATA),
                                                       html.P(id=ids.RANKING_NOTE, className="small")]), ids=ids),
        chart_card("neighbours", dataset, below=html.Div([dcc.Store(id=ids.NEIGHBOUR_DATA), html.Div(id=ids.NEIGHBOUR_STATS)]),
                   ids=ids),
        chart_card("counts", dataset, controls=counts_controls(ids), ids=ids),
        chart_card("hype", dataset, ids=ids),
    ]


def section(dataset: Dataset, ids=Ids) -> html.Section:
    """The tab's frame; its charts are mounted when the tab is first opened.

    Why: mounted but hidden, the charts' ~270 components were plotted at start-up, before the
    map, and Dash's renderer visited them on every dispatch of every slider step. Their tree
    travels in the page as data (``ANALYSIS_BODY_SPEC``, the same JSON Dash would send) and
    becomes components when the tab is first opened (``atlas.mountAnalysis``); the tab's view
    store is set once they are there, so the charts' callbacks find their outputs.
    """
    return html.Section([
        html.H2(message("analysis.heading"), className="h5 mt-2"),
        html.P(message("analysis.intro"), className="small mb-1"),
        html.P(message("analysis.how_to"), className="small text-muted"),
        html.Div(id=ids.ANALYSIS_BODY),
        dcc.Store(id=ids.ANALYSIS_BODY_SPEC, data=charts(dataset, ids)),  # sent as the JSON Dash sends for them
        dcc.Store(id=ids.ANALYSIS_VIEW),
        dcc.Store(id=ids.ANALYSIS_CSV_ASKED),
        dcc.Download(id=ids.ANALYSIS_DOWNLOAD),
    ], id=ids.ANALYSIS, className="analysis-section")


def tabs(ids=Ids) -> dbc.Tabs:
    return dbc.Tabs([dbc.Tab(label=message("tab.map"), tab_id="map"), dbc.Tab(label=message("tab.analysis"), tab_id="analysis")],
                    id=ids.TAB, active_tab="map", className="mb-2")


def register(app, analysis: Analysis, ids=Ids) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mountAnalysis"),
        Output(ids.ANALYSIS_BODY, "children"),
        Input(ids.VIEW_STORE, "data"),
        State(ids.ANALYSIS_BODY_SPEC, "data"),
        State(ids.ANALYSIS_BODY, "children"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="analysisView"),
        Output(ids.ANALYSIS_VIEW, "data"),
        Input(ids.VIEW_STORE, "data"),
        Input(ids.ANALYSIS_BODY, "children"),
        State(ids.ANALYSIS_VIEW, "data"),
        State(ids.PLAY_INTERVAL, "disabled"),
        State(ids.DATE_RANGE, "value"),
        State(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="analysisClick"),
        Output(ids.SELECTED_REGION, "data", allow_duplicate=True),
        Output(ids.DATE_RANGE, "value", allow_duplicate=True),
        Output(ids.TAB, "active_tab", allow_duplicate=True),
        *[Input(graph, "clickData") for graph in GRAPHS.values()],
        State(ids.DATE_RANGE, "value"),
        State(ids.ENGINE, "data"),
        prevent_initial_call=True,
    )
    view = Input(ids.ANALYSIS_VIEW, "data")
    own = State(ids.OWN_DATA, "data")
    pickers = [Input({"type": ids.MILESTONE_PICKER, "country": ALL}, "value"),
               State({"type": ids.MILESTONE_PICKER, "country": ALL}, "id")]

    def outputs(chart: str) -> list:
        return [Output(GRAPHS[chart], "figure"), Output(TITLE_IDS[chart], "children"), Output(EXPLAIN_IDS[chart], "children")]

    lang = language.page_language()
    for chart in ("adoption", "hype"):
        def _simple(view_, own_, chart=chart):
            return render(analysis, chart, view_, own_)[:3]

        app.callback(*outputs(chart), view, own, lang, prevent_initial_call=True)(language.speaking(_simple))

    @app.callback(*outputs("lag"), Output(ids.LAG_LIST_DATA, "data"), view, *pickers, own, lang, prevent_initial_call=True)
    @language.speaking
    def _lag(view_, values, picker_ids, own_):
        figure, title, explain, result = render(analysis, "lag", view_, own_, Options.read(values, picker_ids))
        return figure, title, explain, lag_list_data(result)

    app.clientside_callback(  # the lag list is drawn by the engine (assets/atlas-analysis-lists.js)
        ClientsideFunction(namespace="atlas", function_name="drawLagList"),
        Output(ids.LAG_LIST, "title"),
        Input(ids.LAG_LIST_DATA, "data"),
        prevent_initial_call=True,
    )

    @app.callback(*outputs("ranking"), Output(ids.RANKING_NOTE_DATA, "data"), view, own, lang, prevent_initial_call=True)
    @language.speaking
    def _ranking(view_, own_):
        figure, title, explain, result = render(analysis, "ranking", view_, own_)
        return figure, title, explain, ranking_note_data(result, i18n.month(data.end_label(*view_of(analysis, view_, own_))))

    @app.callback(*outputs("neighbours"), Output(ids.NEIGHBOUR_DATA, "data"), view, own, lang,
                  prevent_initial_call=True)
    @language.speaking
    def _neighbours(view_, own_):
        figure, title, explain, result = render(analysis, "neighbours", view_, own_)
        return figure, title, explain, neighbour_data(result)

    for function, slot, stored in (("drawRankingNote", ids.RANKING_NOTE, ids.RANKING_NOTE_DATA),
                                   ("drawNeighbourStats", ids.NEIGHBOUR_STATS, ids.NEIGHBOUR_DATA)):
        app.clientside_callback(  # drawn by the engine too (assets/atlas-analysis-lists.js)
            ClientsideFunction(namespace="atlas", function_name=function),
            Output(slot, "title"),
            Input(stored, "data"),
            prevent_initial_call=True,
        )

    @app.callback(*outputs("counts"), view, Input(ids.COUNTS_BY, "value"), Input(ids.COUNTS_FREQ, "value"), own, lang,
                  prevent_initial_call=True)
    @language.speaking
    def _counts(view_, by, freq, own_):
        return render(analysis, "counts", view_, own_, Options.read(by=by, freq=freq))[:3]

    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="analysisCsv"),
        Output(ids.ANALYSIS_CSV_ASKED, "data"),
        *[Input(button, "n_clicks") for button in CSV_BUTTONS.values()],
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.ANALYSIS_DOWNLOAD, "data"),
        Input(ids.ANALYSIS_CSV_ASKED, "data"),
        State(ids.ANALYSIS_VIEW, "data"), *[State(p.component_id, p.component_property) for p in pickers],
        State(ids.COUNTS_BY, "value"), State(ids.COUNTS_FREQ, "value"), own,
        prevent_initial_call=True,
    )
    def _download(asked, view_, values, picker_ids, by, freq, own_):
        chart = next((c for c, button in CSV_BUTTONS.items() if isinstance(asked, dict) and asked.get("button") == button), None)
        if chart is None:
            return no_update
        return download(analysis, chart, view_, own_, Options.read(values, picker_ids, by, freq))
