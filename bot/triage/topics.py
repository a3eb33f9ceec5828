"""From the classifier's intent ranking (plus crisis rules and language) to help topics.

The trained classifier (DIET) knows one intent per topic (``ask_schulden``) and one
multi-intent per pair of topics (``ask_mantelzorg+ask_schulden``). Because households
with several problems write in endlessly many combinations, a second topic is also
accepted when the classifier gives it real probability *and* the message names it in
words (a small lexicon of unambiguous terms per topic). The same lexicon, in English,
Turkish, Polish and Arabic, gives non-Dutch messages their topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from bot.triage import crisis as crisis_rules
from bot.triage import language as lang
from bot.triage.text import LETTER, fold, fold_pattern

MANTELZORG = "mantelzorg"
SCHULDEN = "schulden"
JEUGD = "jeugd"
WERK = "werk"
CRISIS = "crisis"
OTHER = "other"
HELP_TOPICS = (MANTELZORG, SCHULDEN, JEUGD, WERK)
#: output order: a crisis always comes first
ALL_TOPICS = (CRISIS,) + HELP_TOPICS + (OTHER,)

TOPIC_INTENT_PREFIX = "ask_"
MULTI_INTENT_SEPARATOR = "+"
CRISIS_INTENT = "crisis"
OUT_OF_SCOPE_INTENT = "out_of_scope"
OTHER_LANGUAGE_INTENT = "other_language"
FALLBACK_INTENT = "nlu_fallback"
#: where the triage result is stored in a message's parse data (and so in the tracker)
TRIAGE_KEY = "triage"
CHITCHAT_INTENTS = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "request_human"})
#: a chitchat intent on a message longer than this is probably a greeting before a question
LONG_MESSAGE_WORDS = 6


def topic_intent(topics: Iterable[str]) -> str:
    """The intent name for one or more help topics: ``ask_mantelzorg+ask_schulden``."""
    return MULTI_INTENT_SEPARATOR.join(TOPIC_INTENT_PREFIX + t for t in sorted(set(topics)))


def topics_of_intent(intent: str | None) -> list[str]:
    """The help topics an intent stands for (``[]`` for non-topic intents)."""
    if not intent:
        return []
    found = []
    for part in intent.split(MULTI_INTENT_SEPARATOR):
        topic = part[len(TOPIC_INTENT_PREFIX):] if part.startswith(TOPIC_INTENT_PREFIX) else None
        if topic in HELP_TOPICS and topic not in found:
            found.append(topic)
    return found


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


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (set in ``bot/config.yml``; chosen on the development set
    ``benchmarks/data/dev.jsonl``, see ``docs/nlu.md``)."""

    #: below this top-intent confidence the assistant asks instead of guessing
    fallback: float = 0.45
    #: a second topic needs at least this classifier probability ...
    second_topic: float = 0.05
    #: ... and at least one lexicon hit; without any hit it needs this much
    second_topic_without_words: float = 0.50
    #: the classifier's crisis probability that counts as a crisis on its own
    crisis: float = 0.30
    #: a topic of a predicted pair intent without any lexicon hit stays only with
    #: at least this probability of its own single-topic intent
    pair_member: float = 0.25


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


def topic_probabilities(ranking: Sequence[Mapping]) -> dict[str, float]:
    """Classifier probability per help topic, summed over single and multi intents."""
    probs = {t: 0.0 for t in HELP_TOPICS}
    for entry in ranking:
        for topic in topics_of_intent(entry.get("name")):
            probs[topic] += float(entry.get("confidence") or 0.0)
    return probs


def _ordered(topics: Iterable[str]) -> list[str]:
    chosen = set(topics)
    return [t for t in ALL_TOPICS if t in chosen]


