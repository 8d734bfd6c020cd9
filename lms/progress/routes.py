"""Marking lessons complete, taking quizzes, and "My learning"."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.certificates.services import current_certificate
from lms.courses.services import Step, load_outline, neighbours
from lms.progress import services
from lms.progress.quiz_form import parse_answers

bp = Blueprint("progress", __name__)


@bp.post("/lessons/<slug>/complete")
@login_required
def complete_lesson(slug: str):
    lesson = load_outline().lesson(slug)
    had_certificate = current_certificate(current_user.id, lesson.course_id) is not None
    if services.mark_lesson_complete(current_user.id, lesson):
        flash(f"“{lesson.title}” is marked as complete.", "success")
    certificate = current_certificate(current_user.id, lesson.course_id)
    if certificate is not None and not had_certificate:
        flash("You have completed the course. Well done! Here is your certificate.", "success")
        return redirect(url_for("certificates.show", certificate_id=certificate.id))
    return redirect(url_for("courses.lesson", slug=slug) + "#lesson-status")


@bp.route("/modules/<slug>/quiz", methods=["GET", "POST"])
def quiz(slug: str):
    outline = load_outline()
    module = outline.module(slug)
    quiz = module.active_quiz
    if quiz is None:
        return render_template("errors/error.html", code=404,
                               message="This module has no quiz."), 404
    previous, following = neighbours(outline.steps, Step("quiz", module))
    context = dict(outline=outline, module=module, quiz=quiz, previous=previous,
                   following=following, pass_mark=outline.course.pass_mark)
    if request.method == "GET":
        attempts, final_step = [], False
        if current_user.is_authenticated:
            attempts = services.attempts_for(current_user.id, quiz)
            final_step = services.course_progress(current_user.id, outline).missing == [
                Step("quiz", module)]
        return render_template("progress/quiz.html", attempts=attempts, final_step=final_step,
                               **context)
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("progress.quiz", slug=slug)))
    answers, errors = parse_answers(quiz, request.form)
    if errors:
        return render_template("progress/quiz.html", answers=answers, errors=errors,
                               attempts=[], **context), 400
    had_certificate = current_certificate(current_user.id, outline.course.id) is not None
    attempt, results = services.submit_quiz(current_user.id, quiz, answers, outline.course)
    certificate = current_certificate(current_user.id, outline.course.id)
    new_certificate = certificate if certificate is not None and not had_certificate else None
    return render_template("progress/quiz_result.html", attempt=attempt, results=results,
                           new_certificate=new_certificate, **context)


@bp.get("/my-learning")
@login_required
def my_learning():
    progress = services.course_progress(current_user.id)
    course = progress.outline.course
    if progress.is_complete and not progress.completion_recorded:
        # Complete without a step of their own (a trainer retired what was missing): finish now.
        services.refresh_completion(current_user.id, course.id)
        progress = services.course_progress(current_user.id)
    return render_template("progress/my_learning.html", progress=progress, course=course,
                           certificate=current_certificate(current_user.id, course.id))
