"""Each process's database pool is sized by settings (docs/DEPLOYMENT.md, "Sizing") and hands
out no connection the server has ended."""
import time

import pytest
import sqlalchemy as sa

from lms import create_app
from lms.extensions import db


def test_the_pool_size_comes_from_settings(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DATABASE_POOL_SIZE", "3")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "2")
    app = create_app({**app_config,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pool.sqlite3'}"})
    with app.app_context():
        assert (db.engine.pool.size(), db.engine.pool._max_overflow) == (3, 2)
        db.engine.dispose()


def test_unset_it_is_sqlalchemys_default(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_POOL_SIZE", raising=False)
    app = create_app({**app_config,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pool.sqlite3'}"})
    with app.app_context():
        assert db.engine.pool.size() == 5
        db.engine.dispose()


def test_connections_the_server_ended_are_replaced_without_an_error(app, client, auth, learner,
                                                                   course):
    """PostgreSQL ends every connection of the pool (as a restart or failover does): the next
    pages and forms are answered on fresh connections, not with an error, and no round trip
    is spent on every checkout to find out (lms/database.discard_closed_connections)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only: a SQLite database is a file, with no connection to end")
        held = [db.engine.connect() for _ in range(3)]
        pids = [c.execute(sa.text("SELECT pg_backend_pid()")).scalar() for c in held]
        for connection in held:
            connection.close()  # back to the pool, idle
        url = db.engine.url
    killer = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with killer.connect() as connection:
        ended = connection.execute(sa.text("SELECT count(*) FROM unnest(CAST(:pids AS int[])) p "
                                           "WHERE pg_terminate_backend(p)"),
                                   {"pids": pids}).scalar()
    killer.dispose()
    assert ended == 3
    time.sleep(0.2)  # the server's goodbye reaches the sockets

    auth.login()  # a form: reads and writes
    for url in ["/courses/mini/lessons/first-lesson", "/my-learning", "/"]:
        assert client.get(url).status_code == 200, url
    assert client.post("/courses/mini/lessons/first-lesson/complete").status_code == 302
    assert "1 of 6 done" in client.get("/courses/mini/").get_data(as_text=True)
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT pg_backend_pid()")).scalar() not in pids
