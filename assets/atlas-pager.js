/* Lists that grow with the data, drawn a page at a time: the first 50 items, the total, and a
   "Show more" button (a real button, so a keyboard reaches it) that adds the next 50.
   Why in the browser: at 100x the data a region lists thousands of actions; drawing them all
   on every view change cost Dash's renderer tens of seconds. Items keep the caller's order
   (newest first where the caller sorts so); a list redrawn under the same key (the window moved,
   Play ticked) keeps how far the reader opened it. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const PAGE = 50;
  const opened = new Map();

  /* Fill ``list`` (a <ul>/<ol>/<tbody> with an id) with the first pages of ``items`` drawn by
     ``render(item, index)``, and ``footer`` (an element after it) with "Showing n of N" and the
     button. ``key`` names what the list is of; ``t`` formats a message; at least ``atLeast``
     items are shown (the highlighted action's place). */
  function fill(list, footer, items, render, key, t, atLeast) {
    const previous = opened.get(list.id);
    const kept = previous && previous.key === key ? previous.pages : 1;
    const state = {key: key, pages: Math.max(kept, Math.ceil((atLeast || 0) / PAGE))};
    opened.set(list.id, state);
    list.replaceChildren.apply(list, items.slice(0, state.pages * PAGE).map(render));
    drawFooter(list, footer, items, render, t, state);
  }

  function drawFooter(list, footer, items, render, t, state) {
    const shown = Math.min(items.length, state.pages * PAGE);
    if (items.length <= PAGE) { footer.replaceChildren(); footer.hidden = true; return; }
    footer.hidden = false;
    const el = atlas.dom.el;
    const parts = [el("span", {className: "me-2 pager-status"}, t("list.shown", {shown: shown, total: items.length}))];
    if (shown < items.length) {
      const more = el("button", {type: "button", className: "btn btn-outline-secondary btn-sm pager-more",
        "aria-controls": list.id}, t("list.more", {n: Math.min(PAGE, items.length - shown)}));
      more.addEventListener("click", function () {
        const focused = document.activeElement === more;
        state.pages += 1;
        const upto = Math.min(items.length, state.pages * PAGE);
        list.append.apply(list, items.slice(shown, upto).map(function (item, i) { return render(item, shown + i); }));
        drawFooter(list, footer, items, render, t, state);
        const next = footer.querySelector(".pager-more");
        if (focused && next) { next.focus(); }
        else if (focused) { footer.tabIndex = -1; footer.focus(); }
      });
      parts.push(more);
    }
    footer.replaceChildren.apply(footer, parts);
  }

  /* A new list and its footer: [list, footer]. */
  function paged(tag, attrs, items, render, key, t, atLeast) {
    const list = atlas.dom.el(tag, attrs);
    const footer = atlas.dom.el("div", {className: "pager small my-2", id: attrs.id + "-pager"});
    fill(list, footer, items, render, key, t, atLeast);
    return [list, footer];
  }

  atlas.pager = {PAGE: PAGE, paged: paged, fill: fill};
})();
