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
    tracker = make_tracker(
        "hi", "other_language", triage_dict("other_language", ["other"], language="pl"), {"gemeente": "almere"}
    )
    await ActionRespondOtherLanguage().run(dispatcher, tracker, {})
    assert "14 036" in dispatcher.messages[0]["text"]
    assert "Zadzwoń" in dispatcher.messages[0]["text"]


async def test_out_of_scope_points_to_the_general_channels(dispatcher):
    await ActionRespondOutOfScope().run(dispatcher, make_tracker("paspoort", "out_of_scope"), {})
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"


async def test_an_unsure_classifier_is_helped_by_a_clear_facility_match(dispatcher):
    from actions.routing import ActionClarifyTopic
    from tests.actions.conftest import responses, slot_values

    text = "we hebben deze week geen eten meer in huis"
    triage = triage_dict("nlu_fallback", [], candidates=["ask_jeugd", "ask_schulden"])
    tracker = make_tracker(text, "nlu_fallback", triage, {"gemeente": "almere"})
    events = await ActionClarifyTopic().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_topic_schulden"
    assert slot_values(events)["facilities"][0] == "almere-voedselloket"


async def test_an_out_of_scope_question_without_a_clear_facility_match_gets_the_general_channels(dispatcher):
    from actions.routing import ActionRespondOutOfScope
    from tests.actions.conftest import responses

    tracker = make_tracker(
        "wanneer wordt het grofvuil opgehaald", "out_of_scope", triage_dict("out_of_scope", ["other"])
    )
    await ActionRespondOutOfScope().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_out_of_scope"]


async def test_an_unsure_message_that_names_where_the_resident_lives_switches_the_municipality(dispatcher):
    from tests.actions.conftest import responses, slot_values

    triage = triage_dict("nlu_fallback", [], candidates=["ask_werk"])
    tracker = make_tracker(
        "Tilburg is mijn woonplaats",
        "nlu_fallback",
        triage,
        {"gemeente": "almelo"},
        gemeente_mention={"name": "Tilburg", "strong": True},
    )
    events = await ActionClarifyTopic().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_gemeente_unknown"
    assert slot_values(events)["gemeente_onbekend"] == "Tilburg"
