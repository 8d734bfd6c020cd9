"""Uploads that must never touch the disk (the certificate file check): Werkzeug spools an
uploaded file over 500 KB to a temporary file; for a view marked in_memory_uploads(limit) the
request keeps it in memory instead, and takes at most `limit` bytes of file."""
from io import BytesIO

from flask import Request, current_app

FORM_OVERHEAD = 16 * 1024  # multipart boundaries, the CSRF token, the field names


def in_memory_uploads(limit: int):
    """Mark a view: its uploads stay in memory, up to limit bytes (then 413)."""
    def mark(view):
        view.memory_upload_limit = limit
        return view
    return mark


class MemoryUploadsRequest(Request):
    def _memory_upload_limit(self) -> int | None:
        if self.url_rule is None:
            return None
        view = current_app.view_functions.get(self.endpoint)
        return getattr(view, "memory_upload_limit", None)

    @property
    def max_content_length(self) -> int | None:
        limit = self._memory_upload_limit()
        if limit is not None:
            return limit + FORM_OVERHEAD
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    def _get_file_stream(self, total_content_length, content_type, filename=None,
                         content_length=None):
        if self._memory_upload_limit() is not None:
            return BytesIO()
        return super()._get_file_stream(total_content_length, content_type, filename,
                                        content_length)
