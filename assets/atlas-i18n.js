/* The page's language in the address: kept when the view rewrites the query, and set by the switch.
   Why in the browser: the view's query is written here on every change (atlas.sync), and the
   language (components/panels/language.py reads ?lang=) is not a view field, so it is carried
   over from the current address; the header's links reload the page in another language with
   the rest of the view's query unchanged. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const PARAM = "lang";
  /* Page parameters, not view fields: the language, and the iframe view (assets/atlas-embed.js). */
  const KEPT = [PARAM, "embed"];

  function split(search) {
    return String(search || "").replace(/^\?/, "").split("&").filter(Boolean);
  }
  function isLanguage(part) { return part === PARAM || part.indexOf(PARAM + "=") === 0; }
  function isKept(part) { return KEPT.some(function (name) { return part === name || part.indexOf(name + "=") === 0; }); }

  atlas.i18n = {
    /* ``query`` (no language) with the page parameters of ``current`` (language, embed) appended. */
    keepLanguage: function (query, current) {
      const kept = split(current).filter(isKept);
      if (!kept.length) { return query; }
      const parts = split(query).filter(function (part) { return !isKept(part); }).concat(kept);
      return "?" + parts.join("&");
    },
    /* ``search`` with the language of link ``href`` (``?lang=xx...``) in place of its own. */
    linkTo: function (search, href) {
      const lang = split(String(href || "").split("?")[1]).filter(isLanguage)[0] || "";
      return "?" + split(search).filter(function (part) { return !isLanguage(part); }).concat(lang ? [lang] : []).join("&");
    },
  };
})();
