"""Erasure and retention in one place (``core.erasure``)."""

import datetime as dt

import pytest

from core.erasure import Registry


class Store:
    def __init__(self, name, fail=False):
        self.name, self.fail, self.erased, self.purged = name, fail, [], []

    def erase_reference(self, reference):
        if self.fail:
            raise OSError("disk")
        self.erased.append(reference)
        return 1

    def purge_older_than(self, cutoff):
        self.purged.append(cutoff)
        return 2


def test_a_deletion_and_a_purge_reach_every_registered_store():
    a, b = Store("a"), Store("b")
    registry = Registry([a, b])
    assert registry.erase("HW-AAAA-BBBB") == {"a": 1, "b": 1}
    cutoff = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert registry.purge(cutoff) == {"a": 2, "b": 2}
    assert a.erased == b.erased == ["HW-AAAA-BBBB"] and a.purged == b.purged == [cutoff]


def test_a_failing_store_fails_the_deletion_after_the_others_were_tried():
    broken, fine = Store("kapot", fail=True), Store("goed")
    with pytest.raises(OSError):
        Registry([broken, fine]).erase("HW-AAAA-BBBB")
    assert fine.erased == ["HW-AAAA-BBBB"]


def test_a_store_name_is_registered_once():
    with pytest.raises(ValueError):
        Registry([Store("a"), Store("a")])


def test_the_staff_service_registers_every_store_that_keeps_handoff_data(tmp_path):
    """The WhatsApp numbers, the handoff spool and the follow-up outbox: the staff app no
    longer deletes other packages' rows itself."""
    from core.db import make_engine
    from handoff.service import HandoffStore
    from staff.service import StaffService
    from staff.whatsapp import KeptFollowUps

    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    service = StaffService(
        engine,
        engine,
        stores=[HandoffStore(engine, spool_dir=tmp_path / "spool"), KeptFollowUps(tmp_path / "outbox")],
    )
    assert [store.name for store in service.erasure.stores] == ["whatsapp_contacts", "spool_files", "whatsapp_outbox"]
