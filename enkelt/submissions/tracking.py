"""Tracking codes: short, human codes such as `K7M-4QX` that a citizen can read aloud.

The alphabet leaves out characters that are easily confused (0/O, 1/I/L), so a
code copied from paper or dictated by phone still works. 31⁶ ≈ 887 million
codes per municipality; uniqueness is enforced by a database constraint and a
collision is simply retried by the service.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP = 3
LENGTH = 2 * GROUP

_NOT_CODE_CHARACTER = re.compile(r"[^0-9A-Z]")


def tracking_code_new() -> str:
    """A random code from the `secrets` generator (codes must not be guessable in sequence)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:GROUP]}-{raw[GROUP:]}"


def tracking_code_normalise(value: str) -> str:
    """The canonical form of what a citizen typed: `k7m 4qx` → `K7M-4QX`.

    Returns an empty string when the input cannot be a code, so a lookup finds nothing.
    """
    raw = _NOT_CODE_CHARACTER.sub("", (value or "").upper())
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return ""
    return f"{raw[:GROUP]}-{raw[GROUP:]}"
