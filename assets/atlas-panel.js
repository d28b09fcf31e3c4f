/* The side panel, drawn in the browser: a region's actions with their sources, or the overview.
   Why in the browser: the open panel follows every slider step and filter toggle, so it is
   rebuilt here from the payload instead of being fetched. It returns Dash component trees
   (plain objects) so React renders every text as text: nothing from the data becomes markup.
   Its numbers are those of components/core/metrics.py (matching_actions, country_totals,
   leading_regions), which the parity test checks. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const LANG = {CN: "zh-Hans", KR: "ko", JP: "ja"};
  const FIELD = "data-field";
  const VERIFICATION_CLASS = {verified: "badge-verified", reported: "badge-reported", unverified: "badge-unverified"};

  function h(type, props, children) {
    const p = Object.assign({}, props || {});
    if (children !== undefined) { p.children = children; }
    return {type: type, namespace: "dash_html_components", props: p};
  }

  /* Black or white text, whichever contrasts more with the badge colour (WCAG luminance). */
  function textOn(hex) {
    const rgb = [1, 3, 5].map(function (i) {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    const lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  }

  function typeBadge(data, code, text) {
    const colour = data.encodings.typeColors[code];
    return h("Span", {className: "badge me-1 mb-1", style: {backgroundColor: colour, color: textOn(colour)}}, text);
  }

  function labels(data, name) {
    const out = {};
    data.vocab[name].forEach(function (p) { out[p[0]] = p[1]; });
    return out;
  }

  function actionItem(data, row, highlighted) {
    const a = data.actions, c = data.codes, t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const type = data.vocab.types[c.type[row]][0], verification = data.vocab.verification[c.verification[row]][0];
    const country = data.vocab.countries[c.country[row]][0];
    const url = atlas.format.safeUrl(a.source_url[row]);
    const source = url
      ? h("A", {href: url, target: "_blank", rel: "noopener noreferrer", className: FIELD}, a.source_name[row])
      : h("Span", {}, [h("Span", {className: FIELD}, a.source_name[row]), t("panel.no_link")]);
    const where = a.locality[row] ? h("Span", {className: FIELD}, a.locality[row]) : data.vocab.levels[c.level[row]][1];
    const english = h("Div", {className: FIELD, lang: "en"}, a.title[row]);
    const original = a.title_original[row] ? h("Div", {className: FIELD, lang: LANG[country]}, a.title_original[row]) : null;
    const nativeFirst = Boolean(original) && data.lang === data.countryLanguage[country];
    return h("Li", {
      className: "list-group-item action-item" + (highlighted ? " highlighted" : ""),
      "data-action-id": a.id[row], key: a.id[row],
    }, [
      h("Div", {}, [
        h("Span", {className: "text-muted me-2"}, data.dateLabels[row]),
        typeBadge(data, type, data.vocab.types[c.type[row]][1]),
        h("Span", {className: "badge " + VERIFICATION_CLASS[verification]}, t("panel.badge." + verification)),
      ]),
      h("Div", {className: "fw-semibold action-title"}, nativeFirst ? original : english),
      nativeFirst ? h("Div", {className: "small"}, english) : null,
      !nativeFirst && original ? h("Div", {className: "small"}, original) : null,
      h("Div", {className: "small text-muted"}, [h("Span", {className: FIELD}, a.issuer[row]), " · ", where]),
      h("Div", {className: "small " + FIELD}, a.summary[row]),
      h("Div", {className: "small"}, [t("panel.source"), source]),
    ]);
  }

  function byDateDesc(rows) { return rows.slice().reverse(); }

  /* The window as a shaded band on the timeline (the only part a slider step changes). */
  function windowBand(data, computed) {
    const months = data.months, start = months[computed.actions.start], end = months[computed.actions.end];
    const endYear = Number(end.slice(0, 4)), endMonth = Number(end.slice(5, 7));
    const after = endMonth === 12 ? (endYear + 1) + "-01-01" : endYear + "-" + String(endMonth + 1).padStart(2, "0") + "-01";
    return [{type: "rect", xref: "x", yref: "paper", x0: start + "-01", x1: after, y0: 0, y1: 1,
      fillcolor: "rgba(13, 110, 253, 0.08)", line: {width: 0}, layer: "below"}];
  }

  /* Scatter rows of dated markers, one row per label, coloured by kind of action. */
  function timelineFigure(data, rowsByLabel, highlighted) {
    const a = data.actions, c = data.codes, traces = [], all = [];
    rowsByLabel.forEach(function (entry) {
      if (!entry.rows.length) { return; }
      entry.rows.forEach(function (r) { all.push(a.date[r]); });
      traces.push({
        type: "scatter", mode: "markers", name: entry.label,
        x: entry.rows.map(function (r) { return a.date[r]; }), y: entry.rows.map(function () { return entry.label; }),
        customdata: entry.rows.map(function (r) { return a.id[r]; }),
        text: entry.rows.map(function (r) { return atlas.format.hoverEscape(data.dateLabels[r] + " · " + a.title[r]); }),
        hovertemplate: "%{text}<extra></extra>",
        marker: {
          size: entry.rows.map(function (r) { return a.id[r] === highlighted ? 16 : 10; }),
          symbol: entry.rows.map(function (r) { return data.vocab.types[c.type[r]][0] === "termination" ? "x" : entry.symbol; }),
          color: entry.rows.map(function (r) { return data.encodings.typeColors[data.vocab.types[c.type[r]][0]]; }),
          line: {width: 1.5, color: "#333333"},
        },
      });
    });
    all.sort();
    const first = all.length ? Number(all[0].slice(0, 4)) : 2021, last = all.length ? Number(all[all.length - 1].slice(0, 4)) : 2026;
    const span = last - first;
    const xaxis = {type: "date", range: [first + "-01-01", (last + 1) + "-01-01"],
      tickformat: span >= 2 ? "%Y" : "%Y-%m", dtick: span >= 2 ? "M12" : "M3", ticklabelmode: "period"};
    return {
      data: traces,
      layout: {
        height: traces.length > 1 ? 60 + 45 * traces.length : 120, margin: {l: 10, r: 10, t: 10, b: 30},
        showlegend: false, xaxis: xaxis, plot_bgcolor: "#fafafa", clickmode: "event",
        yaxis: {categoryorder: "array", categoryarray: traces.map(function (tr) { return tr.name; }).reverse(),
          automargin: true},
      },
    };
  }

  function timelineLegend(data, rows) {
    const seen = new Set(rows.map(function (r) { return data.codes.type[r]; }));
    const t = function (k) { return atlas.format.t(data.messages, k); };
    const chips = data.vocab.types.filter(function (_, i) { return seen.has(i); }).map(function (p) {
      return h("Span", {className: "legend-chip me-2"}, [
        h("Span", {className: "legend-dot", style: {backgroundColor: data.encodings.typeColors[p[0]]}}), p[1],
      ]);
    });
    return chips.length ? h("Div", {className: "small mb-2", id: "timeline-legend"},
      [h("Span", {className: "fw-semibold me-2"}, t("panel.kinds") + ":")].concat(chips)) : null;
  }

  function everInData(data, r) {
    for (let i = 0; i < data.n; i++) { if (data.codes.region[i] === r) { return true; } }
    return false;
  }

  /* A region with no action says whether, and when, sources were searched for it. */
  function coverageNote(data, r) {
    const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const cov = data.coverage || {searched_on: [], sources: []};
    const date = cov.searched_on[r];
    if (!date) { return h("P", {className: "small", id: "panel-coverage"}, t("panel.never")); }
    return h("Div", {className: "small mb-2", id: "panel-coverage"}, [
      h("P", {className: "mb-1"}, t("panel.never_searched", {date: date})),
      h("Details", {}, [h("Summary", {}, t("panel.sources_searched")), h("P", {className: "text-muted"}, cov.sources[r])]),
    ]);
  }

  function regionPanel(data, computed, regionId) {
    const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const r = data.regionIndex.get(regionId), reg = data.regions;
    const country = data.vocab.countries[reg.country[r]];
    const rows = atlas.view.matchingRows(data, computed.state, computed.actions, {byRegion: true});
    const national = nationalContext(data, computed, [country[0]]);
    const everRows = [];
    for (let i = 0; i < data.n; i++) { if (computed.actions.bits[i] === 0 && data.codes.region[i] === r) { everRows.push(i); } }
    const highlighted = computed.state.action;
    const title = reg.name[r] === reg.name_local[r] ? [reg.name[r]]
      : [reg.name[r], " ", h("Span", {lang: LANG[country[0]]}, reg.name_local[r])];
    const body = [
      h("P", {className: "small text-muted mb-1", id: "panel-count"},
        t("panel.count", {n: rows.length, country: country[1], type: reg.type_label[r]})),
      timelineLegend(data, everRows.concat(national)),
      h("Ul", {id: "action-list", className: "list-group list-group-flush"},
        rows.length ? byDateDesc(rows).map(function (row) { return actionItem(data, row, data.actions.id[row] === highlighted); })
          : [h("Li", {className: "list-group-item text-muted"}, t("panel.none"))]),
    ];
    if (!rows.length && !everInData(data, r)) { body.splice(1, 0, coverageNote(data, r)); }
    const timeline = timelineFigure(data, [
      {label: t("panel.this_region"), rows: everRows, symbol: "circle"},
      {label: t("panel.national", {country: country[1]}), rows: national, symbol: "diamond"},
    ], highlighted);
    return {title: title, body: body, timeline: timeline};
  }

  /* National actions of these countries, any month, that pass every filter but the level one (context). */
  function nationalContext(data, computed, countries) {
    const c = data.codes, actions = computed.actions;
    const nationalLevel = atlas.view.vocabCodes(data, "levels").indexOf("national");
    const codes = atlas.view.vocabCodes(data, "countries");
    const rows = [];
    for (let i = 0; i < data.n; i++) {
      if (c.level[i] !== nationalLevel) { continue; }
      if ((actions.bits[i] & ~data.bits.levels) !== 0) { continue; }
      if (countries.indexOf(codes[c.country[i]]) >= 0) { rows.push(i); }
    }
    return rows;
  }

  function overviewPanel(data, computed) {
    const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const names = labels(data, "countries"), state = computed.state;
    const shown = atlas.view.countriesInView(data, state);
    const codes = atlas.view.vocabCodes(data, "countries");
    const nationalLevel = atlas.view.vocabCodes(data, "levels").indexOf("national");
    const rows = atlas.view.matchingRows(data, state, computed.actions).filter(function (row) {
      return shown.indexOf(codes[data.codes.country[row]]) >= 0;
    });
    const totals = shown.map(function (code) {
      const ci = codes.indexOf(code), regions = new Set();
      let national = 0, sub = 0;
      rows.forEach(function (row) {
        if (data.codes.country[row] !== ci) { return; }
        if (data.codes.level[row] === nationalLevel) { national++; } else { sub++; regions.add(data.codes.region[row]); }
      });
      return {code: code, national: national, sub: sub, regions: regions.size};
    });
    const perRegion = new Map();
    rows.forEach(function (row) {
      const r = data.codes.region[row];
      if (r >= 0) { perRegion.set(r, (perRegion.get(r) || 0) + 1); }
    });
    const leaders = Array.from(perRegion.entries()).sort(function (x, y) {
      return y[1] - x[1] || (data.regions.id[x[0]] < data.regions.id[y[0]] ? -1 : 1);
    }).slice(0, 8);
    const latest = byDateDesc(rows).slice(0, 6);
    const national = nationalContext(data, computed, shown);
    const body = [
      h("Table", {className: "table table-sm small", id: "overview-totals"}, [
        h("Thead", {}, h("Tr", {}, ["panel.th.country", "panel.th.national", "panel.th.sub_national", "panel.th.regions"]
          .map(function (k) { return h("Th", {scope: "col"}, t(k)); }))),
        h("Tbody", {}, totals.map(function (row) {
          return h("Tr", {}, [h("Th", {scope: "row"}, names[row.code]), h("Td", {}, row.national), h("Td", {}, row.sub),
            h("Td", {}, row.regions)]);
        })),
      ]),
      timelineLegend(data, national),
      h("H3", {className: "h6"}, t("panel.leading")),
      h("Ol", {className: "small", id: "leading-regions"}, leaders.map(function (entry) {
        const r = entry[0];
        const reg = data.regions;
        const name = reg.name[r] === reg.name_local[r] ? reg.name[r] : t("format.parenthetical", {text: reg.name[r], note: reg.name_local[r]});
        return h("Li", {}, t("panel.leading_item", {region: name, n: atlas.format.number(entry[1], data.numberSymbols)}));
      })),
      h("H3", {className: "h6"}, t("panel.latest")),
      h("Ul", {className: "list-group list-group-flush", id: "action-list"},
        latest.map(function (row) { return actionItem(data, row, false); })),
    ];
    const timeline = timelineFigure(data, shown.map(function (code) {
      const ci = codes.indexOf(code);
      return {label: t("panel.national", {country: names[code]}), symbol: "diamond",
        rows: national.filter(function (row) { return data.codes.country[row] === ci; })};
    }), state.action);
    return {title: t("panel.overview", {countries: atlas.format.list(shown.map(function (c) { return names[c]; }), data.listPatterns)}),
      body: body, timeline: timeline};
  }

  const timelineMemo = {key: null};

  /* The panel of a view. The timeline shows every month; when only the window moved, the answer
     is a Patch of the band alone, so Plotly redraws one rectangle instead of every marker. */
  function panel(data, computed) {
    const state = computed.state, region = state.region;
    const p = region && data.regionIndex.has(region) ? regionPanel(data, computed, region) : overviewPanel(data, computed);
    const key = JSON.stringify([data.version, data.n, region, state.countries, state.levels, state.types,
      state.verification, state.search, state.action, state.zoom]);
    const band = windowBand(data, computed);
    if (timelineMemo.key === key) {
      const patch = new window.dash_clientside.Patch();
      patch.assign(["layout", "shapes"], band);
      p.timeline = patch.build();
    } else {
      p.timeline.layout.shapes = band;
      timelineMemo.key = key;
    }
    return p;
  }

  atlas.panel = {panel: panel, h: h, textOn: textOn};
})();
