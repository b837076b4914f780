"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps), the second
factor an admin account may have: what authenticator apps show after scanning an otpauth URI.

A code is accepted for the step it was made in and one step either side (clocks drift), and
only once: the caller keeps the last step used and passes it back."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP = 30
ISSUER = "PeerJobs"


def new_secret() -> str:
    """160 random bits in base32, as RFC 4226 recommends and apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def code_at(secret: str, step: int) -> str:
    """The code of one time step (RFC 4226 HOTP over the step counter)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** DIGITS).zfill(DIGITS)


def matching_step(secret: str, code: str, after_step: int | None = None, now: float | None = None) -> int | None:
    """The time step `code` belongs to (now, or one step either side), None when it matches
    none or only a step at or before `after_step` (a code used already)."""
    code = (code or "").replace(" ", "")
    if len(code) != DIGITS or not (code.isascii() and code.isdigit()):
        return None
    current = int((time.time() if now is None else now) // STEP)
    for step in (current - 1, current, current + 1):
        if (after_step is None or step > after_step) and hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, username: str) -> str:
    """otpauth://totp/PeerJobs:NAME?secret=...&issuer=PeerJobs, for an authenticator app."""
    label = quote(f"{ISSUER}:{username}", safe=":")
    return f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": ISSUER, "digits": DIGITS,
                                                   "period": STEP})
