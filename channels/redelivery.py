"""Exactly-once answers for a message a client sends again.

The website widget cannot know whether a message sent just before its connection dropped
reached the server: it sends it again, with the same message id, once it is back. The
server answers a message id once; a repeat gets the answer again, not a second run of the
conversation (a name asked in the handoff form would otherwise be taken as the answer to
the next question).

- A repeat of a message still being answered waits for that answer, then gets the part
  its socket did not already receive through the conversation's room. If answering the
  first copy failed, the repeat is answered afresh: a message is never lost.
- Answers are held in memory, per conversation and message id, for :data:`KEEP_SECONDS`
  and at most :data:`MAX_KEPT` in all: long enough for a reconnect. They can hold what the
  resident told (a handoff summary), so :meth:`AnsweredMessages.forget_old` runs on a
  timer, not only when messages come in. After that time, or a restart, a repeat is
  answered afresh.
- With several Rasa workers a repeat must reach the same worker, as socket.io needs
  anyway (sticky sessions).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

#: how long an answer is kept for a repeat, in seconds
KEEP_SECONDS = 300.0
#: at most this many messages are remembered at once (the oldest go first)
MAX_KEPT = 5000
#: the longest message id accepted; a longer or non-text id is ignored (no deduplication)
MAX_ID_LENGTH = 64
#: a socket that never joined its conversation's room received nothing through it
NEVER_JOINED = float("inf")

Response = Dict[str, Any]

#: one order for "sent to the room" and "joined the room" across all conversations
_moments = itertools.count(1)


def moment() -> int:
    """A number later than every one given before: when a socket joined, when a response went out."""
    return next(_moments)


def message_id(value: Any) -> Optional[str]:
    """The client's id for a message, if it is a usable one."""
    if isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH:
        return value
    return None


@dataclass
class Answer:
    """What the server sent to a conversation's room in reply to one message, so far."""

    started: float
    sent: List[Tuple[int, Response]] = field(default_factory=list)
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    complete: bool = False

    def keep(self, response: Response) -> None:
        """Call just before ``response`` is sent to the room."""
        self.sent.append((moment(), response))

    def missed_by(self, joined: float) -> List[Response]:
        """The responses sent to the room before a socket joined it at ``joined``."""
        return [response for sent_at, response in self.sent if sent_at < joined]


class AnsweredMessages:
    """The recent answers per (conversation, message id)."""

    def __init__(
        self, keep_seconds: float = KEEP_SECONDS, max_kept: int = MAX_KEPT, clock: Callable[[], float] = time.monotonic
    ):
        self.keep_seconds, self.max_kept, self.clock = keep_seconds, max_kept, clock
        self._answers: "OrderedDict[Tuple[str, str], Answer]" = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def forget_old(self) -> None:
        """Drop the answers older than the keeping time, and the oldest beyond the maximum."""
        limit = self.clock() - self.keep_seconds
        while self._answers:
            key, answer = next(iter(self._answers.items()))
            if answer.started >= limit and len(self._answers) <= self.max_kept:
                break
            del self._answers[key]

    async def answer_once(
        self,
        conversation: str,
        message: Optional[str],
        joined: float,
        answer: Callable[[Optional[Answer]], Awaitable[Any]],
        replay: Callable[[Response], Awaitable[Any]],
    ) -> None:
        """``answer(record)`` for the first copy of ``message`` in ``conversation``; a repeat
        gets ``replay`` of what the room had before its socket joined it at ``joined``.
        Without a message id every copy is answered."""
        if message is None:
            await answer(None)
            return
        self.forget_old()
        key = (conversation, message)
        while key in self._answers:
            earlier = self._answers[key]
            await earlier.finished.wait()
            if earlier.complete:
                for response in earlier.missed_by(joined):
                    await replay(response)
                return
            # answering the first copy failed: this copy is answered (loop: unless another
            # repeat started meanwhile)
        record = Answer(started=self.clock())
        self._answers[key] = record
        try:
            await answer(record)
            record.complete = True
        finally:
            if not record.complete and self._answers.get(key) is record:
                del self._answers[key]
            record.finished.set()
