from bot.triage.topics import (
    Thresholds,
    lexicon_hits,
    topic_intent,
    topic_probabilities,
    topics_of_intent,
    triage,
)


def ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


def test_topic_intent_names_are_sorted_and_reversible():
    assert topic_intent(["werk", "schulden"]) == "ask_schulden+ask_werk"
    assert topics_of_intent("ask_schulden+ask_werk") == ["schulden", "werk"]
    assert topics_of_intent("greet") == []
    assert topics_of_intent(None) == []


def test_topic_probabilities_add_single_and_pair_intents():
    probs = topic_probabilities(ranking(("ask_schulden", 0.5), ("ask_mantelzorg+ask_schulden", 0.3), ("greet", 0.2)))
    assert probs["schulden"] == 0.8
    assert probs["mantelzorg"] == 0.3
    assert probs["werk"] == 0.0


def test_confident_single_topic_stays_single():
    result = triage("ik heb een brief van de deurwaarder", ranking(("ask_schulden", 0.9), ("ask_werk", 0.05)))
    assert result.intent == "ask_schulden"
    assert result.topics == ["schulden"]


def test_second_topic_named_in_words_is_added():
    text = "ik heb schulden en zorg ook voor mijn zieke moeder"
    result = triage(text, ranking(("ask_schulden", 0.8), ("ask_mantelzorg", 0.15)))
    assert result.topics == ["mantelzorg", "schulden"]
    assert result.intent == "ask_mantelzorg+ask_schulden"


def test_pair_intent_without_support_for_one_topic_is_narrowed():
    text = "ik trek het niet meer met de zorg voor mijn man"
    result = triage(text, ranking(("ask_jeugd+ask_mantelzorg", 0.6), ("ask_mantelzorg", 0.3), ("ask_jeugd", 0.02)))
    assert result.topics == ["mantelzorg"]


def test_crisis_rules_override_the_classifier():
    result = triage("ik wil er niet meer zijn", ranking(("ask_mantelzorg", 0.95)))
    assert result.intent == "crisis"
    assert result.topics[0] == "crisis"
    assert result.crisis_kinds == ["suicide"]


def test_classifier_crisis_probability_alone_counts_as_crisis():
    result = triage("het is allemaal zo zwaar", ranking(("ask_mantelzorg", 0.6), ("crisis", 0.35)))
    assert result.intent == "crisis"
    assert "crisis" in result.topics


def test_crisis_keeps_a_help_topic_named_in_words():
    result = triage("door mijn schulden wil ik niet meer leven", ranking(("crisis", 0.9), ("ask_schulden", 0.08)))
    assert result.topics == ["crisis", "schulden"]


def test_low_confidence_becomes_fallback_with_up_to_three_candidates():
    result = triage(
        "ik weet het niet goed",
        ranking(("ask_werk", 0.3), ("ask_schulden", 0.25), ("greet", 0.2), ("ask_jeugd", 0.15), ("ask_mantelzorg", 0.1)),
        Thresholds(fallback=0.45),
    )
    assert result.intent == "nlu_fallback"
    assert result.candidates == ["ask_werk", "ask_schulden", "ask_jeugd"]


def test_greeting_before_a_long_question_is_not_the_point():
    text = "Hoi! Ik ben net begonnen met zorgen voor mijn oma en ik weet niet waar ik moet beginnen"
    result = triage(text, ranking(("greet", 0.6), ("ask_mantelzorg", 0.3)))
    assert result.topics == ["mantelzorg"]


def test_short_greeting_stays_a_greeting():
    result = triage("hoi", ranking(("greet", 0.9), ("ask_mantelzorg", 0.05)))
    assert result.intent == "greet"
    assert result.topics == []


def test_out_of_scope_is_other():
    result = triage("mijn paspoort is verlopen", ranking(("out_of_scope", 0.9)))
    assert result.intent == "out_of_scope"
    assert result.topics == ["other"]


def test_foreign_language_help_question_gets_its_topic_and_other_language_intent():
    result = triage("I have debts I cannot pay", ranking(("out_of_scope", 0.7)))
    assert result.intent == "other_language"
    assert result.language == "en"
    assert result.topics == ["schulden"]


def test_foreign_language_without_topic_is_other():
    result = triage("Hello, do you speak English?", ranking(("greet", 0.7)))
    assert result.topics == ["other"]


def test_foreign_language_crisis_is_a_crisis():
    result = triage("I want to kill myself", ranking(("out_of_scope", 0.7)))
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


def test_three_topics_keep_all_topics_but_use_an_intent_the_domain_knows():
    text = "ik heb schulden en zorg voor mijn moeder en ik ben werkloos"
    result = triage(text, ranking(("ask_mantelzorg+ask_schulden", 0.6), ("ask_werk", 0.2), ("ask_schulden", 0.1)))
    assert result.topics == ["mantelzorg", "schulden", "werk"]
    assert result.intent in _domain_intents()


def test_every_intent_triage_can_return_is_in_the_domain():
    from itertools import combinations

    domain = _domain_intents()
    names = ["ask_mantelzorg", "ask_schulden", "ask_jeugd", "ask_werk"]
    names += ["+".join(p) for p in combinations(sorted(names), 2)]
    names += ["crisis", "out_of_scope", "greet", "deny", "request_human"]
    texts = ["ik heb schulden, zorg voor mijn moeder, mijn zoon spijbelt en ik zoek werk", "hoi", "???", "I need help"]
    for name in names:
        for conf in (0.2, 0.9):
            for text in texts:
                assert triage(text, ranking((name, conf))).intent in domain | {"nlu_fallback"}


def test_message_without_letters_asks_for_the_question_without_guessing():
    for text in ("", "???", "😭😭😭"):
        result = triage(text, ranking(("ask_schulden", 0.5)))
        assert result.intent == "nlu_fallback"
        assert result.candidates == [] and result.topics == []


def test_typed_text_starting_with_a_slash_still_gets_the_crisis_rules():
    assert triage("/ik wil dood", ranking(("ask_werk", 0.9))).intent == "crisis"


def test_ordinary_words_do_not_count_as_a_care_diagnosis():
    assert lexicon_hits("als ik werk heb, kan ik dan verhuizen")["mantelzorg"] == 0
