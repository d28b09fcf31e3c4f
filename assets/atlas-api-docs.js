/* Starts Swagger UI on the API documentation page (/api/docs, components/api.py).
   Why a file and not an inline script: the server's CSP runs only its own files and hashed
   inline scripts. Why in the browser: Swagger UI is a browser application; it reads the
   OpenAPI description the server generates (/api/openapi.json), with no validator badge
   (that would call a third-party server). */
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: true,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
