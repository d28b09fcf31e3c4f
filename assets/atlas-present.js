/* Presenter mode: a storyboard full screen, one scene at a time, driven by the keys clickers send.
   Why in the browser: changing scene must cost no server round trip. A scene is a view's query
   string; going to it animates the time window month by month from the previous scene's end
   (frames drawn by atlas.map.draw, as Play does), then sets the address, so the URL sync lands on
   the exact view and the panel, table and link follow. Keys: ArrowRight / PageDown / Space next,
   ArrowLeft / PageUp previous, Escape (or leaving full screen) ends. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const NEXT = ["ArrowRight", "PageDown", " ", "Spacebar"], PREVIOUS = ["ArrowLeft", "PageUp"];
  const FRAME_MS = 40, FRAME_WAIT_MS = 400, MAX_FRAMES = 16;
  const state = {active: false, data: null, story: null, index: 0, run: 0, end: null};

  function t(key, params) { return atlas.format.t(state.data.messages, key, params); }

  function viewOf(scene) {
    return atlas.state.fromQuery(scene.view, state.data, atlas.state.defaults(state.data));
  }

  /* "As of <end> · <metric> · Metaverse Policy Atlas, dataset v<version> · <N> actions in view" (N: the table's count). */
  function footer(view) {
    const data = state.data, computed = atlas.view.compute(data, view);
    const metric = data.vocab.metrics.filter(function (p) { return p[0] === view.metric; })[0][1];
    const n = atlas.view.matchingRows(data, view, computed.actions, {byRegion: true}).length;
    return t("present.footer", {end: data.monthNames[computed.actions.end], metric: metric, version: data.version, n: n});
  }

  function frames(from, to) {
    const steps = Math.abs(to - from);
    if (from === null || steps === 0) { return []; }
    const stride = Math.ceil(steps / MAX_FRAMES), out = [];
    for (let k = stride; k < steps; k += stride) { out.push(from + Math.sign(to - from) * k); }
    return out;
  }

  function show(index) {
    const data = state.data, scene = state.story.scenes[index];
    state.index = index;
    const run = ++state.run;
    const view = viewOf(scene);
    const target = data.months.indexOf(view.end);
    const start = data.months.indexOf(view.start);
    document.documentElement.classList.toggle("with-region", Boolean(view.region));
    const set = window.dash_clientside.set_props;
    set("presenter-title", {children: scene.title});
    set("presenter-caption", {children: scene.caption || ""});
    set("presenter-foot", {children: footer(view)});
    const steps = frames(state.end, target);
    state.end = target;
    const land = function () {
      if (run !== state.run) { return; }
      set("url", {search: scene.view});
      document.documentElement.setAttribute("data-scene", String(index));
    };
    /* One month per frame, the next only once the map has drawn this one (as Play does), so none is skipped. */
    const step = function (i) {
      if (run !== state.run) { return; }
      if (i >= steps.length) { land(); return; }
      const month = steps[i], gd = document.querySelector("#map .js-plotly-plot");
      let done = false;
      const next = function () {
        if (!done) { done = true; window.setTimeout(function () { step(i + 1); }, FRAME_MS); }
      };
      if (gd && gd.once) { gd.once("plotly_afterplot", next); }
      window.setTimeout(next, FRAME_WAIT_MS);
      atlas.map.draw(data, Object.assign({}, view, {start: data.months[Math.min(start, month)], end: data.months[month]}));
    };
    step(0);
  }

  function onKey(event) {
    if (!state.active) { return; }
    let to = null;
    if (NEXT.indexOf(event.key) >= 0) { to = Math.min(state.index + 1, state.story.scenes.length - 1); }
    else if (PREVIOUS.indexOf(event.key) >= 0) { to = Math.max(state.index - 1, 0); }
    else if (event.key === "Escape") { stop(); }
    else { return; }
    event.preventDefault();
    event.stopPropagation();
    if (to !== null && to !== state.index) { show(to); }
  }

  function start(data, story, index) {
    state.data = data; state.story = story; state.active = true; state.end = null;
    const current = document.querySelector("#map .js-plotly-plot");
    const meta = current && current.layout && current.layout.meta;
    if (meta && meta.end) { state.end = data.months.indexOf(meta.end); }
    document.documentElement.classList.add("presenter");
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    const root = document.documentElement;
    if (root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().catch(function () { /* not allowed here (e.g. headless): stay in the window */ });
    }
    show(Math.max(0, Math.min(index, story.scenes.length - 1)));
    window.dispatchEvent(new Event("resize"));
  }

  function stop() {
    if (!state.active) { return; }
    state.active = false;
    state.run++;
    document.documentElement.classList.remove("presenter", "with-region");
    document.documentElement.removeAttribute("data-scene");
    if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
    window.dispatchEvent(new Event("resize"));
  }

  document.addEventListener("keydown", onKey, true);
  document.addEventListener("fullscreenchange", function () { if (!document.fullscreenElement) { stop(); } });

  atlas.present = {start: start, stop: stop, show: show, state: state};
})();
