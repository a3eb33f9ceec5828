"""The database stopped during staff work (issue 12): a clear message, a log line without
personal data, and once it is back exactly one copy of every change."""

import asyncio
import logging

from sqlalchemy import func, select

from core.db import make_engine, session_factory
from staff.models import AuditEntry
from tests.staff.conftest import login

#: nothing listens here: a database that is stopped
STOPPED = "postgresql://hulpwijzer@127.0.0.1:1/gone"


def stop(service):
    running = service.sessions
    service.sessions = session_factory(make_engine(STOPPED))
    return lambda: setattr(service, "sessions", running)


async def test_a_status_change_while_the_database_is_stopped_is_refused_clearly_and_made_once_afterwards(
    client, world, caplog
):
    service, refs = world
    csrf = await login(client, "schuld")
    restart = stop(service)
    with caplog.at_level(logging.INFO):
        response = await client.post(
            f"/handoffs/{refs['urgent']}/status", data={"csrf": csrf, "status": "afgerond"}, allow_redirects=False
        )
    assert response.status == 503
    assert "Uw wijziging is niet opgeslagen" in await response.text()
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "staff.database_unavailable error=OperationalError" in caplog.text
    assert "Fatma" not in caplog.text and "afgerond" not in caplog.text
    restart()
    response = await client.post(
        f"/handoffs/{refs['urgent']}/status", data={"csrf": csrf, "status": "afgerond"}, allow_redirects=False
    )
    assert response.status == 303
    with service.sessions() as session:
        changes = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "status", AuditEntry.reference == refs["urgent"])
        )
    assert changes == 1


async def test_a_purge_while_the_database_is_stopped_is_tried_again_and_deletes_once(world, caplog):
    from staff.web import purge_daily

    service, refs = world
    restart = stop(service)
    with caplog.at_level(logging.INFO):
        task = asyncio.create_task(purge_daily(service, 1, interval=3600, retry=0.2))
        await asyncio.sleep(0.3)
        assert "staff.purge_failed error=OperationalError" in caplog.text
        restart()
        for _ in range(100):
            if "staff.purge handoffs=" in caplog.text:
                break
            await asyncio.sleep(0.05)
        task.cancel()
    assert "staff.purge handoffs=" in caplog.text
    with service.sessions() as session:
        purges = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "purge"))
    assert purges == 1
    assert service.export()  # the young handoffs are still there
