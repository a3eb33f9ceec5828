"""The summary a team receives, built from the conversation and shown to the resident
before anything is sent. Written for the professional: topics, the question in the
resident's own words, facts the resident mentioned, urgency, what the assistant already
suggested, and how to make contact."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from bot.replies.labels import topic_list
from bot.triage.text import fold
from handoff.validation import EMAIL, PHONE, display_phone

_RELATIVE = r"(?:moeder|vader|ma|pa|man|vrouw|partner|vriend|vriendin|zoon|dochter|broer|zus|oma|opa|schoonmoeder|schoonvader|buurvrouw|buurman|ouders|kind)"
_CARE = re.compile(r"\b(?:zorg|zorgen|verzorg\w*|mantelzorg\w*)\b[^.?!]{0,30}?\b(?:voor|om) (?:mijn|m'n|mn|onze|ons) (?:zieke |dementerende |oude |gehandicapte )?(" + _RELATIVE + r")\b")
_CHILD_AGE = re.compile(r"\b(zoon|dochter|kind|zoontje|dochtertje|kleinzoon|kleindochter)\w* (?:is |wordt )?(?:van )?(\d{1,2})(?: jaar)?\b")
_DEBT_KINDS = {
    "huur": r"\bhuur\w*",
    "energie": r"\b(?:energie\w*|gas|stroom)\b",
    "zorgverzekering": r"\bzorgverzeker\w*",
    "belasting": r"\bbelasting\w*",
    "telefoon of internet": r"\b(?:telefoonrekening|abonnement)\b",
    "lening of achteraf betalen": r"\b(?:lening\w*|krediet\w*|klarna|afterpay|rood staan)\b",
    "boetes": r"\b(?:boete\w*|cjib)\b",
}


def facts(texts: list[str]) -> list[str]:
    """Relevant facts from what the resident wrote, as short Dutch phrases."""
    joined = " \n ".join(fold(t) for t in texts if t)
    found: list[str] = []
    for match in _CARE.finditer(joined):
        found.append(f"zorgt voor: {match.group(1)}")
    for match in _CHILD_AGE.finditer(joined):
        found.append(f"{match.group(1)} van {match.group(2)} jaar")
    kinds = [kind for kind, pattern in _DEBT_KINDS.items() if re.search(pattern, joined)]
    if kinds and re.search(r"\b(?:schuld\w*|achterstand\w*|betalen|rekening\w*|deurwaarder\w*|aanmaning\w*|incasso\w*)", joined):
        found.append("soort schulden of rekeningen: " + ", ".join(kinds))
    return list(dict.fromkeys(found))


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
        if self.moment and self.moment != "maakt niet uit":
            how += f", het liefst {self.moment}"
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
        lines = [f"Dit stuur ik naar {self.team}:", f"- Onderwerp: {topic_list(self.topics)}", f"- Uw vraag: \"{self.question}\""]
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

