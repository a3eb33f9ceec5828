import pytest

from handoff.urgency import signals


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
