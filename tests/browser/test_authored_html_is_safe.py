"""Script-injection payloads typed into the authoring forms never run for learners or trainers."""
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from lms.auth.models import Role
from lms.courses.models import Course, Lesson, Module, Question
from lms.extensions import db
from tests.browser.conftest import log_in, log_out
from tests.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.browser

RUN = "window.xssRan=1;alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"></svg>',
    f'<svg><script>{RUN}</script></svg>',
    f'<iframe src="javascript:{RUN}"></iframe>',
    '<iframe srcdoc="<script>parent.xssRan=1</script>"></iframe>',
    f'<a href="javascript:{RUN}">a javascript link</a>',
    f"[a markdown javascript link](javascript:{RUN})",
    f"[mixed case](JaVaScRiPt:{RUN})",
    f"[entity encoded](&#106;avascript:{RUN})",
    "[a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f'![broken out](x" onerror="{RUN})',
    f"![js image](javascript:{RUN})",
    f'<div style="background:url(javascript:{RUN})">styled</div>',
    '<p style="width: expression(alert(1))">expression</p>',
    f'"><script>{RUN}</script>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f"<details open ontoggle={RUN}>details</details>",
    f'<object data="javascript:{RUN}"></object><embed src="javascript:{RUN}">',
    f"<input autofocus onfocus={RUN}>",
    f'<body onload="{RUN}">',
    f'<a href="#" onclick="{RUN}">click</a>',
    f'<form action="javascript:{RUN}"><button>go</button></form>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
]
SHORT = f'"><img src=x onerror={RUN}><script>{RUN}</script>'  # fits a 200-character title


@pytest.fixture
def people(app, course, learner):
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)


def author_payloads(page, base: str) -> None:
    """Through the real forms: a module title, a lesson title and body, and quiz text."""
    page.goto(f"{base}/manage/mini/modules/basics/edit")
    page.get_by_label("Module title").fill("Basics " + SHORT)
    page.get_by_role("button", name="Save to draft").click()
    page.goto(f"{base}/manage/mini/modules/basics/lessons/new")
    page.get_by_label("Lesson title").fill("Payloads " + SHORT)
    page.get_by_label("Minutes to read").fill("3")
    page.get_by_label("Lesson text").fill("\n\n".join(PAYLOADS))
    # The live preview (lms/static/editor.js) renders them as they will be published.
    expect(page.locator("[data-preview-of=body_md]")).not_to_be_empty()
    page.get_by_role("button", name="Save to draft").click()
    page.goto(f"{base}/manage/mini/modules/basics/quiz")
    page.locator("#q-2-prompt").fill("Prompt " + SHORT)
    page.locator("#q-2-c-0-text").fill("Choice " + SHORT)
    page.locator("#q-2-c-1-text").fill("Right " + PAYLOADS[1])
    page.locator("#q-2-c-1-correct").check()
    page.locator("#q-2-explanation").fill("Why " + SHORT)
    page.get_by_role("button", name="Save quiz to draft").click()
    page.goto(f"{base}/manage/mini/publish")
    page.get_by_role("button", name="Publish now").click()
    assert "Published" in page.locator(".flashes").inner_text()


def assert_nothing_ran(page, url: str | None, dialogs: list) -> None:
    """Open url (or stay on the current page) and check that no payload ran or survived."""
    if url:
        page.goto(url)
    page.wait_for_load_state("load")
    url = url or page.url
    page.wait_for_timeout(150)  # let onload/onerror/ontoggle handlers fire if any survived
    assert page.evaluate("window.xssRan") is None, url
    assert dialogs == [], (url, dialogs)
    found = page.evaluate("""() => {
        const bad = [];
        for (const el of document.querySelectorAll('main *')) {
            for (const attr of el.attributes) {
                if (/^on/i.test(attr.name)) bad.push(el.tagName + ' ' + attr.name);
                if (/^\\s*(javascript|data|vbscript):/i.test(attr.value)) bad.push(attr.value);
            }
            const tag = el.tagName.toUpperCase();
            if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'META', 'STYLE',
                 'BASE', 'LINK'].includes(tag))
                bad.push(tag);
            if (['FORM', 'INPUT', 'BUTTON', 'DETAILS'].includes(tag) && el.closest('.prose'))
                bad.push(tag + ' in lesson text');
        }
        return bad;
    }""")
    assert found == [], (url, found)


def test_no_payload_runs_anywhere_it_is_shown(app, live_server, page, people):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server, "trainer@example.org", PASSWORD)
    author_payloads(page, live_server)
    slug = _slug(app)
    for path in ["/manage/mini/", "/manage/mini/preview/", f"/manage/mini/preview/lessons/{slug}",
                 "/manage/mini/preview/modules/basics/quiz", f"/manage/mini/history/lesson/{slug}",
                 f"/manage/mini/history/lesson/{slug}/1",
                 "/manage/mini/history/quiz/basics/diff?old=1&new=2"]:
        assert_nothing_ran(page, live_server + path, dialogs)
    page.goto(f"{live_server}/manage/mini/lessons/{slug}/edit")  # the editor's live preview
    expect(page.locator("[data-preview-of=body_md]")).not_to_be_empty()
    assert_nothing_ran(page, None, dialogs)
    log_out(page)

    log_in(page, live_server, "learner@example.org", PASSWORD)
    for path in ["/", "/courses/mini/modules/basics", f"/courses/mini/lessons/{slug}",
                 "/courses/mini/modules/basics/quiz",
                 "/my-learning", "/courses/mini/lessons/second-lesson"]:
        assert_nothing_ran(page, live_server + path, dialogs)
    page.goto(live_server + "/courses/mini/modules/basics/quiz")
    for question in page.locator("fieldset.question").all():
        question.locator("input").first.check()
    page.get_by_role("button", name="Submit my answers").click()
    assert "You scored" in page.locator(".result").inner_text()
    assert_nothing_ran(page, None, dialogs)  # the result page shows every explanation

    with app.app_context():
        stored = [lesson.body_html for lesson in db.session.scalars(select(Lesson))]
        stored += [db.session.scalar(select(Course.intro_html))]
        for html in stored:
            assert unsafe_markup(html) == [], html
        titles = [m.title for m in db.session.scalars(select(Module))]
        prompts = [q.prompt for q in db.session.scalars(select(Question))]
        assert any(SHORT in t for t in titles) and any(SHORT in p for p in prompts)  # kept as text


def _slug(app) -> str:
    with app.app_context():
        return db.session.scalar(select(Lesson.slug).where(Lesson.title.startswith("Payloads")))


class _Audit(HTMLParser):
    """Collects tags and attributes that could run script; escaped text is not markup."""

    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "style", "form",
                   "input", "meta", "link", "base"}:
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (name in {"style", "srcdoc"} and tag not in {"td", "th"}):
                self.bad.append(f"{tag} {name}")
            if value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.bad.append(f"{tag} {name}={value}")


def unsafe_markup(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    return audit.bad
