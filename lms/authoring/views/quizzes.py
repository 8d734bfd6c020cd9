"""A module's quiz in the draft: questions, choices, correct answers, explanations."""
from flask import flash, redirect, render_template, request
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import history, quizzes
from lms.authoring.blueprint import bp, conflict_message, manage_url, managed_course, when_refused
from lms.authoring.draft import find_module, working_copy
from lms.authoring.history import EditConflict


@bp.route("/modules/<slug>/quiz", methods=["GET", "POST"])
def edit_quiz(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    lessons = [lesson for m in data.modules for lesson in m.lessons]
    if request.method == "GET":
        content = history.quiz_content(module)
        return _render(module, content["title"], quizzes.rows_from_content(content),
                       history.latest_number(course.id, "quiz", slug), lessons=lessons,
                       ask=content["ask"])
    title, rows, errors = quizzes.parse(request.form, frozenset(x.slug for x in lessons))
    ask, ask_errors = quizzes.parse_ask(request.form, rows)
    errors += ask_errors
    expected = quizzes.revision_from(request.form)
    if errors:
        return _render(module, title, rows, expected, errors=errors, status=400,
                       lessons=lessons, ask=request.form.get("ask", ""))
    when_refused(lambda status: _render(module, title, rows, expected, status=status,
                                        lessons=lessons))
    try:
        saved = quizzes.save_quiz(course, current_user.id, slug,
                                  quizzes.content_from(title, rows, ask), expected,
                                  (request.form.get("note") or "").strip()[:200])
    except EditConflict as conflict:
        return _render(module, title, rows, expected, status=409, lessons=lessons, conflict={
            "message": conflict_message(conflict), "base": expected, "current": conflict.current})
    if saved:
        flash(gettext("The quiz for “%(title)s” is saved in the draft.", title=module.title),
              "success")
    else:
        flash(gettext("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(f"module-{slug}"))


def _render(module, title, rows, revision, errors=(), status=200, conflict=None, lessons=(),
            ask=None):
    return render_template("authoring/quiz_form.html", module=module, title=title, rows=rows,
                           revision=revision, errors=list(errors), conflict=conflict,
                           note=request.form.get("note", ""), lessons=lessons,
                           ask=ask if ask is not None else request.form.get("ask", "")), status
