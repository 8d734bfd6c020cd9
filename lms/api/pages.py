"""The pages that make credentials for the API: a learner's personal access tokens (on their
profile) and the organisation's API keys (admin area). A new secret is shown once, on the
page that made it (no-store), and never again."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.admin.guard import admins_only
from lms.api import keys, tokens
from lms.api.forms import SCOPE_LABELS, KeyForm, RevokeForm, TokenForm

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/profile/api-tokens")
keys_bp = Blueprint("api_keys", __name__, url_prefix="/admin/api-keys")
keys_bp.before_request(admins_only)


def _tokens_page(form=None, made=None, status=200):
    return render_template("api/tokens.html", form=form or TokenForm(formdata=None),
                           revoke_form=RevokeForm(formdata=None), made=made,
                           tokens=tokens.live_tokens(current_user.id)), status


@tokens_bp.get("/")
@login_required
def index():
    return _tokens_page()


@tokens_bp.post("/")
@login_required
def create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _tokens_page(form, status=400)
    try:
        _token, made = tokens.create_token(current_user.id, form.name.data)
    except tokens.TooManyTokens:
        form.name.errors.append(_("You have %(count)s tokens. Revoke one you no longer use "
                                  "first.", count=tokens.MAX_LIVE_TOKENS))
        return _tokens_page(form, status=409)
    return _tokens_page(made=made, status=201)


@tokens_bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    token = tokens.revoke_token(current_user.id, token_id) or abort(404)
    flash(_("Token “%(name)s” is revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))


def _keys_page(form=None, made=None, status=200):
    return render_template("api/keys.html", form=form or KeyForm(formdata=None),
                           revoke_form=RevokeForm(formdata=None), made=made,
                           keys=keys.all_keys(), scope_labels=SCOPE_LABELS), status


@keys_bp.get("/")
def key_list():
    return _keys_page()


@keys_bp.post("/")
def create_key():
    form = KeyForm()
    if not form.validate_on_submit():
        return _keys_page(form, status=400)
    _key, made = keys.create_key(current_user.id, form.name.data, form.scopes.data)
    return _keys_page(made=made, status=201)


@keys_bp.post("/<int:key_id>/revoke")
def revoke_key(key_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    key = keys.revoke_key(current_user.id, key_id) or abort(404)
    flash(_("Key “%(name)s” is revoked: it no longer works.", name=key.name), "success")
    return redirect(url_for("api_keys.key_list"))
