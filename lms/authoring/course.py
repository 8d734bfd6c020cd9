"""The course's own fields in the draft (title, summary, pass mark), with their history, and
what a trainer sets on a handout in the browser (a handout's text comes from the files)."""
from lms.authoring import history
from lms.authoring.draft import AuthoringError, change_draft
from lms.content.schema import CourseData
from lms.courses.models import Course
from lms.refusal import N_


def save_course_fields(course: Course, user_id: int, content: dict, expected: int,
                       note: str = "") -> None:
    """Raises EditConflict when someone saved the fields since the form was opened."""
    def mutate(data: CourseData):
        before = history.course_content(data)
        history.record(course.id, "course", course.slug, before=before, after=content,
                       author_id=user_id, note=note, expected=expected)
        history.apply_course_content(data, content)
    change_draft(course, user_id, mutate)


def set_handout_before_meeting(course: Course, user_id: int, slug: str, value: bool) -> None:
    """Whether the handout is suggested for printing before a meeting with the school."""
    def mutate(data: CourseData):
        handout = next((r for r in data.resources if r.slug == slug), None)
        if handout is None:
            raise AuthoringError(N_("That handout is no longer in the draft."))
        handout.before_meeting = bool(value)
    change_draft(course, user_id, mutate)
