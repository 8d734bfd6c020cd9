// The Markdown editor of the authoring pages (templates/authoring/_markdown_editor.html): a
// toolbar that puts Markdown around the selection, and a preview that follows the typing. The
// preview is rendered by the server (POST .../preview-markdown) with the renderer and sanitiser
// that publishing uses, so it is exactly what learners will get; the script never turns Markdown
// into HTML itself. Without this script the toolbar stays hidden and the form's "Preview the
// text" button shows the same preview after a reload. No inline script: the CSP forbids it.
(function () {
  "use strict";

  var DELAY = 400; // ms after the last keystroke before the preview is asked for

  // Replace text[start, end) with `text`, then select [selectFrom, selectTo) within it. The
  // browser's own insertText keeps Ctrl+Z working; setRangeText is the fallback.
  function replace(textarea, start, end, text, selectFrom, selectTo) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (error) { done = false; }
    if (!done) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(start + selectFrom, start + selectTo);
  }

  // **bold** or *italic* around the selection (spaces selected at its ends stay outside), or
  // around a placeholder, selected so that typing replaces it.
  function wrap(textarea, marker, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var value = textarea.value;
    while (end > start && /\s/.test(value.charAt(end - 1))) { end -= 1; }
    while (start < end && /\s/.test(value.charAt(start))) { start += 1; }
    var inner = value.slice(start, end) || placeholder;
    replace(textarea, start, end, marker + inner + marker, marker.length, marker.length + inner.length);
  }

  // The whole lines the selection touches.
  function selectedLines(textarea) {
    var value = textarea.value, start = textarea.selectionStart, end = textarea.selectionEnd;
    if (end > start && value.charAt(end - 1) === "\n") { end -= 1; }
    var from = value.lastIndexOf("\n", start - 1) + 1;
    var to = value.indexOf("\n", end);
    if (to === -1) { to = value.length; }
    return { from: from, to: to, lines: value.slice(from, to).split("\n") };
  }

  // A prefix on each line the selection touches (prefix(index) for that line); on an empty line,
  // the prefix and a selected placeholder. Blank lines in a selection stay blank.
  function prefixLines(textarea, prefix, placeholder, strip) {
    var block = selectedLines(textarea);
    if (block.lines.length === 1 && block.lines[0].trim() === "") {
      var head = prefix(0);
      replace(textarea, block.from, block.to, head + placeholder, head.length, head.length + placeholder.length);
      return;
    }
    var index = 0;
    var lines = block.lines.map(function (line) {
      if (line.trim() === "") { return line; }
      var bare = strip ? line.replace(strip, "") : line;
      var result = prefix(index) + bare;
      index += 1;
      return result;
    });
    var text = lines.join("\n");
    replace(textarea, block.from, block.to, text, 0, text.length);
  }

  // [text](address): the selection becomes the link text (or, if it is an address, the link's
  // address); what is left to type is selected.
  function link(textarea, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end).trim();
    var text, from, to;
    if (/^(https?:\/\/|mailto:|\/)\S*$/.test(selected)) {
      text = "[" + placeholder + "](" + selected + ")";
      from = 1; to = 1 + placeholder.length;
    } else {
      var words = selected || placeholder;
      text = "[" + words + "](https://)";
      from = words.length + 3; to = from + "https://".length;
    }
    replace(textarea, start, end, text, from, to);
  }

  // ![description](/uploads/<course>/image.png): the description selected, to be written first.
  function image(textarea, placeholder, address) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var words = textarea.value.slice(start, end).trim() || placeholder;
    replace(textarea, start, end, "![" + words + "](" + address + ")", 2, 2 + words.length);
  }

  function apply(textarea, button) {
    var placeholder = button.getAttribute("data-placeholder") || "";
    switch (button.getAttribute("data-markdown")) {
      case "heading":
        prefixLines(textarea, function () { return "## "; }, placeholder, /^#{1,6}\s*/); break;
      case "bold": wrap(textarea, "**", placeholder); break;
      case "italic": wrap(textarea, "*", placeholder); break;
      case "list":
        prefixLines(textarea, function () { return "- "; }, placeholder, /^([-*+]|\d+[.)])\s+/); break;
      case "numbered":
        prefixLines(textarea, function (i) { return (i + 1) + ". "; }, placeholder, /^([-*+]|\d+[.)])\s+/); break;
      case "link": link(textarea, placeholder); break;
      case "image": image(textarea, placeholder, button.getAttribute("data-image-folder")); break;
      case "callout":
        var label = "> **" + button.getAttribute("data-label") + "** ";
        prefixLines(textarea, function (i) { return i === 0 ? label : "> "; }, placeholder, /^>\s?/); break;
    }
  }

  function enhance(editor) {
    var textarea = editor.querySelector("textarea");
    var toolbar = editor.querySelector(".markdown-toolbar");
    var pane = editor.querySelector(".editor-preview");
    var output = editor.querySelector("[data-preview-of]");
    var status = editor.querySelector(".editor-status");
    var form = editor.closest("form");
    var token = form && form.querySelector("input[name=csrf_token]");
    if (!textarea || !toolbar || !output || !status || !form) { return; }

    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-markdown]");
      if (button) { apply(textarea, button); }
    });
    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) { return; }
      var key = event.key.toLowerCase();
      var button = toolbar.querySelector(key === "b" ? "[data-markdown=bold]"
        : key === "i" ? "[data-markdown=italic]" : null);
      if (button) { event.preventDefault(); apply(textarea, button); }
    });
    // The live preview replaces the form's reload.
    form.querySelectorAll("[data-preview-button]").forEach(function (button) { button.hidden = true; });

    var timer = null, sent = 0, shown = 0, lastText = null;
    function say(message) {
      if (status.textContent !== message) { status.textContent = message; }
    }
    function refresh() {
      var text = textarea.value;
      if (text === lastText) { return; }
      var number = ++sent;
      var body = new FormData();
      body.append("text", text);
      if (token) { body.append("csrf_token", token.value); }
      editor.setAttribute("aria-busy", "true");
      fetch(editor.getAttribute("data-preview-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "text/html" }
      }).then(function (response) {
        return response.text().then(function (answer) { return { ok: response.ok, answer: answer, type: response.headers.get("Content-Type") || "" }; });
      }).then(function (result) {
        if (number < shown) { return; } // an older answer arriving after a newer one
        shown = number;
        editor.removeAttribute("aria-busy");
        if (result.ok) {
          output.innerHTML = result.answer; // sanitised by the server, as published
          lastText = text;
          say(editor.getAttribute("data-live-hint"));
        } else {
          var reason = result.type.indexOf("text/plain") === 0 ? " " + result.answer : "";
          say(editor.getAttribute("data-failed-hint") + reason);
        }
      }).catch(function () {
        editor.removeAttribute("aria-busy");
        say(editor.getAttribute("data-failed-hint"));
      });
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY);
    });
    // Beside the text, the preview scrolls with it: the same share of the way down.
    textarea.addEventListener("scroll", function () {
      var range = textarea.scrollHeight - textarea.clientHeight;
      var paneRange = pane.scrollHeight - pane.clientHeight;
      var beside = pane.getBoundingClientRect().left >= textarea.getBoundingClientRect().right;
      if (range > 0 && paneRange > 0 && beside) {
        pane.scrollTop = paneRange * textarea.scrollTop / range;
      }
    });
    // The first preview when the editor comes near the screen: a page of many editors (the
    // Spanish glossary) asks for the few in view, not for dozens at once.
    if ("IntersectionObserver" in window) {
      var near = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          near.disconnect();
          refresh();
        }
      }, { rootMargin: "100% 0px" });
      near.observe(editor);
    } else {
      refresh();
    }
  }

  function start() {
    document.querySelectorAll(".markdown-editor[data-preview-url]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
