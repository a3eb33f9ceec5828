"""The dialogue state the message readers need: may this message be a follow-up question?

"Wat kost dat?" and "waar zit dat?" (``ask_cost``, ``ask_location``, ``ask_more_options``)
only make sense once the assistant has shown facilities. On a first message they are
impossible: a long story about someone "bijna het kanaal in gefietst" that contains
"waar" is a help question, not a question about a location.

Rasa's NLU components see the message, not the conversation. Rasa does pass the
conversation's tracker to the graph that parses a message, and the message's metadata to
the components, so :func:`install` wraps ``MessageProcessor._parse_message_with_graph`` to
add the one fact the readers need to a copy of the message's metadata
(``{"hulpwijzer_state": {"follow_ups": true}}``). The copy is parsed; the message that
Rasa stores in the tracker keeps its own metadata. Without a tracker (``rasa test nlu``,
``python -m bot classify``) every message is read as a first message.

:func:`install` is called by the reader component when a model is loaded, so every way of
running the model (``python -m bot.server run``, ``rasa shell``, an ``Agent``) gets it.
"""

from __future__ import annotations

import copy
from typing import Any, Mapping

STATE_KEY = "hulpwijzer_state"
FOLLOW_UPS = "follow_ups"
#: slots set when facilities are shown (``actions.help_question.answer_help_question``)
_SHOWN_SLOTS = ("facilities", "help_question")
_WRAPPED = "_hulpwijzer_dialogue_state"


def follow_ups_possible(tracker: Any) -> bool:
    """Were facilities shown in this conversation (session), so that a follow-up question
    can be about them?"""
    if tracker is None:
        return False
    return any(tracker.get_slot(slot) for slot in _SHOWN_SLOTS if slot in tracker.slots)


def follow_ups_allowed(metadata: Mapping[str, Any] | None) -> bool:
    """What the wrapped parser put in a message's metadata (``False`` when absent)."""
    state = (metadata or {}).get(STATE_KEY) or {}
    return bool(state.get(FOLLOW_UPS))


def with_state(message: Any, tracker: Any) -> Any:
    """A copy of a Rasa ``UserMessage`` whose metadata carries the dialogue state."""
    gated = copy.copy(message)
    gated.metadata = {**(message.metadata or {}), STATE_KEY: {FOLLOW_UPS: follow_ups_possible(tracker)}}
    return gated


def install() -> None:
    """Make Rasa's message parsing pass the dialogue state to the NLU components (once)."""
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor._parse_message_with_graph
    if getattr(original, _WRAPPED, False):
        return

    def _parse_message_with_graph(self, message, tracker, only_output_properties=True):
        return original(self, with_state(message, tracker), tracker, only_output_properties)

    setattr(_parse_message_with_graph, _WRAPPED, True)
    MessageProcessor._parse_message_with_graph = _parse_message_with_graph
