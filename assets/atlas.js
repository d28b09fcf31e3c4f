/* Clientside callbacks: play/pause stepping, the date label, PNG export and the share link.
   They run in the browser so a play tick or a label change costs no server round trip. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  atlas: {
    playPause: function (playClicks, pauseClicks, range, max) {
      const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
      const noUpdate = window.dash_clientside.no_update;
      if (trigger.startsWith("play.")) {
        let start = range[0], end = range[1];
        // Restart from the window's first month when already at the end.
        if (end >= max) { end = start; }
        return [false, true, false, [start, end]];
      }
      return [true, false, true, noUpdate];
    },
    step: function (n, range, max) {
      const start = range[0];
      const end = Math.min(range[1] + 1, max);
      const finished = end >= max;
      return [[start, end], finished, finished ? false : true, finished ? true : false];
    },
    dateLabel: function (value, dragValue, labels) {
      const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
      const range = trigger.endsWith(".drag_value") && dragValue ? dragValue : value;
      if (!range || !labels) { return ""; }
      // Screen readers should hear the month, not the slider's index.
      document.querySelectorAll("#date-range [role=slider]").forEach(function (thumb, i) {
        thumb.setAttribute("aria-valuetext", labels[range[i]] || "");
        thumb.setAttribute("aria-label", i === 0 ? "Window start" : "Window end");
      });
      return "Showing " + labels[range[0]] + " to " + labels[range[1]];
    },
    downloadPng: function (n, filename) {
      if (!n) { return window.dash_clientside.no_update; }
      const graph = document.querySelector("#map .js-plotly-plot");
      if (graph && window.Plotly) {
        window.Plotly.downloadImage(graph, {format: "png", width: 1400, height: 900, filename: filename});
      }
      return "";
    },
    shareLink: function (view) {
      return window.location.href;
    }
  }
});
