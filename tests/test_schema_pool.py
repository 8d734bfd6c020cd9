"""CI's PostgreSQL pass hands each test a schema that a test before it used and the pool
emptied (tests/conftest._SchemaPool): it must be as a new one, every table empty and every id
starting at 1 again (tests open /certificates/1 and the like)."""
import threading

import pytest
import sqlalchemy as sa

from lms.extensions import db
from tests.conftest import _SchemaPool, _use_schema


@pytest.fixture
def pool_engine(app):
    """An engine of its own on a schema of its own, beside the one the app fixture gave."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only: on SQLite each test copies an empty database file")
        engine = sa.create_engine(db.engine.url)
    pool = _SchemaPool(engine)
    schema = pool.take()
    _use_schema(engine, schema)
    db.metadata.create_all(engine)
    pool.made(schema)
    yield engine, pool, schema
    pool.drop_all()
    engine.dispose()


def _used(engine):
    users, guests, keys = (db.metadata.tables[name] for name in ("user", "guest", "lti_tool_key"))
    with engine.begin() as connection:
        for n in (1, 2):
            connection.execute(users.insert().values(
                email=f"u{n}@example.org", name="U", password_hash="x", session_token=f"t{n}"))
        connection.execute(guests.insert().values(token_hash="g"))
        # Written and deleted again: empty, its ids moved on. (A table no other refers to, or
        # refers to: truncating the user table would empty it too, by CASCADE.)
        connection.execute(keys.insert().values(kid="k", private_pem="p"))
        connection.execute(keys.delete())
    engine.dispose()


def _is_as_new(engine):
    with engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            assert connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
        rows = (("user", {"email": "a@example.org", "name": "A", "password_hash": "x",
                          "session_token": "t"}),
                ("guest", {"token_hash": "h"}), ("lti_tool_key", {"kid": "k2", "private_pem": "p"}))
        ids = [connection.execute(db.metadata.tables[name].insert().values(**values))
               .inserted_primary_key[0] for name, values in rows]
    assert ids == [1, 1, 1]


def test_a_schema_given_back_is_empty_with_ids_from_1(pool_engine):
    engine, pool, schema = pool_engine
    _used(engine)
    pool.give_back(schema)
    assert pool.take() == schema  # handed to the next test, not dropped
    _is_as_new(engine)


def test_a_schema_another_connection_still_holds_is_emptied_once_it_lets_go(pool_engine):
    """A process the test started may still be in a transaction: the table it writes to looks
    empty to the pool, which then empties every table, waiting for it."""
    engine, pool, schema = pool_engine
    _used(engine)
    other = engine.connect()
    other.begin()
    other.execute(db.metadata.tables["lti_tool_key"].insert().values(kid="late", private_pem="p"))
    landing = threading.Timer(0.5, other.commit)  # its row lands after the pool looked
    landing.start()
    pool.give_back(schema)
    landing.join()
    other.close()
    assert pool.take() == schema
    _is_as_new(engine)
