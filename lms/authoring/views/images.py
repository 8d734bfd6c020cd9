"""Lesson images, per course: upload (the page gives the Markdown line to paste), delete; and
the public /uploads/<course>/<name> that serves them (the "uploads" blueprint: images are
public, like the lessons that show them)."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext

from lms.authoring import images as lesson_images  # images() below is the page
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.forms import ConfirmForm, UploadForm
from lms.catalogue.listing import default_course_ref
from lms.refusal import said
from lms.storage import UNAVAILABLE

public_bp = Blueprint("uploads", __name__)


@bp.route("/images", methods=["GET", "POST"])
def images():
    course = managed_course().slug
    form = UploadForm()
    status = 200
    if form.validate_on_submit():
        try:
            name = lesson_images.save_image(course, form.image.data.filename,
                                            form.image.data.read())
            link = url_for("uploads.image", course=course, name=name)
            snippet = f"![{form.alt.data}]({link})"
            flash(gettext("The image is uploaded. Copy the line below into a lesson."), "success")
            return render_template("authoring/images.html", form=UploadForm(formdata=None),
                                   snippet=snippet, names=_names(), delete=ConfirmForm(),
                                   course_slug=course)
        except lesson_images.UploadRejected as rejected:
            form.image.errors = [said(rejected)]
            status = 400
    elif form.errors:
        status = 400
    return render_template("authoring/images.html", form=form, snippet=None,
                           names=_names(), delete=ConfirmForm(), course_slug=course), status


@bp.post("/images/<name>/delete")
def delete_image(name: str):
    if not lesson_images.delete_image(managed_course().slug, name):
        abort(404)
    flash(gettext("The image is deleted. A lesson that still uses it shows its description "
            "instead."), "success")
    return redirect(url_for("authoring.images"))


def _names() -> list[str]:
    return lesson_images.stored_images(managed_course().slug)


@public_bp.get("/uploads/<course>/<name>")
def image(course: str, name: str):
    """Lesson images are public, like the lessons that show them; each course has its own."""
    try:
        return lesson_images.image_response(course, name)
    except FileNotFoundError:
        abort(404)
    except OSError:
        current_app.logger.exception("Could not read image %s", name)
        abort(503, description=UNAVAILABLE)


@public_bp.get("/uploads/<name>")
def legacy_image(name: str):
    """Lessons written before images were per course link /uploads/<name>: the images of the
    site's one course then (the default course), moved there by `flask storage migrate`."""
    course = default_course_ref()
    if course is None or not lesson_images.is_stored(course.slug, name):
        abort(404)
    return redirect(url_for("uploads.image", course=course.slug, name=name), 301)
