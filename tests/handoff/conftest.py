import pytest

from core.db import make_engine
from handoff.service import HandoffStore


@pytest.fixture
def store(tmp_path):
    """A handoff store on a SQLite database of the test's own, retrying without waiting."""
    store = HandoffStore(make_engine(f"sqlite:///{tmp_path / 'h.db'}"), spool_dir=tmp_path / "spool", backoff=0)
    store.create_schema()
    return store
