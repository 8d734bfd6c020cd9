"""Learner pages of one course: its home, modules, lessons, quizzes, glossary, handouts.

Reading needs no account, and neither do marking lessons complete and taking quizzes: a visitor's
steps are kept for their device (a guest, lms/progress/guests.py) until they sign up or log in.
Pages render from the course's published snapshot (g.snapshot, opened by the blueprint from
the URL); the learner's own state is the only thing read per request.
"""
from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from lms.catalogue.handouts import handout_response
from lms.catalogue.snapshot import Snapshot
from lms.courses.links import course_url
from lms.extensions import limiter
from lms.learn.blueprint import bp
from lms.learn.cache import learner_page, pages_across_courses, shared_page
from lms.learn.pages import home_page, lesson_page, module_page, quiz_page, result_page
from lms.progress import draw, guests, history, services
from lms.progress.answers import parse_answers
from lms.progress.guest_cookie import current_guest, on_this_device, started

bp.add_app_template_global(course_url)
bp.add_app_template_global(on_this_device)


def _snapshot() -> Snapshot:
    return g.snapshot


def _closed_to_newcomers(progress: services.CourseProgress | None = None) -> bool:
    """An archived course takes no new learners: only those already enrolled may go on. A
    page that read the learner's progress knows it from there (a place: enrolled), with no
    query of its own."""
    if g.course_ref.visibility.takes_new_learners:
        return False
    if not current_user.is_authenticated:
        return True
    if progress is not None:
        return progress.place is None
    return not services.is_enrolled(current_user.id, g.course_ref.id)


def _archived():
    return render_template(
        "errors/error.html", code=403,
        message=_("This course is archived: it takes no new learners. You can still read "
                  "every lesson.")), 403


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
    progress = _progress(snapshot)
    archived = _closed_to_newcomers(progress)

    def render(**extra):
        return render_template("learn/home.html", archived=archived,
                               **home_page(snapshot, progress), **extra)

    if current_user.is_authenticated:
        # A learner's state in a course has many more values than a module's: these pages are
        # kept with My learning's, the most recently used, so the course and its version are
        # in the key.
        return learner_page((snapshot.course_id, snapshot.version, archived,
                             *progress.shown_state()), render, pages_across_courses())
    return render()


@bp.get("/introduction")
@shared_page
def introduction():
    return render_template("learn/introduction.html", course=_snapshot().course)


