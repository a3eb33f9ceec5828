import re

import pytest

from handoff.summary import Contact, Summary, facts


def test_facts_name_who_needs_care_ages_of_children_and_kinds_of_debts():
    found = facts(
        [
            "ik zorg voor mijn zieke moeder en mijn zoon van 14 spijbelt",
            "de deurwaarder komt voor de huurachterstand en de energierekening",
        ]
    )
    assert found == ["zorgt voor: moeder", "zoon van 14 jaar", "soort schulden of rekeningen: huur, energie"]


def test_no_facts_are_invented_from_an_ordinary_question():
    assert facts(["ik zoek werk"]) == []


def test_the_resident_sees_everything_that_will_be_sent():
    summary = Summary(
        gemeente="Almelo",
        team="Klantcontactcentrum (KCC) van de gemeente",
        topics=["schulden"],
        question="de deurwaarder staat aan de deur",
        facts=["soort schulden of rekeningen: huur"],
        urgency=["beslag of deurwaarder"],
        suggested=["Stadsbank (schuldhulpverlening)"],
        contact=Contact("Fatma", "telefoon", phone="+31612345678", moment="dinsdagochtend", postcode="7607 AB"),
    )
    assert summary.for_resident() == "\n".join(
        [
            "Dit stuur ik naar Klantcontactcentrum (KCC) van de gemeente:",
            "- Onderwerp: geldzorgen",
            '- Uw vraag: "de deurwaarder staat aan de deur"',
            "- Wat ik verder begreep: soort schulden of rekeningen: huur",
            "- Dringend: beslag of deurwaarder",
            "- Wat ik al heb genoemd: Stadsbank (schuldhulpverlening)",
            "- Naam: Fatma",
            "- Contact: bellen naar 06 12345678, het liefst dinsdagochtend",
            "- Postcode: 7607 AB",
        ]
    )


def test_contact_by_e_mail_or_chat_is_described():
    assert Contact("Jan", "e-mail", email="jan@voorbeeld.nl").describe() == "e-mail naar jan@voorbeeld.nl"
    assert (
        Contact("Jan", "chat", moment="maakt niet uit").describe()
        == "een WhatsApp-bericht naar het nummer waarmee u nu appt"
    )


# -- connecting phrases never repeat what the resident wrote --------------------------------

MOMENTS = [
    ("dinsdagochtend", "het liefst dinsdagochtend"),
    ("liefst 's ochtends", "het liefst 's ochtends"),
    ("het liefst 's middags", "het liefst 's middags"),
    ("Liefst na 15 uur", "het liefst na 15 uur"),
    ("bij voorkeur na 15 uur", "het liefst na 15 uur"),
    ("graag 's avonds", "het liefst 's avonds"),
    ("graag het liefst op maandag", "het liefst op maandag"),
    ("voorkeur: woensdag", "het liefst woensdag"),
    ("als het kan voor 12 uur", "het liefst voor 12 uur"),
    ("'s ochtends het liefst", "het liefst 's ochtends"),
    ("na 15 uur graag", "het liefst na 15 uur"),
    ("best in de middag", "het liefst in de middag"),
    ("maakt niet uit", ""),
    ("liefst", ""),
]


@pytest.mark.parametrize("moment,said", MOMENTS)
def test_the_moment_is_said_once_whatever_words_the_resident_put_around_it(moment, said):
    from handoff.summary import preferred_moment

    assert preferred_moment(moment) == said


@pytest.mark.parametrize("moment", [m for m, _ in MOMENTS])
def test_the_contact_line_never_repeats_a_word(moment):
    line = Contact("Fatma", "telefoon", phone="+31612345678", moment=moment).describe()
    words = re.findall(r"[\w']+", line.lower())
    assert not [a for a, b in zip(words, words[1:]) if a == b]
    assert line.count("liefst") <= 1
