"""Metaverse Policy Atlas: the app factory, the WSGI ``server`` and the command line.

Kept thin on purpose: the pure core (``components.core``: dataset, schema, metrics,
encodings, figures, diffusion analytics, the browser payload) does the work, each panel
(``components.panels``) registers its own callbacks, and the time-and-filter loop runs in
the browser (``assets/``).

    python app.py [serve] [--host H] [--port P] [--data PATH] [--workers N] [--max-request-mb MB] [--debug]
    python app.py validate PATH
    python app.py analyze --out DIR [--data PATH] [--permutations N] [--seed S]
    python app.py briefing STORYBOARD.json --out DIR [--data PATH] [--formats html,pptx,zip,png]
    python app.py build-boundaries
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dash
import dash_bootstrap_components as dbc  # noqa: F401  (registers the component library)
import flask

from components import api, cite, dossier, security, serving
from components.core import analysis as analytics
from components.core import i18n
from components.core.briefing.storyboard import browser_limits as storyboard_limits
from components.core.data import coverage, localities, release
from components.core.data.dataset import DEFAULT_ACTIONS_PATH, DEFAULT_REGIONS_PATH, load_dataset, load_geojson, region_table
from components.core.data.geometry_check import GeometryError, check_geojson
from components.core.data.schema import DatasetError, read_and_validate
from components.core.view import figures
from components.core.view.display_geometry import OVERVIEW_ZOOMS, overview_geojson
from components.core.view.dots import dot_layout
from components.core.view.encodings import encode_view
from components.core.view.metrics import facet_counts, readout_counts
from components.core.view.neighbours_context import BASE_MAP, neighbour_features
from components.core.view.payload import encode_languages
from components.core.view.published_rows import PublishedRows
from components.panels import (
    analysis,
    controls,
    datasource,
    drilldown,
    embed,
    engine,
    language,
    layout,
    map_panel,
    phone,
    storyboard,
    table,
    upload,
    url_state,
)

ROOT = Path(__file__).resolve().parent
#: Files under assets/ that Dash must not put on the page: axe-core is vendored for the
#: accessibility test only, which injects it itself; Swagger UI and its start-up script are the API docs page's,
#: atlas-dossier.js the region dossier's.
ASSETS_IGNORE = r"(^|/)(axe\.min\.js|swagger-ui[\w.-]*|atlas-api-docs\.js|atlas-dossier\.js)$"
#: Dash's lazily loaded components on the first screen: the map (Graph), the time slider, the region picker, the upload.
FIRST_PAINT_CHUNKS = ("graph", "slider", "dropdown", "upload")


def index_string() -> str:
    """Dash's index page without Dash's ``<footer>`` around the scripts.

    Why: a second footer would be a second ``contentinfo`` landmark beside the page's own.
    ``language.install`` writes the request's ``lang`` into ``<html>`` (screen readers pick
    their voice from it); ``serving.preload`` adds the files the first map needs to ``<head>``.
    """
    return """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


