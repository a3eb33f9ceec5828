"""Rasa's lock store on Redis, with a lock that is atomic across workers.

Rasa 3.6's ``RedisLockStore`` issues a ticket by reading the lock, changing it in Python and
writing it back. Two workers that receive the first messages of one conversation at the
same moment both read "no lock", both write their own, and both go ahead: measured here,
3 of 20 such pairs lost one message's events from the tracker (the second save skips the
events the first one wrote). This store keeps Rasa's interface and Redis connection, but
takes the lock with one atomic Redis command (``SET key token NX PX lifetime``) and releases
it only when it still holds it (a compare-and-delete script). A worker that dies holding a
lock blocks the conversation for at most the lock's lifetime (Rasa's 60 s).

Endpoints: ``lock_store: {type: bot.lock_store.AtomicRedisLockStore, url: host, port: 6379,
db: 0, key_prefix: hulpwijzer}`` (``bot.endpoints`` writes it for ``REDIS_URL``).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: how often a waiting message checks whether the conversation is free again
POLL_SECONDS = 0.01
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, host: str = "127.0.0.1", **kwargs: Any):
        if endpoint_config is not None:
            host = endpoint_config.url or host
            kwargs = {**endpoint_config.kwargs, **kwargs}
        super().__init__(host=host, **kwargs)
        self._release = self.red.register_script(_RELEASE)

    def _mutex_key(self, conversation_id: str) -> str:
        return f"{self.key_prefix}{conversation_id}:mutex"

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation exclusively while a message is handled: other workers and
        other messages of the same conversation wait (at most ``lock_lifetime``)."""
        key, token = self._mutex_key(conversation_id), uuid.uuid4().hex
        deadline = time.monotonic() + lock_lifetime
        # the Redis client blocks; its calls run in a thread so that the server's event loop
        # keeps serving other conversations meanwhile
        while not await asyncio.to_thread(self.red.set, key, token, nx=True, px=int(lock_lifetime * 1000)):
            if time.monotonic() > deadline:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(POLL_SECONDS)
        try:
            yield TicketLock(conversation_id)
        finally:
            await asyncio.to_thread(self._release, keys=[key], args=[token])
