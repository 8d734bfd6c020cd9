"""Each process's database pool is sized by settings (docs/DEPLOYMENT.md, "Sizing")."""
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
