"""Modules in the draft: add, rename and summarise, reorder, retire."""
from flask import flash, redirect, render_template
from flask_babel import gettext
from flask_login import current_user

from lms.authoring import modules
from lms.authoring.blueprint import BUSY, bp, delta, manage_url, managed_course
from lms.authoring.draft import AuthoringError, DraftBusy, find_module, working_copy
from lms.authoring.forms import ConfirmForm, ModuleForm
from lms.refusal import said


@bp.route("/modules/new", methods=["GET", "POST"])
def new_module():
    course = managed_course()
    form = ModuleForm()
    if form.validate_on_submit():
        try:
            slug = modules.add_module(course, current_user.id, form.title.data,
                                      form.summary.data or "")
        except (AuthoringError, DraftBusy) as error:
            flash(said(error) or str(BUSY), "error")
            return render_template("authoring/module_form.html", form=form, module=None), 400
        flash(gettext("Module “%(title)s” is added to the draft.", title=form.title.data),
              "success")
        return redirect(manage_url(f"module-{slug}"))
    return render_template("authoring/module_form.html", form=form, module=None), (
        400 if form.errors else 200)


@bp.route("/modules/<slug>/edit", methods=["GET", "POST"])
def edit_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ModuleForm(data={"title": module.title, "summary": module.summary})
    if form.validate_on_submit():
        try:
            modules.edit_module(course, current_user.id, slug, form.title.data,
                                form.summary.data or "")
        except DraftBusy:
            flash(str(BUSY), "error")
            return render_template("authoring/module_form.html", form=form, module=module), 409
        flash(gettext("Module “%(title)s” is saved in the draft.", title=form.title.data),
              "success")
        return redirect(manage_url(f"module-{slug}"))
    return render_template("authoring/module_form.html", form=form, module=module), (
        400 if form.errors else 200)


@bp.post("/modules/<slug>/move")
def move_module(slug: str):
    course = managed_course()
    try:
        if not modules.move_module(course, current_user.id, slug, delta()):
            flash(gettext("That module is already at that end of the course."), "info")
    except DraftBusy:
        flash(str(BUSY), "error")
    return redirect(manage_url(f"module-{slug}"))


@bp.route("/modules/<slug>/retire", methods=["GET", "POST"])
def retire_module(slug: str):
    course = managed_course()
    data, _ = working_copy(course)
    module = find_module(data, slug)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            modules.retire_module(course, current_user.id, slug)
        except AuthoringError as error:
            flash(said(error), "error")
            return redirect(manage_url(f"module-{slug}"))
        except DraftBusy:
            flash(str(BUSY), "error")
            return redirect(manage_url(f"module-{slug}"))
        flash(gettext("Module “%(title)s” is retired in the draft. Publish to hide it from "
                "learners; their progress is kept.", title=module.title), "success")
        return redirect(manage_url())
    return render_template("authoring/confirm_retire.html", form=form, what="module",
                           title=module.title, lessons=module.lessons)
