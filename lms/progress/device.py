"""This device's guest progress and an account: joined only when the account holder chooses
(finding N8). Whoever logs in or signs up on a browser with progress kept for a visitor is asked
first; they may add it (join_account: it can complete a course and issue its certificate) or
leave it on the device. A visitor may delete what the device keeps."""
from flask import session

from lms.extensions import db
from lms.progress import overview
from lms.progress.guests import delete_guests
from lms.progress.joining import JoinOutcome, join_account
from lms.progress.models import Guest

LEFT = "device_progress_left"  # session key: this account chose to leave that guest's progress


def offered(guest: Guest | None) -> bool:
    """The signed-in person has not yet said what to do with this device's progress."""
    return guest is not None and session.get(LEFT) != guest.id and bool(
        overview.guest_courses(guest))


def courses(guest: Guest) -> list:
    """What the device holds, course by course (the choice page lists it)."""
    return overview.guest_courses(guest)


def add_to_account(guest: Guest, user_id: int) -> JoinOutcome | None:
    """The account holder chose to add it: every course the guest touched joins the account."""
    return join_account(guest.id, user_id)


def leave_on_device(guest: Guest) -> None:
    """Not added: the device keeps it for whoever made it; this session is not asked again."""
    session[LEFT] = guest.id


def forget_device(guest: Guest) -> None:
    """The visitor deletes this device's progress, for good. Commits."""
    delete_guests([guest.id])
    db.session.commit()
