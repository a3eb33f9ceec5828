"""Rasa's SQL tracker store, with its database calls off the event loop and database errors
that never repeat what residents wrote.

**Off the loop.** Rasa 3.6's ``SQLTrackerStore`` is ``async`` in name only: it queries the
database synchronously, so a Rasa worker serves nobody else while it waits for PostgreSQL. At
50 residents a retrieve took 13 ms and a save 17 ms of wall time, most of it waiting
(``docs/performance.md``). This store runs Rasa's own retrieve, save and keys unchanged in a
worker thread (each in a short-lived event loop of its own there: Rasa's code awaits nothing
inside them), so the worker's loop goes on with other conversations. Rasa's lock store still
keeps one conversation's messages in order.

**No residents' words in errors.** When a write fails (the database restarts, a disk is
full), SQLAlchemy puts the statement's parameters in the error's text, and Rasa logs that
text: for an ``INSERT INTO events`` the parameters are the event's JSON, the resident's
message included (seen in ``tests/e2e/test_database_restart.py``'s server log before this
store). With the engine's ``hide_parameters`` on, the error names the statement and the
database's complaint only.

Endpoints: ``tracker_store: {type: bot.tracker_store.PrivateSQLTrackerStore, dialect: …}``
(``bot.endpoints`` writes it).
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterable, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # read by SQLAlchemy each time it wraps a database error (Engine.hide_parameters)
        self.engine.hide_parameters = True

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        return await asyncio.to_thread(asyncio.run, super()._retrieve(sender_id, fetch_events_from_all_sessions))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await asyncio.to_thread(asyncio.run, super().save(tracker))

    async def keys(self) -> Iterable[Text]:
        return await asyncio.to_thread(asyncio.run, super().keys())
