"""Background rounds keep going after a failure, which is logged by its type only."""

import asyncio
import logging

from core.background import every
from tests.conftest import eventually


async def test_a_failing_round_is_logged_without_its_text_and_the_next_round_runs(caplog):
    rounds = []

    async def job():
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise ValueError("Fatma, 06-12345678")

    task = asyncio.create_task(every(0.01, job, logging.getLogger("test"), "test.round_failed"))
    with caplog.at_level(logging.ERROR):
        await eventually(lambda: len(rounds) >= 3)
    task.cancel()
    assert len(rounds) >= 3  # it went on after the failure
    assert [r.getMessage() for r in caplog.records] == ["test.round_failed error=ValueError"]