def create_app(data_path: str | Path | None = None, regions_path: str | Path | None = None,
               max_request_mb: float | None = None, **dataset_options) -> dash.Dash:
    """A fully wired Dash app over one validated dataset (raises ``DatasetError`` if invalid, ``GeometryError``
    if a boundary it draws is wound the wrong way).

    ``max_request_mb``: the request-size limit (default ``$ATLAS_MAX_REQUEST_MB``, else 32).
    """
    # Compression releases the GIL: the boundaries, the base map and each language's payload are compressed on the
    # other core while this one validates and builds the rest (start-up). Shut down before any worker forks.
    pool = ThreadPoolExecutor(max_workers=len(i18n.LANGUAGES))
    try:
        # Boundaries at brotli 9, not 11: about 0.9 s less start-up for about 50 KB more, and only the overview
        # is in a cold load (the detail comes with a Korea or Japan frame).
        geometry_job = pool.submit(serving.HashedAsset.from_bytes, Path(regions_path or DEFAULT_REGIONS_PATH).read_bytes(),
                                   "regions.geojson", "application/geo+json", br_quality=9)
        base_map_job = pool.submit(serving.HashedAsset.from_bytes,
                                   (ROOT / "assets" / "topojson" / map_panel.BASE_MAP_FILE).read_bytes(),
                                   map_panel.BASE_MAP_FILE, "application/json")
        dataset = load_dataset(data_path or DEFAULT_ACTIONS_PATH, regions_path or DEFAULT_REGIONS_PATH, **dataset_options)
        dots = dot_layout(dataset)
        label_points = figures.region_label_points(dataset)
        overview_json = check_geojson(overview_geojson(dataset.geojson), "regions-overview.geojson (overview_geojson)")
        overview_job = pool.submit(serving.HashedAsset.from_bytes, json.dumps(overview_json, separators=(",", ":")).encode(),
                                   "regions-overview.geojson", "application/geo+json", br_quality=9)
        check_geojson({"features": neighbour_features()}, f"{BASE_MAP.name} (the land around, neighbours_context)")
        searched = _coverage_beside(dataset)
        bodies = encode_languages(dataset, dots, label_points, searched, i18n.LANGUAGES, storyboard_limits(), pool.map)
        payload_jobs = {lang: pool.submit(engine.payload_asset, body) for lang, body in bodies.items()}
        first = url_state.default_state(dataset)
        actions, view, _ = encode_view(dataset, first)
        facets = facet_counts(dataset, first, actions)
        geometry, overview, base_map = geometry_job.result(), overview_job.result(), base_map_job.result()
        payloads = {lang: job.result() for lang, job in payload_jobs.items()}
    finally:
        pool.shutdown(cancel_futures=True)
    topojson_url = base_map.url.rsplit("/", 1)[0] + "/"

    def build_page():
        """The page in the language of the enclosing ``i18n.use`` (``language.install`` caches one per language)."""
        first_actions, first_view, encoding = encode_view(dataset, first)
        first_map = figures.build_figure(dataset, first, dots, label_points, first_actions, first_view, encoding,
                                         geometry.url, legend=False, overview_url=overview.url)
        readout = figures.readout_lines(dataset, first, readout_counts(dataset, first, first_view),
                                        first_actions.start, first_actions.end)
        return layout.page(dataset, first_map, readout, facets, engine.source(payloads[i18n.current()]), topojson_url,
                           templates, i18n.current())

    app = dash.Dash(
        __name__,
        title="Metaverse Policy Atlas",
        assets_folder=str(ROOT / "assets"),
        assets_ignore=ASSETS_IGNORE,
        index_string=index_string(),
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,  # the table is mounted later, when it nears the viewport
        health_endpoint="healthz",  # "OK" for a load balancer: no dataset work per request
    )
    templates = upload.template_assets(dataset)
    serving.install(app.server, assets_folder=app.config.assets_folder,
                    assets=(geometry, overview, *payloads.values(), base_map, *templates))
    language.install(app, build_page)
    serving.trim_page_scripts(app)
    serving.compress_large_callbacks(app)
    first_geometry = overview.url if first.zoom in OVERVIEW_ZOOMS else geometry.url
    chunks = [(url, "script") for url in serving.lazy_chunk_urls(app, FIRST_PAINT_CHUNKS)]
    serving.preload(app, lambda: [(first_geometry, "fetch"), (base_map.url, "fetch"),
                                  (payloads[language.requested_language()].url, "fetch"), *chunks])
    for panel in (layout, engine, url_state, controls, map_panel, drilldown, phone, embed):
        panel.register(app)
    published = PublishedRows.of(dataset)  # the API and the CSV export share the rows written once
    table.register(app, dataset, published=published)
    upload.register(app, dataset, dots, label_points)
    if regions_path is None:  # uploads are checked against the default boundaries, which this dataset holds
        serving.on_warm(app.server, functools.partial(datasource.warm, dataset))
    adjacency = analytics.adjacency_for_file(regions_path or DEFAULT_REGIONS_PATH)
    analysis.register(app, analysis.Analysis(bundled=dataset, adjacency=adjacency, geojson_url=geometry.url))
    storyboard.register(app, dataset)
    the_release = release.release(Path(dataset.source_path).parent)
    api.install(app, dataset, the_release, searched, published=published)
    dossier.install(app, dataset, the_release, searched, dots, label_points)
    cite.install(app, dataset, the_release)
    security.install(app, max_request_mb)  # last: the CSP hashes the inline scripts every panel added
    app.atlas_dataset = dataset
    return app


def _coverage_beside(dataset):
    """The search record next to the actions CSV, when there is one and it agrees with the CSV."""
    path = coverage.coverage_path_beside(dataset.source_path)
    if not path.exists():
        return None
    try:
        return coverage.read_and_validate_coverage(path, set(dataset.regions.index), actions=dataset.actions)
    except DatasetError as err:
        print(f"{path.name} not used (run `python app.py validate`):\n{err.report()}", file=sys.stderr)
        return None


def _validate(path: str) -> int:
    regions = region_table(load_geojson(DEFAULT_REGIONS_PATH))
    try:
        frame = read_and_validate(path, set(regions.index))
        coverage_note = coverage.check_beside(path, frame, set(regions.index))
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        return 1
    print(f"{path}: valid, {len(frame)} actions{coverage_note}")
    for row, _, locality, why in localities.unmatched(frame):
        print(f"warning: row {row + 2}, column locality: {locality!r} - not on the cities layer: {why}")
    return 0


def _serve(args) -> int:
    try:
        app = create_app(args.data, max_request_mb=args.max_request_mb)
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        print("The dashboard was not started; fix the rows above (your file was not changed).", file=sys.stderr)
        return 1
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
    else:
        serving.run_gunicorn(app.server, host=args.host, port=args.port, workers=args.workers)
    return 0


