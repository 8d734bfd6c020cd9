"""The optional "Tell us about you" page, linked from My learning and the profile."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.surveys import services
from lms.surveys.forms import AboutYouForm

bp = Blueprint("surveys", __name__, url_prefix="/profile")


@bp.route("/about-you", methods=["GET", "POST"])
@login_required
def about_you():
    form = AboutYouForm(data=services.answers_of(current_user.id))
    if form.validate_on_submit():
        services.save_answers(current_user.id, {name: form[name].data
                                                for name in services.QUESTIONS})
        flash(_("Thank you. Your answers are saved; you can change them here at any time."),
              "success")
        return redirect(url_for("surveys.about_you"))
    return render_template("surveys/about_you.html", form=form), 400 if form.errors else 200
