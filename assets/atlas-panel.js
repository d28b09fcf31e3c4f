/* The side panel, drawn in the browser: a region's actions with their sources, or the overview.
   Why in the browser: the open panel follows every view change, Play's ticks included, so it is
   drawn here from the payload straight into the page (#panel-title, #panel-body, #timeline) each
   time the map has drawn a view: no callback returns components, so Dash's renderer never sees
   it. Every text from the data is a text node or an attribute (atlas.dom). Its numbers are those
   of components/core/view/metrics.py (matching_actions, country_totals, leading_regions), which the
   parity test checks. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const LANG = {CN: "zh-Hans", KR: "ko", JP: "ja"};
  const FIELD = "data-field";
  const VERIFICATION_CLASS = {verified: "badge-verified", corroborated: "badge-corroborated", reported: "badge-reported"};
  const NEW = "new";
  const el = function (tag, attrs, children) { return atlas.dom.el(tag, attrs, children); };

  /* Black or white text, whichever contrasts more with the badge colour (WCAG luminance). */
  function textOn(hex) {
    const rgb = [1, 3, 5].map(function (i) {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    const lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  }

  function translator(data) { return function (k, p) { return atlas.format.t(data.messages, k, p); }; }

  function typeBadge(data, code, text) {
    const colour = data.encodings.typeColors[code];
    return el("span", {className: "badge me-1 mb-1", style: {backgroundColor: colour, color: textOn(colour)}}, text);
  }

  /* The further reports (more_sources) and the issuer's page a report cites, as links; nothing when empty. */
  function moreSources(data, row) {
    const a = data.actions, t = translator(data), out = [];
    const links = function (text) {
      return (text || "").split(";").map(function (part) { return part.trim(); }).filter(Boolean)
        .map(function (url) { return atlas.format.safeUrl(url); }).filter(Boolean);
    };
    const more = links(a.more_sources && a.more_sources[row]);
    if (more.length) {
      const children = [t("panel.more_sources")];
      more.forEach(function (url, i) {
        if (i) { children.push(" · "); }
        children.push(el("a", {href: url, target: "_blank", rel: "noopener noreferrer", className: FIELD}, hostOf(url)));
      });
      out.push(el("div", {className: "small more-sources"}, children));
    }
    const issuer = links(a.issuer_url_not_opened && a.issuer_url_not_opened[row]);
    if (issuer.length) {
      out.push(el("div", {className: "small text-muted issuer-not-opened"}, [t("panel.issuer_url_not_opened"),
        el("a", {href: issuer[0], target: "_blank", rel: "noopener noreferrer", className: FIELD}, hostOf(issuer[0]))]));
    }
    return out;
  }

  function hostOf(url) {
    try { return new URL(url).hostname.replace(/^www\./, ""); } catch (e) { return url; }
  }

  function isNew(data, row) {
    const novelty = data.codes.novelty;
    return Boolean(novelty) && data.vocab.novelty[novelty[row]][0] === NEW;
  }

  function actionItem(data, row, highlighted) {
    const a = data.actions, c = data.codes, t = translator(data);
    const type = data.vocab.types[c.type[row]][0], verification = data.vocab.verification[c.verification[row]][0];
    const country = data.vocab.countries[c.country[row]][0];
    const url = atlas.format.safeUrl(a.source_url[row]);
    const source = url
      ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer", className: FIELD}, a.source_name[row])
      : el("span", {}, [el("span", {className: FIELD}, a.source_name[row]), t("panel.no_link")]);
    const where = a.locality[row] ? el("span", {className: FIELD}, a.locality[row]) : data.vocab.levels[c.level[row]][1];
    const english = el("div", {className: FIELD, lang: "en"}, a.title[row]);
    const original = a.title_original[row] ? el("div", {className: FIELD, lang: LANG[country]}, a.title_original[row]) : null;
    const nativeFirst = Boolean(original) && data.lang === data.countryLanguage[country];
    const first = nativeFirst ? original : english, second = nativeFirst ? english : original;
    first.classList.add("fw-semibold", "action-title");
    if (second) { second.classList.add("small"); }
    return el("li", {className: "list-group-item action-item" + (highlighted ? " highlighted" : ""), "data-action-id": a.id[row]}, [
      el("div", {}, [
        el("span", {className: "text-muted me-2"}, data.dateLabels[row]),
        typeBadge(data, type, data.vocab.types[c.type[row]][1]),
        el("span", {className: "badge " + VERIFICATION_CLASS[verification]}, t("panel.badge." + verification)),
        isNew(data, row) ? el("span", {className: "badge badge-new ms-1", title: t("panel.badge.new_title", {version: data.version})},
          t("panel.badge.new")) : null,
      ]),
      first, second,
      el("div", {className: "small text-muted"}, [el("span", {className: FIELD}, a.issuer[row]), " · ", where]),
      el("div", {className: "small " + FIELD}, a.summary[row]),
      el("div", {className: "small"}, [t("panel.source"), source,
        atlas.cite ? atlas.cite.actionButton(data, a.id[row], first.textContent) : null]),
    ].concat(moreSources(data, row)));
  }

  function newestFirst(rows) { return rows.slice().reverse(); }

  function timelineLegend(data, rows) {
    const seen = new Set(rows.map(function (r) { return data.codes.type[r]; }));
    const chips = data.vocab.types.filter(function (_, i) { return seen.has(i); }).map(function (p) {
      return el("span", {className: "legend-chip me-2"}, [
        el("span", {className: "legend-dot", style: {backgroundColor: data.encodings.typeColors[p[0]]}}), p[1],
      ]);
    });
    return chips.length ? el("div", {className: "small mb-2", id: "timeline-legend"},
      [el("span", {className: "fw-semibold me-2"}, translator(data)("panel.kinds") + ":")].concat(chips)) : null;
  }

  function everInData(data, r) {
    for (let i = 0; i < data.n; i++) { if (data.codes.region[i] === r) { return true; } }
    return false;
  }

  /* A region with no action says whether, and when, sources were searched for it. */
  function coverageNote(data, r) {
    const t = translator(data);
    const cov = data.coverage || {searched_on: [], sources: []};
    const date = cov.searched_on[r];
    if (!date) { return el("p", {className: "small", id: "panel-coverage"}, t("panel.never")); }
    return el("div", {className: "small mb-2", id: "panel-coverage"}, [
      el("p", {className: "mb-1"}, t("panel.never_searched", {date: date})),
      el("details", {}, [el("summary", {}, t("panel.sources_searched")), el("p", {className: "text-muted"}, cov.sources[r])]),
    ]);
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

  /* What a list is of, apart from the window: a list redrawn under the same key keeps its pages. */
  function listKey(data, state) {
    return JSON.stringify([data.version, data.n, state.region, state.locality, state.zoom, state.countries, state.levels, state.types,
      state.verification, state.search]);
  }

  /* The region's printable dossier (components/dossier.py) speaks of the bundled dataset only: none for your own data. */
  function dossierLink(data, regionId) {
    if (String(data.version).indexOf("own-") === 0) { return null; }
    const t = translator(data);
    return el("a", {id: "panel-dossier", className: "btn btn-outline-primary btn-sm mb-2", target: "_blank",
      rel: "noopener", title: t("panel.dossier_title"),
      href: "/dossier/" + encodeURIComponent(regionId) + "?lang=" + encodeURIComponent(data.lang)}, t("panel.dossier"));
  }

  /* The panel narrowed to a place of the cities layer (a click on its point), and the way back to the region. */
  function localityNote(data, place, n, regionName) {
    const t = translator(data);
    const button = el("button", {type: "button", className: "btn btn-link btn-sm p-0 ms-2", id: "panel-locality-clear"},
      t("panel.locality_clear", {region: regionName}));
    button.addEventListener("click", function () { window.dash_clientside.set_props("selected-locality", {data: null}); });
    return el("p", {className: "small mb-1", id: "panel-locality"}, [
      el("span", {className: "fw-semibold"}, t("panel.locality", {locality: data.localities.name[place], n: n})), button]);
  }

  function regionPanel(data, computed, regionId) {
    const t = translator(data), state = computed.state;
    const r = data.regionIndex.get(regionId), reg = data.regions;
    const country = data.vocab.countries[reg.country[r]];
    const place = state.locality && data.localities ? data.localities.id.indexOf(state.locality) : -1;
    const rows = newestFirst(atlas.view.matchingRows(data, state, computed.actions, {byRegion: true}).filter(function (row) {
      return place < 0 || data.localities.place[row] === place;
    }));
    const national = nationalContext(data, computed, [country[0]]);
    const everRows = [];
    for (let i = 0; i < data.n; i++) { if (computed.actions.bits[i] === 0 && data.codes.region[i] === r) { everRows.push(i); } }
    const highlightedRow = data.actionIndex.get(state.action);
    const title = reg.name[r] === reg.name_local[r] ? [reg.name[r]]
      : [reg.name[r], " ", el("span", {lang: LANG[country[0]]}, reg.name_local[r])];
    const list = rows.length
      ? atlas.pager.paged("ul", {id: "action-list", className: "list-group list-group-flush"}, rows, function (row) {
        return actionItem(data, row, row === highlightedRow);
      }, listKey(data, state), t, rows.indexOf(highlightedRow) + 1)
      : [el("ul", {id: "action-list", className: "list-group list-group-flush"},
        el("li", {className: "list-group-item text-muted"}, t("panel.none")))];
    const body = [
      place >= 0 ? localityNote(data, place, rows.length, reg.name[r]) : null,
      el("p", {className: "small text-muted mb-1", id: "panel-count"},
        t("panel.count", {n: rows.length, country: country[1], type: reg.type_label[r]})),
      dossierLink(data, regionId),
      !rows.length && !everInData(data, r) ? coverageNote(data, r) : null,
      timelineLegend(data, everRows.concat(national)),
    ].concat(list);
    const timeline = function () {
      return [{label: t("panel.this_region"), rows: everRows, symbol: "circle"},
        {label: t("panel.national", {country: country[1]}), rows: national, symbol: "diamond"}];
    };
    return {title: title, body: body, timeline: timeline};
  }

  function leaderName(data, r) {
    const reg = data.regions;
    return reg.name[r] === reg.name_local[r] ? reg.name[r]
      : atlas.format.t(data.messages, "format.parenthetical", {text: reg.name[r], note: reg.name_local[r]});
  }

  function overviewPanel(data, computed) {
    const t = translator(data), state = computed.state;
    const names = {};
    data.vocab.countries.forEach(function (p) { names[p[0]] = p[1]; });
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
    const latest = newestFirst(rows).slice(0, 6);
    const national = nationalContext(data, computed, shown);
    const body = [
      el("table", {className: "table table-sm small", id: "overview-totals"}, [
        el("thead", {}, el("tr", {}, ["panel.th.country", "panel.th.national", "panel.th.sub_national", "panel.th.regions"]
          .map(function (k) { return el("th", {scope: "col"}, t(k)); }))),
        el("tbody", {}, totals.map(function (row) {
          return el("tr", {}, [el("th", {scope: "row"}, names[row.code]), el("td", {}, row.national),
            el("td", {}, row.sub), el("td", {}, row.regions)]);
        })),
      ]),
      timelineLegend(data, national),
      el("h3", {className: "h6"}, t("panel.leading")),
      el("ol", {className: "small", id: "leading-regions"}, leaders.map(function (entry) {
        return el("li", {}, t("panel.leading_item", {region: leaderName(data, entry[0]), n: atlas.format.number(entry[1], data.numberSymbols)}));
      })),
      el("h3", {className: "h6"}, t("panel.latest")),
      el("ul", {className: "list-group list-group-flush", id: "action-list"},
        latest.map(function (row) { return actionItem(data, row, false); })),
    ];
    const timeline = function () {
      return shown.map(function (code) {
        const ci = codes.indexOf(code);
        return {label: t("panel.national", {country: names[code]}), symbol: "diamond",
          rows: national.filter(function (row) { return data.codes.country[row] === ci; })};
      });
    };
    return {title: t("panel.overview", {countries: atlas.format.list(shown.map(function (c) { return names[c]; }), data.listPatterns)}),
      body: body, timeline: timeline};
  }

  /* The action a keyboard user is on, found again after a redraw (Play redraws under them). */
  function focusedAction(body) {
    const active = document.activeElement;
    const item = active && body.contains(active) && active.closest("[data-action-id]");
    return item ? {id: item.dataset.actionId, link: active.tagName === "A"} : null;
  }

  function refocus(body, was) {
    if (!was) { return; }
    const item = body.querySelector('[data-action-id="' + CSS.escape(was.id) + '"]');
    const target = item && (was.link ? item.querySelector("a") : item);
    if (target) { target.focus({preventScroll: true}); }
  }

  const shown = {data: null, state: null, action: null};

  /* The timeline's markers (a Plotly.react, the panel's costliest part) are drawn once the title,
     counts and list are on screen: a frame is painted first, then the newest waiting timeline is
     drawn. When only the view's window moved, its band is moved at once (Play's ticks). */
  const pendingTimeline = {args: null};
  function timelineAfterPaint(data, actions, entries, action, key) {
    const holder = document.getElementById("timeline");
    if (atlas.timeline.shows(holder, key)) {
      pendingTimeline.args = null;
      atlas.timeline.draw(holder, data, actions, entries, action, key);
      return;
    }
    const waiting = pendingTimeline.args !== null;
    pendingTimeline.args = [data, actions, entries, action, key];
    if (waiting) { return; }
    atlas.dom.afterPaint(function () {
      const args = pendingTimeline.args;
      pendingTimeline.args = null;
      if (args) { atlas.timeline.draw.apply(null, [document.getElementById("timeline")].concat(args)); }
    });
  }

  /* Draw the panel of a drawn view (called by atlas.map after each draw, Play's ticks included). */
  function draw(data, state) {
    const titleBox = document.getElementById("panel-title"), body = document.getElementById("panel-body");
    if (!titleBox || !body || (shown.data === data && atlas.state.same(shown.state, state))) { return; }
    const computed = atlas.view.compute(data, state);
    const region = state.region && data.regionIndex.has(state.region) ? state.region : null;
    const p = region ? regionPanel(data, computed, region) : overviewPanel(data, computed);
    const was = focusedAction(body);
    titleBox.replaceChildren.apply(titleBox, Array.isArray(p.title) ? p.title : [p.title]);
    body.replaceChildren.apply(body, p.body.filter(Boolean));
    refocus(body, was);
    timelineAfterPaint(data, computed.actions, p.timeline, state.action,
      JSON.stringify([listKey(data, state), state.action, state.countries]));
    if (state.action && state.action !== shown.action) {
      const item = body.querySelector('[data-action-id="' + CSS.escape(state.action) + '"]');
      if (item) { item.scrollIntoView({block: "nearest"}); }
    }
    shown.data = data; shown.state = state; shown.action = state.action;
  }

  /* A region just chosen (picker, map click, table row): its panel drawn at once from the view on
     screen, before Dash has passed the choice on to the sync. The sync then finds it drawn (the same
     view) or draws the view it settles on; the rules mirror the sync's (a new region drops the
     highlighted action and a place of another region). */
  function choose(regionId) {
    const data = shown.data, state = shown.state;
    if (!data || !state || !data.regionIndex.has(regionId) || state.region === regionId) { return; }
    const next = Object.assign({}, state, {region: regionId, action: null, locality: null});
    draw(data, next);
  }

  (atlas.drawn = atlas.drawn || []).push(draw);
  atlas.panel = {draw: draw, choose: choose, textOn: textOn, isNew: isNew};
})();
