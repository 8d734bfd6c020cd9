"""Refusals raised by services, worded in English where they are raised and translated where
they are shown: the same services run in the `flask` commands, where there is no request to
take a language from."""
from flask_babel import gettext


def N_(msgid: str) -> str:  # noqa: N802 (the name pybabel extract looks for)
    """Marks a msgid for the catalog without translating it here."""
    return msgid


class Refusal(Exception):
    """A change that cannot be made; str() is the English, said() the reader's language."""

    def __init__(self, msgid: str, **params):
        self.msgid, self.params = msgid, params
        super().__init__(msgid % params if params else msgid)

    def said(self) -> str:
        return gettext(self.msgid, **self.params)


def said(error: Exception) -> str:
    """What to show for an error caught in a route: a Refusal in the reader's language."""
    return error.said() if isinstance(error, Refusal) else str(error)
