"""The knowledge base helps understanding: when the classifier finds no help topic in a
message but the message clearly names what a facility offers ("we hebben geen eten meer in
huis", "waar moet ik heen voor de prikken van mijn baby"), the topic of the best-matching
facilities is used, so the resident gets an answer instead of a question back.

The thresholds are text scores of :class:`knowledge_base.search.SearchIndex` without topic
preference; they were chosen on the held-out, blind and development NLU sets
(``benchmarks/kb_relevance.py`` and ``docs/knowledge-base.md``): at 10, 3 of 90 messages
without a help topic got one and 94% of guessed topics were right; out-of-scope messages
need 14 (none of the 90 passed).
"""

from __future__ import annotations

from typing import Sequence

from bot.triage.language import DUTCH
from bot.triage.topics import Triage

#: intents after which a strong knowledge-base match may supply the topic, and how strong
from core.topics import HELP_TOPICS, topics_of_intent

GUESS_THRESHOLDS = {
    "crisis": 10.0,  # after the crisis answer, a classifier-only alarm still gets its answer
    "nlu_fallback": 10.0,
    "ask_location": 10.0,  # "waar moet ik heen voor ..." before any facility was shown
    "ask_cost": 10.0,
    "out_of_scope": 14.0,
    # "jongerenwerk in hengelo?": a place and what the resident is looking for
    "inform_gemeente": 10.0,
}
#: a second topic within this share of the best one's score is a tie
TIE = 0.9


def guess_topic(kb, text: str, gemeente_id: str | None, threshold: float, prefer: Sequence[str] = ()) -> str | None:
    """The help topic of the facilities that match ``text`` best, if they match strongly.

    A facility with several topics (Jeugdfonds: schulden and jeugd) makes a tie; then the
    topic the classifier ranked highest (``prefer``) wins."""
    best: dict[str, float] = {}
    for found in kb.search(text, gemeente_id, (), limit=5):
        for topic in found.facility.topics:
            best[topic] = max(best.get(topic, 0.0), found.hit.score)
    if not best:
        return None
    top_score = max(best.values())
    if top_score < threshold:
        return None
    tied = [t for t, s in best.items() if s >= TIE * top_score]
    for topic in prefer:
        if topic in tied:
            return topic
    return max(tied, key=lambda t: (best[t], -HELP_TOPICS.index(t)))


def help_topics(triage: Triage, text: str, kb, gemeente_id: str | None, facilities_shown: bool = False) -> list[str]:
    """The help topics to answer: the triage's, else (for the intents above) the topic a
    strong knowledge-base match gives. Follow-up intents only when nothing was shown yet."""
    topics = [t for t in triage.topics if t in HELP_TOPICS]
    if topics or triage.language != DUTCH:
        return topics
    threshold = GUESS_THRESHOLDS.get(triage.intent)
    if threshold is None or (facilities_shown and triage.intent in ("ask_location", "ask_cost")):
        return []
    prefer = [t for intent in triage.candidates for t in topics_of_intent(intent)]
    guessed = guess_topic(kb, text, gemeente_id, threshold, prefer)
    return [guessed] if guessed else []
