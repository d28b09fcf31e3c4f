/* The map as a table (components/panels/map_table.py): one row per region with the value the map
   shows, sortable, each region's name a button that selects it as a click on the map does.
   Why in the browser: it follows every view change (slider, filters) as the map does, from the
   payload, drawn straight into #map-table after each map draw while it is open (no callback, no
   Dash renderer pass over 700 rows). Its rows are those of components/core/view/map_table.py (the
   parity test compares them); every cell is a text node. All rows are drawn: their number is
   the regions', fixed by the geography, not the data's. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const COLUMNS = ["name", "country", "value", "shown"];

  function valueOf(data, computed, r, shown) {
    const metric = computed.state.metric, view = computed.view;
    if (metric === "cumulative") { return {text: String(view.cumulative[r]), key: view.cumulative[r]}; }
    if (metric === "window") { return {text: String(view.inWindow[r]), key: view.inWindow[r]}; }
    if (metric === "first") {
      const first = view.firstMonth[r];
      return first >= 0 ? {text: data.months[first], key: first} : {text: "", key: Infinity};
    }
    return {text: shown.label, key: shown.index};
  }

  function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* Every region, by country (payload order) then English name: the order of map_table_rows. */
  function rows(data, computed, encoding) {
    const regions = data.regions, out = [];
    for (let r = 0; r < data.regionCount; r++) {
      const category = encoding.category[r];
      const shown = {label: encoding.entries[category].label, index: category};
      const value = valueOf(data, computed, r, shown);
      out.push({region: regions.id[r], name: regions.name_en[r], countryIndex: regions.country[r],
        country: data.vocab.countries[regions.country[r]][1], value: value.text, valueKey: value.key,
        shown: shown.label, shownKey: category});
    }
    return out.sort(function (a, b) { return a.countryIndex - b.countryIndex || compareText(a.name, b.name); });
  }

  function sorted(list, sort) {
    if (!sort || COLUMNS.indexOf(sort.key) < 0) { return list; }
    const keyOf = {
      name: function (row) { return row.name; }, country: function (row) { return row.countryIndex; },
      value: function (row) { return row.valueKey; }, shown: function (row) { return row.shownKey; },
    }[sort.key];
    const sign = sort.descending ? -1 : 1;
    return list.map(function (row, i) { return [row, i]; }).sort(function (a, b) {
      const x = keyOf(a[0]), y = keyOf(b[0]);
      const order = typeof x === "string" ? compareText(x, y) : x - y;
      return order ? sign * order : a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
  }

  function table(data, computed, sort) {
    const el = atlas.dom.el, state = computed.state;
    const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const encoding = atlas.encodings.mapEncoding(data, computed);
    const headers = {name: t("a11y.table.name"), country: t("a11y.table.country"),
      value: t("legend." + state.metric), shown: t("a11y.table.shown")};
    const head = el("tr", {}, COLUMNS.map(function (key) {
      const active = sort && sort.key === key;
      return el("th", {scope: "col", "aria-sort": active ? (sort.descending ? "descending" : "ascending") : null},
        el("button", {type: "button", className: "btn btn-link btn-sm p-0 sort-button", "data-sort": key}, headers[key]));
    }));
    const body = sorted(rows(data, computed, encoding), sort).map(function (row) {
      const selected = row.region === state.region;
      return el("tr", {className: selected ? "table-active" : null, "aria-current": selected ? "true" : null}, [
        el("th", {scope: "row"}, el("button", {type: "button", className: "btn btn-link btn-sm p-0 text-start",
          "data-region": row.region}, row.name)),
        el("td", {}, row.country), el("td", {className: "value-cell"}, row.value), el("td", {}, row.shown),
      ]);
    });
    return el("table", {className: "table table-sm small mb-0 map-table"}, [
      el("caption", {}, t("a11y.table.caption", {title: encoding.title})),
      el("thead", {}, head), el("tbody", {}, body),
    ]);
  }

  /* The sort the reader chose (a column, which way) and the view last drawn. */
  const shown = {sort: null, data: null, state: null};

  /* Draw the table of the drawn view while it is open (a closed table costs a view change
     nothing, and during Play it rests); the keyboard user's place is kept across the redraw. */
  function draw(data, state, playing) {
    shown.data = data; shown.state = state;
    const box = document.getElementById("map-table"), details = document.getElementById("map-table-details");
    if (playing || !box || !details || !details.open) { return; }
    const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement : null;
    const place = active && (active.dataset.region ? "[data-region='" + active.dataset.region + "']"
      : active.dataset.sort ? "[data-sort='" + active.dataset.sort + "']" : null);
    box.replaceChildren(table(data, atlas.view.compute(data, state), shown.sort));
    const again = place && box.querySelector(place);
    if (again) { again.focus({preventScroll: true}); }
  }

  function redraw() { if (shown.data) { draw(shown.data, shown.state, false); } }

  function onClick(event) {
    const button = event.target.closest && event.target.closest("#map-table button");
    if (!button) { return; }
    if (button.dataset.region) {
      window.dash_clientside.set_props("selected-region", {data: button.dataset.region});
      return;
    }
    const ascending = button.closest("th").getAttribute("aria-sort") === "ascending";
    shown.sort = {key: button.dataset.sort, descending: ascending};
    redraw();
  }

  document.addEventListener("click", onClick);
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "map-table-details" && event.target.open) { redraw(); }
  }, true);
  (atlas.drawn = atlas.drawn || []).push(draw);
  atlas.mapTable = {rows: rows, sorted: sorted, table: table};
})();
