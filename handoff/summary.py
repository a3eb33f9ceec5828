"""The summary a team receives, built from the conversation and shown to the resident
before anything is sent. Written for the professional: topics, the question in the
resident's own words, facts the resident mentioned, urgency, what the assistant already
suggested, and how to make contact."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from core.text import fold
from core.topics import topic_list
from handoff.urgency import carer_overload, is_carer
from handoff.validation import EMAIL, PHONE, display_phone

_RELATIVE = r"(?:moeder|vader|ma|pa|man|vrouw|partner|vriend|vriendin|zoon|dochter|broer|zus|oma|opa|schoonmoeder|schoonvader|buurvrouw|buurman|ouders|kind)"
_CARE = re.compile(
    r"\b(?:zorg|zorgen|verzorg\w*|mantelzorg\w*)\b[^.?!]{0,30}?\b(?:voor|om) (?:mijn|m'n|mn|onze|ons) (?:zieke |dementerende |oude |gehandicapte )?("
    + _RELATIVE
    + r")\b"
)
_CHILD_AGE = re.compile(
    r"\b(zoon|dochter|kind|zoontje|dochtertje|kleinzoon|kleindochter)\w* (?:is |wordt )?(?:van )?(\d{1,2})(?: jaar)?\b"
)
_DEBT_KINDS = {
    "huur": r"\bhuur\w*",
    "energie": r"\b(?:energie\w*|gas|stroom)\b",
    "zorgverzekering": r"\bzorgverzeker\w*",
    "belasting": r"\bbelasting\w*",
    "telefoon of internet": r"\b(?:telefoonrekening|abonnement)\b",
    "lening of achteraf betalen": r"\b(?:lening\w*|krediet\w*|klarna|afterpay|rood staan)\b",
    "boetes": r"\b(?:boete\w*|cjib)\b",
}


#: "ik ben 79", "ik ben zelf 81 jaar", "ik (79) zorg ..."
_OWN_AGE = re.compile(
    r"\bik\s+(?:ben\s+(?:zelf\s+|al\s+|inmiddels\s+|nu\s+|ook\s+al\s+)?(\d{2,3})(?:\s*jaar)?\b|\((\d{2,3})\))"
)
#: "ik heb zelf ook hartproblemen", "ik ben zelf niet zo goed ter been", "mijn eigen rug"
_OWN_HEALTH = re.compile(
    r"\bik\s+(?:heb|ben)\s+zelf\s+(?:ook\s+)?((?:een\s+)?[^.,;!?\n]{3,40}?)(?=\s+(?:en|maar|dus|want)\b|[.,;!?\n]|$)"
    r"|\b(?:mijn|m'n|mn)\s+eigen\s+(hart|rug|gezondheid|benen|longen|knieen|ogen)\b"
)


def facts(texts: list[str]) -> list[str]:
    """Relevant facts from what the resident wrote, as short Dutch phrases."""
    joined = " \n ".join(fold(t) for t in texts if t)
    found: list[str] = []
    for match in _CARE.finditer(joined):
        found.append(f"zorgt voor: {match.group(1)}")
    carer = is_carer([joined])
    if carer_overload([joined]):
        found.append("de mantelzorger zegt het niet meer aan te kunnen")
    for match in _OWN_AGE.finditer(joined):
        age = int(match.group(1) or match.group(2))
        if 12 <= age <= 110:
            found.append(f"leeftijd inwoner: {age} jaar")
            break
    if carer:
        for match in _OWN_HEALTH.finditer(joined):
            found.append(f"eigen gezondheid: {(match.group(1) or match.group(2)).strip()}")
            break
    for match in _CHILD_AGE.finditer(joined):
        found.append(f"{match.group(1)} van {match.group(2)} jaar")
    kinds = [kind for kind, pattern in _DEBT_KINDS.items() if re.search(pattern, joined)]
    if kinds and re.search(
        r"\b(?:schuld\w*|achterstand\w*|betalen|rekening\w*|deurwaarder\w*|aanmaning\w*|incasso\w*)", joined
    ):
        found.append("soort schulden of rekeningen: " + ", ".join(kinds))
    return list(dict.fromkeys(found))


#: words residents put before a moment that the summary's own "het liefst" already says
_PREFERENCE = re.compile(
    r"^(?:(?:het|t|'t)\s+)?(?:liefst(?:e)?|bij\s+voorkeur|voorkeur\s*:?|graag|het\s+best|best|als\s+het\s+kan|mag\s+ook)\b[\s,:]*",
    re.IGNORECASE,
)

#: "'s ochtends het liefst", "na 15 uur graag"
_PREFERENCE_AFTER = re.compile(
    r"[\s,]+(?:(?:het|t|'t)\s+)?(?:liefst(?:e)?|graag|bij\s+voorkeur|als\s+het\s+kan)[.!]?$", re.IGNORECASE
)


def preferred_moment(moment: str | None) -> str:
    """ "het liefst <moment>", without saying "liefst" twice when the resident wrote
    "liefst 's ochtends" or "bij voorkeur na 15 uur"; empty when it does not matter."""
    text = " ".join((moment or "").split())
    if not text or text.lower() == "maakt niet uit":
        return ""
    while True:
        shorter = _PREFERENCE.sub("", text, count=1)
        if shorter == text:
            break
        text = shorter
    text = _PREFERENCE_AFTER.sub("", text)
    return f"het liefst {text}" if text else ""


@dataclass
class Contact:
    name: str
    method: str
    phone: str | None = None
    email: str | None = None
    moment: str | None = None
    postcode: str | None = None

    def describe(self) -> str:
        if self.method == PHONE and self.phone:
            how = f"bellen naar {display_phone(self.phone)}"
        elif self.method == EMAIL and self.email:
            how = f"e-mail naar {self.email}"
        else:
            how = "een WhatsApp-bericht naar het nummer waarmee u nu appt"
        moment = preferred_moment(self.moment)
        if moment:
            how += f", {moment}"
        return how


@dataclass
class Summary:
    gemeente: str
    team: str
    topics: list[str]
    question: str
    facts: list[str] = field(default_factory=list)
    urgency: list[str] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)
    contact: Contact | None = None
    channel: str = "chat"

    def as_dict(self) -> dict:
        return asdict(self)

    def for_resident(self) -> str:
        """The summary as the resident confirms it (B1 Dutch)."""
        lines = [
            f"Dit stuur ik naar {self.team}:",
            f"- Onderwerp: {topic_list(self.topics)}",
            f'- Uw vraag: "{self.question}"',
        ]
        if self.facts:
            lines.append("- Wat ik verder begreep: " + "; ".join(self.facts))
        if self.urgency:
            lines.append("- Dringend: " + "; ".join(self.urgency))
        if self.suggested:
            lines.append("- Wat ik al heb genoemd: " + ", ".join(self.suggested))
        if self.contact:
            lines.append(f"- Naam: {self.contact.name}")
            lines.append(f"- Contact: {self.contact.describe()}")
            if self.contact.postcode:
                lines.append(f"- Postcode: {self.contact.postcode}")
        return "\n".join(lines)
