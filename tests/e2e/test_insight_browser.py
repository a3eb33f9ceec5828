"""The insight dashboard end to end (issue 14): residents talk to the real assistant, giving
names, a BSN, phone numbers and an address; the counts reach the dashboard, and none of what
they typed reaches the aggregate store, the page or the CSV. The page passes axe-core in
Chromium like the other staff pages."""

import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, select

from insight.tables import counts, review_items
from tests.conftest import ROOT, missing_service
from tests.e2e.browser import need_axe, serious_violations
from tests.e2e.conftest import create_staff_user, free_port, hand_over, log_in, python_server, run_staff, server_env

pytestmark = [pytest.mark.model, pytest.mark.browser]

PERSONAL = ("Jan de Vries", "123456782", "0612345678", "06-12345678", "Dorpsstraat 12", "7607 AB", "Fatma")


@pytest.fixture(scope="module")
def talked(assistant):
    """Two residents: one tells everything about themselves, one is handed over."""
    first = f"test-{uuid.uuid4().hex[:12]}"
    assistant.text(first, "ik ben Jan de Vries, bsn 123456782, ik woon op Dorpsstraat 12 7607 AB en ik heb schulden")
    assistant.text(first, "wat kost dat?")
    assert re.fullmatch(
        r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}",
        hand_over(assistant, "er staat een deurwaarder aan de deur en ik kan de huur niet betalen"),
    )
    third = f"test-{uuid.uuid4().hex[:12]}"
    assert "Bedoelt u" in assistant.text(third, "Jan de Vries 0612345678 xyz")
    assistant.text(third, "/ask_schulden")  # the resident chooses a topic: the question goes to review
    work = assistant.log_path.parent
    create_staff_user(server_env(DATABASE_URL=f"sqlite:///{work / 'hulpwijzer.db'}"), "cijfers", "--analist")
    return work


def stored_cells(work) -> list[tuple]:
    engine = create_engine(f"sqlite:///{work / 'hulpwijzer.db'}")
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(select(counts))]
    finally:
        engine.dispose()


def test_a_question_placed_after_bedoelt_u_is_kept_for_review_without_the_name_or_number(talked, staff_app, browser):
    import time

    from insight import frog

    if not frog.installed():
        missing_service("Debian's frog is not installed (make frog): questions are not kept without it")
    engine = create_engine(f"sqlite:///{talked / 'hulpwijzer.db'}")
    # the action server starts Frog on first use; other tests' residents may be kept too
    deadline, kept = time.monotonic() + 90, []
    while not kept and time.monotonic() < deadline:
        with engine.connect() as connection:
            rows = connection.execute(select(review_items).where(review_items.c.text.like("%xyz%")))
            kept = [(row.reason, row.label, row.text, row.removed) for row in rows]
        time.sleep(1)
    engine.dispose()
    assert kept == [("bedoelt_u", "ask_schulden", "[naam] [telefoonnummer] xyz", "naam,telefoonnummer")]
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    log_in(page, staff_app, "cijfers")
    page.goto(f"{staff_app}/inzicht/vragen")
    assert "[naam] [telefoonnummer] xyz" in page.content() and "Vries" not in page.content()
    assert serious_violations(page) == []
    context.close()


def test_conversations_are_counted_and_nothing_residents_typed_is_kept(talked, staff_app, browser):
    need_axe()
    cells = stored_cells(talked)
    metrics = {row[4] for row in cells}
    assert {"conversation", "understanding", "facility_shown", "follow_up", "handoff", "asked_for_person"} <= metrics
    text = repr(cells)
    assert not [part for part in PERSONAL if part in text]

    context = browser.new_context(bypass_csp=True)  # only so that axe can be injected
    page = context.new_page()
    log_in(page, staff_app, "cijfers")
    page.goto(f"{staff_app}/inzicht?gemeente=almelo")
    assert page.get_by_role("heading", name="Gesprekken per onderwerp").is_visible()
    assert page.locator("svg[role=img]").count() >= 4
    html = page.content()
    assert not [part for part in PERSONAL if part in html]
    assert serious_violations(page) == []
    page.get_by_text("Tabel: gesprekken per onderwerp").click()
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Alle cijfers downloaden (CSV)").click()
    exported = open(download.value.path(), encoding="utf-8").read()
    assert exported.startswith("figuur;rij;kolom;waarde")
    assert not [part for part in PERSONAL if part in exported]
    context.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Eight weeks of invented conversations (`staff demo-data`) and an analist, in a database
    of their own, with the staff app serving it."""
    from tests.e2e.browser import need_chromium

    need_chromium()
    work = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore",
        "DATABASE_URL": f"sqlite:///{work / 'demo.db'}",
        "TRACKER_DATABASE_URL": f"sqlite:///{work / 'tracker.db'}",
    }

    def staff(*args):
        return run_staff(env, *args, timeout=300)

    assert "invented conversations over 8 weeks" in staff("demo-data")
    create_staff_user(env, "cijfers", "--analist")
    with python_server(["staff", "serve", "--insecure-cookie"], free_port(), env) as url:
        yield url, staff, work


def test_the_dashboard_on_demo_data_reads_at_a_glance_and_passes_axe(demo, browser):
    need_axe()
    url, _, _ = demo
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, url, "cijfers")
    page.goto(f"{url}/inzicht?gemeente=hengelo")
    assert page.locator("svg[role=img]").count() == 5
    assert "Nog geen gegevens" not in page.content()
    categories = page.locator("#gesprekken-per-onderwerp-desc").text_content()
    assert "Schulden:" in categories and "Crisis:" in categories
    assert serious_violations(page) == []
    shots = os.environ.get("HULPWIJZER_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/insight-dashboard.png", full_page=True)
    context.close()


def test_the_weekly_report_renders_as_html_and_pdf(demo, browser):
    import datetime as dt

    need_axe()
    _, staff, work = demo
    last_week = (dt.date.today() - dt.timedelta(days=7)).isocalendar()
    week = f"{last_week[0]}-W{last_week[1]:02d}"
    staff("report", "--week", week, "--gemeente", "almere", "--out", str(work / "rapport.html"))
    staff("report", "--week", week, "--gemeente", "almere", "--out", str(work / "rapport.pdf"))
    assert (work / "rapport.pdf").read_bytes()[:5] == b"%PDF-"
    context = browser.new_context()
    page = context.new_page()
    page.goto((work / "rapport.html").as_uri())
    assert page.get_by_role("heading", name=f"Hulpwijzer: weekrapport {week}").is_visible()
    assert page.locator("svg[role=img]").count() == 5 and page.locator("table").count() == 5
    assert serious_violations(page) == []
    context.close()
