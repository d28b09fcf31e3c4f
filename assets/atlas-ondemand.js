/* Component bundles loaded only when a component of theirs is about to mount.
   Why in the browser: AG Grid's bundle (317 KB on the wire, about 0.1 s to evaluate) is for the
   table below the map; loaded with the page, it delayed the first map for a table that many
   briefings never scroll to. The server lists such bundles' fingerprinted URLs in the JSON block
   #atlas-on-demand (components/serving.trim_page_scripts); a bundle is loaded once, in order. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});
  const loading = {};

  function urls(namespace) {
    const listing = document.getElementById("atlas-on-demand");
    return listing ? JSON.parse(listing.textContent)[namespace] || [] : [];
  }

  function script(url) {
    return new Promise(function (resolve, reject) {
      const tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(tag);
    });
  }

  /* Resolves once window[namespace] is defined (at once when the page already loaded it). */
  function load(namespace) {
    if (window[namespace]) { return Promise.resolve(); }
    if (!loading[namespace]) {
      loading[namespace] = urls(namespace).reduce(function (chain, url) {
        return chain.then(function () { return script(url); });
      }, Promise.resolve()).catch(function (error) { delete loading[namespace]; throw error; });
    }
    return loading[namespace];
  }

  atlas.onDemand = {load: load};
})();
