// Starts Swagger UI on the API documentation page. A separate file, not an inline script, so the
// page works under the Content-Security-Policy `script-src 'self'`.
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: element.getAttribute("data-schema-url"),
    domNode: element,
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
