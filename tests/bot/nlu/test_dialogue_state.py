from types import SimpleNamespace

from bot.nlu import dialogue_state
from bot.nlu.dialogue_state import follow_ups_allowed, follow_ups_possible, with_state


class FakeTracker:
    def __init__(self, **slots):
        self.slots = {"facilities": None, "help_question": None, **{k: object() for k in slots}}
        self._values = {"facilities": None, "help_question": None, **slots}

    def get_slot(self, name):
        return self._values.get(name)


def test_follow_ups_are_possible_only_after_facilities_were_shown():
    assert not follow_ups_possible(None)
    assert not follow_ups_possible(FakeTracker())
    assert follow_ups_possible(FakeTracker(facilities=["almelo-schuldhulpmaatje"]))
    assert follow_ups_possible(FakeTracker(help_question="ik heb schulden"))


def test_the_state_goes_on_a_copy_of_the_message_and_the_stored_metadata_is_untouched():
    message = SimpleNamespace(text="wat kost dat?", metadata={"gemeente": "almere"})
    gated = with_state(message, FakeTracker(facilities=["x"]))
    assert follow_ups_allowed(gated.metadata)
    assert gated.metadata["gemeente"] == "almere"
    assert message.metadata == {"gemeente": "almere"}
    assert not follow_ups_allowed(None) and not follow_ups_allowed({})


def test_installing_the_hook_twice_wraps_rasas_parser_once():
    from rasa.core.processor import MessageProcessor

    dialogue_state.install()
    first = MessageProcessor._parse_message_with_graph
    dialogue_state.install()
    assert MessageProcessor._parse_message_with_graph is first
