"""Done-means of the website chat: a resident uses the widget on a municipality's demo page in
real headless Chromium (Debian's /usr/bin/chromium), against the real Rasa server and
action server over socket.io, under the page's strict Content-Security-Policy."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.e2e.browser import need_axe, serious_violations
from tests.e2e.conftest import python_server

pytestmark = [pytest.mark.model, pytest.mark.browser]

REFERENCE = re.compile(r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture(scope="module")
def site(assistant):
    """The widget's demo site on the one origin the Rasa server lets open the chat."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HULPWIJZER_RETENTION_DAYS": "180"}
    with python_server(["widget", "serve", "--server", assistant.base_url], assistant.widget_port, env) as url:
        yield url


class Resident:
    """A resident on a demo page, using only what the page shows: roles, labels, text."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))

    @property
    def log(self):
        return self.page.get_by_role("log")

    def open_chat(self) -> None:
        self.page.get_by_role("button", name="Stel uw vraag").click()

    def type(self, text: str) -> None:
        box = self.page.get_by_label("Uw bericht")
        box.fill(text)
        box.press("Enter")

    def messages(self) -> int:
        return self.page.locator(".hulpwijzer__log > li").count()

    def wait_for(self, text: str, after: int = 0, timeout: float = 30_000) -> None:
        """Until a message after the first ``after`` ones contains ``text``."""
        self.page.wait_for_function(
            "([text, after]) => [...document.querySelectorAll('.hulpwijzer__log > li')].slice(after)"
            ".some(li => li.textContent.includes(text))",
            arg=[text, after],
            timeout=timeout,
        )

    def ask(self, text: str, expect: str) -> None:
        before = self.messages()
        self.type(text)
        self.wait_for(expect, after=before)

    def click(self, title: str, expect: str) -> None:
        before = self.messages()
        self.log.get_by_role("button", name=title).click()
        self.wait_for(expect, after=before)


def test_a_resident_asks_gets_an_answer_and_a_reload_keeps_the_conversation_up_to_a_reference_code(site, browser):
    page = browser.new_page()
    resident = Resident(page)
    page.goto(f"{site}/almere")
    resident.open_chat()
    # the widget opens with the focus in the message box and the privacy line described by it
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "hulpwijzer-privacy"
    assert "180 dagen" in page.locator("#hulpwijzer-privacy").inner_text()

    resident.ask("ik heb schulden en de deurwaarder komt langs", "Wilt u dat iemand van")
    log = resident.log.inner_text()
    assert "Schulddienstverlening (PLANgroep)" in log and "Bron:" in log  # Almere's facility, from the page
    resident.click("Ja, neem contact met mij op", "Zal ik uw vraag doorsturen")

    page.reload()
    # after the reload the chat is still open, with the whole conversation and the open question
    assert "de deurwaarder komt langs" in resident.log.inner_text()
    assert "Zal ik uw vraag doorsturen" in resident.log.inner_text()
    resident.click("Ja, graag", "Hoe mag het team u noemen?")
    # the buttons of an answered question are gone: only the latest answer has buttons
    assert resident.log.get_by_role("button", name="Ja, graag").count() == 0

    resident.ask("Fatma", "Hoe wilt u dat het team contact")
    resident.click("Bellen", "telefoonnummer")
    resident.ask("0612", "telefoonnummer")  # a wrong number is asked again, nothing lost
    resident.ask("06-12345678", "Wanneer komt het u het best uit?")
    resident.click("Maakt niet uit", "postcode")
    resident.click("Overslaan", "Klopt dit?")
    summary = resident.log.locator("li").filter(has_text="Fatma").last.inner_text()
    assert "deurwaarder" in summary  # the question in the resident's own words
    resident.click("Ja, versturen", "Uw referentie is")
    assert REFERENCE.search(resident.log.inner_text())
    assert resident.problems == []
    page.close()


def test_the_crisis_answer_comes_first_in_the_widget(site, browser):
    page = browser.new_page()
    resident = Resident(page)
    page.goto(f"{site}/hengelo")
    resident.open_chat()
    resident.ask("ik wil er niet meer zijn", "0800-0113")
    answers = resident.log.locator("li").all_inner_texts()[1:]
    assert "ernstig" in answers[0]
    numbers = next(i for i, text in enumerate(answers) if "0800-0113" in text)
    assert not any("Bron:" in text for text in answers[:numbers])  # nothing comes before the numbers
    # the numbers can be called from a phone
    assert resident.log.locator('a[href="tel:08000113"]').count() >= 1
    page.close()


def test_the_widget_works_with_the_keyboard_alone(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/almelo")
    launcher = page.get_by_role("button", name="Stel uw vraag")
    # Tab from the top of the page reaches the launcher; it says whether the chat is open
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hulpwijzer__launcher')"):
            break
    else:
        pytest.fail("the chat button cannot be reached with Tab")
    assert launcher.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hulpwijzer-input"
    page.keyboard.type("ik zorg voor mijn moeder en kan niet meer")
    page.keyboard.press("Enter")
    resident = Resident(page)
    resident.wait_for("Bron:")
    page.wait_for_selector(".hulpwijzer__choice")
    # Shift+Tab from the message box reaches the answer's last button; Enter chooses it
    page.keyboard.press("Shift+Tab")
    choice = page.evaluate(
        "document.activeElement.classList.contains('hulpwijzer__choice') && document.activeElement.textContent"
    )
    assert choice, "the answer's buttons cannot be reached with the keyboard"
    before = resident.messages()
    page.keyboard.press("Enter")
    resident.wait_for(choice, after=before)
    assert page.evaluate("document.activeElement.id") == "hulpwijzer-input"
    # Escape closes the chat and gives the focus back to the button that opened it
    page.keyboard.press("Escape")
    assert page.get_by_role("region", name="Hulpwijzer").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('hulpwijzer__launcher')")
    assert page.get_by_role("button", name="Stel uw vraag").get_attribute("aria-expanded") == "false"
    page.close()


def test_focus_is_visible_on_every_control_of_the_widget(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/almelo")
    Resident(page).open_chat()
    missing = []
    for _ in range(8):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.className, s.outlineStyle, s.outlineWidth]; })()"
        )
        if style[0].startswith("hulpwijzer") and (style[1] == "none" or style[2] == "0px"):
            missing.append(style[0])
    assert missing == []
    page.close()


def test_new_messages_are_announced_through_a_polite_live_log(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/almere")
    resident = Resident(page)
    resident.open_chat()
    assert resident.log.get_attribute("aria-live") == "polite"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator(".hulpwijzer").get_attribute("lang") == "nl"
    # the status line ("Hulpwijzer schrijft een antwoord…") is a status region
    assert page.get_by_role("status").count() == 1
    page.close()


def test_at_400_percent_zoom_the_chat_fits_without_scrolling_sideways(site, browser):
    # 1280 x 1024 CSS pixels at 400% zoom is a 320 x 256 viewport (WCAG 1.4.10 reflow)
    context = browser.new_context(viewport={"width": 320, "height": 256})
    page = context.new_page()
    resident = Resident(page)
    page.goto(f"{site}/almere")
    resident.open_chat()
    resident.ask("ik zoek werk", "Bron:")
    sideways = page.evaluate(
        "[...document.querySelectorAll('.hulpwijzer *')].filter(e => e.getBoundingClientRect().right > 321"
        " && getComputedStyle(e).position !== 'absolute').map(e => e.className)"
    )
    assert sideways == []
    # every control can be scrolled into view and is then inside the screen
    for control in (
        page.get_by_label("Uw bericht"),
        page.get_by_role("button", name="Verstuur"),
        page.get_by_role("button", name="Chat sluiten"),
    ):
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 321
    context.close()


def test_the_demo_page_keeps_a_strict_policy_and_the_widget_loads_nothing_from_elsewhere(site, browser, assistant):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda ws: requested.append(ws.url))
    resident = Resident(page)
    response = page.goto(f"{site}/hengelo")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    resident.open_chat()
    resident.ask("ik zoek werk", "Bron:")
    hosts = {urlsplit(url).netloc for url in requested}
    assert hosts <= {urlsplit(site).netloc, urlsplit(assistant.base_url).netloc}
    assert resident.problems == []  # no script error, no CSP violation in the console
    # the municipality's theme reaches the widget through custom properties
    colours = page.get_by_role("button", name="Verstuur").evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
    )
    assert colours == ["rgb(45, 106, 31)", "rgb(255, 255, 255)"]  # demo.css: Hengelo's --demo-accent #2d6a1f
    page.close()


def test_a_message_typed_before_the_connection_is_up_is_sent_not_lost(site, browser, assistant):
    page = browser.new_page()
    resident = Resident(page)
    page.goto(f"{site}/almere")
    # hold the socket back: the resident types before the chat is connected
    server_reachable = False
    page.route_web_socket(
        re.compile(r".*/socket\.io/.*"), lambda ws: ws.connect_to_server() if server_reachable else None
    )
    resident.open_chat()
    resident.type("ik heb schulden")
    assert "ik heb schulden" in resident.log.inner_text()
    page.get_by_role("status").get_by_text("verbinding", exact=False).wait_for(timeout=5_000)
    # the connection comes back: the waiting message goes out and is answered
    server_reachable = True
    page.reload()
    resident.wait_for("Bron:", timeout=40_000)
    page.close()


def test_the_widget_has_no_serious_accessibility_violations(site, browser):
    need_axe()
    # the page's CSP forbids injected scripts; only this test context may bypass it
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/almelo")
    assert serious_violations(page) == []  # closed: the launcher on the page
    resident = Resident(page)
    resident.open_chat()
    resident.ask("ik heb schulden", "Bron:")  # open, with an answer, links and buttons
    assert serious_violations(page) == []
    context.close()


def test_clearing_the_conversation_starts_a_new_one_in_this_browser(site, browser):
    page = browser.new_page()
    resident = Resident(page)
    page.goto(f"{site}/almere")
    resident.open_chat()
    resident.ask("ik zoek werk", "Bron:")
    before = page.evaluate("JSON.parse(sessionStorage.getItem('hulpwijzer:almere')).sessionId")
    page.get_by_role("button", name="Gesprek wissen").click()
    assert "ik zoek werk" not in resident.log.inner_text()
    assert page.get_by_role("status").inner_text() == "Het gesprek is gewist in deze browser."
    assert page.evaluate("JSON.parse(sessionStorage.getItem('hulpwijzer:almere')).sessionId") != before
    resident.ask("ik heb schulden", "Bron:")  # the new conversation works
    assert "ik zoek werk" not in resident.log.inner_text()
    assert resident.problems == []
    page.close()


def test_a_question_lost_with_a_dropped_connection_is_sent_again_and_answered(site, browser):
    page = browser.new_page()
    resident = Resident(page)
    dropped: list[str] = []

    def route(ws):
        server = ws.connect_to_server()

        def from_page(message):
            if not dropped and "user_uttered" in str(message):
                dropped.append(str(message))
                ws.close()  # the connection breaks while the question is on its way
                return
            server.send(message)

        ws.on_message(from_page)

    page.route_web_socket(re.compile(r".*/socket\.io/.*"), route)
    page.goto(f"{site}/almere")
    resident.open_chat()
    resident.ask("ik heb schulden", "Bron:")
    assert len(dropped) == 1  # the first try never reached the server; the second was answered
    assert resident.log.inner_text().count("ik heb schulden") == 1  # shown once
    page.close()


def test_a_question_whose_answer_was_lost_is_sent_again_and_answered_once(site, browser, assistant):
    page = browser.new_page()
    resident = Resident(page)
    lost: list[str] = []
    questions: list[str] = []

    def route(ws):
        server = ws.connect_to_server()

        def from_page(message):
            if "user_uttered" in str(message):
                questions.append(str(message))
            server.send(message)

        def from_server(message):
            if not lost and "bot_uttered" in str(message):
                lost.append(str(message))
                ws.close()  # the server has the question, the connection breaks before the answer
                return
            ws.send(message)

        ws.on_message(from_page)
        server.on_message(from_server)

    page.route_web_socket(re.compile(r".*/socket\.io/.*"), route)
    page.goto(f"{site}/almere")
    resident.open_chat()
    resident.ask("ik heb schulden", "Bron:")
    assert len(lost) == 1 and len(questions) == 2  # sent, and sent again after the drop
    # both copies carry the same id: the server answered the second from the first
    ids = {re.search(r'"message_id":"([0-9a-f]+)"', q).group(1) for q in questions}
    assert len(ids) == 1
    # one more turn: Rasa saves a turn after sending its answer, and handles a conversation's
    # turns one by one, so the tracker now holds everything before this one
    resident.ask("ik zoek ook werk", "Bron:")
    session = page.evaluate("JSON.parse(sessionStorage.getItem('hulpwijzer:almere')).sessionId")
    assert assistant.user_messages(session).count("ik heb schulden") == 1  # the conversation saw it once
    assert resident.log.inner_text().count("ik heb schulden") == 1
    assert resident.problems == []
    page.close()


def test_on_a_phone_the_chat_fills_the_screen_and_keeps_its_header_and_input_in_view(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 700})
    page = context.new_page()
    resident = Resident(page)
    page.goto(f"{site}/hengelo")
    resident.open_chat()
    resident.ask("ik zorg voor mijn vader en het wordt me te veel", "Bron:")
    page.wait_for_selector(".hulpwijzer__choice")
    for control in (page.get_by_role("button", name="Chat sluiten"), page.get_by_label("Uw bericht")):
        box = control.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 700  # visible without scrolling
    # a landline number in an answer can be tapped too (MantelzorgNL 030-7606055)
    assert resident.log.locator('a[href="tel:0307606055"]').count() >= 1
    context.close()
