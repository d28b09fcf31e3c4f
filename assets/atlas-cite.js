/* "Cite" for an action of the panel and for the view: the buttons and the small dialog that shows the references.
   Why in the browser: the panel and its action list are drawn by the engine (atlas-panel.js), so each
   action's button is drawn with it; the dialog is one native <dialog> (focus kept inside, Esc closes).
   The references themselves are NOT made here: APA and BibTeX come from the server's maintained
   formatters (citeproc-py, pybtex) at /cite/action/<id> and /cite/view?<query> (components/cite.py),
   and are shown as text nodes only. Nothing is cited for the user's own data (the server does not hold it). */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const el = function (tag, attrs, children) { return atlas.dom.el(tag, attrs, children); };
  const DIALOG_ID = "cite-dialog", VIEW_BUTTON_ID = "cite-view";
  const current = {data: null};

  function t(key, params) {
    return current.data ? atlas.format.t(current.data.messages, key, params) : key;
  }

  function ownData(data) { return String(data.version).indexOf("own-") === 0; }

  function withLang(url) {
    const lang = current.data ? current.data.lang : "en";
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "lang=" + encodeURIComponent(lang);
  }

  function copyButton(what, target) {
    const status = el("span", {className: "small text-success ms-2 cite-copied", role: "status", "aria-live": "polite"});
    const button = el("button", {type: "button", className: "btn btn-outline-secondary btn-sm cite-copy",
      "aria-label": t("cite.copy_label", {what: what})}, t("cite.copy"));
    button.addEventListener("click", function () {
      const text = target.textContent;
      const done = function () { status.textContent = t("cite.copied"); };
      const select = function () {
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, select);
      } else { select(); }
    });
    return el("div", {className: "mb-2"}, [button, status]);
  }

  function block(id, heading, text, lang) {
    const pre = el("pre", {id: id, className: "cite-text", lang: lang || null, tabindex: "0"}, text);
    return [el("h3", {className: "h6 mt-2 mb-1"}, heading), pre, copyButton(heading, pre)];
  }

  function dialog() {
    let box = document.getElementById(DIALOG_ID);
    if (box) { return box; }
    box = el("dialog", {id: DIALOG_ID, className: "cite-dialog", "aria-labelledby": "cite-dialog-title"});
    box.addEventListener("click", function (event) { if (event.target === box) { box.close(); } });
    document.body.append(box);
    return box;
  }

  function fill(box, children) {
    const close = el("button", {type: "button", className: "btn-close", id: "cite-close", "aria-label": t("cite.close")});
    close.addEventListener("click", function () { box.close(); });
    box.replaceChildren(
      el("div", {className: "d-flex align-items-start justify-content-between"}, [
        el("h2", {className: "h5 mb-2", id: "cite-dialog-title"}, t("cite.dialog_title")), close]),
      el("div", {id: "cite-body"}, children));
  }

  function show(citation, bibUrl) {
    const box = dialog();
    const version = current.data ? current.data.version : "";
    const link = atlas.format.safeUrl(citation.permalink);
    fill(box, [el("p", {className: "small fw-semibold mb-1", id: "cite-title"}, citation.title)].concat(
      block("cite-apa", t("cite.this") + " · APA", citation.apa),
      block("cite-apa-dataset", t("cite.dataset", {version: version}) + " · APA", citation.apa_dataset),
      block("cite-bibtex", "BibTeX", citation.bibtex, "en"), [
      el("h3", {className: "h6 mt-2 mb-1"}, t("cite.permalink")),
      el("p", {className: "small cite-link"}, link ? el("a", {id: "cite-permalink", href: link}, citation.permalink)
        : el("span", {id: "cite-permalink"}, citation.permalink)),
      el("a", {className: "btn btn-outline-primary btn-sm", id: "cite-download", href: bibUrl, download: ""}, t("cite.download")),
    ]));
    const close = document.getElementById("cite-close");
    if (close) { close.focus(); }
  }

  /* Ask the server for the citation at `path` (JSON) and show it; the dialog says so while it waits or if it fails. */
  function open(path) {
    const box = dialog();
    fill(box, [el("p", {className: "small", role: "status"}, t("cite.loading"))]);
    if (!box.open) { box.showModal(); }
    const url = withLang(path);
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (citation) {
      show(citation, url + "&format=bibtex");
    }).catch(function () {
      fill(box, [el("p", {className: "small text-danger", role: "alert", id: "cite-error"}, t("cite.failed"))]);
    });
  }

  /* The "Cite" button of one action in the panel (none for the user's own data). */
  function actionButton(data, actionId, title) {
    current.data = data;
    if (ownData(data)) { return null; }
    const button = el("button", {type: "button", className: "btn btn-link btn-sm p-0 ms-2 cite-action",
      "aria-label": atlas.format.t(data.messages, "cite.action_label", {title: title}),
      "aria-haspopup": "dialog"}, atlas.format.t(data.messages, "cite.button"));
    button.addEventListener("click", function () { open("/cite/action/" + encodeURIComponent(actionId)); });
    return button;
  }

  /* The view's query as the URL holds it (only the view's own parameters and the language). */
  function viewQuery() {
    const params = new URLSearchParams(window.location.search);
    params.delete("lang");
    const text = params.toString();
    return "/cite/view" + (text ? "?" + text : "");
  }

  /* After each draw: the view's button knows the data and is hidden for the user's own data. */
  function drawn(data) {
    current.data = data;
    const button = document.getElementById(VIEW_BUTTON_ID);
    if (button) { button.hidden = ownData(data); }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("#" + VIEW_BUTTON_ID);
    if (button) { open(viewQuery()); }
  });

  (atlas.drawn = atlas.drawn || []).push(drawn);
  atlas.cite = {actionButton: actionButton, open: open, viewQuery: viewQuery};
})();
