"""Exactly-once answers for a message a client sends again.

The website widget cannot know whether a message sent just before its connection dropped
reached the server: it sends it again, with the same message id, once it is back. The
server answers a message id once; a repeat gets the answer again, not a second run of the
conversation (a name asked in the handoff form would otherwise be taken as the answer to
the next question).

Answers are held in memory, per conversation and message id, for a few minutes and at most
:data:`MAX_KEPT` in all: long enough for a reconnect, short enough to keep no resident data.
With several Rasa workers a repeat must reach the same worker, as socket.io needs anyway
(sticky sessions).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

#: how long an answer is kept for a repeat, in seconds
KEEP_SECONDS = 300.0
#: at most this many messages are remembered at once (the oldest go first)
MAX_KEPT = 5000
#: the longest message id accepted; a longer or non-text id is ignored (no deduplication)
MAX_ID_LENGTH = 64


def message_id(value: Any) -> Optional[str]:
    """The client's id for a message, if it is a usable one."""
    if isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH:
        return value
    return None


@dataclass
class Answer:
    """What the server sent in reply to one message, so far."""

    started: float
    responses: List[Dict[str, Any]] = field(default_factory=list)


class AnsweredMessages:
    """The recent answers per (conversation, message id)."""

    def __init__(self, keep_seconds: float = KEEP_SECONDS, max_kept: int = MAX_KEPT,
                 clock: Callable[[], float] = time.monotonic):
        self.keep_seconds, self.max_kept, self.clock = keep_seconds, max_kept, clock
        self._answers: "OrderedDict[Tuple[str, str], Answer]" = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def _forget_old(self) -> None:
        limit = self.clock() - self.keep_seconds
        while self._answers:
            key, answer = next(iter(self._answers.items()))
            if answer.started >= limit and len(self._answers) <= self.max_kept:
                break
            del self._answers[key]

    def earlier(self, conversation: str, message: str) -> Optional[Answer]:
        """The answer to an earlier copy of this message, finished or still being made."""
        self._forget_old()
        return self._answers.get((conversation, message))

    def start(self, conversation: str, message: str) -> Answer:
        """Record that this message is being answered now."""
        answer = Answer(started=self.clock())
        self._answers.pop((conversation, message), None)  # kept in the order of starting
        self._answers[(conversation, message)] = answer
        self._forget_old()
        return answer

    def failed(self, conversation: str, message: str) -> None:
        """Answering went wrong: a repeat of the message is answered afresh."""
        self._answers.pop((conversation, message), None)
