"""POST /verify/file: check a PDF or credential someone was given, in memory (never stored)."""
from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l

from lms.certificates.file_check import MAX_FILE_BYTES, NotACertificateFile, check_file
from lms.certificates.forms import CodeForm, FileCheckForm
from lms.certificates.routes import bp, verify_limit
from lms.extensions import limiter
from lms.memory_uploads import in_memory_uploads

TOO_LARGE = _l("That file is over 5 MB. A certificate PDF we issue is far smaller, so this is "
               "not one of ours: check the file, or type the code printed on it instead.")

file_limit = limiter.limit(lambda: current_app.config["VERIFY_FILE_RATE_LIMIT"],
                           methods=["POST"])


def _page(status: int, **context):
    context.setdefault("form", CodeForm(formdata=None))
    context.setdefault("file_form", FileCheckForm(formdata=None))
    response = current_app.make_response(
        (render_template("certificates/verify_form.html", **context), status))
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.post("/verify/file")
@in_memory_uploads(MAX_FILE_BYTES)
@verify_limit
@file_limit
def verify_file():
    form = FileCheckForm()
    if not form.validate_on_submit():
        return _page(400, file_form=form)
    data = form.file.data.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return _page(413, file_error=TOO_LARGE)
    try:
        verdict = check_file(data)
    except NotACertificateFile as problem:
        return _page(415, file_error=str(problem))
    return _page(200, verdict=verdict)


@bp.errorhandler(413)
def too_large(error):
    if request.endpoint == "certificates.verify_file":
        return _page(413, file_error=TOO_LARGE)
    from lms.errors import MESSAGES
    return render_template("errors/error.html", code=413, message=MESSAGES[413]), 413
