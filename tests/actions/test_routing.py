from actions.routing import ActionClarifyTopic, ActionRespondOtherLanguage, ActionRespondOutOfScope
from tests.actions.conftest import make_tracker, triage_dict


async def test_unsure_assistant_offers_up_to_three_topic_buttons(dispatcher):
    triage = triage_dict("nlu_fallback", [], candidates=["ask_werk", "ask_schulden", "ask_jeugd", "ask_mantelzorg"])
    await ActionClarifyTopic().run(dispatcher, make_tracker("hmm", "nlu_fallback", triage), {})
    message = dispatcher.messages[0]
    assert message["response"] == "utter_clarify"
    assert [b["payload"] for b in message["buttons"]] == ["/ask_werk", "/ask_schulden", "/ask_jeugd"]


async def test_unsure_without_candidates_asks_to_rephrase(dispatcher):
    await ActionClarifyTopic().run(dispatcher, make_tracker("??", "nlu_fallback", triage_dict("nlu_fallback", [])), {})
    assert dispatcher.messages[0]["response"] == "utter_clarify_nothing"


async def test_other_language_reply_uses_the_conversation_municipality(dispatcher):
    tracker = make_tracker("hi", "other_language", triage_dict("other_language", ["other"], language="pl"), {"gemeente": "almere"})
    await ActionRespondOtherLanguage().run(dispatcher, tracker, {})
    assert "14 036" in dispatcher.messages[0]["text"]
    assert "Zadzwoń" in dispatcher.messages[0]["text"]


async def test_out_of_scope_points_to_the_general_channels(dispatcher):
    await ActionRespondOutOfScope().run(dispatcher, make_tracker("paspoort", "out_of_scope"), {})
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
