"""A registered receiver (its URL, the events it wants, its sealed signing secret) and each
delivery of an event to it, with what became of it."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models_base import UTCDateTime, utcnow


class EventType(enum.StrEnum):
    ENROLMENT_STARTED = "enrolment.started"
    COURSE_COMPLETED = "course.completed"
    CERTIFICATE_ISSUED = "certificate.issued"
    CERTIFICATE_REVOKED = "certificate.revoked"


class DeliveryState(enum.StrEnum):
    PENDING = "pending"        # queued, or waiting for its next attempt
    SUCCEEDED = "succeeded"    # the receiver answered 2xx
    FAILED = "failed"          # given up: attempts spent, or an answer that retrying won't change


class WebhookEndpoint(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    # The `whsec_...` secret, encrypted with a key derived from SECRET_KEY (secrets.py): it must
    # be read back to sign, so it cannot be hashed; a database dump alone does not reveal it.
    sealed_secret: Mapped[str] = mapped_column(Text)
    # Space-separated EventType values.
    events: Mapped[str] = mapped_column(String(200))
    # Whether payloads name the learner's email as well as their id (the admin's choice for
    # this receiver: a CRM matches supporters by email; most receivers need only the id).
    include_email: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    secret_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def event_types(self) -> list[EventType]:
        return [EventType(name) for name in self.events.split()]

    def wants(self, event_type: EventType) -> bool:
        return event_type.value in self.events.split()


class WebhookDelivery(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # The message id (`webhook-id`): the same for every endpoint the event went to, for every
    # attempt and for a replay, so a receiver can drop what it has already processed.
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    endpoint_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_endpoint.id", ondelete="CASCADE"), index=True)
    # The account the payload is about, so that deleting the account deletes its deliveries
    # (lms.privacy); no foreign key: the row must not hold up or outlive that deletion.
    learner_id: Mapped[int | None] = mapped_column(Integer, index=True)
    state: Mapped[DeliveryState] = mapped_column(
        Enum(DeliveryState, native_enum=False, length=20,
             values_callable=lambda e: [m.value for m in e]),
        default=DeliveryState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status: Mapped[int | None] = mapped_column(Integer)  # the receiver's HTTP status
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replay_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("webhook_delivery.id", ondelete="SET NULL"))

    endpoint: Mapped[WebhookEndpoint] = relationship()
