"""From the readers' probabilities (plus crisis rules and language) to intent and topics.

The trained readers (:mod:`bot.nlu.readers`) give an intent ranking, a probability per
help topic and a crisis probability. The decision, in this order:

* a crisis rule (:mod:`bot.triage.crisis`) or the crisis reader makes it a crisis;
* a message in another language gets its topics from a small multilingual lexicon;
* the help topics are those the topic reader is sure of: a household with several
  problems gets all of them, the intent names the two most probable
  (``ask_mantelzorg+ask_schulden``, the domain's intents);
* follow-up intents ("wat kost dat?") compete only once facilities were shown;
* when neither a topic nor the intent is clear, the assistant asks ("Bedoelt u ...?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection, Iterable, Mapping, Sequence

from bot.nlu.reading import Reading
from bot.triage import crisis as crisis_rules
from bot.triage import language as lang
from bot.triage.cues import cued_topic
from core.text import LETTER, fold, fold_pattern
from core.topics import (  # noqa: F401 - the triage's topic vocabulary, used by its callers too
    ALL_TOPICS,
    CRISIS,
    HELP_TOPICS,
    JEUGD,
    MANTELZORG,
    OTHER,
    SCHULDEN,
    WERK,
    topic_intent,
    topics_of_intent,
)

CRISIS_INTENT = "crisis"
OUT_OF_SCOPE_INTENT = "out_of_scope"
OTHER_LANGUAGE_INTENT = "other_language"
FALLBACK_INTENT = "nlu_fallback"
INFORM_GEMEENTE_INTENT = "inform_gemeente"
#: intents that only make sense once facilities were shown (``bot.nlu.dialogue_state``)
FOLLOW_UP_INTENTS = frozenset({"ask_cost", "ask_location", "ask_more_options"})
#: where the triage result is stored in a message's parse data (and so in the tracker)
TRIAGE_KEY = "triage"
CHITCHAT_INTENTS = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "request_human"})
#: a chitchat intent on a message longer than this is probably a greeting before a question
LONG_MESSAGE_WORDS = 6
#: after a crisis only the readers saw, the topic the answer continues with needs this much
#: (as much as a second topic needs to be offered at all, ``Thresholds.also_topic``): at 0.5
#: a carer's night ("ik slaap op de bank naast zijn bed", mantelzorg 0.32-0.48) got the
#: calm check-in and nothing else. On kb_blind2-13 (1,821 first messages) a fitting facility
#: was named 5 times more at 0.35 than at 0.5, with no answer losing one; the crisis answer
#: still comes first
CHECKED_CRISIS_TOPIC = 0.35
#: an unsure message this short guesses no topic unless the topic reader gives it this much:
#: a story of any length is better answered with its most probable topic, a short plea for
#: help without a subject ("kunnen jullie mij helpen") with the "Bedoelt u ...?" buttons
VAGUE_MESSAGE_WORDS = 10
VAGUE_TOPIC = 0.35
#: below this probability of its most probable topic the topic reader is unsure, and an
#: indirect cue (``bot.triage.cues``) decides the topic: "Ik open de brievenbus al weken niet
#: meer" (schulden 0.34), "Overal kom ik niet verder dan het eerste gesprek" (werk 0.09)
CUED_TOPIC_BELOW = 0.5


_LEXICON: dict[str, list[str]] = {
    MANTELZORG: [
        r"mantel ?zorg\w*",
        r"respijt\w*",
        r"dagbesteding",
        r"logeeropvang",
        r"\bzorg(?:en|t)? (?:\w+ ){0,2}(?:voor|om) (?:mijn|m'n|mn|onze|ons|de|haar|zijn) (?:zieke |dementerende |demente |oude |gehandicapte |bejaarde )?"
        r"(?:moeder|vader|ma|pa|man|vrouw|partner|ouders|schoonmoeder|schoonvader|oma|opa|buurvrouw|buurman|broer|zus)\b",
        r"\b(?:verzorg|verzorgen|verzorgt|verzorging)\b",
        r"\b(?:dementie|alzheimer|parkinson|dementerend\w*|beroerte|hersen ?infarct)",
        r"\boverbelast\w*",
        r"\bthuiszorg\b",
        r"\bverpleeghuis\b",
        # other languages
        r"\b(?:caring for|care for|take care of|taking care of|look after|looking after|carers?|caregivers?|dementia)\b",
        r"\b(?:bakiyorum|bakim)\b",
        r"\b(?:opiekuje sie|opieka)\b",
        r"رعاية|أرعى|ارعى",
    ],
    SCHULDEN: [
        r"\bschuld\w*",
        r"\bdeurwaa?r?der\w*",
        r"\baanmaning\w*",
        r"\bincasso\w*",
        r"\bbeslag\w*",
        r"\b(?:huur|betalings)achterstand\w*",
        r"\bachterstand\w*",
        r"\brekening(?:en)?\b",
        r"\bniet (?:meer )?(?:kunnen |kan )?(?:betalen|rondkomen)\b",
        r"\bkom (?:ik |we )?niet rond\b",
        r"\bgeen geld\b",
        r"\bgeldzorgen\b|\bgeldproblem\w*|\bgeld ?gedoe\b",
        r"\bbudget\w*",
        r"\bbewind\w*",
        r"\bvoedselbank\b",
        r"\btoeslag\w*",
        r"\bafgesloten\b|\bafsluiting\b",
        r"\blening(?:en)?\b|\bkrediet\w*|\brood staan\b|\bin het rood\b",
        r"\bbetalingsregeling\w*",
        # other languages
        r"\bdebts?\b|\bbills\b|\bcan'?t pay\b|\bcannot pay\b|\bbailiff\b",
        r"\bborc\w*|\bfatura\w*",
        r"\bdlug\w*|\bzaleg\w*|\bkomornik\w*",
        r"ديون|دين|فواتير",
    ],
    JEUGD: [
        r"\bopvoed\w*",
        r"\bpuber\w*",
        r"\bspijbel\w*",
        r"\bgepest\b|\bpesten\b|\bpest\b",
        r"\bjeugd\w*",
        r"\bcjg\b|\bconsultatiebureau\b",
        r"\b(?:mijn|m'n|mn|onze|ons) (?:zoon|dochter|zoontje|dochtertje|kind|kinderen|kids|baby|peuter|tiener)\b",
        r"\b(?:zoon|dochter|kind|kinderen) van (?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b",
        r"\b(?:adhd|autisme|add)\b",
        # a young person writing about themselves
        r"\bik ben (?:1[0-7]|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b",
        r"\bschool\w*",
        # other languages
        r"\b(?:my (?:son|daughter|child|children|kids)|parenting)\b",
        r"\b(?:cocug\w*|oglum|kizim)\b",
        r"\b(?:syn|corka|dziecko|dzieci)\b",
        r"طفلي|ابني|ابنتي|اطفالي",
    ],
    WERK: [
        r"\bwerk(?:loos|loosheid|zoekend\w*|plein|ervaring\w*)?\b",
        r"\bbaan\b|\bbaantje\b",
        r"\bsollicit\w*|\bsolicit\w*|\bsollis\w*",
        r"\bontslag\w*|\bontslagen\b",
        r"\bbijstand\w*|\buitkering\w*|\bww\b|\buwv\b|\bwajong\b",
        r"\bre-?integratie\w*|\bparticipatie\w*",
        r"\bcv\b|\bvacature\w*|\bwerkgever\w*",
        r"\b(?:aan het werk|aan de slag|werk zoeken|werk vinden)\b",
        # other languages
        r"\b(?:job|work|unemployed|employment)\b",
        r"\b(?:is ariyorum|isim yok|issiz\w*)\b",
        r"\b(?:praca|pracy|prace|bezrobotn\w*)\b",
        r"عمل|وظيفة",
    ],
}
_LEXICON_COMPILED = {t: [re.compile(fold_pattern(p)) for p in ps] for t, ps in _LEXICON.items()}


def lexicon_hits(text: str) -> dict[str, int]:
    """How many distinct lexicon rules of each help topic match ``text``."""
    folded = fold(text)
    return {t: sum(1 for p in ps if p.search(folded)) for t, ps in _LEXICON_COMPILED.items()}


_CHILD_WITH_AGE = re.compile(
    fold_pattern(
        r"\b(?:zoon|dochter|kind|zoontje|dochtertje|kleinzoon|kleindochter|kleinkind|stiefzoon|stiefdochter|pleegzoon|"
        r"pleegdochter)\s*(?:van\s+|is\s+|\(\s*)(\d{1,2})\b"
    )
)
#: words that put a child under 18 in the message after all
_MINOR = re.compile(
    fold_pattern(r"\b(?:baby|peuter|kleuter|basisschool|middelbare school|puber\w*|opvoed\w*|kinderen|kids|tiener\w*)")
)
#: from this age a son or daughter is an adult for whom youth help (jeugdwet, up to 18 and
#: sometimes 23) no longer applies
ADULT_CHILD_AGE = 23


def only_adult_children(text: str) -> bool:
    """Whether every son or daughter the message gives an age is an adult (23 or older),
    and nothing else in it points at a minor."""
    folded = fold(text)
    ages = [int(m.group(1)) for m in _CHILD_WITH_AGE.finditer(folded)]
    return bool(ages) and min(ages) >= ADULT_CHILD_AGE and not _MINOR.search(folded)


def _without_youth_help_for_adults(topics: list[str], text: str, probs: Mapping[str, float]) -> list[str]:
    """``topics`` without youth help when the message is about grown-up (grand)children only;
    youth help alone becomes the other topic whose lexicon words the message writes most,
    then the most probable one ("Mijn kleinzoon van 24 ... al een jaar zonder werk ... iets
    voor jonge mensen zoals hij?": werk). Other messages keep ``topics``."""
    if not any(_youth_help_for_an_adult(t, text) for t in topics):
        return topics
    hits = lexicon_hits(text)
    adult_topic = max((t for t in HELP_TOPICS if t != JEUGD), key=lambda t: (hits[t], probs[t]))
    return [t for t in topics if t != JEUGD] or [adult_topic]


def _youth_help_for_an_adult(topic: str, text: str) -> bool:
    """``topic`` is youth help and the message is about a grown-up son or daughter only."""
    return topic == JEUGD and only_adult_children(text)


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (set in ``bot/config.yml``; chosen on the development sets with
    ``benchmarks/sweep_thresholds.py``, see ``docs/nlu.md``)."""

    #: below this intent confidence, with no topic named, the assistant asks instead of
    #: guessing
    fallback: float = 0.45
    #: the topic reader's probability from which a message is about a help topic
    topic: float = 0.7
    #: the crisis reader's probability that counts as a crisis on its own
    crisis: float = 0.5
    #: ... and that of one sentence of a longer message (higher: a sentence is short)
    sentence_crisis: float = 0.85
    #: below ``topic``, the probability from which a help topic the answer is not about is
    #: still offered with one facility (``Triage.also``): the reader leans to it, and a
    #: household's second problem is often told in passing. On kb_blind2-11 (1,521 first
    #: messages, replayed with the model's probabilities) a fitting facility was named
    #: 1,372 times without it, 1,380 at 0.4, 1,383 at 0.35 and at 0.3, 1,384 at 0.25; the
    #: answers with the extra facility: 77, 101, 120, 156
    also_topic: float = 0.35


@dataclass(frozen=True)
class Triage:
    """What a message is about. ``intent`` is the dialogue intent after triage."""

    intent: str
    confidence: float
    topics: list[str]
    crisis_kinds: list[str] = field(default_factory=list)
    language: str = lang.DUTCH
    #: up to three topic intents to offer when the assistant is unsure
    candidates: list[str] = field(default_factory=list)
    #: a help topic the answer is not about but the topic reader leans to (at most one):
    #: the answer adds that topic's first facility, labelled as another topic
    also: list[str] = field(default_factory=list)


def _ordered(topics: Iterable[str]) -> list[str]:
    chosen = set(topics)
    return [t for t in ALL_TOPICS if t in chosen]


def gated_ranking(ranking: Sequence[tuple[str, float]], follow_ups: bool) -> list[tuple[str, float]]:
    """The intent ranking without the follow-up intents when no facilities were shown yet
    (they are impossible then), renormalised; best first."""
    return _without(ranking, () if follow_ups else FOLLOW_UP_INTENTS)


def triage(text: str, reading: Reading, thresholds: Thresholds = Thresholds(), follow_ups: bool = False) -> Triage:
    """Decide intent and topics for one message from its text and the readers' reading.

    ``follow_ups``: were facilities shown in this conversation, so that "wat kost dat?"
    can be a follow-up question (``bot.nlu.dialogue_state``)?"""
    if not LETTER.search(text):
        # empty, punctuation or emoji only: nothing to route, ask what the question is
        return Triage(FALLBACK_INTENT, 0.0, [], [], lang.DUTCH, [])
    ranking = gated_ranking(reading.ranking, follow_ups)
    top_name, top_conf = ranking[0] if ranking else (FALLBACK_INTENT, 0.0)
    kinds = crisis_rules.kinds(text)
    language = lang.guess(text).language

    if language != lang.DUTCH:
        # the readers know Dutch; a small multilingual lexicon gives the topics
        hits = lexicon_hits(text)
        topics = [t for t in HELP_TOPICS if hits[t]]
        if kinds:
            return Triage(CRISIS_INTENT, 1.0, _ordered([CRISIS, *topics]), kinds, language)
        return Triage(OTHER_LANGUAGE_INTENT, 1.0, _ordered(topics or [OTHER]), [], language)

    probs = {t: float(reading.topics.get(t, 0.0)) for t in HELP_TOPICS}
    named = sorted((t for t in HELP_TOPICS if probs[t] >= thresholds.topic), key=lambda t: -probs[t])
    # "onze zoon van 34 met een beperking woont nog thuis": caring for a grown-up child is
    # mantelzorg (or werk, schulden), not youth help
    named = _without_youth_help_for_adults(named, text, probs)
    candidates = _candidates(probs)

    # the intent reader's own probability, before the follow-up intents were taken out
    intent_crisis = dict(reading.ranking).get(CRISIS_INTENT, 0.0)
    read_as_crisis = (
        reading.crisis >= thresholds.crisis
        or reading.sentence_crisis >= thresholds.sentence_crisis
        or intent_crisis >= thresholds.crisis
    )
    if kinds or read_as_crisis:
        # the rules, the crisis reader (the whole message or one sentence) or the intent
        # reader: any one is enough
        confidence = 1.0 if kinds else max(reading.crisis, reading.sentence_crisis, intent_crisis)
        if not kinds and not named:
            # only the readers saw a crisis, so the answer checks in calmly and then answers
            # the question: its most probable topic, if the topic reader leans to one
            # ("mijn vrouw herkent me niet meer, 's nachts loopt ze door het huis")
            best = max(HELP_TOPICS, key=lambda t: probs[t])
            named = [best] if probs[best] >= CHECKED_CRISIS_TOPIC else _cued(text, probs)
        return Triage(CRISIS_INTENT, confidence, _ordered([CRISIS, *named]), kinds, language)

    # not a crisis: the crisis intent's share of the ranking says nothing about which help
    # the message asks for (a worried story lends it 0.3-0.45 and pushed the right topic
    # below the fallback threshold), so the ranking is read without it
    ranking = _without(ranking, {CRISIS_INTENT})
    top_name, top_conf = ranking[0] if ranking else (FALLBACK_INTENT, 0.0)
    help_question = bool(topics_of_intent(top_name))
    if named and not help_question:
        # "de afvalstoffenheffing kan ik niet betalen", "Hoi! Ik zorg sinds kort voor mijn
        # oma ...": a topic the resident clearly writes about wins over out of scope, a
        # greeting before a question, or a municipality named in passing
        long_chitchat = top_name in CHITCHAT_INTENTS and len(text.split()) > LONG_MESSAGE_WORDS
        help_question = top_name in (OUT_OF_SCOPE_INTENT, INFORM_GEMEENTE_INTENT) or long_chitchat
    if help_question:
        if named:
            # the domain knows intents for one or two topics; all topics stay in `topics`
            also = _also(probs, named, thresholds, text)
            return Triage(topic_intent(named[:2]), probs[named[-1]], _ordered(named), [], language, also=also)
        guessed = topics_of_intent(top_name) or [max(HELP_TOPICS, key=lambda t: probs[t])]
        guessed = _without_youth_help_for_adults(guessed, text, probs)
        cued = _cued(text, probs)
        if cued:
            # the readers guess, an indirect cue knows: "Ik heb al tientallen afwijzingen"
            guessed = cued
        elif top_conf < thresholds.fallback:
            if len(text.split()) <= VAGUE_MESSAGE_WORDS and max(probs[t] for t in guessed) < VAGUE_TOPIC:
                # "kan iemand mij helpen met mijn situatie", "ik heb hulp nodig": nothing to
                # guess from, so the resident chooses ("Bedoelt u ...?")
                guessed = []
            return Triage(FALLBACK_INTENT, top_conf, _ordered(guessed), [], language, candidates)
        return Triage(
            topic_intent(guessed),
            top_conf,
            _ordered(guessed),
            [],
            language,
            also=_also(probs, guessed, thresholds, text),
        )

    if top_name == OUT_OF_SCOPE_INTENT:
        if top_conf < thresholds.fallback:
            return Triage(FALLBACK_INTENT, top_conf, [OTHER], [], language, candidates)
        return Triage(OUT_OF_SCOPE_INTENT, top_conf, [OTHER], [], language)

    if top_conf < thresholds.fallback:
        return Triage(FALLBACK_INTENT, top_conf, [], [], language, candidates)
    return Triage(str(top_name), top_conf, [], [], language)


def _without(ranking: Sequence[tuple[str, float]], intents: Collection[str]) -> list[tuple[str, float]]:
    """``ranking`` without ``intents``, renormalised; best first."""
    kept = [(n, p) for n, p in ranking if n not in intents]
    total = sum(p for _, p in kept) or 1.0
    return sorted(((n, p / total) for n, p in kept), key=lambda pair: -pair[1])


def _also(probs: Mapping[str, float], topics: Collection[str], thresholds: Thresholds, text: str) -> list[str]:
    """The most probable help topic outside ``topics`` that the topic reader gives at least
    ``thresholds.also_topic`` ("ik sta om zes uur op om mijn zoon met een beperking te
    helpen, daarna naar mijn werk": werk, and mantelzorg at 0.39). Never youth help for a
    grown-up son or daughter (``only_adult_children``)."""
    others = [
        t
        for t in HELP_TOPICS
        if t not in topics and probs[t] >= thresholds.also_topic and not _youth_help_for_an_adult(t, text)
    ]
    return [max(others, key=lambda t: probs[t])] if others else []


def _cued(text: str, probs: Mapping[str, float]) -> list[str]:
    """The help topic the indirect cues point at, when the topic reader is unsure of every
    topic (all under ``CUED_TOPIC_BELOW``) and does not lean to another one: the cued topic
    is its most probable, or the most probable is under ``VAGUE_TOPIC``. Never youth help for
    a grown-up son or daughter. Else []."""
    best = max(HELP_TOPICS, key=lambda t: probs[t])
    if probs[best] >= CUED_TOPIC_BELOW:
        return []
    topic = cued_topic(text)
    if topic is None or (topic != best and probs[best] >= VAGUE_TOPIC):
        return []
    return [] if _youth_help_for_an_adult(topic, text) else [topic]


def _candidates(probs: Mapping[str, float], limit: int = 3) -> list[str]:
    """The topic intents to offer in a "Bedoelt u ...?" question, most probable first."""
    return [topic_intent([t]) for t in sorted(HELP_TOPICS, key=lambda t: -probs[t])[:limit]]
