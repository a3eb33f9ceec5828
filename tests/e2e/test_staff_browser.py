"""Done-means of the warm handoff: a resident is handed over through the REST channel, and
staff review it in the staff app in real headless Chromium (Debian's /usr/bin/chromium)."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import free_port, wait_for

pytestmark = [pytest.mark.model, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "een lang wachtwoord"


@pytest.fixture(scope="module")
def staff_app(assistant):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); `make test` installs it with apt")
    work = assistant.log_path.parent
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite:///{work / 'hulpwijzer.db'}",
           "TRACKER_DATABASE_URL": f"sqlite:///{work / 'tracker.db'}"}
    for user, team in (("schuld", "almelo-kcc"), ("wijk", "almelo-sociaal-wijkteam")):
        made = subprocess.run([sys.executable, "-m", "staff", "create-user", user, "--team", team],
                              input=PASSWORD + "\n", text=True, capture_output=True, cwd=ROOT, env=env, timeout=120)
        assert made.returncode == 0, made.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "staff", "serve", "--port", str(port), "--insecure-cookie"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/health", proc, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


def hand_over(assistant) -> str:
    resident = f"test-{uuid.uuid4().hex[:12]}"
    assistant.text(resident, "er staat een deurwaarder aan de deur <b>help</b> en ik kan de huur niet betalen")
    assistant.text(resident, "/request_human")
    for answer in ("ja", "Fatma", "bellen", "06-12345678", "maakt niet uit", "overslaan"):
        assistant.text(resident, answer)
    sent = assistant.text(resident, "ja")
    return re.search(r"referentie is (HW-[0-9A-Z]{4}-[0-9A-Z]{4})", sent).group(1)


def log_in(page, base, user):
    page.goto(f"{base}/login")
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def test_the_schulden_team_reviews_the_urgent_handoff_and_another_team_cannot(assistant, staff_app, browser):
    reference = hand_over(assistant)
    page = browser.new_page()
    log_in(page, staff_app, "schuld")
    rows = page.locator("tbody tr").all_inner_texts()
    mine = next(i for i, row in enumerate(rows) if reference in row)
    assert "Dringend" in rows[mine]
    # urgent handoffs are on top: nothing above this one is an ordinary one
    assert all("Dringend" in row for row in rows[:mine])
    page.get_by_role("link", name=reference).click()
    assert page.get_by_role("heading", name=f"Overdracht {reference}").is_visible()
    summary = page.locator("section[aria-labelledby=samenvatting]").inner_text()
    assert "Fatma" in summary and "+31612345678" in summary
    transcript = page.locator("ol.transcript").inner_text()
    # what the resident typed is shown as text: the <b> tag is visible, not bold
    assert "<b>help</b>" in transcript
    assert "Zal ik uw vraag doorsturen" in transcript
    page.get_by_role("button", name="Oppakken").click()
    page.get_by_label("Status").select_option("contact gelegd")
    page.get_by_role("button", name="Status opslaan").click()
    assert "contact gelegd – opgepakt door schuld" in page.locator("section[aria-labelledby=samenvatting]").inner_text()
    page.close()

    other = browser.new_page()
    log_in(other, staff_app, "wijk")
    assert reference not in other.locator("main").inner_text()
    response = other.goto(f"{staff_app}/handoffs/{reference}")
    assert response.status == 404
    other.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.length)"""
    )


def test_the_staff_pages_have_no_serious_accessibility_violations(assistant, staff_app, browser):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (node_modules/axe-core); `make test` installs it with npm")
    reference = hand_over(assistant)
    # the app's CSP forbids injected scripts; only this test context may bypass it
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{staff_app}/login")
    assert serious_violations(page) == []
    log_in(page, staff_app, "schuld")
    assert serious_violations(page) == []
    page.goto(f"{staff_app}/handoffs/{reference}")
    assert serious_violations(page) == []
    context.close()
