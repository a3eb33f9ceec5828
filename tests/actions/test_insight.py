"""What the actions add to the municipality's figures: counts from a closed vocabulary,
written after the reply, never anything the resident typed."""

import pytest
from sqlalchemy import select

from actions import insight
from actions.crisis import ActionRespondCrisis
from actions.help_question import ActionAnswerHelpQuestion
from actions.routing import ActionClarifyTopic, ActionRespondOutOfScope
from insight.tables import counts
from tests.actions.conftest import make_tracker, triage_dict, user_event

PERSONAL = "ik ben Fatma Yilmaz, bsn 123456782, 06-12345678, Dorpsstraat 12 7607 AB, en ik heb schulden"


@pytest.fixture
def figures(tmp_path, monkeypatch):
    """The aggregate store in a database of the test's own; a function that reads it."""
    from core.settings import current

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'insight.db'}")
    current.cache_clear()
    insight.get_insight_store.cache_clear()

    async def read():
        await insight.flush()
        with insight.get_insight_store().engine.connect() as connection:
            return {(r.gemeente_id, r.metric, r.key, r.value): r.count for r in connection.execute(select(counts))}

    return read


def debts(text="ik heb schulden", earlier=()):
    return make_tracker(
        text, "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almelo"}, earlier
    )


async def test_a_first_answer_counts_the_conversation_its_understanding_and_the_facilities_shown(dispatcher, figures):
    await ActionAnswerHelpQuestion().run(dispatcher, debts(), {})
    found = await figures()
    assert found[("almelo", "conversation", "schulden", "")] == 1
    assert found[("almelo", "understanding", "direct", "")] == 1
    assert found[("almelo", "facility_shown", "almelo-stadsbank", "")] == 1


async def test_a_second_question_in_the_conversation_does_not_count_the_conversation_again(dispatcher, figures):
    answered = [
        user_event("ik heb schulden", "ask_schulden"),
        {"event": "slot", "name": "help_question", "value": "ik heb schulden"},
    ]
    await ActionAnswerHelpQuestion().run(dispatcher, debts("en de deurwaarder komt", earlier=answered), {})
    found = await figures()
    assert ("almelo", "conversation", "schulden", "") not in found
    assert found[("almelo", "understanding", "direct", "")] == 1


async def test_an_answer_after_bedoelt_u_is_counted_as_understood_after_clarifying(dispatcher, figures):
    clarified = [
        user_event("het gaat niet goed thuis", "nlu_fallback"),
        {"event": "bot", "text": "Bedoelt u …?", "metadata": {"utter_action": "utter_clarify"}},
    ]
    await ActionAnswerHelpQuestion().run(dispatcher, debts("/ask_schulden", earlier=clarified), {})
    assert (await figures())[("almelo", "understanding", "na_bedoelt_u", "")] == 1


async def test_a_question_not_understood_and_an_out_of_scope_one_are_counted_as_such(dispatcher, figures):
    nothing = make_tracker("blablabla", "nlu_fallback", triage_dict("nlu_fallback", []), {"gemeente": "almelo"})
    await ActionClarifyTopic().run(dispatcher, nothing, {})
    weather = make_tracker(
        "wat voor weer wordt het", "out_of_scope", triage_dict("out_of_scope", []), {"gemeente": "almere"}
    )
    await ActionRespondOutOfScope().run(dispatcher, weather, {})
    found = await figures()
    assert found[("almelo", "understanding", "niet_begrepen", "")] == 1
    assert found[("almelo", "conversation", "niet_begrepen", "")] == 1
    assert found[("almere", "conversation", "buiten_bereik", "")] == 1


async def test_a_crisis_is_counted_as_crisis_even_when_the_help_question_is_answered_too(dispatcher, figures):
    tracker = make_tracker(
        "ik zie het niet meer zitten, de schulden worden me te veel",
        "crisis",
        triage_dict("crisis", ["schulden"], crisis_kinds=["suicide"]),
        {"gemeente": "hengelo"},
    )
    await ActionRespondCrisis().run(dispatcher, tracker, {})
    found = await figures()
    assert found[("hengelo", "conversation", "crisis", "")] == 1
    assert not [k for k in found if k[1] == "conversation" and k[2] != "crisis"]


async def test_nothing_the_resident_typed_reaches_the_aggregate_store(dispatcher, figures):
    tracker = make_tracker(PERSONAL, "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almelo"})
    await ActionAnswerHelpQuestion().run(dispatcher, tracker, {})
    stored = " ".join(" ".join(map(str, key)) for key in await figures())
    for part in ("Fatma", "Yilmaz", "123456782", "12345678", "Dorpsstraat", "7607"):
        assert part not in stored


