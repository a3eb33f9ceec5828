"""Done-means of the warm handoff: a resident is handed over through the REST channel, and
staff review it in the staff app in real headless Chromium (Debian's /usr/bin/chromium)."""

import os
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import need_axe, serious_violations
from tests.e2e.conftest import hand_over, log_in
from tests.e2e.whatsapp_client import Conversation, button, text

pytestmark = [pytest.mark.model, pytest.mark.browser]


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
    # a click starts the navigation; expect() waits for the detail page instead of racing it
    expect(page.get_by_role("heading", name=f"Overdracht {reference}")).to_be_visible()
    summary = page.locator("section[aria-labelledby=samenvatting]").inner_text()
    assert "Fatma" in summary and "+31612345678" in summary
    transcript = page.locator("ol.transcript").inner_text()
    # what the resident typed is shown as text: the <b> tag is visible, not bold
    assert "<b>help</b>" in transcript
    assert "Zal ik uw vraag doorsturen" in transcript
    page.get_by_role("button", name="Oppakken").click()
    expect(page.locator("section[aria-labelledby=samenvatting]")).to_contain_text("opgepakt door schuld")
    page.get_by_label("Status").select_option("contact gelegd")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.locator("section[aria-labelledby=samenvatting]")).to_contain_text(
        "contact gelegd – opgepakt door schuld"
    )
    page.close()

    other = browser.new_page()
    log_in(other, staff_app, "wijk")
    assert reference not in other.locator("main").inner_text()
    response = other.goto(f"{staff_app}/handoffs/{reference}")
    assert response.status == 404
    other.close()


def test_the_staff_pages_have_no_serious_accessibility_violations(assistant, staff_app, browser):
    need_axe()
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


def test_the_wijkteam_follows_up_a_whatsapp_resident_with_the_approved_template(assistant, staff_app, browser):
    resident = Conversation(assistant)
    resident.say(text("ik doe alles voor mijn moeder en kan niet meer"), "Bron:")
    resident.say(button("/request_human", "Contact"), "Zal ik uw vraag doorsturen")
    resident.say(button("/affirm", "Ja, graag"), "Hoe mag het team u noemen?")
    resident.say(text("Anouk"), "Hoe wilt u dat het team contact met u opneemt")
    resident.say(button("chat", "Via WhatsApp"), "Wanneer komt het u het best uit?")
    resident.say(button("maakt niet uit", "Maakt niet uit"), "Wat is uw postcode?")
    resident.say(button("overslaan", "Overslaan"), "Klopt dit?")
    reference = re.search(
        r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}", resident.say(button("/affirm", "Ja, versturen"), "Uw referentie is")
    ).group(0)

    page = browser.new_page()
    log_in(page, staff_app, "wijk")
    page.goto(f"{staff_app}/handoffs/{reference}")
    assert "via WhatsApp (zie Acties) – maakt niet uit" in page.locator("dd").all_inner_texts()
    whatsapp = page.locator("[aria-labelledby=acties]").inner_text()
    assert f"+{resident.wa_id}" in whatsapp and "mag de gemeente vrij terugschrijven" in whatsapp  # she just wrote
    page.get_by_role("button", name="Stuur WhatsApp-bericht (sjabloon hulpwijzer_opvolging)").click()
    expect(page.get_by_role("status")).to_have_text("Het WhatsApp-bericht is verstuurd.")
    template = resident.graph.to(resident.wa_id)[-1]
    assert template["type"] == "template" and template["template"]["name"] == "hulpwijzer_opvolging"
    assert [p["text"] for p in template["template"]["components"][0]["parameters"]] == [
        reference,
        "Sociaal wijkteam (wijkcoach)",
        "14 0546",
    ]
    page.close()


def test_an_exhausted_carers_handoff_is_urgent_and_reads_in_the_residents_words(assistant, staff_app, browser):
    """Issue 16's walk-through: a 79-year-old carer who cannot manage alone any more is handed
    over with the buttons pressed as the widget presses them; the wijkteam reads urgency in the
    queue and the conversation in the resident's words, in the NL Design System house style.
    With HULPWIJZER_SCREENSHOTS=<folder> the pages are saved as PNG (docs/handoff.md)."""
    need_axe()
    resident = f"test-{uuid.uuid4().hex[:12]}"
    messages = assistant.say(
        resident, "Ik ben 79 en mijn vrouw heeft alzheimer. Ik zorg voor haar maar ik red het niet meer alleen."
    )
    # urgent: the answer offers contact first ("Ja, neem contact met mij op"), then "Ja, graag"
    pressed = []
    for payload in ("/request_human", "/affirm"):
        button = next(b for m in messages for b in m.get("buttons") or [] if b["payload"] == payload)
        pressed.append(button["title"])
        messages = assistant.say(resident, button["payload"])
    for answer in ("Jan", "telefoon", "06-12345678", "liefst 's ochtends", "overslaan"):
        messages = assistant.say(resident, answer)
    summary = "\n".join(m.get("text", "") for m in messages)
    assert "het liefst 's ochtends" in summary and "liefst liefst" not in summary
    assert "- Dringend: overbelaste mantelzorger" in summary
    button = next(b for m in messages for b in m.get("buttons") or [] if b["title"] == "Ja, versturen")
    sent = "\n".join(m.get("text", "") for m in assistant.say(resident, button["payload"]))
    reference = re.search(r"referentie is (HW-[0-9A-Z]{4}-[0-9A-Z]{4})", sent).group(1)

    shots = os.environ.get("HULPWIJZER_SCREENSHOTS")
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{staff_app}/login")
    if shots:
        page.screenshot(path=f"{shots}/staff-login.png")
    log_in(page, staff_app, "wijk")
    row = page.locator("tr", has=page.get_by_role("link", name=reference))
    expect(row).to_contain_text("Dringend overbelaste mantelzorger")
    assert serious_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/staff-queue.png")
    page.get_by_role("link", name=reference).click()
    conversation = page.locator("[aria-labelledby=gesprek]").inner_text()
    for title in (*pressed, "Ja, versturen"):
        assert f"Koos de knop “{title}”" in conversation
    assert "/request_human" not in page.content() and "/affirm" not in page.content()
    assert "leeftijd inwoner: 79 jaar" in page.locator("[aria-labelledby=samenvatting]").inner_text()
    assert serious_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/staff-detail.png", full_page=True)
    context.close()
