from itertools import combinations

import pytest

from bot.nlu.reading import Reading
from bot.triage.topics import Thresholds, gated_ranking, lexicon_hits, triage
from core.topics import topic_intent, topics_of_intent

TOPICS_NONE = {"mantelzorg": 0.02, "schulden": 0.02, "jeugd": 0.02, "werk": 0.02}


def reading(ranking, topics=None, crisis=0.0):
    return Reading.of(dict(ranking), {**TOPICS_NONE, **(topics or {})}, crisis)


def test_topic_intent_names_are_sorted_and_reversible():
    assert topic_intent(["werk", "schulden"]) == "ask_schulden+ask_werk"
    assert topics_of_intent("ask_schulden+ask_werk") == ["schulden", "werk"]
    assert topics_of_intent("greet") == []
    assert topics_of_intent(None) == []


def test_a_topic_the_topic_reader_is_sure_of_is_the_answer():
    result = triage("ik heb een brief van de deurwaarder", reading([("ask_schulden", 0.9)], {"schulden": 0.97}))
    assert result.intent == "ask_schulden"
    assert result.topics == ["schulden"]


def test_a_household_with_two_problems_gets_both_topics():
    text = "ik heb schulden en zorg ook voor mijn zieke moeder"
    result = triage(
        text, reading([("ask_schulden", 0.6), ("ask_mantelzorg", 0.3)], {"schulden": 0.95, "mantelzorg": 0.8})
    )
    assert result.topics == ["mantelzorg", "schulden"]
    assert result.intent == "ask_mantelzorg+ask_schulden"


def test_three_topics_keep_all_topics_and_name_the_two_most_probable_in_the_intent():
    text = "ik heb schulden en zorg voor mijn moeder en ik ben werkloos"
    result = triage(
        text, reading([("ask_mantelzorg+ask_schulden", 0.6)], {"schulden": 0.99, "mantelzorg": 0.9, "werk": 0.7})
    )
    assert result.topics == ["mantelzorg", "schulden", "werk"]
    assert result.intent == "ask_mantelzorg+ask_schulden"


def test_a_pair_intent_without_a_sure_second_topic_is_narrowed():
    text = "ik trek het niet meer met de zorg voor mijn man"
    result = triage(text, reading([("ask_jeugd+ask_mantelzorg", 0.6)], {"mantelzorg": 0.9, "jeugd": 0.2}))
    assert result.topics == ["mantelzorg"]
    assert result.intent == "ask_mantelzorg"


def test_crisis_rules_override_the_readers():
    result = triage("ik wil er niet meer zijn", reading([("ask_mantelzorg", 0.95)], {"mantelzorg": 0.9}))
    assert result.intent == "crisis"
    assert result.topics[0] == "crisis"
    assert result.crisis_kinds == ["suicide"]


def test_the_crisis_reader_alone_counts_as_a_crisis():
    result = triage("het is allemaal zo zwaar", reading([("ask_mantelzorg", 0.6)], {"mantelzorg": 0.7}, crisis=0.8))
    assert result.intent == "crisis"
    assert result.topics == ["crisis", "mantelzorg"]
    assert result.crisis_kinds == []


def test_the_intent_readers_crisis_guess_alone_counts_as_a_crisis():
    result = triage("het is allemaal zo zwaar", reading([("crisis", 0.5), ("ask_mantelzorg", 0.4)], crisis=0.1))
    assert result.intent == "crisis"


def test_a_low_crisis_probability_is_no_crisis():
    result = triage(
        "ik schaam me kapot voor die brieven", reading([("ask_schulden", 0.8)], {"schulden": 0.9}, crisis=0.2)
    )
    assert result.intent == "ask_schulden"


def test_a_crisis_guess_below_the_threshold_does_not_hide_the_help_question():
    """A worried story lends the crisis intent 0.3-0.45: once it is no crisis, the help
    question is read from the rest of the ranking instead of asking "Bedoelt u ...?"."""
    result = triage(
        "ik ben al drie jaar thuis sinds ik ziek werd en niemand zit op mij te wachten",
        reading([("crisis", 0.42), ("ask_werk", 0.37), ("ask_jeugd", 0.08)], {"werk": 0.5}, crisis=0.1),
    )
    assert (result.intent, result.topics) == ("ask_werk", ["werk"])


def test_a_crisis_guess_between_fallback_and_crisis_threshold_is_no_crisis_answer():
    """Before, 0.45-0.5 on the crisis intent returned the intent "crisis" without the
    triage having read a crisis (a refused bank card and a blue envelope got the crisis check)."""
    result = triage(
        "mijn pinpas wordt steeds geweigerd",
        reading([("crisis", 0.46), ("ask_schulden", 0.32), ("out_of_scope", 0.11)], {"schulden": 0.6}, crisis=0.1),
    )
    assert (result.intent, result.topics) == ("ask_schulden", ["schulden"])


