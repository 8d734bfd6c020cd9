"""The Listen control in a real Chromium. Headless Chromium has no voice, so an init script stands
in for window.speechSynthesis and records what the control asks it to do; everything else (the
page, the script, the buttons, the keyboard) is real."""
from tests.browser.accessibility import page_problems
from tests.offline.helpers import publish_long_lesson

RECORDING_SPEECH = """(() => {
  const calls = [];
  let current = null;
  const queue = [];
  const next = () => { current = queue.shift() || null; };
  const synth = {
    speaking: false, pending: false, paused: false,
    speak(utterance) {
      calls.push({call: "speak", text: utterance.text, rate: utterance.rate});
      queue.push(utterance);
      if (!current) { next(); }
    },
    pause() {
      calls.push({call: "pause"});
      if (window.recordedSpeech.pauseEnds) { window.recordedSpeech.finishPart(); }
    },
    resume() { calls.push({call: "resume"}); },
    cancel() {
      calls.push({call: "cancel"});
      const dropped = [current, ...queue].filter(Boolean);
      current = null; queue.length = 0;
      dropped.forEach(u => u.onerror && u.onerror({error: "interrupted"}));
    },
    getVoices() { return []; },
    addEventListener() {}, removeEventListener() {},
  };
  window.recordedSpeech = {
    calls,
    pauseEnds: false,  // true: pause() ends the utterance, as Chrome on Android does
    finishPart() {
      const done = current; current = null;
      if (done && done.onend) { done.onend({}); }
      if (!current) { next(); }
    },
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
})();"""
NO_SPEECH = """Object.defineProperty(window, "speechSynthesis",
                                      {value: undefined, configurable: true});"""


def calls(page) -> list[dict]:
    return page.evaluate("window.recordedSpeech.calls")


def spoken(page) -> list[str]:
    return [c["text"] for c in calls(page) if c["call"] == "speak"]


def status(page) -> str:
    return page.locator(".listen [role=status]").inner_text()


def focused(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def test_listen_reads_the_lesson_aloud_in_parts_with_the_keyboard(course, runner, live_server,
                                                                  page, tmp_path):
    publish_long_lesson(runner, tmp_path / "course")
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    page.get_by_role("button", name="Listen").focus()
    page.keyboard.press("Enter")

    assert status(page) == "Reading aloud."
    assert focused(page) == "Pause"  # the button pressed is gone: focus moves to its successor
    assert not page.get_by_role("button", name="Listen").is_visible()
    assert spoken(page) == ["Act now"]  # the title first, then the lesson, part by part

    page.keyboard.press("Enter")  # Pause
    assert calls(page)[-1] == {"call": "pause"}
    assert status(page) == "Paused."
    assert focused(page) == "Resume"
    page.keyboard.press("Enter")  # Resume
    assert calls(page)[-1] == {"call": "resume"}
    assert status(page) == "Reading aloud."

    while status(page) == "Reading aloud.":
        page.evaluate("window.recordedSpeech.finishPart()")
    assert status(page) == "Finished reading."
    assert page.get_by_role("button", name="Listen").is_visible()
    parts = spoken(page)
    assert len(parts) > 5 and all(len(part) <= 160 for part in parts)
    text = " ".join(parts)
    assert text.startswith("Act now What to do now.")
    assert "Sentence number 15 says what a parent can do, and why it matters" in text
    assert text.endswith("Read the law for your state.")
    for chrome in ["Skip to main content", "Glossary", "Mark as complete", "Handouts for"]:
        assert chrome not in text  # the navigation and controls are not read


def test_slower_and_stop(course, runner, live_server, page, tmp_path):
    publish_long_lesson(runner, tmp_path / "course")
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    slower = page.get_by_role("button", name="Slower")
    assert slower.get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="Listen").click()
    page.evaluate("window.recordedSpeech.finishPart()")
    slower.click()
    assert slower.get_attribute("aria-pressed") == "true"
    assert status(page) == "Slower reading on."
    last_two = calls(page)[-2:]  # the part being read starts again, slower
    assert last_two[0] == {"call": "cancel"}
    assert last_two[1]["rate"] < 1 and last_two[1]["text"] == spoken(page)[-2]

    page.get_by_role("button", name="Stop").click()
    assert calls(page)[-1] == {"call": "cancel"}
    assert status(page) == "Stopped."
    assert page.get_by_role("button", name="Listen").is_visible()
    assert not page.get_by_role("button", name="Pause").is_visible()
    page.evaluate("window.recordedSpeech.finishPart()")  # a stopped reading does not go on
    assert calls(page)[-1] == {"call": "cancel"}


def test_where_pause_ends_the_speech_resume_reads_the_part_again(course, runner, live_server,
                                                                 page, tmp_path):
    publish_long_lesson(runner, tmp_path / "course")
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    page.evaluate("window.recordedSpeech.pauseEnds = true")
    page.get_by_role("button", name="Listen").click()
    page.evaluate("window.recordedSpeech.finishPart()")
    cut_off = spoken(page)[-1]
    page.get_by_role("button", name="Pause").click()
    assert status(page) == "Paused."
    assert spoken(page)[-1] == cut_off  # nothing more is read while paused
    page.get_by_role("button", name="Resume").click()
    assert status(page) == "Reading aloud."
    assert spoken(page)[-1] == cut_off and len(spoken(page)) == 3  # the same part, again


def test_a_handout_is_read_from_its_title(course, live_server, page):
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/resources/checklist")
    page.get_by_role("button", name="Listen").click()
    while status(page) == "Reading aloud.":
        page.evaluate("window.recordedSpeech.finishPart()")
    assert spoken(page) == ["The checklist", "Things to do.", "Do this.", "Then that."]


def test_no_listen_control_where_the_browser_cannot_speak(course, live_server, page):
    page.add_init_script(NO_SPEECH)
    for path in ["/courses/mini/lessons/act-now", "/courses/mini/resources/checklist"]:
        page.goto(live_server + path)
        assert page.get_by_role("button", name="Listen").count() == 0, path
        assert not page.locator(".listen").is_visible(), path


def test_no_listen_control_without_javascript(browser, course, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/courses/mini/lessons/act-now")
    assert page.get_by_role("button", name="Listen").count() == 0
    assert not page.locator(".listen").is_visible()
    reachable = page.evaluate("""() => [...document.querySelectorAll(".listen button")]
        .filter(button => { button.focus(); return document.activeElement === button; }).length""")
    assert reachable == 0  # kept in place unseen, and out of the keyboard's reach
    context.close()


def test_the_listen_control_passes_axe_in_every_state(course, live_server, page):
    page.add_init_script(RECORDING_SPEECH)
    page.goto(live_server + "/courses/mini/lessons/act-now")
    problems = page_problems(page, "lesson, Listen ready")
    page.get_by_role("button", name="Listen").click()
    page.get_by_role("button", name="Slower").click()
    problems += page_problems(page, "lesson, reading slower")
    page.get_by_role("button", name="Pause").click()
    problems += page_problems(page, "lesson, paused")
    page.goto(live_server + "/courses/mini/resources/checklist")
    problems += page_problems(page, "handout, Listen ready")
    assert problems == []

