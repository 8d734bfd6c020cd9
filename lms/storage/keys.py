"""Where each kind of stored file lives: its key, per course where the file belongs to one."""
from lms.storage.base import check_key


def certificate_key(stored_name: str) -> str:
    """A certificate's PDF; stored_name is its row's storage_key, "<code>/<hash>.pdf"."""
    return check_key(f"certificates/{stored_name}")


def handout_key(course_slug: str, slug: str, language: str = "en") -> str:
    """handouts/<course>/<slug>.pdf in English, handouts/<course>/<slug>.es.pdf in Spanish."""
    suffix = "" if language == "en" else f".{language}"
    return check_key(f"handouts/{course_slug}/{slug}{suffix}.pdf")


def images_prefix(course_slug: str) -> str:
    return f"{check_key(f'images/{course_slug}')}/"


def image_key(course_slug: str, name: str) -> str:
    return check_key(f"images/{course_slug}/{name}")


def stash_key(token: str) -> str:
    """A course zip uploaded for import, waiting for "Apply"."""
    return check_key(f"imports/{token}.zip")
