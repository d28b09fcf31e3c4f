/* The ?embed=1 view (components/panels/embed.py): the page marked for an iframe, the link back to
   the full view, and the iframe code of the current view for the share area.
   Why in the browser: the page is the same for every address (one per language, cached); which
   parts show in a frame is a class on <html>, set here before Dash renders, so a frame never
   flashes the full page. Both links follow the view on every change with no server round trip. */
(function () {
  "use strict";
  const PARAM = "embed";
  const FRAME_HEIGHT = 640;

  function parts(search) { return String(search || "").replace(/^\?/, "").split("&").filter(Boolean); }
  function isEmbed(part) { return part === PARAM || part.indexOf(PARAM + "=") === 0; }
  function embedded(search) { return parts(search).indexOf(PARAM + "=1") >= 0; }
  function without(search) {
    const rest = parts(search).filter(function (part) { return !isEmbed(part); });
    return rest.length ? "?" + rest.join("&") : "";
  }
  function escapeAttribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* The iframe code of the view ``search`` (its own embed flag dropped, the frame's added). */
  function snippet(search, title) {
    const page = window.location.origin + window.location.pathname;
    const view = without(search);
    const src = page + (view ? view + "&" : "?") + PARAM + "=1";
    return "<iframe src=\"" + escapeAttribute(src) + "\" title=\"" + escapeAttribute(title) + "\" width=\"100%\" " +
      "height=\"" + FRAME_HEIGHT + "\" style=\"border:0\" loading=\"lazy\"></iframe>";
  }

  if (embedded(window.location.search)) { document.documentElement.classList.add("embed"); }

  const atlas = (window.atlas = window.atlas || {});
  atlas.embed = {embedded: embedded, without: without, snippet: snippet};
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlasEmbed: {
      /* [the full view's address, the iframe code]. */
      links: function (search, title) {
        return [window.location.pathname + without(search), snippet(search, title || "")];
      },
    },
  });
})();
