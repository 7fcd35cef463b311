// Report journey, progressive enhancement: a sent form's buttons are marked busy
// so that a second click is visibly pointless (the server ignores it anyway:
// the draft's idempotency key makes the final POST safe to repeat).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-report-final]")) return;
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
    });
  });
})();
