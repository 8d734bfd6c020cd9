"""One-click unsubscribe (RFC 8058): a signed link per learner and kind of email, and what
following it turns off. The link needs no log-in, so it names only what it may switch off.

The link names the account by its id and by a digest of the address it was sent to: ids are
given out again after an account is deleted (SQLite reuses the highest), and a deleted
account's old link must not unsubscribe the next person given its id (audit finding I3).
"""
import enum
import hashlib

from flask import current_app
from flask_babel import gettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import update

from lms.auth.models import User
from lms.extensions import db
from lms.reminders.models import MeetingPlan
from lms.urls import public_url

ONE_CLICK = "List-Unsubscribe=One-Click"


class Stream(enum.StrEnum):
    """A kind of email a learner can stop on its own."""

    REMINDERS = "reminders"  # gentle reminders about an unfinished course
    MEETING = "meeting"  # the reminder before a meeting with the school

    @property
    def description(self) -> str:
        return {"reminders": gettext("reminder emails about the course"),
                "meeting": gettext("reminder emails about your meeting with the school")
                }[self.value]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def _inbox(user_id: int) -> str | None:
    """A short digest of the account's email address; None if there is no such account."""
    user = db.session.get(User, user_id)
    return hashlib.sha256(user.email.encode()).hexdigest()[:16] if user else None


def unsubscribe_token(user_id: int, stream: Stream) -> str:
    return _serializer().dumps({"u": user_id, "s": stream.value, "e": _inbox(user_id)})


def read_token(token: str) -> tuple[int, Stream] | None:
    """The learner and kind of email a link stops; None if it was altered, is not ours, or
    was sent to an account that no longer has that id."""
    try:
        data = _serializer().loads(token)
        user_id, stream, inbox = int(data["u"]), Stream(data["s"]), data["e"]
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if inbox is None or inbox != _inbox(user_id):
        return None
    return user_id, stream


def unsubscribe_headers(user_id: int, stream: Stream) -> dict[str, str]:
    """The headers that let a mail client offer its own one-click "Unsubscribe" button."""
    return {"List-Unsubscribe": f"<{unsubscribe_url(user_id, stream)}>",
            "List-Unsubscribe-Post": ONE_CLICK}


def unsubscribe_url(user_id: int, stream: Stream) -> str:
    return public_url("reminders.unsubscribe", token=unsubscribe_token(user_id, stream))


def unsubscribe(user_id: int, stream: Stream) -> None:
    """Turn that kind of email off; doing it again (or for a deleted account) changes nothing."""
    if stream is Stream.REMINDERS:
        db.session.execute(update(User).where(User.id == user_id).values(reminder_emails=False))
    else:
        db.session.execute(update(MeetingPlan).where(MeetingPlan.user_id == user_id)
                           .values(remind=False))
    db.session.commit()
