/* The numbers of a view: which actions match, and what each region reads.
   Why in the browser: a slider step or filter toggle must redraw in well under 100 ms with no
   server. This is a line-for-line port of components/core/view/metrics.py, which stays the
   reference; tests/browser/test_parity.py compares the two on random views. One pass gives
   each action a bit per filter it fails; everything else reads those bits. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const KIND = {NEVER: 0, QUIET: 1, HIDDEN: 2, ACTED: 3, NO_PLAN: 4, CITY_PLAN: 5, OWN_PLAN: 6};
  const FACET_CODES = {countries: "country", levels: "level", types: "type", verification: "verification",
    novelty: "novelty"};
  /* Filters whose code column is a bit mask of several values per action (metrics.MULTI_VALUED). */
  const MULTI_VALUED = {topics: true};
  const memo = {data: null, key: null, value: null};

  function vocabCodes(data, name) { return data.vocab[name].map(function (p) { return p[0]; }); }

  function failBits(data, state) {
    const c = data.codes, bits = new Int32Array(data.n);
    data.vocab.filters.forEach(function (name) {
      if (MULTI_VALUED[name]) {
        const options = vocabCodes(data, name), chosen = state[name] || options;
        if (options.every(function (o) { return chosen.indexOf(o) >= 0; })) { return; }
        let mask = 0;
        options.forEach(function (o, j) { if (chosen.indexOf(o) >= 0) { mask |= 1 << j; } });
        const column = c[name], bit = data.bits[name];
        for (let i = 0; i < data.n; i++) { if ((column[i] & mask) === 0) { bits[i] |= bit; } }
        return;
      }
      const allowed = vocabCodes(data, name).map(function (code) { return state[name].indexOf(code) >= 0; });
      const column = c[FACET_CODES[name]], bit = data.bits[name];
      for (let i = 0; i < data.n; i++) { if (!allowed[column[i]]) { bits[i] |= bit; } }
    });
    const tokens = atlas.format.searchTokens(state.search);
    if (tokens.length) {
      const texts = atlas.data.searchText(data), bit = data.bits.search;
      for (let i = 0; i < data.n; i++) {
        const text = texts[i];
        if (!tokens.every(function (t) { return text.indexOf(t) >= 0; })) { bits[i] |= bit; }
      }
    }
    return bits;
  }

  function viewActions(data, state) {
    const range = atlas.state.monthRange(state, data.months);
    const month = data.codes.month, n = data.n;
    const uptoEnd = new Uint8Array(n), inWindow = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      uptoEnd[i] = month[i] <= range[1] ? 1 : 0;
      inWindow[i] = month[i] >= range[0] && month[i] <= range[1] ? 1 : 0;
    }
    return {bits: failBits(data, state), uptoEnd: uptoEnd, inWindow: inWindow, start: range[0], end: range[1]};
  }

  function passingAllBut(data, actions, name, i) {
    return (actions.bits[i] & ~data.bits[name]) === 0;
  }

  function regionView(data, state, actions) {
    const c = data.codes, n = data.n, R = data.regionCount;
    const provincial = vocabCodes(data, "levels").indexOf("provincial");
    const termination = vocabCodes(data, "types").indexOf("termination");
    const cumulative = new Int32Array(R), inWindow = new Int32Array(R), total = new Int32Array(R);
    const planInData = new Uint8Array(R), firstMonth = new Int32Array(R).fill(-1), latest = new Int32Array(R).fill(-1);
    const ended = new Int32Array(R).fill(-1);
    const ownRows = [], cityRows = [];
    for (let r = 0; r < R; r++) { ownRows.push([]); cityRows.push([]); }
    for (let i = 0; i < n; i++) {
      const r = c.region[i];
      if (r < 0 || !actions.uptoEnd[i]) { continue; }
      total[r]++;
      if (c.plan[i]) { planInData[r] = 1; }
      if (actions.bits[i] !== 0) { continue; }
      cumulative[r]++;
      if (actions.inWindow[i]) { inWindow[r]++; }
      if (firstMonth[r] < 0) { firstMonth[r] = c.month[i]; }
      latest[r] = i;
      if (c.type[i] === termination) { ended[r] = i; }
      if (c.plan[i]) { (c.level[i] === provincial ? ownRows : cityRows)[r].push(i); }
    }
    const kind = new Int32Array(R), value = new Float64Array(R), plans = [], hiddenBy = [];
    for (let r = 0; r < R; r++) {
      plans.push(ownRows[r].concat(cityRows[r]));
      let k = cumulative[r] > 0 ? KIND.ACTED : total[r] > 0 ? KIND.HIDDEN : KIND.NEVER;
      let v = cumulative[r];
      if (state.metric === "window") {
        if (k === KIND.ACTED && inWindow[r] === 0) { k = KIND.QUIET; }
        v = inWindow[r];
      } else if (state.metric === "first") {
        v = firstMonth[r];
      } else if (state.metric === "plan") {
        if (ownRows[r].length) { k = KIND.OWN_PLAN; }
        else if (cityRows[r].length) { k = KIND.CITY_PLAN; }
        else if (planInData[r]) { k = KIND.HIDDEN; }
        else if (k === KIND.ACTED) { k = KIND.NO_PLAN; }
        v = k === KIND.OWN_PLAN || k === KIND.CITY_PLAN ? 1 : NaN;
      }
      if (k === KIND.NEVER || k === KIND.QUIET || k === KIND.HIDDEN) { v = NaN; }
      kind[r] = k; value[r] = v;
      hiddenBy.push(k === KIND.HIDDEN ? hidingFilters(data, actions, r, state.metric === "plan" && planInData[r] === 1) : []);
    }
    return {kind: kind, value: value, cumulative: cumulative, inWindow: inWindow, firstMonth: firstMonth,
      hiddenBy: hiddenBy, latest: latest, plans: plans, ended: ended};
  }

  /* The filters that, each alone, hide some of the region's actions up to the end month. */
  function hidingFilters(data, actions, region, plansOnly) {
    const c = data.codes;
    let failing = 0;
    for (let i = 0; i < data.n; i++) {
      if (c.region[i] === region && actions.uptoEnd[i] && (!plansOnly || c.plan[i])) { failing |= actions.bits[i]; }
    }
    return Object.keys(data.bits).filter(function (name) { return failing & data.bits[name]; });
  }

  /* Per region, matching actions over the whole timeline (the reference for fixed count classes). */
  function matchingPerRegion(data, actions) {
    const counts = new Int32Array(data.regionCount), region = data.codes.region;
    for (let i = 0; i < data.n; i++) { if (actions.bits[i] === 0 && region[i] >= 0) { counts[region[i]]++; } }
    return counts;
  }

  function facetCounts(data, actions) {
    const counts = {};
    data.vocab.filters.forEach(function (name) {
      const options = vocabCodes(data, name), tally = new Array(options.length).fill(0);
      const multi = MULTI_VALUED[name], column = data.codes[multi ? name : FACET_CODES[name]];
      for (let i = 0; i < data.n; i++) {
        if (!actions.inWindow[i] || !passingAllBut(data, actions, name, i)) { continue; }
        if (!multi) { tally[column[i]]++; continue; }
        for (let j = 0; j < options.length; j++) { if ((column[i] >> j) & 1) { tally[j]++; } }
      }
      counts[name] = {};
      options.forEach(function (option, j) { counts[name][option] = tally[j]; });
    });
    return counts;
  }

  /* Rows of the actions a view lists (every filter, the window; optionally the selected region). */
  function matchingRows(data, state, actions, options) {
    const opts = options || {};
    const national = vocabCodes(data, "levels").indexOf("national");
    const region = opts.byRegion && state.region ? data.regionIndex.get(state.region) : null;
    const rows = [];
    for (let i = 0; i < data.n; i++) {
      if (actions.bits[i] !== 0 || !actions.inWindow[i]) { continue; }
      if (opts.excludeNational && data.codes.level[i] === national) { continue; }
      if (region !== null && region !== undefined && data.codes.region[i] !== region) { continue; }
      rows.push(i);
    }
    return rows;
  }

  function countriesInView(data, state) {
    return vocabCodes(data, "countries").filter(function (c) {
      return state.countries.indexOf(c) >= 0 && (state.zoom === "all" || state.zoom === c);
    });
  }

  function readoutCounts(data, state, view) {
    const countryCodes = vocabCodes(data, "countries");
    return countriesInView(data, state).map(function (code) {
      const row = {country: code, total: 0, acted: 0, quiet: 0, hidden: 0, own_plan: 0, city_plan: 0};
      const ci = countryCodes.indexOf(code);
      for (let r = 0; r < data.regionCount; r++) {
        if (data.regions.country[r] !== ci) { continue; }
        const k = view.kind[r];
        row.total++;
        if (k === KIND.ACTED || k === KIND.NO_PLAN || k === KIND.CITY_PLAN || k === KIND.OWN_PLAN) { row.acted++; }
        if (k === KIND.QUIET) { row.quiet++; }
        if (k === KIND.HIDDEN) { row.hidden++; }
        if (k === KIND.OWN_PLAN) { row.own_plan++; }
        if (k === KIND.CITY_PLAN) { row.city_plan++; }
      }
      return row;
    });
  }

  /* The regions the map names (metrics.top_regions): leaders by the map's measure, ties by region id. */
  function topRegions(view, metric, n) {
    if (!(n > 0)) { return []; }
    const shown = [];
    for (let r = 0; r < view.kind.length; r++) {
      const k = view.kind[r];
      if (k === KIND.ACTED || k === KIND.NO_PLAN || k === KIND.CITY_PLAN || k === KIND.OWN_PLAN) { shown.push(r); }
    }
    const planRank = function (k) { return k === KIND.OWN_PLAN ? 0 : k === KIND.CITY_PLAN ? 1 : 2; };
    const key = function (r) {
      if (metric === "window") { return [-view.inWindow[r], r]; }
      if (metric === "first") { return [view.firstMonth[r], r]; }
      if (metric === "plan") { return [planRank(view.kind[r]), -view.cumulative[r], r]; }
      return [-view.cumulative[r], r];
    };
    shown.sort(function (a, b) {
      const x = key(a), y = key(b);
      for (let i = 0; i < x.length; i++) { if (x[i] !== y[i]) { return x[i] - y[i]; } }
      return 0;
    });
    return shown.slice(0, n);
  }

  /* Everything one view needs, computed once per (dataset, view) and shared by every panel. */
  function compute(data, state) {
    const key = JSON.stringify(state);
    if (memo.data === data && memo.key === key) { return memo.value; }
    const actions = viewActions(data, state);
    const view = regionView(data, state, actions);
    const value = {state: state, actions: actions, view: view};
    memo.data = data; memo.key = key; memo.value = value;
    return value;
  }

  atlas.view = {
    KIND: KIND, compute: compute, facetCounts: facetCounts, matchingRows: matchingRows,
    matchingPerRegion: matchingPerRegion, readoutCounts: readoutCounts, countriesInView: countriesInView,
    vocabCodes: vocabCodes, topRegions: topRegions,
  };
})();
