/* The dataset, once: fetch the compact payload, decode it and keep it for the page's life.
   Why in the browser: every view is computed here, so the data must be here; it is fetched
   once from a content-hashed URL (cached by the browser) or handed over inline (an uploaded
   file), never re-sent with a view. Python (components/core/view/payload.py) writes the format. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const cache = new Map();

  function decode(raw) {
    const a = raw.actions;
    const n = a.id.length;
    const data = Object.assign({}, raw, {
      n: n,
      codes: {
        month: Int32Array.from(a.month),
        country: Int32Array.from(a.country),
        level: Int32Array.from(a.level),
        region: Int32Array.from(a.region),
        type: Int32Array.from(a.type),
        verification: Int32Array.from(a.verification),
        precision: Int32Array.from(a.precision),
        plan: Uint8Array.from(a.plan),
        novelty: Int32Array.from(a.novelty),
        topics: Int32Array.from(a.topics),
      },
      regionCount: raw.regions.id.length,
      regionIndex: new Map(raw.regions.id.map(function (id, i) { return [id, i]; })),
      actionIndex: new Map(a.id.map(function (id, i) { return [id, i]; })),
      dateLabels: a.date.map(function (date, i) {
        return atlas.format.dateLabel(date, raw.vocab.precision[a.precision[i]], raw.dateTemplates);
      }),
      monthNames: raw.months.map(function (month) { return atlas.format.monthLabel(month, raw.dateTemplates); }),
      searchText: null,
    });
    return data;
  }

  /* The normalised text a search looks in, built on the first search (same rule as Python). */
  function searchText(data) {
    if (!data.searchText) {
      const a = data.actions, r = data.regions;
      const fields = ["title", "title_original", "issuer", "locality", "summary", "source_name", "tags"];
      data.searchText = a.id.map(function (_, i) {
        const region = data.codes.region[i];
        const names = region >= 0 ? r.name_en[region] + " " + r.name_local[region] : "";
        return atlas.format.normalise(fields.map(function (f) { return a[f][i]; }).join("\n") + "\n" + names);
      });
    }
    return data.searchText;
  }

  function load(source) {
    if (!source) { return Promise.resolve(null); }
    const key = source.key;
    if (!cache.has(key)) {
      const raw = source.inline ? Promise.resolve(source.inline)
        : fetch(source.url, {credentials: "same-origin"}).then(function (response) {
          if (!response.ok) { throw new Error("could not load the dataset: HTTP " + response.status); }
          return response.json();
        });
      cache.set(key, raw.then(decode));
    }
    return cache.get(key);
  }

  atlas.data = {
    load: load,
    searchText: searchText,
    /* The decoded dataset behind a token produced by ``load`` (null until loaded). */
    get: function (token) { return token && cache.has(token.key) ? atlas.data._ready.get(token.key) || null : null; },
    _ready: new Map(),
    ready: function (source) {
      return load(source).then(function (data) {
        if (!data) { return null; }
        atlas.data._ready.set(source.key, data);
        return {key: source.key, n: data.n, version: data.version};
      });
    },
  };
})();
