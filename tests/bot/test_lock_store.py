"""The lock store for several Rasa workers (``bot.lock_store``), against this machine's Redis
(skipped on a laptop without one; a failure in CI)."""

import asyncio
import uuid

import pytest

from bot.lock_store import AtomicRedisLockStore
from tests.conftest import missing_service

REDIS_DB = 10


@pytest.fixture
def store():
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=3).ping()
    except redis.RedisError:
        missing_service("Redis at 127.0.0.1:6379 is unreachable")
    lock_store = AtomicRedisLockStore(host="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=f"t{uuid.uuid4().hex[:8]}")
    yield lock_store
    for key in lock_store.red.keys(f"{lock_store.key_prefix}*"):
        lock_store.red.delete(key)


def test_two_messages_of_one_conversation_are_handled_one_after_the_other(store):
    inside, overlaps = [], []

    async def handle(name: str) -> None:
        async with store.lock("gesprek-1"):
            if inside:
                overlaps.append((inside[-1], name))
            inside.append(name)
            await asyncio.sleep(0.05)
            inside.remove(name)

    async def both() -> None:
        await asyncio.gather(handle("eerste"), handle("tweede"))

    asyncio.run(both())
    assert overlaps == []


def test_other_conversations_are_served_while_one_waits_for_its_lock(store):
    order = []

    async def slow_first() -> None:
        async with store.lock("gesprek-a"):
            await asyncio.sleep(0.2)
            order.append("a1 klaar")

    async def waiting_second() -> None:
        await asyncio.sleep(0.01)
        async with store.lock("gesprek-a"):
            order.append("a2")

    async def another_conversation() -> None:
        await asyncio.sleep(0.02)
        async with store.lock("gesprek-b"):
            order.append("b")

    async def run() -> None:
        await asyncio.gather(slow_first(), waiting_second(), another_conversation())

    asyncio.run(run())
    assert order == ["b", "a1 klaar", "a2"]


def test_a_lock_taken_over_after_its_lifetime_is_not_released_by_its_first_holder(store):
    key = store._mutex_key("gesprek-c")

    async def run() -> None:
        async with store.lock("gesprek-c", lock_lifetime=0.1):
            await asyncio.sleep(0.2)  # the lock expired meanwhile ...
            store.red.set(key, "tweede houder")  # ... and another worker took it

    asyncio.run(run())
    assert store.red.get(key) == b"tweede houder"
