"""The help topics, how their intents are named, and how they are named to residents (B1
Dutch)."""

from __future__ import annotations

from typing import Iterable

MANTELZORG = "mantelzorg"
SCHULDEN = "schulden"
JEUGD = "jeugd"
WERK = "werk"
CRISIS = "crisis"
OTHER = "other"
HELP_TOPICS = (MANTELZORG, SCHULDEN, JEUGD, WERK)
#: output order: a crisis always comes first
ALL_TOPICS = (CRISIS,) + HELP_TOPICS + (OTHER,)
#: the route key of a household with several problems (content files: ``multi_topic``)
MULTI_TOPIC = "multi_topic"

TOPIC_INTENT_PREFIX = "ask_"
MULTI_INTENT_SEPARATOR = "+"


def topic_intent(topics: Iterable[str]) -> str:
    """The intent name for one or more help topics: ``ask_mantelzorg+ask_schulden``."""
    return MULTI_INTENT_SEPARATOR.join(TOPIC_INTENT_PREFIX + t for t in sorted(set(topics)))


def topics_of_intent(intent: str | None) -> list[str]:
    """The help topics an intent stands for (``[]`` for non-topic intents)."""
    if not intent:
        return []
    found = []
    for part in intent.split(MULTI_INTENT_SEPARATOR):
        topic = part[len(TOPIC_INTENT_PREFIX) :] if part.startswith(TOPIC_INTENT_PREFIX) else None
        if topic in HELP_TOPICS and topic not in found:
            found.append(topic)
    return found


TOPIC_NAMES = {
    "mantelzorg": "mantelzorg",
    "schulden": "geldzorgen",
    "jeugd": "opvoeding",
    "werk": "werk",
}

BUTTON_TITLES = {
    "mantelzorg": "Zorgen voor een naaste",
    "schulden": "Geldzorgen of schulden",
    "jeugd": "Opvoeden of opgroeien",
    "werk": "Werk of uitkering",
}


def topic_list(topics: list[str]) -> str:
    """``["mantelzorg", "schulden", "werk"]`` -> ``"mantelzorg, geldzorgen en werk"``."""
    names = [TOPIC_NAMES[t] for t in topics if t in TOPIC_NAMES]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def button_title(intent: str) -> str:
    """Button text for a topic intent: ``ask_schulden+ask_werk`` -> ``"Geldzorgen of schulden + werk of uitkering"``."""
    titles = [BUTTON_TITLES[t] for t in topics_of_intent(intent)]
    if not titles:
        return intent
    return " + ".join([titles[0]] + [t[0].lower() + t[1:] for t in titles[1:]])
