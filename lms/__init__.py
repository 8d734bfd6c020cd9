"""The course platform's application factory."""
import logging
import os
from pathlib import Path

from flask import Flask
from flask.logging import default_handler
from werkzeug.middleware.proxy_fix import ProxyFix

from lms import api, dates, front_cache, i18n, instance, outage, queue, rate_limits, storage
from lms.admin.correction_routes import bp as corrections_bp
from lms.admin.invitation_routes import bp as invitation_bp
from lms.admin.invite_routes import bp as invites_bp
from lms.admin.people_routes import bp as people_bp
from lms.admin.routes import bp as admin_bp
from lms.admin.webhook_routes import bp as webhooks_bp
from lms.api import problems
from lms.application import Application
from lms.auth.cli import users_cli
from lms.auth.routes import bp as auth_bp
from lms.authoring.cli import content_cli
from lms.authoring.views import bp as authoring_bp
from lms.authoring.views import public_bp as uploads_bp
from lms.caching import register_cache_headers
from lms.catalogue import listing, published
from lms.celery_app import celery_init_app
from lms.certificates import keys as certificate_keys
from lms.certificates.cli import certificates_cli
from lms.certificates.views import bp as certificates_bp
from lms.config import check_production, settings_from_env
from lms.course_admin.routes import bp as course_admin_bp
from lms.database import (
    discard_closed_connections,
    make_sqlite_transactional,
    reads_without_transactions,
)
from lms.errors import register_error_handlers
from lms.extensions import csrf, db, limiter, login_manager, migrate
from lms.instance import PROJECT_ROOT
from lms.learn import cache as page_cache
from lms.learn.routes import bp as learn_bp
from lms.lti import framing as lti_framing
from lms.lti import receivers as lti_receivers
from lms.lti.admin_routes import bp as lti_admin_bp
from lms.lti.routes import bp as lti_bp
from lms.memory_uploads import MemoryUploadsRequest
from lms.numbers import BoundedIntConverter
from lms.offline.routes import bp as offline_bp
from lms.portal.legacy import bp as legacy_bp
from lms.portal.routes import bp as portal_bp
from lms.privacy.routes import bp as privacy_bp
from lms.progress import receivers as progress_receivers
from lms.reminders.routes import bp as reminders_bp
from lms.reports import reading
from lms.reports.cli import reports_cli
from lms.reports.routes import bp as reports_bp
from lms.security import register_security_headers
from lms.storage.cli import storage_cli
from lms.surveys.routes import bp as surveys_bp
from lms.webhooks import receivers as webhook_receivers


def create_app(test_config: dict | None = None) -> Flask:
    instance_path = Path(os.environ.get("LMS_INSTANCE_PATH", PROJECT_ROOT / "instance"))
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Application(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.request_class = MemoryUploadsRequest
    app.url_map.converters["int"] = BoundedIntConverter
    app.config.from_mapping(settings_from_env(instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    check_production(app.config)
    certificate_keys.check_production(app.config)
    instance.prepare(app.config)
    front_cache.init_app(app)  # inside ProxyFix: it keys pages by the visitor's scheme
    if app.config["PROXY_FIX_X_FOR"] or app.config["PROXY_FIX_X_PROTO"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"],
                                x_proto=app.config["PROXY_FIX_X_PROTO"])
    app.logger.setLevel(logging.INFO)  # the embedded mail outbox announces itself in the log
    # The rate limiter says when its storage is unreachable and when it is back: in our log.
    limiter.logger.addHandler(default_handler)
    limiter.logger.setLevel(logging.INFO)

    db.init_app(app)
    make_sqlite_transactional(app)
    reads_without_transactions(app)
    discard_closed_connections(app)
    outage.init_app(app)  # after the hook above, which may find the database unreachable
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app)
    dates.init_app(app)
    rate_limits.init_app(app)
    celery_init_app(app)
    queue.init_app(app)
    published.init_app(app)
    listing.init_app(app)
    page_cache.init_app(app)
    storage.init_app(app)
    progress_receivers.init_app(app)
    lti_receivers.init_app(app)
    webhook_receivers.init_app(app)
    lti_framing.init_app(app)
    reading.init_app(app)

    register_blueprints(app)
    api.init_app(app)
    register_error_handlers(app, api_problems=problems)
    register_security_headers(app)
    register_cache_headers(app)
    return app


def register_blueprints(app: Flask) -> None:
    for blueprint in (portal_bp, legacy_bp, learn_bp, auth_bp, privacy_bp, certificates_bp,
                      course_admin_bp, authoring_bp, uploads_bp, admin_bp, people_bp,
                      corrections_bp, invites_bp, invitation_bp, reports_bp, surveys_bp,
                      reminders_bp, offline_bp, webhooks_bp, lti_bp, lti_admin_bp):
        app.register_blueprint(blueprint)
    for command_group in (content_cli, users_cli, certificates_cli, reports_cli, storage_cli):
        app.cli.add_command(command_group)
