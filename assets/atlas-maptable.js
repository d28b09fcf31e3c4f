/* The map as a table (components/panels/map_table.py): one row per region with the value the map
   shows, sortable, each region's name a button that selects it as a click on the map does.
   Why in the browser: it follows every view change (slider, play, filters) as the map does, from
   the payload, with no server round trip, while it is open. Its rows are those of components/core/map_table.py
   (the parity test compares them); React renders every cell as text. */
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
    const h = atlas.panel.h, state = computed.state;
    const t = function (k, p) { return atlas.format.t(data.messages, k, p); };
    const encoding = atlas.encodings.mapEncoding(data, computed);
    const headers = {name: t("a11y.table.name"), country: t("a11y.table.country"),
      value: t("legend." + state.metric), shown: t("a11y.table.shown")};
    const head = h("Tr", {}, COLUMNS.map(function (key) {
      const active = sort && sort.key === key;
      const props = {scope: "col", key: key};
      if (active) { props["aria-sort"] = sort.descending ? "descending" : "ascending"; }
      return h("Th", props, h("Button", {type: "button", className: "btn btn-link btn-sm p-0 sort-button",
        "data-sort": key}, headers[key]));
    }));
    const body = sorted(rows(data, computed, encoding), sort).map(function (row) {
      const selected = row.region === state.region;
      return h("Tr", Object.assign({key: row.region, className: selected ? "table-active" : ""},
        selected ? {"aria-current": "true"} : {}), [
        h("Th", {scope: "row"}, h("Button", {type: "button", className: "btn btn-link btn-sm p-0 text-start",
          "data-region": row.region}, row.name)),
        h("Td", {}, row.country), h("Td", {className: "value-cell"}, row.value), h("Td", {}, row.shown),
      ]);
    });
    return h("Table", {className: "table table-sm small mb-0 map-table"}, [
      h("Caption", {}, t("a11y.table.caption", {title: encoding.title})),
      h("Thead", {}, head), h("Tbody", {}, body),
    ]);
  }

  /* Dash re-creates the table's elements when it redraws it: keep the keyboard user's place. */
  function keepFocus(selector, tries) {
    const lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
    const target = document.querySelector("#map-table " + selector);
    if (lost && target) { target.focus(); }
    if (tries > 0) { window.setTimeout(function () { keepFocus(selector, tries - 1); }, 50); }
  }

  function onClick(event) {
    const button = event.target.closest && event.target.closest("#map-table button");
    if (!button) { return; }
    const set = window.dash_clientside.set_props;
    if (button.dataset.region) {
      set("selected-region", {data: button.dataset.region});
      keepFocus("[data-region='" + button.dataset.region + "']", 30);
      return;
    }
    const th = button.closest("th");
    const ascending = th.getAttribute("aria-sort") === "ascending";
    set("map-table-sort", {data: {key: button.dataset.sort, descending: ascending}});
    keepFocus("[data-sort='" + button.dataset.sort + "']", 30);
  }

  document.addEventListener("click", onClick);
  /* Drawn only while open (a closed table costs a play step nothing); opening it draws the current view. */
  let lastSort = null;
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "map-table-details" && event.target.open) {
      window.dash_clientside.set_props("map-table-sort", {data: Object.assign({}, lastSort)});
    }
  }, true);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlasMapTable: {
      render: function (view, token, sort) {
        lastSort = sort;
        const data = atlas.data.get(token), details = document.getElementById("map-table-details");
        if (!data || !view || !(details && details.open)) { return window.dash_clientside.no_update; }
        return table(data, atlas.view.compute(data, view), sort);
      },
    },
  });
  atlas.mapTable = {rows: rows, sorted: sorted, table: table};
})();
