from actions.help_question import ActionAnswerHelpQuestion
from bot.replies.facilities import OTHER_TOPIC_LABEL, RULES_LABEL
from tests.actions.conftest import make_tracker, responses, slot_values, texts, triage_dict, user_event


async def test_a_debt_question_names_the_local_facility_with_how_to_reach_it_and_its_source(dispatcher):
    text = "er staat een deurwaarder aan de deur en ik kan de rekeningen niet betalen"
    tracker = make_tracker(text, "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almelo"})
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_topic_schulden"
    first = dispatcher.messages[1]["text"]
    assert first.startswith("Stadsbank")
    assert "Zo komt u in contact:" in first and "14 0546" in first
    assert "Bron: Evaluatie sociaal domein van de gemeente Almelo (2018)." in first
    # the 2018 source is marked for checking
    assert "Vraag bij de gemeente of het nog klopt" in first
    # a bailiff at the door is urgent: contact with the team is offered first
    assert responses(dispatcher)[-1] == "utter_offer_contact_first"
    assert dispatcher.messages[-1]["team"] == "Klantcontactcentrum (KCC) van de gemeente"
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/request_human", "/ask_more_options"]
    slots = slot_values(events)
    assert slots["topics"] == ["schulden"]
    assert slots["facilities"][0] == "almelo-stadsbank"
    assert slots["facilities_seen"] == slots["facilities"]
    assert 1 <= len(slots["facilities"]) <= 3


async def test_different_needs_within_one_topic_get_different_facilities(dispatcher):
    def top(text):
        return make_tracker(text, "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almere"})

    firsts = []
    for text in (
        "de deurwaarder wil beslag leggen",
        "we hebben geen eten meer in huis",
        "ik wil leren omgaan met geld",
    ):
        dispatcher.messages.clear()
        events = await ActionAnswerHelpQuestion().run(dispatcher, top(text), {})
        firsts.append(slot_values(events)["facilities"][0])
    assert firsts == ["almere-schulddienstverlening", "almere-voedselloket", "almere-administratief-spreekuur"]


async def test_the_next_step_names_the_team_that_takes_the_topic(dispatcher):
    tracker = make_tracker("ik zoek werk", "ask_werk", triage_dict("ask_werk", ["werk"]), {"gemeente": "almere"})
    await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages[-1]["team"] == "Afdeling Werk & Inkomen (stadhuis)"


async def test_multi_topic_question_gets_a_facility_for_each_topic(dispatcher, knowledge_base):
    text = "ik zorg voor mijn moeder en ik heb schulden"
    triage = triage_dict("ask_mantelzorg+ask_schulden", ["mantelzorg", "schulden"])
    tracker = make_tracker(text, "ask_mantelzorg+ask_schulden", triage, {"gemeente": "hengelo"})
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_topic_multi"
    assert dispatcher.messages[0]["topic_list"] == "mantelzorg en geldzorgen"
    shown = [knowledge_base.facilities[i] for i in slot_values(events)["facilities"]]
    assert "mantelzorg" in shown[0].topics and "schulden" in shown[1].topics
    # the team for a household with several problems
    assert dispatcher.messages[-1]["team"] == knowledge_base.team_for("hengelo", ["mantelzorg", "schulden"]).name


async def test_a_municipality_in_the_question_switches_the_answer_to_it(dispatcher):
    text = "ik woon in Almere en ik heb schulden"
    tracker = make_tracker(
        text,
        "ask_schulden",
        triage_dict("ask_schulden", ["schulden"]),
        {"gemeente": "almelo"},
        gemeente_mention={"name": "Almere", "strong": True},
    )
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    slots = slot_values(events)
    assert slots["gemeente"] == "almere" and slots["gemeente_naam"] == "Almere"
    assert all(f.startswith(("almere-", "national-")) for f in slots["facilities"])


async def test_an_unknown_municipality_gets_national_help_and_an_honest_sentence(dispatcher):
    text = "ik heb schulden"
    tracker = make_tracker(
        text, "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente_onbekend": "Enschede"}
    )
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert "utter_gemeente_unknown_national" in responses(dispatcher)
    assert all(f.startswith("national-") for f in slot_values(events)["facilities"])
    assert "14 0546" not in texts(dispatcher)


async def test_button_payload_searches_with_the_question_it_clarified(dispatcher):
    earlier = [user_event("ik weet niet hoe ik de huur moet betalen", "nlu_fallback", triage_dict("nlu_fallback", []))]
    tracker = make_tracker("/ask_schulden", "ask_schulden", slots={"gemeente": "almelo"}, earlier=earlier)
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_topic_schulden"
    assert slot_values(events)["facilities"][0] == "almelo-stadsbank"


async def test_an_ordinary_question_offers_more_options_or_contact(dispatcher):
    tracker = make_tracker(
        "ik wil leren budgetteren", "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almere"}
    )
    await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert responses(dispatcher)[-1] == "utter_offer_next_step"
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/ask_more_options", "/request_human"]


async def test_a_topic_the_classifier_leans_to_gets_one_labelled_facility_after_the_answer(dispatcher, knowledge_base):
    text = "ik sta om zes uur op om mijn zoon met een beperking te helpen, daarna naar mijn werk"
    triage = triage_dict("ask_werk", ["werk"], also=["mantelzorg"])
    events = await ActionAnswerHelpQuestion().run(
        dispatcher, make_tracker(text, "ask_werk", triage, {"gemeente": "almelo"}), {}
    )
    slots = slot_values(events)
    assert slots["topics"] == ["werk"]
    assert dispatcher.messages[0]["response"] == "utter_topic_werk"
    extra = knowledge_base.facilities[slots["facilities"][-1]]
    assert "mantelzorg" in extra.topics
    facility_texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert facility_texts[-1].startswith(OTHER_TOPIC_LABEL) and extra.name in facility_texts[-1]
    assert not any(t.startswith(OTHER_TOPIC_LABEL) for t in facility_texts[:-1])
    # the next step is still the werk team's
    assert dispatcher.messages[-1]["team"] == knowledge_base.team_for("almelo", ["werk"]).name


async def test_a_question_about_rules_ends_with_labelled_rules_advice(dispatcher, knowledge_base):
    text = "ik heb bijstand en wil 12 uur per week schoonmaken, mag dat? krijg ik dan minder geld?"
    triage = triage_dict("ask_werk", ["werk"])
    events = await ActionAnswerHelpQuestion().run(
        dispatcher, make_tracker(text, "ask_werk", triage, {"gemeente": "almere"}), {}
    )
    shown = slot_values(events)["facilities"]
    assert shown[-1] == "almere-sociaal-raadslieden"
    facility_texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert facility_texts[-1].startswith(RULES_LABEL)
    assert knowledge_base.facilities[shown[-1]].name in facility_texts[-1]
    assert not any(t.startswith(RULES_LABEL) for t in facility_texts[:-1])


async def test_a_triage_stored_before_the_extra_topic_existed_still_answers(dispatcher):
    triage = triage_dict("ask_schulden", ["schulden"])
    assert "also" not in triage
    events = await ActionAnswerHelpQuestion().run(
        dispatcher, make_tracker("ik heb schulden", "ask_schulden", triage, {"gemeente": "almelo"}), {}
    )
    assert slot_values(events)["facilities"][0] == "almelo-stadsbank"
