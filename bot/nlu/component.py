"""Rasa NLU component that trains and runs Hulpwijzer's readers (:mod:`bot.nlu.readers`).

In ``bot/config.yml`` it is the intent classifier, followed by
:class:`bot.triage.component.TriageClassifier`, which decides on its reading. It trains on
Rasa's NLU training data; an example's help topics are its intent's topics, or, for a crisis
example that is also about a help topic, the example's metadata::

    - intent: crisis
      examples:
      - text: "De deurwaarder was er weer en ik zie het niet meer zitten, de pillen liggen klaar"
        metadata: {topics: [schulden]}

The trained readers are stored in the model as JSON and NumPy arrays (no pickle). Loading a
model also installs the dialogue-state hook (:mod:`bot.nlu.dialogue_state`), so the
follow-up intents compete only after facilities were shown, however Rasa is started.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, METADATA_EXAMPLE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import dialogue_state
from bot.nlu.readers import Example, ReaderConfig, Readers
from bot.nlu.reading import Reading
from bot.triage.gemeente import without_residence
from bot.triage.topics import CRISIS_INTENT, INFORM_GEMEENTE_INTENT
from core.text import BUTTON_PAYLOAD

#: where the reading of a message is kept for the triage component (not in the output)
from core.topics import HELP_TOPICS, topics_of_intent

READING_KEY = "hulpwijzer_reading"
#: the readers read at most this much of a message: enough for any real question, and a
#: pasted 80,000-character text cannot hold up the server
MAX_READ_CHARS = 5000
#: intents listed in the parse data's ranking
RANKING_LENGTH = 10
#: a message read as only where the writer lives is read again without that statement when
#: at least this many words are left ("Woon in Almelo en ben vandaag ontslagen. Wat moet ik
#: nu doen?"); shorter rests are the answer to "In welke gemeente woont u?" and little more
QUESTION_AFTER_RESIDENCE_WORDS = 3


def example_of(message: Message) -> Optional[Example]:
    """A training example from one of Rasa's intent examples (``None`` without text)."""
    text, intent = message.get(TEXT), message.get(INTENT)
    if not text or not intent:
        return None
    metadata = (message.get(METADATA) or {}).get(METADATA_EXAMPLE) or {}
    topics: Optional[tuple[str, ...]] = tuple(topics_of_intent(intent))
    if intent == CRISIS_INTENT:
        # a crisis example's help topics are known only when its metadata names them
        named = metadata.get("topics") if isinstance(metadata, dict) else None
        topics = tuple(t for t in named if t in HELP_TOPICS) if named is not None else None
    return Example(text=text, intent=intent, topics=topics)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ResidentReader(GraphComponent, IntentClassifier):
    """Trains the intent, topic and crisis readers and reads every typed message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return asdict(ReaderConfig())

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        readers: Optional[Readers] = None,
    ) -> None:
        known = {f.name for f in fields(ReaderConfig)}
        settings = {k: v for k, v in config.items() if k in known}
        if "char_ngrams" in settings:
            settings["char_ngrams"] = tuple(settings["char_ngrams"])
        self.reader_config = ReaderConfig(**settings)
        self._model_storage = model_storage
        self._resource = resource
        self.readers = readers

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ResidentReader":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in map(example_of, training_data.intent_examples) if e is not None]
        self.readers = Readers(self.reader_config).fit(examples)
        with self._model_storage.write_to(self._resource) as directory:
            self.readers.save(directory)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ResidentReader":
        with model_storage.read_from(resource) as directory:
            readers = Readers.load(directory)
        dialogue_state.install()
        return cls(config, model_storage, resource, readers)

    def read(self, text: str) -> Reading:
        """The readers' reading of ``text``. A message they take for only a statement of
        where the writer lives, with a question after it, is read without the statement: in
        "Woon in Hengelo, hoe vraag ik bijzondere bijstand aan?" the statement outweighed the
        question (kb_blind24). Where the resident lives is still found in the whole text
        (:func:`bot.triage.gemeente.find`)."""
        reading = self.readers.read(text)
        if reading.ranking and reading.ranking[0][0] == INFORM_GEMEENTE_INTENT:
            rest = without_residence(text)
            if rest != text and len(rest.split()) >= QUESTION_AFTER_RESIDENCE_WORDS:
                return self.readers.read(rest)
        return reading

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if self.readers is None or (text.startswith(INTENT_MESSAGE_PREFIX) and BUTTON_PAYLOAD.match(text)):
                # a button ("/ask_schulden") is handled by Rasa's RegexMessageHandler
                continue
            reading = self.read(text[:MAX_READ_CHARS])
            message.set(READING_KEY, reading)
            ranking = [{"name": name, "confidence": p} for name, p in reading.ranking[:RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
