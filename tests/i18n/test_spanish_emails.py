"""Emails go out in the recipient's language: the page's when they asked, their saved one after."""
from datetime import timedelta

from lms.reminders import meetings
from lms.reminders.models import MeetingKind
from tests.helpers import latest_email, link_in, text_of
from tests.reminders.helpers import (
    DAY,
    T0,
    last_active,
    new_learner,
    reminder_emails,
    run_batch,
    set_user,
)

SPANISH = {"Accept-Language": "es"}


def test_a_sign_up_asked_in_spanish_sends_a_spanish_email_and_keeps_spanish(app, client, course,
                                                                            worker):
    client.post("/signup", data={"email": "nueva@example.org"}, headers=SPANISH)
    message = latest_email(app)
    assert "Subject: Termine de crear su cuenta" in message
    assert "Abra este enlace para terminar de crear su cuenta" in message
    link = link_in(message, "/signup/")
    page = client.post(link, data={"name": "Nora Nueva", "password": "correct horse battery"},
                       headers=SPANISH, follow_redirects=True)
    assert "Su cuenta está lista." in text_of(page)
    # Saved on the account: the next page in English-speaking browser is still Spanish.
    assert "Mi aprendizaje" in text_of(client.get("/my-learning"))


def test_a_password_reset_asked_in_spanish_is_in_spanish(app, client, learner, course, worker):
    client.post("/reset", data={"email": "learner@example.org"}, headers=SPANISH)
    message = latest_email(app)
    assert "Subject: Restablezca su contraseña" in message
    assert "Abra este enlace para elegir una nueva contraseña" in message


def test_a_reminder_goes_in_the_language_saved_on_the_profile(app, client, course):
    user_id = new_learner(app, client, "lectora@example.org")
    set_user(app, user_id, language="es")
    last_active(app, user_id, T0)
    assert run_batch(app, T0 + 7 * DAY).course_reminders == 1
    [message] = reminder_emails(app, to="lectora@example.org")
    assert message["Subject"].startswith("Siga donde se quedó:")
    body = message.get_content()
    assert "Hola, Rae Reader:" in body and "Para dejar de recibir estos correos" in body


def test_the_meeting_reminder_goes_in_the_learners_language(app, client, course):
    user_id = new_learner(app, client, "rae@example.org", reminders=False)
    set_user(app, user_id, language="es")
    with app.app_context():
        meetings.save_meeting(user_id, T0.date() + timedelta(days=2), MeetingKind.IEP, True,
                              T0.date())
    assert run_batch(app, T0).meeting_reminders == 1
    [message] = reminder_emails(app)
    assert message["Subject"].startswith("Su reunión del IEP")
    assert message["Subject"].endswith("es en 2 días")
    body = message.get_content()
    assert "es en 2 días: miércoles 3 de marzo de 2027." in body
    assert "Lo que falta leer antes de la reunión:" in body
    assert "Para imprimir y llevar:" in body
