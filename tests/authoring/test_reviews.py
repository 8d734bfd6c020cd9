"""Review dates (issue 21 item 2): what is due, "reviewed, no change" in one click, and the
learner's "Last reviewed" line. The due list takes `today`, so tests move the clock by passing
it, not by patching datetime."""
from datetime import date, timedelta
from html import unescape

from sqlalchemy import select

from lms.audit import AuditEvent
from lms.authoring import reviews
from lms.authoring.draft import get_draft
from lms.authoring.models import Revision
from lms.courses.models import Course, Lesson, Resource
from lms.dates import long_date
from lms.extensions import db
from tests.authoring.helpers import edit_lesson, publish
from tests.helpers import text_of

# In the mini course: "Act now" is to be checked again by 4 January 2027; everything was
# reviewed on 2 November 2026.
ACT_NOW_CHECK = date(2027, 1, 4)
REVIEWED = date(2026, 11, 2)


def due(app, course, today) -> dict[str, reviews.DueItem]:
    with app.app_context():
        return {item.slug: item for item in reviews.due_items(course, today)}


def test_a_check_is_due_30_days_ahead_and_overdue_the_day_after_its_date(app, course):
    assert due(app, course, ACT_NOW_CHECK - timedelta(days=31)) == {}
    soon = due(app, course, ACT_NOW_CHECK - timedelta(days=30))
    assert list(soon) == ["act-now"] and soon["act-now"].due_soon
    assert not soon["act-now"].overdue and not soon["act-now"].stale
    on_the_day = due(app, course, ACT_NOW_CHECK)["act-now"]
    assert on_the_day.due_soon and not on_the_day.overdue
    after = due(app, course, ACT_NOW_CHECK + timedelta(days=1))
    assert list(after) == ["act-now"] and after["act-now"].overdue
    assert after["act-now"].check_again_for == "The bill's status"


def test_an_item_reviewed_more_than_a_year_ago_is_due_the_day_after_the_year(app, course):
    year_on = date(2027, 11, 2)
    assert set(due(app, course, year_on)) == {"act-now"}  # overdue since January only
    stale = due(app, course, year_on + timedelta(days=1))
    assert set(stale) == {"first-lesson", "second-lesson", "act-now", "later", "checklist"}
    assert stale["checklist"].kind == "handout" and stale["later"].stale
    assert list(stale)[0] == "act-now"  # a passed check first, then the oldest reviews


def test_a_row_from_before_review_dates_is_due_as_never_reviewed(app, course):
    with app.app_context():
        db.session.get(Lesson, db.session.scalar(
            select(Lesson.id).where(Lesson.slug == "later"))).reviewed = None
        db.session.commit()
    item = due(app, course, REVIEWED)["later"]
    assert item.stale and item.reviewed is None


def set_check(app, slug, by, model=Lesson):
    with app.app_context():
        row = db.session.scalar(select(model).where(model.slug == slug))
        row.check_again_by, row.check_again_for = by, "The bill's status"
        db.session.commit()


def test_the_reviews_page_lists_what_is_due_with_links_and_is_linked_from_manage(app, as_trainer):
    set_check(app, "act-now", date.today() + timedelta(days=10))
    assert 'href="/manage/mini/reviews"' in as_trainer.get("/manage/mini/").get_data(as_text=True)
    page = as_trainer.get("/manage/mini/reviews")
    html, text = page.get_data(as_text=True), unescape(text_of(page))
    assert page.status_code == 200
    assert 'href="/manage/mini/lessons/act-now/edit"' in html
    assert "Due soon:" in text and "The bill's status" in text
    assert "Second lesson" not in text  # reviewed within the year, no check set


def lesson_row(app, slug) -> tuple:
    with app.app_context():
        row = db.session.scalar(select(Lesson).where(Lesson.slug == slug))
        return row.reviewed, row.check_again_by, row.check_again_for


def revisions_of(app, slug) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(r.note, r.content) for r in db.session.scalars(
            select(Revision).where(Revision.slug == slug).order_by(Revision.number))]


def test_reviewed_no_change_is_one_click_recorded_in_history_and_shown_to_learners(
        app, as_trainer):
    today = date.today()
    set_check(app, "act-now", today + timedelta(days=3))
    # The learner page is read (and its snapshot built) before the review.
    before = text_of(as_trainer.get("/courses/mini/lessons/act-now"))
    assert "Last reviewed November 2, 2026" in before
    later = today + timedelta(days=200)
    response = as_trainer.post("/manage/mini/reviews/lesson/act-now", data={
        "lesson-act-now-check_again_by": later.isoformat(),
        "lesson-act-now-check_again_for": "The bill's status"}, follow_redirects=True)
    assert response.status_code == 200
    assert "“Act now” is marked as reviewed today." in text_of(response)
    assert lesson_row(app, "act-now") == (today, later, "The bill's status")
    (_, before), (note, after) = revisions_of(app, "act-now")
    assert note == reviews.REVIEWED_NOTE and after["reviewed"] == today.isoformat()
    assert before["reviewed"] == REVIEWED.isoformat()  # the state before, kept as a baseline
    assert after["body_md"] == before["body_md"]
    history = text_of(as_trainer.get("/manage/mini/history/lesson/act-now"))
    assert reviews.REVIEWED_NOTE in history
    with app.app_context():
        shown = long_date(today, language="en")
        assert get_draft(db.session.scalar(select(Course.id))) is None  # no publish needed
    lesson = text_of(as_trainer.get("/courses/mini/lessons/act-now"))
    assert f"Last reviewed {shown}" in lesson


