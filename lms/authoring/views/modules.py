"""Modules in the draft: add, rename and summarise, reorder, retire."""
from flask import flash, redirect, render_template
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import modules
from lms.authoring.blueprint import (
    back_when_refused,
    bp,
    delta,
    manage_url,
    managed_course,
    moved_url,
    when_refused,
)
from lms.authoring.draft import find_module, working_copy
from lms.authoring.forms import ConfirmForm, ModuleForm


def _module_page(form: ModuleForm, module, status: int = 200):
    return render_template("authoring/module_form.html", form=form, module=module), status


@bp.route("/modules/new", methods=["GET", "POST"])
def new_module():
    course = managed_course()
    form = ModuleForm()
    if not form.validate_on_submit():
        return _module_page(form, None, 400 if form.errors else 200)
    when_refused(lambda status: _module_page(form, None, status), status=400)
    slug = modules.add_module(course, current_user.id, form.title.data, form.summary.data or "")
    flash(gettext("Module “%(title)s” is added to the draft.", title=form.title.data), "success")
    return redirect(manage_url(f"module-{slug}"))


@bp.route("/modules/<slug>/edit", methods=["GET", "POST"])
def edit_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ModuleForm(data={"title": module.title, "summary": module.summary})
    if not form.validate_on_submit():
        return _module_page(form, module, 400 if form.errors else 200)
    when_refused(lambda status: _module_page(form, module, status))
    modules.edit_module(course, current_user.id, slug, form.title.data, form.summary.data or "")
    flash(gettext("Module “%(title)s” is saved in the draft.", title=form.title.data), "success")
    return redirect(manage_url(f"module-{slug}"))


@bp.post("/modules/<slug>/move")
def move_module(slug: str):
    back_when_refused(manage_url(f"module-{slug}"))
    if not modules.move_module(managed_course(), current_user.id, slug, delta()):
        flash(gettext("That module is already at that end of the course."), "info")
    return redirect(moved_url(f"module-{slug}"))


@bp.route("/modules/<slug>/retire", methods=["GET", "POST"])
def retire_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("authoring/confirm_retire.html", form=form, what="module",
                               title=module.title, lessons=module.lessons)
    back_when_refused(manage_url(f"module-{slug}"))
    modules.retire_module(course, current_user.id, slug)
    flash(gettext("Module “%(title)s” is retired in the draft. Publish to hide it from "
                  "learners; their progress is kept.", title=module.title), "success")
    return redirect(manage_url())