UNSURE = [("ask_jeugd", 0.3), ("ask_schulden", 0.2), ("deny", 0.2), ("greet", 0.15), ("ask_werk", 0.15)]


@pytest.mark.parametrize(
    "text", ["kan iemand mij helpen met mijn situatie", "ik weet niet meer wat ik moet doen", "ik heb hulp nodig"]
)
def test_a_short_plea_for_help_without_a_subject_guesses_no_topic(text):
    """The resident chooses from the "Bedoelt u ...?" buttons instead of getting the
    facilities of a topic the readers barely see."""
    result = triage(
        text,
        reading(UNSURE, {"jeugd": 0.1, "schulden": 0.2}),
    )
    assert (result.intent, result.topics) == ("nlu_fallback", [])
    assert result.candidates[:2] == ["ask_schulden", "ask_jeugd"]


def test_an_unsure_story_is_answered_with_its_most_probable_topic():
    result = triage(
        "Ons kind van 3 heeft elke dag driftbuien die een uur duren en ik heb het gevoel dat ik tekortschiet",
        reading(UNSURE, {"jeugd": 0.24}),
    )
    assert (result.intent, result.topics) == ("nlu_fallback", ["jeugd"])


def test_an_indirect_cue_gives_the_topic_when_the_readers_are_unsure():
    """ "Ik open de brievenbus al weken niet meer": the readers gave schulden 0.34 and the
    resident got nothing but the crisis check-in or "Bedoelt u ...?"."""
    result = triage(
        "Ik open de brievenbus al weken niet meer. Mijn vriend denkt dat ik gewoon slordig ben.",
        reading(UNSURE, {"schulden": 0.34, "jeugd": 0.1}),
    )
    assert (result.intent, result.topics) == ("ask_schulden", ["schulden"])


def test_an_indirect_cue_overrules_the_intent_readers_guess_when_the_topic_reader_leans_to_the_cue():
    """A grandson of 24 without a job: the intent reader said jeugd, the topic reader gave
    werk 0.29 and jeugd 0.18."""
    result = triage(
        "Mijn kleinzoon heeft alleen maar afwijzingen gehad sinds zijn studie. Kan iemand hem begeleiden?",
        reading([("ask_jeugd", 0.5), ("ask_werk", 0.3)], {"jeugd": 0.18, "werk": 0.29}),
    )
    assert result.topics == ["werk"]


def test_an_indirect_cue_does_not_overrule_a_reader_that_leans_to_another_topic():
    result = triage(
        "Ik zorg voor mijn vrouw maar de zorgverzekering en de eigen bijdrage kan ik niet meer betalen",
        reading([("ask_schulden", 0.5)], {"schulden": 0.45, "mantelzorg": 0.2}),
    )
    assert result.topics == ["schulden"]


def test_an_indirect_cue_gives_no_youth_help_for_a_grown_up_son():
    result = triage(
        "Onze zoon van 34 zit te gamen op zijn kamer, de hele dag, en wij raken op",
        reading([("ask_mantelzorg", 0.5)], {"mantelzorg": 0.3, "jeugd": 0.1}),
    )
    assert result.topics == ["mantelzorg"]


def test_an_indirect_cue_does_not_overrule_a_topic_the_reader_leans_to():
    result = triage(
        "Mijn zoon zit alleen maar te gamen en heeft alleen maar afwijzingen gehad voor een bijbaan",
        reading([("ask_jeugd", 0.6)], {"jeugd": 0.55}),
    )
    assert result.topics == ["jeugd"]


def test_a_short_message_with_an_indirect_cue_is_answered_instead_of_asked_about():
    result = triage("ik heb alleen maar afwijzingen", reading(UNSURE, {"werk": 0.05}))
    assert (result.intent, result.topics) == ("ask_werk", ["werk"])


def test_a_crisis_the_readers_saw_continues_with_the_topic_of_an_indirect_cue():
    """The carer's night without the words: no topic at 0.35, but "medicijnen klaarzetten"."""
    result = triage(
        "Mijn dagen bestaan uit medicijnen klaarzetten, wassen en naar afspraken rijden. Ik kan niet meer.",
        reading([("crisis", 0.7)], {"mantelzorg": 0.08}, crisis=0.8),
    )
    assert result.topics == ["crisis", "mantelzorg"]


