"""Checking what a resident types in the contact form: Dutch phone numbers, e-mail,
postcode, a name, how and when to be contacted. Each check returns the cleaned value or
raises :class:`Invalid` with a Dutch (B1) sentence that says what to type instead."""

from __future__ import annotations

import re
import unicodedata

from core.text import fold

#: words that skip an optional question
SKIP_WORDS = frozenset(
    {"overslaan", "sla over", "skip", "geen", "nee", "liever niet", "hoeft niet", "maakt niet uit", "-"}
)


class Invalid(ValueError):
    """The answer cannot be used; ``str(exc)`` is the re-ask for the resident."""


def visible(text: str) -> str:
    """``text`` without invisible control and format characters: NUL and other control
    characters, and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069)
    that would reorder what staff read ("Fatma\u202eNL31..." shows reversed). A zero-width
    joiner stays: some names are written with one."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t " or (unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs") or ch == "\u200d")
    )


def is_skip(text: str) -> bool:
    return fold(text).strip(" .!") in SKIP_WORDS


def phone(text: str) -> str:
    """A Dutch phone number as ``+31...``: "06-12345678", "06 1234 5678", "+31 6 12345678",
    "0031612345678", "053-1234567"."""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        raise Invalid(
            "Dat is geen Nederlands telefoonnummer dat ik kan gebruiken. "
            "Typ 10 cijfers, bijvoorbeeld 06 12345678. Of typ 'stop' om te stoppen."
        )
    return "+31" + digits[1:]


def display_phone(value: str) -> str:
    """``+31612345678`` -> ``06 12345678``."""
    local = "0" + value[3:] if value.startswith("+31") else value
    return f"{local[:2]} {local[2:]}" if local.startswith("06") else f"{local[:3]} {local[3:]}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def email(text: str) -> str:
    value = visible(text).strip().strip(".").lower()
    if not _EMAIL.match(value) or len(value) > 254:
        raise Invalid("Dat lijkt geen e-mailadres. Typ het zo: naam@voorbeeld.nl. Of typ 'stop' om te stoppen.")
    return value


def postcode(text: str) -> str:
    """ "7607 ab" -> "7607 AB". Dutch postcodes never start with 0 and never use SA, SD or SS."""
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", compact) or compact[4:] in ("SA", "SD", "SS"):
        raise Invalid("Dat is geen postcode. Typ 4 cijfers en 2 letters, bijvoorbeeld 7607 AB. Of typ 'overslaan'.")
    return f"{compact[:4]} {compact[4:]}"


_NAME_PREFIX = re.compile(r"^(?:ik heet|mijn naam is|naam is|naam:|ik ben|dit is)\s+", re.IGNORECASE)


#: answers to "Hoe mag het team u noemen?" that are a refusal, not a name
_REFUSAL = re.compile(
    r"^(?:nee|neen|no|laat maar|laat maar zitten|hou op|ho maar|nee laat maar|liever niet|dat wil ik niet)\b"
)


def name(text: str) -> str:
    """The name the team may use: "ik heet Fatma" -> "Fatma"."""
    text = visible(text)
    if _REFUSAL.match(fold(text).strip(" .!")):
        raise Invalid("Wilt u stoppen? Typ dan 'stop'. Anders: hoe mag het team u noemen?")
    value = _NAME_PREFIX.sub("", text.strip()).strip(" .!,")
    if not 2 <= len(value) <= 80 or re.search(r"[\d@<>{}\[\]]", value) or not re.search(r"[^\W\d_]", value):
        raise Invalid("Hoe mag het team u noemen? Typ alleen uw naam, bijvoorbeeld: Fatma de Vries. Of typ 'stop'.")
    return " ".join(value.split())


#: how the resident wants to be contacted
PHONE, EMAIL, CHAT = "telefoon", "e-mail", "chat"
_METHODS = (
    (PHONE, re.compile(r"\b(?:bel\w*|telefo\w*|phone|mobiel|06)\b")),
    (EMAIL, re.compile(r"\b(?:e-?mail\w*|mail\w*)\b")),
    (CHAT, re.compile(r"\b(?:chat\w*|whats ?app|hier|via deze chat|bericht\w*)\b")),
)


def contact_method(text: str) -> str:
    folded = fold(text)
    for method, pattern in _METHODS:
        if pattern.search(folded):
            return method
    raise Invalid("Hoe wilt u dat het team contact met u opneemt? Typ bellen of e-mail.")


def moment(text: str) -> str:
    """A suitable moment, free text ("dinsdagochtend", "na 15 uur"), or that it does not matter."""
    value = " ".join(visible(text).split()).strip()
    if is_skip(value):
        return "maakt niet uit"
    if len(value) > 100 or re.search(r"[<>{}]", value):
        raise Invalid("Schrijf kort wanneer het u uitkomt, bijvoorbeeld: dinsdagochtend of na 15 uur.")
    return value
