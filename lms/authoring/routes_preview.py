"""Preview of the draft, page by page, through the learner templates (/manage/preview/...)."""
from lms.authoring.blueprint import bp
from lms.authoring.draft import working_copy
from lms.authoring.preview import preview_outline, render_preview
from lms.courses import services
from lms.courses.services import Step, neighbours


def _outline():
    course = services.current_course()
    return preview_outline(course, working_copy(course)[0])


@bp.get("/preview/")
def preview_home():
    outline = _outline()
    return render_preview("courses/home.html", outline=outline, course=outline.course)


@bp.get("/preview/modules/<slug>")
def preview_module(slug: str):
    outline = _outline()
    return render_preview("courses/module.html", outline=outline, module=outline.module(slug))


@bp.get("/preview/lessons/<slug>")
def preview_lesson(slug: str):
    outline = _outline()
    lesson = outline.lesson(slug)
    previous, following = neighbours(outline.steps, Step("lesson", lesson.module, lesson))
    return render_preview(
        "courses/lesson.html", outline=outline, lesson=lesson, module=lesson.module,
        previous=previous, following=following, done=False,
        resources=services.lesson_resources(outline.course, lesson))


@bp.get("/preview/modules/<slug>/quiz")
def preview_quiz(slug: str):
    outline = _outline()
    module = outline.module(slug)
    if module.quiz is None:
        return render_preview("errors/error.html", code=404,
                              message="This module has no quiz in the draft."), 404
    previous, following = neighbours(outline.steps, Step("quiz", module))
    return render_preview("progress/quiz.html", outline=outline, module=module, quiz=module.quiz,
                          previous=previous, following=following,
                          pass_mark=outline.course.pass_mark, attempts=[])
