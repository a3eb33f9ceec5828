"""Work that runs with a server: round after round (outbox retries, clean-ups, purges), or once
in the background (a webhook's message, a count)."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable


async def every(
    seconds: float, job: Callable[[], Awaitable[None]], log: logging.Logger, failure: str, retry: float | None = None
) -> None:
    """Run ``job`` now and then every ``seconds``, until cancelled. A failing round is logged
    as ``failure`` with the error's type only (never its text, which may hold resident
    data), and tried again after ``retry`` seconds (default: the next round)."""
    while True:
        try:
            await job()
        except Exception as error:
            log.error("%s error=%s", failure, type(error).__name__)
            await asyncio.sleep(min(retry, seconds) if retry is not None else seconds)
            continue
        await asyncio.sleep(seconds)


def spawn(
    coroutine: Awaitable, tasks: set[asyncio.Task], log: logging.Logger, failure: str, level: int = logging.ERROR
) -> asyncio.Task:
    """Run ``coroutine`` in the background. ``tasks`` holds the task until it ends (the loop
    keeps only a weak reference); a failure is logged as ``failure`` with the error's type
    only (never its text, which may hold resident data)."""
    task = asyncio.get_running_loop().create_task(coroutine)
    tasks.add(task)

    def done(task: asyncio.Task) -> None:
        tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.log(level, "%s error=%s", failure, type(task.exception()).__name__)

    task.add_done_callback(done)
    return task
