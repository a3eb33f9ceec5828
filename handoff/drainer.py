"""Brings spooled handoffs into the database once it is back, without waiting for the next
handoff (issue 11: a handoff confirmed while the database restarts is not lost).

:meth:`handoff.service.HandoffStore.submit` writes a handoff to the spool folder when the
database does not answer, and drains the folder after its next successful write. On a quiet
evening there may be no next write for hours, and staff would not see the handoff. The
drainer looks at the folder every ``interval`` seconds in a thread of its own (the database
calls never run on an event loop) and imports what it finds; with the database still down
the files wait for the next round.
"""

from __future__ import annotations

import logging
import threading

from handoff.service import HandoffStore

log = logging.getLogger(__name__)

#: seconds between two looks at the spool folder (a look is a directory listing)
DEFAULT_INTERVAL = 10.0


class SpoolDrainer:
    def __init__(self, store: HandoffStore, interval: float = DEFAULT_INTERVAL):
        self.store = store
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> SpoolDrainer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="handoff-spool-drainer", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def drain_once(self) -> int:
        """Import what the spool holds; 0 with nothing there or the database still down."""
        return self.store.drain_quietly()

    def _run(self) -> None:
        while True:
            try:
                self.drain_once()
            except Exception:  # noqa: BLE001 - the thread must outlive any one round
                log.exception("handoff.drainer_round_failed")
            if self._stop.wait(self.interval):
                return
