/* The offline briefing (briefing.html, written by components/core/briefing/standalone.py): each
   scene's map, drawn by the same browser engine as the app, with hover and a time slider.
   Why in the browser: the file must work on a laptop with no server and no network. The data,
   geometry and scenes are inline (#atlas-briefing-data); a scene is a view's query string, read
   with atlas.state.fromQuery, and the slider moves its end month as the app's slider does.
   The app itself never loads this file's work: it returns at once unless that data is on the page. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const CONFIG = {displayModeBar: false, responsive: true, scrollZoom: false};

  function mount(data, base, scene) {
    const el = document.getElementById(scene.id + "-map");
    const slider = document.getElementById(scene.id + "-slider");
    const output = document.getElementById(scene.id + "-end");
    const view = atlas.state.fromQuery(scene.view, data, atlas.state.defaults(data));
    const range = atlas.state.monthRange(view, data.months);
    /* The size Plotly gives the figure (before the first plot, the box's, as Plotly reads it): the names are placed in it. */
    const boxOf = function () {
      if (el._fullLayout) { return {width: el._fullLayout.width, height: el._fullLayout.height}; }
      const style = window.getComputedStyle(el);
      return {width: parseFloat(style.width), height: parseFloat(style.height)};
    };
    let drawnFor = null;
    const draw = function (end) {
      const state = Object.assign({}, view, {end: data.months[end], start: data.months[Math.min(range[0], end)]});
      drawnFor = {end: end, box: boxOf()};
      const drawn = atlas.map.figure(data, atlas.view.compute(data, state), base, true, null, drawnFor.box).figure;
      output.textContent = data.months[end];
      el.setAttribute("data-query", drawn.layout.meta.query);
      return window.Plotly.react(el, drawn.data, drawn.layout, CONFIG).then(function () {
        if (el.atlasWatchesSize) { return; }
        el.atlasWatchesSize = true;
        el.on("plotly_afterplot", function () {  /* resized with the window: the names placed again */
          const box = boxOf();
          if (box.width !== drawnFor.box.width || box.height !== drawnFor.box.height) { draw(drawnFor.end); }
        });
      });
    };
    slider.min = "0";
    slider.max = String(data.months.length - 1);
    slider.step = "1";
    slider.value = String(range[1]);
    slider.addEventListener("input", function () { draw(Number(slider.value)); });
    return draw(range[1]);
  }

  function start() {
    const holder = document.getElementById("atlas-briefing-data");
    if (!holder) { return; }
    const spec = JSON.parse(holder.textContent);
    atlas.data.load({key: "briefing", inline: spec.payload}).then(function (data) {
      atlas.data._ready.set("briefing", data);
      const base = {data: [spec.context, spec.regions], layout: spec.layout};
      return Promise.all(spec.scenes.map(function (scene) { return mount(data, base, scene); }));
    }).then(function () { document.body.setAttribute("data-ready", "1"); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
