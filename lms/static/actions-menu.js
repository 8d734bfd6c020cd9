// The Actions menus of Manage course (templates/authoring/_macros.html actions_menu): <details>
// disclosures that already open and close with no script (Enter or Space on "Actions"). Here,
// Escape closes the open menu and puts the focus back on its "Actions", and opening one menu
// closes any other, so at most one covers the outline. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function menus() { return document.querySelectorAll("details.actions-menu"); }

  // On the click (Enter and Space on a <summary> are clicks too) that is about to open a menu:
  // the toggle events come later, one task each, and could cross.
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details.actions-menu > summary");
    if (!summary || summary.parentElement.open) { return; }
    menus().forEach(function (menu) { if (menu !== summary.parentElement) { menu.open = false; } });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = event.target.closest && event.target.closest("details.actions-menu[open]");
    if (!menu) { return; }
    event.preventDefault();
    menu.open = false;
    menu.querySelector("summary").focus();
  });
}());
