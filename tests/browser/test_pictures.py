"""The map as a person sees it, read from the pixels Chromium painted, in every frame, mode, size, measure and language.

Why: in issue 19 two overview rings were wound counter-clockwise, plotly.js filled the whole
globe with one region's colour, and 560 tests passed because none looked at the picture. Here,
for each view (the four frames at 1600x1000, presenter mode at 1280x720 and 1920x1080, phones
at 390x844 and 360x740), under each colour measure, in the language the view is opened in:

- (a) no region's path covers the frame: each path's box is far smaller than the frame, the sea
  between the countries is painted the sea's colour, and no single colour floods the frame;
- (b) every region the frame should show has a path whose box is the size of its shape in the
  boundary file, projected by the map's own projection (within ``SIZE_TOLERANCE``);
- (c) the colour painted inside each region (a pixel of the screenshot, at the point of its shape
  farthest from its edges and from the dots) is the legend's colour for the class Python puts it in,
  the dots' fills are too, and the legend beside the map lists Python's classes and colours.

Each view's first picture is compared with its golden (``pictures.matches_golden``). One server
and one browser serve every view of this module: a view is a query string and a window size.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely
from shapely.ops import polylabel
from shapely.geometry import shape

from components.core import i18n
from components.core.view.display_geometry import OVERVIEW_ZOOMS, overview_geojson
from components.core.view.encodings import encode_view
from components.core.view.figures import COLOR_CONTEXT, COLOR_LAND, COLOR_SEA, context_geojson
from components.panels.url_state import state_from_query

from . import pictures
from .conftest import go_to, wait_for

pytestmark = pytest.mark.browser

#: A drawn region's box matches its projected shape's to within this share (or 3 px, for the smallest).
SIZE_TOLERANCE = 0.25
#: No region's box takes more than this share of the frame (Xinjiang at the China frame takes under 0.2).
MAX_FRAME_SHARE = 0.4
#: No one colour but the sea's and the land around's fills more than this share of the frame.
MAX_ONE_COLOUR = 0.45
#: A painted pixel matches a colour when every channel is within this many levels.
CHANNEL_TOLERANCE = 6
#: A point is sampled only this far (px) from its region's edges, the dots, labels and the legend.
CLEARANCE_PX = 3.0
METRICS = ("cumulative", "window", "first", "plan")


@dataclasses.dataclass(frozen=True)
class View:
    name: str
    width: int
    height: int
    lang: str
    first_metric: str
    zoom: str = "all"
    present: bool = False

    def link(self, metric: str) -> str:
        params = [f"lang={self.lang}"] + ([f"zoom={self.zoom}"] if self.zoom != "all" else []) + \
                 (["present=1"] if self.present else []) + ([f"metric={metric}"] if metric != "cumulative" else [])
        return "?" + "&".join(params)

    def metrics(self) -> list[str]:
        """Every measure, starting with the one the page opens with (drawn by Python; the rest by the browser engine)."""
        i = METRICS.index(self.first_metric)
        return list(METRICS[i:] + METRICS[:i])


VIEWS = [
    View("frame-all", 1600, 1000, "en", "cumulative"),
    View("frame-cn", 1600, 1000, "zh", "window", zoom="CN"),
    View("frame-kr", 1600, 1000, "ko", "first", zoom="KR"),
    View("frame-jp", 1600, 1000, "ja", "plan", zoom="JP"),
    View("present-1280", 1280, 720, "ja", "cumulative", present=True),
    View("present-1920", 1920, 1080, "zh", "plan", present=True),
    View("phone-390", 390, 844, "ko", "cumulative"),
    View("phone-360", 360, 740, "en", "first"),
]


class Atlas:
    """One server and one browser for every view, and the shapes the map should draw, from Python."""

    def __init__(self, duo, app):
        self.duo, self.app, self.dataset = duo, app, app.atlas_dataset
        self.geometry = {"overview": self.shapes(overview_geojson(self.dataset.geojson)),
                         "detail": self.shapes(self.dataset.geojson)}
        context = [shape(f["geometry"]) for f in context_geojson(self.dataset)["features"]]
        self.near_land = shapely.union_all(list(self.geometry["detail"].values()) + context).buffer(0.25, quad_segs=2)
        shapely.prepare(self.near_land)
        self.interior = {kind: {r: interior_candidates(g) for r, g in shapes.items()}
                         for kind, shapes in self.geometry.items()}

    def shapes(self, geojson: dict) -> dict:
        ids = set(self.dataset.regions.index)
        return {f["properties"]["region_id"]: shape(f["geometry"]) for f in geojson["features"]
                if f["properties"]["region_id"] in ids}


@pytest.fixture(scope="module")
def atlas(picture_duo):
    return Atlas(*picture_duo)


def interior_candidates(region) -> tuple[np.ndarray, np.ndarray]:
    """Points inside a region's largest part (a 16 x 16 grid and its pole of inaccessibility), each with its
    distance in degrees to the region's edges."""
    largest = max(getattr(region, "geoms", [region]), key=lambda g: g.area)
    west, south, east, north = largest.bounds
    grid = [((west + (east - west) * (i + 0.5) / 16), (south + (north - south) * (j + 0.5) / 16))
            for i in range(16) for j in range(16)]
    pole = polylabel(largest, tolerance=0.01)
    points = shapely.points([(pole.x, pole.y)] + grid)
    inside = shapely.contains(largest, points)
    points = points[inside]
    return shapely.get_coordinates(points), shapely.distance(region.boundary, points)