def _analyze(args) -> int:
    try:
        dataset = load_dataset(args.data or DEFAULT_ACTIONS_PATH)
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        print("No analysis was written; fix the rows above.", file=sys.stderr)
        return 1
    adjacency = analytics.adjacency_for_file(DEFAULT_REGIONS_PATH)
    try:
        written = analytics.write_analysis(dataset, adjacency, args.out, args.permutations, args.seed)
    except OSError as err:
        print(f"{args.out}: cannot write the analysis there ({err.strerror or err})", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _briefing(args) -> int:
    from components.core import briefing
    from components.core.briefing import storyboard as story_file
    from components.core.briefing.render import RenderError

    try:
        dataset = load_dataset(args.data or DEFAULT_ACTIONS_PATH)
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        print("No briefing was written; fix the rows above.", file=sys.stderr)
        return 1
    try:
        story = story_file.parse_storyboard(Path(args.storyboard).read_bytes(), dataset)
    except OSError as err:
        print(f"{args.storyboard}: cannot read the storyboard ({err.strerror or err})", file=sys.stderr)
        return 1
    except story_file.StoryboardError as err:
        print(f"{args.storyboard}: not a storyboard this dataset can show:", file=sys.stderr)
        print(err.report(), file=sys.stderr)
        return 1
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in briefing.FORMATS]
    if unknown or not formats:
        print(f"--formats: unknown {', '.join(unknown) or 'empty list'}; choose from {', '.join(briefing.FORMATS)}",
              file=sys.stderr)
        return 2
    try:
        written = briefing.write_briefing(dataset, story, args.out, formats)
    except OSError as err:
        print(f"{args.out}: cannot write the briefing there ({err.strerror or err})", file=sys.stderr)
        return 1
    except RenderError as err:
        print(str(err), file=sys.stderr)
        return 1
    for item in written:
        print(f"wrote {item.path} ({item.size / 1024:.0f} KB in {item.seconds:.1f} s)")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _build_boundaries(_args) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_boundaries

    return build_boundaries.main()


def _build_derived(_args) -> int:
    from scripts import build_derived

    return build_derived.main()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="app.py", description="Metaverse Policy Atlas")
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="serve the dashboard (the default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--data", default=None, help="a policy-actions CSV (default: the bundled dataset)")
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default: 2)")
    serve.add_argument("--max-request-mb", type=float, default=None,
                       help=f"largest request body accepted, in MB (default ${security.MAX_REQUEST_ENV} or "
                            f"{security.DEFAULT_MAX_REQUEST_MB}); larger ones get a 413")
    serve.add_argument("--debug", action="store_true", help="Dash's debug server instead of gunicorn (off unless asked for)")
    validate = commands.add_parser("validate", help="validate a policy-actions CSV")
    validate.add_argument("path")
    analyze = commands.add_parser("analyze", help="write diffusion analytics (adoption, lag, neighbours, test)")
    analyze.add_argument("--out", required=True, help="directory for adoption.csv, lag.csv, neighbours.csv, diffusion.json")
    analyze.add_argument("--data", default=None, help="a policy-actions CSV (default: the bundled dataset)")
    analyze.add_argument("--permutations", type=_positive_int, default=analytics.DEFAULT_PERMUTATIONS,
                         help="shuffles for the neighbour test (default %(default)s)")
    analyze.add_argument("--seed", type=int, default=analytics.DEFAULT_SEED, help="random seed (default %(default)s)")
    brief = commands.add_parser("briefing", help="write briefing.html, briefing.pptx and evidence.zip for a storyboard")
    brief.add_argument("storyboard", help="a storyboard JSON file (saved from the app, or data/storyboards/*.json)")
    brief.add_argument("--out", required=True, help="directory for the files (created if needed)")
    brief.add_argument("--data", default=None, help="a policy-actions CSV (default: the bundled dataset)")
    brief.add_argument("--formats", default="html,pptx,zip",
                       help="which files, comma-separated (default: %(default)s; add png for slides/scene-NN.png)")
    commands.add_parser("build-boundaries", help="rebuild data/regions.geojson from Natural Earth (npm), then build-derived")
    commands.add_parser("build-derived", help="recompute data/regions-derived.json (dots, adjacency) from data/regions.geojson")
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *argv])
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except GeometryError as err:
        print(err.report(), file=sys.stderr)
        print(f"Nothing was {'written' if args.command in ('analyze', 'briefing', 'build-boundaries') else 'started'}: "
              "the map would draw the regions above wrongly.", file=sys.stderr)
        return 1


def _run(args) -> int:
    if args.command == "validate":
        return _validate(args.path)
    if args.command == "analyze":
        return _analyze(args)
    if args.command == "briefing":
        return _briefing(args)
    if args.command == "build-boundaries":
        return _build_boundaries(args)
    if args.command == "build-derived":
        return _build_derived(args)
    return _serve(args)


@functools.cache
def _wsgi_server() -> flask.Flask:
    return serving.warm(create_app().server)


def __getattr__(name: str):
    """``app.server`` for WSGI (``gunicorn app:server``), built on first access, not at import."""
    if name == "server":
        return _wsgi_server()
    raise AttributeError(name)


if __name__ == "__main__":
    raise SystemExit(main())
