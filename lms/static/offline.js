// Registers the service worker that keeps the crisis kit on this device (see service-worker.js).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-service-worker");
  if (!url || !("serviceWorker" in navigator)) { return; }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url).catch(function () {
      // Without it the site still works online; nothing to tell the reader.
    });
  });
}());
