/* Where the live map's top-N region names go: beside their point, never over each other, never cut
   by the frame (components/core/view/labels.py is the reference, and figures.FrameProjection for the frame).
   Why in the browser: only the page knows the size of the box the map is drawn in (a phone, a
   presentation, a window being resized), and a slider step redraws the names with the map, with
   nothing on the wire. The rules are Python's: each name, in rank order, takes the first candidate
   spot around its point whose box lies inside the frame and overlaps no name placed before it, or
   is left out. The widths (each region name's ems, labels.text_ems) and the constants come in the
   payload; the parity test places the same anchors with both and compares the boxes. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const RAD = Math.PI / 180, DEG = 180 / Math.PI;

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function inside(box, width, height) {
    return box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;
  }

  /* The box a one-line name of `ems` ems takes, in px, with the padding around it (labels.text_size). */
  function textSize(ems, fontPx, rules) {
    return [ems * fontPx + 2 * rules.padPx, rules.lineEm * fontPx + 2 * rules.padPx];
  }

  function sign(v) { return (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0); }

  /* The spots a name may take, in order of preference (labels.candidates). */
  function candidates(anchor, width, height, rules) {
    const halfW = width / 2, halfH = height / 2, gap = rules.gapPx;
    const reachX = anchor.radius + gap + halfW, reachY = anchor.radius + gap + halfH;
    let offsets;
    if (anchor.radius > 0) {
      const ring = [[0, -reachY], [reachX, 0], [-reachX, 0], [0, reachY],
        [reachX, -reachY], [-reachX, -reachY], [reachX, reachY], [-reachX, reachY]];
      offsets = ring.concat(ring.map(function (d) {
        return [d[0] + (gap + halfH) * sign(d[0]), d[1] + (gap + halfH) * sign(d[1])];
      }));
    } else {
      const stepX = halfW + gap, stepY = halfH + gap;
      offsets = [[0, 0], [0, -stepY], [0, stepY], [stepX, 0], [-stepX, 0],
        [0, -2 * stepY], [0, 2 * stepY], [stepX, -stepY], [-stepX, -stepY], [stepX, stepY], [-stepX, stepY]];
    }
    return offsets.map(function (d) {
      return {left: anchor.x + d[0] - halfW, top: anchor.y + d[1] - halfH,
        right: anchor.x + d[0] + halfW, bottom: anchor.y + d[1] + halfH};
    });
  }

  /* Each anchor ({ems, x, y, radius}) its box, in rank order, or null where it is left out (labels.place_labels). */
  function place(anchors, frameWidth, frameHeight, fontPx, rules) {
    const placed = [];
    return anchors.map(function (anchor) {
      const size = textSize(anchor.ems, fontPx, rules);
      const spot = candidates(anchor, size[0], size[1], rules).find(function (box) {
        return inside(box, frameWidth, frameHeight) && !placed.some(function (p) { return overlaps(box, p); });
      }) || null;
      if (spot) { placed.push(spot); }
      return spot;
    });
  }

  /* Mercator from a frame's ranges onto the box plotly.js draws it in (figures.FrameProjection says how
     Plotly fits it): the frame is the ranges inset by clipPad with their top and bottom edges as four
     great-circle arcs each, fitted to the plot area; the map in it is centred on the ranges' middle
     longitude and middle latitude. Points in px from the frame's top left corner. */
  function frameProjection(frame, plotWidth, plotHeight, clipPad) {
    const y = function (lat) { return Math.log(Math.tan(Math.PI / 4 + lat * RAD / 2)); };
    const lonMid = (frame.lon[0] + frame.lon[1]) / 2, yMid = y((frame.lat[0] + frame.lat[1]) / 2);
    const lon0 = frame.lon[0] + clipPad, lon1 = frame.lon[1] - clipPad;
    const lat0 = frame.lat[0] + clipPad, lat1 = frame.lat[1] - clipPad;
    const halfArc = Math.cos((lon1 - lon0) * RAD / 8);
    const top = lat1 <= 0 ? lat1 : Math.atan(Math.tan(lat1 * RAD) / halfArc) * DEG;
    const bottom = lat0 >= 0 ? lat0 : Math.atan(Math.tan(lat0 * RAD) / halfArc) * DEG;
    const spanX = (lon1 - lon0) * RAD, spanY = y(top) - y(bottom);
    const scale = Math.min(plotWidth / spanX, plotHeight / spanY);
    const width = spanX * scale, height = spanY * scale;
    return {
      width: width, height: height,
      project: function (lon, lat) { return [width / 2 + (lon - lonMid) * RAD * scale, height / 2 - (y(lat) - yMid) * scale]; },
      unproject: function (x, yPx) {
        return [lonMid + (x - width / 2) / scale * DEG,
          (2 * Math.atan(Math.exp(yMid + (height / 2 - yPx) / scale)) - Math.PI / 2) * DEG];
      },
    };
  }

  atlas.labels = {textSize: textSize, candidates: candidates, place: place, frameProjection: frameProjection};
})();
