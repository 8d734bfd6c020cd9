"""Registering, changing and removing the platforms that may launch the tool; each change is
in the audit log, in the same transaction."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from lms import audit
from lms.extensions import db
from lms.lti.models import LtiGradeLink, LtiPlatform
from lms.refusal import N_, Refusal

FIELDS = ("name", "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url",
          "key_set_url")


class PlatformRefused(Refusal):
    """A registration that cannot be saved; the message says why."""


@dataclass(frozen=True)
class ToolValues:
    """What an admin pastes into the platform's form for a new tool."""

    login_url: str
    launch_url: str
    deep_linking_url: str
    jwks_url: str


def tool_values() -> ToolValues:
    """The tool's addresses, from PUBLIC_BASE_URL (the address people reach the site at)."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    launch = base + url_for("lti.launch")
    return ToolValues(login_url=base + url_for("lti.login"), launch_url=launch,
                      deep_linking_url=launch, jwks_url=base + url_for("lti.jwks"))


def all_platforms() -> list[LtiPlatform]:
    return list(db.session.scalars(select(LtiPlatform).order_by(LtiPlatform.name,
                                                                LtiPlatform.id)))


def _target(platform: LtiPlatform) -> str:
    return f"LTI platform {platform.issuer} (client {platform.client_id})"


def _detail(platform: LtiPlatform) -> str:
    return (f"{platform.name}; deployments {', '.join(platform.deployment_ids)}; "
            f"key set {platform.key_set_url}")


def _save(platform: LtiPlatform, actor_id: int, action: str) -> LtiPlatform:
    try:
        with db.session.begin_nested():
            db.session.add(platform)
            db.session.flush()
    except IntegrityError:
        raise PlatformRefused(N_("A platform with this issuer and client ID is already "
                                 "registered.")) from None
    audit.record(actor_id, action, target=_target(platform), detail=_detail(platform))
    db.session.commit()
    return platform


def register_platform(actor_id: int, values: dict) -> LtiPlatform:
    platform = LtiPlatform(**{name: values[name] for name in FIELDS})
    return _save(platform, actor_id, "LTI platform registered")


def change_platform(actor_id: int, platform: LtiPlatform, values: dict) -> LtiPlatform:
    for name in FIELDS:
        setattr(platform, name, values[name])
    return _save(platform, actor_id, "LTI platform changed")


def remove_platform(actor_id: int, platform: LtiPlatform) -> None:
    """Its launches stop at once; the accounts it made stay, with their progress."""
    audit.record(actor_id, "LTI platform removed", target=_target(platform),
                 detail=platform.name)
    db.session.execute(delete(LtiGradeLink).where(LtiGradeLink.platform_id == platform.id))
    db.session.delete(platform)
    db.session.commit()
