"""Signing secrets and signatures: a secret is made as Standard Webhooks describes (`whsec_` +
base64 of 32 random bytes), kept encrypted with a key derived from SECRET_KEY, and signs messages.

The secret must be read back to sign, so it is sealed (Fernet) rather than hashed. Changing
SECRET_KEY makes the sealed secrets unreadable: deliveries then fail with a clear error until an
admin rotates each endpoint's secret (docs/INTEGRATIONS.md, "Webhooks")."""
import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "whsec_"


class SecretUnreadable(Exception):
    """The sealed secret was made under another SECRET_KEY."""


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"lms webhook signing secrets").derive(
        current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable("the endpoint's secret cannot be read (SECRET_KEY changed?): "
                               "rotate it") from error


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header: v1, then the base64 HMAC-SHA256 of "id.timestamp.body"
    keyed by the secret's decoded bytes."""
    key = base64.b64decode(secret.removeprefix(PREFIX))
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()