DRAWN_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const sub = gd._fullLayout.geo._subplot;
const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
const traces = Array.from(gd.querySelectorAll('.choroplethlayer .trace'));
const paths = t => Array.from(t.querySelectorAll('path.choroplethlocation')).map(p => ({
  id: p.__data__ && p.__data__.loc, box: box(p), fill: getComputedStyle(p).fill}));
const dotsTrace = gd._fullData[4];
const dotGroup = Array.from(gd.querySelectorAll('.scatterlayer .trace'))
  .find(g => g.querySelectorAll('.point').length === dotsTrace.lon.length);
const dots = Array.from(dotGroup ? dotGroup.querySelectorAll('.point') : []).map((p, i) => ({
  id: dotsTrace.customdata[i], box: box(p), fill: getComputedStyle(p).fill}));
const covers = Array.from(gd.querySelectorAll('.scatterlayer .point, .scatterlayer text, .gtitle, .annotation, .modebar-container'))
  .map(box).concat(Array.from(document.querySelectorAll('#map-legend')).filter(e => e.offsetParent).map(box));
const legend = Array.from(document.querySelectorAll('#map-legend li')).map(li => {
  const s = li.querySelector('.map-legend-swatch');
  return [li.querySelector('.map-legend-label').textContent, s ? getComputedStyle(s).backgroundColor : null];
});
const path = gd.querySelector('.choroplethlocation');
const ctm = path.getScreenCTM();
const toScreen = lonlat => { const xy = sub.projection(lonlat); const p = path.ownerSVGElement.createSVGPoint();
  p.x = xy[0]; p.y = xy[1]; const s = p.matrixTransform(ctm); return [s.x, s.y]; };
const leaders = [];
const lt = gd._fullData[3];
for (let i = 0; i + 1 < lt.lon.length; i += 3) { leaders.push([toScreen([lt.lon[i], lt.lat[i]]), toScreen([lt.lon[i + 1], lt.lat[i + 1]])]); }
const inverse = ctm.inverse();
const toLonLat = (x, y) => { const p = path.ownerSVGElement.createSVGPoint(); p.x = x; p.y = y;
  const s = p.matrixTransform(inverse); return sub.projection.invert([s.x, s.y]); };
const f = box(sub.bgRect.node());
return {frame: f, frameLonLat: [toLonLat(f[0], f[3]), toLonLat(f[2], f[1])], context: paths(traces[0]), regions: paths(traces[1]), dots: dots,
        covers: covers, leaders: leaders, legend: legend,
        legendTitle: (document.querySelector('#map-legend .map-legend-title') || {}).textContent,
        range: {lon: gd._fullLayout.geo.lonaxis.range, lat: gd._fullLayout.geo.lataxis.range},
        viewport: [innerWidth, innerHeight]};
"""

PROJECT_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const project = gd._fullLayout.geo._subplot.projection;
const path = gd.querySelector('.choroplethlocation');
const ctm = path.getScreenCTM(), point = path.ownerSVGElement.createSVGPoint();
return arguments[0].map(ll => { const xy = project(ll); point.x = xy[0]; point.y = xy[1];
  const s = point.matrixTransform(ctm); return [s.x, s.y]; });
"""


