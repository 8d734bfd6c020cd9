"""The admin's webhook pages: register an endpoint (its address checked), see its secret once,
rotate it, disable and delete it, read the delivery log and replay a delivery; each change in
the audit log, never the secret."""
import ipaddress
import logging

import pytest
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from lms.audit import AuditEvent
from lms.extensions import db
from lms.webhooks.addresses import is_public
from lms.webhooks.models import DeliveryState, WebhookEndpoint
from lms.webhooks.sending import attempt_delivery
from tests.helpers import text_of
from tests.webhooks.conftest import ADMIN_EMAIL, deliveries, run_pending

EVERY_EVENT = ["enrolment.started", "course.completed", "certificate.issued",
               "certificate.revoked"]


@pytest.fixture
def as_admin(client, auth, admin):
    auth.login(email=ADMIN_EMAIL)
    return client


def secret_on(page) -> str:
    html = page.get_data(as_text=True)
    start = html.index('value="whsec_') + len('value="')
    return html[start:html.index('"', start)]


def audit_entries(app) -> list[AuditEvent]:
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        db.session.expunge_all()
        return rows


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(app, as_admin, receiver):
    page = as_admin.post("/admin/webhooks", data={"url": receiver.url, "description": "Our CRM",
                                                 "events": EVERY_EVENT})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    secret = secret_on(page)
    assert "Copy it now: it is shown only this once." in text_of(page)
    Webhook(secret)  # a secret the independent implementation accepts
    listing = as_admin.get("/admin/webhooks")
    assert receiver.url.replace("&", "&amp;") in listing.get_data(as_text=True)
    with app.app_context():
        endpoint = db.session.scalar(select(WebhookEndpoint))
        assert secret not in endpoint.sealed_secret
        endpoint_page = as_admin.get(f"/admin/webhooks/{endpoint.id}")
    assert secret not in endpoint_page.get_data(as_text=True)
    assert "Nothing has been sent to this endpoint yet." in text_of(endpoint_page)
    [entry] = audit_entries(app)
    assert entry.action == "webhook endpoint added" and secret not in entry.detail + entry.target


@pytest.mark.parametrize(("url", "said"), [
    ("https://127.0.0.1/hook", "resolves to 127.0.0.1, a private, loopback or reserved address"),
    ("https://localhost:8443/hook", "a private, loopback or reserved address"),
    ("https://10.1.2.3/hook", "resolves to 10.1.2.3"),
    ("https://169.254.169.254/latest", "resolves to 169.254.169.254"),
    ("https://[::1]/hook", "resolves to ::1"),
    ("http://93.184.216.34/hook", "The URL must start with https://."),
    ("https://user:pw@93.184.216.34/hook", "must not contain a user name or password"),
    ("ftp://93.184.216.34/", "The URL must start with https://."),
    ("not a url", "The URL must start with https://."),
])
def test_a_private_or_unsafe_address_is_refused_with_a_clear_message(
        app, as_admin, url, said):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    page = as_admin.post("/admin/webhooks", data={"url": url, "events": ["course.completed"]})
    assert page.status_code == 400
    assert said in text_of(page)
    assert "Register an endpoint" in text_of(page)  # the form, again, with what was typed
    with app.app_context():
        assert db.session.scalar(select(WebhookEndpoint)) is None


def test_a_public_address_is_accepted(app, as_admin):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    page = as_admin.post("/admin/webhooks", data={"url": "https://93.184.216.34/hook",
                                                 "events": ["course.completed"]})
    assert page.status_code == 200 and "whsec_" in page.get_data(as_text=True)


def test_no_event_chosen_is_a_form_error(as_admin, receiver):
    page = as_admin.post("/admin/webhooks", data={"url": receiver.url})
    assert page.status_code == 400 and "Choose at least one event." in text_of(page)


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:4700::1111", True), ("10.0.0.1", False),
    ("172.16.5.4", False), ("192.168.1.1", False), ("127.0.0.1", False), ("0.0.0.0", False),  # noqa: S104
    ("169.254.169.254", False), ("100.64.0.1", False), ("224.0.0.251", False),
    ("239.255.255.250", False), ("240.0.0.1", False), ("::1", False), ("fe80::1", False),
    ("fc00::1", False), ("ff02::1", False), ("::ffff:127.0.0.1", False),
])
def test_which_addresses_are_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_the_address_is_checked_again_when_sending(app, client, auth, course, learner,
                                                   receiver, register):
    """A host that resolved to a public address at registration may point elsewhere later
    (DNS rebinding): each attempt checks the addresses it connects to."""
    register(receiver.url)
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    [delivery] = deliveries(app)
    with app.app_context():
        assert attempt_delivery(delivery.id) is False
    [delivery] = deliveries(app)
    assert delivery.state is DeliveryState.FAILED and receiver.requests == []
    assert "The URL must start with https://." in delivery.last_error


