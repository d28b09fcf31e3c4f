/* The storyboard being edited, in the browser: capture the view as a scene, order, edit, jump, save.
   Why in the browser: the storyboard belongs to this tab (a dcc.Store in local storage, holding the
   storyboard file's JSON as components/core/briefing/storyboard.py writes it), and editing or jumping must
   cost no server round trip. A scene's view is the query string of atlas-state.js with its window
   always written, so a jump simply sets the address and the URL sync (atlas.sync) draws it.
   Loading a file or a link, making a share link and the exports are checked on the server. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const NO = function () { return window.dash_clientside.no_update; };

  function t(data, key, params) { return atlas.format.t(data.messages, key, params); }

  function blank(data) {
    return {format: data.storyboard.format, version: data.storyboard.version, title: t(data, "story.untitled"),
      dataset: data.version, scenes: []};
  }

  /* A view as a scene's query: every field that differs from the defaults, and always the window. */
  function sceneQuery(data, state) {
    const base = Object.assign({}, atlas.state.defaults(data), {start: null, end: null});
    return atlas.state.toQuery(Object.assign({}, state, {present: false}), base);
  }

  function options(story) {
    return story.scenes.map(function (scene, i) { return {label: (i + 1) + ". " + scene.title, value: i}; });
  }

  function editor(story, index) {
    const scene = story.scenes[index];
    return scene ? [scene.title, scene.caption || "", scene.notes || ""] : ["", "", ""];
  }

  const applied = {loaded: null};

  function clip(text, max) { return Array.from(String(text || "")).slice(0, max).join(""); }

  /* [storyboard, list options, selected, scene title, caption, notes, storyboard title] */
  function edit(token, add, up, down, del, selected, sceneTitle, caption, notes, storyTitle, loaded, view, stored) {
    const data = atlas.data.get(token);
    if (!data) { return new Array(7).fill(NO()); }
    const trigger = atlas.time.trigger();
    const limits = data.storyboard;
    let story = stored && Array.isArray(stored.scenes) ? JSON.parse(JSON.stringify(stored)) : blank(data);
    let index = typeof selected === "number" && story.scenes[selected] ? selected : (story.scenes.length ? 0 : null);
    const out = function (fillEditor) {
      const fields = fillEditor ? editor(story, index) : [NO(), NO(), NO()];
      return [story, options(story), index].concat(fields, [fillEditor ? story.title : NO()]);
    };
    if (loaded && loaded !== applied.loaded) {
      /* a checked file or link; it may arrive before the engine, so it is applied on the first chance */
      applied.loaded = loaded;
      story = JSON.parse(JSON.stringify(loaded));
      index = story.scenes.length ? 0 : null;
      return out(true);
    }
    if (trigger === "story-add.n_clicks" && view) {
      const computed = atlas.view.compute(data, view);
      const mapTitle = atlas.encodings.mapEncoding(data, computed).title;
      story.scenes.push({title: clip(t(data, "story.new_scene", {n: story.scenes.length + 1, title: mapTitle}), limits.titleMax),
        view: sceneQuery(data, view)});
      index = story.scenes.length - 1;
      return out(true);
    }
    if ((trigger === "story-up.n_clicks" || trigger === "story-down.n_clicks") && index !== null) {
      const to = index + (trigger === "story-up.n_clicks" ? -1 : 1);
      if (to >= 0 && to < story.scenes.length) {
        const moved = story.scenes.splice(index, 1)[0];
        story.scenes.splice(to, 0, moved);
        index = to;
      }
      return out(true);
    }
    if (trigger === "story-delete.n_clicks" && index !== null) {
      story.scenes.splice(index, 1);
      index = story.scenes.length ? Math.min(index, story.scenes.length - 1) : null;
      return out(true);
    }
    if (trigger === "story-list.value") { return out(true); }
    const scene = index !== null ? story.scenes[index] : null;
    if (trigger === "story-scene-title.value" && scene) { scene.title = clip(sceneTitle, limits.titleMax) || scene.title; }
    else if (trigger === "story-caption.value" && scene) { scene.caption = clip(caption, limits.captionMax); }
    else if (trigger === "story-notes.value" && scene) { scene.notes = clip(notes, limits.notesMax); }
    else if (trigger === "story-title.value") { story.title = clip(storyTitle, limits.storyTitleMax) || story.title; }
    else if (trigger.indexOf("engine.") === 0) { return out(true); }
    else { return new Array(7).fill(NO()); }
    if (scene && !scene.caption) { delete scene.caption; }
    if (scene && !scene.notes) { delete scene.notes; }
    return out(false);
  }

  atlas.story = {sceneQuery: sceneQuery, blank: blank};

  window.dash_clientside = window.dash_clientside || {};
  const ns = (window.dash_clientside.atlas = window.dash_clientside.atlas || {});
  Object.assign(ns, {
    storyEdit: edit,
    storyJump: function (n, index, story) {
      const scene = story && story.scenes && story.scenes[index];
      return scene ? atlas.i18n.keepLanguage(scene.view, window.location.search) : NO();
    },
    storySave: function (n, story) {
      if (!story) { return NO(); }
      return {content: JSON.stringify(story, null, 2) + "\n", filename: "storyboard.json", type: "application/json"};
    },
    storyPresent: function (n, index, story, token) {
      const data = atlas.data.get(token);
      if (data && story && story.scenes && story.scenes.length) { atlas.present.start(data, story, index || 0); }
      return NO();
    },
  });
})();
