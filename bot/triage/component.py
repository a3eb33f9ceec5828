"""Rasa NLU component that applies Hulpwijzer's triage after the trained classifier.

Placed last in the pipeline (``bot/config.yml``), so the live assistant, ``rasa test nlu``
and ``python -m bot classify`` share one decision:

* crisis rules win over everything: intent ``crisis`` whatever the classifier said;
* a message in English, Turkish, Arabic or Polish becomes ``other_language``;
* low confidence becomes ``nlu_fallback``, with the candidates to offer;
* a second help topic the resident clearly mentions is added (multi-topic);
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
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.triage import gemeente as gemeente_mentions
from bot.triage.topics import TRIAGE_KEY, Thresholds, triage
from bot.triage.text import BUTTON_PAYLOAD

#: triage reads at most this much of a message: enough for any real question, and a
#: pasted 80,000-character text cannot hold up the server
MAX_TRIAGE_CHARS = 5000
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
            "second_topic_threshold": defaults.second_topic,
            "second_topic_without_words_threshold": defaults.second_topic_without_words,
            "crisis_threshold": defaults.crisis,
            "pair_member_threshold": defaults.pair_member,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = config
        self.thresholds = Thresholds(
            fallback=config["fallback_threshold"],
            second_topic=config["second_topic_threshold"],
            second_topic_without_words=config["second_topic_without_words_threshold"],
            crisis=config["crisis_threshold"],
            pair_member=config["pair_member_threshold"],
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
            ranking = message.get(INTENT_RANKING_KEY) or []
            if not ranking and message.get(INTENT):
                ranking = [message.get(INTENT)]
            result = triage(text[:MAX_TRIAGE_CHARS], ranking, self.thresholds)
            message.set(INTENT, {"name": result.intent, "confidence": result.confidence}, add_to_output=True)
            message.set(TRIAGE_KEY, asdict(result), add_to_output=True)
            mention = gemeente_mentions.find(text[:MAX_TRIAGE_CHARS])
            message.set(GEMEENTE_KEY, asdict(mention) if mention else None, add_to_output=True)
        return messages