def triage(text: str, ranking: Sequence[Mapping], thresholds: Thresholds = Thresholds()) -> Triage:
    """Decide intent and topics for one message from its text and the intent ranking."""
    if not LETTER.search(text):
        # empty, punctuation or emoji only: nothing to route, ask what the question is
        return Triage(FALLBACK_INTENT, 0.0, [], [], lang.DUTCH, [])
    ranking = sorted(ranking, key=lambda e: -float(e.get("confidence") or 0.0))
    top = ranking[0] if ranking else {"name": FALLBACK_INTENT, "confidence": 0.0}
    top_name, top_conf = top.get("name"), float(top.get("confidence") or 0.0)
    probs = topic_probabilities(ranking)
    hits = lexicon_hits(text)
    kinds = crisis_rules.kinds(text)
    language = lang.guess(text).language
    crisis_prob = sum(float(e.get("confidence") or 0.0) for e in ranking if e.get("name") == CRISIS_INTENT)

    def also_about(topic: str) -> bool:
        """A further topic: named in words with some probability, or probable on its own."""
        return probs[topic] >= thresholds.second_topic_without_words or (
            hits[topic] > 0 and probs[topic] >= thresholds.second_topic
        )

    if language != lang.DUTCH:
        topics = [t for t in HELP_TOPICS if hits[t]]
        if kinds:
            return Triage(CRISIS_INTENT, 1.0, _ordered([CRISIS, *topics]), kinds, language)
        return Triage(OTHER_LANGUAGE_INTENT, 1.0, _ordered(topics or [OTHER]), [], language)

    if kinds or crisis_prob >= thresholds.crisis:
        # the crisis intent takes the probability mass, so words decide the other topics
        topics = [t for t in HELP_TOPICS if also_about(t)]
        confidence = 1.0 if kinds else max(top_conf, crisis_prob)
        return Triage(CRISIS_INTENT, confidence, _ordered([CRISIS, *topics]), kinds, language)

    if top_name in CHITCHAT_INTENTS and len(text.split()) > LONG_MESSAGE_WORDS:
        # "Hoi! Ik ben net begonnen met zorgen voor mijn oma ...": the greeting is not the point
        best_topic = next((e for e in ranking if topics_of_intent(e.get("name"))), None)
        if best_topic and any(hits[t] for t in topics_of_intent(best_topic.get("name"))):
            top_name, top_conf = best_topic.get("name"), float(best_topic.get("confidence") or 0.0)

    primary = topics_of_intent(top_name)
    rejected: set[str] = set()
    if len(primary) > 1:
        single = {e.get("name"): float(e.get("confidence") or 0.0) for e in ranking}
        supported = [
            t for t in primary if hits[t] or single.get(topic_intent([t]), 0.0) >= thresholds.pair_member
        ]
        if not supported:
            supported = [max(primary, key=lambda t: single.get(topic_intent([t]), 0.0))]
        rejected = set(primary) - set(supported)
        primary = supported
    if primary:
        ordered = _ordered([*primary, *(t for t in HELP_TOPICS if t not in rejected and also_about(t))])
        if top_conf < thresholds.fallback and len(primary) == 1:
            return Triage(FALLBACK_INTENT, top_conf, ordered, [], language, _candidates(ranking))
        # the domain knows intents for one or two topics; all topics stay in `topics`
        return Triage(topic_intent(ordered[:2]), top_conf, ordered, [], language)

    if top_name == OUT_OF_SCOPE_INTENT:
        if top_conf < thresholds.fallback:
            return Triage(FALLBACK_INTENT, top_conf, [OTHER], [], language, _candidates(ranking))
        return Triage(OUT_OF_SCOPE_INTENT, top_conf, [OTHER], [], language)

    if top_conf < thresholds.fallback:
        return Triage(FALLBACK_INTENT, top_conf, [], [], language, _candidates(ranking))
    return Triage(str(top_name), top_conf, [], [], language)


def _candidates(ranking: Sequence[Mapping], limit: int = 3) -> list[str]:
    """The best topic intents to offer in a "Bedoelt u ...?" question."""
    seen: list[str] = []
    for entry in ranking:
        name = entry.get("name") or ""
        if topics_of_intent(name) and name not in seen:
            seen.append(name)
        if len(seen) == limit:
            break
    return seen
