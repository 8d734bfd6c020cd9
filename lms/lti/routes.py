"""The LTI 1.3 tool's addresses: its public keys, OIDC login initiation, the launch (a course,
a module, or the deep-linking picker), and the one-time links out of the platform's iframe."""
import logging
from urllib.parse import urlencode

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from pylti1p3.exception import LtiException, OIDCException

from lms.auth import sessions
from lms.auth.models import User
from lms.database import write_transaction
from lms.extensions import csrf, db
from lms.lti import connection, deep_linking, framing, handoff, storage
from lms.lti.keys import tool_jwks
from lms.lti.launches import LaunchForbidden, LaunchRefused, platform_of, sign_in_launch
from lms.lti.platforms import tool_values
from lms.lti.refusals import refusal_message
from lms.refusal import said
from lms.security import allow_form_to, allow_framing_by

log = logging.getLogger(__name__)
bp = Blueprint("lti", __name__, url_prefix="/lti")
# What the OIDC login passes on to the launch (kept with its state), to offer the same login
# in a new window when the browser kept no cookie in the platform's iframe.
LOGIN_PARAMS = ("iss", "login_hint", "target_link_uri", "lti_message_hint",
                "lti_deployment_id", "client_id")
LTI_ERRORS = (LtiException, OIDCException, LaunchRefused)


def _refused(message: str, status: int = 400):
    """A clear page for a refused launch (message: in the reader's language)."""
    return render_template("lti/refused.html", message=message), status


def _launch_refused(error: Exception):
    return _refused(said(error) if isinstance(error, LaunchRefused)
                    else gettext(refusal_message(error)))


def _framed_anywhere() -> None:
    """A refusal shows inside the platform's iframe, whose page may be on any host (Canvas
    posts the launch from its login host, inside a page on the district's): such a page holds
    nothing to click but a way to start again, so any site may frame it."""
    allow_framing_by(["*"])


@bp.get("/jwks")
def jwks():
    response = jsonify(tool_jwks())
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response


@bp.route("/login", methods=["GET", "POST"])
@csrf.exempt
def login():
    oidc = connection.oidc_login()
    params = {name: value for name in LOGIN_PARAMS
              if (value := (request.values.get(name) or "")[:2000])}
    try:
        return oidc.pass_params_to_launch({"login": params}).redirect(tool_values().launch_url)
    except LTI_ERRORS as error:
        log.info("LTI login refused: %s", error)
        _framed_anywhere()
        return _launch_refused(error)


@bp.post("/launch")
@csrf.exempt
def launch():
    _framed_anywhere()
    if request.form.get("state") and not _state_cookie_came_back():
        return _new_window_login(request.form["state"])
    message = connection.message_launch()
    try:
        claims = message.get_launch_data()
    except LTI_ERRORS as error:
        log.info("LTI launch refused: %s", error)
        return _launch_refused(error)
    platform = platform_of(message.get_iss(), message.get_client_id())
    origins = framing.frame_origins(platform, claims)
    allow_framing_by(origins)
    if message.is_deep_link_launch():
        if not (message.check_teacher_access() or message.check_staff_access()
                or message.check_designer_access()):
            return _refused(gettext("Only a teacher of the class can place a course."), 403)
        return render_template("lti/deep_link_pick.html", launch_id=message.get_launch_id(),
                               courses=deep_linking.offered_courses())
    if not message.is_resource_launch():
        return _refused(gettext("This kind of launch is not offered by this tool."))
    try:
        user, placement = sign_in_launch(platform, claims)
    except LaunchRefused as refusal:
        db.session.rollback()
        return _refused(refusal.said(), 403 if isinstance(refusal, LaunchForbidden) else 400)
    sessions.begin(user, remember=False)
    framing.mark_framed(origins)
    destination = (url_for("learn.module", course=placement.course.slug,
                           slug=placement.module_slug) if placement.module_slug
                   else url_for("learn.home", course=placement.course.slug))
    token = handoff.make_handoff(user.id, destination, origins)
    return redirect(url_for(".arrive", token=token))


def _state_cookie_came_back() -> bool:
    return any(name.startswith("lti1p3-state-") for name in request.cookies)


def _new_window_login(state: str):
    """The browser kept no cookie from the login inside the iframe: offer the same login at top
    level, where it will (the platform then launches in that window)."""
    kept = storage.get("lti1p3-" + state) or {}
    params = kept.get("login") if isinstance(kept, dict) else None
    if not params:
        return _launch_refused(LtiException("State not found"))
    url = url_for(".login") + "?" + urlencode({**params, "lti1p3_new_window": "1"})
    return render_template("lti/new_window.html", url=url), 400


@bp.post("/deep-link")
@csrf.exempt  # the launch id, known only to the browser the launch went to, is the permission
def deep_link():
    launch_id = request.form.get("launch_id", "")
    if not launch_id.startswith("lti1p3-launch-"):
        abort(400)
    try:
        message = connection.cached_launch(launch_id)
        claims = message.get_launch_data()
        if not message.is_deep_link_launch():
            abort(400)
        placement = deep_linking.placement_chosen(request.form.get("choice", ""))
    except LTI_ERRORS as error:
        _framed_anywhere()
        return _launch_refused(error)
    platform = platform_of(message.get_iss(), message.get_client_id())
    allow_framing_by(framing.frame_origins(platform, claims))
    return_url = deep_linking.return_url(claims)
    return_origin = framing.origin(return_url)
    if return_origin is None:
        return _launch_refused(LtiException("incomplete"))
    allow_form_to(return_origin)
    item = deep_linking.content_item(placement, tool_values().launch_url)
    response_jwt = message.get_deep_link().get_response_jwt([item])
    return render_template("lti/deep_link_return.html", return_url=return_url,
                           jwt=response_jwt, title=deep_linking.title_of(placement))


@bp.get("/arrive/<token>")
def arrive(token: str):
    """Just after a launch: the session cookie came back, so go on in the frame; or it did not,
    so offer to continue in a new window."""
    handed = handoff.peek_handoff(token)
    if handed is None:
        _framed_anywhere()
        return _refused(gettext("This link has expired. Open the course again from your "
                                "learning platform."), 410)
    allow_framing_by(handed["frame"])
    if current_user.is_authenticated and current_user.id == handed["user_id"]:
        handoff.take_handoff(token)
        return redirect(handed["to"])
    return render_template("lti/continue.html", token=token)


@bp.get("/continue/<token>")
def continue_in_window(token: str):
    """The same launch, at top level in a window of its own: signs the person in once."""
    handed = handoff.take_handoff(token)
    user = db.session.get(User, handed["user_id"]) if handed else None
    if user is None or not user.active:
        return _refused(gettext("This link has expired. Open the course again from your "
                                "learning platform."), 410)
    with write_transaction():
        sessions.begin(user, remember=False)
    return redirect(handed["to"])


