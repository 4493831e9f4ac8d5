/*
 * Tambon's small enhancements on top of htmx 2. Every page works without this file (and without
 * htmx): forms are plain GET/POST forms. Loaded as an external script because the
 * Content-Security-Policy forbids inline script.
 *
 * - After htmx replaces a result list, its summary line (an element with data-results-status) is
 *   copied into the page's polite live region, so screen-reader users hear that the list changed
 *   without losing their place in the filter form.
 * - When an htmx request fails (server error or no network), the page's alert (#request-error) is
 *   shown; it is hidden again on the next successful swap.
 */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  document.addEventListener("htmx:afterSettle", function () {
    var status = document.querySelector("[data-results-status]");
    var live = byId("live-status");
    if (status && live) {
      live.textContent = status.textContent.trim();
    }
    var alert = byId("request-error");
    if (alert) {
      alert.hidden = true;
    }
  });

  function showError() {
    var alert = byId("request-error");
    if (alert) {
      alert.hidden = false;
    }
  }

  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
})();