async def test_a_broken_aggregate_store_never_costs_the_resident_an_answer(dispatcher, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("database gone")

    monkeypatch.setattr(insight, "_write", broken)
    events = await ActionAnswerHelpQuestion().run(dispatcher, debts(), {})
    await insight.flush()
    assert events and dispatcher.messages
    assert "insight.not_counted error=RuntimeError" in caplog.text


@pytest.fixture
def review_queue(figures, monkeypatch):
    """The review queue in the test's database, with the rule-based redaction (no Frog)."""
    from insight.redaction import Redactor
    from insight.review import ReviewQueue

    queue = ReviewQueue(insight.get_insight_store().engine, Redactor().redact)
    monkeypatch.setattr(insight, "get_review_queue", lambda: queue)
    return queue


async def test_a_question_not_understood_is_kept_for_review_without_personal_data(dispatcher, figures, review_queue):
    text = "mijn bsn is 123456782 en bel me op 06-12345678 over de blauwe envelop"
    nothing = make_tracker(text, "nlu_fallback", triage_dict("nlu_fallback", []), {"gemeente": "almelo"})
    await ActionClarifyTopic().run(dispatcher, nothing, {})
    await figures()  # waits for the background work
    (item,) = review_queue.items()
    assert (item.reason, item.gemeente_id) == ("niet_begrepen", "almelo")
    assert item.text == "mijn bsn is [bsn] en bel me op [telefoonnummer] over de blauwe envelop"
    assert item.removed == ("bsn", "telefoonnummer")


async def test_after_bedoelt_u_the_original_question_is_kept_with_the_topic_the_resident_chose(
    dispatcher, figures, review_queue
):
    clarified = [
        user_event("het loopt me allemaal boven het hoofd met de post", "nlu_fallback"),
        {"event": "bot", "text": "Bedoelt u …?", "metadata": {"utter_action": "utter_clarify"}},
    ]
    await ActionAnswerHelpQuestion().run(dispatcher, debts("/ask_schulden", earlier=clarified), {})
    await figures()
    (item,) = review_queue.items()
    assert (item.reason, item.label, item.text) == (
        "bedoelt_u",
        "ask_schulden",
        "het loopt me allemaal boven het hoofd met de post",
    )


async def test_without_the_redaction_helpers_no_question_is_kept(dispatcher, figures, monkeypatch, caplog):
    from insight.redaction import RedactionUnavailable
    from insight.review import ReviewQueue

    def unavailable(text):
        raise RedactionUnavailable("frog is not installed")

    queue = ReviewQueue(insight.get_insight_store().engine, unavailable)
    monkeypatch.setattr(insight, "get_review_queue", lambda: queue)
    nothing = make_tracker(
        "ik ben Jan en ik snap het niet", "nlu_fallback", triage_dict("nlu_fallback", []), {"gemeente": "almelo"}
    )
    await ActionClarifyTopic().run(dispatcher, nothing, {})
    await figures()
    assert queue.count() == 0 and "insight.review_not_kept reason=redaction_unavailable" in caplog.text


async def test_nee_right_after_an_answer_is_counted_and_the_question_kept_for_review(dispatcher, figures, review_queue):
    from actions.routing import ActionRespondDeny

    answered = [
        user_event("ik kom niet rond en de huur is te hoog", "ask_schulden"),
        {"event": "slot", "name": "facilities", "value": ["almelo-stadsbank"]},
        {"event": "bot", "text": "Stadsbank ..."},
    ]
    tracker = make_tracker(
        "nee", "deny", None, {"gemeente": "almelo", "help_question": "ik kom niet rond en de huur is te hoog"}, answered
    )
    await ActionRespondDeny().run(dispatcher, tracker, {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_goodbye"]
    found = await figures()
    assert found[("almelo", "deny_after_answer", "", "")] == 1
    (item,) = review_queue.items()
    assert (item.reason, item.text) == ("nee_na_antwoord", "ik kom niet rond en de huur is te hoog")


async def test_nee_after_thanks_is_only_the_goodbye(dispatcher, figures, review_queue):
    from actions.routing import ActionRespondDeny

    thanked = [user_event("dank je", "thank"), {"event": "bot", "text": "Graag gedaan."}]
    await ActionRespondDeny().run(dispatcher, make_tracker("nee", "deny", None, {"gemeente": "almelo"}, thanked), {})
    assert (await figures()) == {} and review_queue.items() == []
