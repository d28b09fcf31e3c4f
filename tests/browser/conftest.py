"""Browser-test helpers: open the app at a link, read the map, click where a user would.

Every browser test ends by asserting that the browser logged no console errors.
"""

from __future__ import annotations

import socket
import time
from urllib.parse import parse_qs, urlparse

import pytest
import shapely.geometry
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from app import create_app

TIMEOUT = 20


def free_port() -> int:
    """A loopback port nobody listens on, so parallel test workers never share a server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def open_link(dash_duo):
    """Start the app (bundled data, or ``data_path``) and open it at a query string; returns the dataset."""
    def opener(link: str = "", data_path=None, **options):
        app = create_app(data_path, **options)
        dash_duo.start_server(app, port=free_port())
        dash_duo.driver.get(dash_duo.server_url + "/" + link)
        wait_for_engine(dash_duo)
        return app.atlas_dataset

    return opener


@pytest.fixture(scope="session")
def picture_duo(request, tmp_path_factory):
    """One server and one browser for many views (a view is a query string and a window size), on the
    bundled data with its month axis ending at its last action, so that pictures do not move with the
    calendar. Returns the composite (``dash_duo``'s kind) and the app."""
    from dash.testing.application_runners import ThreadedRunner
    from dash.testing.composite import DashComposite

    from .pictures import picture_today

    app = create_app(today=picture_today())
    with ThreadedRunner() as server, DashComposite(
        server=server, browser="chrome", headless=request.config.getoption("headless"),
        options=request.config.hook.pytest_setup_options(), download_path=str(tmp_path_factory.mktemp("downloads")),
    ) as duo:
        duo.start_server(app, port=free_port())
        yield duo, app


@pytest.fixture
def atlas(dash_duo, open_link):
    dataset = open_link()
    return dash_duo, dataset


def wait_for(condition, timeout: float = TIMEOUT, message: str = "condition"):
    end = time.time() + timeout
    last_error = None
    while time.time() < end:
        try:
            result = condition()
            if result:
                return result
        except Exception as exc:  # the DOM may be mid-render
            last_error = exc
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}; last error: {last_error}")


def wait_for_engine(duo) -> None:
    """Until the browser engine has drawn the map and filled the table from the payload."""
    duo.wait_for_element("#map .choroplethlocation", timeout=TIMEOUT)
    wait_for(lambda: duo.driver.execute_script(
        "const gd = document.querySelector('#map .js-plotly-plot');"
        "return gd && gd.layout && gd.layout.meta && window.atlas && window.atlas.data._ready.size > 0"
        "  && document.querySelector('#table-count').textContent.length > 0"), message="the browser engine")


def map_trace(duo, index: int) -> dict:
    return duo.driver.execute_script(
        "const gd = document.querySelector('#map .js-plotly-plot');"
        "const t = gd.data[arguments[0]];"
        "return {z: t.z, locations: t.locations, text: t.text, customdata: t.customdata, lon: t.lon, lat: t.lat,"
        "        name: t.name, marker: t.marker};", index)


def map_meta(duo) -> dict:
    return duo.driver.execute_script("return document.querySelector('#map .js-plotly-plot').layout.meta")


LONLAT_TO_SCREEN_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const xy = gd._fullLayout.geo._subplot.projection([arguments[0], arguments[1]]);
const path = gd.querySelector('.choroplethlocation');
const pt = path.ownerSVGElement.createSVGPoint(); pt.x = xy[0]; pt.y = xy[1];
const s = pt.matrixTransform(path.getScreenCTM());
return [s.x, s.y];
"""


PROJECT_MANY_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const project = gd._fullLayout.geo._subplot.projection;
return arguments[0].map(p => project(p));
"""


def region_lonlat(duo, dataset, region_id: str) -> tuple[float, float]:
    """Where a user would click: the region's dot as drawn, or the point of its shape farthest from any dot."""
    dots = map_trace(duo, 4)
    if region_id in dots["customdata"]:
        i = dots["customdata"].index(region_id)
        return dots["lon"][i], dots["lat"][i]
    feature = next(f for f in dataset.geojson["features"] if f["properties"]["region_id"] == region_id)
    shape = shapely.geometry.shape(feature["geometry"])
    west, south, east, north = shape.bounds
    candidates = [(west + (east - west) * (i + 0.5) / 24, south + (north - south) * (j + 0.5) / 24)
                  for i in range(24) for j in range(24)]
    inside = [c for c in candidates if shape.contains(shapely.geometry.Point(c))] or [
        (shape.representative_point().x, shape.representative_point().y)]
    screen = duo.driver.execute_script(PROJECT_MANY_JS, [list(c) for c in inside])
    dot_screen = duo.driver.execute_script(PROJECT_MANY_JS, [[x, y] for x, y in zip(dots["lon"], dots["lat"])])
    ref = duo.driver.execute_script(PROJECT_MANY_JS, [list(inside[0]), [inside[0][0] + 1, inside[0][1]]])
    px_per_degree = abs(ref[1][0] - ref[0][0])

    def clearance(k):
        to_dots = min(((screen[k][0] - d[0]) ** 2 + (screen[k][1] - d[1]) ** 2) ** 0.5 for d in dot_screen)
        to_edge = shape.boundary.distance(shapely.geometry.Point(inside[k]))
        return min(to_dots, to_edge * px_per_degree)

    return inside[max(range(len(inside)), key=clearance)]


