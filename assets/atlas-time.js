/* Time controls in the browser: play, pause, speed and the live date label.
   Why in the browser: a play tick must cost nothing on the wire and redraw at once, and the
   label must follow a dragged handle. The play loop advances one month only after the map
   has drawn the previous one, so no month is skipped and nothing queues up; a tick that came
   while the map was drawing is taken the moment the draw ends. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});

  function trigger() {
    const ctx = window.dash_clientside.callback_context;
    return ((ctx && ctx.triggered && ctx.triggered[0]) || {}).prop_id || "";
  }

  /* A tick that found the map still drawing runs as soon as the draw ends, not a whole interval later
     (once, however many ticks came meanwhile). */
  let tickWaiting = false;
  function tickWhenDrawn() {
    if (tickWaiting) { return; }
    tickWaiting = true;
    atlas.map.settled().then(function () {
      tickWaiting = false;
      window.dash_clientside.set_props("play-interval", {n_intervals: Date.now()});
    });
  }

  atlas.time = {
    trigger: trigger,
    /* [interval disabled, play disabled, pause disabled, new range] for a Play or Pause click. */
    /* Where Play stops: the edge of collection (the dataset's ``collectedTo``) when the window ends at or
       before it, since the months after it are "not yet collected", not "no action"; the last month when
       the window already ends beyond it, or when the dataset (an upload) names no edge. */
    stopAt: function (range, max, token) {
      const data = token && atlas.data ? atlas.data.get(token) : null;
      const edge = data && data.collectedTo ? data.months.indexOf(data.collectedTo) : -1;
      return edge >= 0 && range[1] <= edge ? edge : max;
    },
    playPause: function (range, max, token) {
      if (trigger().indexOf("play.") === 0) {
        let start = range[0], end = range[1];
        if (end >= atlas.time.stopAt(range, max, token)) { end = start; }
        return [false, true, false, [start, end]];
      }
      return [true, false, true, window.dash_clientside.no_update];
    },
    step: function (range, max, token) {
      const NO = window.dash_clientside.no_update;
      if (atlas.map && !atlas.map.idle()) {
        tickWhenDrawn();
        return [NO, NO, NO, NO];
      }
      const stop = atlas.time.stopAt(range, max, token);
      const end = Math.min(range[1] + 1, stop);
      return end >= stop ? [[range[0], end], true, false, true] : [[range[0], end], NO, NO, NO];
    },
    dateLabel: function (data, range) {
      if (!range || !data) { return ""; }
      document.querySelectorAll("#date-range [role=slider]").forEach(function (thumb, i) {
        thumb.setAttribute("aria-valuetext", data.monthNames[range[i]] || "");
      });
      return atlas.format.t(data.messages, "date.showing", {start: data.monthNames[range[0]], end: data.monthNames[range[1]]});
    },
  };
})();
