import datetime as dt

from handoff.deadlines import deadline

MONDAY = dt.date(2026, 11, 23)


def test_debts_get_the_legal_first_conversation_within_four_weeks():
    due = deadline(["schulden"], [], MONDAY)
    assert due.respond_by == dt.date(2026, 12, 21)
    assert due.sentence == "Bij schulden heeft u binnen 4 weken een eerste gesprek: uiterlijk op 21-12-2026. Dat staat in de wet."


def test_eviction_energy_or_insurance_threats_get_three_working_days():
    for threat in ("dreigende huisuitzetting", "afsluiting van energie of water", "zorgverzekering opgezegd"):
        due = deadline(["schulden", "werk"], [threat], MONDAY)
        assert due.respond_by == dt.date(2026, 11, 26)
        assert "binnen 3 werkdagen" in due.sentence


def test_a_bailiff_alone_is_urgent_but_not_a_legal_three_day_case():
    assert deadline(["schulden"], ["beslag of deurwaarder"], MONDAY).respond_by == dt.date(2026, 12, 21)


def test_other_topics_get_no_invented_term():
    due = deadline(["mantelzorg"], [], MONDAY)
    assert due.respond_by is None
    assert "geen vaste termijn" in due.sentence
