from actions.session import ActionSessionStart
from tests.actions.conftest import make_tracker


async def test_session_start_fills_the_municipality_slots_from_configuration(dispatcher, monkeypatch):
    monkeypatch.setenv("HULPWIJZER_GEMEENTE", "almere")
    events = await ActionSessionStart().run(dispatcher, make_tracker(), {})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {
        "gemeente": "almere",
        "gemeente_onbekend": None,
        "gemeente_naam": "Almere",
        "gemeente_telefoon": "14 036",
        "gemeente_website": "www.almere.nl",
    }
    assert events[0]["event"] == "session_started"
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")


async def test_unknown_configured_municipality_falls_back_to_a_known_one(dispatcher, monkeypatch):
    monkeypatch.setenv("HULPWIJZER_GEMEENTE", "atlantis")
    tracker = make_tracker(slots={})
    # the configured id is unknown: the default municipality is used rather than crashing
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}["gemeente"] == "almelo"


async def test_the_channel_can_choose_the_municipality_in_the_session_metadata(dispatcher, monkeypatch):
    monkeypatch.setenv("HULPWIJZER_GEMEENTE", "almelo")
    tracker = make_tracker(slots={"session_started_metadata": {"gemeente": "Hengelo"}})
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}["gemeente"] == "hengelo"


async def test_an_unknown_municipality_in_the_metadata_is_ignored(dispatcher, monkeypatch):
    monkeypatch.setenv("HULPWIJZER_GEMEENTE", "almere")
    tracker = make_tracker(slots={"session_started_metadata": {"gemeente": "atlantis"}})
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}["gemeente"] == "almere"
