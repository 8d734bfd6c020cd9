"""Export the course as a zip, import a zip (summary first, then apply)."""
import io

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import archive, publishing
from lms.authoring.blueprint import back_when_refused, bp, managed_course
from lms.authoring.draft import get_draft
from lms.authoring.forms import ConfirmForm, ImportForm
from lms.authoring.views.changes import published_message
from lms.content.mapping import published_course
from lms.refusal import said


@bp.get("/export.zip")
def export_zip():
    course = managed_course()
    raw = archive.export_zip(published_course(course))
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
            data = archive.load_zip(raw)
            changes = publishing.dry_run(data)
        except archive.ArchiveRejected as rejected:
            return render_template("authoring/import.html", form=form, problems=rejected.problems,
                                   has_draft=has_draft), 400
        except publishing.PublishRefused as refused:
            return render_template("authoring/import.html", form=form, problems=[said(refused)],
                                   has_draft=has_draft), 400
        token = archive.stash(raw)
        return render_template("authoring/import_summary.html", token=token, data=data,
                               changes=changes, course=managed_course(),
                               has_draft=has_draft, confirm=ConfirmForm())
    return render_template("authoring/import.html", form=form, problems=None,
                           has_draft=has_draft), 400 if form.errors else 200


@bp.post("/import/apply")
def apply_import():
    course = managed_course()
    raw = archive.unstash(request.form.get("token", ""))
    if raw is None:
        flash(gettext("That import has expired. Please upload the zip again."), "error")
        return redirect(url_for("authoring.import_course"))
    back_when_refused(url_for("authoring.import_course"))
    changes = publishing.publish_data(course, archive.load_zip(raw), current_user.id)
    archive.unstash(request.form["token"], remove=True)
    flash(published_message(gettext("Imported and published: %(changes)s.",
                                    changes=changes.said()), course), "success")
    return redirect(url_for("authoring.manage"))
