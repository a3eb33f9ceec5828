from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component import READING_KEY, example_of
from bot.nlu.readers import Example


def test_a_help_question_example_takes_its_topics_from_its_intent():
    message = Message.build(text="ik heb schulden en geen werk", intent="ask_schulden+ask_werk")
    assert example_of(message) == Example("ik heb schulden en geen werk", "ask_schulden+ask_werk", ("schulden", "werk"))


def test_a_crisis_example_has_help_topics_only_when_its_metadata_names_them():
    named = Message.build(
        text="de deurwaarder, ik zie het niet meer zitten", intent="crisis", example_metadata={"topics": ["schulden"]}
    )
    none = Message.build(text="ik sta op de brug", intent="crisis", example_metadata={"topics": []})
    unknown = Message.build(text="ik wil niet meer", intent="crisis")
    assert example_of(named).topics == ("schulden",)
    assert example_of(none).topics == ()
    assert example_of(unknown).topics is None


def test_other_intents_have_no_help_topics_and_examples_need_text():
    assert example_of(Message.build(text="hoi", intent="greet")).topics == ()
    assert example_of(Message.build(text="", intent="greet")) is None


def test_buttons_are_left_to_rasa_and_typed_text_is_read(tmp_path):
    from unittest import mock

    from bot.nlu.component import ResidentReader
    from bot.nlu.reading import Reading

    readers = mock.Mock()
    readers.read.return_value = Reading.of({"ask_werk": 0.9, "greet": 0.1}, {"werk": 0.9})
    component = ResidentReader({}, mock.Mock(), mock.Mock(), readers)
    button, typed = Message({"text": "/ask_schulden"}), Message({"text": "/ik zoek werk"})
    component.process([button, typed])
    assert button.get(READING_KEY) is None
    assert typed.get(READING_KEY).topics["werk"] == 0.9
    assert typed.get("intent") == {"name": "ask_werk", "confidence": 0.9}
