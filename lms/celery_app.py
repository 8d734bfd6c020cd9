"""Celery bound to the Flask app: the Flask docs' "Background Tasks with Celery" pattern."""
from pathlib import Path

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    settings = dict(app.config["CELERY"])
    if settings["broker_url"].startswith("filesystem"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            Path(settings["broker_transport_options"][key]).mkdir(parents=True, exist_ok=True)
    else:
        settings.pop("broker_transport_options", None)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(settings)
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
