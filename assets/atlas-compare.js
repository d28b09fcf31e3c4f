/* Two moments side by side (compare=YYYY-MM): the map by that month and by the window's end, one legend.
   Why in the browser: the pair follows every slider step, filter and zoom like the single map, with nothing
   on the wire. Port of components/core/view/figures.compare_states / compare_figure / compare_readout_lines /
   newly_acted, which stay the reference; the parity test compares the readout and the new regions. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const KEEP = ["context", "regions", "hidden", "leaders", "small regions", "ended"];

  /* figures.compare_states: fixed classes (no rescale); the earlier window ends at the compared month. */
  function states(data, state) {
    const after = Object.assign({}, state, {rescale: false, compare: null, labels: 0, cities: false});
    const months = data.months, range = atlas.state.monthRange(after, months);
    let month = months.indexOf(state.compare);
    if (month < 0) { month = range[1]; }
    month = Math.min(month, range[1]);
    const before = Object.assign({}, after, {start: months[Math.min(range[0], month)], end: months[month]});
    return {before: before, after: after, month: month, end: range[1]};
  }

  function actedBy(data, state) {
    const computed = atlas.view.compute(data, Object.assign({}, state, {metric: "cumulative"}));
    return Array.from(computed.view.cumulative, function (n) { return n > 0; });
  }

  /* figures.newly_acted: region indices that acted by the end but not by the earlier month. */
  function newlyActed(data, state) {
    const s = states(data, state), had = actedBy(data, s.before), has = actedBy(data, s.after);
    const out = [];
    for (let r = 0; r < data.regionCount; r++) { if (has[r] && !had[r]) { out.push(r); } }
    return {regions: out, had: had};
  }

  /* figures.compare_counts: per country in view, regions that acted (or have their own plan) by each moment. */
  function counts(data, state) {
    const s = states(data, state), measure = state.metric === "plan" ? "plan" : "cumulative";
    const key = measure === "plan" ? "own_plan" : "acted";
    const rows = function (moment) {
      const st = Object.assign({}, moment, {metric: measure});
      return atlas.view.readoutCounts(data, st, atlas.view.compute(data, st).view);
    };
    const before = rows(s.before), after = rows(s.after);
    return before.map(function (b, i) { return {country: b.country, total: b.total, before: b[key], after: after[i][key]}; });
  }

  function readoutLines(data, state) {
    const s = states(data, state), t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const names = {};
    data.vocab.countries.forEach(function (p) { names[p[0]] = p[1]; });
    const key = state.metric === "plan" ? "readout.compare_plan" : "readout.compare";
    return counts(data, state).map(function (row) {
      return t(key, {country: names[row.country], before_n: row.before, after_n: row.after, total: row.total,
        unit: t("unit." + row.country), before: data.monthNames[s.month], after: data.monthNames[s.end]});
    });
  }

  function clone(trace, geo) { return Object.assign({}, trace, {geo: geo}); }

  /* "Only what is new": on the second map, regions (and dots) that had acted by the earlier month turn grey. */
  function changesOnly(data, trace, had) {
    const grey = data.compareStyle.beforeFill;
    if (trace.name === "regions") {
      const fills = [];
      for (let i = 0; i < trace.colorscale.length; i += 2) { fills.push(trace.colorscale[i][1]); }
      fills.push(grey);
      const g = fills.length - 1;
      return Object.assign({}, trace, {
        z: trace.z.map(function (z, r) { return had[r] ? g : z; }), zmax: fills.length - 0.5,
        colorscale: atlas.map.steppedColorscale(fills),
      });
    }
    const marker = Object.assign({}, trace.marker, {color: trace.marker.color.map(function (c, i) {
      return had[data.dots.region[i]] ? grey : c;
    })});
    return Object.assign({}, trace, {marker: marker});
  }

  /* The domains of the two maps: side by side, or stacked on a phone. */
  function domains(data, tall) { return data.compareStyle.domains[tall ? "tall" : "wide"]; }

  function figure(data, computed, previous, withLegend, aspect, tall) {
    const state = computed.state, s = states(data, state), t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const base = {data: previous.data, layout: Object.assign({}, previous.layout)};
    delete base.layout.geo2;
    const first = atlas.map.figure(data, atlas.view.compute(data, s.before), base, false, null).figure;
    const afterComputed = atlas.view.compute(data, s.after);
    const second = atlas.map.figure(data, afterComputed, base, false, null);
    const news = newlyActed(data, state);
    const traces = [];
    [[first, "geo"], [second.figure, "geo2"]].forEach(function (pair) {
      pair[0].data.forEach(function (trace) {
        if (KEEP.indexOf(trace.name) < 0) { return; }
        let copy = clone(trace, pair[1]);
        if (state.changes && pair[1] === "geo2" && (trace.name === "regions" || trace.name === "small regions")) {
          copy = changesOnly(data, copy, news.had);
        }
        traces.push(copy);
      });
    });
    const zoom = data.dots.zoom[state.zoom] ? state.zoom : "all", dotZoom = data.dots.zoom[zoom];
    const dotOf = new Map(data.dots.region.map(function (r, i) { return [r, i]; }));
    const mark = {type: "scattergeo", lon: [], lat: [], text: [], mode: "text", hoverinfo: "skip", name: "new",
      showlegend: false, geo: "geo2", textfont: {color: data.compareStyle.newColor, size: 12}};
    news.regions.forEach(function (r) {
      const d = dotOf.get(r);
      mark.lon.push(d === undefined ? data.regions.label_lon[r] : dotZoom.lon[d]);
      mark.lat.push(d === undefined ? data.regions.label_lat[r] : dotZoom.lat[d]);
      mark.text.push(data.compareStyle.newMark);
    });
    traces.push(mark);
    if (withLegend) {
      atlas.map.legendTraces(data, second.encoding, false).forEach(function (tr) { traces.push(tr); });
      traces.push({type: "scattergeo", lon: [null], lat: [null], mode: "markers", showlegend: true, hoverinfo: "skip",
        legendgroup: "marks", marker: {symbol: "cross", size: 10, color: data.compareStyle.newColor},
        name: t("legend.new", {before: data.monthNames[s.month]})});
      if (state.changes) {
        traces.push({type: "scattergeo", lon: [null], lat: [null], mode: "markers", showlegend: true, hoverinfo: "skip",
          legendgroup: "marks", marker: {symbol: "square", size: 13, color: data.compareStyle.beforeFill},
          name: t("legend.before", {before: data.monthNames[s.month]})});
      }
    }
    const boxes = domains(data, tall);
    const layout = Object.assign({}, second.figure.layout);
    let frame = dotZoom.range;
    if (aspect) {
      const box = boxes[0];
      frame = atlas.map.fitFrame(frame, aspect * (box.x[1] - box.x[0]) / (box.y[1] - box.y[0]));
    }
    const geo = Object.assign({}, layout.geo, {
      lonaxis: Object.assign({}, layout.geo.lonaxis, {range: frame.lon}),
      lataxis: Object.assign({}, layout.geo.lataxis, {range: frame.lat}),
    });
    layout.geo = Object.assign({}, geo, {domain: boxes[0]});
    layout.geo2 = Object.assign({}, geo, {domain: boxes[1]});
    layout.showlegend = Boolean(withLegend);
    layout.title = Object.assign({}, layout.title, {text: t("compare.title", {before: data.monthNames[s.month], after: data.monthNames[s.end]})});
    const months = [data.monthNames[s.month], data.monthNames[s.end]];
    layout.annotations = [layout.annotations[0]].concat(boxes.map(function (d, i) {
      return {text: "<b>" + atlas.format.hoverEscape(t("compare.map_title", {month: months[i]})) + "</b>",
        x: (d.x[0] + d.x[1]) / 2, y: d.y[1], xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom",
        showarrow: false, font: {size: 13}};
    }));
    layout.meta = Object.assign({}, layout.meta, {query: atlas.state.toQuery(state, atlas.state.defaults(data))});
    return {figure: {data: traces, layout: layout}, encoding: second.encoding, hover: second.hover, anyEnded: second.anyEnded,
      newRegions: news.regions, month: s.month};
  }

  atlas.compare = {states: states, newlyActed: newlyActed, counts: counts, readoutLines: readoutLines, figure: figure};
})();
