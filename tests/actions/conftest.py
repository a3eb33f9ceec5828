import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(text="", intent="", triage=None, slots=None):
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    if triage is not None:
        latest["triage"] = triage
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def triage_dict(intent, topics, crisis_kinds=(), language="nl", candidates=()):
    return {
        "intent": intent,
        "confidence": 0.9,
        "topics": list(topics),
        "crisis_kinds": list(crisis_kinds),
        "language": language,
        "candidates": list(candidates),
    }


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()
