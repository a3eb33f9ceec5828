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


def _reader_that_reads(readings):
    from unittest import mock

    from bot.nlu.component import ResidentReader

    readers = mock.Mock()
    readers.read.side_effect = lambda text: readings[text]
    return ResidentReader({}, mock.Mock(), mock.Mock(), readers), readers


def test_a_question_after_where_the_writer_lives_is_read_without_that_statement():
    from bot.nlu.reading import Reading

    whole = "Woon in Almere en zoek al een jaar werk. Waar kan ik terecht?"
    rest = "zoek al een jaar werk. Waar kan ik terecht?"
    component, readers = _reader_that_reads(
        {
            whole: Reading.of({"inform_gemeente": 0.8, "ask_werk": 0.2}, {"werk": 0.3}),
            rest: Reading.of({"ask_werk": 0.9, "inform_gemeente": 0.1}, {"werk": 0.9}),
        }
    )
    message = Message({"text": whole})
    component.process([message])
    assert message.get("intent")["name"] == "ask_werk"
    assert message.get(READING_KEY).topics["werk"] == 0.9


def test_only_where_the_writer_lives_or_a_short_rest_keeps_the_first_reading():
    from bot.nlu.reading import Reading

    place = Reading.of({"inform_gemeente": 0.95}, {})
    component, readers = _reader_that_reads({"Ik woon in Almere": place, "Woon in Hengelo, wat nu?": place})
    for text in ("Ik woon in Almere", "Woon in Hengelo, wat nu?"):
        message = Message({"text": text})
        component.process([message])
        assert message.get("intent")["name"] == "inform_gemeente"
    assert readers.read.call_count == 2
