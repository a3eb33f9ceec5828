import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge_base import service


def user_event(text="", intent="", triage=None, gemeente_mention=None):
    parse = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    if triage is not None:
        parse["triage"] = triage
    if gemeente_mention is not None:
        parse["gemeente_mention"] = gemeente_mention
    return {"event": "user", "text": text, "parse_data": parse}


def make_tracker(text="", intent="", triage=None, slots=None, earlier=(), gemeente_mention=None):
    """A tracker whose latest message is ``text``; ``earlier`` are user events before it."""
    latest = user_event(text, intent, triage, gemeente_mention)
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest["parse_data"],
        events=[*earlier, latest],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def triage_dict(intent, topics, crisis_kinds=(), language="nl", candidates=(), also=None):
    triage = {
        "intent": intent,
        "confidence": 0.9,
        "topics": list(topics),
        "crisis_kinds": list(crisis_kinds),
        "language": language,
        "candidates": list(candidates),
    }
    if also is not None:
        triage["also"] = list(also)
    return triage


@pytest.fixture(scope="session")
def kb_database(tmp_path_factory):
    """The actions' knowledge base: the real content files in a fresh SQLite database."""
    return f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.db'}"


@pytest.fixture(autouse=True)
def knowledge_base(kb_database, monkeypatch):
    from actions import insight
    from core.settings import current

    monkeypatch.setenv("DATABASE_URL", kb_database)
    service.get_knowledge_base.cache_clear()
    kb = service.get_knowledge_base()
    current.cache_clear()  # the test may set more variables: its "process" reads them when it first needs them
    insight.get_insight_store.cache_clear()
    # questions kept for review are redacted by the rules only here (no Frog process per test
    # run); tests/insight covers the redaction with Frog
    from insight.redaction import Redactor
    from insight.review import ReviewQueue

    monkeypatch.setattr(
        insight, "get_review_queue", lambda: ReviewQueue(insight.get_insight_store().engine, Redactor().redact)
    )
    yield kb
    service.get_knowledge_base.cache_clear()
    insight.get_insight_store.cache_clear()


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


def slot_values(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}
