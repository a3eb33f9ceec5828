"""A message sent again with the same id is recognised for a few minutes, in memory only."""

from channels.redelivery import AnsweredMessages, message_id


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_repeat_finds_the_answer_of_the_first_copy():
    answered = AnsweredMessages()
    answer = answered.start("sessie-1", "bericht-1")
    answer.responses.append({"text": "Hoe mag het team u noemen?"})
    assert answered.earlier("sessie-1", "bericht-1").responses == [{"text": "Hoe mag het team u noemen?"}]


def test_the_same_message_id_in_another_conversation_is_another_message():
    answered = AnsweredMessages()
    answered.start("sessie-1", "bericht-1")
    assert answered.earlier("sessie-2", "bericht-1") is None


def test_after_a_failure_a_repeat_is_answered_afresh():
    answered = AnsweredMessages()
    answered.start("sessie-1", "bericht-1")
    answered.failed("sessie-1", "bericht-1")
    assert answered.earlier("sessie-1", "bericht-1") is None


def test_answers_are_forgotten_after_the_keeping_time():
    clock = Clock()
    answered = AnsweredMessages(keep_seconds=300, clock=clock)
    answered.start("sessie-1", "oud")
    clock.now += 200
    answered.start("sessie-1", "nieuw")
    clock.now += 101
    assert answered.earlier("sessie-1", "oud") is None
    assert answered.earlier("sessie-1", "nieuw") is not None
    assert len(answered) == 1


def test_no_more_than_the_maximum_is_kept_the_oldest_go_first():
    answered = AnsweredMessages(max_kept=3)
    for n in range(5):
        answered.start("sessie", f"bericht-{n}")
    assert len(answered) == 3
    assert answered.earlier("sessie", "bericht-1") is None and answered.earlier("sessie", "bericht-4") is not None


def test_only_short_text_ids_are_used():
    assert message_id("a1b2c3") == "a1b2c3"
    assert message_id("") is None and message_id(None) is None and message_id(42) is None
    assert message_id("x" * 65) is None
