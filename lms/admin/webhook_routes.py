"""Admin pages for webhooks, under /admin/webhooks: the endpoints and the form to register one,
an endpoint's page with its delivery log, and the buttons (rotate the secret, disable or enable,
delete, replay a delivery). A new secret is shown once, on the page that answers the POST."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from lms.admin.guard import admins_only
from lms.admin.webhook_forms import EVENT_LABELS, ButtonForm, EndpointForm
from lms.extensions import db
from lms.refusal import said
from lms.webhooks import delivery_log, endpoints
from lms.webhooks.addresses import AddressRefused
from lms.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint

bp = Blueprint("webhooks", __name__, url_prefix="/admin/webhooks")
bp.before_request(admins_only)


def _index(form=None, status: int = 200):
    return render_template("webhooks/index.html", endpoints=endpoints.all_endpoints(),
                           form=form or EndpointForm(formdata=None), labels=EVENT_LABELS,
                           button=ButtonForm(formdata=None)), status


def _secret_page(with_secret: endpoints.WithSecret, new: bool):
    response = render_template("webhooks/secret.html", endpoint=with_secret.endpoint,
                               secret=with_secret.secret, new=new)
    return response, 200, {"Cache-Control": "no-store"}


def _endpoint(endpoint_id: int) -> WebhookEndpoint:
    return db.session.get(WebhookEndpoint, endpoint_id) or abort(404)


@bp.get("")
def index():
    return _index()


@bp.post("")
def register():
    form = EndpointForm()
    if not form.validate_on_submit():
        return _index(form, 400)
    try:
        with_secret = endpoints.register(
            current_user.id, form.url.data, form.description.data or "",
            [EventType(name) for name in form.events.data], form.include_email.data)
    except AddressRefused as refused:
        form.url.errors = [said(refused)]
        return _index(form, 400)
    return _secret_page(with_secret, new=True)


@bp.get("/<int:endpoint_id>")
def endpoint(endpoint_id: int):
    found = _endpoint(endpoint_id)
    return render_template("webhooks/endpoint.html", endpoint=found, labels=EVENT_LABELS,
                           deliveries=delivery_log.deliveries_for(found.id),
                           page_size=delivery_log.PAGE_SIZE, button=ButtonForm(formdata=None))


def _button_pressed() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


@bp.post("/<int:endpoint_id>/rotate")
def rotate(endpoint_id: int):
    found = _endpoint(endpoint_id)
    _button_pressed()
    return _secret_page(endpoints.rotate_secret(current_user.id, found), new=False)


@bp.post("/<int:endpoint_id>/disable")
def disable(endpoint_id: int):
    found = _endpoint(endpoint_id)
    _button_pressed()
    endpoints.set_active(current_user.id, found, False)
    flash(gettext("The endpoint is disabled: nothing more is sent to it."), "success")
    return redirect(url_for("webhooks.endpoint", endpoint_id=endpoint_id))


@bp.post("/<int:endpoint_id>/enable")
def enable(endpoint_id: int):
    found = _endpoint(endpoint_id)
    _button_pressed()
    endpoints.set_active(current_user.id, found, True)
    flash(gettext("The endpoint is enabled: new events are sent to it."), "success")
    return redirect(url_for("webhooks.endpoint", endpoint_id=endpoint_id))


@bp.post("/<int:endpoint_id>/delete")
def delete(endpoint_id: int):
    found = _endpoint(endpoint_id)
    _button_pressed()
    url = found.url
    endpoints.delete(current_user.id, found)
    flash(gettext("The endpoint %(url)s and its delivery log are deleted.", url=url), "success")
    return redirect(url_for("webhooks.index"))


@bp.post("/deliveries/<int:delivery_id>/replay")
def replay(delivery_id: int):
    delivery = db.session.get(WebhookDelivery, delivery_id) or abort(404)
    _button_pressed()
    delivery_log.replay(current_user.id, delivery)
    flash(gettext("The event %(event)s is queued to be sent again.", event=delivery.event_id),
          "success")
    return redirect(url_for("webhooks.endpoint", endpoint_id=delivery.endpoint_id))
