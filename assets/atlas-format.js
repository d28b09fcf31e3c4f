/* Text helpers for the browser engine: messages, dates as precisely as known, safe hover text.
   Why in the browser: the map, panel and table are drawn here on every step; these are the
   same rules Python applies (components/core/messages.py, figures.hover_escape, dataset). */
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
