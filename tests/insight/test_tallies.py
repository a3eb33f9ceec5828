"""What one reply adds to the figures."""

import pytest

from insight.tallies import Tally, category, checked, for_answer


@pytest.mark.parametrize(
    ("outcome", "topics", "expected"),
    [
        ("answered", ["mantelzorg"], "mantelzorg"),
        ("answered", ["schulden", "werk"], "meerdere"),
        ("answered", ["schulden", "schulden"], "schulden"),
        ("answered", [], "niet_begrepen"),
        ("crisis", ["schulden"], "crisis"),
        ("out_of_scope", [], "buiten_bereik"),
        ("other_language", [], "andere_taal"),
        ("not_understood", [], "niet_begrepen"),
    ],
)
def test_a_conversation_is_counted_under_one_category(outcome, topics, expected):
    assert category(outcome, topics) == expected


def test_the_first_answer_counts_the_conversation_and_later_ones_do_not():
    first = for_answer("answered", ["jeugd"], first_in_conversation=True)
    later = for_answer("answered", ["jeugd"])
    assert Tally("conversation", "jeugd") in first and not [t for t in later if t.metric == "conversation"]


def test_how_a_question_was_understood():
    assert for_answer("answered", ["werk"])[0] == Tally("understanding", "direct")
    assert for_answer("answered", ["werk"], after_clarifying=True)[0] == Tally("understanding", "na_bedoelt_u")
    assert for_answer("not_understood")[0] == Tally("understanding", "niet_begrepen")
    assert for_answer("out_of_scope")[0] == Tally("understanding", "direct")


def test_a_facility_shown_twice_in_one_reply_is_counted_once():
    shown = [t for t in for_answer("answered", ["werk"], ["werkplein", "werkplein"]) if t.metric == "facility_shown"]
    assert shown == [Tally("facility_shown", "werkplein")]


def test_hours_to_first_contact_are_whole_hours():
    assert checked(Tally("first_contact_hours", "almelo-kcc", "30"))
    with pytest.raises(ValueError):
        checked(Tally("first_contact_hours", "almelo-kcc", "1.5"))


def test_first_contact_counts_whole_hours_rounded_up_and_marks_a_late_one():
    import datetime as dt

    from insight.tallies import first_contact

    consent = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
    on_time = first_contact("almelo-kcc", consent, dt.date(2026, 12, 4), consent + dt.timedelta(hours=26, minutes=1))
    assert on_time == [Tally("first_contact_hours", "almelo-kcc", "27")]
    late = first_contact(
        "almelo-kcc", consent, dt.date(2026, 12, 4), dt.datetime(2026, 12, 5, 8, 0, tzinfo=dt.timezone.utc)
    )
    assert Tally("first_contact_overdue", "almelo-kcc") in late
    # 23:30 UTC on the 4th is already the 5th in the Netherlands
    at_midnight = first_contact(
        "almelo-kcc", consent, dt.date(2026, 12, 4), dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.timezone.utc)
    )
    assert Tally("first_contact_overdue", "almelo-kcc") in at_midnight
