"""Learner pages: home, modules, lessons, quizzes, My learning, glossary, handouts.

Reading needs no account; marking lessons complete and taking quizzes do. Pages render from the
published snapshot; the learner's own state is the only thing read per request.
"""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required

from lms.certificates.services import current_certificate
from lms.courses.handouts import handout_pdf_path
from lms.courses.links import course_url
from lms.courses.published import published_snapshot
from lms.courses.snapshot import Snapshot
from lms.extensions import limiter
from lms.learn.cache import shared_page
from lms.learn.pages import home_page, lesson_page, module_page, quiz_page
from lms.progress import services
from lms.progress.answers import parse_answers
from lms.reminders import meetings

bp = Blueprint("learn", __name__)
bp.add_app_template_global(course_url)


def _snapshot() -> Snapshot:
    return published_snapshot() or abort(404)


def _progress(snapshot: Snapshot):
    if not current_user.is_authenticated:
        return None
    return services.course_progress(current_user.id, snapshot)


def _quiz_limit() -> str:
    return current_app.config["QUIZ_RATE_LIMIT"]


def _learner_key() -> str:
    return f"user:{current_user.id}" if current_user.is_authenticated else request.remote_addr


def _no_quiz():
    return render_template("errors/error.html", code=404, message="This module has no quiz."), 404


@bp.get("/")
@shared_page
def home():
    snapshot = _snapshot()
    return render_template("learn/home.html", **home_page(snapshot, _progress(snapshot)))


@bp.get("/introduction")
@shared_page
def introduction():
    return render_template("learn/introduction.html", course=_snapshot().course)


@bp.get("/modules/<slug>")
@shared_page
def module(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    return render_template("learn/module.html",
                           **module_page(snapshot, module, _progress(snapshot)))


@bp.get("/lessons/<slug>")
@shared_page
def lesson(slug: str):
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    progress = _progress(snapshot)
    if progress is not None:
        services.record_visit(current_user.id, snapshot.course_id, lesson.id, progress.place)
    return render_template("learn/lesson.html", **lesson_page(snapshot, lesson, progress))


@bp.post("/lessons/<slug>/complete")
@login_required
def complete_lesson(slug: str):
    lesson = _snapshot().lesson(slug) or abort(404)
    outcome = services.mark_lesson_complete(current_user.id, lesson.id)
    if outcome.recorded:
        flash(f"“{lesson.title}” is marked as complete.", "success")
    if outcome.certificate is not None:
        flash("You have completed the course. Well done! Here is your certificate.", "success")
        return redirect(url_for("certificates.show", certificate_id=outcome.certificate.id))
    return redirect(url_for("learn.lesson", slug=slug) + "#lesson-status")


@bp.get("/modules/<slug>/quiz")
@shared_page
def quiz(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    progress, attempts = _progress(snapshot), []
    if progress is not None:
        attempts = services.attempts_for(current_user.id, module.quiz_id)
    return render_template("learn/quiz.html", attempts=attempts,
                           **quiz_page(snapshot, module, progress))


@bp.post("/modules/<slug>/quiz")
@limiter.limit(_quiz_limit, key_func=_learner_key)
def submit_quiz(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("learn.quiz", slug=slug)))
    context = quiz_page(snapshot, module, None)
    answers, errors = parse_answers(module.questions, request.form)
    if errors:
        return render_template("learn/quiz.html", answers=answers, errors=errors, attempts=[],
                               **context), 400
    try:
        outcome = services.submit_quiz(current_user.id, slug, answers)
    except services.QuizGone:
        flash("This quiz was changed while you were answering it. Please answer it again.",
              "error")
        return redirect(url_for("learn.quiz", slug=slug))
    return render_template("learn/quiz_result.html", attempt=outcome.attempt,
                           results=outcome.results, new_certificate=outcome.certificate,
                           **context)


@bp.get("/my-learning")
@login_required
def my_learning():
    snapshot = _snapshot()
    progress = services.current_progress(current_user.id, snapshot)
    return render_template("learn/my_learning.html", progress=progress, course=snapshot.course,
                           certificate=current_certificate(current_user.id, snapshot.course_id),
                           meeting_box=meetings.meeting_box(current_user.id, snapshot, progress,
                                                            meetings.today()))


@bp.get("/accessibility")
def accessibility():
    return render_template("learn/accessibility.html",
                           contact=current_app.config["CONTACT_EMAIL"])


@bp.get("/glossary")
@shared_page
def glossary():
    snapshot = _snapshot()
    return render_template("learn/glossary.html", course=snapshot.course, terms=snapshot.glossary)


@bp.get("/resources")
@shared_page
def resources():
    snapshot = _snapshot()
    return render_template("learn/resources.html", course=snapshot.course,
                           resources=snapshot.resources)


@bp.get("/resources/<slug>")
@shared_page
def resource(slug: str):
    snapshot = _snapshot()
    resource = snapshot.resource(slug) or abort(404)
    return render_template("learn/resource.html", course=snapshot.course, resource=resource)


@bp.get("/resources/<slug>.pdf")
def resource_pdf(slug: str):
    resource = _snapshot().resource(slug) or abort(404)
    path = handout_pdf_path(current_app.instance_path, resource.slug)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype="application/pdf", download_name=f"{resource.slug}.pdf")
