/* The view state in the browser: defaults, the URL query string both ways, and the controls.
   Why in the browser: the URL and the controls must follow each other on every step without a
   server round trip. These are the rules of components/core/view/state.py (ViewState.from_query /
   to_query); the parity test parses and writes the same links on both sides. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const FIELDS = ["start", "end", "countries", "levels", "types", "verification", "novelty", "metric", "region", "zoom",
    "present", "search", "rescale", "action", "tab", "labels", "topics", "cities", "locality", "compare", "changes"];
  const FLAGS = ["present", "rescale", "cities", "changes"];
  const MAX_SEARCH = 200;
  const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

  function codes(pairs) { return pairs.map(function (p) { return p[0]; }); }

  function defaults(data) {
    return {
      start: data.months[0], end: data.collectedTo || data.months[data.months.length - 1],
      countries: codes(data.vocab.countries), levels: codes(data.vocab.levels), types: codes(data.vocab.types),
      verification: codes(data.vocab.verification), novelty: codes(data.vocab.novelty), metric: "cumulative", region: null, zoom: "all",
      present: false, search: "", rescale: false, action: null, tab: data.vocab.tabs[0], labels: 0,
      topics: codes(data.vocab.topics),
      cities: false, locality: null, compare: null, changes: false,
    };
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* Python's urlencode: spaces as +, and the same safe characters. */
  function encodeValue(value) {
    return encodeURIComponent(value).replace(/%20/g, "+").replace(/[!'()*~]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  /* Python's unquote_plus: lenient with stray %, bad UTF-8 becomes U+FFFD. */
  function decodeValue(value) {
    const text = value.replace(/\+/g, " ");
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, function (run) {
      const bytes = Uint8Array.from(run.slice(1).split("%"), function (h) { return parseInt(h, 16); });
      return new TextDecoder("utf-8").decode(bytes);
    });
  }

  function toQuery(state, base) {
    const parts = [];
    FIELDS.forEach(function (name) {
      const value = state[name];
      if (same(value, base[name])) { return; }
      let text;
      if (typeof value === "boolean") { text = value ? "1" : "0"; }
      else if (Array.isArray(value)) { text = value.length ? value.join(",") : "none"; }
      else if (value === null || value === undefined) { return; }
      else { text = String(value); }
      parts.push(name + "=" + encodeValue(text));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function fromQuery(search, data, base) {
    const query = {};
    (search || "").replace(/^\?/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      const eq = part.indexOf("=");
      const key = decodeValue(eq < 0 ? part : part.slice(0, eq));
      const value = decodeValue(eq < 0 ? "" : part.slice(eq + 1));
      query[key] = value;
    });
    const has = function (name) { return Object.prototype.hasOwnProperty.call(query, name); };
    const many = function (name, allowed) {
      if (!has(name)) { return base[name]; }
      if (query[name] === "none") { return []; }
      const chosen = query[name].split(",");
      return allowed.filter(function (v) { return chosen.indexOf(v) >= 0; });
    };
    const month = function (name) {
      const raw = query[name];
      return has(name) && MONTH.test(raw) && data.months.indexOf(raw) >= 0 ? raw : base[name];
    };
    const member = function (name, allowed) {
      const raw = query[name];
      return has(name) && raw && (!allowed || allowed.has(raw)) ? raw : base[name];
    };
    const count = function (name, allowed) {
      return has(name) && allowed.map(String).indexOf(query[name]) >= 0 ? Number(query[name]) : base[name];
    };
    const flag = function (name) { return has(name) ? query[name] === "1" : base[name]; };
    const region = member("region", data.regionIndex);
    /* A place of the cities layer is kept only with its own region selected (ViewState.from_query). */
    const places = data.localities ? data.localities.id : [];
    let locality = member("locality", new Set(places));
    if (locality !== null && locality !== undefined) {
      const p = places.indexOf(locality);
      if (data.regions.id[data.localities.region[p]] !== region) { locality = base.locality; }
    }
    return {
      start: month("start"), end: month("end"),
      countries: many("countries", codes(data.vocab.countries)), levels: many("levels", codes(data.vocab.levels)),
      types: many("types", codes(data.vocab.types)), verification: many("verification", codes(data.vocab.verification)),
      novelty: many("novelty", codes(data.vocab.novelty)),
      topics: many("topics", codes(data.vocab.topics)),
      metric: member("metric", new Set(codes(data.vocab.metrics))),
      region: region,
      zoom: member("zoom", new Set(codes(data.vocab.zooms))),
      present: flag("present"),
      search: Array.from((has("search") && query.search) || base.search).slice(0, MAX_SEARCH).join(""),
      rescale: flag("rescale"),
      action: member("action", data.actionIndex),
      tab: member("tab", new Set(data.vocab.tabs)),
      labels: count("labels", data.vocab.labels),
      cities: flag("cities"), locality: locality === undefined ? null : locality, compare: month("compare"),
      changes: flag("changes"),
    };
  }

  /* Indices of the window on the month axis, ordered and clamped (ViewState.month_range). */
  function monthRange(state, months) {
    const at = function (label, fallback) { const i = months.indexOf(label); return i < 0 ? fallback : i; };
    const start = at(state.start, 0), end = at(state.end, months.length - 1);
    return [Math.min(start, end), Math.max(start, end)];
  }

  function filtersActive(state, data) {
    const base = defaults(data);
    return Boolean(state.search.trim()) || data.vocab.filters.some(function (name) { return !same(state[name], base[name]); });
  }

  atlas.state = {
    FIELDS: FIELDS, FLAGS: FLAGS, defaults: defaults, toQuery: toQuery, fromQuery: fromQuery,
    monthRange: monthRange, filtersActive: filtersActive, same: same,
  };
})();
