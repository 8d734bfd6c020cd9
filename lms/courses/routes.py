"""Learner pages: home, introduction, modules, lessons, glossary, handouts. No account needed."""

from flask import Blueprint, abort, current_app, render_template, send_file
from flask_login import current_user

from lms.courses import services
from lms.courses.handouts import handout_pdf_path
from lms.courses.links import course_url
from lms.courses.services import Step, load_outline, neighbours
from lms.progress.services import course_progress, record_visit

bp = Blueprint("courses", __name__)
bp.add_app_template_global(course_url)


@bp.get("/")
def home():
    outline = load_outline()
    progress = course_progress(current_user.id, outline) if current_user.is_authenticated else None
    return render_template(
        "courses/home.html", outline=outline, course=outline.course, progress=progress
    )


@bp.get("/introduction")
def introduction():
    return render_template("courses/introduction.html", course=services.current_course())


@bp.get("/modules/<slug>")
def module(slug: str):
    outline = load_outline()
    module = outline.module(slug)
    progress = course_progress(current_user.id, outline) if current_user.is_authenticated else None
    return render_template("courses/module.html", outline=outline, module=module, progress=progress)


@bp.get("/lessons/<slug>")
def lesson(slug: str):
    outline = load_outline()
    lesson = outline.lesson(slug)
    step = Step("lesson", lesson.module, lesson)
    previous, following = neighbours(outline.steps, step)
    progress = None
    if current_user.is_authenticated:
        record_visit(current_user.id, lesson)
        progress = course_progress(current_user.id, outline)
    return render_template(
        "courses/lesson.html",
        outline=outline,
        lesson=lesson,
        module=lesson.module,
        previous=previous,
        following=following,
        done=bool(progress and progress.is_done(step)),
        final_step=bool(progress and progress.missing == [step]),
        resources=services.lesson_resources(outline.course, lesson),
    )


@bp.get("/accessibility")
def accessibility():
    return render_template(
        "courses/accessibility.html", contact=current_app.config["CONTACT_EMAIL"]
    )


@bp.get("/glossary")
def glossary():
    course = services.current_course()
    return render_template("courses/glossary.html", course=course, terms=services.glossary(course))


@bp.get("/resources")
def resources():
    course = services.current_course()
    return render_template(
        "courses/resources.html", course=course, resources=services.all_resources(course)
    )


@bp.get("/resources/<slug>")
def resource(slug: str):
    course = services.current_course()
    return render_template(
        "courses/resource.html", course=course, resource=services.resource_by_slug(course, slug)
    )


@bp.get("/resources/<slug>.pdf")
def resource_pdf(slug: str):
    resource = services.resource_by_slug(services.current_course(), slug)
    path = handout_pdf_path(current_app.instance_path, resource.slug)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype="application/pdf", download_name=f"{resource.slug}.pdf")
