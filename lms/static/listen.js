// "Listen": reads the lesson or handout aloud with the browser's own speech synthesis.
// The control is removed where the browser cannot speak, and stays hidden without JavaScript.
// The text is spoken in short parts, one after another: some browsers stop a long utterance
// half-way.
(function () {
  "use strict";
  var box = document.querySelector("[data-listen-text]");
  var synth = window.speechSynthesis;
  if (!box) { return; }
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    box.classList.add("listen-unavailable");
    return;
  }

  var MAX_PART = 160;
  var NORMAL_RATE = 1;
  var SLOW_RATE = 0.7;
  var button = {};
  ["start", "pause", "resume", "stop", "slower"].forEach(function (name) {
    button[name] = box.querySelector("[data-listen='" + name + "']");
  });
  var status = box.querySelector("[role=status]");
  var parts = [];
  var index = 0;
  var run = 0;  // each start, restart or stop begins a new run; older utterances are ignored
  var state = "idle";
  var utterance = null;  // kept referenced: Chrome drops the events of a collected utterance
  var cutByPause = false;  // Chrome on Android ends the utterance on pause() instead of pausing

  function wordsUpTo(text, max) {
    var pieces = [];
    var current = "";
    text.split(/\s+/).forEach(function (word) {
      if (current && (current + " " + word).length > max) {
        pieces.push(current);
        current = word;
      } else {
        current = current ? current + " " + word : word;
      }
    });
    if (current) { pieces.push(current); }
    return pieces;
  }

  // Sentences, joined while they fit in one part; a sentence too long is cut between words.
  function splitBlock(block) {
    var sentences = block.match(/[^.!?]+[.!?]+["'\u201d\u2019)\]]*|[^.!?]+$/g) || [block];
    var chunks = [];
    var current = "";
    sentences.forEach(function (sentence) {
      wordsUpTo(sentence.trim(), MAX_PART).forEach(function (piece) {
        if (current && (current + " " + piece).length > MAX_PART) {
          chunks.push(current);
          current = piece;
        } else {
          current = current ? current + " " + piece : piece;
        }
      });
    });
    if (current) { chunks.push(current); }
    return chunks;
  }

  function textParts() {
    var found = [];
    document.querySelectorAll(box.getAttribute("data-listen-text")).forEach(function (element) {
      element.innerText.replace(/[\u2610\u2611\u2612]/g, " ").split(/\n+/).forEach(function (line) {
        line = line.replace(/\s+/g, " ").trim();
        if (line) { found = found.concat(splitBlock(line)); }
      });
    });
    return found;
  }

  // The page's words for each status, in its language (templates/_listen.html).
  function say(key, english) {
    return box.getAttribute("data-say-" + key) || english;
  }

  function show(newState, message) {
    var focused = box.contains(document.activeElement) ? document.activeElement : null;
    state = newState;
    button.start.hidden = state !== "idle";
    button.pause.hidden = state !== "speaking";
    button.resume.hidden = state !== "paused";
    button.stop.hidden = state === "idle";
    status.textContent = message;
    if (focused && focused.hidden) {  // the pressed button is gone: focus its successor
      ({ idle: button.start, speaking: button.pause, paused: button.resume })[state].focus();
    }
  }

  function speakNext(mine) {
    if (mine !== run) { return; }
    if (index >= parts.length) {
      show("idle", say("finished", "Finished reading."));
      return;
    }
    utterance = new window.SpeechSynthesisUtterance(parts[index]);
    utterance.lang = document.documentElement.lang || "en";
    utterance.rate = button.slower.getAttribute("aria-pressed") === "true" ? SLOW_RATE : NORMAL_RATE;
    utterance.onend = function () {
      if (mine !== run) { return; }
      if (state === "paused") { cutByPause = true; return; }
      index += 1;
      speakNext(mine);
    };
    utterance.onerror = function (event) {
      if (mine !== run) { return; }
      if (state === "paused") { cutByPause = true; return; }
      if (event.error === "interrupted" || event.error === "canceled") { return; }
      run += 1;
      show("idle", say("failed", "Your browser could not read this page aloud."));
    };
    synth.speak(utterance);
  }

  function speakFrom(start) {
    run += 1;
    cutByPause = false;
    synth.cancel();
    index = start;
    speakNext(run);
  }

  button.start.addEventListener("click", function () {
    parts = textParts();
    show("speaking", say("reading", "Reading aloud."));
    speakFrom(0);
  });
  button.pause.addEventListener("click", function () {
    show("paused", say("paused", "Paused."));
    synth.pause();
  });
  button.resume.addEventListener("click", function () {
    show("speaking", say("reading", "Reading aloud."));
    if (cutByPause) {
      cutByPause = false;
      speakFrom(index);  // the part that pause cut off, from its start
    } else {
      synth.resume();
    }
  });
  button.stop.addEventListener("click", function () {
    run += 1;
    synth.cancel();
    show("idle", say("stopped", "Stopped."));
  });
  button.slower.addEventListener("click", function () {
    var slower = button.slower.getAttribute("aria-pressed") !== "true";
    button.slower.setAttribute("aria-pressed", String(slower));
    status.textContent = slower ? say("slower-on", "Slower reading on.") : say("slower-off", "Slower reading off.");
    if (state === "speaking") { speakFrom(index); }  // the part being read starts again
  });
  window.addEventListener("pagehide", function () {
    run += 1;
    synth.cancel();
  });

  box.hidden = false;
}());
