from actions.crisis import ActionRespondCrisis
from tests.actions.conftest import make_tracker, responses, texts, triage_dict


async def test_crisis_answer_uses_the_detected_kind(dispatcher):
    tracker = make_tracker("x", "crisis", triage_dict("crisis", ["crisis"], ["violence"]))
    await ActionRespondCrisis().run(dispatcher, tracker, {})
    assert "0800-2000" in texts(dispatcher)


async def test_crisis_with_a_topic_gives_the_numbers_first_then_answers_the_topic(dispatcher):
    text = "ik zie het niet meer zitten, de deurwaarder komt morgen"
    tracker = make_tracker(
        text, "crisis", triage_dict("crisis", ["crisis", "schulden"], ["suicide"]), {"gemeente": "almelo"}
    )
    await ActionRespondCrisis().run(dispatcher, tracker, {})
    assert "0800-0113" in dispatcher.messages[1]["text"]
    assert responses(dispatcher)[2] == "utter_topic_schulden"
    assert dispatcher.messages[3]["text"].startswith("Stadsbank")
    assert responses(dispatcher)[-1] == "utter_offer_contact_first"


async def test_crisis_in_english_is_answered_in_english_with_the_configured_municipality(dispatcher, monkeypatch):
    monkeypatch.setenv("HULPWIJZER_GEMEENTE", "hengelo")
    tracker = make_tracker("x", "crisis", triage_dict("crisis", ["crisis"], ["suicide"], language="en"))
    await ActionRespondCrisis().run(dispatcher, tracker, {})
    assert "call 112" in texts(dispatcher)


async def test_classifier_only_crisis_checks_in_and_still_answers_the_question(dispatcher):
    tracker = make_tracker("ik ben mijn baan kwijt", "crisis", triage_dict("crisis", ["crisis", "werk"], []))
    await ActionRespondCrisis().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Ik wil even zeker weten")
    assert "0800-0113" in dispatcher.messages[1]["text"]
    assert responses(dispatcher)[2] == "utter_topic_werk"
    assert responses(dispatcher)[-1] == "utter_offer_next_step"
