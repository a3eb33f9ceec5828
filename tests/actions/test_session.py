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


def test_the_domain_says_what_the_session_start_does_carry_over_no_slots_but_the_municipality():
    """Rasa's flag is read only by its default session start; ours carries over the
    municipality alone, so the domain must not claim that every slot is carried over."""
    import yaml

    from tests.conftest import ROOT

    config = yaml.safe_load((ROOT / "bot" / "domain" / "base.yml").read_text(encoding="utf-8"))["session_config"]
    assert config["carry_over_slots_to_new_session"] is False


def test_no_policy_is_configured_that_has_nothing_to_learn_from():
    import yaml

    from tests.conftest import ROOT

    policies = [
        p["name"] for p in yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))["policies"]
    ]
    has_stories = any((ROOT / "data").rglob("stories*.yml"))
    assert "MemoizationPolicy" not in policies or has_stories
