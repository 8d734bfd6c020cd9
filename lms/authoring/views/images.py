"""Lesson images: upload (the page gives the Markdown line to paste), delete; and the public
/uploads/<name> that serves them (the "uploads" blueprint: images are public, like the lessons
that show them)."""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext

from lms.authoring import images as lesson_images  # images() below is the page
from lms.authoring.blueprint import bp
from lms.authoring.forms import ConfirmForm, UploadForm
from lms.refusal import said

public_bp = Blueprint("uploads", __name__)


@bp.route("/images", methods=["GET", "POST"])
def images():
    form = UploadForm()
    status = 200
    if form.validate_on_submit():
        try:
            name = lesson_images.save_image(current_app.instance_path,
                                            form.image.data.filename, form.image.data.read())
            snippet = f"![{form.alt.data}]({url_for('uploads.image', name=name)})"
            flash(gettext("The image is uploaded. Copy the line below into a lesson."), "success")
            return render_template("authoring/images.html", form=UploadForm(formdata=None),
                                   snippet=snippet, names=_names(), delete=ConfirmForm())
        except lesson_images.UploadRejected as rejected:
            form.image.errors = [said(rejected)]
            status = 400
    elif form.errors:
        status = 400
    return render_template("authoring/images.html", form=form, snippet=None,
                           names=_names(), delete=ConfirmForm()), status


@bp.post("/images/<name>/delete")
def delete_image(name: str):
    if not lesson_images.delete_image(current_app.instance_path, name):
        abort(404)
    flash(gettext("The image is deleted. A lesson that still uses it shows its description "
            "instead."), "success")
    return redirect(url_for("authoring.images"))


def _names() -> list[str]:
    return lesson_images.stored_images(current_app.instance_path)


@public_bp.get("/uploads/<name>")
def image(name: str):
    """Lesson images are public, like the lessons that show them."""
    match = lesson_images.NAME.match(name)
    path = lesson_images.upload_dir(current_app.instance_path) / name
    if not match or not path.is_file():
        abort(404)
    return send_file(path, mimetype=lesson_images.MIMETYPES[match.group(1)], max_age=86400)
