"""Where does the resident live? Finds the municipality a message says the resident lives in.

Only a statement about the resident counts: "ik woon in Almere", "wij wonen sinds kort in
Hengelo", "hier in Almelo", "mijn woonplaats is Zwolle", "gemeente Hengelo", or a message
that is only a place name (the answer to "In welke gemeente woont u?"). Places of other
people in a story ("de moeder van mijn kind woont in Polen", "mijn zoon zit op school in
Enschede"), past addresses ("we woonden in Zwolle") and places abroad or regions ("ik kom
uit Syrië", "ik woon in Twente") are never the resident's municipality.

Returns the name as written; whether the knowledge base knows that municipality is decided
by the action (``actions.common.mentioned_gemeente``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from bot.triage.places import Kind, kind, listed

_NAME_BODY = (
    r"'?s[- ]?[A-Za-zÀ-ÿ]+|[A-Za-zÀ-ÿ][\wÀ-ÿ'-]*(?:[ -](?:aan|op|den|de|en|ter|bij|van|[A-Z][\wÀ-ÿ'-]*)\b){0,3}"
)
_NAME = rf"(?P<name>{_NAME_BODY})"
_PLACE = re.compile(r"\b(?:in|te)\s+(?:de\s+)?(?:gemeente\s+|stad\s+)?" + _NAME, re.IGNORECASE)

#: a verb or noun that says where someone lives, followed within six words by "in <place>"
_RESIDENCE = re.compile(
    r"\b(?P<verb>woon|woont|wonen|woonde|woonden|woonachtig|inwoner|inwoners|bewoner|bewoners)\b",
    re.IGNORECASE,
)
_INWONER_VAN = re.compile(
    r"\b(?:inwoner|inwoners|bewoner|bewoners)\s+van\s+(?:de\s+)?(?:gemeente\s+|stad\s+)?" + _NAME, re.IGNORECASE
)
_MOVED = re.compile(r"\bverhuisd\s+naar\s+(?:de\s+)?(?:gemeente\s+)?" + _NAME, re.IGNORECASE)
#: "we zijn net van Rotterdam naar Almere verhuisd": the verb after the place
_MOVED_TO = re.compile(
    r"\bnaar\s+(?:de\s+)?(?:gemeente\s+)?(?P<name>[A-Za-zÀ-ÿ][\wÀ-ÿ'-]*(?:[ -][A-Za-zÀ-ÿ][\wÀ-ÿ'-]*){0,2}?)"
    r"\s+(?:verhuisd|verhuizen|gekomen|getrokken)\b",
    re.IGNORECASE,
)
#: "van Rotterdam naar Almere": where someone came from
_FROM_TO = re.compile(r"^\s*\S+(?:\s+\S+){0,3}?\s+naar\b", re.IGNORECASE)
_MUNICIPALITY = re.compile(r"\bgemeente\b[ \t]*[:?]?[ \t]*(?:(?:dat\s+)?is\s+)?" + _NAME, re.IGNORECASE)
_HERE = re.compile(
    r"(?:\bhier|\bbij\s+(?:ons|mij)|\b(?:mijn|ons|onze|m'n|mn)\s+(?:adres|huis|woning|flat|appartement)\s+(?:is|staat|ligt))"
    r"\s+in\s+(?:de\s+)?(?:gemeente\s+)?" + _NAME,
    re.IGNORECASE,
)
#: a short message with a municipality after "in": "gewoon in hengelo", "nee, in Almere"
_SHORT_IN = re.compile(r"\bin\s+" + _NAME, re.IGNORECASE)
SHORT_MESSAGE_WORDS = 5
_YOU = re.compile(r"\b(?:jij|je|jullie)\b", re.IGNORECASE)
_WOONPLAATS = re.compile(
    r"(?:\b(?:mijn|onze|m'n|mn)\s+woonplaats\s*(?:is|:)?|(?:^|\n)\s*woonplaats\s*:)\s*" + _NAME, re.IGNORECASE
)
#: "Tilburg is mijn woonplaats", "Almere is waar ik woon"
_NAME_FIRST = re.compile(
    rf"^\s*(?P<name>{_NAME_BODY})\s+is\s+(?:mijn\s+woonplaats|mijn\s+gemeente|waar\s+ik\s+woon)\b", re.IGNORECASE
)
#: the whole message is a place: "Almere", "in Hengelo.", "gemeente almelo"
_ONLY_A_PLACE = re.compile(
    rf"^\s*(?P<prefix>(?:in|uit|te|gemeente|gem\.?)\s+)?(?P<name>{_NAME_BODY})\s*[.!]*\s*$", re.IGNORECASE
)
#: "ik kom uit Hengelo", "wij zitten in Almelo", "ik ben van Almere": about the resident, but
#: also said of where someone was born or is today
_WEAK = re.compile(
    r"\b(?:ik|k|wij|we)\s+(?:\w+\s+){0,2}?(?:zit|zitten|kom|komen|ben|zijn)\s+(?:\w+\s+)?(?:uit|in|van)\s+" + _NAME,
    re.IGNORECASE,
)

#: "ik kom oorspronkelijk uit Groningen": where someone comes from, not where they live
_ORIGIN = re.compile(r"\b(?:oorspronkelijk|origineel|vroeger|geboren|afkomstig)\b", re.IGNORECASE)
#: "ik woon zelf in ...", "zelf wonen wij in ...": the writer sets their own place apart
_SELF_CONTRAST = re.compile(
    r"\b(?:(?:ik|wij|we)\s+)?(?:woon|wonen|zit|zitten)\s+zelf\b|\bzelf\s+(?:woon|wonen)\s+(?:ik|wij|we)\b|\bikzelf\s+woon\b",
    re.IGNORECASE,
)
#: family a writer may care for from afar (not a partner or friend, who mostly live with them)
_FAMILY_AFAR = r"moeder|vader|ouders|ma|pa|mama|papa|broer|zus|oma|opa|grootouders|schoon\w+|tante|oom"
#: an adult the writer may help from elsewhere (children mostly live with the writer)
_ADULT_RELATIVE = (
    rf"(?:mijn|m'n|mn|onze)\s+(?:\w+\s+)?(?:{_FAMILY_AFAR}|stief\w+|buurman|buurvrouw|buren|vriend|vriendin)\b"
)
_PARENT_OR_SIBLING = re.compile(rf"\b(?:mijn|m'n|mn|onze)\s+(?:\w+\s+)?(?:{_FAMILY_AFAR})\b", re.IGNORECASE)
_THIRD_PERSON_QUESTION = re.compile(rf"\b(?:hij|zij|ze|haar|hem|hen|hun)\b|\b{_ADULT_RELATIVE}", re.IGNORECASE)
#: "wat kan ik voor haar regelen?", "hoe kan ik mijn vader helpen?": the writer asks what
#: to do for someone else
_FOR_SOMEONE_ELSE = re.compile(
    rf"(?<!zorg )(?<!zorgt )(?<!zorgen )\bvoor\s+(?:haar|hem|hen|hun|{_ADULT_RELATIVE})\b|\b(?:haar|hem|hen|{_ADULT_RELATIVE})\s+(?:\w+\s+)?(?:helpen|ontlasten|zover)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_OBJECT = re.compile(r"\b(?:ik|mij|me|mijzelf|wij|we|ons)\b", re.IGNORECASE)
#: where a clause begins: the subject of a verb is after the last of these
_CLAUSE_START = re.compile(
    r"[.!?;:,\n]|\b(?:maar|want|omdat|terwijl|dus|toen|nadat|sinds|die|dat|waar|wie|of|als|en)\b", re.IGNORECASE
)
#: where a clause after a verb ends ("en" may be inside a name: "Berg en Dal")
_CLAUSE_END = re.compile(
    r"[.!?;:,\n]|\b(?:maar|want|omdat|terwijl|dus|toen|nadat|die|dat|waar|of|als)\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:ik|k|wij|we|ons|onze)\b", re.IGNORECASE)
_PERSON_NOUNS = (
    r"moeder|vader|ouders?|ma|pa|mama|papa|mam|pap|zoon|zoontje|dochter|dochtertje|kind|kinderen|kids|"
    r"baby|broer|broertje|broers|zus|zusje|zussen|zuster|oma|opa|grootouders|man|vrouw|partner|vriend|"
    r"vriendin|ex|schoon\w+|stief\w+|familie|tante|oom|neef|nicht|buurman|buurvrouw|buren|baas|"
    r"werkgever|collega|jongen|meisje|kleinkind\w*|kleinzoon|kleindochter|schoonfamilie|vader\w*|moeder\w*"
)
_OTHER_PERSON = re.compile(
    rf"\b(?:hij|zij|ze|die|hun|men)\b|\b(?:mijn|m'n|mn|onze|ons|zijn|z'n|haar|d'r|hun|de|het|een|jouw|je)\s+(?:\w+\s+)?(?:{_PERSON_NOUNS})\b",
    re.IGNORECASE,
)
#: "... wat is er voor mij?": the writer asks for themselves after all
_FOR_THE_WRITER = re.compile(r"\bvoor\s+(?:mij|mijzelf|me|ons|onszelf)\b", re.IGNORECASE)
#: "ik sta ingeschreven (bij mijn ouders) in Hengelo": where the resident is registered is
#: the municipality that helps, also when they live on a student room elsewhere
_REGISTERED = re.compile(r"\b(?:ingeschreven|inschrijving)\b", re.IGNORECASE)
#: "... maar sta nog ingeschreven bij mijn ouders hier": registered in the page's municipality
_HERE_WORD = re.compile(r"\bin\s+(?:deze|jullie)\s+gemeente\b|\bhier\b|\bbij\s+jullie\b", re.IGNORECASE)
#: "ik sta (nog) ingeschreven", "ik ben hier ingeschreven": the resident's own registration
_REGISTERED_AS_INHABITANT = re.compile(
    r"\b(?:sta|staan|ben|zijn|staat)\b(?:\s+\w+){0,4}?\s+(?P<word>ingeschreven)\b", re.IGNORECASE
)
#: registered with an organisation rather than as an inhabitant
_REGISTERED_WITH_ORGANISATION = re.compile(
    r"\bbij\s+(?:het|de|een)\s+(?!gemeente\b)\w+|\bbij\s+(?:uwv|woningnet|huisarts|consultatiebureau|schuldhulp)\w*",
    re.IGNORECASE,
)
#: "ik woon in Den Haag, twee uur rijden": the writer lives away from the one the message is about
_FAR_AWAY = re.compile(
    r"\b(?:uur|uurtje|uurtjes|kwartier)\s+(?:rijden|reizen|met\s+de\s+(?:auto|trein))\b|\bver\s+weg\b"
    r"|\b\d+\s*(?:km|kilometer)\b|\bandere\s+kant\s+van\s+het\s+land\b",
    re.IGNORECASE,
)
#: ... unless the distance is one travelled to work or school: "een uur reizen", "pendelen"
_TRAVEL = re.compile(r"\breizen\b|\bpendel\w*", re.IGNORECASE)
_WORK_CONTEXT = re.compile(r"\b(?:werk|werkt|werken|werkte|stage|baan|school|studeer|studie)\b", re.IGNORECASE)

#: words that follow "woon in" but are no place
_NOT_A_PLACE = frozenset(
    """
    de het een een mijn m'n mn onze ons zijn haar hun deze die dit dat die een huis flat woning
    buurt wijk straat centrum stad dorp nood schulden problemen war zorg opvang bijstand omgeving
    the a my zelf hier daar welke wat waar nederland holland bij met plan mening zin elkaar
    """.split()
)
#: words that start no place name ("ik kom uit ...", "ja graag")
_NOT_A_NAME = frozenset("ik k jij je u hij zij ze wij we jullie ja nee ok oke hoi hallo dag graag dank bedankt".split())
#: a name ends before these words ("Almere en ik heb schulden")
_STOP_AFTER = frozenset(
    "en maar want dus ik we wij heb hebben is zijn met sinds al nu omdat of als bij hoor toch zo eigenlijk "
    "trouwens ja he hè hoor in".split()
)
#: small words that may stay inside a name ("Alphen aan den Rijn", "Wijk bij Duurstede")
_INSIDE_NAME = frozenset("aan op den de en ter bij van".split())


@dataclass(frozen=True)
class Mention:
    name: str
    #: a Dutch municipality, or an outright answer to "where do you live?": the place counts
    #: even when the knowledge base does not know it. Otherwise ("ik kom uit ...", "ik woon
    #: in Kerkelanden", a neighbourhood) only a municipality the knowledge base knows counts.
    strong: bool
    #: the message asks for someone else ("mijn moeder woont in Almelo, ik woon zelf in
    #: Nijmegen"): the help is needed where that person lives, so the writer's own place does
    #: not change the conversation's municipality
    on_behalf: bool = False


def _trim(name: str) -> str:
    """The place name at the start of ``name``, without the rest of the sentence."""
    words: list[str] = []
    for word in re.split(r"\s+", name.strip(" ,.!?;:")):
        word = word.strip(",.!?;:")
        if words and word.lower() in _STOP_AFTER and word.lower() not in _INSIDE_NAME:
            break
        if word:
            words.append(word)
    # a listed place as long as possible: "Berg en Dal", "Den Haag", "Sint Maarten"
    for n in range(len(words), 0, -1):
        if listed(" ".join(words[:n])) is not Kind.UNLISTED:
            return " ".join(words[:n])
    # else a name as written: "Nieuw-Vennep", "Lutjebroek", "Ter Apel"
    kept = words[:1]
    for i, word in enumerate(words[1:], start=1):
        if word[:1].isupper() or (word.lower() in _INSIDE_NAME and i + 1 < len(words) and words[i + 1][:1].isupper()):
            kept.append(word)
        else:
            break
    return " ".join(kept)


def _clause_before(text: str, end: int) -> str:
    """The words of the clause that ends at ``end``: where the subject of a verb is."""
    start = 0
    for boundary in _CLAUSE_START.finditer(text, 0, end):
        start = boundary.end()
    return text[start:end]


def _clause_after(text: str, start: int, words: int = 7) -> str:
    """The first ``words`` words of the clause that begins at ``start`` (after a verb): where
    its place is."""
    rest = text[start:]
    end = _CLAUSE_END.search(rest)
    return " ".join(rest[: end.start() if end else len(rest)].split()[:words])


def _sentence_before(text: str, end: int) -> str:
    start = max(text.rfind(c, 0, end) for c in ".!?;\n") + 1
    return text[start:end]


def _end_after(text: str, at: int, marks: str) -> int:
    """Where the first of ``marks`` at or after ``at`` is; the end of ``text`` if none is."""
    return min((i for i in (text.find(c, at) for c in marks) if i >= 0), default=len(text))


def _sentence_of(text: str, at: int) -> str:
    """The sentence around position ``at``."""
    return _sentence_before(text, at) + text[at : _end_after(text, at, ".!?;\n")]


def _about_someone_else(context: str) -> bool:
    return bool(_OTHER_PERSON.search(context)) and not _FIRST_PERSON.search(context)


def _residence_is_the_residents(text: str, verb: re.Match) -> bool:
    """Whether "woon/wonen/woont ..." at ``verb`` is said of the resident, now."""
    word = verb.group("verb").lower()
    clause = _clause_before(text, verb.start())
    after = text[verb.end() :].split(None, 1)
    next_word = after[0].lower() if after else ""
    if word in ("woonde", "woonden"):
        return False  # where someone lived before
    if word == "woon":
        # "ik woon", "woon in almere"; not "woon jij in ...", nor "mijn moeder woon in" (typo)
        return next_word not in ("jij", "je", "u") and not _about_someone_else(clause)
    if word == "woont":
        # third person, except the common slip "ik woont"
        return clause.strip().lower().endswith(("ik", " k"))
    if word == "wonen":
        sentence = _sentence_before(text, verb.start())
        return (
            next_word in ("wij", "we")
            or bool(re.search(r"\b(?:wij|we)\b", clause, re.IGNORECASE))
            or bool(re.search(r"\ben\s+ik\s*$|\bik\s+en\s+\w+(?:\s+\w+)?\s*$", sentence, re.IGNORECASE))
        )
    # woonachtig, inwoner, bewoner
    return not _about_someone_else(clause)


def _candidates(text: str) -> Iterator[tuple[str, bool, bool]]:
    """Names said to be where the resident lives, the clearest statements first, each with
    whether the statement is clear (not "ik kom uit ...") and whether it answers "where do
    you live?" outright ("mijn woonplaats is ...", a message that is only a place)."""
    for registered in _REGISTERED.finditer(text):
        # the registration first: it decides which municipality helps
        clause = _clause_before(text, registered.start())
        tail = _clause_after(text, registered.end())
        if _about_someone_else(clause) or _WORK_CONTEXT.search(tail):
            continue  # "mijn zoon staat ingeschreven in ...", "ingeschreven op school in ..."
        for place in _PLACE.finditer(tail):
            yield place.group("name"), True, True
    for verb in _RESIDENCE.finditer(text):
        if not _residence_is_the_residents(text, verb):
            continue
        if verb.group("verb").lower().startswith(("inwoner", "bewoner")):
            van = _INWONER_VAN.match(text, verb.start())
            if van:
                yield van.group("name"), True, False
        # "we zijn net in Almelo komen wonen"
        before = " ".join(_clause_before(text, verb.start()).split()[-5:])
        for place in _PLACE.finditer(before):
            yield place.group("name"), True, False
        tail = _clause_after(text, verb.end())
        place = _PLACE.search(tail)
        while place:
            # overlapping: "in een flat in Almere" has two places after "in"
            yield place.group("name"), True, False
            place = _PLACE.search(tail, place.start() + 1)
    match = _NAME_FIRST.search(text)
    if match:
        yield match.group("name"), True, True
    for match in _WOONPLAATS.finditer(text):
        yield match.group("name"), True, True
    for match in _HERE.finditer(text):
        yield match.group("name"), True, False
    for match in _MOVED_TO.finditer(text):
        if not _about_someone_else(_clause_before(text, match.start())):
            yield match.group("name"), True, False
    for pattern in (_MOVED, _MUNICIPALITY):
        for match in pattern.finditer(text):
            clause = _clause_before(text, match.start())
            if _about_someone_else(clause) or (pattern is _MUNICIPALITY and _WORK_CONTEXT.search(clause)):
                continue
            if pattern is _MUNICIPALITY and not (
                match.group("name")[:1].isupper() or kind(_trim(match.group("name"))) is Kind.MUNICIPALITY
            ):
                continue  # "de gemeente helpen", "de gemeente in dit kader"
            yield match.group("name"), True, False
    match = _ONLY_A_PLACE.match(text)
    if match and _trim(match.group("name")) == match.group("name").strip(" .!"):
        # the answer to "In welke gemeente woont u?"; a single word is only strong when it
        # is a municipality's name or written as a name after "in" / "gemeente"
        name = match.group("name")
        yield name, True, bool(match.group("prefix")) and name[:1].isupper()
    short = len(text.split()) <= SHORT_MESSAGE_WORDS
    if short and not any(p.search(text) for p in (_YOU, _RESIDENCE, _WORK_CONTEXT, _ORIGIN, _OTHER_PERSON)):
        for match in _SHORT_IN.finditer(text):
            if kind(_trim(match.group("name"))) is Kind.MUNICIPALITY:
                yield match.group("name"), True, False
    for match in _WEAK.finditer(text):
        if _ORIGIN.search(match.group(0)) or _FROM_TO.match(text[match.start("name") :]):
            continue  # "ik kom oorspronkelijk uit ...", "we zijn van Rotterdam naar Almere ..."
        yield match.group("name"), False, False


