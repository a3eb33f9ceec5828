"""What is sent to Open Klant for a handoff, field by field (docs/open-klant.md says why).

Pure functions of the stored handoff: no I/O. Nothing identifies the resident beyond what
they typed for the team: no BSN (residents are not identified in the chat), no address.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from core.db import as_utc
from core.topics import topic_list
from handoff.models import Handoff

#: how the klantcontact's channel is named in Open Klant, by the conversation's channel
KANAAL_WHATSAPP = "Hulpwijzer WhatsApp"
KANAAL_CHAT = "Hulpwijzer chat"
GEVRAAGDE_HANDELING = "Contact opnemen met inwoner"
#: the onderwerpobject that names our handoff: how a klantcontact whose answer was lost is found again
REGISTER = "hulpwijzer"
OBJECTTYPE = "overdracht"
SOORT_OBJECT_ID = "referentie"
#: limits of the Klantinteracties API (klantcontact.inhoud, internetaak.toelichting, ...)
INHOUD_MAX = 1000
TOELICHTING_MAX = 1000
ONDERWERP_MAX = 200
ADRES_MAX = 80
#: Open Klant's pattern for a telefoonnummer
PHONE_PATTERN = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")
#: numbers Open Klant refuses as a telefoonnummer although they match the pattern
_SERVICE_NUMBERS = re.compile(r"^(?:0800|0900|0906|0909|14)")


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: whole when it fits, else cut at a word
    boundary where there is one nearby, never inside a character sequence that belongs
    together (a letter and its accents, an emoji with its joiners), ending in "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    end = limit - 1  # room for the ellipsis
    space = text.rfind(" ", 0, end + 1)
    if space >= end - 40:
        end = space
    joined = ("\u200d", "\ufe0f", "\ufe0e")
    while end > 0 and (
        unicodedata.combining(text[end])
        or text[end] in joined
        or text[end - 1] == "\u200d"
        or 0x1F3FB <= ord(text[end]) <= 0x1F3FF  # a skin tone belongs to the emoji before it
    ):
        end -= 1
    return text[:end].rstrip() + "…"


def normalise_phone(value: str) -> str | None:
    """A Dutch or international number in Open Klant's form (``+31612345678``), or ``None``
    when it cannot be one (then it is sent as ``overig``: the team can still read it)."""
    digits = re.sub(r"[\s().-]", "", value or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        if _SERVICE_NUMBERS.match(digits):
            return None
        digits = "+31" + digits[1:]
    if digits.startswith("+31") and _SERVICE_NUMBERS.match("0" + digits[3:]):
        return None
    return digits if PHONE_PATTERN.match(digits) else None


def kanaal(handoff: Handoff) -> str:
    return KANAAL_WHATSAPP if handoff.channel == "whatsapp" else KANAAL_CHAT


def onderwerp(handoff: Handoff) -> str:
    topics = topic_list(list(handoff.topics or [])) or "hulpvraag"
    return cut(f"Hulpwijzer: {topics}", ONDERWERP_MAX)


def contact_way(handoff: Handoff) -> str:
    if handoff.contact_method == "telefoon":
        return "bellen"
    if handoff.contact_method == "e-mail":
        return "e-mail"
    return "WhatsApp (bericht sturen vanuit de Hulpwijzer-overdrachtenapp)"


def inhoud(handoff: Handoff) -> str:
    """The summary as the resident confirmed it, for the team; the reference first, so that a
    cut never loses it."""
    summary = handoff.summary or {}
    lines = [f"Hulpwijzer-overdracht {handoff.reference} voor {handoff.team_name}."]
    lines.append(f"Vraag in eigen woorden: {handoff.question}")
    if summary.get("facts"):
        lines.append("Wat de inwoner verder vertelde: " + "; ".join(summary["facts"]))
    if handoff.urgency:
        lines.append("Dringend: " + "; ".join(handoff.urgency))
    if summary.get("suggested"):
        lines.append("Al genoemd door de assistent: " + ", ".join(summary["suggested"]))
    lines.append(f"Contact: {contact_way(handoff)}")
    if handoff.contact_moment and handoff.contact_moment != "maakt niet uit":
        lines.append(f"Voorkeur moment: {handoff.contact_moment}")
    if handoff.contact_postcode:
        lines.append(f"Postcode: {handoff.contact_postcode}")
    return cut("\n".join(lines), INHOUD_MAX)


def _iso(moment) -> str:
    return as_utc(moment).isoformat()


def maak_klantcontact(handoff: Handoff) -> dict[str, Any]:
    """``POST /maak-klantcontact``: the klantcontact, the resident as its betrokkene, and an
    onderwerpobject that names our handoff."""
    return {
        "klantcontact": {
            "kanaal": kanaal(handoff),
            "onderwerp": onderwerp(handoff),
            "inhoud": inhoud(handoff),
            "taal": "nld",
            "vertrouwelijk": True,
            "plaatsgevondenOp": _iso(handoff.created_at),
        },
        "betrokkene": {
            "rol": "klant",
            "initiator": True,
            # the name as the resident gave it ("Hoe mag het team u noemen?"), not split
            "contactnaam": {"voornaam": cut(handoff.contact_name, 200)},
        },
        "onderwerpobject": {
            "onderwerpobjectidentificator": {
                "codeRegister": REGISTER,
                "codeObjecttype": OBJECTTYPE,
                "codeSoortObjectId": SOORT_OBJECT_ID,
                "objectId": handoff.reference,
            },
        },
    }


def digitaal_adres(handoff: Handoff, betrokkene: str) -> dict[str, Any] | None:
    """``POST /digitaleadressen``: the phone number or e-mail address the resident chose for
    contact; ``None`` for contact via WhatsApp (the number stays in Hulpwijzer, where the
    follow-up template is sent from) or an e-mail address longer than Open Klant takes."""
    # links we do not have (wasPartij, verstrektDoorPartij) are left out rather than sent as null:
    # the contract's nullable references (allOf + nullable) do not validate with null
    base = {
        "verstrektDoorBetrokkene": {"uuid": betrokkene},
        "referentie": handoff.reference,
    }
    if handoff.contact_method == "telefoon" and handoff.contact_phone:
        number = normalise_phone(handoff.contact_phone)
        if number is None:
            adres = cut(handoff.contact_phone, ADRES_MAX)
            return {**base, "adres": adres, "soortDigitaalAdres": "overig", "omschrijving": "Telefoon (niet herkend)"}
        return {**base, "adres": number, "soortDigitaalAdres": "telefoonnummer", "omschrijving": "Telefoon"}
    if handoff.contact_method == "e-mail" and handoff.contact_email and len(handoff.contact_email) <= ADRES_MAX:
        return {**base, "adres": handoff.contact_email, "soortDigitaalAdres": "email", "omschrijving": "E-mail"}
    return None


def toelichting(handoff: Handoff) -> str:
    lines = [f"Hulpwijzer-overdracht {handoff.reference}."]
    if handoff.urgent:
        lines.append("DRINGEND: " + ("; ".join(handoff.urgency) or "ja"))
    else:
        lines.append("Niet als dringend gemeld.")
    if handoff.respond_by:
        lines.append(f"Contact uiterlijk {handoff.respond_by.strftime('%d-%m-%Y')} (zo aan de inwoner gemeld).")
    else:
        lines.append("Geen wettelijke of afgesproken termijn; de inwoner hoorde geen datum.")
    lines.append(f"Contact via: {contact_way(handoff)}.")
    if handoff.contact_method == "e-mail" and handoff.contact_email and len(handoff.contact_email) > ADRES_MAX:
        lines.append("Het e-mailadres is te lang voor Open Klant: zie de overdracht in Hulpwijzer.")
    return cut("\n".join(lines), TOELICHTING_MAX)


def actorklantcontact(actor: str, klantcontact: str) -> dict[str, Any]:
    """``POST /actorklantcontacten``: the assistant (geautomatiseerde actor) took part."""
    return {"actor": {"uuid": actor}, "klantcontact": {"uuid": klantcontact}}


def interne_taak(handoff: Handoff, klantcontact: str, team_actor: str) -> dict[str, Any]:
    """``POST /internetaken``: the team's task to contact the resident."""
    return {
        "aanleidinggevendKlantcontact": {"uuid": klantcontact},
        "gevraagdeHandeling": GEVRAAGDE_HANDELING,
        "toegewezenAanActoren": [{"uuid": team_actor}],
        "toelichting": toelichting(handoff),
        "status": "te_verwerken",
    }
