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


def test_debt_question_names_a_local_facility_with_how_to_reach_it_and_its_source(assistant):
    reply = assistant.text(sender(), "er ligt een stapel brieven van het incassobureau")
    assert "zorgen over geld of schulden" in reply
    assert "Stadsbank" in reply
    assert "Zo komt u in contact:" in reply and "14 0546" in reply
    assert "Bron: Evaluatie sociaal domein van de gemeente Almelo (2018)." in reply


def test_follow_up_questions_are_about_the_facilities_just_shown(assistant):
    resident = sender()
    assistant.text(resident, "ik heb schulden en de deurwaarder komt steeds langs")
    assert "Stadsbank (schuldhulpverlening): mijn bron zegt niet wat het kost" in assistant.text(
        resident, "wat kost dat?"
    )
    assert assistant.text(resident, "waar zit dat?").startswith("Stadsbank (schuldhulpverlening): ")
    more = assistant.text(resident, "is er nog iets anders?")
    assert "Dit kan u ook helpen:" in more or "Meer heb ik niet gevonden" in more
    assert "Stadsbank" not in more.split("\n", 1)[-1].split("Bron")[0]


def test_saying_where_you_live_answers_the_question_again_for_that_municipality(assistant):
    resident = sender()
    assistant.text(resident, "ik wil leren omgaan met geld")
    reply = assistant.text(resident, "ik woon in Almere")
    assert "Ik geef u nu informatie over de gemeente Almere." in reply
    assert "Omgaan met geld" in reply


def test_a_municipality_without_content_gets_an_honest_sentence_and_national_help(assistant):
    resident = sender()
    reply = assistant.text(resident, "ik woon in Enschede")
    assert "Over de gemeente Enschede heb ik nog geen informatie" in reply
    reply = assistant.text(resident, "ik zorg voor mijn moeder en het wordt me te veel")
    assert "Mantelzorglijn" in reply
    assert "14 0546" not in reply


def test_the_page_can_choose_the_municipality_in_the_request_metadata(assistant):
    messages = assistant.say(sender(), "ik zoek werk", metadata={"gemeente": "hengelo"})
    reply = "\n".join(m.get("text", "") for m in messages)
    assert "Hengelo" in reply or "14 074" in reply
    assert "almelo" not in reply.lower()


def test_multi_topic_question_names_both_topics(assistant):
    reply = assistant.text(sender(), "ik heb schulden en zorg ook voor mijn zieke moeder")
    assert "meer dan één zorg: mantelzorg en geldzorgen" in reply


def test_household_with_three_problems_gets_one_answer_about_all_of_them(assistant):
    reply = assistant.text(sender(), "ik heb schulden, zorg voor mijn zieke moeder en ben mijn baan kwijt")
    assert "meer dan één zorg" in reply
    assert "begrijp" not in reply


def test_crisis_in_the_middle_of_a_conversation_gets_the_crisis_answer_first(assistant):
    resident = sender()
    assistant.text(resident, "hoi")
    assistant.text(resident, "ik zorg voor mijn vader met dementie")
    messages = assistant.say(resident, "eigenlijk wil ik er niet meer zijn")
    assert "ernstig" in messages[0]["text"]
    assert "0800-0113" in "\n".join(m["text"] for m in messages)


def test_question_for_another_department_gets_the_general_channels(assistant):
    reply = assistant.text(sender(), "mijn paspoort is verlopen, hoe verleng ik die")
    assert "Daar kan ik u niet mee helpen" in reply
    assert "www.almelo.nl" in reply


def test_english_message_gets_an_english_reply(assistant):
    reply = assistant.text(sender(), "Hello, do you speak English? I need help")
    assert "only works in Dutch" in reply


def test_unclear_message_gets_a_question_back_not_a_guess(assistant):
    messages = assistant.say(sender(), "xqzv brmpf")
    texts = "\n".join(m.get("text", "") for m in messages)
    assert "Ik weet niet zeker of ik u goed begrijp" in texts


def test_clicking_a_topic_button_answers_that_topic(assistant):
    reply = assistant.text(sender(), "/ask_werk")
    assert "vraag over werk of een uitkering" in reply


def test_a_person_can_be_asked_for(assistant):
    reply = assistant.text(sender(), "ik wil een mens spreken")
    # without a question yet, the assistant asks what it is about and gives the phone number
    assert "Vertel eerst kort waar uw vraag over gaat" in reply
    assert "14 0546" in reply


def test_servers_do_not_log_what_residents_type(assistant):
    secret = "mijn buurman Jansen op nummer 12 heeft een huurachterstand van 3400 euro"
    assistant.text(sender(), secret)
    assistant.text(sender(), "/mijn bsn is 123456782 en ik heet Pietersen")
    log = assistant.log_path.read_text(errors="replace")
    assert "Jansen" not in log
    assert "123456782" not in log and "Pietersen" not in log


def test_thanks_at_the_end_is_not_taken_for_a_crisis(assistant):
    reply = assistant.text(sender(), "super, bedankt voor alles!")
    assert "0800-0113" not in reply
