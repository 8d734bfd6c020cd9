"""Whole numbers typed by people or put in URLs: ASCII digits only, and within column range."""
import re

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds on PostgreSQL
_DIGITS = re.compile(r"[0-9]{1,10}")


def whole_number(text: str | None, maximum: int = MAX_ID) -> int | None:
    """The number in text, or None. "²" and "٣" are digits to str.isdigit(), not to int()."""
    if text is None or not _DIGITS.fullmatch(text.strip()):
        return None
    value = int(text.strip())
    return value if value <= maximum else None


def id_argument(text: str) -> int:
    """For request.args.get(..., type=id_argument): a bad value reads as missing."""
    value = whole_number(text)
    if value is None:
        raise ValueError(text)
    return value


class BoundedIntConverter(IntegerConverter):
    """<int:...> in every route: an id too large for the database is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)
