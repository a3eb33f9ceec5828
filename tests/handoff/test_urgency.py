import json
from pathlib import Path

import pytest

from handoff.urgency import CARER_OVERLOAD, signals


@pytest.mark.parametrize(
    "text, reason",
    [
        ("de deurwaarder stond vanochtend aan de deur", "beslag of deurwaarder"),
        ("er ligt beslag op mijn loon", "beslag of deurwaarder"),
        ("de woningcorporatie dreigt met huisuitzetting", "dreigende huisuitzetting"),
        ("volgende week worden we uit ons huis gezet", "dreigende huisuitzetting"),
        ("ze dreigen de stroom af te sluiten", "afsluiting van energie of water"),
        ("het water is afgesloten", "afsluiting van energie of water"),
        ("mijn zorgverzekering is opgezegd", "zorgverzekering opgezegd"),
        ("mijn kinderen zijn thuis niet veilig", "kind in gevaar"),
    ],
)
def test_threats_that_make_a_handoff_urgent_are_recognised(text, reason):
    assert reason in signals([text])


def test_ordinary_questions_are_not_urgent():
    assert signals(["ik zorg voor mijn moeder", "ik zoek werk", "mijn zoon spijbelt", "ik wil leren budgetteren"]) == []


# -- an overloaded carer (overbelaste mantelzorger) -----------------------------------------

#: 120 messages by an author who had not seen the rules: 60 carers who cannot cope any more,
#: and 60 that must not count (the same words about something else, carers who cope, overload
#: that is not about caring). First run: 21 of 60 found, 0 of 60 false; the rules were widened
#: after it (59 then 60 of 60, still 0 false).
CARER_SENTENCES = [
    json.loads(line)
    for line in (Path(__file__).parent / "carer_overload.jsonl").read_text(encoding="utf-8").splitlines()
]


@pytest.mark.parametrize("row", [r for r in CARER_SENTENCES if r["fire"]], ids=lambda r: r["text"][:50])
def test_a_carer_who_cannot_cope_any_more_is_urgent(row):
    assert CARER_OVERLOAD in signals([row["text"]])


@pytest.mark.parametrize(
    "row", [r for r in CARER_SENTENCES if not r["fire"]], ids=lambda r: f"{r['why']}:{r['text'][:45]}"
)
def test_the_same_words_about_something_else_are_not_carer_overload(row):
    assert CARER_OVERLOAD not in signals([row["text"]])


@pytest.mark.parametrize(
    "texts",
    [
        ["ik zorg voor mijn vrouw met alzheimer", "ik red het niet meer alleen"],
        ["mijn moeder heeft dementie en woont bij ons", "ik kan niet meer"],
        ["ik doe alles voor mijn moeder en kan niet meer"],
        ["ik ben mantelzorger voor mijn man", "ik ben op"],
    ],
)
def test_the_care_and_the_overload_may_be_in_different_messages(texts):
    assert CARER_OVERLOAD in signals(texts)


@pytest.mark.parametrize(
    "text",
    [
        "ik kan niet meer wachten op de bus",
        "ik kan niet meer inloggen",
        "ik ben op zoek naar werk",
        "ik red het niet op tijd",
        "ik kan niet meer van de stress op mijn werk",
        "de schulden worden me te veel",
    ],
)
def test_without_care_for_someone_overload_words_are_no_carer_overload(text):
    assert CARER_OVERLOAD not in signals([text])


def test_the_fire_and_no_fire_sets_have_at_least_forty_each():
    assert sum(r["fire"] for r in CARER_SENTENCES) >= 40 and sum(not r["fire"] for r in CARER_SENTENCES) >= 40
