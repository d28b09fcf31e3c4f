/* The linked table in the browser: rows sent once, the view applied as AG Grid's external filter.
   Why in the browser: re-sending rowData on every step cost 124 KB (12 MB at 100x the data).
   The rows are built once from the payload; each view only marks which rows pass (the same
   rows as components/core/view/metrics.table_actions) and asks the grid to filter again. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const GRID_ID = "actions-table";
  const state = {visible: null, data: null, present: false, rowsFor: null};

  function rows(data) {
    const a = data.actions, c = data.codes, reg = data.regions;
    const rank = {year: 0, month: 1, day: 2};
    const t = function (k) { return atlas.format.t(data.messages, k); };
    return a.id.map(function (id, i) {
      const r = c.region[i], precision = data.vocab.precision[c.precision[i]];
      return {
        i: i, action_id: id, date_label: data.dateLabels[i], date_sort: a.date[i] + "#" + rank[precision],
        country: data.vocab.countries[c.country[i]][0], region_id: r >= 0 ? reg.id[r] : "",
        region_name: r >= 0 ? reg.name[r] : atlas.format.t(data.messages, "table.national"), locality: a.locality[i],
        level: t("table.level." + data.vocab.levels[c.level[i]][0]), type_label: data.vocab.types[c.type[i]][1],
        title: a.title[i], issuer: a.issuer[i], verification: t("panel.badge." + data.vocab.verification[c.verification[i]][0]),
        source_url: a.source_url[i],
      };
    });
  }

  /* Mark the view's rows and refilter the grid; returns how many rows pass. The grid may mount
     after the view (when scrolled near), so mount() refilters too. */
  function apply(data, computed) {
    const passing = atlas.view.matchingRows(data, computed.state, computed.actions, {byRegion: true});
    const visible = new Uint8Array(data.n);
    passing.forEach(function (i) { visible[i] = 1; });
    state.visible = visible;
    state.data = data;
    refilter();
    return passing.length;
  }

  /* Give the grid its rows the first time it exists, and ask it to filter again. */
  function refilter() {
    const data = state.data;
    if (!data || !window.dash_ag_grid || !window.dash_ag_grid.getApiAsync) { return; }
    window.dash_ag_grid.getApiAsync(GRID_ID).then(function (api) {
      if (state.rowsFor !== data) {
        state.rowsFor = data;
        window.dash_clientside.set_props(GRID_ID, {rowData: rows(data)});
      }
      if (!state.present) {
        api.setGridOption("isExternalFilterPresent", function () { return true; });
        api.setGridOption("doesExternalFilterPass", function (node) { return state.visible ? state.visible[node.data.i] === 1 : true; });
        state.present = true;
      }
      api.onFilterChanged();
    }).catch(function () { /* the grid is not on this page */ });
  }

  /* Put the grid into its slot once the slot comes within 300 px of the viewport, after loading
     AG Grid's bundle (atlas.onDemand: the page does not load it up front). */
  function mount(spec, slotId) {
    const slot = document.getElementById(slotId);
    const put = function () {
      atlas.onDemand.load("dash_ag_grid").then(function () {
        window.dash_clientside.set_props(slotId, {children: spec});
        refilter();
      }, function (error) { console.warn(error.message); });
    };
    if (!slot || !window.IntersectionObserver) { put(); return; }
    const observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        put();
      }
    }, {rootMargin: "300px"});
    observer.observe(slot);
  }

  atlas.table = {rows: rows, apply: apply, mount: mount, GRID_ID: GRID_ID};
})();
