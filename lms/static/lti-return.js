// The deep-linking response: sends the signed choice back to the learning platform at once.
// Without this script the page shows a button that does the same. No inline script: the CSP
// forbids it.
(function () {
  "use strict";
  function submit() {
    var form = document.querySelector("form[data-auto-submit]");
    if (form) { form.submit(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", submit);
  } else {
    submit();
  }
})();
