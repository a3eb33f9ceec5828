from actions.help_question import ActionAnswerHelpQuestion
from tests.actions.conftest import make_tracker, triage_dict


async def test_single_topic_gets_its_topic_answer_and_the_contact_line(dispatcher):
    tracker = make_tracker("deurwaarder", "ask_schulden", triage_dict("ask_schulden", ["schulden"]))
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    responses = [m["response"] for m in dispatcher.messages]
    assert responses == ["utter_topic_schulden", "utter_topic_contact"]
    assert dispatcher.messages[1]["topic_list"] == "geldzorgen"
    assert events == [{"event": "slot", "timestamp": None, "name": "topics", "value": ["schulden"]}]


async def test_multi_topic_question_gets_one_answer_about_all_topics(dispatcher):
    triage = triage_dict("ask_mantelzorg+ask_schulden", ["mantelzorg", "schulden"])
    tracker = make_tracker("schulden en mijn moeder", "ask_mantelzorg+ask_schulden", triage)
    await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_topic_multi"
    assert dispatcher.messages[0]["topic_list"] == "mantelzorg en geldzorgen"


async def test_button_payload_without_triage_uses_the_intent(dispatcher):
    tracker = make_tracker("/ask_werk", "ask_werk")
    await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_topic_werk"
