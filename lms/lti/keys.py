"""The tool's own RSA key: it signs deep-linking responses and the tool's requests for grade
service tokens, and its public half is published at /lti/jwks for the platforms.

It comes from the LTI_PRIVATE_KEY setting (PEM) when one is given; otherwise it is made on first
use and kept in the database, so every web host and worker signs with the same key (hosts share
only the database, Redis and the bucket, never a file one of them wrote)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import current_app
from jwcrypto.jwk import JWK
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.database import write_transaction
from lms.extensions import db
from lms.lti.models import LtiToolKey

TOOL_KEY_ROW = 1  # one row: two hosts making it at once collide on the id, and one wins


@dataclass(frozen=True)
class ToolKey:
    kid: str
    private_pem: str
    public_pem: str

    @property
    def public_jwk(self) -> dict:
        return _public_jwk(self.public_pem, self.kid)


@lru_cache(maxsize=4)
def _public_jwk(public_pem: str, kid: str) -> dict:
    jwk = json.loads(JWK.from_pem(public_pem.encode()).export_public())
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@lru_cache(maxsize=4)
def _from_pem(private_pem: str) -> ToolKey:
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    if not isinstance(private, rsa.RSAPrivateKey):
        raise RuntimeError("LTI_PRIVATE_KEY must be an RSA private key in PEM form.")
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    kid = JWK.from_pem(public_pem.encode()).thumbprint()  # RFC 7638: the same on every host
    return ToolKey(kid, private_pem, public_pem)


def _new_private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def tool_key() -> ToolKey:
    """The tool's key: the setting's, else the database's, made (and committed) on first use."""
    configured = current_app.config.get("LTI_PRIVATE_KEY")
    if configured:
        return _from_pem(configured)
    stored = db.session.scalar(select(LtiToolKey.private_pem).where(LtiToolKey.id == TOOL_KEY_ROW))
    if stored is None:
        pem = _new_private_pem()
        try:
            with write_transaction():
                db.session.add(LtiToolKey(id=TOOL_KEY_ROW, kid=_from_pem(pem).kid,
                                          private_pem=pem))
            stored = pem
        except IntegrityError:  # another host made it first: use theirs
            stored = db.session.scalar(select(LtiToolKey.private_pem)
                                       .where(LtiToolKey.id == TOOL_KEY_ROW))
    return _from_pem(stored)


def tool_jwks() -> dict:
    return {"keys": [tool_key().public_jwk]}
