/* The clientside callbacks Dash calls: thin wiring from component values to the engine.
   Why in the browser: the whole time-and-filter loop (URL sync, map, legend, readout, facets,
   table, panel, play) is answered here with no server round trip. Each function only reads its
   inputs, asks atlas.view / atlas.map / atlas.table, and returns outputs. The sync draws the
   map itself (atlas.map.draw) so the map is first; the panel and the map table are drawn by
   the engine right after it (atlas.drawn); facets and the table read the view once it is
   drawn ("view-drawn"). */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const NO = function () { return window.dash_clientside.no_update; };
  const CONTROL_NAMES = ["range", "countries", "levels", "types", "verification", "novelty", "metric", "zoom", "region",
    "present", "search", "rescale", "action", "tab", "labels", "topics", "cities", "locality", "compare", "changes"];
  /* The checklists whose options carry facet counts (controls.FILTER_IDS, state.FILTERS). */
  const FACETS = ["countries", "levels", "types", "verification", "novelty", "topics"];

  function controlsFromState(data, state) {
    const range = atlas.state.monthRange(state, data.months);
    return [range, state.countries, state.levels, state.types, state.verification, state.novelty, state.metric, state.zoom,
      state.region, state.present, state.search, state.rescale, state.action, state.tab, state.labels, state.topics,
      state.cities, state.locality, state.compare, state.changes];
  }

  function stateFromControls(data, values, range) {
    const months = data.months;
    const pick = function (list) { return Array.isArray(list) ? list : []; };
    return {
      start: months[range[0]], end: months[range[1]],
      countries: pick(values.countries), levels: pick(values.levels), types: pick(values.types),
      verification: pick(values.verification), novelty: pick(values.novelty), metric: values.metric || "cumulative",
      region: data.regionIndex.has(values.region) ? values.region : null, zoom: values.zoom || "all",
      present: Boolean(values.present), search: String(values.search || "").slice(0, 200),
      rescale: Boolean(values.rescale), action: data.actionIndex.has(values.action) ? values.action : null,
      tab: data.vocab.tabs.indexOf(values.tab) >= 0 ? values.tab : data.vocab.tabs[0],
      labels: data.vocab.labels.indexOf(Number(values.labels)) >= 0 ? Number(values.labels) : 0,
      topics: Array.isArray(values.topics) ? values.topics : atlas.state.defaults(data).topics,
      cities: Boolean(values.cities), locality: values.locality || null,
      compare: data.months.indexOf(values.compare) >= 0 ? values.compare : null, changes: Boolean(values.changes),
    };
  }

  let pageClassShown = null;
  /* Views asked for by the sync so far: a map draw put off for a frame is dropped when a newer one came. */
  let syncs = 0;

  /* A region chosen by the user: its panel is drawn at once (atlas.panel.choose) and the callback's
     answer is handed to Dash only after that frame is painted, so Dash's renderer (the store, the
     sync, the map's outline, what follows them) runs after the panel is on screen, not in front of it. */
  function chosen(region, answer) {
    atlas.panel.choose(region);
    return new Promise(function (resolve) { atlas.dom.afterPaint(function () { resolve(answer); }); });
  }

  function computed(view, token) {
    const data = atlas.data.get(token);
    return data && view ? {data: data, c: atlas.view.compute(data, view)} : null;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlas: {
      engineReady: function (source) { return atlas.data.ready(source); },

      /* URL <-> controls -> view. Args: url search, drag value, token, the controls, play stopped, current search. */
      sync: function () {
        const args = Array.prototype.slice.call(arguments);
        const search = args[0], drag = args[1], token = args[2];
        const values = {};
        CONTROL_NAMES.forEach(function (name, i) { values[name] = args[3 + i]; });
        const stopped = args[3 + CONTROL_NAMES.length], current = args[4 + CONTROL_NAMES.length];
        const data = atlas.data.get(token);
        const outputs = 2 + CONTROL_NAMES.length;
        if (!data) { return new Array(outputs).fill(NO()); }
        const trigger = atlas.time.trigger();
        const base = atlas.state.defaults(data);
        if (trigger === "" || trigger.indexOf("url.") === 0 || trigger.indexOf("engine.") === 0) {
          if (trigger.indexOf("engine.") === 0) {
            /* Another dataset (an upload, or back to the bundled one) may have another month axis. */
            window.dash_clientside.set_props("date-range", {max: data.months.length - 1, marks: data.sliderMarks});
            window.dash_clientside.set_props("compare", {options: data.months.map(function (m, i) {
              return {label: data.monthNames[i], value: m};
            })});
          }
          const state = atlas.state.fromQuery(search, data, base);
          atlas.map.draw(data, state);
          return [NO(), state].concat(controlsFromState(data, state));
        }
        const dragging = trigger === "date-range.drag_value";
        const range = dragging && drag ? drag : values.range || [0, data.months.length - 1];
        const regionChanged = trigger === "selected-region.data";
        if (regionChanged) { values.action = null; }
        const state = stateFromControls(data, values, range);
        /* A place of the cities layer goes with its own region: picking the place selects its region, and
           selecting another region (or none) lets the place go (ViewState.from_query keeps the same rule). */
        const places = data.localities ? data.localities.id : [];
        const place = places.indexOf(state.locality);
        const placeChanged = trigger === "selected-locality.data";
        if (place < 0) { state.locality = null; }
        else if (placeChanged) { state.region = data.regions.id[data.localities.region[place]]; state.action = null; }
        else if (data.regions.id[data.localities.region[place]] !== state.region) { state.locality = null; }
        const playing = stopped === false;
        const seq = ++syncs;
        /* A region (or place) just chosen: its panel is what the user waits for, so it is drawn now and
           painted first; the map's outline of the choice (and then the panel's timeline) follow a frame
           later, unless a newer view has been asked for by then. */
        const chosen = regionChanged || placeChanged;
        if (chosen) { atlas.panel.draw(data, state); }
        else { atlas.map.draw(data, state, playing); }
        const query = atlas.i18n.keepLanguage(atlas.state.toQuery(state, base), current);
        const url = playing || dragging || query === (current || "") ? NO() : query;
        const controls = new Array(CONTROL_NAMES.length).fill(NO());
        if (regionChanged) { controls[CONTROL_NAMES.indexOf("action")] = null; }
        if (placeChanged) {
          controls[CONTROL_NAMES.indexOf("region")] = state.region;
          controls[CONTROL_NAMES.indexOf("action")] = null;
        }
        if ((values.locality || null) !== state.locality) { controls[CONTROL_NAMES.indexOf("locality")] = state.locality; }
        /* During Play the view is stored (for exports, scenes and the Analysis tab) once Play stops.
           The answer waits for the map: Dash's renderer then handles these outputs (and what they
           trigger) after the redraw, not in front of it. */
        const answer = [url, playing ? NO() : state].concat(controls);
        if (!chosen) { return atlas.map.settled().then(function () { return answer; }); }
        return new Promise(function (resolve) {
          atlas.dom.afterPaint(function () {
            if (seq === syncs) { atlas.map.draw(data, state, playing); }
            atlas.map.settled().then(function () { resolve(answer); });
          });
        });
      },

      /* While Play runs the facet counts and the table count rest, and catch up when Play stops:
         each costs Dash's renderer a pass that a month's tick cannot spare. */
      renderFacets: function (view, token, playStopped) {
        if (playStopped === false) { return FACETS.map(NO); }
        const x = computed(view, token);
        if (!x) { return FACETS.map(NO); }
        const counts = atlas.view.facetCounts(x.data, x.c.actions);
        return x.data.vocab.filters.map(function (name) {
          return x.data.vocab[name].map(function (pair) {
            const count = atlas.format.number(counts[name][pair[0]], x.data.numberSymbols);
            return {label: " " + atlas.format.t(x.data.messages, "format.parenthetical", {text: pair[1], note: count}),
              value: pair[0]};
          });
        });
      },

      /* [count, region chip text, chip style]: the chip shows, and clears, the region narrowing the table. */
      renderTable: function (view, token, playStopped) {
        if (playStopped === false) { return [NO(), NO(), NO()]; }
        const x = computed(view, token);
        if (!x) { return [NO(), NO(), NO()]; }
        const count = atlas.format.t(x.data.messages, "table.count", {n: atlas.table.apply(x.data, x.c)});
        const r = view.region ? x.data.regionIndex.get(view.region) : undefined;
        if (r === undefined) { return [count, "", {display: "none"}]; }
        return [count, atlas.format.t(x.data.messages, "table.region_chip", {region: x.data.regions.name[r]}), {}];
      },

      mountTable: function (spec) {
        if (spec) { window.setTimeout(function () { atlas.table.mount(spec, "actions-table-slot"); }, 0); }
        return NO();
      },

      dateLabel: function (value, drag, token) {
        const data = atlas.data.get(token);
        const range = atlas.time.trigger().endsWith(".drag_value") && drag ? drag : value;
        return atlas.time.dateLabel(data, range);
      },

      playPause: function (playClicks, pauseClicks, range, max, token) { return atlas.time.playPause(range, max, token); },
      step: function (n, range, max, token) { return atlas.time.step(range, max, token); },
      speed: function (speed, base) { return Math.round(base / (Number(speed) || 1)); },

      /* A click on a region's shape or dot: its id rides in customdata. A point of the cities layer carries
         [region, place]: the place is set (the sync selects its region with it). */
      mapClick: function (click, current) {
        const point = click && click.points && click.points[0];
        let region = point && point.customdata;
        if (Array.isArray(region) && region.length === 2) {  /* Dash's clickData carries no trace name */
          window.dash_clientside.set_props("selected-locality", {data: region[1]});
          return NO();
        }
        if (Array.isArray(region)) { region = region[0]; }
        if (!region || region === current) { return NO(); }
        return chosen(region, region);
      },
      tableSelect: function (rows, current) {
        const region = rows && rows[0] && rows[0].region_id;
        if (!region || region === current) { return NO(); }
        return chosen(region, region);
      },
      /* The picker and the selected region follow each other (one callback: Dash allows that loop). */
      picker: function (picked, selected) {
        if (atlas.time.trigger().indexOf("region-picker.") === 0) {
          if (!picked || picked === selected) { return [NO(), NO()]; }
          return chosen(picked, [NO(), picked]);
        }
        return [(selected || null) !== (picked || null) ? selected || null : NO(), NO()];
      },
      closePanel: function () { return null; },

      /* named: {name (no extension), click}, from the server (table.export_stem), once per click. */
      downloadPng: function (named) {
        if (!named || !named.name) { return NO(); }
        const drawn = atlas.map.exportFigure();
        if (drawn && window.Plotly) {
          const size = atlas.map.exportSize;
          window.Plotly.downloadImage(drawn, {format: "png", width: size.width, height: size.height, filename: named.name});
        }
        return "";
      },
      shareLink: function () { return window.location.href; },
      /* Reset in the page (not a reload), so a tab's own data stays loaded. */
      resetView: function (n) { return n ? atlas.i18n.keepLanguage("", window.location.search) : NO(); },

      /* Back to the bundled data: [own-data, engine source, upload report, banner style]. */
      restoreBundled: function (n, bundled) {
        if (!n || !bundled) { return [NO(), NO(), NO(), NO()]; }
        return [null, bundled, "", {display: "none"}];
      },
      problemsCsv: function (n, stored) {
        if (!n || !stored) { return NO(); }
        return {content: stored.content, filename: stored.filename, type: "text/csv", base64: false};
      },
      /* The header's period and the footer's count follow the dataset in view. */
      datasetText: function (token) {
        const data = atlas.data.get(token);
        if (!data) { return [NO(), NO()]; }
        const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
        return [t("dataset.lede", {start: data.monthNames[0], end: data.monthNames[data.months.indexOf(data.collectedTo)]}),
          t("dataset.footer", {version: data.version, n: data.n})];
      },
      /* The language switch's links: the current view's query with each link's language. */
      languageLinks: function (search) {
        const hrefs = Array.prototype.slice.call(arguments, 1);
        return hrefs.map(function (href) { return atlas.i18n.linkTo(search, href); });
      },
      /* The page's classes: presentation mode (and whether it shows a region's panel), and which tab is shown (CSS hides the other). */
      pageClass: function (view) {
        const names = [];
        if (view && view.present) { names.push("presenting"); }
        if (view && view.present && view.region) { names.push("with-region"); }
        if (view && view.tab === "analysis") { names.push("tab-analysis"); }
        if (view && view.compare) { names.push("comparing"); }
        const className = names.join(" ");
        if (className === pageClassShown) { return NO(); }
        pageClassShown = className;
        return className;
      },

      /* The Analysis charts' view: copied only while their tab is open and the window is still, and only
         when it changed, once its charts are mounted. Args: view, the mounted charts, current copy,
         play stopped, slider value, token. */
      analysisView: function (view, mounted, current, stopped, range, token) {
        if (!mounted) { return NO(); }
        const next = atlas.analysis.viewFor(view, atlas.data.get(token), stopped === false, range);
        return next && !atlas.state.same(next, current) ? next : NO();
      },
      /* A chart's CSV button, clicked: {button, at}. The buttons' arrival when the tab is first opened
         also runs this (Dash fires callbacks of newly mounted inputs); that is no click, and asks nothing. */
      analysisCsv: function () {
        const ctx = window.dash_clientside.callback_context;
        const fired = ctx && ctx.triggered && ctx.triggered[0];
        if (!fired || !fired.value) { return NO(); }
        return {button: fired.prop_id.split(".")[0], at: Date.now()};
      },
      /* The Analysis charts become components the first time their tab is opened (analysis.section says why). */
      mountAnalysis: function (view, spec, mounted) {
        return view && view.tab === "analysis" && !mounted && spec ? spec : NO();
      },
      /* The lag list's data (analysis_lists.lag_list_data), laid out by atlas.analysisLists into #lag-list. */
      drawLagList: function (data) {
        const slot = document.getElementById("lag-list");
        if (slot) { atlas.analysisLists.drawLag(slot, data); }
        return NO();
      },
      /* The ranking's note and the neighbour test (analysis_lists.ranking_note_data, neighbour_data), laid out
         by atlas.analysisLists into #ranking-note and #neighbour-stats. */
      drawRankingNote: function (data) {
        const slot = document.getElementById("ranking-note");
        if (slot) { atlas.analysisLists.drawRanking(slot, data); }
        return NO();
      },
      drawNeighbourStats: function (data) {
        const slot = document.getElementById("neighbour-stats");
        if (slot) { atlas.analysisLists.drawNeighbours(slot, data); }
        return NO();
      },
      /* Args: the charts' clickData (the one that fired is read from the context), the window, the token.
         Outputs: region (and the map tab, where its panel is), window. */
      analysisClick: function () {
        const args = Array.prototype.slice.call(arguments);
        const data = atlas.data.get(args[args.length - 1]);
        const ctx = window.dash_clientside.callback_context;
        const fired = ctx && ctx.triggered && ctx.triggered[0];
        if (!data || !fired || !fired.value) { return [NO(), NO(), NO()]; }
        const asked = atlas.analysis.click(data, fired.value, args[args.length - 2]);
        if (asked.region) { return [asked.region, NO(), "map"]; }
        if (asked.range) { return [NO(), asked.range, NO()]; }
        return [NO(), NO(), NO()];
      },
    },
  });
})();
