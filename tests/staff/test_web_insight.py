"""The insight dashboard (/inzicht) and its CSV: figures for the beheerder and the analist,
only their teams' handoff figures for a team member, small numbers hidden, and nothing that
identifies a resident on the page or in the export."""

import datetime as dt

import pytest

from insight.store import InsightStore
from insight.tallies import Tally, for_answer, local_today
from tests.staff.conftest import PASSWORD, login

TODAY = local_today()


@pytest.fixture
def figures(world):
    """Three weeks of counts for Almelo, the way the actions and the staff app add them."""
    service, _ = world
    store = InsightStore(service.engine)
    for days_ago in range(21):
        day = TODAY - dt.timedelta(days=days_ago)
        debts = for_answer("answered", ["schulden"], ["almelo-stadsbank"], first_in_conversation=True) * 6
        handoffs = [Tally("handoff", "almelo-kcc", "aangeboden"), Tally("handoff", "almelo-kcc", "verstuurd")]
        handoffs += [Tally("handoff", "almelo-sociaal-wijkteam", "aangeboden")]
        contact = [Tally("first_contact_hours", "almelo-kcc", str(20 + days_ago))]
        store.add(day, "almelo", "socketio", [Tally("conversation_started", n=10), *debts, *handoffs, *contact])
        store.add(day, "almelo", "whatsapp", for_answer("crisis", first_in_conversation=True))
    store.add(TODAY, "almelo", "socketio", [Tally("follow_up", "almelo-stadsbank", "kosten", n=3)])
    service.create_user("cijfers", PASSWORD, [], is_analyst=True)
    return store


async def page(client, query=""):
    response = await client.get(f"/inzicht{query}")
    return response.status, await response.text()


async def test_the_analist_sees_every_figure_of_the_municipality(client, figures):
    await login(client, "cijfers")
    status, html = await page(client, "?gemeente=almelo")
    assert status == 200
    for title in (
        "Gesprekken per dag",
        "Gesprekken per onderwerp",
        "Hoe vragen begrepen werden",
        "Overdrachten per team",
        "Voorzieningen die het vaakst getoond werden",
    ):
        assert title in html
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    # four weeks by default: 21 days of 6 debt conversations each
    assert '<td class="utrecht-table__cell">126</td>' in html
    assert "Stadsbank" in html and "Klantcontactcentrum (KCC) van de gemeente" in html


async def test_a_count_under_five_is_shown_as_less_than_five(client, figures):
    await login(client, "cijfers")
    _, html = await page(client, f"?gemeente=almelo&van={TODAY.isoformat()}&tot={TODAY.isoformat()}")
    assert "&lt; 5" in html  # one crisis conversation today, three cost questions
    assert ">1<" not in html and ">3<" not in html


async def test_a_team_member_sees_only_their_teams_handoff_figures(client, figures):
    await login(client, "schuld")
    status, html = await page(client, "?gemeente=almelo")
    assert status == 200
    assert "Overdrachten per team" in html and "Klantcontactcentrum (KCC) van de gemeente" in html
    assert "Sociaal wijkteam" not in html
    assert "Gesprekken per onderwerp" not in html and "Voorzieningen" not in html


async def test_the_median_and_90th_percentile_of_first_contact_are_shown_per_team(client, figures):
    await login(client, "beheer")
    _, html = await page(client, "?gemeente=almelo")
    # 21 first contacts of 20..40 hours: median 30, 90th percentile 38
    assert '<td class="utrecht-table__cell">30 u</td>' in html and '<td class="utrecht-table__cell">38 u</td>' in html


