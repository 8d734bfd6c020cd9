"""Admin pages under /admin/lti: register, change and remove the platforms that may launch the
tool, with the values to paste into Canvas, Moodle or Schoology."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.admin.guard import admins_only
from lms.extensions import db
from lms.lti import platforms
from lms.lti.forms import PlatformForm
from lms.lti.models import LtiPlatform

bp = Blueprint("lti_admin", __name__, url_prefix="/admin/lti")
bp.before_request(admins_only)


def _platform(platform_id: int) -> LtiPlatform:
    return db.session.get(LtiPlatform, platform_id) or abort(404)


def _values(form: PlatformForm) -> dict:
    return {name: getattr(form, name).data for name in platforms.FIELDS}


def _form_page(form: PlatformForm, platform: LtiPlatform | None = None):
    status = 400 if form.errors else 200
    if isinstance(form.deployment_ids.data, list):  # the textarea shows one id a line
        form.deployment_ids.data = "\n".join(form.deployment_ids.data)
    return render_template("lti/platform_form.html", form=form, platform=platform,
                           tool=platforms.tool_values()), status


@bp.get("")
def index():
    return render_template("lti/platforms.html", platforms=platforms.all_platforms(),
                           tool=platforms.tool_values())


@bp.route("/new", methods=["GET", "POST"])
def new_platform():
    form = PlatformForm()
    if form.validate_on_submit():
        try:
            platform = platforms.register_platform(current_user.id, _values(form))
        except platforms.PlatformRefused as refusal:
            form.client_id.errors.append(refusal.said())
        else:
            flash(gettext("%(name)s is registered: its launches are accepted now.",
                          name=platform.name), "success")
            return redirect(url_for(".index"))
    return _form_page(form)


@bp.route("/<int:platform_id>", methods=["GET", "POST"])
def edit_platform(platform_id: int):
    platform = _platform(platform_id)
    form = PlatformForm(obj=platform)
    if form.validate_on_submit():
        try:
            platforms.change_platform(current_user.id, platform, _values(form))
        except platforms.PlatformRefused as refusal:
            db.session.rollback()
            form.client_id.errors.append(refusal.said())
        else:
            flash(gettext("The changes to %(name)s are saved.", name=platform.name), "success")
            return redirect(url_for(".index"))
    return _form_page(form, platform)


@bp.post("/<int:platform_id>/remove")
def remove_platform(platform_id: int):
    platform = _platform(platform_id)
    name = platform.name
    platforms.remove_platform(current_user.id, platform)
    flash(gettext("%(name)s is removed: its launches are refused from now on.", name=name),
          "success")
    return redirect(url_for(".index"))
