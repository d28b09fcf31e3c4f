/* The cities layer (cities=1): a point per city or district that acted, sized by its actions in the window.
   Why in the browser: the points follow every slider step and filter like the regions do, with nothing on
   the wire. Port of components/core/view/figures.city_layer and components/core/data/localities.py (counts, sizes on
   the whole timeline's scale, the map's classes); the parity test compares them on random views. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});

  /* Per place: matching actions in the window, over the whole timeline, first month to the end, a plan. */
  function tallies(data, computed) {
    const L = data.localities, P = L.id.length, place = L.place, a = computed.actions, c = data.codes;
    const inWindow = new Int32Array(P), ever = new Int32Array(P), first = new Int32Array(P).fill(-1);
    const plan = new Uint8Array(P);
    for (let i = 0; i < data.n; i++) {
      const p = place[i];
      if (p < 0 || a.bits[i] !== 0) { continue; }
      ever[p]++;
      if (a.inWindow[i]) { inWindow[p]++; }
      if (a.uptoEnd[i]) {
        if (first[p] < 0 || c.month[i] < first[p]) { first[p] = c.month[i]; }
        if (c.plan[i]) { plan[p] = 1; }
      }
    }
    return {inWindow: inWindow, ever: ever, first: first, plan: plan};
  }

  /* localities.scaled_sizes: area in proportion to the count, the timeline's most at the largest size. */
  function sizes(data, counts, top, zoom) {
    const px = data.compareStyle.pointPx[zoom] || data.compareStyle.pointPx.all, min = px[0], max = px[1];
    if (top <= 1) { return counts.map(function () { return min; }); }
    const span = Math.sqrt(top) - 1;
    return counts.map(function (n) { return Math.round((min + (max - min) * (Math.sqrt(n) - 1) / span) * 100) / 100; });
  }

  /* localities.point_classes: the count's class, the first action's year, or plan / no plan. */
  function classes(data, state, encoding, counts, first, plan) {
    const keys = encoding.entries.map(function (e) { return e.key; }), breaks = encoding.breaks;
    return counts.map(function (n, i) {
      if (state.metric === "cumulative" || state.metric === "window") {
        let k = breaks.findIndex(function (high) { return n <= high; });
        if (k < 0) { k = breaks.length - 1; }
        return keys.indexOf("c" + k);
      }
      if (state.metric === "first") { return keys.indexOf("y" + data.months[first[i]].slice(0, 4)); }
      return keys.indexOf(plan[i] ? "city_plan" : "no_plan");
    });
  }

  function layer(data, computed, encoding) {
    const L = data.localities, state = computed.state, fmt = atlas.format;
    const t = function (key, params) { return fmt.t(data.messages, key, params); };
    const empty = {places: [], counts: [], sizes: [], colours: [], hover: []};
    if (!L || !L.id.length) { return empty; }
    const x = tallies(data, computed);
    let top = 0;
    x.ever.forEach(function (n) { top = Math.max(top, n); });
    let shown = [];
    for (let p = 0; p < L.id.length; p++) { if (x.inWindow[p] > 0) { shown.push(p); } }
    if ((state.metric === "cumulative" || state.metric === "window") && !encoding.breaks.length) { shown = []; }
    const counts = shown.map(function (p) { return x.inWindow[p]; });
    const cls = classes(data, state, encoding, counts, shown.map(function (p) { return x.first[p]; }),
      shown.map(function (p) { return x.plan[p]; }));
    const sep = t("format.note_separator");
    const window = {start: data.monthNames[computed.actions.start], end: data.monthNames[computed.actions.end]};
    const hover = shown.map(function (p, i) {
      const lines = ["<b>" + fmt.hoverEscape(L.name[p]) + "</b>",
        t("hover.window", {n: fmt.number(counts[i], data.numberSymbols), start: window.start, end: window.end}),
        t("hover.city_as", {localities: fmt.hoverEscape(L.localities[p].join(sep))})];
      if (L.fallback[p].length) {
        lines.push("<i>" + t("hover.city_fallback", {localities: fmt.hoverEscape(L.fallback[p].join(sep))}) + "</i>");
      }
      return lines.join("<br>");
    });
    return {places: shown, counts: counts, sizes: sizes(data, counts, top, state.zoom),
      colours: cls.map(function (c) { return encoding.entries[c].style.fill; }), hover: hover};
  }

  /* figures.city_traces: points clear of the dots take hover and clicks inside their radius (hoverdistance 1);
     points that would overlap a small region's dot are drawn under it with none, so the dot keeps its clicks. */
  function traces(data, computed, encoding) {
    const L = data.localities, x = layer(data, computed, encoding);
    const zoom = data.dots.zoom[computed.state.zoom] ? computed.state.zoom : "all";
    const under = new Set((L.underDots || {})[zoom] || []);
    return [true, false].map(function (underDot) {
      const chosen = [];
      x.places.forEach(function (p, k) { if (under.has(p) === underDot) { chosen.push(k); } });
      const trace = {
        type: "scattergeo", lon: chosen.map(function (k) { return L.lon[x.places[k]]; }),
        lat: chosen.map(function (k) { return L.lat[x.places[k]]; }), mode: "markers",
        name: underDot ? "cities under dots" : "cities", showlegend: false,
        marker: {size: chosen.map(function (k) { return x.sizes[k]; }), color: chosen.map(function (k) { return x.colours[k]; }),
          symbol: data.compareStyle.citySymbol, opacity: 0.95, line: {color: data.compareStyle.cityEdge, width: 1.2}},
      };
      if (underDot) { trace.hoverinfo = "skip"; }
      else {
        trace.text = chosen.map(function (k) { return x.hover[k]; });
        trace.hovertemplate = "%{text}<extra></extra>";
        trace.customdata = chosen.map(function (k) { const p = x.places[k]; return [data.regions.id[L.region[p]], L.id[p]]; });
      }
      return trace;
    });
  }

  function legendTrace(data) {
    return {type: "scattergeo", lon: [null], lat: [null], mode: "markers", showlegend: true, hoverinfo: "skip",
      name: atlas.format.t(data.messages, "legend.cities"), legendgroup: "marks",
      marker: {symbol: data.compareStyle.citySymbol, size: 9, color: "#ffffff", line: {color: data.compareStyle.cityEdge, width: 1.2}}};
  }

  /* The rows a place stands for (the panel narrowed to it). */
  function rowsOf(data, placeId) {
    const p = data.localities.id.indexOf(placeId);
    return p < 0 ? null : p;
  }

  atlas.cities = {layer: layer, traces: traces, legendTrace: legendTrace, placeIndex: rowsOf};
})();
