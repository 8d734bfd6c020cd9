"""With MAIL_SERVER set, a real Celery worker delivers mail to a real (local) SMTP server, and
pages answer the same whether or not the mail server is up."""

from tests.helpers import running_worker, text_of, wait_for


def test_a_worker_delivers_the_reset_email_over_smtp(app, client, learner, course, inbox):
    with running_worker(app):
        client.post("/reset", data={"email": "learner@example.org"})
        message = wait_for(lambda: inbox.messages, timeout=20)[0]
    recipients, data = message
    assert recipients == ["learner@example.org"]
    assert "Subject: Reset your password" in data and "/reset/" in data


def test_pages_answer_the_same_when_the_mail_server_is_down(app, client, learner, course):
    known = client.post("/reset", data={"email": "learner@example.org"})
    unknown = client.post("/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert text_of(known).replace("learner@example.org", "X") == \
        text_of(unknown).replace("nobody@example.org", "X")
    signup = client.post("/signup", data={"name": "N", "email": "n@example.org",
                                          "password": "a long passphrase"})
    assert signup.status_code == 200 and "Check your email" in text_of(signup)
