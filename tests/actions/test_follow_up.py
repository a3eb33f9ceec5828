from actions.follow_up import ActionAnswerCost, ActionAnswerLocation, ActionMoreOptions
from bot.replies.facilities import RULES_LABEL
from tests.actions.conftest import make_tracker, responses, slot_values, texts, triage_dict

#: what action_answer_help_question remembers of the question it answered
QUESTION = {"help_question": "ik heb schulden en de deurwaarder komt", "topics": ["schulden"]}


async def test_what_does_it_cost_answers_for_each_facility_shown_without_inventing_a_price(dispatcher):
    slots = {"gemeente": "almere", "facilities": ["almere-sociaal-raadslieden", "almere-schulddienstverlening"]}
    await ActionAnswerCost().run(dispatcher, make_tracker("wat kost dat?", "ask_cost", slots=slots), {})
    lines = texts(dispatcher).splitlines()
    # the content says Sociaal Raadslieden is free; for the other the source gives no price
    assert lines[0].startswith("Sociaal Raadslieden (Zorggroep Almere) is gratis.")
    assert "mijn bron zegt niet wat het kost" in lines[1]


async def test_where_is_it_answers_how_to_reach_each_facility_shown(dispatcher, knowledge_base):
    slots = {"gemeente": "almelo", "facilities": ["almelo-stadsbank"]}
    await ActionAnswerLocation().run(dispatcher, make_tracker("waar zit dat?", "ask_location", slots=slots), {})
    assert (
        texts(dispatcher)
        == f"Stadsbank (schuldhulpverlening): {knowledge_base.facilities['almelo-stadsbank'].how_to_reach}"
    )


async def test_follow_up_before_any_facility_asks_for_the_question(dispatcher):
    await ActionAnswerCost().run(dispatcher, make_tracker("wat kost dat?", "ask_cost", triage_dict("ask_cost", [])), {})
    assert responses(dispatcher) == ["utter_follow_up_nothing_shown"]


async def test_a_where_question_before_any_facility_is_answered_as_a_help_question(dispatcher):
    # the classifier reads "waar moet ik heen" as a follow-up, but nothing was shown yet
    text = "waar moet ik heen voor het consultatiebureau met mijn baby"
    tracker = make_tracker(text, "ask_location", triage_dict("ask_location", []), {"gemeente": "hengelo"})
    events = await ActionAnswerLocation().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_topic_jeugd"
    assert slot_values(events)["facilities"][0] == "hengelo-jeugdgezondheidszorg"


async def test_more_options_without_an_earlier_question_asks_for_it(dispatcher):
    await ActionMoreOptions().run(dispatcher, make_tracker("meer", "ask_more_options"), {})
    assert responses(dispatcher) == ["utter_follow_up_nothing_shown"]


async def test_more_options_shows_other_facilities_for_the_same_question(dispatcher):
    shown = ["almere-schulddienstverlening"]
    slots = {"gemeente": "almere", "facilities": shown, "facilities_seen": shown, **QUESTION}
    tracker = make_tracker("is er nog iets anders?", "ask_more_options", slots=slots)
    events = await ActionMoreOptions().run(dispatcher, tracker, {})
    slots_after = slot_values(events)
    assert responses(dispatcher)[0] == "utter_more_options_intro"
    assert slots_after["facilities"] and "almere-schulddienstverlening" not in slots_after["facilities"]
    assert slots_after["facilities_seen"][0] == "almere-schulddienstverlening"
    assert set(slots_after["facilities"]) <= set(slots_after["facilities_seen"])


async def test_more_options_says_so_when_everything_was_shown(dispatcher, knowledge_base):
    everything = list(knowledge_base.facilities)
    slots = {"gemeente": "almere", "facilities": everything[:1], "facilities_seen": everything, **QUESTION}
    tracker = make_tracker("nog meer?", "ask_more_options", slots=slots)
    assert await ActionMoreOptions().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_no_more_options"]


async def test_more_options_for_a_rules_question_label_the_rules_service_they_add(dispatcher):
    # the first answer was cut short before its rules advice (say, an earlier version)
    question = {"help_question": "mag ik bijverdienen naast de bijstand?", "topics": ["werk"]}
    shown = ["national-uwv-werk-nl"]
    slots = {"gemeente": "hengelo", "facilities": shown, "facilities_seen": shown, **question}
    tracker = make_tracker("meer mogelijkheden", "ask_more_options", slots=slots)
    events = await ActionMoreOptions().run(dispatcher, tracker, {})
    assert slot_values(events)["facilities"][-1] == "national-juridisch-loket"
    facility_texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert facility_texts[-1].startswith(RULES_LABEL)