def test_caring_for_a_grown_up_son_is_not_youth_help():
    result = triage(
        "onze zoon van 34 heeft een ernstige verstandelijke beperking en woont nog thuis, wij raken op",
        reading([("ask_jeugd+ask_mantelzorg", 0.8)], {"mantelzorg": 0.9, "jeugd": 0.75}),
    )
    assert (result.intent, result.topics) == ("ask_mantelzorg", ["mantelzorg"])


@pytest.mark.parametrize(
    "text",
    [
        "onze zoon van 14 heeft een beperking en wij raken op",
        "mijn zoon van 34 woont thuis en zijn kinderen ook, wij raken op",
        "mijn dochter van 19 heeft een beperking en wij raken op",  # youth help can last until 23
    ],
)
def test_a_minor_or_young_adult_child_keeps_youth_help(text):
    result = triage(text, reading([("ask_jeugd+ask_mantelzorg", 0.8)], {"mantelzorg": 0.9, "jeugd": 0.75}))
    assert result.topics == ["mantelzorg", "jeugd"]


def test_a_guess_of_youth_help_for_a_grown_up_grandson_becomes_the_topic_his_words_name():
    """A grandparent about a grandson of 24 without work: the readers lean to youth help
    ("kleinzoon", "jonge mensen") without being sure; the grandson is an adult, and his need
    is work (kb_blind21 and kb_blind24 each had one)."""
    text = (
        "Mijn kleinzoon van 24 woont bij mij in. Hij zit al een jaar zonder werk en ligt tot de middag in bed. "
        "Heeft de gemeente iets voor jonge mensen zoals hij?"
    )
    result = triage(
        text,
        reading([("ask_jeugd", 0.4), ("ask_mantelzorg", 0.3), ("ask_werk", 0.2)], {"jeugd": 0.4, "mantelzorg": 0.3}),
    )
    assert result.topics == ["werk"]


def test_youth_help_the_readers_are_sure_of_for_a_grown_up_grandson_becomes_his_topic():
    text = "Onze kleinzoon van 23 woont bij ons. Hij komt de deur niet uit en zoekt geen werk of opleiding."
    result = triage(text, reading([("ask_jeugd", 0.8)], {"jeugd": 0.85, "werk": 0.2}))
    assert (result.intent, result.topics) == ("ask_werk", ["werk"])


def test_a_guess_of_youth_help_for_a_young_grandson_stays_youth_help():
    text = "Mijn kleinzoon van 15 woont bij mij in en wil niet meer naar school. Heeft de gemeente iets voor hem?"
    result = triage(text, reading([("ask_jeugd", 0.4), ("ask_mantelzorg", 0.3)], {"jeugd": 0.4, "mantelzorg": 0.3}))
    assert result.topics == ["jeugd"]


def test_a_crisis_only_the_readers_saw_continues_with_the_topic_they_lean_to():
    """The calm check-in is followed by an answer: a carer's night told as despair still
    gets the mantelzorg facilities."""
    result = triage(
        "mijn vrouw herkent me soms niet meer en ik slaap al maanden niet",
        reading([("crisis", 0.6), ("ask_mantelzorg", 0.3)], {"mantelzorg": 0.59, "jeugd": 0.31}, crisis=0.7),
    )
    assert (result.intent, result.topics, result.crisis_kinds) == ("crisis", ["crisis", "mantelzorg"], [])


def test_a_crisis_only_the_readers_saw_continues_with_a_topic_they_lean_to_less_strongly():
    """ "Ik heb al drie jaar geen avond meer voor mezelf gehad. Sinds Henk niet meer alleen
    kan blijven, ga ik nergens meer heen.": mantelzorg at 0.46 still gets its facilities
    after the check-in."""
    result = triage(
        "Ik heb al drie jaar geen avond meer voor mezelf gehad. Sinds Henk niet meer alleen kan blijven, ga ik nergens meer heen.",
        reading([("crisis", 0.6), ("ask_mantelzorg", 0.3)], {"mantelzorg": 0.46}, crisis=0.43),
        Thresholds(crisis=0.5),
    )
    assert result.topics == ["crisis", "mantelzorg"]


def test_a_crisis_the_readers_saw_without_a_leaning_topic_has_no_help_topic():
    result = triage("ik zie het allemaal niet meer zitten", reading([("crisis", 0.8)], {"mantelzorg": 0.3}, crisis=0.9))
    assert result.topics == ["crisis"]


def test_crisis_keeps_the_help_topics_the_topic_reader_is_sure_of():
    result = triage("door mijn schulden wil ik niet meer leven", reading([("crisis", 0.9)], {"schulden": 0.8}))
    assert result.topics == ["crisis", "schulden"]


