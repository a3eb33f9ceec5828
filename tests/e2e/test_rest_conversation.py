"""A resident talks to the real assistant through the REST channel."""

import uuid

import pytest

pytestmark = pytest.mark.model


def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def test_greeting_introduces_the_assistant_for_the_configured_municipality(assistant):
    reply = assistant.text(sender(), "hallo")
    assert "Hulpwijzer" in reply
    assert "Almelo" in reply
    assert "computerprogramma" in reply


def test_debt_question_gets_a_debt_answer_with_how_to_reach_the_municipality(assistant):
    reply = assistant.text(sender(), "er ligt een stapel brieven van het incassobureau")
    assert "geld" in reply.lower()
    assert "14 0546" in reply


def test_multi_topic_question_names_both_topics(assistant):
    reply = assistant.text(sender(), "ik heb schulden en zorg ook voor mijn zieke moeder")
    assert "mantelzorg" in reply
    assert "geldzorgen" in reply
    assert "één" in reply


def test_crisis_in_the_middle_of_a_conversation_gets_the_crisis_answer_first(assistant):
    resident = sender()
    assistant.text(resident, "hoi")
    assistant.text(resident, "ik zorg voor mijn vader met dementie")
    messages = assistant.say(resident, "eigenlijk wil ik er niet meer zijn")
    assert "ernstig" in messages[0]["text"]
    assert "0800-0113" in "\n".join(m["text"] for m in messages)


def test_question_for_another_department_gets_the_general_channels(assistant):
    reply = assistant.text(sender(), "mijn paspoort is verlopen, hoe verleng ik die")
    assert "www.almelo.nl" in reply
    assert "14 0546" in reply


def test_english_message_gets_an_english_reply(assistant):
    reply = assistant.text(sender(), "Hello, do you speak English? I need help")
    assert "only works in Dutch" in reply


def test_unclear_message_gets_a_question_back_not_a_guess(assistant):
    messages = assistant.say(sender(), "xqzv brmpf")
    assert messages
    texts = "\n".join(m.get("text", "") for m in messages)
    assert "begrijp" in texts


def test_clicking_a_topic_button_answers_that_topic(assistant):
    reply = assistant.text(sender(), "/ask_werk")
    assert "werk" in reply.lower()


def test_a_person_can_be_asked_for(assistant):
    reply = assistant.text(sender(), "ik wil een mens spreken")
    assert "14 0546" in reply


def test_servers_do_not_log_what_residents_type(assistant):
    secret = "mijn buurman Jansen op nummer 12 heeft een huurachterstand van 3400 euro"
    assistant.text(sender(), secret)
    assert "Jansen" not in assistant.log_path.read_text(errors="replace")
