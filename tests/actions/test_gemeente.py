from actions.gemeente import ActionSetGemeente
from knowledge_base import service
from tests.actions.conftest import make_tracker, responses, slot_values, triage_dict, user_event


def inform(name, strong=True, question=None):
    slots = {"gemeente": "almelo"}
    if question:
        slots.update({"help_question": question[0], "topics": question[1]})
    return make_tracker(
        f"ik woon in {name}",
        "inform_gemeente",
        triage_dict("inform_gemeente", []),
        slots,
        gemeente_mention={"name": name, "strong": strong},
    )


async def test_naming_a_known_municipality_switches_to_it_and_asks_the_question(dispatcher):
    events = await ActionSetGemeente().run(dispatcher, inform("almere"), {})
    slots = slot_values(events)
    assert (slots["gemeente"], slots["gemeente_naam"], slots["gemeente_telefoon"]) == ("almere", "Almere", "14 036")
    assert slots["gemeente_onbekend"] is None
    assert responses(dispatcher) == ["utter_gemeente_set", "utter_ask_question"]


async def test_after_a_help_question_the_answer_is_given_again_for_the_new_municipality(dispatcher):
    events = await ActionSetGemeente().run(
        dispatcher, inform("Hengelo", question=("ik heb schulden", ["schulden"])), {}
    )
    slots = slot_values(events)
    assert slots["gemeente"] == "hengelo"
    assert responses(dispatcher)[:2] == ["utter_gemeente_set", "utter_topic_schulden"]
    assert slots["facilities"] and all(f.startswith(("hengelo-", "national-")) for f in slots["facilities"])


async def test_the_answer_given_again_keeps_the_facility_of_the_second_possible_topic(dispatcher):
    question = "ik sta om zes uur op om mijn zoon met een beperking te helpen, daarna moet ik naar mijn werk"
    earlier = user_event(question, "ask_werk", triage_dict("ask_werk", ["werk"], also=["mantelzorg"]))
    tracker = make_tracker(
        "ik woon in Hengelo",
        "inform_gemeente",
        triage_dict("inform_gemeente", []),
        {"gemeente": "almelo", "help_question": question, "topics": ["werk"]},
        earlier=[earlier],
        gemeente_mention={"name": "Hengelo", "strong": True},
    )
    events = await ActionSetGemeente().run(dispatcher, tracker, {})
    facilities = slot_values(events)["facilities"]
    kb = service.get_knowledge_base()
    assert "werk" in kb.facilities[facilities[0]].topics
    assert "mantelzorg" in kb.facilities[facilities[-1]].topics
    assert all(f.startswith(("hengelo-", "national-")) for f in facilities)


async def test_an_answer_a_topic_button_gave_is_given_again_without_a_second_topic(dispatcher):
    question = "ik sta om zes uur op om mijn zoon met een beperking te helpen, daarna moet ik naar mijn werk"
    earlier = [
        user_event(question, "nlu_fallback", triage_dict("nlu_fallback", ["werk"], also=["mantelzorg"])),
        user_event("/ask_werk", "ask_werk"),
    ]
    tracker = make_tracker(
        "ik woon in Hengelo",
        "inform_gemeente",
        triage_dict("inform_gemeente", []),
        {"gemeente": "almelo", "help_question": question, "topics": ["werk"]},
        earlier=earlier,
        gemeente_mention={"name": "Hengelo", "strong": True},
    )
    facilities = slot_values(await ActionSetGemeente().run(dispatcher, tracker, {}))["facilities"]
    assert all("werk" in service.get_knowledge_base().facilities[f].topics for f in facilities)


async def test_an_unknown_municipality_is_said_honestly_and_gets_national_help(dispatcher):
    question = ("ik zorg voor mijn vader", ["mantelzorg"])
    events = await ActionSetGemeente().run(dispatcher, inform("enschede", question=question), {})
    slots = slot_values(events)
    assert slots["gemeente"] is None and slots["gemeente_onbekend"] == "Enschede"
    assert responses(dispatcher)[0] == "utter_gemeente_unknown"
    assert dispatcher.messages[0]["gemeente_naam"] == "Enschede"
    assert all(f.startswith("national-") for f in slots["facilities"])


async def test_without_a_municipality_in_the_message_it_asks_where_the_resident_lives(dispatcher):
    tracker = make_tracker("ik woon ergens anders", "inform_gemeente", triage_dict("inform_gemeente", []))
    assert await ActionSetGemeente().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_ask_gemeente"]


async def test_a_place_with_what_the_resident_looks_for_is_answered_at_once(dispatcher):
    """ "jongerenwerk in hengelo?" is read as a place; the facility it names is the answer,
    not "Wat is uw vraag?"."""
    tracker = make_tracker(
        "jongerenwerk in hengelo?",
        "inform_gemeente",
        triage_dict("inform_gemeente", []),
        {"gemeente": "almelo"},
        gemeente_mention={"name": "hengelo", "strong": True},
    )
    events = await ActionSetGemeente().run(dispatcher, tracker, {})
    slots = slot_values(events)
    assert slots["gemeente"] == "hengelo"
    assert responses(dispatcher)[:2] == ["utter_gemeente_set", "utter_topic_jeugd"]
    assert slots["facilities"][0] == "hengelo-jongerenwerk"


def help_question(text, mention):
    from actions.help_question import ActionAnswerHelpQuestion  # noqa: F401 (the action under test)

    return make_tracker(
        text,
        "ask_mantelzorg",
        triage_dict("ask_mantelzorg", ["mantelzorg"]),
        {"gemeente": "almelo"},
        gemeente_mention=mention,
    )


async def test_a_writer_asking_for_someone_else_keeps_the_pages_municipality(dispatcher):
    """ "Mijn moeder woont in Almelo; ik woon zelf in Nijmegen": the help is needed in Almelo."""
    from actions.help_question import ActionAnswerHelpQuestion

    tracker = help_question(
        "mijn moeder woont in Almelo, ik woon zelf in Nijmegen. Wat is er voor mantelzorgers?",
        {"name": "Nijmegen", "strong": True, "on_behalf": True},
    )
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    slots = slot_values(events)
    assert "gemeente_onbekend" not in slots and "utter_gemeente_unknown_national" not in responses(dispatcher)
    assert slots["facilities"][0].startswith("almelo-")


async def test_a_neighbourhood_name_keeps_the_pages_municipality(dispatcher):
    """ "woon in Kerkelanden": no municipality, so no "Over de gemeente Kerkelanden ..."."""
    from actions.help_question import ActionAnswerHelpQuestion

    tracker = help_question("ik zorg voor mijn man, woon in Kerkelanden", {"name": "Kerkelanden", "strong": False})
    events = await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    assert "utter_gemeente_unknown_national" not in responses(dispatcher)
    assert slot_values(events)["facilities"][0].startswith("almelo-")