def project(duo, lonlats) -> np.ndarray:
    if len(lonlats) == 0:
        return np.zeros((0, 2))
    return np.asarray(duo.driver.execute_script(PROJECT_JS, [[float(x), float(y)] for x, y in lonlats]), dtype=float)


def rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' or 'rgb(r, g, b)' as a tuple."""
    if colour.startswith("#"):
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(v)) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


def close(a, b) -> bool:
    return max(abs(int(x) - int(y)) for x, y in zip(a, b)) <= CHANNEL_TOLERANCE


def clip(box, frame):
    left, top, right, bottom = max(box[0], frame[0]), max(box[1], frame[1]), min(box[2], frame[2]), min(box[3], frame[3])
    return (left, top, right, bottom) if right > left and bottom > top else None


def area(box) -> float:
    return 0.0 if box is None else (box[2] - box[0]) * (box[3] - box[1])


def distance_to_boxes(points: np.ndarray, boxes) -> np.ndarray:
    """Each point's distance in px to the nearest box (0 inside one)."""
    if not len(boxes):
        return np.full(len(points), np.inf)
    b = np.asarray(boxes, dtype=float)
    dx = np.maximum(np.maximum(b[None, :, 0] - points[:, None, 0], 0), points[:, None, 0] - b[None, :, 2])
    dy = np.maximum(np.maximum(b[None, :, 1] - points[:, None, 1], 0), points[:, None, 1] - b[None, :, 3])
    return np.hypot(dx, dy).min(axis=1)


def distance_to_segments(points: np.ndarray, segments) -> np.ndarray:
    if not len(segments):
        return np.full(len(points), np.inf)
    lines = shapely.linestrings([list(map(tuple, s)) for s in segments])
    return shapely.distance(shapely.points(points)[:, None], lines[None, :]).min(axis=1)


def expected_view(atlas: Atlas, view: View, metric: str):
    """Python's legend and each region's class for this view (the reference the browser must paint)."""
    state = state_from_query(atlas.dataset, view.link(metric))
    with i18n.use(view.lang):
        _, _, encoding = encode_view(atlas.dataset, state)
    fills = {region: encoding.entries[c].style.fill for region, c in zip(atlas.dataset.regions.index, encoding.category)}
    return encoding, fills


