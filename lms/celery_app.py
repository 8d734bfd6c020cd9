"""Celery bound to the Flask app: the Flask docs' "Background Tasks with Celery" pattern, plus the
broker settings and the publish and retry rules every kind of background work shares."""
import logging
import random
from pathlib import Path

from celery import Celery, Task
from flask import Flask, current_app

from lms.extensions import db

log = logging.getLogger(__name__)
FILESYSTEM_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")
# Every module that defines tasks: a worker knows them all from the start, and a web process
# imports them so that work queued by name (publish("lms.x.tasks.y")) finds its task.
TASK_MODULES = ("lms.admin.invite_mail", "lms.auth.account_mail", "lms.auth.tasks",
                "lms.authoring.tasks",
                "lms.certificates.tasks", "lms.catalogue.tasks", "lms.lti.tasks", "lms.mail",
                "lms.progress.tasks", "lms.reminders.tasks", "lms.webhooks.tasks")


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            context = app.app_context()
            context.push()
            try:
                return self.run(*args, **kwargs)
            finally:
                _pop_quietly(context)

    settings = dict(app.config["CELERY"])
    if settings["broker_url"].startswith("filesystem"):
        for key in FILESYSTEM_FOLDERS:
            Path(settings["broker_transport_options"][key]).mkdir(parents=True, exist_ok=True)
        # The filesystem transport has no event loop: a prefork child killed while it waits
        # for work dies holding the pool's shared queue lock, and the worker takes nothing
        # more, ever. In one process there is no such lock (and nothing else to kill).
        settings.setdefault("worker_pool", "solo")
    elif settings["broker_url"].startswith(("redis", "rediss")):
        settings["broker_transport_options"] = {
            **redis_transport_options(app.config), **settings.get("broker_transport_options", {})}
    else:
        settings.pop("broker_transport_options", None)
    settings.setdefault("broker_connection_timeout", app.config["BROKER_TIMEOUT_SECONDS"])
    settings.setdefault("include", list(TASK_MODULES))

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(settings)
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    celery_app.loader.import_default_modules()  # every task registered, in web processes too
    return celery_app


def task_named(task):
    """A task object, or the registered task of that name (work queued by name, so that a
    service need not import the task module that imports it)."""
    if isinstance(task, str):
        return current_app.extensions["celery"].tasks[task]
    return task


def task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def _pop_quietly(context) -> None:
    """End a task's app context without letting its teardown decide the task's outcome (D8).

    When the database connection died under the task, the session's rollback in the teardown
    fails too; raised from here, that error would replace the body's Retry (or its result), and
    Celery would record a failure and drop the message. So the session is ended here first; if
    that fails, the session is dropped from the registry all the same, where it would otherwise
    stay under the ended context's id, holding its connection, until a later task's context
    happened to get the same id and was handed the broken session.
    """
    try:
        db.session.remove()
    except Exception:
        log.exception("Ending the task's database session failed (the connection is gone?)")
        db.session.registry.clear()
    try:
        context.pop()
    except Exception:
        log.exception("Ending the task's app context failed")


def redis_transport_options(config) -> dict:
    timeout = config["BROKER_TIMEOUT_SECONDS"]
    return {
        # A frozen or black-holed Redis accepts the connection and never answers: without a
        # socket timeout a publish waits forever (the worker's event loop is not affected).
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        # A refused connection fails at once rather than after kombu's 2 s pause and a second
        # try (the worker's consumer reconnects under its own, unaffected, policy).
        "max_retries": 0,
        # A message held by a worker that died comes back after this, like a lost one.
        "visibility_timeout": config["CERTIFICATE_STUCK_SECONDS"],
        # Look for such messages every 10 s, not every 100 s (kombu's default 10 x 10).
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
    }


def publish(task, *args) -> bool:
    """Hand work (a task, or its registered name) to the broker without holding up the request:
    no publish retries, and at most BROKER_TIMEOUT_SECONDS of waiting. False (and logged) when
    the broker did not take it."""
    try:
        task_named(task).apply_async(args, retry=False)
    except Exception:
        log.exception("Could not queue %s%r", task_name(task), args)
        return False
    return True


def retry_later(task, error: Exception):
    """What a task raises to be retried under the shared policy (capped backoff over at least
    RETRY_WINDOW_SECONDS); once that is spent, `error` itself, which Celery records as the
    task's failure."""
    return task.retry(exc=error, countdown=retry_delay(task.request.retries),
                      max_retries=max_retries())


def retry_delay(retries: int, config=None) -> float:
    """Seconds before retry number `retries` (0 first): doubling from RETRY_FIRST_SECONDS up to
    RETRY_MAX_SECONDS, less up to 20% of jitter so that a batch that failed together does not
    come back together. Capped: Redis redelivers anything held longer than its visibility
    timeout, and a retry waits in the worker unacknowledged."""
    return _base_delay(retries, config or current_app.config) * random.uniform(0.8, 1.0)


def max_retries(config=None) -> int:
    """How many retries it takes for their shortest delays to add up to RETRY_WINDOW_SECONDS."""
    config = config or current_app.config
    total, retries = 0.0, 0
    while total < config["RETRY_WINDOW_SECONDS"]:
        total += 0.8 * _base_delay(retries, config)
        retries += 1
    return retries


def _base_delay(retries: int, config) -> float:
    first, cap = config["RETRY_FIRST_SECONDS"], config["RETRY_MAX_SECONDS"]
    return min(first * 2 ** min(retries, 32), cap)