def test_an_empty_date_clears_the_next_check(app, as_trainer):
    as_trainer.post("/manage/mini/reviews/lesson/act-now", data={
        "lesson-act-now-check_again_by": "", "lesson-act-now-check_again_for": "x"})
    assert lesson_row(app, "act-now") == (date.today(), None, "")


def test_with_a_draft_the_review_goes_into_it_too_so_publishing_keeps_it(app, as_trainer):
    assert edit_lesson(as_trainer, "second-lesson", 0).status_code == 302  # a draft exists
    as_trainer.post("/manage/mini/reviews/lesson/act-now", data={})
    assert lesson_row(app, "act-now")[0] == date.today()
    publish(as_trainer)
    assert lesson_row(app, "act-now")[0] == date.today()
    assert "Changed text." in text_of(as_trainer.get("/courses/mini/lessons/second-lesson"))


def test_a_handout_review_is_recorded_in_the_audit_log(app, as_trainer):
    response = as_trainer.post("/manage/mini/reviews/handout/checklist", data={})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(Resource).where(Resource.slug == "checklist"))
        assert row.reviewed == date.today()
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "handout reviewed"))
        assert event.target == "handout checklist"


def test_bad_review_requests_are_refused_with_a_message(app, as_trainer):
    past = as_trainer.post("/manage/mini/reviews/lesson/act-now", data={
        "lesson-act-now-check_again_by": date.today().isoformat()})
    assert past.status_code == 400
    assert "The date to check again must be after today." in text_of(past)
    garbled = as_trainer.post("/manage/mini/reviews/lesson/act-now", data={
        "lesson-act-now-check_again_by": "soon"})
    assert garbled.status_code == 400 and "Not a valid date value." in text_of(garbled)
    too_long = as_trainer.post("/manage/mini/reviews/lesson/act-now", data={
        "lesson-act-now-check_again_by": "9999-12-31",
        "lesson-act-now-check_again_for": "x" * 201})
    assert too_long.status_code == 400 and "200 characters" in text_of(too_long)
    assert lesson_row(app, "act-now")[0] == REVIEWED  # nothing recorded
    assert as_trainer.post("/manage/mini/reviews/quiz/basics", data={}).status_code == 404
    assert as_trainer.post("/manage/mini/reviews/lesson/nope", data={}).status_code == 404


def test_the_learner_sees_last_reviewed_in_english_and_spanish(client, course):
    english = client.get("/courses/mini/lessons/first-lesson")
    html = english.get_data(as_text=True)
    assert "Last reviewed November 2, 2026" in text_of(english)
    assert '<time datetime="2026-11-02">' in html
    assert '"dateModified": "2026-11-02"' in html and 'type="application/ld+json"' in html
    spanish = text_of(client.get("/courses/mini/lessons/first-lesson?lang=es"))
    assert "Última revisión: 2 de noviembre de 2026" in spanish


def test_the_lesson_editor_keeps_the_dates_and_checks_their_order(app, as_trainer):
    page = as_trainer.get("/manage/mini/lessons/act-now/edit").get_data(as_text=True)
    assert 'value="2026-11-02"' in page and 'value="2027-01-04"' in page
    data = {"title": "Act now", "minutes": 5, "body_md": "What to do **now**.", "revision": "0",
            "action": "save", "reviewed": "2026-12-01", "check_again_by": "2026-11-30",
            "check_again_for": "The bill's status", "resources": ["checklist"],
            "before_meeting": "y"}
    refused = as_trainer.post("/manage/mini/lessons/act-now/edit", data=data)
    assert refused.status_code == 400
    assert "The date to check again must be after the review date." in text_of(refused)
    saved = as_trainer.post("/manage/mini/lessons/act-now/edit",
                            data={**data, "check_again_by": "2027-02-01"})
    assert saved.status_code == 302
    (_, baseline), (_, after) = revisions_of(app, "act-now")
    assert (after["reviewed"], after["check_again_by"]) == ("2026-12-01", "2027-02-01")
    publish(as_trainer)
    assert lesson_row(app, "act-now") == (date(2026, 12, 1), date(2027, 2, 1),
                                          "The bill's status")
