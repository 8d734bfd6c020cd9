"""Export the course as a zip, import a zip (summary first, then apply), and lesson images."""
import io

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
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import publishing, transfer, uploads
from lms.authoring.blueprint import bp, managed_course
from lms.authoring.draft import get_draft
from lms.authoring.forms import ConfirmForm, ImportForm, UploadForm
from lms.content.mapping import published_course
from lms.refusal import said

public_bp = Blueprint("uploads", __name__)


@bp.get("/export.zip")
def export_zip():
    course = managed_course()
    raw = transfer.export_zip(published_course(course))
    return send_file(io.BytesIO(raw), mimetype="application/zip", as_attachment=True,
                     download_name=f"{course.slug}-edition-{course.edition}.zip")


@bp.route("/import", methods=["GET", "POST"])
def import_course():
    course = managed_course()
    form = ImportForm()
    has_draft = get_draft(course.id) is not None
    if form.validate_on_submit():
        raw = form.archive.data.read()
        try:
            data = transfer.load_zip(raw)
        except transfer.ArchiveRejected as rejected:
            return render_template("authoring/import.html", form=form, problems=rejected.problems,
                                   has_draft=has_draft), 400
        try:
            changes = publishing.dry_run(data)
        except publishing.PublishRefused as refused:
            return render_template("authoring/import.html", form=form, problems=[said(refused)],
                                   has_draft=has_draft), 400
        token = transfer.stash(current_app.instance_path, raw)
        return render_template("authoring/import_summary.html", token=token, data=data,
                               changes=changes, course=managed_course(),
                               has_draft=has_draft, confirm=ConfirmForm())
    return render_template("authoring/import.html", form=form, problems=None,
                           has_draft=has_draft), 400 if form.errors else 200


@bp.post("/import/apply")
def apply_import():
    course = managed_course()
    raw = transfer.unstash(current_app.instance_path, request.form.get("token", ""))
    if raw is None:
        flash(gettext("That import has expired. Please upload the zip again."), "error")
        return redirect(url_for("authoring.import_course"))
    try:
        changes = publishing.publish_data(course, transfer.load_zip(raw), current_user.id)
    except (transfer.ArchiveRejected, publishing.PublishRefused) as error:
        flash(said(error), "error")
        return redirect(url_for("authoring.import_course"))
    transfer.unstash(current_app.instance_path, request.form["token"], remove=True)
    flash(gettext("Imported and published: %(changes)s.", changes=changes.said()), "success")
    return redirect(url_for("authoring.manage"))


@bp.route("/images", methods=["GET", "POST"])
def images():
    form = UploadForm()
    status = 200
    if form.validate_on_submit():
        try:
            name = uploads.save_image(current_app.instance_path, form.image.data.filename,
                                      form.image.data.read())
            snippet = f"![{form.alt.data}]({url_for('uploads.image', name=name)})"
            flash(gettext("The image is uploaded. Copy the line below into a lesson."), "success")
            return render_template("authoring/images.html", form=UploadForm(formdata=None),
                                   snippet=snippet, names=_names(), delete=ConfirmForm())
        except uploads.UploadRejected as rejected:
            form.image.errors = [said(rejected)]
            status = 400
    elif form.errors:
        status = 400
    return render_template("authoring/images.html", form=form, snippet=None,
                           names=_names(), delete=ConfirmForm()), status


@bp.post("/images/<name>/delete")
def delete_image(name: str):
    if not uploads.delete_image(current_app.instance_path, name):
        abort(404)
    flash(gettext("The image is deleted. A lesson that still uses it shows its description "
            "instead."), "success")
    return redirect(url_for("authoring.images"))


def _names() -> list[str]:
    return uploads.stored_images(current_app.instance_path)


@public_bp.get("/uploads/<name>")
def image(name: str):
    """Lesson images are public, like the lessons that show them."""
    match = uploads.NAME.match(name)
    path = uploads.upload_dir(current_app.instance_path) / name
    if not match or not path.is_file():
        abort(404)
    return send_file(path, mimetype=uploads.MIMETYPES[match.group(1)], max_age=86400)
