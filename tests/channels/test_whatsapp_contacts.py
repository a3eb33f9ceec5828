"""The numbers of residents who chose contact via WhatsApp, kept with their handoff only."""

import datetime as dt

from channels.whatsapp_contacts import WINDOW, WhatsAppContacts
from core.db import make_engine

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def store(tmp_path):
    contacts = WhatsAppContacts(make_engine(f"sqlite:///{tmp_path / 'contacts.db'}"))
    contacts.create_schema()
    return contacts


def test_the_number_is_kept_with_the_reference_and_a_repeat_changes_nothing(tmp_path):
    contacts = store(tmp_path)
    contacts.remember("HW-AAAA-BBBB", "31612345678", "wa-pseudonym", NOW)
    contacts.remember("HW-AAAA-BBBB", "31612345678", "wa-pseudonym", NOW)
    kept = contacts.get("HW-AAAA-BBBB")
    assert kept.wa_id == "31612345678" and kept.last_message_at == NOW
    assert contacts.get("HW-CCCC-DDDD") is None


def test_the_window_is_open_for_24_hours_after_the_residents_last_message(tmp_path):
    contacts = store(tmp_path)
    contacts.remember("HW-AAAA-BBBB", "31612345678", "wa-pseudonym", NOW - WINDOW - dt.timedelta(minutes=1))
    assert not contacts.get("HW-AAAA-BBBB").window_open()
    contacts.heard_from("wa-pseudonym", NOW)  # the resident wrote again
    kept = contacts.get("HW-AAAA-BBBB")
    assert kept.window_open() and kept.window_closes_at == NOW + WINDOW
    contacts.heard_from("wa-someone-else", NOW + dt.timedelta(hours=1))
    assert contacts.get("HW-AAAA-BBBB").last_message_at == NOW
