"""What is sent, field by field (open_klant/mapping.py)."""

import datetime as dt

import pytest

from handoff.models import Handoff
from open_klant import mapping


@pytest.mark.parametrize(
    "given, sent",
    [
        ("+31612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("0031 6 1234 5678", "+31612345678"),
        ("053-1234567", "+31531234567"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0800-1234567", None),  # Open Klant refuses 0800 and 0900 numbers
        ("0900 123 4567", None),
        ("12345", None),
    ],
)
def test_phone_numbers_are_normalised_to_open_klants_pattern_or_not_at_all(given, sent):
    assert mapping.normalise_phone(given) == sent
    assert sent is None or mapping.PHONE_PATTERN.match(sent)


def test_a_long_text_is_cut_within_the_limit_at_a_word_and_never_inside_a_character():
    assert mapping.cut("kort", 1000) == "kort"
    cut = mapping.cut("woord " * 300, 1000)
    assert len(cut) <= 1000 and cut.endswith("woord…")
    family = "👩\u200d👩\u200d👧"
    cut = mapping.cut("a" * 997 + family, 1000)
    assert len(cut) <= 1000 and "\u200d" not in cut
    accented = mapping.cut("x" * 998 + "e\u0301e\u0301", 1000)
    assert len(accented) <= 1000 and not accented.rstrip("…").endswith("e")  # no accent torn off its letter


def handoff(**values):
    base = dict(
        reference="HW-7K3P-9QXA",
        team_name="KCC",
        topics=["schulden"],
        urgent=False,
        urgency=[],
        question="vraag " * 400,
        summary={"facts": [], "suggested": []},
        contact_name="Fatma",
        contact_method="e-mail",
        contact_email="f@example.nl",
        contact_phone=None,
        contact_moment="maakt niet uit",
        contact_postcode=None,
        channel="socketio",
        created_at=dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc),
        respond_by=None,
    )
    return Handoff(**{**base, **values})


def test_the_inhoud_keeps_the_reference_when_the_summary_is_cut():
    inhoud = mapping.inhoud(handoff())
    assert len(inhoud) <= mapping.INHOUD_MAX and inhoud.startswith("Hulpwijzer-overdracht HW-7K3P-9QXA")


def test_a_phone_number_that_cannot_be_normalised_is_sent_as_overig():
    body = mapping.digitaal_adres(handoff(contact_method="telefoon", contact_phone="0800-1234567"), "b")
    assert body["soortDigitaalAdres"] == "overig" and body["adres"] == "0800-1234567"


def test_an_email_address_longer_than_open_klant_takes_is_not_sent_and_the_task_says_so():
    long_address = "a" * 75 + "@example.nl"
    assert mapping.digitaal_adres(handoff(contact_email=long_address), "b") is None
    assert "te lang voor Open Klant" in mapping.toelichting(handoff(contact_email=long_address))


def test_no_task_promises_a_date_the_resident_was_not_given():
    assert "Geen wettelijke of afgesproken termijn" in mapping.toelichting(handoff())
    assert "Contact uiterlijk 04-12-2026" in mapping.toelichting(handoff(respond_by=dt.date(2026, 12, 4)))