def _registered_here(text: str) -> bool:
    """ "Ik woon op kamers in Enschede, maar sta nog ingeschreven bij mijn ouders hier": the
    resident is registered in the page's municipality, which names no place but decides.
    Only the resident's own registration as an inhabitant ("ik sta / ben ingeschreven",
    with family or at no one), not one with an organisation ("hier ingeschreven bij het
    UWV") or a question about registering, and only where no place is named with it."""
    for registered in _REGISTERED_AS_INHABITANT.finditer(text):
        clause = _clause_before(text, registered.start("word"))
        tail = _clause_after(text, registered.end())
        end = _end_after(text, registered.end(), ".!?\n")
        question = end < len(text) and text[end] == "?"
        if _about_someone_else(clause) or _WORK_CONTEXT.search(tail) or question:
            continue
        if _REGISTERED_WITH_ORGANISATION.search(tail):
            continue  # "hier ingeschreven bij het UWV / de huisarts / het uitzendbureau"
        said = f"{clause} {tail}"
        here = _HERE_WORD.search(said)
        named = _PLACE.search(_HERE_WORD.sub(" ", said)) or _MUNICIPALITY.search(said)
        if here and not named:
            return True
    return False


def find(text: str) -> Mention | None:
    """The place ``text`` says the resident lives in, if any. A Dutch municipality wins over
    a name that is none ("hier in Almelo, in De Riet"), a clear statement over a weak one.
    ``None`` too when the resident says they are registered "here" (the page's municipality)."""
    if _registered_here(text):
        return None
    found: list[tuple[Mention, bool, bool]] = []
    on_behalf: bool | None = None
    for written, clear, explicit in _candidates(text):
        name = _trim(written)
        place = kind(name)
        if place in (Kind.FOREIGN, Kind.REGION) or len(name) < 2:
            continue
        if place is Kind.UNLISTED and name.split()[0].lower() in _NOT_A_PLACE | _NOT_A_NAME:
            continue
        municipality = place is Kind.MUNICIPALITY
        # a name that is no municipality ("ik woon in Kerkelanden") is often a neighbourhood
        # of the page's municipality: only an outright answer makes it a place of its own
        if on_behalf is None:
            on_behalf = _on_behalf(text)  # of the message, not of the place: once
        mention = Mention(name, municipality or explicit, on_behalf)
        found.append((mention, clear, municipality))
    if not found:
        return None
    return min(found, key=lambda item: (not item[1], not item[2], not item[0].strong))[0]


