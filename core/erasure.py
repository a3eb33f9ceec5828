"""Erasure and retention in one place (AVG): every store that keeps something of a handoff
registers here, so that a resident's request for deletion and the retention period reach
all of them, and a new store cannot be forgotten by one of the two."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Protocol


class ErasableStore(Protocol):
    #: how the store is named in the counts (``staff purge`` prints them)
    name: str

    def erase_reference(self, reference: str) -> int:
        """Remove what the store keeps for the handoff ``reference``; how much it removed."""

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Remove what the store keeps from before ``cutoff``; how much it removed."""

    # optional: ``left_behind(reference) -> list[str]``, what the store left in another system
    # on purpose (by configuration) at the last erasure of ``reference``, to be reported


class Registry:
    def __init__(self, stores: Iterable[ErasableStore] = ()):
        self.stores: list[ErasableStore] = []
        for store in stores:
            self.register(store)

    def register(self, store: ErasableStore) -> None:
        if any(existing.name == store.name for existing in self.stores):
            raise ValueError(f"a store named {store.name!r} is registered already")
        self.stores.append(store)

    def erase(self, reference: str) -> dict[str, int]:
        """Every store's count for ``reference``. An error in one store propagates after the
        others were tried: a deletion that did not happen is never reported as done."""
        return self._each(lambda store: store.erase_reference(reference))

    def left_behind(self, reference: str) -> dict[str, list[str]]:
        """What stores left elsewhere on purpose when ``reference`` was erased, by store name:
        the deletion reports it instead of letting it pass for deleted."""
        found = {}
        for store in self.stores:
            report = getattr(store, "left_behind", None)
            items = report(reference) if report is not None else []
            if items:
                found[store.name] = list(items)
        return found

    def purge(self, cutoff: dt.datetime) -> dict[str, int]:
        return self._each(lambda store: store.purge_older_than(cutoff))

    def _each(self, call) -> dict[str, int]:
        counts, failure = {}, None
        for store in self.stores:
            try:
                counts[store.name] = call(store)
            except Exception as error:  # noqa: BLE001 - re-raised below, after the other stores
                failure = failure or error
        if failure is not None:
            raise failure
        return counts
