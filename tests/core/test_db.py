"""The project's database connection (``core.db``)."""

import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.db import CONNECT_TIMEOUT_SECONDS, make_engine


def test_an_unreachable_postgresql_is_a_clear_error_within_seconds_not_a_stalled_server():
    """Issue 11: 10.255.255.1 drops packets (no answer, no refusal): without a connect
    timeout the first query would wait for the operating system's (minutes)."""
    engine = make_engine("postgresql://hulpwijzer@10.255.255.1:5432/weg")
    started = time.monotonic()
    with pytest.raises(OperationalError):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    assert time.monotonic() - started < CONNECT_TIMEOUT_SECONDS + 3
