/* Accessibility repairs and keyboard helpers for the page.
   Why in the browser: a few third-party components render ARIA that assistive technology and
   axe-core reject, and the repairs must follow them as React re-renders them; none needs data
   from the server. (1) Dash 4's dcc.Dropdown puts an aria-hidden <input> in the tab order that
   forwards focus to its button: the button becomes the tab stop instead, and its name starts
   with its <label> (Dash names it by its value only). (2) dbc.Tabs used as a
   view switch (no tab panes) points aria-controls at panes that do not exist: the attribute is
   dropped. (3) dcc.Upload's hidden file <input> has no name: it takes its drop zone's visible
   text. (4) The "skip to map" link moves focus to the map region without touching the address
   (the URL belongs to the view sync). (5) A dropdown with a search box opens with the focus in that
   box: Dash 4 puts it on the selected option when the dropdown is opened again, where typing does
   not search (issue 19: the region picker). */
(function () {
  "use strict";

  function repairDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      if (proxy.tabIndex !== -1) { proxy.tabIndex = -1; }
      const button = proxy.nextElementSibling;
      if (!button || button.tagName !== "BUTTON") { return; }
      if (button.tabIndex !== 0 && !button.disabled) { button.tabIndex = 0; }
      const label = button.id && document.querySelector("label[for='" + CSS.escape(button.id) + "']");
      if (!label) { return; }
      if (!label.id) { label.id = button.id + "-label"; }
      const named = (button.getAttribute("aria-labelledby") || "").split(" ");
      if (named[0] !== label.id) {
        button.setAttribute("aria-labelledby", [label.id].concat(named.filter(function (id) { return id && id !== label.id; })).join(" "));
      }
    });
  }

  function repairTabs(root) {
    root.querySelectorAll("[role=tab][aria-controls]").forEach(function (tab) {
      if (!document.getElementById(tab.getAttribute("aria-controls"))) { tab.removeAttribute("aria-controls"); }
    });
  }

  function repairFileInputs(root) {
    root.querySelectorAll("input[type=file]:not([aria-label])").forEach(function (input) {
      const zone = input.parentElement;
      const text = zone ? zone.textContent.replace(/\s+/g, " ").trim() : "";
      if (text) { input.setAttribute("aria-label", text); }
    });
  }

  let pending = false;
  function repairSoon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      repairDropdowns(document);
      repairTabs(document);
      repairFileInputs(document);
    });
  }

  function skipToMap(event) {
    const link = event.target.closest && event.target.closest("a.skip-link");
    if (!link) { return; }
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    target.focus({preventScroll: true});
    target.scrollIntoView({block: "start"});
  }

  function focusSearchOnOpen(event) {
    const content = event.target.closest && event.target.closest(".dash-dropdown-content");
    if (!content || event.target.classList.contains("dash-dropdown-search")) { return; }
    if (event.relatedTarget && content.contains(event.relatedTarget)) { return; }  /* arrow keys within the list */
    const search = content.querySelector(".dash-dropdown-search");
    if (search) { search.focus({preventScroll: true}); }
  }

  function start() {
    new MutationObserver(repairSoon).observe(document.body, {childList: true, subtree: true});
    /* Dash's dropdown hands the tab stop back to its hidden proxy when its button loses focus. */
    document.addEventListener("focusout", function () { window.setTimeout(repairSoon, 0); }, true);
    document.addEventListener("click", skipToMap);
    document.addEventListener("focusin", focusSearchOnOpen);
    repairSoon();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
