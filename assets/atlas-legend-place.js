/* Where the map's HTML legend sits: over a corner of the map that covers no region of the country in view and no dot
   or name, else under the map.
   Why in the browser: only the page knows where Plotly drew each path and dot at this size (the frame, the window, a
   presentation); a fixed corner covered southern China and Shanghai's dot at ?zoom=CN (issue 19). Where the legend
   is already laid out under the map (phones, two moments) nothing is moved. The corners are tried in a fixed order,
   bottom right first (where it always was), so a view that had a free corner keeps it; a presented map, which has no
   room under it, takes the corner that covers least. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const UNDER = "legend-under", GAP = 10, FOOTER = 28, TITLE = 8;
  const CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"];

  function rect(e) { const b = e.getBoundingClientRect(); return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; }

  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }

  function clip(b, frame) {
    const c = {left: Math.max(b.left, frame.left), top: Math.max(b.top, frame.top),
      right: Math.min(b.right, frame.right), bottom: Math.min(b.bottom, frame.bottom)};
    return c.right > c.left && c.bottom > c.top ? c : null;
  }

  /* The country in view: the zoom's (?zoom=CN); none at the wide frame, where every region counts by its shape. */
  function focus() {
    const zoom = new URLSearchParams(window.location.search).get("zoom");
    return zoom && zoom !== "all" ? zoom + "-" : null;
  }

  /* What the legend must not cover, in the page's coordinates: the boxes of the regions of the focused country and
     of every dot, mark and name, each clipped to the map's frame; and the other countries' regions by their shapes
     (a box of Tokyo's reaches the Ogasawara islands). */
  function obstacles(gd, frame) {
    const prefix = focus(), boxes = [], shapes = [];
    const traces = gd.querySelectorAll(".choroplethlayer .trace");
    if (traces.length > 1) {
      traces[1].querySelectorAll("path.choroplethlocation").forEach(function (p) {
        const id = p.__data__ && p.__data__.loc;
        if (id && prefix && id.indexOf(prefix) === 0) { boxes.push(rect(p)); } else if (id) { shapes.push(p); }
      });
    }
    gd.querySelectorAll(".scatterlayer .point, .scatterlayer text").forEach(function (e) { boxes.push(rect(e)); });
    return {boxes: boxes.map(function (b) { return clip(b, frame); }).filter(Boolean), shapes: shapes, frame: frame};
  }

  /* Whether a region's painted shape reaches into a box: its fill tested every SAMPLE px where the boxes meet. */
  const SAMPLE = 4;
  function shapeIn(path, box, frame) {
    const overlap = clip(rect(path), box), inFrame = overlap && clip(overlap, frame);
    if (!inFrame) { return false; }
    const svg = path.ownerSVGElement, inverse = path.getScreenCTM().inverse(), point = svg.createSVGPoint();
    for (let x = inFrame.left; x <= inFrame.right; x += SAMPLE) {
      for (let y = inFrame.top; y <= inFrame.bottom; y += SAMPLE) {
        point.x = x; point.y = y;
        if (path.isPointInFill(point.matrixTransform(inverse))) { return true; }
      }
    }
    return false;
  }

  /* How many boxes and shapes a box covers (0: free). */
  function covers(blocked, box) {
    return blocked.boxes.filter(function (b) { return overlaps(b, box); }).length +
      blocked.shapes.filter(function (p) { return shapeIn(p, box, blocked.frame); }).length;
  }

  /* A presented map and an embedded one (a frame in someone's page) have no room under them. */
  function noRoomUnder() {
    const page = document.getElementById("page"), root = document.documentElement.classList;
    return root.contains("presenter") || root.contains("embed") || Boolean(page && page.classList.contains("presenting"));
  }

  /* The legend's box (page coordinates) and its CSS offsets inside the map's wrapper, at a corner of the frame. */
  function at(corner, frame, wrap, width, height) {
    const right = corner.indexOf("right") > 0, bottom = corner.indexOf("bottom") === 0;
    const left = right ? frame.right - GAP - width : frame.left + GAP;
    const top = bottom ? Math.min(frame.bottom, wrap.bottom) - FOOTER - height : frame.top + TITLE;
    return {box: {left: left, top: top, right: left + width, bottom: top + height},
      css: {left: (left - wrap.left) + "px", top: (top - wrap.top) + "px"}};
  }

  function place() {
    const legend = document.getElementById("map-legend"), gd = document.querySelector("#map .js-plotly-plot");
    const wrap = legend && legend.closest(".map-wrap");
    if (!wrap || !gd || !gd._fullLayout || !gd._fullLayout.geo || !legend.firstChild) { return; }
    /* Measured floating, and put back under at once when no corner is free (so the map's box does not change
       and draw again for nothing). */
    wrap.classList.remove(UNDER);
    legend.style.left = legend.style.top = legend.style.right = legend.style.bottom = "";
    delete legend.dataset.corner;
    if (getComputedStyle(legend).position !== "absolute") { return; }  /* already under the map (phone, two moments) */
    const subplot = gd._fullLayout.geo._subplot;
    if (!subplot || !subplot.bgRect) { return; }
    const frame = rect(subplot.bgRect.node()), box = rect(wrap);
    const width = legend.offsetWidth, height = legend.offsetHeight;
    const blocked = obstacles(gd, frame);
    let best = null;
    for (let i = 0; i < CORNERS.length; i++) {
      const spot = at(CORNERS[i], frame, box, width, height);
      if (spot.box.left < box.left || spot.box.top < box.top) { continue; }
      spot.covered = covers(blocked, spot.box);
      spot.corner = CORNERS[i];
      if (!best || spot.covered < best.covered) { best = spot; }
      if (!spot.covered) { break; }
    }
    /* A presented or embedded map has no room under it (the screen does not scroll): there the corner that covers least. */
    if (best && (!best.covered || noRoomUnder())) {
      legend.style.left = best.css.left;
      legend.style.top = best.css.top;
      legend.style.right = legend.style.bottom = "auto";
      legend.dataset.corner = best.corner;
      return;
    }
    wrap.classList.add(UNDER);
    legend.dataset.corner = "under";
  }

  let pending = false;
  function placeSoon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; place(); });
  }

  function start() {
    const gd = document.querySelector("#map .js-plotly-plot"), legend = document.getElementById("map-legend");
    if (!gd || !gd.on || !legend) { window.setTimeout(start, 200); return; }
    gd.on("plotly_afterplot", placeSoon);
    new MutationObserver(placeSoon).observe(legend, {childList: true, subtree: true});
    window.addEventListener("resize", placeSoon);
    placeSoon();
  }

  atlas.legendPlace = {place: place};
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
