"""The map's HTML legend covers no region of the country in view and no dot (issue 19: at ?zoom=CN its fixed
corner covered southern China and Shanghai's dot).

For each view, in Chromium: the legend's box intersects neither the box of any drawn region path of the focused
country (clipped to the map's frame; at the wide frame no country is in focus) nor the box of any dot, mark or name, and no region of any country is painted
under it (sampled every 4 px); where no corner is free it sits under the map, inside the page.
"""

from __future__ import annotations

import pytest

from . import pictures

pytestmark = pytest.mark.browser

LEGEND_JS = """
const gd = document.querySelector('#map .js-plotly-plot');
const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
const frame = box(gd._fullLayout.geo._subplot.bgRect.node());
const regions = Array.from(gd.querySelectorAll('.choroplethlayer .trace')[1].querySelectorAll('path.choroplethlocation'))
  .map(p => [p.__data__.loc, box(p)]);
const marks = Array.from(gd.querySelectorAll('.scatterlayer .point, .scatterlayer text')).map(box);
const legend = document.getElementById('map-legend');
const lb = legend.getBoundingClientRect(), under = new Set();
const shapes = new Set(gd.querySelectorAll('.choroplethlayer .trace')[1].querySelectorAll('path.choroplethlocation'));
for (let x = Math.max(lb.left, frame[0]) + 1; x < Math.min(lb.right, frame[2]); x += 4) {
  for (let y = Math.max(lb.top, frame[1]) + 1; y < Math.min(lb.bottom, frame[3]); y += 4) {
    document.elementsFromPoint(x, y).forEach(e => { if (shapes.has(e)) { under.add(e.__data__.loc); } });
  }
}
return {under: Array.from(under).sort(), frame: frame, regions: regions, marks: marks, legend: box(legend), corner: legend.dataset.corner || null,
        viewport: [innerWidth, innerHeight], scroll: document.scrollingElement.scrollHeight};
"""


def clip(box, frame):
    out = (max(box[0], frame[0]), max(box[1], frame[1]), min(box[2], frame[2]), min(box[3], frame[3]))
    return out if out[2] > out[0] and out[3] > out[1] else None


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


VIEWS = [("?zoom=CN", 1600, 1000, "CN-"), ("?zoom=CN&present=1", 1920, 1080, "CN-"),
         ("?zoom=CN&present=1", 1280, 720, "CN-"), ("?lang=zh&zoom=CN", 1600, 1000, "CN-"), ("", 1600, 1000, None),
         ("?lang=ko&zoom=KR&metric=first", 1600, 1000, "KR-"), ("?lang=ja&zoom=JP&metric=plan", 1600, 1000, "JP-"),
         ("?lang=ja&present=1", 1280, 720, None)]


@pytest.mark.parametrize("link,width,height,country", VIEWS, ids=[f"{v[0] or 'all'}-{v[1]}" for v in VIEWS])
def test_the_legend_covers_no_region_in_view_and_no_dot(picture_duo, link, width, height, country):
    duo, _ = picture_duo
    pictures.open_view(duo, link, width, height)
    drawn = duo.driver.execute_script(LEGEND_JS)
    legend, frame = drawn["legend"], drawn["frame"]
    assert legend[2] > legend[0] and legend[3] > legend[1], "the legend is drawn"
    covered = [region for region, b in drawn["regions"]
               if country is not None and region.startswith(country) and (c := clip(b, frame)) and overlaps(c, legend)]
    assert covered == [], f"{link} at {width}x{height}: the legend ({drawn['corner']}) covers {covered}"
    assert drawn["under"] == [], f"{link} at {width}x{height}: the legend ({drawn['corner']}) lies over {drawn['under']}"
    dots = [b for b in drawn["marks"] if (c := clip(b, frame)) and overlaps(c, legend)]
    assert dots == [], f"{link} at {width}x{height}: the legend ({drawn['corner']}) covers {len(dots)} dots or names"
    assert 0 <= legend[0] and legend[2] <= width, "the legend inside the page's width"
    if "present=1" in link:
        assert legend[3] <= height and drawn["scroll"] <= height + 1, "a presented screen does not scroll"
    errors = [entry for entry in duo.get_logs() if entry.get("level") == "SEVERE"]
    assert errors == []
