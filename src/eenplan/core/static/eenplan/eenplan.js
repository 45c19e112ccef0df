/* eenplan: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Confirm buttons that do something that cannot be undone (data-confirm="question").
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Auto-submit a select (e.g. a filter) when its form says so; the button stays for no-JS use.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form && !window.htmx) {
      el.form.requestSubmit();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
    document.documentElement.classList.add("eenplan-js");
  });

  // After htmx swaps the search results, tell screen-reader users how many there are now.
  document.addEventListener("htmx:afterSwap", function (event) {
    var status = document.querySelector("[data-results-status]");
    var count = event.detail.target.querySelector("[data-results-count]");
    if (status && count) {
      status.textContent = count.textContent;
    }
  });
})();
