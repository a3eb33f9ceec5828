"""A message sent again with the same id is answered once: a repeat gets what its socket
missed of the first answer, waits for an answer still being made, and is answered afresh
when the first copy failed. Answers are kept in memory for a few minutes only."""

import asyncio

import pytest

from channels.redelivery import NEVER_JOINED, AnsweredMessages, message_id, moment


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Conversation:
    """The server side of one conversation: counts how often a message is really answered."""

    def __init__(self, answered: AnsweredMessages, responses=("Hoe wilt u dat het team contact met u opneemt?",)):
        self.answered, self.responses = answered, list(responses)
        self.runs = 0
        self.replayed: list[dict] = []
        #: set to make answering wait (an answer still being made)
        self.hold: asyncio.Event | None = None
        #: this many answers fail, the first ones
        self.failures = 0

    async def answer(self, record) -> None:
        self.runs += 1
        for text in self.responses:
            if record is not None:
                record.keep({"text": text})
            if self.hold is not None:
                await self.hold.wait()
        if self.runs <= self.failures:
            raise RuntimeError("action server unreachable")

    async def replay(self, response) -> None:
        self.replayed.append(response)

    async def receive(self, message: str | None, joined: float = NEVER_JOINED) -> None:
        await self.answered.answer_once("sessie-1", message, joined, self.answer, self.replay)


async def test_a_repeat_after_the_answer_gets_the_answer_again_and_is_not_answered_twice():
    conversation = Conversation(AnsweredMessages())
    await conversation.receive("bericht-1")
    await conversation.receive("bericht-1")  # a new socket that joined after the answer went out
    assert conversation.runs == 1
    assert conversation.replayed == [{"text": "Hoe wilt u dat het team contact met u opneemt?"}]


async def test_a_repeat_on_a_socket_that_was_in_the_room_gets_nothing_twice():
    conversation = Conversation(AnsweredMessages())
    joined = moment()
    await conversation.receive("bericht-1")
    await conversation.receive("bericht-1", joined=joined)
    assert conversation.runs == 1 and conversation.replayed == []


async def test_a_repeat_during_the_answer_waits_and_gets_only_what_it_missed():
    conversation = Conversation(AnsweredMessages(), responses=["eerste deel", "tweede deel"])
    conversation.hold = asyncio.Event()
    first = asyncio.create_task(conversation.receive("bericht-1"))
    await asyncio.sleep(0)  # "eerste deel" went to the room; the answer is still being made
    joined = moment()  # the resident's new socket joins the room
    repeat = asyncio.create_task(conversation.receive("bericht-1", joined=joined))
    await asyncio.sleep(0)
    assert conversation.replayed == []  # it waits for the whole answer
    conversation.hold.set()
    await asyncio.gather(first, repeat)
    assert conversation.runs == 1
    assert conversation.replayed == [{"text": "eerste deel"}]  # "tweede deel" reached it through the room


async def test_when_the_first_copy_failed_a_repeat_is_answered_afresh():
    conversation = Conversation(AnsweredMessages())
    conversation.failures = 1
    with pytest.raises(RuntimeError):
        await conversation.receive("bericht-1")
    await conversation.receive("bericht-1")
    assert conversation.runs == 2 and conversation.replayed == []


async def test_a_repeat_waiting_for_a_first_copy_that_fails_is_answered_not_lost():
    conversation = Conversation(AnsweredMessages())
    conversation.hold, conversation.failures = asyncio.Event(), 1
    first = asyncio.create_task(conversation.receive("bericht-1"))
    await asyncio.sleep(0)
    repeat = asyncio.create_task(conversation.receive("bericht-1"))
    await asyncio.sleep(0)
    conversation.hold.set()
    with pytest.raises(RuntimeError):
        await first
    await repeat  # its own answer succeeds
    assert conversation.runs == 2


async def test_messages_without_an_id_are_all_answered():
    conversation = Conversation(AnsweredMessages())
    await conversation.receive(None)
    await conversation.receive(None)
    assert conversation.runs == 2 and conversation.replayed == []


async def test_the_same_message_id_in_another_conversation_is_another_message():
    answered = AnsweredMessages()
    await Conversation(answered).receive("bericht-1")
    other = Conversation(answered)
    await answered.answer_once("sessie-2", "bericht-1", NEVER_JOINED, other.answer, other.replay)
    assert other.runs == 1


async def test_answers_are_forgotten_after_the_keeping_time_and_a_late_repeat_is_answered_afresh():
    clock = Clock()
    answered = AnsweredMessages(keep_seconds=300, clock=clock)
    conversation = Conversation(answered)
    await conversation.receive("oud")
    clock.now += 200
    await conversation.receive("nieuw")
    clock.now += 101
    answered.forget_old()
    assert len(answered) == 1  # "oud" and what the resident was told in it are gone
    await conversation.receive("oud")
    assert conversation.runs == 3


async def test_no_more_than_the_maximum_is_kept_the_oldest_go_first():
    answered = AnsweredMessages(max_kept=3)
    conversation = Conversation(answered)
    for n in range(5):
        await conversation.receive(f"bericht-{n}")
    answered.forget_old()
    assert len(answered) == 3
    await conversation.receive("bericht-4")
    assert conversation.runs == 5  # still known
    await conversation.receive("bericht-0")
    assert conversation.runs == 6  # forgotten: answered afresh


def test_only_short_text_ids_are_used():
    assert message_id("a1b2c3") == "a1b2c3"
    assert message_id("") is None and message_id(None) is None and message_id(42) is None
    assert message_id("x" * 65) is None
