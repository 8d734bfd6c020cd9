"""Readers never wait for a writer: a page that only reads is served while another
transaction holds the database's write lock (SQLite in WAL mode; PostgreSQL always)."""
import threading

from sqlalchemy import text

from lms.extensions import db
from tests.helpers import text_of


def hold_write_lock(app, started: threading.Event, release: threading.Event):
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()  # BEGIN IMMEDIATE on SQLite: the write lock is ours
        connection.execute(text("UPDATE course SET summary = summary"))
        started.set()
        release.wait(30)
        transaction.rollback()
        connection.close()


def test_a_signed_in_reader_is_served_while_a_write_is_in_progress(app, client, auth, learner,
                                                                   course):
    auth.login()
    client.get(
        "/courses/mini/lessons/first-lesson")  # the place is remembered: the next visit only reads
    started, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=hold_write_lock, args=(app, started, release))
    writer.start()
    try:
        assert started.wait(10)
        for url in ["/courses/mini/lessons/first-lesson", "/my-learning", "/",
                    "/courses/mini/modules/basics/quiz"]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "First lesson" in text_of(client.get("/courses/mini/lessons/first-lesson"))
    finally:
        release.set()
        writer.join(30)
