"""Rasa NLU component that applies Hulpwijzer's triage to the readers' reading.

Placed last in the pipeline (``bot/config.yml``), after
:class:`bot.nlu.component.ResidentReader`, so the live assistant, ``rasa test nlu`` and
``python -m bot classify`` share one decision (:func:`bot.triage.topics.triage`):

* crisis rules and the crisis reader win over everything: intent ``crisis``;
* a message in English, Turkish, Arabic or Polish becomes ``other_language``;
* the help topics the topic reader is sure of (several for a household with several
  problems);
* follow-up intents only after facilities were shown (the message's dialogue state);
* unclear messages become ``nlu_fallback``, with the candidates to offer;
* a municipality the resident names ("ik woon in Almere") is stored as ``gemeente_mention``.

The full result is stored on the message under the key ``triage`` (it is kept in the
tracker's ``parse_data`` and read by the actions); nothing is logged about the text.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component import MAX_READ_CHARS, READING_KEY
from bot.nlu.dialogue_state import follow_ups_allowed
from bot.nlu.reading import Reading
from bot.triage import gemeente as gemeente_mentions
from bot.triage.topics import TRIAGE_KEY, Thresholds, triage
from core.text import BUTTON_PAYLOAD

#: triage reads at most this much of a message (as the readers do)
MAX_TRIAGE_CHARS = MAX_READ_CHARS
#: where a municipality named in the message is stored in its parse data
GEMEENTE_KEY = "gemeente_mention"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TriageClassifier(GraphComponent, IntentClassifier):
    """Crisis rules, language guess, fallback and multi-topic decision (see module doc)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = Thresholds()
        return {
            "fallback_threshold": defaults.fallback,
            "topic_threshold": defaults.topic,
            "crisis_threshold": defaults.crisis,
            "sentence_crisis_threshold": defaults.sentence_crisis,
            "also_topic_threshold": defaults.also_topic,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = config
        self.thresholds = Thresholds(
            fallback=config["fallback_threshold"],
            topic=config["topic_threshold"],
            crisis=config["crisis_threshold"],
            sentence_crisis=config["sentence_crisis_threshold"],
            also_topic=config["also_topic_threshold"],
        )

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TriageClassifier":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith(INTENT_MESSAGE_PREFIX) and BUTTON_PAYLOAD.match(text):
                # a button ("/ask_schulden") is handled by RegexMessageHandler; any other
                # text starting with "/" is typed text and gets the full triage
                continue
            reading = message.get(READING_KEY) or _reading_of_ranking(message)
            follow_ups = follow_ups_allowed(message.get(METADATA))
            result = triage(text[:MAX_TRIAGE_CHARS], reading, self.thresholds, follow_ups)
            message.set(INTENT, {"name": result.intent, "confidence": result.confidence}, add_to_output=True)
            message.set(TRIAGE_KEY, asdict(result), add_to_output=True)
            mention = gemeente_mentions.find(text[:MAX_TRIAGE_CHARS])
            message.set(GEMEENTE_KEY, asdict(mention) if mention else None, add_to_output=True)
        return messages


def _reading_of_ranking(message: Message) -> Reading:
    """A reading from another intent classifier's ranking, for comparing classifiers
    (``benchmarks/nlu_variants.py``): topics come from the intents, and the crisis intent's
    probability stands in for the crisis reader."""
    ranking = message.get(INTENT_RANKING_KEY) or ([message.get(INTENT)] if message.get(INTENT) else [])
    probabilities = {e["name"]: float(e.get("confidence") or 0.0) for e in ranking if e.get("name")}
    return Reading.of(probabilities, crisis=probabilities.get("crisis", 0.0))
