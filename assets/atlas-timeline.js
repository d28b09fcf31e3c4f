/* The panel's timeline: every action of the region (or the countries' national actions) as a
   dated marker, coloured by kind, with the view's window shaded.
   Why in the browser: it follows every view change, Play included. The engine owns its graph
   div and calls Plotly.react itself (no Dash figure prop, no renderer pass); when only the
   window moved it relayouts the shaded band alone. The axis spans the dataset's whole month
   axis (a little wider, so markers at either end are drawn whole), so the band always lies on it.
   Coinciding actions (same row, day and kind) share one marker that says how many. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const CONFIG = {displayModeBar: false, responsive: true};
  const drawn = {key: null, band: null};

  function monthAfter(month) {
    const year = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
    return m === 12 ? (year + 1) + "-01-01" : year + "-" + String(m + 1).padStart(2, "0") + "-01";
  }

  function days(iso) { return Date.parse(iso.slice(0, 10) + (iso.length === 4 ? "-01-01" : iso.length === 7 ? "-01" : "")); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  /* The shaded window, from the first day of its first month to the first day after its last. */
  function band(data, actions) {
    return [{type: "rect", xref: "x", yref: "paper", x0: data.months[actions.start] + "-01",
      x1: monthAfter(data.months[actions.end]), y0: 0, y1: 1,
      fillcolor: "rgba(13, 110, 253, 0.08)", line: {width: 0}, layer: "below"}];
  }

  /* The dataset's month axis and every marker on it, padded by 2% of the span on each side. */
  function xaxis(data, dates) {
    let first = days(data.months[0] + "-01"), last = days(monthAfter(data.months[data.months.length - 1]));
    dates.forEach(function (d) { const t = days(d); if (t < first) { first = t; } if (t > last) { last = t; } });
    const pad = (last - first) * 0.02;
    const years = (last - first) / (365.25 * 864e5);
    return {type: "date", range: [iso(first - pad), iso(last + pad)], tickformat: years >= 2 ? "%Y" : "%Y-%m",
      dtick: years >= 2 ? "M12" : "M3", ticklabelmode: "period", fixedrange: true};
  }

  /* Actions of a row on the same day and of the same kind draw the same marker: they become one
     marker whose hover names how many and the first titles (at 100x the data a region's row held
     thousands of coinciding markers, and Plotly's SVG spent seconds on them). */
  function markers(data, rows) {
    const a = data.actions, c = data.codes, groups = new Map();
    rows.forEach(function (r) {
      const key = a.date[r] + "|" + c.type[r];
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push(r);
    });
    return Array.from(groups.values());
  }

  function hover(data, group) {
    const a = data.actions, escape = atlas.format.hoverEscape, first = group[0];
    if (group.length === 1) { return escape(data.dateLabels[first] + " · " + a.title[first]); }
    const titles = group.slice(0, 3).map(function (r) { return escape(a.title[r]); });
    if (group.length > 3) { titles.push("…"); }
    return escape(data.dateLabels[first] + " · " + atlas.format.t(data.messages, "timeline.actions", {n: group.length}))
      + "<br>" + titles.join("<br>");
  }

  /* One row of markers per entry ({label, rows, symbol}); empty rows are left out. */
  function figure(data, entries, highlighted) {
    const a = data.actions, c = data.codes, traces = [], dates = [];
    const kind = function (r) { return data.vocab.types[c.type[r]][0]; };
    const lit = data.actionIndex.get(highlighted);
    entries.forEach(function (entry) {
      if (!entry.rows.length) { return; }
      const groups = markers(data, entry.rows);
      const x = groups.map(function (g) { return a.date[g[0]]; });
      Array.prototype.push.apply(dates, x);
      traces.push({
        type: "scatter", mode: "markers", name: entry.label, cliponaxis: false,
        x: x, y: groups.map(function () { return entry.label; }),
        customdata: groups.map(function (g) { return a.id[g.indexOf(lit) >= 0 ? lit : g[0]]; }),
        text: groups.map(function (g) { return hover(data, g); }),
        hovertemplate: "%{text}<extra></extra>",
        marker: {
          size: groups.map(function (g) { return g.indexOf(lit) >= 0 ? 16 : 10; }),
          symbol: groups.map(function (g) { return kind(g[0]) === "termination" ? "x" : entry.symbol; }),
          color: groups.map(function (g) { return data.encodings.typeColors[kind(g[0])]; }),
          line: {width: 1.5, color: "#333333"},
        },
      });
    });
    return {data: traces, layout: {
      height: traces.length > 1 ? 60 + 45 * traces.length : 120, margin: {l: 10, r: 10, t: 10, b: 30},
      showlegend: false, xaxis: xaxis(data, dates), plot_bgcolor: "#fafafa", clickmode: "event", autosize: true,
      yaxis: {categoryorder: "array", categoryarray: traces.map(function (tr) { return tr.name; }).reverse(),
        automargin: true, fixedrange: true},
    }};
  }

  function plotDiv(holder) {
    let gd = holder.querySelector(".timeline-plot");
    if (!gd) {
      gd = atlas.dom.el("div", {className: "timeline-plot"});
      holder.replaceChildren(gd);
    }
    return gd;
  }

  /* A click on a marker highlights its action (the view's ``action``), as the list's item. */
  function listen(gd) {
    if (gd.__atlasTimeline) { return; }
    gd.__atlasTimeline = true;
    gd.on("plotly_click", function (click) {
      const point = click && click.points && click.points[0];
      if (point && point.customdata) { window.dash_clientside.set_props("highlighted-action", {data: point.customdata}); }
    });
  }

  /* Draw the entries into the holder (#timeline); ``key`` names everything but the window. */
  function draw(holder, data, actions, entries, highlighted, key) {
    if (!window.Plotly || !holder) { return; }
    const gd = plotDiv(holder), shapes = band(data, actions);
    const bandKey = JSON.stringify(shapes);
    if (drawn.key === key && gd.data) {
      if (drawn.band !== bandKey) { window.Plotly.relayout(gd, {shapes: shapes}); }
    } else {
      const fig = figure(data, entries(), highlighted);
      fig.layout.shapes = shapes;
      window.Plotly.react(gd, fig.data, fig.layout, CONFIG);
      listen(gd);
    }
    drawn.key = key;
    drawn.band = bandKey;
  }

  /* Whether the holder's plot already shows the markers named by ``key`` (then only its band may move). */
  function shows(holder, key) {
    const gd = holder && holder.querySelector(".timeline-plot");
    return Boolean(gd && gd.data) && drawn.key === key;
  }

  atlas.timeline = {draw: draw, figure: figure, band: band, shows: shows};
})();
