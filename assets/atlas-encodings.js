/* Map classes in the browser: fixed, labelled bins and the three kinds of zero.
   Why in the browser: classes change with the filters and (when rescaled) with the frame, and
   must follow every step without a server. Port of components/core/view/encodings.py; the
   Fisher-Jenks routine is mapclassify's _fisher_jenks_means, step for step and in float32
   (Math.fround) as numpy computes it, so both sides pick the same breaks, ties included. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const f32 = Math.fround;

  /* mapclassify.classifiers._fisher_jenks_means(values sorted ascending, classes). */
  function fisherJenks(values, classes) {
    const n = values.length;
    const mat1 = [], mat2 = [];
    for (let i = 0; i <= n; i++) {
      mat1.push(new Int32Array(classes + 1));
      mat2.push(new Float32Array(classes + 1));
    }
    for (let j = 1; j <= classes; j++) { mat1[1][j] = 1; }
    for (let i = 2; i <= n; i++) { for (let j = 1; j <= classes; j++) { mat2[i][j] = Infinity; } }
    let v = 0;
    for (let l = 2; l <= n; l++) {
      let s1 = 0, s2 = 0, w = 0;
      for (let m = 1; m <= l; m++) {
        const i3 = l - m + 1;
        const val = f32(values[i3 - 1]);
        s2 = f32(s2 + f32(val * val));
        s1 = f32(s1 + val);
        w = f32(w + 1);
        v = f32(s2 - f32(f32(s1 * s1) / w));
        const i4 = i3 - 1;
        if (i4 !== 0) {
          for (let j = 2; j <= classes; j++) {
            const candidate = f32(v + mat2[i4][j - 1]);
            if (mat2[l][j] >= candidate) {
              mat1[l][j] = i3;
              mat2[l][j] = candidate;
            }
          }
        }
      }
      mat1[l][1] = 1;
      mat2[l][1] = v;
    }
    let k = n;
    const kclass = new Array(classes + 1).fill(0);
    kclass[classes] = values[n - 1];
    kclass[0] = values[0];
    for (let count = classes; count > 1; count--) {
      const pivot = mat1[k][count];
      kclass[count - 1] = values[pivot - 2];
      k = pivot - 1;
    }
    return kclass.slice(1);
  }

  function countBreaks(values, maxClasses) {
    const positive = Array.from(values).filter(function (x) { return x > 0; }).sort(function (a, b) { return a - b; });
    const unique = positive.filter(function (x, i) { return i === 0 || x !== positive[i - 1]; });
    const k = Math.min(maxClasses, unique.length);
    if (k === unique.length) { return unique; }
    return fisherJenks(positive, k).map(function (b) { return Math.trunc(b); });
  }

  function pickColours(palette, k) {
    if (k <= 0) { return []; }
    if (k === 1) { return [palette[Math.floor(palette.length / 2)]]; }
    const out = [];
    for (let i = 0; i < k; i++) { out.push(palette[Math.floor(i * (palette.length - 1) / (k - 1) + 0.5)]); }
    return out;
  }

  function classLabels(breaks) {
    let low = 1;
    return breaks.map(function (high) {
      const label = low === high ? String(high) : low + "–" + high;
      low = high + 1;
      return label;
    });
  }

  function yearClasses(months) {
    return Array.from(new Set(months.map(function (m) { return m.slice(0, 4); }))).sort();
  }

  function viewBreaks(data, computed) {
    const state = computed.state, view = computed.view, K = atlas.view.KIND;
    if (state.metric !== "cumulative" && state.metric !== "window") { return []; }
    const max = data.encodings.maxClasses;
    if (state.rescale) {
      const frame = [];
      for (let r = 0; r < data.regionCount; r++) { if (view.kind[r] === K.ACTED) { frame.push(view.value[r]); } }
      return countBreaks(frame, max);
    }
    return countBreaks(atlas.view.matchingPerRegion(data, computed.actions), max);
  }

  /* Legend entries (key, label, style) and, per region, the index of its entry. */
  function mapEncoding(data, computed) {
    const state = computed.state, view = computed.view, K = atlas.view.KIND, enc = data.encodings;
    const t = function (key, params) { return atlas.format.t(data.messages, key, params); };
    const months = data.months, start = computed.actions.start, end = computed.actions.end;
    const filtered = atlas.state.filtersActive(state, data);
    const zeroKinds = [K.NEVER].concat(state.metric === "window" ? [K.QUIET] : [], filtered ? [K.HIDDEN] : []);
    const zeroKeys = {}; zeroKeys[K.NEVER] = "never"; zeroKeys[K.QUIET] = "quiet"; zeroKeys[K.HIDDEN] = "hidden";
    const zeroLabels = {}; zeroLabels[K.NEVER] = t("kind.never", {end: data.monthNames[end]});
    zeroLabels[K.QUIET] = t("kind.quiet"); zeroLabels[K.HIDDEN] = t("kind.hidden");
    const entries = zeroKinds.map(function (k) {
      return {key: zeroKeys[k], label: zeroLabels[k], style: enc.kindStyles[zeroKeys[k]]};
    });
    const indexOfKind = {};
    zeroKinds.forEach(function (k, i) { indexOfKind[k] = i; });
    const category = new Array(data.regionCount).fill(-1);
    const base = entries.length;
    const edge = function (fill) { return {fill: fill, line: enc.edge.line, width: enc.edge.width, mark: false}; };
    const breaks = viewBreaks(data, computed);
    if (state.metric === "cumulative" || state.metric === "window") {
      const colours = pickColours(enc.countPalette, breaks.length);
      classLabels(breaks).forEach(function (label, i) { entries.push({key: "c" + i, label: label, style: edge(colours[i])}); });
      for (let r = 0; r < data.regionCount; r++) {
        if (view.kind[r] === K.ACTED) {
          let c = 0;
          while (view.value[r] > breaks[c]) { c++; }
          category[r] = base + c;
        } else { category[r] = indexOfKind[view.kind[r]]; }
      }
    } else if (state.metric === "first") {
      const years = yearClasses(months), colours = pickColours(enc.yearPalette, years.length);
      years.forEach(function (y, i) { entries.push({key: "y" + y, label: y, style: edge(colours[i])}); });
      for (let r = 0; r < data.regionCount; r++) {
        category[r] = view.kind[r] === K.ACTED ? base + years.indexOf(months[view.firstMonth[r]].slice(0, 4))
          : indexOfKind[view.kind[r]];
      }
    } else {
      const planKinds = [K.OWN_PLAN, K.CITY_PLAN, K.NO_PLAN], planKeys = ["own_plan", "city_plan", "no_plan"];
      planKeys.forEach(function (key) { entries.push({key: key, label: t("kind." + key), style: enc.kindStyles[key]}); });
      for (let r = 0; r < data.regionCount; r++) {
        const p = planKinds.indexOf(view.kind[r]);
        category[r] = p >= 0 ? base + p : indexOfKind[view.kind[r]];
      }
    }
    const rescaled = state.rescale && (state.metric === "cumulative" || state.metric === "window");
    const notes = (filtered ? [t("legend.filtered")] : []).concat(rescaled ? [t("legend.rescaled")] : []);
    return {
      title: t("title." + state.metric, {start: data.monthNames[start], end: data.monthNames[end]}),
      legendTitle: notes.length ? t("format.parenthetical", {text: t("legend." + state.metric), note: notes.join(t("format.note_separator"))})
        : t("legend." + state.metric),
      entries: entries, category: category, breaks: breaks,
    };
  }

  atlas.encodings = {fisherJenks: fisherJenks, countBreaks: countBreaks, pickColours: pickColours,
    classLabels: classLabels, mapEncoding: mapEncoding};
})();
