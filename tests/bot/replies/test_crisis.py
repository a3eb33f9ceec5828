import pytest

from bot.replies.crisis import crisis_reply
from knowledge_base import gemeenten

ALMELO = gemeenten.get("almelo")


def joined(kinds, language="nl"):
    return "\n".join(crisis_reply(kinds, language, ALMELO))


def test_suicide_answer_gives_113_numbers_and_112():
    text = joined(["suicide"])
    assert "113" in text and "0800-0113" in text
    assert "112" in text


def test_violence_answer_gives_veilig_thuis_and_kindertelefoon():
    text = joined(["violence"])
    assert "0800-2000" in text
    assert "Kindertelefoon" in text


def test_homeless_answer_gives_the_municipality_number():
    text = joined(["homeless"])
    assert "14 0546" in text and "Almelo" in text


def test_crisis_without_a_known_kind_checks_in_and_gives_every_national_number():
    text = joined([])
    assert text.startswith("Ik wil even zeker weten")
    for number in ("112", "0800-0113", "0800-2000"):
        assert number in text


def test_crisis_with_a_known_kind_says_it_is_serious():
    assert joined(["suicide"]).startswith("Wat u schrijft klinkt ernstig")


@pytest.mark.parametrize("language", ["en", "tr", "pl", "ar"])
def test_other_languages_get_all_numbers_in_their_language(language):
    text = joined(["suicide"], language)
    for number in ("112", "0800-0113", "0800-2000"):
        assert number in text
    assert "Wat u schrijft" not in text
