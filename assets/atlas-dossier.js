/* The region dossier's print button (/dossier/<REGION>, components/dossier.py).
   Why a file and not an inline script: the server's CSP runs only its own files and hashed
   inline scripts. Why in the browser: only the browser can print the page (its print CSS makes
   the A4 or Letter PDF). The button stays hidden where this script does not run. */
(function () {
  "use strict";
  const button = document.getElementById("dossier-print");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
