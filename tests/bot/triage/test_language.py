import pytest

from bot.triage.language import guess


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hello, do you speak English?", "en"),
        ("I have debts I cannot pay", "en"),
        ("my mother needs care and I am tired", "en"),
        ("Merhaba, borçlarım var yardım istiyorum", "tr"),
        ("Türkçe konuşan biri var mı", "tr"),
        ("Dzień dobry, potrzebuję pomocy", "pl"),
        ("nie wiem co robić z długami", "pl"),
        ("مرحبا أحتاج مساعدة", "ar"),
    ],
)
def test_other_languages_are_recognised(text, expected):
    assert guess(text).language == expected


@pytest.mark.parametrize(
    "text",
    [
        "hoi",
        "help",
        "ok",
        "schuldhulp?",
        "ik heb schulden",
        "is er iemand die me kan helpen",
        "ben je een robot",
        "ik weet het nie meer",
        "k ben me baan kwijt wat nu",
        "mijn zoon wil niet naar school",
    ],
)
def test_short_and_colloquial_dutch_stays_dutch(text):
    assert guess(text).language == "nl"
