"""Changing the password while logged in: the current one first, then every other device is
logged out and this one stays in."""
from tests.auth.test_sessions import log_in, signed_in
from tests.conftest import PASSWORD
from tests.helpers import text_of

NEW = "a brand new passphrase"


def change(client, current=PASSWORD, new=NEW, confirm=None):
    return client.post("/profile/password", data={
        "current": current, "password": new, "confirm": confirm or new})


def test_profile_links_to_changing_the_password(app, learner, course):
    assert 'href="/profile/password"' in log_in(app).get("/profile").get_data(as_text=True)


def test_changing_the_password_logs_out_the_other_devices(app, learner, course):
    laptop, phone = log_in(app), log_in(app, remember=True)
    response = change(laptop)
    assert response.status_code == 302
    assert "Your password is changed" in text_of(laptop.get("/profile"))
    assert signed_in(laptop) and not signed_in(phone)
    assert phone.post("/login", data={"email": "learner@example.org",
                                      "password": PASSWORD}).status_code == 400
    assert phone.post("/login", data={"email": "learner@example.org",
                                      "password": NEW}).status_code == 302


def test_the_current_password_must_be_right_and_the_new_one_acceptable(app, learner, course):
    client = log_in(app)
    response = change(client, current="not my password")
    assert response.status_code == 400 and "Your current password is not right." in text_of(
        response)
    response = change(client, new="password123")
    assert response.status_code == 400 and "too common" in text_of(response)
    response = change(client, confirm="something else")
    assert response.status_code == 400 and "do not match" in text_of(response)
    assert log_in(app)  # the old password still works


def test_password_guesses_here_are_limited(app, learner, course):
    client = log_in(app)
    statuses = [change(client, current=f"guess {n}").status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]


def test_changing_the_password_needs_login(client, course):
    assert client.get("/profile/password").headers["Location"].startswith("/login")
