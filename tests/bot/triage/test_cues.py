import pytest
import yaml

from bot.triage import cues
from bot.triage.cues import CUES_FILE, cue_hits, cued_topic
from core.topics import HELP_TOPICS


def test_every_help_topic_has_cues_and_no_cue_belongs_to_two_topics():
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))["cues"]
    assert sorted(data) == sorted(HELP_TOPICS)
    seen = [cue for topic in data.values() for cue in topic]
    assert all(topic for topic in data.values())
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Ik open de brievenbus al weken niet meer. Mijn vriend denkt dat ik slordig ben.", "schulden"),
        ("ik heb alleen maar afwijzingen gehad dit jaar", "werk"),
        ("Elke ochtend moet ik mijn vader uit bed helpen voordat ik zelf kan ontbijten", "mantelzorg"),
        ("Onze dochter WEIGERT NAAR SCHOOL te gaan sinds de herfstvakantie", "jeugd"),
    ],
)
def test_a_cue_points_at_its_topic_whatever_the_case(text, topic):
    assert cued_topic(text) == topic


def test_a_wildcard_stands_for_any_ending_of_the_last_word_only():
    assert cue_hits("alleen maar afwijzingen")["werk"] == 1
    assert cue_hits("alleen maar afwijzing")["werk"] == 1
    # the words must be adjacent and whole: no cue inside a longer word
    assert cue_hits("alleen maar een afwijzing")["werk"] == 0
    assert cue_hits("ik kom niet rondom het huis")["schulden"] == 0


def test_a_wildcard_stands_for_an_ending_not_for_a_compound():
    assert cued_topic("Ik zorg voor mijn schoonmoeder sinds haar val") == "mantelzorg"
    assert cued_topic("de zorgverzekering voor mijn vrouw is te duur") is None


@pytest.mark.parametrize("mine", ["mijn", "m'n", "mn", "M'N"])
def test_chat_spellings_of_mijn_are_mijn(mine):
    assert cued_topic(f"ik zorg voor {mine} moeder en kan niet meer") == "mantelzorg"


def test_the_words_of_a_cue_must_be_in_one_sentence():
    assert cued_topic("ik kom niet rond") == "schulden"
    assert cued_topic("ik kom niet. rond half negen ben ik thuis") is None


def test_cues_of_two_topics_point_at_none():
    text = "mijn werkcoach belt steeds en mijn peuter huilt de hele dag"
    hits = cue_hits(text)
    assert hits["werk"] and hits["jeugd"]
    assert cued_topic(text) is None


def test_an_ordinary_sentence_has_no_cue():
    assert cued_topic("Goedemiddag, ik heb een vraag over het ophalen van grofvuil.") is None


def test_the_cue_file_is_read_on_first_use_not_at_import():
    cues._compiled.cache_clear()
    assert cues._compiled.cache_info().currsize == 0
    cued_topic("mijn ww is bijna op")
    assert cues._compiled.cache_info().currsize == 1
