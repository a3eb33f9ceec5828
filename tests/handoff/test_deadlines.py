import datetime as dt

from handoff.deadlines import deadline

MONDAY = dt.date(2026, 11, 23)


def test_debts_get_the_legal_first_conversation_within_four_weeks():
    due = deadline(["schulden"], [], MONDAY)
    assert due.respond_by == dt.date(2026, 12, 21)
    assert (
        due.sentence
        == "Bij schulden heeft u binnen 4 weken een eerste gesprek: uiterlijk op 21-12-2026. Dat staat in de wet."
    )


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


def test_a_team_promise_is_used_when_there_is_no_legal_term():
    due = deadline(["jeugd"], [], MONDAY, team_days=5)
    assert due.respond_by == dt.date(2026, 11, 30)
    assert due.sentence == "Het team neemt binnen 5 werkdagen contact met u op: uiterlijk op 30-11-2026."


def test_the_earlier_of_the_law_and_the_team_promise_counts():
    assert deadline(["schulden"], [], MONDAY, team_days=10).respond_by == dt.date(2026, 12, 7)
    assert deadline(["schulden"], ["dreigende huisuitzetting"], MONDAY, team_days=10).respond_by == dt.date(
        2026, 11, 26
    )


def test_an_urgent_team_promise_applies_to_urgent_handoffs_only():
    assert deadline(["jeugd"], ["kind in gevaar"], MONDAY, team_days=10, team_urgent_days=1).respond_by == dt.date(
        2026, 11, 24
    )
    assert deadline(["jeugd"], [], MONDAY, team_days=10, team_urgent_days=1).respond_by == dt.date(2026, 12, 7)


def test_an_overloaded_carer_gets_the_teams_urgent_promise():
    due = deadline(["mantelzorg"], ["overbelaste mantelzorger"], MONDAY, team_days=10, team_urgent_days=2)
    assert due.respond_by == dt.date(2026, 11, 25)
    assert due.sentence == "Het team neemt binnen 2 werkdagen contact met u op: uiterlijk op 25-11-2026."


def test_an_overloaded_carer_without_a_team_promise_hears_it_is_marked_urgent_and_no_invented_term():
    due = deadline(["mantelzorg"], ["overbelaste mantelzorger"], MONDAY)
    assert due.respond_by is None
    assert due.sentence.startswith("Ik heb erbij gezet dat het dringend is.") and "geen vaste termijn" in due.sentence
