/* The Analysis tab in the browser: what the server's charts are asked for, and their clicks.
   Why in the browser: the map's slider/play/filter loop must not gain a server request. The
   Analysis charts are drawn on the server (they need the Python analytics), so the browser
   hands them the view only while the tab is open, and only the parts they read (filters and
   window: a selected region, the map's colouring or zoom change nothing there). A click on a
   chart point is answered here too: a region opens its panel on the map, a month or quarter
   moves the window's end. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const READ = ["start", "end", "countries", "levels", "types", "verification", "novelty", "search"];
  const QUARTER = /^(\d{4})-Q([1-4])$/;

  /* The view the Analysis charts read, or null while the map tab is shown, while Play runs or while
     a slider handle is dragged (the view then runs ahead of the slider's value): the charts follow
     the window once it stops moving, not every month it passes. */
  function viewFor(view, data, playing, range) {
    if (!view || view.tab !== "analysis" || playing || !data) { return null; }
    if (range && !atlas.state.same(atlas.state.monthRange(view, data.months), range)) { return null; }
    const out = {};
    READ.forEach(function (name) { out[name] = view[name]; });
    return out;
  }

  /* Index on the month axis of a clicked "YYYY-MM" or "YYYY-Qn" (its last month), clamped to the axis. */
  function monthIndex(months, label) {
    const quarter = QUARTER.exec(label || "");
    const month = quarter ? quarter[1] + "-" + String(Number(quarter[2]) * 3).padStart(2, "0") : label;
    let index = months.indexOf(month);
    if (index < 0) { index = month > months[months.length - 1] ? months.length - 1 : 0; }
    return index;
  }

  /* [region, window range] a click asks for (undefined where it asks for nothing). */
  function click(data, clickData, range) {
    const point = clickData && clickData.points && clickData.points[0];
    const target = point && point.customdata;
    if (!Array.isArray(target)) { return {}; }
    if (target[0] === "region" && data.regionIndex.has(target[1])) { return {region: target[1]}; }
    if (target[0] === "month") {
      const end = monthIndex(data.months, target[1]);
      const start = Math.min((range || [0])[0], end);
      return {range: [start, end]};
    }
    return {};
  }

  atlas.analysis = {viewFor: viewFor, monthIndex: monthIndex, click: click};
})();
