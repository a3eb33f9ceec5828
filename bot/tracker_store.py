"""Rasa's SQL tracker store, with database errors that never repeat what residents wrote.

When a write to the tracker store fails (the database restarts, a disk is full), SQLAlchemy
puts the statement's parameters in the error's text, and Rasa logs that text: for an
``INSERT INTO events`` the parameters are the event's JSON, the resident's message included
(seen in ``tests/e2e/test_database_restart.py``'s server log before this store). With the
engine's ``hide_parameters`` on, the error names the statement and the database's complaint
only. Everything else is Rasa's ``SQLTrackerStore``.

Endpoints: ``tracker_store: {type: bot.tracker_store.PrivateSQLTrackerStore, dialect: …}``
(``bot.endpoints`` writes it).
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # read by SQLAlchemy each time it wraps a database error (Engine.hide_parameters)
        self.engine.hide_parameters = True
