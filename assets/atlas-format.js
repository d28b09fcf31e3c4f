/* Text helpers for the browser engine: messages, dates as precisely as known, safe hover text.
   Why in the browser: the map, panel and table are drawn here on every step; these are the
   same rules Python applies (components/core/messages.py, figures.hover_escape, dataset). */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});

  atlas.format = {
    /* A message from the payload's catalogue with {name} placeholders filled in. */
    t: function (messages, key, params) {
      const template = messages[key];
      if (template === undefined) { throw new Error("missing message " + key); }
      return template.replace(/\{(\w+)\}/g, function (whole, name) {
        return params && params[name] !== undefined ? String(params[name]) : whole;
      });
    },
    dateLabel: function (isoDate, precision) {
      return precision === "year" ? isoDate.slice(0, 4) : precision === "month" ? isoDate.slice(0, 7) : isoDate;
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