def test_rotating_the_secret_signs_with_the_new_one_only(app, as_admin, client, auth, course,
                                                         learner, receiver, register):
    endpoint_id, old_secret = register(receiver.url)
    page = as_admin.post(f"/admin/webhooks/{endpoint_id}/rotate")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    new_secret = secret_on(page)
    assert new_secret != old_secret
    as_admin.post("/logout")
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    run_pending(app)
    [request] = receiver.requests
    assert Webhook(new_secret).verify(request.body, request.headers)["type"] == "enrolment.started"
    with pytest.raises(Exception, match="signature"):
        Webhook(old_secret).verify(request.body, request.headers)
    assert [e.action for e in audit_entries(app)][-1] == "webhook secret rotated"
    assert not any(new_secret in e.detail + e.target for e in audit_entries(app))


def test_the_delivery_log_shows_answers_and_a_replay_sends_again(
        app, as_admin, client, auth, course, learner, receiver, register, caplog):
    endpoint_id, secret = register(receiver.url)
    receiver.statuses = [500]
    as_admin.post("/logout")
    auth.login()
    with caplog.at_level(logging.INFO, logger="lms.webhooks"):
        client.post("/courses/mini/lessons/first-lesson/complete")
        run_pending(app)
    assert secret not in caplog.text and "attempt 3" in caplog.text
    [failed] = deliveries(app)
    assert failed.state is DeliveryState.FAILED
    auth.logout()
    auth.login(email=ADMIN_EMAIL)
    log_page = text_of(client.get(f"/admin/webhooks/{endpoint_id}"))
    assert "enrolment.started" in log_page and "Failed" in log_page and "HTTP 500" in log_page

    receiver.statuses = [200]
    replayed = client.post(f"/admin/webhooks/deliveries/{failed.id}/replay",
                           follow_redirects=True)
    assert f"The event {failed.event_id} is queued to be sent again." in text_of(replayed)
    run_pending(app)
    first, again = deliveries(app)
    assert again.replay_of_id == first.id and again.state is DeliveryState.SUCCEEDED
    assert receiver.requests[-1].headers["webhook-id"] == failed.event_id  # the same message
    assert Webhook(secret).verify(receiver.requests[-1].body, receiver.requests[-1].headers)
    assert "Delivered" in text_of(client.get(f"/admin/webhooks/{endpoint_id}"))


def test_a_disabled_endpoint_gets_nothing_and_a_deleted_one_is_gone(
        app, as_admin, client, auth, course, learner, receiver, register):
    endpoint_id, _ = register(receiver.url)
    page = as_admin.post(f"/admin/webhooks/{endpoint_id}/disable", follow_redirects=True)
    assert "The endpoint is disabled: nothing more is sent to it." in text_of(page)
    as_admin.post("/logout")
    auth.login()
    client.post("/courses/mini/lessons/first-lesson/complete")
    assert deliveries(app) == []
    auth.logout()
    auth.login(email=ADMIN_EMAIL)
    client.post(f"/admin/webhooks/{endpoint_id}/enable")
    page = client.post(f"/admin/webhooks/{endpoint_id}/delete", follow_redirects=True)
    assert "and its delivery log are deleted" in text_of(page)
    assert client.get(f"/admin/webhooks/{endpoint_id}").status_code == 404
    assert [e.action for e in audit_entries(app)] == [
        "webhook endpoint added", "webhook endpoint disabled", "webhook endpoint enabled",
        "webhook endpoint deleted"]


def test_the_buttons_need_the_csrf_token(app, as_admin, register, receiver):
    endpoint_id, _ = register(receiver.url)
    app.config["WTF_CSRF_ENABLED"] = True
    assert as_admin.post(f"/admin/webhooks/{endpoint_id}/delete").status_code == 400
    assert as_admin.post(f"/admin/webhooks/{endpoint_id}/rotate").status_code == 400
    with app.app_context():
        assert db.session.get(WebhookEndpoint, endpoint_id) is not None


def test_the_pages_speak_spanish(app, as_admin, receiver, register):
    endpoint_id, _ = register(receiver.url)
    headers = {"Accept-Language": "es"}
    index = text_of(as_admin.get("/admin/webhooks", headers=headers))
    assert "Registrar un receptor" in index and "Receptores registrados" in index
    page = text_of(as_admin.get(f"/admin/webhooks/{endpoint_id}", headers=headers))
    assert "Registro de envíos" in page and "Reemplazar el secreto" in page
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    refused = as_admin.post("/admin/webhooks", headers=headers,
                            data={"url": "https://127.0.0.1/", "events": ["course.completed"]})
    assert "una dirección privada, local o reservada" in text_of(refused)
