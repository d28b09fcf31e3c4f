/* Phone layout helpers: the filter and upload drawers, the filters' count of active filters, the region panel as a
   bottom sheet, time-slider labels thinned to the slider's drawn width, and the map's box fitted to its frame.
   Why in the browser: the count follows every view change (clientside, like the rest of the
   view loop: no server round trip); opening a drawer, closing it with Escape and measuring the
   label boxes and the map frame the browser laid out are things only the page itself can do. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const NO = function () { return window.dash_clientside.no_update; };
  const SLIDER_ID = "date-range", LABEL_GAP_PX = 6, THINNED = "mark-thinned";

  /* How many filters narrow the view: each unticked country, level, kind or verification, and a search. */
  function activeFilters(data, view) {
    let n = view.search ? 1 : 0;
    data.vocab.filters.forEach(function (name) {
      const ticked = new Set(view[name] || []);
      data.vocab[name].forEach(function (pair) { if (!ticked.has(pair[0])) { n += 1; } });
    });
    return n;
  }

  /* Hide every mark label that would overlap the last one kept, left to right (the first always stays). */
  function thinLabels(slider) {
    const marks = Array.prototype.slice.call(slider.querySelectorAll(".dash-slider-mark"));
    marks.forEach(function (m) { m.classList.remove(THINNED); });
    const boxes = marks.map(function (m) { return {mark: m, box: m.getBoundingClientRect()}; })
      .filter(function (b) { return b.box.width > 0; })
      .sort(function (a, b) { return a.box.left - b.box.left; });
    let right = -Infinity;
    boxes.forEach(function (b) {
      if (b.box.left < right + LABEL_GAP_PX) { b.mark.classList.add(THINNED); } else { right = b.box.right; }
    });
  }

  function watchSlider() {
    const slider = document.getElementById(SLIDER_ID);
    if (!slider || !window.ResizeObserver) { window.setTimeout(watchSlider, 200); return; }
    let pending = false;
    const schedule = function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; thinLabels(slider); });
    };
    new ResizeObserver(schedule).observe(slider);
    const isMark = function (node) { return node.nodeType === 1 && node.classList.contains("dash-slider-mark"); };
    new MutationObserver(function (mutations) {
      const marksChanged = mutations.some(function (m) {
        return Array.prototype.some.call(m.addedNodes, isMark) || Array.prototype.some.call(m.removedNodes, isMark);
      });
      if (marksChanged) { schedule(); }
    }).observe(slider, {childList: true, subtree: true});
    schedule();
  }

  /* On a phone-wide map the legend goes under the map instead of over it, and each small-region dot
     is at least TAP_PX across for a finger: a larger marker, and a tap up to a few pixels off it still
     counts (the nearest dot wins). The first figure seen (drawn by Python) keeps the desktop settings. */
  const PHONE = window.matchMedia("(max-width: 767.98px)");
  const TAP_PX = 24, DOT_GROWTH = 1.3;
  const PHONE_LEGEND = {orientation: "h", x: 0, xanchor: "left", y: 0, yanchor: "top", bgcolor: "rgba(255,255,255,0)",
    borderwidth: 0, font: {size: 10}};
  let desktop = null;

  function fitFigure(dots, layout) {
    if (!desktop) { desktop = {legend: layout.legend, hoverdistance: layout.hoverdistance}; }
    if (!PHONE.matches) {
      layout.legend = desktop.legend;
      layout.hoverdistance = desktop.hoverdistance;
      return;
    }
    const size = Math.round(dots.marker.size * DOT_GROWTH);
    dots.marker = Object.assign({}, dots.marker, {size: size});
    layout.legend = Object.assign({}, desktop.legend, PHONE_LEGEND);
    layout.hoverdistance = Math.max(desktop.hoverdistance || 0, Math.ceil((TAP_PX - size) / 2));
  }

  /* On a phone the map's box is as tall as its frame drawn across the screen's width (plus the title's margin), at
     most the CSS height (MAX_MAP_PX): a fixed box left ~200 px of white under and over a wide frame. Only the
     plain phone view: two moments, a presentation and an embed keep their own heights. */
  const MAX_MAP_PX = 470, MIN_MAP_PX = 200;
  let fitting = Promise.resolve();  /* the last resize (Plotly waits ~100 ms before it lays the plot out again) */
  function fittedHeight(gd) {
    const full = gd._fullLayout, geo = full && full.geo && full.geo._subplot;
    if (!geo || !geo.bgRect) { return null; }
    const frame = geo.bgRect.node().getBoundingClientRect();
    if (!(frame.width > 0 && frame.height > 0)) { return null; }
    const height = full._size.w * frame.height / frame.width + full.margin.t + full.margin.b;
    return Math.max(MIN_MAP_PX, Math.min(MAX_MAP_PX, Math.ceil(height)));
  }
  function plainPhoneView() {
    const page = document.getElementById("page"), root = document.documentElement;
    return PHONE.matches && !root.classList.contains("presenter") && !root.classList.contains("embed") &&
      !(page && (page.classList.contains("presenting") || page.classList.contains("comparing")));
  }
  function fitMapHeight() {
    const box = document.getElementById("map"), gd = box && box.querySelector(".js-plotly-plot");
    if (!gd || !gd._fullLayout) { return; }
    const wanted = plainPhoneView() ? fittedHeight(gd) : null;
    const now = box.style.getPropertyValue("height");
    if (wanted === null) {
      if (now) { box.style.removeProperty("height"); fitting = Promise.resolve(window.Plotly.Plots.resize(gd)); }
      return;
    }
    if (Math.abs(parseFloat(now || box.getBoundingClientRect().height) - wanted) < 2) { return; }
    box.style.setProperty("height", wanted + "px", "important");
    fitting = Promise.resolve(window.Plotly.Plots.resize(gd));
  }
  function watchMapHeight() {
    const gd = document.querySelector("#map .js-plotly-plot");
    if (!gd || !gd.on || !window.Plotly) { window.setTimeout(watchMapHeight, 200); return; }
    gd.on("plotly_afterplot", function () { window.requestAnimationFrame(fitMapHeight); });
    PHONE.addEventListener("change", fitMapHeight);
    const page = document.getElementById("page");
    if (page) { new MutationObserver(fitMapHeight).observe(page, {attributes: true, attributeFilter: ["class"]}); }
    new MutationObserver(fitMapHeight).observe(document.documentElement, {attributes: true, attributeFilter: ["class"]});
    fitMapHeight();
  }
  watchMapHeight();

  /* When a region's sheet opens on a phone, bring the map's top to the screen's top (if it is not there). */
  let shownRegion = null;
  const shown = {text: null, panelClass: null};
  function showMapAboveSheet() {
    const map = document.getElementById("map");
    if (!map) { return; }
    const top = map.getBoundingClientRect().top;
    if (Math.abs(top) > 1) { window.scrollTo({top: window.scrollY + top, behavior: "instant"}); }
  }

  /* A drawer's parts share its name: "<name>-drawer", "-toggle", "-close" (components/panels/phone.py). */
  const DRAWER_SUFFIX = /-drawer$/;

  document.addEventListener("keydown", function (event) {
    const drawer = document.querySelector(".phone-drawer.show");
    if (event.key === "Escape" && drawer) {
      document.getElementById(drawer.id.replace(DRAWER_SUFFIX, "-close")).click();
    }
  });
  watchSlider();

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlasPhone: {
      /* [the filter button's text, the panel column's class (a bottom sheet on phones while a region is open)]. */
      filterToggleText: function (view, token) {
        const data = atlas.data && atlas.data.get(token);
        if (!data || !view) { return [NO(), NO()]; }
        const n = activeFilters(data, view);
        const text = n ? atlas.format.t(data.messages, "phone.filters_active", {n: n})
          : atlas.format.t(data.messages, "phone.filters");
        if (view.region && !shownRegion && PHONE.matches) { window.requestAnimationFrame(showMapAboveSheet); }
        shownRegion = view.region || null;
        const panelClass = "mb-2 panel-col" + (view.region ? " sheet-open" : "");
        const changed = [text !== shown.text ? text : NO(), panelClass !== shown.panelClass ? panelClass : NO()];
        shown.text = text;
        shown.panelClass = panelClass;
        return changed;
      },
      /* Open or close a drawer (the filters', the upload's): [its class, backdrop hidden, the button's
         aria-expanded]; focus follows. */
      drawer: function (openClicks, closeClicks, backdropClicks, className) {
        const name = window.dash_clientside.callback_context.outputs_list[0].id.replace(DRAWER_SUFFIX, "");
        const open = atlas.time.trigger().indexOf(name + "-toggle.") === 0;
        const classes = String(className || "").split(" ").filter(function (c) { return c && c !== "show"; });
        if (open) { classes.push("show"); }
        window.requestAnimationFrame(function () {
          const target = document.getElementById(name + (open ? "-close" : "-toggle"));
          if (target) { target.focus(); }
        });
        return [classes.join(" "), !open, String(open)];
      },
    },
  });
  atlas.phone = {activeFilters: activeFilters, thinLabels: thinLabels, fitFigure: fitFigure, fitMapHeight: fitMapHeight,
    fitted: function () { return fitting.catch(function () { return null; }); },
    isPhone: function () { return PHONE.matches; }};
})();
