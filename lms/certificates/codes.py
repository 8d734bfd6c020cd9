"""Verification codes: 80 random bits in Crockford base32, grouped for people to read and type."""
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O or U
GROUPS = 4
GROUP_LENGTH = 4
LENGTH = GROUPS * GROUP_LENGTH  # 16 symbols x 5 bits = 80 bits
# What people mistype: Crockford decodes I and L as 1, O as 0; case does not matter.
LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """A fresh code from the OS's CSPRNG, never derived from ids or names."""
    number = secrets.randbits(5 * LENGTH)
    symbols = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(LENGTH))
    return group(symbols)


def group(symbols: str) -> str:
    return "-".join(symbols[i:i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def normalise(typed: str) -> str | None:
    """The canonical grouped code for what someone typed, or None if it cannot be one."""
    symbols = SEPARATORS.sub("", typed or "").upper().translate(LOOKALIKES)
    if len(symbols) != LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return group(symbols)