def test_a_topic_the_reader_leans_to_without_being_sure_is_offered_as_well():
    """ "ik sta om zes uur op om mijn zoon met een beperking te helpen, daarna naar mijn werk":
    werk is sure, mantelzorg is not, but the answer should not leave it out."""
    result = triage(
        "ik sta om zes uur op om mijn zoon met een beperking te helpen, daarna naar mijn werk",
        reading([("ask_werk", 0.7)], {"werk": 0.72, "mantelzorg": 0.39, "jeugd": 0.24, "schulden": 0.17}),
    )
    assert (result.topics, result.also) == (["werk"], ["mantelzorg"])


def test_only_the_most_probable_unsure_topic_is_offered_as_well():
    result = triage(
        "ik heb een vraag over mijn situatie thuis en het geld",
        reading([("ask_jeugd", 0.8)], {"jeugd": 0.9, "schulden": 0.5, "werk": 0.45, "mantelzorg": 0.36}),
    )
    assert (result.topics, result.also) == (["jeugd"], ["schulden"])


@pytest.mark.parametrize("second", [0.2, 0.34])
def test_a_topic_the_reader_barely_considers_is_not_offered(second):
    result = triage(
        "mijn zoon van 8 wil niet naar school", reading([("ask_jeugd", 0.9)], {"jeugd": 0.95, "werk": second})
    )
    assert (result.topics, result.also) == (["jeugd"], [])


def test_a_sure_second_topic_is_one_of_the_topics_not_an_extra():
    result = triage(
        "ik heb schulden en zorg ook voor mijn zieke moeder",
        reading([("ask_schulden", 0.6)], {"schulden": 0.95, "mantelzorg": 0.8}),
    )
    assert (result.topics, result.also) == (["mantelzorg", "schulden"], [])


def test_the_extra_topic_follows_a_confident_intent_without_a_sure_topic():
    result = triage("hoe zit dat met mijn uitkering", reading([("ask_werk", 0.8)], {"werk": 0.5, "schulden": 0.4}))
    assert (result.topics, result.also) == (["werk"], ["schulden"])


def test_crisis_and_unsure_questions_get_no_extra_topic():
    crisis = triage(
        "ik wil er niet meer zijn", reading([("ask_mantelzorg", 0.95)], {"mantelzorg": 0.9, "schulden": 0.5})
    )
    unsure = triage(
        "ik weet het niet goed",
        reading(
            [("ask_werk", 0.3), ("ask_schulden", 0.25), ("greet", 0.25), ("ask_jeugd", 0.2)],
            {"werk": 0.4, "schulden": 0.36},
        ),
    )
    assert unsure.intent == "nlu_fallback"
    assert crisis.also == [] and unsure.also == []


def test_the_extra_topic_threshold_comes_from_the_configuration():
    result = triage(
        "hoe zit dat met mijn uitkering",
        reading([("ask_werk", 0.8)], {"werk": 0.5, "schulden": 0.4}),
        Thresholds(also_topic=0.45),
    )
    assert result.also == []


def test_unclear_help_question_becomes_fallback_with_the_most_probable_topics():
    result = triage(
        "ik weet het niet goed",
        reading(
            [("ask_werk", 0.3), ("ask_schulden", 0.25), ("greet", 0.2), ("ask_jeugd", 0.15), ("ask_mantelzorg", 0.1)],
            {"werk": 0.4, "schulden": 0.35, "jeugd": 0.3, "mantelzorg": 0.1},
        ),
        Thresholds(fallback=0.45),
    )
    assert result.intent == "nlu_fallback"
    assert result.candidates == ["ask_werk", "ask_schulden", "ask_jeugd"]


def test_a_confident_intent_without_a_sure_topic_answers_the_intents_topic():
    result = triage("hoe zit dat met mijn uitkering", reading([("ask_werk", 0.8)], {"werk": 0.5}))
    assert result.intent == "ask_werk"
    assert result.topics == ["werk"]


def test_greeting_before_a_long_question_is_not_the_point():
    text = "Hoi! Ik ben net begonnen met zorgen voor mijn oma en ik weet niet waar ik moet beginnen"
    result = triage(text, reading([("greet", 0.6), ("ask_mantelzorg", 0.3)], {"mantelzorg": 0.9}))
    assert result.topics == ["mantelzorg"]
    assert result.intent == "ask_mantelzorg"


def test_short_greeting_stays_a_greeting():
    result = triage("hoi", reading([("greet", 0.9), ("ask_mantelzorg", 0.05)]))
    assert result.intent == "greet"
    assert result.topics == []


