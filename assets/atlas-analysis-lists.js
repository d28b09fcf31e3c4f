/* The Analysis tab's lists, drawn in the browser: the lag list (the notes on milestones and counts,
   and a table with a row per region that has a lag), the ranking's note and the neighbour test.
   Why in the browser: the table grows with the data (an upload may hold 100,000 actions across
   every region), and Dash's renderer rebuilt it as a component tree on every view the tab
   followed. Python formats every text (components/panels/analysis_lists.lag_list_data: the
   catalogue's sentences, dates, day counts and badges) and is the reference the parity test holds
   this drawing to; here they are only laid out, 50 rows at a time with the total and a "Show more"
   button (atlas.pager), each text a text node or an attribute (atlas.dom). The ranking's note and
   the neighbour test are a few sentences, but they follow every view the tab shows, so they come the
   same way (analysis_lists.ranking_note_data, neighbour_data) and no Dash tree is rebuilt for them. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const ROWS_ID = "lag-list-rows";
  const el = function (tag, attrs, children) { return atlas.dom.el(tag, attrs, children); };

  function note(item) {
    const children = item.parts
      ? [item.parts[0], el("span", {className: "data-field"}, item.parts[1]), item.parts[2]]
      : item.text;
    return el("li", item.attrs || {}, children);
  }

  /* A lag cell: its days (or range), then its badge when the order is ahead or undetermined. */
  function days(cell) {
    if (!cell) { return []; }
    return cell.badge ? [cell.text, " ", el("span", {className: cell.badgeClass}, cell.badge)] : [cell.text];
  }

  function row(item) {
    const c = item.cells;
    return el("tr", {"data-region": item.region}, [
      el("td", {}, c[0]), el("td", {}, c[1]), el("td", {className: "text-end"}, days(c[2])),
      el("td", {}, c[3]), el("td", {className: "text-end"}, days(c[4])),
    ]);
  }

  /* Draw ``data`` (or nothing, when it is null) into ``slot``; a redraw keeps how far the list was opened. */
  function drawLag(slot, data) {
    if (!data) { slot.replaceChildren(); return; }
    const t = function (key, params) { return atlas.format.t(data.messages, key, params); };
    const body = el("tbody", {id: ROWS_ID});
    const footer = el("div", {className: "pager small my-2", id: ROWS_ID + "-pager"});
    atlas.pager.fill(body, footer, data.rows, row, "lag", t);
    const head = el("thead", {}, el("tr", {}, data.header.map(function (text) { return el("th", {}, text); })));
    slot.replaceChildren(
      el("ul", {className: "small mb-1"}, data.notes.map(note)),
      el("div", {className: "lag-list", tabindex: "0", role: "region", "aria-label": data.label},
        el("table", {className: "table table-sm small mb-0"}, [head, body])),
      footer);
  }

  /* The ranking's note into its paragraph (#ranking-note): the sentence on ties, then the laggards. */
  function drawRanking(slot, data) {
    if (!data) { slot.replaceChildren(); return; }
    slot.replaceChildren.apply(slot, [el("span", {id: "ranking-ties"}, data.ties)]
      .concat(data.never ? [el("br"), el("span", {}, data.never)] : []));
  }

  /* The neighbour test into #neighbour-stats: its numbers, its reading, its caveats under a disclosure
     (opened by the reader, it stays open when the view changes). */
  function drawNeighbours(slot, data) {
    if (!data) { slot.replaceChildren(); return; }
    const wasOpen = Boolean(slot.querySelector("details[open]"));
    const item = function (entry) { return el("li", {id: entry.id}, entry.text); };
    slot.replaceChildren(
      el("ul", {className: "small mb-1"}, data.items.map(item)),
      el("p", {className: "small mb-1", id: "neighbour-reading"}, data.reading),
      el("details", {open: wasOpen}, [el("summary", {className: "small fw-semibold"}, data.caveatsLabel),
        el("ul", {className: "small"}, data.caveats.map(item))]));
  }

  atlas.analysisLists = {drawLag: drawLag, drawRanking: drawRanking, drawNeighbours: drawNeighbours};
})();
