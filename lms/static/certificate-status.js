// Polls a certificate's status while its PDF is prepared, then shows the download link.
// Without JavaScript the page says to reload, and a reload shows the link.
(function () {
  "use strict";
  var box = document.getElementById("certificate-status");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  // Signed before the PDF is made, so it is there whenever the PDF is.
  var credentialUrl = box.getAttribute("data-credential-url");
  var delay = 1000;
  // The page's words, in its language (templates/certificates/show.html).
  function say(key, english) { return box.getAttribute("data-say-" + key) || english; }
  var deadline = Date.now() + 10 * 60 * 1000;

  function showDownload(href, credentialHref) {
    var message = document.createElement("p");
    message.textContent = say("ready", "Your certificate is ready.");
    var link = document.createElement("a");
    link.className = "button";
    link.id = "certificate-download";
    link.href = href;
    link.textContent = say("download", "Download your certificate (PDF)");
    var linkLine = document.createElement("p");
    linkLine.appendChild(link);
    if (!credentialHref) { box.replaceChildren(message, linkLine); return; }
    var credential = document.createElement("a");
    credential.id = "credential-download";
    credential.href = credentialHref;
    credential.textContent = say("credential", "Download the digital credential (.jwt)");
    var credentialLine = document.createElement("p");
    credentialLine.appendChild(credential);
    credentialLine.appendChild(document.createTextNode(
      say("credential-note", ": an Open Badges 3.0 credential you can add to a wallet or a profile.")));
    box.replaceChildren(message, linkLine, credentialLine);
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.download_url) {
          showDownload(data.download_url, credentialUrl);
          return;
        }
        if (data && data.status !== "pending" && data.status !== "failed") {
          window.location.reload();
          return;
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    if (Date.now() > deadline) { return; }
    delay = Math.min(delay * 1.5, 10000);
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, delay);
})();
