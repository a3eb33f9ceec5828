"""The socket.io channel's upkeep: answers kept for a repeat go after their time even when
no message comes in (they can hold what the resident told)."""

import asyncio

from channels.redelivery import NEVER_JOINED, AnsweredMessages
from channels.socketio import SocketIOInput
from tests.conftest import eventually


async def nothing(*_) -> None:
    return None


async def test_answers_kept_for_a_repeat_are_forgotten_in_the_background_without_new_messages():
    now = [1000.0]
    channel = SocketIOInput(session_persistence=True)
    channel.answered = AnsweredMessages(keep_seconds=300, clock=lambda: now[0])
    await channel.answered.answer_once("sessie-1", "bericht-1", NEVER_JOINED, nothing, nothing)
    now[0] += 301  # five minutes later, and nobody writes
    upkeep = asyncio.create_task(channel.forget_old_answers(interval=0.01))
    await eventually(lambda: len(channel.answered) == 0, timeout=5.0, step=0.01)
    upkeep.cancel()
    assert len(channel.answered) == 0