async def test_the_csv_holds_every_figure_with_small_numbers_hidden(client, figures):
    await login(client, "cijfers")
    response = await client.get(f"/inzicht.csv?gemeente=almelo&van={TODAY.isoformat()}&tot={TODAY.isoformat()}")
    assert response.status == 200 and response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = [line.split(";") for line in (await response.text()).splitlines()]
    assert rows[0] == ["figuur", "rij", "kolom", "waarde"]
    assert {row[0] for row in rows[1:]} >= {"Gesprekken per dag", "Gesprekken per onderwerp", "Overdrachten per team"}
    crisis = [row for row in rows if row[1] == "Crisis" and row[2] == "Gesprekken"]
    assert crisis == [["Gesprekken per onderwerp", "Crisis", "Gesprekken", "< 5"]]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?gemeente=tilburg", "Kies een gemeente uit de lijst."),
        ("?gemeente=almelo&van=7-12-2026", "Schrijf een datum als 2026-12-07."),
        ("?gemeente=almelo&van=2026-12-07&tot=2026-12-01", "De begindatum ligt na de einddatum."),
        ("?gemeente=almelo&van=2024-01-01&tot=2026-01-01", "Kies een periode van hoogstens een jaar."),
    ],
)
async def test_a_wrong_choice_gets_a_clear_message(client, figures, query, message):
    await login(client, "cijfers")
    status, html = await page(client, query)
    assert status == 400 and message in html


async def test_the_analist_sees_no_handoff_in_the_queue(client, world, figures):
    await login(client, "cijfers")
    html = await (await client.get("/")).text()
    _, refs = world
    assert not [ref for ref in refs.values() if ref in html]
    assert (await client.get(f"/handoffs/{refs['urgent']}")).status == 404


async def test_without_login_the_dashboard_is_closed(client, figures):
    response = await client.get("/inzicht", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/login"


@pytest.fixture
def questions(world):
    from insight.redaction import Redactor
    from insight.review import ReviewQueue

    service, _ = world
    queue = ReviewQueue(service.engine, Redactor().redact)
    first = queue.add("almelo", "socketio", "niet_begrepen", "bel me op 0612345678 over de blauwe envelop")
    second = queue.add("almelo", "whatsapp", "bedoelt_u", "het loopt me boven het hoofd", label="ask_schulden")
    service.create_user("cijfers", PASSWORD, [], is_analyst=True)
    return queue, first, second


async def test_the_analist_reviews_questions_without_personal_data_and_exports_nlu_examples(client, questions):
    import yaml

    queue, first, second = questions
    csrf = await login(client, "cijfers")
    html = await (await client.get("/inzicht/vragen")).text()
    assert "bel me op [telefoonnummer] over de blauwe envelop" in html and "0612345678" not in html
    assert "weggehaald: telefoonnummer" in html
    form = {"csrf": csrf, "doe": "exporteer", "kies": [str(first.id), str(second.id)]}
    form |= {f"intent-{first.id}": "ask_jeugd", f"intent-{second.id}": "ask_schulden"}
    from aiohttp import FormData

    data = FormData()
    for name, value in form.items():
        for one in value if isinstance(value, list) else [value]:
            data.add_field(name, one)
    response = await client.post(
        "/inzicht/vragen", data=data, headers={"Origin": str(client.make_url("/")).rstrip("/")}
    )
    assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
    exported = yaml.safe_load(await response.text())
    assert exported["version"] == "3.1"
    assert {e["intent"]: e["examples"] for e in exported["nlu"]} == {
        "ask_jeugd": "- bel me op [telefoonnummer] over de blauwe envelop\n",
        "ask_schulden": "- het loopt me boven het hoofd\n",
    }


async def test_an_editor_deletes_a_question_that_still_holds_something_personal(client, questions):
    queue, first, _ = questions
    csrf = await login(client, "cijfers")
    response = await client.post("/inzicht/vragen", data={"csrf": csrf, "doe": "verwijder", "kies": str(first.id)})
    assert response.status == 200 and "1 vraag/vragen verwijderd." in await response.text()
    assert [item.id for item in queue.items()] != [] and first.id not in [item.id for item in queue.items()]


async def test_a_team_member_cannot_see_the_questions(client, questions):
    await login(client, "schuld")
    assert (await client.get("/inzicht/vragen")).status == 403


def test_the_purge_removes_questions_older_than_the_review_period(world, questions):
    from sqlalchemy import update

    from insight.tables import review_items

    service, _ = world
    queue, first, _ = questions
    with service.engine.begin() as connection:
        old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=91)
        connection.execute(update(review_items).where(review_items.c.id == first.id).values(created_at=old))
    assert service.purge(365)["review_items"] == 1
    assert [item.id for item in queue.items()] == [questions[2].id]
