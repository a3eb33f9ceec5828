"""The aggregate store: counts only, from a closed vocabulary, added safely by several
writers at once (SQLite and PostgreSQL)."""

import datetime as dt
import threading

import pytest

from core.db import make_engine
from insight.store import InsightStore
from insight.tallies import Tally, for_answer

DAY = dt.date(2026, 12, 7)


@pytest.fixture
def store(tmp_path):
    store = InsightStore(make_engine(f"sqlite:///{tmp_path / 'insight.db'}"))
    store.create_schema()
    return store


def test_tallies_of_one_day_are_added_up_per_cell(store):
    store.add(
        DAY,
        "almelo",
        "socketio",
        for_answer("answered", ["schulden"], ["almelo-stadsbank"], first_in_conversation=True),
    )
    store.add(
        DAY, "almelo", "socketio", for_answer("answered", ["schulden"], ["almelo-stadsbank"], after_clarifying=True)
    )
    cells = {(c.metric, c.key): c.count for c in store.cells("almelo", DAY, DAY)}
    assert cells == {
        ("understanding", "direct"): 1,
        ("understanding", "na_bedoelt_u"): 1,
        ("conversation", "schulden"): 1,
        ("facility_shown", "almelo-stadsbank"): 2,
    }


@pytest.mark.parametrize(
    "tally",
    [
        Tally("conversation", "Fatma"),
        Tally("facility_shown", "mijn bsn is 123456782"),
        Tally("facility_shown", "06 12345678"),
        Tally("handoff", "almelo-kcc", "Jan de Vries"),
        Tally("first_contact_hours", "almelo-kcc", "12 uur"),
        Tally("free_text", "x"),
        Tally("understanding", "direct", n=0),
    ],
)
def test_anything_outside_the_vocabulary_is_refused_and_nothing_is_written(store, tally):
    with pytest.raises(ValueError):
        store.add(DAY, "almelo", "rest", [Tally("conversation_started"), tally])
    assert store.cells(None, DAY, DAY) == []


def test_an_unknown_channel_is_counted_as_other(store):
    store.add(DAY, "almere", "telegram", [Tally("conversation_started")])
    assert [c.channel for c in store.cells("almere", DAY, DAY)] == ["other"]


def concurrent_adds(store, writers=8, each=25):
    def write():
        for _ in range(each):
            store.add(
                DAY,
                "hengelo",
                "whatsapp",
                [Tally("conversation_started"), Tally("handoff", "hengelo-wijkteam", "aangeboden")],
            )

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return writers * each


def test_several_writers_at_once_lose_no_count_on_postgresql(postgres_url):
    store = InsightStore(make_engine(postgres_url))
    store.create_schema()
    expected = concurrent_adds(store)
    assert store.total("conversation_started", "hengelo") == expected
    assert store.total("handoff", "hengelo") == expected
    store.engine.dispose()


def test_several_writers_at_once_lose_no_count_on_sqlite(store):
    expected = concurrent_adds(store, writers=4, each=10)
    assert store.total("conversation_started", "hengelo") == expected
