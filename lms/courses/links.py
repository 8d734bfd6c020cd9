"""Links between learner pages; while a trainer previews the draft they stay inside the preview."""
from flask import g, url_for


def course_url(endpoint: str, **values) -> str:
    """url_for, except that a preview (g.course_endpoints) maps learner pages to preview pages,
    and a value given as None is left out (course=None: the course being served)."""
    mapping = g.get("course_endpoints") or {}
    values = {key: value for key, value in values.items() if value is not None}
    return url_for(mapping.get(endpoint, endpoint), **values)
