"""Where does the resident live? Finds a municipality named in a message.

"ik woon in Almere", "wij komen uit 's-Hertogenbosch", "gemeente Hengelo", "verhuisd naar
Den Haag". Returns the name as written; whether the knowledge base knows that municipality
is decided by the action (``knowledge_base.gemeenten.resolve``). A name after a weak
pattern ("ik zit in ...", "ik ben van ...") is only ``strong`` when written with a capital:
the action then ignores "ik ben van plan" unless the name is a municipality it knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"(?P<name>'?s[- ]?[A-Za-zÀ-ÿ]+|[A-Za-zÀ-ÿ][\wÀ-ÿ'-]*(?:[ -](?:aan|op|den|de|en|ter|[A-Z][\wÀ-ÿ'-]*)\b){0,3})"

_STRONG = re.compile(
    r"\b(?:woon|woont|wonen|woonde|woonachtig|inwoner|inwoners|bewoner)\s+(?:[a-z]+\s+){0,3}?"
    r"(?:in|van|te)\s+(?:de\s+)?(?:gemeente\s+|stad\s+)?" + _NAME
    + r"|\bgemeente\W{0,3}\s*(?:(?:dat\s+)?is\s+)?" + _NAME.replace("?P<name>", "?P<name2>")
    + r"|\bverhuisd\s+naar\s+" + _NAME.replace("?P<name>", "?P<name3>")
    + r"|\bwoonplaats(?:\s+is|:)?\s+" + _NAME.replace("?P<name>", "?P<name4>"),
    re.IGNORECASE,
)
#: "Tilburg is mijn woonplaats", "Almere is waar ik woon"
_NAME_FIRST = re.compile(
    r"^\s*(?P<name>'?s[- ]?[A-Za-zÀ-ÿ]+|[A-Za-zÀ-ÿ][\wÀ-ÿ'-]*(?:[ -](?:aan|op|den|de|en|ter|[A-Z][\wÀ-ÿ'-]*)\b){0,3})"
    r"\s+is\s+(?:mijn\s+woonplaats|mijn\s+gemeente|waar\s+ik\s+woon)\b",
    re.IGNORECASE,
)
_WEAK = re.compile(r"\b(?:(?:kom|komen|kwam|zit|zitten|ben|zijn)\s+(?:uit|in|van)|in)\s+" + _NAME)

#: words that follow "woon in" but are no place
_NOT_A_PLACE = frozenset(
    """
    de het een een mijn m'n mn onze ons zijn haar hun deze die dit dat die een huis flat woning
    buurt wijk straat centrum stad dorp nood schulden problemen war zorg opvang bijstand omgeving
    the a my zelf hier daar welke wat waar nederland holland
    """.split()
)
#: a name ends before these words ("Almere en ik heb schulden")
_STOP_AFTER = frozenset(
    "en maar want dus ik we wij heb hebben is zijn met sinds al nu omdat of als bij hoor toch zo eigenlijk "
    "trouwens ja he hè hoor".split()
)


@dataclass(frozen=True)
class Mention:
    name: str
    #: after "woon in", "gemeente", or capitalised: a place even if the knowledge base does
    #: not know it
    strong: bool


def _trim(name: str) -> str:
    words = []
    for word in re.split(r"\s+", name.strip(" ,.!?;:")):
        if words and word.lower() in _STOP_AFTER:
            break
        words.append(word.strip(",.!?;:"))
    return " ".join(w for w in words if w)


def find(text: str) -> Mention | None:
    """The municipality named in ``text``, if any."""
    match = _STRONG.search(text)
    strong = match is not None
    if match:
        name = match.group("name") or match.group("name2") or match.group("name3") or match.group("name4")
    elif _NAME_FIRST.search(text):
        name = _NAME_FIRST.search(text).group("name")
        strong = True
    else:
        match = _WEAK.search(text)
        if not match:
            return None
        name = match.group("name")
        strong = name[:1].isupper() or name.startswith("'s")
    name = _trim(name)
    if not name or name.split()[0].lower() in _NOT_A_PLACE or len(name) < 2:
        return None
    return Mention(name, strong)