def _on_behalf(text: str) -> bool:
    """Whether the message asks for someone else, so that where the writer lives is not where
    the help is needed: "ik woon zelf in Nijmegen" (the mother lives in Almelo), "mijn moeder
    woont alleen", "Waar kan zij terecht?"."""
    if _SELF_CONTRAST.search(text):
        return True
    for verb in _RESIDENCE.finditer(text):
        own = _residence_is_the_residents(text, verb)
        if verb.group("verb").lower() in ("woont", "wonen") and not own:
            return True
        if not own:
            continue
        sentence = _sentence_of(text, verb.start())
        if (
            _FAR_AWAY.search(sentence)
            and not _WORK_CONTEXT.search(sentence)
            and not _TRAVEL.search(sentence)
            and _PARENT_OR_SIBLING.search(text)
        ):
            # "Mijn moeder belt me zes keer per dag. Ik woon in Den Haag, twee uur rijden.":
            # the writer lives away from the parent the message is about
            return True
    for question in re.findall(r"[^.!?\n]*\?", text):
        if _THIRD_PERSON_QUESTION.search(question) and not _FIRST_PERSON_OBJECT.search(question):
            return True
        if _FOR_SOMEONE_ELSE.search(question) and not _FOR_THE_WRITER.search(question):
            return True
    return False


#: "Woon in Almelo en ...", "Ik woon in Hengelo, ...", "Wij wonen sinds kort in Almere
#: Buiten.": a statement of where the writer lives that opens a sentence or a clause
_OPENING_STATEMENT = re.compile(
    r"(?:^|(?<=[.!?,;\n]))\s*(?:(?:ik|k|wij|we)\s+)?(?:woon|wonen)\s+(?:(?:zelf|nu|hier|al|sinds|kort|\w+\s+jaar)\s+){0,3}"
    r"(?:in|te)\s+(?:de\s+)?(?:gemeente\s+)?[A-Za-zÀ-ÿ][\wÀ-ÿ'-]*(?:\s+[A-Z][\wÀ-ÿ'-]*)?\s*(?:[,.;!]|\ben\b)?",
    re.IGNORECASE,
)


def without_residence(text: str) -> str:
    """``text`` without the statements of where the writer lives that open a sentence or a
    clause ("Woon in Almelo en ben vandaag ontslagen. Wat moet ik nu doen?" -> "ben vandaag
    ontslagen. Wat moet ik nu doen?"): what is left is the question itself, for a reader
    that took the whole message for only that statement."""
    return " ".join(_OPENING_STATEMENT.sub(" ", text).split())
