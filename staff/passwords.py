"""Password hashing with scrypt (memory-hard; Python's standard library).

Format: ``scrypt$<log2 n>$<r>$<p>$<salt hex>$<hash hex>``. The cost is stored with each
hash, so it can be raised later without breaking existing accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: n = 2**15, r = 8: 32 MiB of memory per hash (OWASP's scrypt minimum is n = 2**17 with
#: p = 1 at 128 MiB, or equivalent; 2**15 with r = 8 keeps login under 0.1 s on 2 cores)
LOG2_N, R, P = 15, 8, 1
MIN_LENGTH = 12


class WeakPassword(ValueError):
    pass


def hash_password(password: str, log2_n: int = LOG2_N) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**log2_n, r=R, p=P, maxmem=2**27, dklen=32)
    return f"scrypt${log2_n}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, log2_n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=2 ** int(log2_n), r=int(r), p=int(p), maxmem=2**27, dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)
