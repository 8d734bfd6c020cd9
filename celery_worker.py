"""Entry point for `celery -A celery_worker worker`: builds the Flask app and exposes its Celery."""
from lms import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
