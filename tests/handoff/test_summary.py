from handoff.summary import Contact, Summary, facts


def test_facts_name_who_needs_care_ages_of_children_and_kinds_of_debts():
    found = facts(["ik zorg voor mijn zieke moeder en mijn zoon van 14 spijbelt",
                   "de deurwaarder komt voor de huurachterstand en de energierekening"])
    assert found == ["zorgt voor: moeder", "zoon van 14 jaar", "soort schulden of rekeningen: huur, energie"]


def test_no_facts_are_invented_from_an_ordinary_question():
    assert facts(["ik zoek werk"]) == []


def test_the_resident_sees_everything_that_will_be_sent():
    summary = Summary(
        gemeente="Almelo", team="Klantcontactcentrum (KCC) van de gemeente", topics=["schulden"],
        question="de deurwaarder staat aan de deur", facts=["soort schulden of rekeningen: huur"],
        urgency=["beslag of deurwaarder"], suggested=["Stadsbank (schuldhulpverlening)"],
        contact=Contact("Fatma", "telefoon", phone="+31612345678", moment="dinsdagochtend", postcode="7607 AB"),
    )
    assert summary.for_resident() == "\n".join([
        "Dit stuur ik naar Klantcontactcentrum (KCC) van de gemeente:",
        "- Onderwerp: geldzorgen",
        '- Uw vraag: "de deurwaarder staat aan de deur"',
        "- Wat ik verder begreep: soort schulden of rekeningen: huur",
        "- Dringend: beslag of deurwaarder",
        "- Wat ik al heb genoemd: Stadsbank (schuldhulpverlening)",
        "- Naam: Fatma",
        "- Contact: bellen naar 06 12345678, het liefst dinsdagochtend",
        "- Postcode: 7607 AB",
    ])


def test_contact_by_e_mail_or_chat_is_described():
    assert Contact("Jan", "e-mail", email="jan@voorbeeld.nl").describe() == "e-mail naar jan@voorbeeld.nl"
    assert Contact("Jan", "chat", moment="maakt niet uit").describe() == "een WhatsApp-bericht naar het nummer waarmee u nu appt"
