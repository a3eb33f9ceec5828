"""How help topics are named to residents (B1 Dutch)."""

from __future__ import annotations

from bot.triage.topics import topics_of_intent

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
