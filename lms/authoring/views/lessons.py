"""Lessons in the draft: write (with a Markdown preview), create, reorder, move, retire."""
from datetime import date

from flask import flash, redirect, render_template, request
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import history, lessons
from lms.authoring.blueprint import (
    back_when_refused,
    bp,
    conflict_message,
    delta,
    manage_url,
    managed_course,
    moved_url,
    when_refused,
)
from lms.authoring.draft import find_lesson, find_module, working_copy
from lms.authoring.forms import ConfirmForm, LessonForm, MoveLessonForm
from lms.authoring.history import EditConflict
from lms.content.schema import LESSON_CONTENT, REVIEW_DATES, from_iso
from lms.courses.markdown import render_markdown


def _lesson_form(data, content: dict | None) -> LessonForm:
    if content is not None:  # review dates (issue 21): the form's date fields take dates
        content = {**content, **{name: from_iso(content.get(name)) for name in REVIEW_DATES}}
    form = LessonForm(data=content)
    form.resources.choices = [(r.slug, r.title) for r in data.resources]
    return form


EMPTY = {"resources": [], "before_meeting": False, "check_again_for": ""}


def _content(form: LessonForm) -> dict:
    """The form's fields are named as the lesson's (LESSON_CONTENT)."""
    return {name: getattr(form, name).data or EMPTY.get(name) for name in LESSON_CONTENT}


def _render(form, module, lesson, status=200, preview_html=None, conflict=None):
    return render_template("authoring/lesson_form.html", form=form, module=module, lesson=lesson,
                           preview_html=preview_html, conflict=conflict), status


@bp.route("/modules/<module_slug>/lessons/new", methods=["GET", "POST"])
def new_lesson(module_slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, module_slug)
    form = _lesson_form(data, {"minutes": 5, "reviewed": date.today()}  # issue 21: today
                        if request.method == "GET" else None)
    form.revision.data = 0  # a new lesson has no revisions yet
    if not form.validate_on_submit():
        return _render(form, module, None, 400 if form.errors else 200)
    if request.form.get("action") == "preview":
        return _render(form, module, None, preview_html=render_markdown(form.body_md.data))
    when_refused(lambda status: _render(form, module, None, status))
    slug = lessons.add_lesson(course, current_user.id, module_slug, _content(form),
                              form.note.data or "")
    flash(gettext("Lesson “%(title)s” is added to the draft. Preview it, then publish "
            "when you are ready.", title=form.title.data), "success")
    return redirect(manage_url(f"lesson-{slug}"))


@bp.route("/lessons/<slug>/edit", methods=["GET", "POST"])
def edit_lesson(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module, lesson = find_lesson(data, slug)
    form = _lesson_form(data, history.lesson_content(lesson) if request.method == "GET" else None)
    if request.method == "GET":
        form.revision.data = history.latest_number(course.id, "lesson", slug)
    if not form.validate_on_submit():
        return _render(form, module, lesson, 400 if form.errors else 200)
    if request.form.get("action") == "preview":
        return _render(form, module, lesson, preview_html=render_markdown(form.body_md.data))
    when_refused(lambda status: _render(form, module, lesson, status))
    try:
        saved = lessons.save_lesson(course, current_user.id, slug, _content(form),
                                    int(form.revision.data), form.note.data or "")
    except EditConflict as conflict:
        return _render(form, module, lesson, 409, conflict={
            "message": conflict_message(conflict), "base": int(form.revision.data),
            "current": conflict.current})
    if saved:
        flash(gettext("Lesson “%(title)s” is saved in the draft.", title=form.title.data),
              "success")
    else:
        flash(gettext("Nothing had changed, so nothing was saved."), "info")
    return redirect(manage_url(f"lesson-{slug}"))


@bp.post("/lessons/<slug>/move")
def move_lesson(slug: str):
    back_when_refused(manage_url(f"lesson-{slug}"))
    if not lessons.move_lesson(managed_course(), current_user.id, slug, delta()):
        flash(gettext("That lesson is already at that end of its module. To move it to another "
                      "module, use “Move to…”."), "info")
    return redirect(moved_url(f"lesson-{slug}"))


@bp.route("/lessons/<slug>/place", methods=["GET", "POST"])
def place_lesson(slug: str):
    """Move a lesson to a position in any module (the keyboard-friendly alternative to dragging)."""
    course = managed_course()
    data, _ = working_copy(course)
    module, lesson = find_lesson(data, slug)
    form = MoveLessonForm(data={"module": module.slug,
                                "position": module.lessons.index(lesson) + 1})
    form.module.choices = [(m.slug, f"{m.position}. {m.title}") for m in data.modules]
    if not form.validate_on_submit():
        return _place_page(form, lesson, 400 if form.errors else 200)
    when_refused(lambda status: _place_page(form, lesson, status))
    lessons.move_lesson_to(course, current_user.id, slug, form.module.data, form.position.data)
    flash(gettext("Lesson “%(title)s” is moved in the draft.", title=lesson.title), "success")
    return redirect(manage_url(f"lesson-{slug}"))


def _place_page(form: MoveLessonForm, lesson, status: int):
    return render_template("authoring/place_lesson.html", form=form, lesson=lesson), status


@bp.route("/lessons/<slug>/retire", methods=["GET", "POST"])
def retire_lesson(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    _, lesson = find_lesson(data, slug)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("authoring/confirm_retire.html", form=form, what="lesson",
                               title=lesson.title, lessons=[])
    back_when_refused(manage_url(f"lesson-{slug}"))
    lessons.retire_lesson(course, current_user.id, slug)
    flash(gettext("Lesson “%(title)s” is retired in the draft. Publish to hide it from "
                  "learners; their progress and the lesson's history are kept.",
                  title=lesson.title), "success")
    return redirect(manage_url())