def check_view(atlas: Atlas, view: View, metric: str) -> tuple[list[str], dict]:
    """Check (a), (b) and (c) for the view on screen: the faults found (each with its numbers), and what was measured."""
    duo = atlas.duo
    encoding, fills = expected_view(atlas, view, metric)
    wait_for(lambda: duo.driver.execute_script(
        "return (document.querySelector('#map-legend .map-legend-title') || {}).textContent") == encoding.legend_title,
        message=f"the legend of {metric}")
    pictures.steady(duo.driver)
    drawn = duo.driver.execute_script(DRAWN_JS)
    frame = drawn["frame"]
    frame_area = area(frame)
    label = f"{view.name} {view.lang} {metric}"
    faults = []

    # The legend beside the map: Python's classes, in order, in Python's colours.
    assert [text for text, _ in drawn["legend"][:len(encoding.entries)]] == [e.label for e in encoding.entries], label
    assert [rgb(c) for _, c in drawn["legend"][:len(encoding.entries)]] == [rgb(e.style.fill) for e in encoding.entries], label

    # (a) no path covers the frame.
    box_shares = {p["id"]: area(clip(p["box"], frame)) / frame_area for p in drawn["regions"] + drawn["context"]}
    covering = {r: round(s, 3) for r, s in box_shares.items() if s > MAX_FRAME_SHARE}
    if covering:
        faults.append(f"{label}: (a) {len(covering)} paths whose box covers more than {MAX_FRAME_SHARE:.0%} of the map's "
                      f"frame (share of the frame): {covering}")

    # (b) every region in the frame has a path the size of its projected shape.
    kind = "overview" if view.zoom in OVERVIEW_ZOOMS else "detail"
    shapes = atlas.geometry[kind]
    drawn_boxes = {p["id"]: p["box"] for p in drawn["regions"]}
    assert set(drawn_boxes) == set(shapes), f"{label}: regions without a path: {sorted(set(shapes) - set(drawn_boxes))}"
    (frame_west, frame_south), (frame_east, frame_north) = drawn["frameLonLat"]
    shown = {}
    for region_id, region in shapes.items():
        inside = shapely.clip_by_rect(region, frame_west, frame_south, frame_east, frame_north)
        if not inside.is_empty:
            shown[region_id] = inside.bounds
    projected = project(duo, [corner for west, south, east, north in shown.values()
                              for corner in ((west, north), (east, south))])
    wrong_size, in_frame = {}, []
    for k, region_id in enumerate(shown):
        (x0, y0), (x1, y1) = projected[2 * k], projected[2 * k + 1]
        expected_box = clip((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), frame)
        if area(expected_box) < 4:
            continue
        in_frame.append(region_id)
        got = clip(drawn_boxes[region_id], frame)
        if got is None:
            wrong_size[region_id] = ("no visible path", [round(v) for v in expected_box])
            continue
        for want_side, got_side in ((expected_box[2] - expected_box[0], got[2] - got[0]),
                                    (expected_box[3] - expected_box[1], got[3] - got[1])):
            if abs(got_side - want_side) > max(3.0, SIZE_TOLERANCE * want_side):
                wrong_size[region_id] = ("box", [round(v) for v in got], "expected", [round(v) for v in expected_box])
    assert len(in_frame) >= 10, f"{label}: only {len(in_frame)} regions in the frame"
    if wrong_size:
        faults.append(f"{label}: (b) {len(wrong_size)} of {len(in_frame)} regions in the frame drawn at another size than "
                      f"their shape's: {dict(list(wrong_size.items())[:6])}")

    # (c) the colours painted are the legend's, for each region's class.
    picture = np.asarray(pictures.viewport_picture(duo.driver))
    height, width = picture.shape[:2]
    visible = (max(frame[0], 0), max(frame[1], 0), min(frame[2], width), min(frame[3], height))
    dotted = {d["id"] for d in drawn["dots"]}
    wrong_dot = {d["id"]: d["fill"] for d in drawn["dots"] if rgb(d["fill"]) != rgb(fills[d["id"]])}
    if wrong_dot:
        faults.append(f"{label}: (c) dots not in their class's colour: {wrong_dot}")
    wrong_fill = {p["id"]: p["fill"] for p in drawn["regions"] if rgb(p["fill"]) != rgb(fills[p["id"]])}
    if wrong_fill:
        faults.append(f"{label}: (c) paths filled with another class's colour: {wrong_fill}")
    sampled, wrong_paint = 0, {}
    candidates = {r: atlas.interior[kind][r] for r in in_frame if r not in dotted}
    everything = np.concatenate([c[0] for c in candidates.values()]) if candidates else np.zeros((0, 2))
    screen_points = project(duo, everything)
    px_per_degree = abs(project(duo, [(125.0, 35.0), (126.0, 35.0)])[1][0] - project(duo, [(125.0, 35.0)])[0][0])
    start = 0
    for region_id, (lonlat, edge_degrees) in candidates.items():
        points = screen_points[start:start + len(lonlat)]
        start += len(lonlat)
        clearance = np.minimum.reduce([
            edge_degrees * px_per_degree,
            distance_to_boxes(points, drawn["covers"]),
            distance_to_segments(points, drawn["leaders"]),
            points[:, 0] - visible[0], visible[2] - points[:, 0], points[:, 1] - visible[1], visible[3] - points[:, 1],
        ])
        best = int(np.argmax(clearance))
        if clearance[best] < CLEARANCE_PX:
            continue
        x, y = points[best]
        painted = picture[int(y), int(x)]
        sampled += 1
        if not close(painted, rgb(fills[region_id])):
            wrong_paint[region_id] = {"at": (int(x), int(y)), "painted": tuple(int(v) for v in painted),
                                      "legend": fills[region_id]}
    if wrong_paint:
        faults.append(f"{label}: (c) {len(wrong_paint)} of {sampled} regions sampled are painted another colour than the "
                      f"legend's for their class: {dict(list(wrong_paint.items())[:4])}")

    # (a) again, in pixels: the sea between the countries is the sea, and no colour floods the frame.
    west, east = drawn["range"]["lon"]
    south, north = drawn["range"]["lat"]
    grid = shapely.points([(west + (east - west) * (i + 0.5) / 40, south + (north - south) * (j + 0.5) / 40)
                           for i in range(40) for j in range(40)])
    sea = shapely.get_coordinates(grid[~shapely.intersects(atlas.near_land, grid)])
    sea_screen = project(duo, sea)
    sea_clear = np.minimum.reduce([distance_to_boxes(sea_screen, drawn["covers"]),
                                   distance_to_segments(sea_screen, drawn["leaders"]),
                                   sea_screen[:, 0] - visible[0], visible[2] - sea_screen[:, 0],
                                   sea_screen[:, 1] - visible[1], visible[3] - sea_screen[:, 1]])
    sea_screen = sea_screen[sea_clear >= CLEARANCE_PX]
    not_sea = [(int(x), int(y), tuple(int(v) for v in picture[int(y), int(x)])) for x, y in sea_screen
               if not close(picture[int(y), int(x)], rgb(COLOR_SEA))]
    assert len(sea_screen) >= 5, f"{label}: only {len(sea_screen)} points of open sea to check"
    if not_sea:
        faults.append(f"{label}: (a) {len(not_sea)} of {len(sea_screen)} points of open sea painted another colour "
                      f"than the sea's {COLOR_SEA}: {not_sea[:4]}")
    crop = picture[int(visible[1]):int(visible[3]), int(visible[0]):int(visible[2])].reshape(-1, 3).astype(np.int32)
    packed, counts = np.unique((crop[:, 0] << 16) | (crop[:, 1] << 8) | crop[:, 2], return_counts=True)
    background = {rgb(colour) for colour in (COLOR_SEA, COLOR_CONTEXT, COLOR_LAND)}
    shares = sorted(((n / len(crop), (int(c) >> 16, (int(c) >> 8) & 255, int(c) & 255)) for c, n in zip(packed, counts)
                     if (int(c) >> 16, (int(c) >> 8) & 255, int(c) & 255) not in background), reverse=True)
    if shares[0][0] > MAX_ONE_COLOUR:
        faults.append(f"{label}: (a) one colour, {shares[0][1]}, fills {shares[0][0]:.0%} of the frame "
                      f"(at most {MAX_ONE_COLOUR:.0%})")
    return faults, {"regions": len(in_frame), "largest_box": round(max(box_shares.values()), 3), "sampled": sampled,
            "sea": len(sea_screen), "top_colour": round(float(shares[0][0]), 3)}


