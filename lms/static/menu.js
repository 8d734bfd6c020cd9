// The header's menu on a phone. Without this script it is a <details> disclosure (templates/
// base.html), which opens and closes with no script at all. Here it becomes a <button
// aria-expanded aria-controls> that shows and hides the panel: Escape closes it and puts the focus
// back on the button, and a tap or focus outside closes it. On a wide screen the style sheet shows
// the panel inline and hides the button. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function enhance(details) {
    var summary = details.querySelector(".menu-button");
    var panel = details.querySelector(".menu-panel");
    if (!summary || !panel || !panel.id) { return; }
    var menu = document.createElement("div");
    menu.className = details.className + " menu-enhanced";
    var button = document.createElement("button");
    button.type = "button";
    button.className = summary.className;
    while (summary.firstChild) { button.appendChild(summary.firstChild); }
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    panel.hidden = true;
    menu.appendChild(button);
    menu.appendChild(panel);
    details.replaceWith(menu);

    function isOpen() { return button.getAttribute("aria-expanded") === "true"; }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.hidden = !open;
    }

    button.addEventListener("click", function () { setOpen(!isOpen()); });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        event.preventDefault();
        setOpen(false);
        button.focus();
      }
    });
    menu.addEventListener("focusout", function (event) {
      if (isOpen() && event.relatedTarget && !menu.contains(event.relatedTarget)) { setOpen(false); }
    });
    document.addEventListener("click", function (event) {
      if (isOpen() && !menu.contains(event.target)) { setOpen(false); }
    });
  }

  function ready() {
    document.querySelectorAll("details.site-menu").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
