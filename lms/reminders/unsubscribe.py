"""One-click unsubscribe (RFC 8058): a signed link per learner and kind of email, and what
following it turns off. The link needs no log-in, so it names only what it may switch off."""
import enum

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


def unsubscribe_token(user_id: int, stream: Stream) -> str:
    return _serializer().dumps({"u": user_id, "s": stream.value})


def read_token(token: str) -> tuple[int, Stream] | None:
    """The learner and kind of email a link stops; None if it was altered or is not ours."""
    try:
        data = _serializer().loads(token)
        return int(data["u"]), Stream(data["s"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


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
