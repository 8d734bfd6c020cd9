"""The admin area's one rule, shared by its blueprints: admins only, and a 404 for everyone
else (the admin area's existence is nobody else's business)."""
from flask import abort
from flask_login import current_user


def admins_only():
    if not (current_user.is_authenticated and current_user.is_admin):
        abort(404)
