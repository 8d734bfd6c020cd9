"""Learner pages: home, modules, lessons, quizzes, My learning, glossary, handouts.

Reading needs no account, and neither do marking lessons complete and taking quizzes: a visitor's
steps are kept for their device (a guest, lms/progress/guests.py) until they sign up or log in.
Pages render from the published snapshot; the learner's own state is the only thing read per
request.
"""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from lms.certificates.services import current_certificate
from lms.courses.handouts import handout_response
from lms.courses.links import course_url
from lms.courses.published import published_snapshot
from lms.courses.snapshot import Snapshot
from lms.extensions import limiter, login_manager
from lms.learn.cache import shared_page
from lms.learn.pages import home_page, lesson_page, module_page, quiz_page
from lms.progress import guests, services
from lms.progress.answers import parse_answers
from lms.progress.guest_cookie import current_guest, on_this_device, started
from lms.reminders import meetings

bp = Blueprint("learn", __name__)
bp.add_app_template_global(course_url)
bp.add_app_template_global(on_this_device)


def _snapshot() -> Snapshot:
    return published_snapshot() or abort(404)


def _progress(snapshot: Snapshot):
    """The account's progress, or this device's guest progress, or None (a visitor)."""
    if current_user.is_authenticated:
        return services.course_progress(current_user.id, snapshot)
    guest = current_guest()
    return guests.guest_progress(guest, snapshot) if guest else None


def _guest_limit() -> str:
    return current_app.config["GUEST_RATE_LIMIT"]


def _starts_no_guest() -> bool:
    """Only a visitor's first step creates a guest record: accounts and guests are exempt."""
    return current_user.is_authenticated or current_guest() is not None


# Per client address, one count for lessons and quizzes together, and only for steps that
# would create a guest record.
guest_creation_limit = limiter.shared_limit(_guest_limit, scope="new-guest",
                                            key_func=get_remote_address,
                                            exempt_when=_starts_no_guest)


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
    if current_user.is_authenticated:
        services.record_visit(current_user.id, snapshot.course_id, lesson.id, progress.place)
    elif progress is not None:
        guests.note_visit(current_guest(), lesson.id)
    return render_template("learn/lesson.html", **lesson_page(snapshot, lesson, progress))


@bp.get("/lessons/<slug>/complete")
def confirm_complete(slug: str):
    """A visitor's "Mark as complete" from a shared page (which can carry no form token): the
    choice of keeping it on this device or in an account. Reading it creates nothing."""
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    if current_user.is_authenticated or current_guest() is not None:
        return redirect(url_for("learn.lesson", slug=slug) + "#lesson-status")
    return render_template("learn/confirm_complete.html", course=snapshot.course, lesson=lesson)


@bp.post("/lessons/<slug>/complete")
@guest_creation_limit
def complete_lesson(slug: str):
    lesson = _snapshot().lesson(slug) or abort(404)
    if not current_user.is_authenticated:
        step = guests.complete_lesson(current_guest(), lesson.id)
        if step.new_token:
            started(step.guest, step.new_token)
        if step.recorded:
            flash(_("“%(title)s” is marked as complete on this device.", title=lesson.title),
                  "success")
        return redirect(url_for("learn.lesson", slug=slug) + "#lesson-status")
    outcome = services.mark_lesson_complete(current_user.id, lesson.id)
    if outcome.recorded:
        flash(_("“%(title)s” is marked as complete.", title=lesson.title), "success")
    if outcome.certificate is not None:
        flash(_("You have completed the course. Well done! Here is your certificate."), "success")
        return redirect(url_for("certificates.show", certificate_id=outcome.certificate.id))
    return redirect(url_for("learn.lesson", slug=slug) + "#lesson-status")


@bp.get("/modules/<slug>/quiz")
@shared_page
def quiz(slug: str):
    return _quiz(slug, answering=False)


@bp.get("/modules/<slug>/quiz/answer")
def answer_quiz(slug: str):
    """The quiz with its form, for a visitor coming from the shared quiz page (which can carry
    no form token). Reading it creates nothing; the first submitted attempt does."""
    return _quiz(slug, answering=True)


def _quiz(slug: str, answering: bool):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    progress, attempts = _progress(snapshot), []
    if current_user.is_authenticated:
        attempts = services.attempts_for(current_user.id, module.quiz_id)
    elif progress is not None:
        attempts = guests.attempts_for(current_guest(), module.quiz_id)
    return render_template("learn/quiz.html", attempts=attempts,
                           answering=answering or progress is not None,
                           **quiz_page(snapshot, module, progress))


@bp.post("/modules/<slug>/quiz")
@limiter.limit(_quiz_limit, key_func=_learner_key)
@guest_creation_limit
def submit_quiz(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    context = quiz_page(snapshot, module, None)
    answers, errors = parse_answers(module.questions, request.form)
    if errors:
        return render_template("learn/quiz.html", answers=answers, errors=errors, attempts=[],
                               answering=True, **context), 400
    try:
        if not current_user.is_authenticated:
            return _guest_submits_quiz(slug, answers, context)
        outcome = services.submit_quiz(current_user.id, slug, answers)
    except services.QuizGone:
        flash(_("This quiz was changed while you were answering it. Please answer it again."),
              "error")
        return redirect(url_for("learn.quiz", slug=slug))
    return render_template("learn/quiz_result.html", attempt=outcome.attempt,
                           results=outcome.results, new_certificate=outcome.certificate,
                           **context)


def _guest_submits_quiz(slug: str, answers: dict, context: dict):
    outcome = guests.submit_quiz(current_guest(), slug, answers)
    if outcome.new_token:
        started(outcome.guest, outcome.new_token)
    return render_template("learn/quiz_result.html", attempt=outcome.attempt,
                           results=outcome.results, **context)


@bp.get("/my-learning")
def my_learning():
    snapshot = _snapshot()
    if not current_user.is_authenticated:
        return _guest_learning(snapshot)
    progress = services.current_progress(current_user.id, snapshot)
    return render_template("learn/my_learning.html", progress=progress, course=snapshot.course,
                           certificate=current_certificate(current_user.id, snapshot.course_id),
                           meeting_box=meetings.meeting_box(current_user.id, snapshot, progress,
                                                            meetings.today()))


def _guest_learning(snapshot: Snapshot):
    """My learning for this device's guest; a visitor with nothing kept is asked to log in."""
    guest = current_guest()
    if guest is None:
        return login_manager.unauthorized()
    return render_template("learn/my_learning.html", course=snapshot.course, certificate=None,
                           progress=guests.guest_progress(guest, snapshot))


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
    snapshot = _snapshot()
    resource = snapshot.resource(slug) or abort(404)
    try:
        return handout_response(snapshot.course.slug, resource.slug, snapshot.language)
    except FileNotFoundError:
        abort(404)
