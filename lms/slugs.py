"""Slugs: lower-case ASCII words joined by hyphens, for URLs and file names."""
import re
import unicodedata


def slugify(text: str, fallback: str = "", max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return slug or fallback
