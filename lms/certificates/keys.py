"""The issuer's Ed25519 signing keys. Every one stays published, so a credential keeps verifying
against the key it was signed with (its `kid`) after a rotation; the newest one that is not
retired or compromised signs (key_status.py keeps what happened to each).

Embedded default: one private JWK per file in instance/signing-keys/ (key-0001.jwk, ...), each
created owner-only and atomically, the first the first time one is needed. Production:
CERTIFICATE_SIGNING_KEYS in the environment (a JSON list of private JWKs, oldest first); the app
refuses to start without it."""
import json
import re
from pathlib import Path

from flask import current_app
from joserfc.jwk import OKPKey

from lms.instance import private_folder, write_once

KEY_FILE = re.compile(r"key-(\d{4,})\.jwk")


class SigningKeyError(Exception):
    """CERTIFICATE_SIGNING_KEYS cannot be read as Ed25519 private keys."""


def new_key() -> OKPKey:
    return OKPKey.generate_key("Ed25519", private=True)


def private_jwk(key: OKPKey) -> str:
    return json.dumps(key.as_dict(private=True), sort_keys=True)


def parse_keys(text: str) -> list[OKPKey]:
    """Keys from CERTIFICATE_SIGNING_KEYS: one private JWK, or a JSON list of them."""
    try:
        data = json.loads(text)
        keys = [OKPKey.import_key(jwk) for jwk in (data if isinstance(data, list) else [data])]
    except Exception as error:  # not JSON, or not a JWK joserfc can read
        raise SigningKeyError("CERTIFICATE_SIGNING_KEYS is not a JSON list of Ed25519 JWKs: "
                              f"{error}") from None
    if not keys or any(k.as_dict().get("crv") != "Ed25519" or not k.is_private for k in keys):
        raise SigningKeyError("CERTIFICATE_SIGNING_KEYS must hold Ed25519 private keys "
                              "(OKP JWKs with d).")
    return keys


def check_production(config) -> None:
    """Refuse to start a production app without its signing keys; RuntimeError says why."""
    if not config.get("SESSION_COOKIE_SECURE"):  # i.e. not LMS_ENV=production
        return
    if not config.get("CERTIFICATE_SIGNING_KEYS"):
        raise RuntimeError("CERTIFICATE_SIGNING_KEYS must be set in production: the Ed25519 "
                           "key(s) that sign certificate credentials, as a JSON list of private "
                           "JWKs. Make one with `python -m lms.certificates.keys`.")
    try:
        parse_keys(config["CERTIFICATE_SIGNING_KEYS"])
    except SigningKeyError as error:
        raise RuntimeError(str(error)) from None


def _key_files(folder: Path) -> list[Path]:
    found = [(int(m[1]), path) for path in folder.glob("key-*.jwk")
             if (m := KEY_FILE.fullmatch(path.name))]
    return [path for _, path in sorted(found)]


def _folder() -> Path:
    folder = Path(current_app.config["CERTIFICATE_KEY_DIR"])
    private_folder(folder)
    return folder


def signing_keys() -> list[OKPKey]:
    """Every key, oldest first (the newest usable one signs: key_status.signer)."""
    configured = current_app.config.get("CERTIFICATE_SIGNING_KEYS")
    if configured:
        return parse_keys(configured)
    folder = _folder()
    files = _key_files(folder)
    if not files:
        write_once(folder / "key-0001.jwk", private_jwk(new_key()))
        files = _key_files(folder)
    return [OKPKey.import_key(json.loads(path.read_text())) for path in files]


def key_id(key: OKPKey) -> str:
    """The key's RFC 7638 thumbprint: the same key has the same id wherever it is published."""
    return key.thumbprint()


def rotate() -> tuple[OKPKey, str | None]:
    """Add a new signing key. In the embedded default it is written to the instance folder and
    returned with None; with CERTIFICATE_SIGNING_KEYS set nothing can be written, so it returns
    the new value for that variable (old keys first, the new one last) for the operator."""
    key = new_key()
    configured = current_app.config.get("CERTIFICATE_SIGNING_KEYS")
    if configured:
        keys = [k.as_dict(private=True) for k in parse_keys(configured)]
        return key, json.dumps(keys + [key.as_dict(private=True)], sort_keys=True)
    folder = _folder()
    signing_keys()  # the first key exists before the second
    while True:
        files = _key_files(folder)
        number = int(KEY_FILE.fullmatch(files[-1].name)[1]) + 1
        path = folder / f"key-{number:04d}.jwk"
        if write_once(path, private_jwk(key)) == private_jwk(key):
            return key, None


if __name__ == "__main__":  # a first value for CERTIFICATE_SIGNING_KEYS: python -m ...keys
    print(json.dumps([new_key().as_dict(private=True)], sort_keys=True))
