/* The upload's size limit, checked in the browser before anything is read or sent.
   Why in the browser: a file over the limit would be read into memory, base64-encoded and
   posted only to be refused; the drop zone (dcc.Upload) would drop it silently if it had its
   own max_size. So a file over the limit is stopped here, on its way into the drop zone, and
   the refusal names the limit (the server checks the same limit again: a request is never
   trusted). The text is the payload's message catalogue, like every other text. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const ZONE = "#upload-zone";
  const MB = 1024 * 1024;

  function messages() {
    const first = atlas.data && atlas.data._ready.values().next().value;
    return first ? first.messages : null;
  }

  function refuse(event, files) {
    const zone = event.target && event.target.closest ? event.target.closest(ZONE) : null;
    if (!zone || !files || !files.length) { return; }
    const limit = Number(zone.getAttribute("data-max-bytes")) || Infinity;
    const big = Array.prototype.find.call(files, function (f) { return f.size > limit; });
    const catalogue = messages();
    if (!big || !catalogue) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (event.target.tagName === "INPUT") { event.target.value = ""; }
    const t = function (k, p) { return atlas.format.t(catalogue, k, p); };
    const rule = t("upload.too_large", {size: (big.size / MB).toFixed(1), limit: Math.round(limit / MB)});
    window.dash_clientside.set_props("upload-report", {
      children: atlas.dom.component("P", {className: "fw-semibold text-danger mb-1"}, t("upload.refused_file", {name: big.name, rule: rule})),
    });
  }

  document.addEventListener("drop", function (e) { refuse(e, e.dataTransfer && e.dataTransfer.files); }, true);
  document.addEventListener("change", function (e) { refuse(e, e.target && e.target.files); }, true);
  atlas.upload = {refuse: refuse};
})();
