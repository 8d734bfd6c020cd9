// The Actions menus of Manage course (templates/authoring/_macros.html actions_menu): <details>
// disclosures that already open and close with no script (Enter or Space on "Actions"). Here,
// Escape closes the open menu and puts the focus back on its "Actions", and opening one menu
// closes any other, so at most one covers the outline. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function menus() { return document.querySelectorAll("details.actions-menu"); }

  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details.actions-menu") || !opened.open) { return; }
    menus().forEach(function (menu) { if (menu !== opened) { menu.open = false; } });
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = event.target.closest && event.target.closest("details.actions-menu[open]");
    if (!menu) { return; }
    event.preventDefault();
    menu.open = false;
    menu.querySelector("summary").focus();
  });
}());
