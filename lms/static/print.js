// The Print button on a handout: shown only where this script runs (without it, the page says
// "or print this page" and the browser's own Print works). No inline script: the CSP forbids it.
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      if (typeof window.print !== "function") { return; }
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
