"""Signed webhooks (Standard Webhooks): admins register receivers; enrolments, completions and
certificates are sent to them after commit by a Celery task, and every delivery is logged."""