@bp.get("/modules/<slug>")
@shared_page
def module(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    progress = _progress(snapshot)
    archived = _closed_to_newcomers(progress)

    def render(**extra):
        return render_template("learn/module.html", archived=archived,
                               **module_page(snapshot, module, progress), **extra)

    if current_user.is_authenticated:
        return learner_page((*progress.module_state(module), archived), render)
    return render()


@bp.get("/lessons/<slug>")
@shared_page
def lesson(slug: str):
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    progress = _progress(snapshot)
    archived = _closed_to_newcomers(progress)
    if current_user.is_authenticated:
        if not archived:  # a first visit enrols: an archived course takes no newcomer
            services.record_visit(current_user.id, snapshot.course_id, lesson.id, progress.place)
    elif progress is not None:
        guests.note_place(current_guest(), snapshot.course_id, lesson.id, progress.place)
    context = lesson_page(snapshot, lesson, progress)

    def render(**extra):
        return render_template("learn/lesson.html", archived=archived, **context, **extra)

    if current_user.is_authenticated and not context["final_step"]:
        # All the page shows of the learner is whether they have done it, and whether they may
        # (an archived course: only if enrolled). The last step shows their printed name, so it
        # is rendered for them.
        return learner_page((context["done"], archived), render)
    return render()


@bp.get("/lessons/<slug>/complete")
def confirm_complete(slug: str):
    """A visitor's "Mark as complete" from a shared page (which can carry no form token): the
    choice of keeping it on this device or in an account. Reading it creates nothing."""
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    if current_user.is_authenticated or current_guest() is not None or _closed_to_newcomers():
        return redirect(url_for("learn.lesson", slug=slug) + "#lesson-status")
    return render_template("learn/confirm_complete.html", course=snapshot.course, lesson=lesson)


@bp.post("/lessons/<slug>/complete")
@guest_creation_limit
def complete_lesson(slug: str):
    snapshot = _snapshot()
    lesson = snapshot.lesson(slug) or abort(404)
    if _closed_to_newcomers():
        return _archived()
    if not current_user.is_authenticated:
        step = guests.complete_lesson(current_guest(), snapshot.course_id, lesson.id)
        if step.new_token:
            started(step.guest, step.new_token)
        if step.recorded:
            flash(_("“%(title)s” is marked as complete on this device.", title=lesson.title),
                  "success")
        return _back_to_lesson(slug, step.recorded)
    outcome = services.mark_lesson_complete(current_user.id, snapshot.course_id, lesson.id)
    if outcome.recorded:
        flash(_("“%(title)s” is marked as complete.", title=lesson.title), "success")
    if outcome.certificate is not None:
        flash(_("You have completed the course. Well done! Here is your certificate."), "success")
        return redirect(url_for("certificates.show", certificate_id=outcome.certificate.id))
    return _back_to_lesson(slug, outcome.recorded)


def _back_to_lesson(slug: str, flashed: bool):
    """Back to the lesson: to the top, where the confirmation shows, when there is one; to its
    progress box otherwise (a repeated tap), so the reader sees where it stands."""
    return redirect(url_for("learn.lesson", slug=slug) + ("" if flashed else "#lesson-status"))


@bp.get("/modules/<slug>/quiz")
@shared_page
def quiz(slug: str):
    return _quiz(slug, answering=False)


@bp.get("/modules/<slug>/quiz/answer")
def answer_quiz(slug: str):
    """The quiz with its form, for a visitor coming from the shared quiz page (which can carry
    no form token, nor a draw of its own). Reading it creates nothing; the first submitted
    attempt does."""
    return _quiz(slug, answering=True)


def _learner() -> str:
    """Whom a draw is for: an account, or this device (a guest, or a visitor not yet one)."""
    return f"u{current_user.id}" if current_user.is_authenticated else "visitor"


def _history(module) -> history.QuizHistory:
    """The learner's attempts at the module's quiz, as its page shows them (none: a visitor)."""
    if current_user.is_authenticated:
        return history.of_learner(current_user.id, module.quiz_id)
    guest = current_guest()
    return history.of_guest(guest.id, module.quiz_id) if guest else history.NONE


def _quiz(slug: str, answering: bool, status: int = 200):
    """The quiz page. Whoever can answer here gets a draw of their own; the page shared by
    every visitor (cached) shows no questions, only the way to answer them."""
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    progress = _progress(snapshot)
    archived = _closed_to_newcomers(progress)
    answering = (answering or progress is not None) and not archived
    tried = _history(module)
    context = dict(history=tried, answering=answering, archived=archived)
    if answering:
        layout = draw.draw(module, tried.latest_asked, draw.rng())
        context.update(questions=draw.shown(module, layout), draw_token=draw.sign(
            module.quiz_id, _learner(), tried.count, layout))
    return render_template("learn/quiz.html", **{**quiz_page(snapshot, module, progress),
                                                 **context}), status


@bp.post("/modules/<slug>/quiz")
@limiter.limit(_quiz_limit, key_func=_learner_key)
@guest_creation_limit
def submit_quiz(slug: str):
    snapshot = _snapshot()
    module = snapshot.module(slug) or abort(404)
    if not module.has_quiz:
        return _no_quiz()
    if _closed_to_newcomers():
        return _archived()
    try:
        before, shown = draw.submitted(module, request.form.get("draw"), _learner())
    except draw.DrawRefused:
        flash(_("This quiz changed, or this page was out of date. Here are its questions "
                "again."), "error")
        return _quiz(slug, answering=True, status=409)
    context = quiz_page(snapshot, module, None)
    answers, errors = parse_answers(shown, request.form)
    if errors:
        return render_template("learn/quiz.html", **{
            **context, "answers": answers, "errors": errors, "history": history.NONE,
            "answering": True, "questions": shown, "draw_token": request.form.get("draw")}), 400
    layout = [{"key": q.key, "order": list(q.order)} for q in shown]
    try:
        if not current_user.is_authenticated:
            return _guest_submits_quiz(slug, answers, layout, before, context)
        outcome = services.submit_quiz(current_user.id, snapshot.course_id, slug, answers,
                                       layout, before)
    except services.QuizGone:
        flash(_("This quiz was changed while you were answering it. Please answer it again."),
              "error")
        return redirect(url_for("learn.quiz", slug=slug))
    except services.DrawUsed:
        return _draw_used(slug)
    return render_template("learn/quiz_result.html", attempt=outcome.attempt,
                           results=outcome.results, new_certificate=outcome.certificate,
                           **result_page(snapshot, module, outcome.results), **context)


def _draw_used(slug: str):
    flash(_("You submitted this quiz since this page was opened (in another tab or window?). "
            "Here are new questions."), "error")
    return _quiz(slug, answering=True, status=409)


def _guest_submits_quiz(slug: str, answers: dict, layout: list[dict], before: int | None,
                        context: dict):
    outcome = guests.submit_quiz(current_guest(), g.snapshot.course_id, slug, answers, layout,
                                 before)
    if outcome.new_token:
        started(outcome.guest, outcome.new_token)
    return render_template("learn/quiz_result.html", attempt=outcome.attempt,
                           results=outcome.results,
                           **result_page(g.snapshot, context["module"], outcome.results),
                           **context)


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