@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_every_measure_is_painted_as_its_legend_says(atlas, view):
    duo = atlas.duo
    pictures.open_view(duo, view.link(view.first_metric), view.width, view.height)
    first_picture = pictures.viewport_picture(duo.driver)
    faults = []
    for metric in view.metrics():
        if metric != view.first_metric:
            go_to(duo, view.link(metric))
        found, measured = check_view(atlas, view, metric)
        faults += found
        print(view.name, metric, measured)
    if not (faults and pictures.UPDATING):  # make screenshots writes a golden only from a picture that passed every check
        try:
            pictures.matches_golden(view.name, first_picture)
        except AssertionError as failed:
            faults.append(str(failed))
    assert faults == [], "\n".join(faults)
    errors = [entry for entry in duo.get_logs() if entry.get("level") == "SEVERE"]
    assert errors == []


def test_the_map_png_export_looks_like_its_golden(atlas):
    duo = atlas.duo
    pictures.open_view(duo, "", 1600, 1000)
    before = set(pictures.Path(duo.download_path).glob("*.png"))
    button = duo.find_element("#download-png-button")
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    exported = pictures.wait_for_download(pictures.Path(duo.download_path), "*.png", exclude=before)
    image = pictures.Image.open(exported)
    assert image.size == (1600, 1000)
    pictures.matches_golden("export-map-png", image)


def test_the_readme_screenshot_is_the_atlas_as_drawn_today(atlas):
    """The README's picture: Zhejiang selected, the map to 2024-12 (``make screenshots`` redraws it)."""
    duo = atlas.duo
    pictures.open_view(duo, "?region=CN-ZJ&end=2024-12", 1600, 1000)
    wait_for(lambda: "Zhejiang" in duo.find_element("#panel-title").text, message="Zhejiang's panel")
    pictures.steady(duo.driver)
    pictures.matches_golden("readme-atlas", pictures.viewport_picture(duo.driver), golden=pictures.README_PICTURES["atlas"])