def screen_point(duo, lon: float, lat: float) -> tuple[int, int]:
    duo.driver.execute_script("document.querySelector('#map').scrollIntoView({behavior: 'instant'})")
    previous = None
    while (position := duo.driver.execute_script(LONLAT_TO_SCREEN_JS, lon, lat)) != previous:
        previous = position
        time.sleep(0.3)
    return int(position[0]), int(position[1])


def click_region(duo, dataset, region_id: str) -> None:
    """A real mouse click on a region's shape, or on its dot."""
    x, y = screen_point(duo, *region_lonlat(duo, dataset, region_id))
    ActionChains(duo.driver).move_to_location(x - 1, y).pause(0.1).move_to_location(x, y).pause(0.3).click().perform()


def scroll_into_view(duo, element):
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    time.sleep(0.2)
    return element


def click_when_clear(duo, element, message: str = "a clickable element") -> None:
    """Scroll to an element and click it, again if the page was still moving and something covered it."""
    wait_for(lambda: scroll_into_view(duo, element).click() or True, message=message)


def query(duo) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlparse(duo.driver.current_url).query).items()}


def go_to(duo, link: str) -> None:
    """Change the address as back/forward would (a history entry and a popstate), without reloading."""
    duo.driver.execute_script(
        "window.history.pushState(null, '', '/' + arguments[0]);"
        "window.dispatchEvent(new PopStateEvent('popstate'));", link)


def assert_no_console_errors(duo) -> None:
    errors = [entry for entry in duo.get_logs() if entry.get("level") == "SEVERE"]
    assert errors == []


def server_calls(duo) -> int:
    """How many Dash callback requests the page has sent so far (resource timing, as DevTools lists them)."""
    return duo.driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('_dash-update-component')).length")


def hover_text_at(duo, lon: float, lat: float) -> str:
    """Move the mouse over a map point and read the hover label Plotly shows there."""
    x, y = screen_point(duo, lon, lat)
    ActionChains(duo.driver).move_by_offset(0, 0).perform()
    ActionChains(duo.driver).move_to_location(x, y).pause(0.2).move_to_location(x + 1, y).pause(0.4).perform()
    return wait_for(lambda: duo.driver.execute_script(
        "const h = document.querySelector('#map .hoverlayer .hovertext'); return h && h.textContent"),
        message="a hover label")


def region_fill(duo, region_id: str) -> str:
    """The fill colour the browser actually painted on a region's shape."""
    return duo.driver.execute_script(
        "const gd = document.querySelector('#map .js-plotly-plot');"
        "const i = gd.data[1].locations.indexOf(arguments[0]);"
        "const paths = gd.querySelectorAll('.choroplethlayer .trace')[1].querySelectorAll('.choroplethlocation');"
        "return getComputedStyle(paths[i]).fill;", region_id)


def show_table(duo) -> None:
    """Scroll to the table as a user would (the grid mounts when it nears the viewport) and wait for its rows."""
    duo.driver.execute_script("document.querySelector('#actions-table-slot').scrollIntoView({block: 'center', behavior: 'instant'})")
    wait_for(lambda: duo.driver.execute_script(
        "return window.dash_ag_grid.getApi('actions-table').getDisplayedRowCount() > 0"), message="the table's rows")


def choose_in_region_picker(duo, typed: str) -> None:
    """Once the region picker is open: type into its search box (which must have taken the focus)
    and take the first match with the keyboard."""
    search = wait_for(lambda: duo.driver.switch_to.active_element
                      if "dash-dropdown-search" in duo.driver.switch_to.active_element.get_attribute("class") else None,
                      message="the picker's search box to take focus")
    search.send_keys(typed)
    search.send_keys(Keys.ARROW_DOWN)
    search.send_keys(Keys.ENTER)
