"""The issued certificate: an immutable record of what was awarded, plus its render state."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class CertificateStatus(enum.StrEnum):
    PENDING = "pending"        # issued; the PDF is queued
    READY = "ready"            # PDF stored, hash recorded
    FAILED = "failed"          # the last render failed (error kept); it is retried
    REVOKED = "revoked"        # withdrawn by an admin, with a reason; stays verifiable as revoked
    SUPERSEDED = "superseded"  # replaced by a corrected reissue; its code points to the successor

    @property
    def is_valid(self) -> bool:
        """Pending and failed are about the file only: the award itself stands."""
        return self in (CertificateStatus.PENDING, CertificateStatus.READY,
                        CertificateStatus.FAILED)

    @property
    def is_being_prepared(self) -> bool:
        """Awarded, and its PDF and credential are still to be made (or retried)."""
        return self in (CertificateStatus.PENDING, CertificateStatus.FAILED)

    @property
    def is_ready(self) -> bool:
        return self is CertificateStatus.READY

    @property
    def is_revoked(self) -> bool:
        return self is CertificateStatus.REVOKED

    @property
    def is_superseded(self) -> bool:
        return self is CertificateStatus.SUPERSEDED

    @classmethod
    def valid(cls) -> tuple[CertificateStatus, ...]:
        return tuple(status for status in cls if status.is_valid)

    @classmethod
    def being_prepared(cls) -> tuple[CertificateStatus, ...]:
        return tuple(status for status in cls if status.is_being_prepared)


# One *current* certificate per learner and course edition. A corrected reissue marks the old row
# superseded and inserts the new one in one transaction, so the index covers every status but
# superseded: double clicks and concurrent completions still collide on it.
CURRENT_CERTIFICATE_ONLY = text("status != 'superseded'")


class Certificate(db.Model):
    __table_args__ = (
        Index("uq_certificate_current_per_edition", "user_id", "course_id", "edition", unique=True,
              sqlite_where=CURRENT_CERTIFICATE_ONLY, postgresql_where=CURRENT_CERTIFICATE_ONLY),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # SET NULL: a deleted account's certificate stays verifiable (the record holds the name).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"),
                                                index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    # What was awarded, copied at issue so later edits to the profile or course never change it.
    edition: Mapped[str] = mapped_column(String(40))
    printed_name: Mapped[str] = mapped_column(String(120))
    course_title: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    code: Mapped[str] = mapped_column(String(19), unique=True)
    # The course's reading time when it was awarded, rounded to a quarter hour (printed, and in
    # the credential, for continuing-education records).
    reading_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    status: Mapped[CertificateStatus] = mapped_column(
        Enum(CertificateStatus, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=CertificateStatus.PENDING,
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    rendered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    storage_key: Mapped[str | None] = mapped_column(String(140))
    sha256: Mapped[str | None] = mapped_column(String(64))
    # The signed Open Badges 3.0 credential (compact JWS), made once before the first PDF (which
    # carries it) and never again; dropped when the holder deletes their account.
    credential: Mapped[str | None] = mapped_column(Text)

    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))

    superseded_by: Mapped[Certificate | None] = relationship(remote_side=[id])

    @hybrid_property
    def holder_forgotten(self) -> bool:
        """The holder deleted their account: the award stays verifiable, their name is gone.
        Also a SQL expression: `~Certificate.holder_forgotten` in a WHERE clause."""
        return self.printed_name == ""

    def may_download(self, viewer) -> bool:
        """The PDF (and credential) for a viewer who may see the certificate privately: its
        holder once ready, an admin whatever is on record."""
        return self.storage_key is not None and (viewer.is_admin or self.status.is_ready)

    @property
    def initials(self) -> str:
        """What the public verify page shows of the holder: "Lee Learner" -> "L. L."."""
        return " ".join(f"{word[0]}." for word in self.printed_name.split() if word[0].isalpha())


class CorrectionState(enum.StrEnum):
    OPEN = "open"          # waiting for an admin
    DONE = "done"          # reissued with a name (the requested one, or the admin's)
    DECLINED = "declined"  # refused, with a reason the learner is sent


class CorrectionRequest(db.Model):
    """A holder's request for their certificate with a corrected name: the admins' queue."""
    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        ForeignKey("certificate.id", ondelete="CASCADE"), index=True)
    requested_name: Mapped[str] = mapped_column(String(120))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[CorrectionState] = mapped_column(
        Enum(CorrectionState, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=CorrectionState.OPEN, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response: Mapped[str] = mapped_column(Text, default="")  # why it was declined
    # The corrected certificate it led to (SET NULL: its row is never deleted, but be safe).
    replacement_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate.id", ondelete="SET NULL"))

    certificate: Mapped[Certificate] = relationship(foreign_keys=[certificate_id])
