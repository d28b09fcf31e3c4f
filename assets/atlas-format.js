/* Text helpers for the browser engine: messages, dates as precisely as known, lists and counts in
   the page's language, safe hover text.
   Why in the browser: the map, panel and table are drawn here on every step; these are the
   same rules Python applies (components/core/i18n/messages.py, i18n.format_items / format_number,
   figures.hover_escape, dataset), with the CLDR patterns Python hands over in the payload. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});

  const ISO_TEMPLATES = {day: "{y}-{mm}-{dd}", month: "{y}-{mm}", year: "{y}"};

  atlas.format = {
    /* A message from the payload's catalogue with {name} placeholders filled in. */
    t: function (messages, key, params) {
      const template = messages[key];
      if (template === undefined) { throw new Error("missing message " + key); }
      return template.replace(/\{(\w+)\}/g, function (whole, name) {
        return params && params[name] !== undefined ? String(params[name]) : whole;
      });
    },
    /* A date as precisely as known, by the payload's templates (i18n.date_templates: ISO for English). */
    dateLabel: function (isoDate, precision, templates) {
      const template = (templates || ISO_TEMPLATES)[precision];
      const parts = {y: isoDate.slice(0, 4), mm: isoDate.slice(5, 7) || "01", dd: isoDate.slice(8, 10) || "01"};
      parts.m = String(Number(parts.mm));
      parts.d = String(Number(parts.dd));
      return template.replace(/\{(y|mm|dd|m|d)\}/g, function (whole, name) { return parts[name]; });
    },
    /* Items joined by a CLDR list pattern ({2, start, middle, end}: i18n.list_patterns), as Babel's format_list does. */
    list: function (items, patterns) {
      const fill = function (pattern, first, second) { return pattern.replace("{0}", first).replace("{1}", second); };
      const n = items.length;
      if (n === 0) { return ""; }
      if (n === 1) { return String(items[0]); }
      if (n === 2) { return fill(patterns["2"], items[0], items[1]); }
      let text = fill(patterns.end, items[n - 2], items[n - 1]);
      for (let i = n - 3; i >= 1; i--) { text = fill(patterns.middle, items[i], text); }
      return fill(patterns.start, items[0], text);
    },
    /* A whole count with the language's grouping symbol every three digits (i18n.number_symbols). */
    number: function (value, symbols) {
      const digits = String(Math.abs(Math.trunc(value)));
      const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, symbols ? symbols.group : ",");
      return (value < 0 ? "-" : "") + grouped;
    },
    /* A month of the axis (YYYY-MM) as the page's language writes it (i18n.format_month). */
    monthLabel: function (month, templates) {
      return atlas.format.dateLabel(month + "-01", "month", templates);
    },
    /* Plotly decodes &amp; &lt; &gt; in hover text: escape exactly those, once. */
    hoverEscape: function (text) {
      return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    },
    shortTitle: function (title, max) {
      const chars = Array.from(title);
      return chars.length <= max ? title : chars.slice(0, max - 1).join("") + "…";
    },
    normalise: function (text) {
      return String(text || "").normalize("NFKC").toLowerCase();
    },
    searchTokens: function (search) {
      return atlas.format.normalise(search).split(/\s+/).filter(Boolean);
    },
    /* http(s) links only: anything else is shown as text. */
    safeUrl: function (url) {
      return /^https?:\/\/[^\s/]+/i.test(url || "") ? url : null;
    },
  };
})();
