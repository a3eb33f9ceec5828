import pytest

from bot.replies.languages import other_language_reply
from knowledge_base import gemeenten


@pytest.mark.parametrize("language", ["en", "tr", "pl", "ar"])
def test_reply_in_other_language_points_to_the_municipality_number(language):
    reply = other_language_reply(language, gemeenten.get("almere"))
    assert "14 036" in reply
    for number in ("112", "113", "0800-2000"):
        assert number in reply


def test_unknown_language_falls_back_to_english():
    assert "Dutch" in other_language_reply("fr", gemeenten.get("almere"))
