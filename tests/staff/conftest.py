import datetime as dt
import json

import pytest
from sqlalchemy import insert

from core.db import make_engine
from handoff.service import Draft, HandoffStore
from handoff.summary import Contact, Summary
from staff import transcript
from staff.service import StaffService
from staff.web import create_app

PASSWORD = "een lang wachtwoord"


def make_draft(conversation, team_id, team_name, topics, question, urgency=(), minutes=0, name="Fatma"):
    summary = Summary(
        gemeente="Almelo",
        team=team_name,
        topics=list(topics),
        question=question,
        urgency=list(urgency),
        contact=Contact(name, "telefoon", phone="+31612345678", moment="ochtend"),
    )
    consent = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minutes)
    return Draft("almelo", team_id, team_name, summary, conversation, consent, dt.date(2026, 12, 21))


@pytest.fixture
def world(tmp_path):
    """Handoffs of two teams, their conversations in a tracker store, and three staff users."""
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    tracker = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    transcript._metadata.create_all(tracker)
    store = HandoffStore(engine, spool_dir=tmp_path / "spool", backoff=0)
    store.create_schema()
    refs = {
        "old": store.submit(
            make_draft("c-old", "almelo-kcc", "KCC", ["schulden"], "ik heb schulden", minutes=0)
        ).reference,
        "urgent": store.submit(
            make_draft(
                "c-urgent",
                "almelo-kcc",
                "KCC",
                ["schulden"],
                "de deurwaarder staat aan de deur <script>alert('x')</script>",
                urgency=["beslag of deurwaarder"],
                minutes=30,
            )
        ).reference,
        "other": store.submit(
            make_draft(
                "c-other",
                "almelo-sociaal-wijkteam",
                "Sociaal wijkteam",
                ["mantelzorg"],
                "ik zorg voor mijn moeder",
                minutes=10,
            )
        ).reference,
    }
    with tracker.begin() as connection:
        for conversation, text_in, text_out in (
            ("c-urgent", "de deurwaarder staat aan de deur <script>alert('x')</script>", "U heeft zorgen over geld."),
            ("c-old", "ik heb schulden", "Hier kunt u terecht:"),
        ):
            connection.execute(
                insert(transcript.events),
                [
                    {
                        "sender_id": conversation,
                        "type_name": "user",
                        "timestamp": 1_795_000_000.0,
                        "data": json.dumps({"text": text_in}),
                    },
                    {
                        "sender_id": conversation,
                        "type_name": "bot",
                        "timestamp": 1_795_000_001.0,
                        "data": json.dumps({"text": text_out}),
                    },
                    {
                        "sender_id": conversation,
                        "type_name": "slot",
                        "timestamp": 1_795_000_001.0,
                        "data": json.dumps({"name": "x"}),
                    },
                    {
                        "sender_id": conversation,
                        "type_name": "bot",
                        "timestamp": 1_795_000_002.0,
                        "data": json.dumps(
                            {
                                "text": "Wat wilt u nu?",
                                "data": {
                                    "buttons": [{"title": "Contact met de gemeente", "payload": "/request_human"}]
                                },
                            }
                        ),
                    },
                    {
                        "sender_id": conversation,
                        "type_name": "user",
                        "timestamp": 1_795_000_003.0,
                        "data": json.dumps({"text": "/request_human"}),
                    },
                ],
            )
    service = StaffService(engine, tracker)
    service.create_schema()
    service.create_user("schuld", PASSWORD, ["almelo-kcc"])
    service.create_user("wijk", PASSWORD, ["almelo-sociaal-wijkteam"])
    service.create_user("beheer", PASSWORD, [], is_admin=True)
    return service, refs


@pytest.fixture
async def client(world, aiohttp_client):
    service, _ = world
    return await aiohttp_client(create_app(service, secure_cookie=False))


def same_site(client) -> dict:
    """What a browser sends with a form POST from the app's own page."""
    return {"Origin": str(client.make_url("/")).rstrip("/")}


async def login(client, username):
    response = await client.post(
        "/login", headers=same_site(client), data={"username": username, "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 303
    page = await (await client.get("/")).text()
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    return csrf
