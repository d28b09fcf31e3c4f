/* The map of a view, redrawn in the browser: classes, outlines, dots, hover and legend.
   Why in the browser: a slider step must redraw within 100 ms with nothing on the wire. It
   builds the same traces, in the same order, as components/core/view/figures.build_figure; the
   static parts (the context shapes: Taiwan and the neighbouring countries; the geo frame's styling) are kept from the figure
   Python drew for the first paint. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const DOT_EDGE = "#333333", LEADER_COLOR = "#555555";

  /* figures.shown_title: the original title when the page speaks the action's country's language, else the English. */
  function shownTitle(data, row) {
    const original = data.actions.title_original[row];
    const country = data.vocab.countries[data.codes.country[row]][0];
    return original && data.lang === data.countryLanguage[country] ? original : data.actions.title[row];
  }

  function hoverTexts(data, computed) {
    const fmt = atlas.format, K = atlas.view.KIND, state = computed.state, view = computed.view;
    const t = function (key, params) { return fmt.t(data.messages, key, params); };
    const a = data.actions, reg = data.regions, months = data.monthNames, max = data.encodings.hoverTitleMax;
    const window = {start: months[computed.actions.start], end: months[computed.actions.end]};
    const texts = [];
    for (let r = 0; r < data.regionCount; r++) {
      const heading = "<b>" + fmt.hoverEscape(reg.name[r]) + "</b>";
      const lines = [reg.name[r] === reg.name_local[r] ? heading : heading + " " + fmt.hoverEscape(reg.name_local[r])];
      const kind = view.kind[r];
      if (state.metric === "window") {
        lines.push(t("hover.window", {n: fmt.number(view.inWindow[r], data.numberSymbols), start: window.start, end: window.end}));
      } else {
        lines.push(t("hover.cumulative", {n: fmt.number(view.cumulative[r], data.numberSymbols), end: window.end}));
      }
      if (state.metric === "first" && view.firstMonth[r] >= 0) { lines.push(t("hover.first", {month: months[view.firstMonth[r]]})); }
      if (state.metric === "plan") {
        view.plans[r].forEach(function (row) {
          const params = {title: fmt.hoverEscape(fmt.shortTitle(shownTitle(data, row), max)), date: data.dateLabels[row]};
          if (data.vocab.levels[data.codes.level[row]][0] === "provincial") { lines.push(t("hover.own_plan", params)); }
          else { params.locality = fmt.hoverEscape(a.locality[row]); lines.push(t("hover.city_plan", params)); }
        });
      }
      if (view.ended[r] >= 0) {
        const row = view.ended[r];
        lines.push(t("hover.ended", {title: fmt.hoverEscape(fmt.shortTitle(shownTitle(data, row), max)), date: data.dateLabels[row]}));
      }
      if (view.latest[r] >= 0) {
        const row = view.latest[r];
        lines.push(t("hover.latest", {title: fmt.hoverEscape(fmt.shortTitle(shownTitle(data, row), max)), date: data.dateLabels[row]}));
      }
      if (kind === K.HIDDEN) {
        const names = fmt.list(view.hiddenBy[r].map(function (f) { return t("filter." + f); }), data.listPatterns);
        lines.push("<i>" + t("hover.hidden_by", {filters: names}) + "</i>");
      } else if (kind === K.QUIET) {
        lines.push("<i>" + t("kind.quiet") + "</i>");
      } else if (kind === K.NEVER) {
        lines.push("<i>" + t("kind.never", {end: window.end}) + "</i>");
      }
      texts.push(lines.join("<br>"));
    }
    return texts;
  }

  function steppedColorscale(fills) {
    const n = Math.max(fills.length, 1), scale = [];
    fills.forEach(function (fill, i) { scale.push([i / n, fill], [(i + 1) / n, fill]); });
    return scale.length ? scale : [[0, "#ffffff"], [1, "#ffffff"]];
  }

  const ENDED_MARK = "\u25BC", ENDED_COLOR = "#000000";

  /* Where the ended-programme mark goes: under a region's dot, or at the point inside its shape. */
  function endedPoints(data, view, dotZoom) {
    const points = {lon: [], lat: [], textposition: []};
    const dotOf = new Map(data.dots.region.map(function (r, i) { return [r, i]; }));
    for (let r = 0; r < data.regionCount; r++) {
      if (view.ended[r] < 0) { continue; }
      const d = dotOf.get(r);
      if (d !== undefined) { points.lon.push(dotZoom.lon[d]); points.lat.push(dotZoom.lat[d]); points.textposition.push("bottom center"); }
      else { points.lon.push(data.regions.label_lon[r]); points.lat.push(data.regions.label_lat[r]); points.textposition.push("middle center"); }
    }
    return points;
  }

  function legendTraces(data, encoding, anyEnded) {
    const traces = encoding.entries.map(function (entry, i) {
      const s = entry.style;
      const trace = {
        type: "scattergeo", lon: [null], lat: [null], mode: "markers", name: entry.label, showlegend: true,
        hoverinfo: "skip", legendgroup: "classes",
        marker: {symbol: s.mark ? "square-x" : "square", size: 13, color: s.fill,
          line: {color: s.line !== "#ffffff" ? s.line : "#bdbdbd", width: Math.max(s.width, 1)}},
      };
      if (i === 0) { trace.legendgrouptitle = {text: encoding.legendTitle}; }
      return trace;
    });
    if (anyEnded) {
      traces.push({type: "scattergeo", lon: [null], lat: [null], mode: "markers", showlegend: true, hoverinfo: "skip",
        name: atlas.format.t(data.messages, "legend.ended"), legendgroup: "marks",
        marker: {symbol: "triangle-down", size: 10, color: ENDED_COLOR}});
    }
    return traces;
  }

  /* The names of the top-N regions (figures.placed_label_trace), placed in the frame by atlas.labels: by
     their dot or on their shape, none over another, none cut at the frame's edge, a name with no room left
     out. `plot`: the plot area in px; `dotSize`: the dots' drawn size. Returns {trace, omitted}. */
  function placedLabels(data, computed, dotZoom, frame, plot, dotSize) {
    const rules = data.encodings.labelPlacement, font = data.encodings.labelFont;
    const projection = atlas.labels.frameProjection(frame, plot.width, plot.height, rules.clipPad);
    const onDot = new Map();
    data.dots.region.forEach(function (r, i) { onDot.set(r, i); });
    const anchors = [];
    atlas.view.topRegions(computed.view, computed.state.metric, computed.state.labels).forEach(function (r) {
      const i = onDot.get(r);
      const xy = i === undefined ? projection.project(data.regions.label_lon[r], data.regions.label_lat[r])
        : projection.project(dotZoom.lon[i], dotZoom.lat[i]);
      if (xy[0] < 0 || xy[0] > projection.width || xy[1] < 0 || xy[1] > projection.height) { return; }
      anchors.push({region: r, ems: data.regions.label_ems[r], x: xy[0], y: xy[1], radius: i === undefined ? 0 : dotSize / 2});
    });
    const trace = {type: "scattergeo", lon: [], lat: [], text: [], mode: "text", textposition: "middle center",
      textfont: font, hoverinfo: "skip", name: "labels", showlegend: false};
    const round = function (v) { return Math.round(v * 1e4) / 1e4; };
    atlas.labels.place(anchors, projection.width, projection.height, font.size, rules).forEach(function (box, k) {
      if (!box) { return; }
      const point = projection.unproject((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      trace.lon.push(round(point[0]));
      trace.lat.push(round(point[1]));
      trace.text.push(data.regions.name[anchors[k].region]);
    });
    return {trace: trace, omitted: anchors.length - trace.text.length};
  }

  /* A legend line with no mark saying how many names had no room (figures.omitted_labels_trace), for files. */
  function omittedLabelsTrace(data, n) {
    return {type: "scattergeo", lon: [null], lat: [null], mode: "markers", marker: {size: 1, opacity: 0}, hoverinfo: "skip",
      name: atlas.format.t(data.messages, "legend.labels_omitted", {n: n}), showlegend: true, legendgroup: "notes"};
  }

  /* The frame's ranges widened about their centre until, in Mercator, the frame is `aspect` times as
     wide as it is tall (figures.fit_frame is the reference): the map then fills a box of that shape. */
  function fitFrame(frame, aspect) {
    const rad = Math.PI / 180, round = function (v) { return Math.round(v * 1000) / 1000; };
    const y = function (lat) { return Math.log(Math.tan(Math.PI / 4 + lat * rad / 2)); };
    const lat = function (v) { return (2 * Math.atan(Math.exp(v)) - Math.PI / 2) / rad; };
    const lon0 = frame.lon[0], lon1 = frame.lon[1], y0 = y(frame.lat[0]), y1 = y(frame.lat[1]);
    const width = (lon1 - lon0) * rad, height = y1 - y0;
    if (width < aspect * height) {
      const half = aspect * height / rad / 2, mid = (lon0 + lon1) / 2;
      return {lon: [round(mid - half), round(mid + half)], lat: frame.lat.slice()};
    }
    const half = width / aspect / 2, mid = (y0 + y1) / 2;
    return {lon: frame.lon.slice(), lat: [round(lat(mid - half)), round(lat(mid + half))]};
  }

  /* In a presentation (?present=1, or a storyboard presented) the frame takes the shape of the map's
     box, so the map fills the screen's width; elsewhere (and on a phone) the frame is the zoom's own. */
  function presentedAspect() {
    const page = document.getElementById("page"), gd = document.querySelector("#map .js-plotly-plot");
    const presenting = document.documentElement.classList.contains("presenter") ||
      Boolean(page && page.classList.contains("presenting"));
    if (!presenting || !gd || !gd._fullLayout || (atlas.phone && atlas.phone.isPhone())) { return null; }
    const margin = gd._fullLayout.margin, width = gd.clientWidth - margin.l - margin.r;
    const height = gd.clientHeight - margin.t - margin.b;
    return width > 0 && height > 0 ? Math.round(100 * width / height) / 100 : null;
  }

  /* The plot area's shape: two maps (compare) always fit their frames to their halves of it. */
  function plotAspect() {
    const gd = document.querySelector("#map .js-plotly-plot");
    if (!gd || !gd._fullLayout) { return null; }
    const margin = gd._fullLayout.margin, width = gd.clientWidth - margin.l - margin.r;
    const height = gd.clientHeight - margin.t - margin.b;
    return width > 0 && height > 0 ? Math.round(100 * width / height) / 100 : null;
  }

  /* withLegend: Plotly's own legend, for files (the PNG button, the offline briefing); the page's
     map has its legend in HTML beside the plot (renderLegend). aspect: the frame's shape (fitFrame), or none.
     box: the figure's {width, height} in px, where the top-N names are placed (placedLabels); none for the two maps
     of a comparison (atlas-compare.js), which carry no names. */
  function figure(data, computed, previous, withLegend, aspect, box) {
    if (computed.state.compare && atlas.compare) {
      return atlas.compare.figure(data, computed, previous, withLegend, aspect || plotAspect(),
        Boolean(atlas.phone && atlas.phone.isPhone()));
    }
    const state = computed.state, view = computed.view, K = atlas.view.KIND, enc = data.encodings;
    const encoding = atlas.encodings.mapEncoding(data, computed);
    const hover = hoverTexts(data, computed);
    const ids = data.regions.id;
    const styles = encoding.category.map(function (c) { return encoding.entries[c].style; });
    const selected = ids.map(function (id) { return id === state.region; });
    const zoom = data.dots.zoom[state.zoom] ? state.zoom : "all";
    const dotZoom = data.dots.zoom[zoom];
    const leaderLon = [], leaderLat = [];
    dotZoom.leaders.forEach(function (i) {
      leaderLon.push(data.dots.anchor_lon[i], dotZoom.lon[i], null);
      leaderLat.push(data.dots.anchor_lat[i], dotZoom.lat[i], null);
    });
    const hiddenLon = [], hiddenLat = [];
    for (let r = 0; r < data.regionCount; r++) {
      if (view.kind[r] === K.HIDDEN) { hiddenLon.push(data.regions.label_lon[r]); hiddenLat.push(data.regions.label_lat[r]); }
    }
    const ended = endedPoints(data, view, dotZoom);
    const base = previous.data[0];
    const meta = previous.layout.meta || {}, geometry = meta.geometry;
    const geojson = geometry ? (geometry.overview_zooms.indexOf(state.zoom) >= 0 ? geometry.overview : geometry.detail)
      : previous.data[1].geojson;
    const dotRegions = data.dots.region;
    const traces = [
      base,
      {
        type: "choropleth", locations: ids, z: encoding.category, customdata: ids, geojson: geojson,
        featureidkey: "properties.region_id", zmin: -0.5, zmax: encoding.entries.length - 0.5,
        colorscale: steppedColorscale(encoding.entries.map(function (e) { return e.style.fill; })), showscale: false,
        marker: {line: {
          color: styles.map(function (s, r) { return selected[r] ? enc.selected.color : s.line; }),
          width: styles.map(function (s, r) { return selected[r] ? enc.selected.width : s.width; }),
        }},
        text: hover, hovertemplate: "%{text}<extra></extra>", name: "regions", showlegend: false,
      },
      {
        type: "scattergeo", lon: hiddenLon, lat: hiddenLat, mode: "markers", hoverinfo: "skip", name: "hidden",
        showlegend: false, marker: {symbol: "x-thin", size: 7, line: {color: enc.kindStyles.hidden.line, width: 1.5}},
      },
      {
        type: "scattergeo", lon: leaderLon, lat: leaderLat, mode: "lines", line: {color: LEADER_COLOR, width: 0.8},
        hoverinfo: "skip", name: "leaders", showlegend: false,
      },
      {
        type: "scattergeo", lon: dotZoom.lon, lat: dotZoom.lat, mode: "markers", name: "small regions",
        showlegend: false, customdata: dotRegions.map(function (r) { return ids[r]; }),
        marker: {
          size: dotZoom.size,
          color: dotRegions.map(function (r) { return styles[r].fill; }),
          symbol: dotRegions.map(function (r) { return styles[r].mark ? "circle-x" : "circle"; }),
          line: {
            color: dotRegions.map(function (r) { return selected[r] ? enc.selected.color : DOT_EDGE; }),
            width: dotRegions.map(function (r) { return selected[r] ? enc.selected.width : 1; }),
          },
        },
        text: dotRegions.map(function (r) { return hover[r]; }), hovertemplate: "%{text}<extra></extra>",
      },
      {
        type: "scattergeo", lon: ended.lon, lat: ended.lat, mode: "text", name: "ended", showlegend: false,
        text: ended.lon.map(function () { return ENDED_MARK; }), textposition: ended.textposition,
        textfont: {color: ENDED_COLOR, size: 11}, hoverinfo: "skip",
      },
    ].concat(withLegend ? legendTraces(data, encoding, ended.lon.length > 0) : [],
      state.cities && atlas.cities ? (withLegend ? [atlas.cities.legendTrace(data)] : []).concat(atlas.cities.traces(data, computed, encoding)) : []);
    const layout = Object.assign({}, previous.layout);
    delete layout.geo2;
    layout.showlegend = Boolean(withLegend);
    layout.meta = {query: atlas.state.toQuery(state, atlas.state.defaults(data)), end: data.months[computed.actions.end]};
    if (geometry) { layout.meta.geometry = geometry; }
    layout.title = Object.assign({}, layout.title, {text: encoding.title});
    const frame = aspect ? fitFrame(dotZoom.range, aspect) : dotZoom.range;
    layout.geo = Object.assign({}, layout.geo, {
      lonaxis: Object.assign({}, layout.geo.lonaxis, {range: frame.lon}),
      lataxis: Object.assign({}, layout.geo.lataxis, {range: frame.lat}),
    });
    layout.annotations = [Object.assign({}, layout.annotations[0], {
      text: atlas.format.t(data.messages, "footer.map", {version: data.version, end: data.monthNames[computed.actions.end]}),
    })];
    if (atlas.phone) { atlas.phone.fitFigure(traces[4], layout); }
    if (!box) {
      return {figure: {data: traces, layout: layout}, encoding: encoding, hover: hover, anyEnded: ended.lon.length > 0,
        omitted: 0, cities: Boolean(state.cities)};
    }
    const margin = layout.margin;  /* Plotly's plot area: the figure's size rounded, less the margins */
    const plot = {width: Math.round(box.width) - margin.l - margin.r, height: Math.round(box.height) - margin.t - margin.b};
    const labels = placedLabels(data, computed, dotZoom, frame, plot, traces[4].marker.size);
    if (withLegend && labels.omitted) { traces.push(omittedLabelsTrace(data, labels.omitted)); }
    traces.push(labels.trace);
    return {figure: {data: traces, layout: layout}, encoding: encoding, hover: hover, anyEnded: ended.lon.length > 0,
      omitted: labels.omitted, cities: Boolean(state.cities)};
  }

  /* The page's legend, in HTML over the map's corner. Why not Plotly's: Plotly lays out its legend,
     and the empty traces that make its entries, again on every redraw (about a fifth of a slider
     step), though the classes are fixed across time. Rebuilt only when its entries change; the
     entries are Python's (encodings.map_encoding, compared by the parity test). */
  let legendShown = null;

  function renderLegend(data, encoding, anyEnded, omitted, extras) {
    const box = document.getElementById("map-legend");
    if (!box) { return; }
    const more = extras || {};
    const key = JSON.stringify([encoding.legendTitle, encoding.entries.map(function (e) { return [e.label, e.style]; }), anyEnded,
      omitted, more.cities || false, more.newSince || null, more.changes || false]);
    if (key === legendShown) { return; }
    legendShown = key;
    const item = function (swatch, label) {
      const li = document.createElement("li");
      swatch.setAttribute("aria-hidden", "true");
      const text = document.createElement("span");
      text.className = "map-legend-label";
      text.textContent = label;
      li.append(swatch, text);
      return li;
    };
    const title = document.createElement("div");
    title.className = "map-legend-title";
    title.textContent = encoding.legendTitle;
    const list = document.createElement("ul");
    encoding.entries.forEach(function (entry) {
      const s = entry.style, swatch = document.createElement("span");
      swatch.className = "map-legend-swatch" + (s.mark ? " marked" : "");
      swatch.style.backgroundColor = s.fill;
      swatch.style.border = Math.max(s.width, 1) + "px solid " + (s.line !== "#ffffff" ? s.line : "#bdbdbd");
      list.append(item(swatch, entry.label));
    });
    if (anyEnded) {
      const mark = document.createElement("span");
      mark.className = "map-legend-ended";
      list.append(item(mark, atlas.format.t(data.messages, "legend.ended")));
    }
    if (more.cities) {
      const point = document.createElement("span");
      point.className = "map-legend-city";
      list.append(item(point, atlas.format.t(data.messages, "legend.cities")));
    }
    if (more.newSince) {
      const plus = document.createElement("span");
      plus.className = "map-legend-new";
      plus.textContent = data.compareStyle.newMark;
      list.append(item(plus, atlas.format.t(data.messages, "legend.new", {before: more.newSince})));
      if (more.changes) {
        const grey = document.createElement("span");
        grey.className = "map-legend-swatch";
        grey.style.backgroundColor = data.compareStyle.beforeFill;
        list.append(item(grey, atlas.format.t(data.messages, "legend.before", {before: more.newSince})));
      }
    }
    if (omitted) {
      const note = document.createElement("li"), text = document.createElement("span");
      text.className = "map-legend-label";
      text.textContent = atlas.format.t(data.messages, "legend.labels_omitted", {n: omitted});
      note.append(text);
      list.append(note);
    }
    box.replaceChildren(title, list);
  }

  /* The map as a file: what the page shows, with Plotly's legend (a PNG has no HTML beside it), its names
     placed for the file's size. */
  const EXPORT_PX = {width: 1600, height: 1000};

  function exportFigure() {
    const gd = document.querySelector("#map .js-plotly-plot");
    const last = drawing.last;
    if (!gd || !last) { return gd; }
    /* A comparison's file has the PNG's shape too: its two frames fit that shape. */
    const aspect = last.state.compare
      ? Math.round(100 * EXPORT_PX.width / (EXPORT_PX.height - gd._fullLayout.margin.t)) / 100 : null;
    const drawn = figure(last.data, atlas.view.compute(last.data, last.state), {data: gd.data, layout: gd.layout}, true,
      aspect, EXPORT_PX).figure;
    return {data: drawn.data, layout: drawn.layout, config: {topojsonURL: gd._context.topojsonURL}};
  }

  function readoutLines(data, computed) {
    if (computed.state.compare && atlas.compare) { return atlas.compare.readoutLines(data, computed.state); }
    const state = computed.state, months = data.monthNames;
    const t = function (key, params) { return atlas.format.t(data.messages, key, params); };
    const names = {};
    data.vocab.countries.forEach(function (p) { names[p[0]] = p[1]; });
    return atlas.view.readoutCounts(data, state, computed.view).map(function (row) {
      const params = {country: names[row.country], total: row.total, unit: t("unit." + row.country),
        start: months[computed.actions.start], end: months[computed.actions.end]};
      let text;
      if (state.metric === "plan") { text = t("readout.plan", Object.assign({own: row.own_plan, city: row.city_plan}, params)); }
      else if (state.metric === "window") { text = t("readout.window", Object.assign({acted: row.acted}, params)); }
      else { text = t("readout.acted", Object.assign({acted: row.acted}, params)); }
      if (row.hidden) { text += t("readout.hidden", {hidden: row.hidden}); }
      return text;
    });
  }

  /* What the HTML legend adds for the cities layer and a comparison. */
  function legendExtras(data, state, result) {
    return {cities: Boolean(state.cities) && !state.compare,
      newSince: state.compare ? data.monthNames[result.month !== undefined ? result.month : atlas.compare.states(data, state).month] : null,
      changes: Boolean(state.compare && state.changes)};
  }

  /* Draw a view at once, straight into the map's plot (Plotly.react), then publish the view as
     drawn so the panel, facets and table follow without competing with the map for the frame.
     Why not through the Graph's figure prop: that detour costs Dash's renderer a pass over the
     whole figure before Plotly starts. The Graph replots only when its figure prop changes, which
     no callback sets, so the two never fight. One draw runs at a time; a view asked for meanwhile
     waits, and only the newest waiting view is drawn (a drag does not queue up stale months); the
     view already on the map is not drawn again. */
  const drawing = {busy: false, next: null, last: null, published: null, waiting: []};

  /* Resolves once no draw is running or waiting. */
  function settled() {
    return drawing.busy ? new Promise(function (resolve) { drawing.waiting.push(resolve); }) : Promise.resolve();
  }

  /* The view as drawn goes first to what the engine draws itself (atlas.drawn: the panel, the map
     table), every time, Play's ticks included; then to the Dash outputs that follow it (facets,
     the table's count), which rest during Play and get the view once, when Play stops. */
  function publish(data, state, playing) {
    (atlas.drawn || []).forEach(function (follow) { follow(data, state, playing); });
    if (playing || drawing.published === state) { return; }
    drawing.published = state;
    window.dash_clientside.set_props("view-drawn", {data: state});
  }

  /* The figure's size as Plotly lays it out (it follows the Graph's box when that is resized). */
  function boxOf(gd) { return {width: gd._fullLayout.width, height: gd._fullLayout.height}; }

  function sameBox(a, b) { return Boolean(a && b) && a.width === b.width && a.height === b.height; }

  function react(gd, data, state, playing) {
    drawing.busy = true;
    const aspect = presentedAspect(), box = boxOf(gd);
    drawing.last = {data: data, state: state, aspect: aspect, box: box};
    const computed = atlas.view.compute(data, state);
    const result = figure(data, computed, {data: gd.data, layout: gd.layout}, false, aspect, box);
    const done = function () {
      renderLegend(data, result.encoding, result.anyEnded, result.omitted, legendExtras(data, state, result));
      window.dash_clientside.set_props("map-readout", {children: readoutLines(data, computed).map(function (line) {
        return atlas.dom.component("Div", {}, line);
      })});
      publish(data, state, playing);
      const next = drawing.next;
      drawing.next = null;
      drawing.busy = false;
      if (next) { draw(next.data, next.state, next.playing); }
      if (!drawing.busy) { drawing.waiting.splice(0).forEach(function (resolve) { resolve(); }); }
    };
    Promise.resolve(window.Plotly.react(gd, result.figure.data, result.figure.layout, gd._context)).then(done, done);
  }

  /* Two states draw the same map when they differ only in the order of a filter's values. */
  function sameView(data, a, b) {
    const canonical = function (state) {
      const copy = Object.assign({}, state);
      data.vocab.filters.forEach(function (name) { if (Array.isArray(copy[name])) { copy[name] = copy[name].slice().sort(); } });
      return copy;
    };
    return atlas.state.same(canonical(a), canonical(b));
  }

  /* The page arrives with the map of its own address drawn by Python (the reference), so the
     engine's first view is not drawn twice; a phone's map is drawn again to fit its dots, and
     top-N names are placed here, where the map's box is known. */
  function drawnByServer(gd, data, state) {
    const meta = gd.layout.meta;
    return Boolean(meta) && meta.query === atlas.state.toQuery(state, atlas.state.defaults(data)) &&
      !(atlas.phone && atlas.phone.isPhone()) && presentedAspect() === null && !(state.labels > 0);
  }

  /* Plotly resizes the plot with its box (the window, a phone turned, a presentation): names placed
     for the old size are placed again. */
  function watchPlotSize(gd) {
    if (gd.atlasWatchesSize) { return; }
    gd.atlasWatchesSize = true;
    gd.on("plotly_afterplot", function () {
      const last = drawing.last;
      if (last && !drawing.busy && last.state.labels > 0 && !sameBox(last.box, boxOf(gd))) { draw(last.data, last.state); }
    });
  }

  function draw(data, state, playing) {
    const gd = document.querySelector("#map .js-plotly-plot");
    if (!gd || !gd.data || !gd.layout || !gd._fullLayout) {
      window.setTimeout(function () { draw(data, state, playing); }, 50);
      return;
    }
    if (!gd.querySelector(".choroplethlocation")) {
      /* The Graph's first plot is still on its way (Plotly fetches the geometry): publishing now
         would have the panel and the table draw in the middle of it. */
      gd.once("plotly_afterplot", function () { draw(data, state, playing); });
      return;
    }
    watchPlotSize(gd);
    if (drawing.busy) { drawing.next = {data: data, state: state, playing: playing}; return; }
    const last = drawing.last;
    if (last && last.data === data && sameView(data, last.state, state) && last.aspect === presentedAspect() &&
        (!(state.labels > 0) || sameBox(last.box, boxOf(gd)))) {
      publish(data, last.state, playing);
      return;
    }
    if (!last && drawnByServer(gd, data, state)) {
      drawing.last = {data: data, state: state, aspect: null, box: boxOf(gd)};
      const computed = atlas.view.compute(data, state);
      renderLegend(data, atlas.encodings.mapEncoding(data, computed), computed.view.ended.some(function (row) { return row >= 0; }), 0,
        legendExtras(data, state, {}));
      publish(data, state, playing);
      return;
    }
    react(gd, data, state, playing);
  }

  /* The map's box changes shape when a presentation starts or ends, or the window is resized: a
     presented map is drawn again with a frame of the new shape. */
  function watchBox() {
    const box = document.getElementById("map");
    if (!box || !window.ResizeObserver) { window.setTimeout(watchBox, 200); return; }
    new ResizeObserver(function () {
      const last = drawing.last;
      if (last && last.aspect !== undefined && last.aspect !== presentedAspect()) { draw(last.data, last.state); }
    }).observe(box);
  }
  watchBox();

  atlas.map = {figure: figure, fitFrame: fitFrame, steppedColorscale: steppedColorscale, legendTraces: legendTraces,
    exportFigure: exportFigure, exportSize: EXPORT_PX, placedLabels: placedLabels,
    hoverTexts: hoverTexts, readoutLines: readoutLines, draw: draw,
    idle: function () { return !drawing.busy; }, settled: settled};
})();
