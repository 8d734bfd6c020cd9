"""Certificates: issued on completion, rendered by a Celery worker, downloadable, verifiable."""