def test_out_of_scope_is_other():
    result = triage("mijn paspoort is verlopen", reading([("out_of_scope", 0.9)]))
    assert result.intent == "out_of_scope"
    assert result.topics == ["other"]


def test_a_help_topic_the_resident_clearly_writes_about_wins_over_out_of_scope():
    text = "de afvalstoffenheffing kan ik echt niet betalen, ik heb al zoveel rekeningen"
    result = triage(text, reading([("out_of_scope", 0.6), ("ask_schulden", 0.3)], {"schulden": 0.9}))
    assert result.intent == "ask_schulden"


def test_follow_up_intents_are_impossible_before_facilities_were_shown():
    text = "mijn moeder viel gisteren, waar moet ik nu heen met de zorg voor haar"
    read = reading([("ask_location", 0.84), ("ask_mantelzorg", 0.1)], {"mantelzorg": 0.7})
    assert triage(text, read, follow_ups=False).topics == ["mantelzorg"]
    assert triage("waar zit dat?", reading([("ask_location", 0.84)]), follow_ups=True).intent == "ask_location"


def test_gated_ranking_drops_follow_ups_and_renormalises():
    ranking = (("ask_location", 0.5), ("ask_werk", 0.3), ("greet", 0.2))
    assert gated_ranking(ranking, follow_ups=False) == [("ask_werk", 0.6), ("greet", 0.4)]
    assert gated_ranking(ranking, follow_ups=True) == list(ranking)


def test_foreign_language_help_question_gets_its_topic_and_other_language_intent():
    result = triage("I have debts I cannot pay", reading([("out_of_scope", 0.7)]))
    assert result.intent == "other_language"
    assert result.language == "en"
    assert result.topics == ["schulden"]


def test_foreign_language_without_topic_is_other():
    result = triage("Hello, do you speak English?", reading([("greet", 0.7)]))
    assert result.topics == ["other"]


def test_foreign_language_crisis_is_a_crisis():
    result = triage("I want to kill myself", reading([("out_of_scope", 0.7)]))
    assert result.intent == "crisis"
    assert result.language == "en"


def test_lexicon_tolerates_common_misspellings():
    hits = lexicon_hits("de deurwaader staat voor de deur en ik krijg aanmaningen")
    assert hits["schulden"] >= 2


def _domain_intents():
    import yaml

    from tests.conftest import ROOT

    intents = set()
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        intents.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("intents", []))
    return intents


def test_every_intent_triage_can_return_is_in_the_domain():
    domain = _domain_intents()
    names = ["ask_mantelzorg", "ask_schulden", "ask_jeugd", "ask_werk"]
    names += ["+".join(p) for p in combinations(sorted(names), 2)]
    names += ["crisis", "out_of_scope", "greet", "deny", "request_human", "ask_cost", "inform_gemeente"]
    texts = ["ik heb schulden, zorg voor mijn moeder, mijn zoon spijbelt en ik zoek werk", "hoi", "???", "I need help"]
    topic_sets = [{}, {"schulden": 0.9}, {"schulden": 0.9, "werk": 0.8, "jeugd": 0.7, "mantelzorg": 0.65}]
    for name in names:
        for conf in (0.2, 0.9):
            for text in texts:
                for topics in topic_sets:
                    for follow_ups in (False, True):
                        result = triage(text, reading([(name, conf)], topics), follow_ups=follow_ups)
                        assert result.intent in domain | {"nlu_fallback"}


def test_message_without_letters_asks_for_the_question_without_guessing():
    for text in ("", "???", "😭😭😭"):
        result = triage(text, reading([("ask_schulden", 0.5)], {"schulden": 0.9}))
        assert result.intent == "nlu_fallback"
        assert result.candidates == [] and result.topics == []


def test_typed_text_starting_with_a_slash_still_gets_the_crisis_rules():
    assert triage("/ik wil dood", reading([("ask_werk", 0.9)])).intent == "crisis"


def test_ordinary_words_do_not_count_as_a_care_diagnosis():
    assert lexicon_hits("als ik werk heb, kan ik dan verhuizen")["mantelzorg"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Mijn zoon van 25 met autisme woont thuis en ik doe alles voor hem",
        "Mijn zoon van 40 heeft schulden en woont weer bij ons, hoe help ik hem?",
    ],
)
def test_a_grown_up_child_gets_no_youth_help_as_the_extra_topic_either(text):
    result = triage(text, reading([("ask_mantelzorg", 0.8)], {"mantelzorg": 0.9, "schulden": 0.3, "jeugd": 0.81}))
    assert "jeugd" not in result.topics and result.also == []
