from channels.whatsapp_format import (
    BODY_LIMIT,
    TEXT_LIMIT,
    UNSUPPORTED_REPLY,
    outgoing,
    parse_webhook,
    split_text,
)


def value(messages=None, statuses=None):
    v = {"messaging_product": "whatsapp"}
    if messages is not None:
        v["messages"] = messages
    if statuses is not None:
        v["statuses"] = statuses
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": v}]}],
    }


def test_text_button_list_and_media_messages_are_read():
    parsed = parse_webhook(
        value(
            [
                {"from": "31611111111", "id": "wamid.1", "type": "text", "text": {"body": "ik heb schulden"}},
                {
                    "from": "31611111111",
                    "id": "wamid.2",
                    "type": "interactive",
                    "interactive": {"type": "button_reply", "button_reply": {"id": "/affirm", "title": "Ja, graag"}},
                },
                {
                    "from": "31611111111",
                    "id": "wamid.3",
                    "type": "interactive",
                    "interactive": {"type": "list_reply", "list_reply": {"id": "/ask_werk", "title": "Werk"}},
                },
                {"from": "31611111111", "id": "wamid.4", "type": "image", "image": {"id": "x"}},
                {"from": "31611111111", "id": "wamid.5", "type": "location", "location": {"latitude": 52.3}},
            ]
        )
    )
    assert [(m.message_id, m.kind, m.text) for m in parsed] == [
        ("wamid.1", "text", "ik heb schulden"),
        ("wamid.2", "button", "/affirm"),
        ("wamid.3", "list", "/ask_werk"),
        ("wamid.4", "unsupported", None),
        ("wamid.5", "unsupported", None),
    ]


def test_status_callbacks_are_not_messages():
    assert parse_webhook(value(statuses=[{"id": "wamid.1", "status": "read"}])) == []
    assert parse_webhook({}) == []


def test_long_texts_are_split_at_sentence_ends_under_the_limit():
    sentence = "Dit is een zin van ongeveer vijftig tekens lang. "
    chunks = split_text(sentence * 200)
    assert len(chunks) > 1 and all(len(c) <= TEXT_LIMIT for c in chunks)
    assert all(c.endswith(".") for c in chunks)


def test_up_to_three_buttons_become_reply_buttons_with_short_titles():
    [message] = outgoing(
        "316",
        "Klopt dit?",
        [
            {"title": "Ja, versturen", "payload": "/affirm"},
            {"title": "Aanpassen van de gegevens die ik gaf", "payload": "/handoff_change"},
            {"title": "Stoppen", "payload": "/handoff_cancel"},
        ],
    )
    buttons = message["interactive"]["action"]["buttons"]
    assert [b["reply"]["id"] for b in buttons] == ["/affirm", "/handoff_change", "/handoff_cancel"]
    assert buttons[1]["reply"]["title"] == "Aanpassen van de ge…" and all(
        len(b["reply"]["title"]) <= 20 for b in buttons
    )


def test_more_than_three_options_become_a_list_and_more_than_ten_fall_back_to_text():
    options = [{"title": f"Keuze {i}", "payload": f"/keuze_{i}"} for i in range(12)]
    messages = outgoing("316", "Waar gaat het over?", options)
    assert messages[0]["type"] == "text" and "Keuze 10, Keuze 11" in messages[0]["text"]["body"]
    rows = messages[-1]["interactive"]["action"]["sections"][0]["rows"]
    assert messages[-1]["interactive"]["type"] == "list" and len(rows) == 10


def test_a_long_text_with_buttons_puts_the_buttons_on_the_last_part():
    messages = outgoing("316", "Een lange uitleg. " * 120, [{"title": "Ja", "payload": "/affirm"}])
    assert [m["type"] for m in messages][-1] == "interactive"
    assert all(len(m.get("text", {}).get("body", "")) <= TEXT_LIMIT for m in messages)
    assert len(messages[-1]["interactive"]["body"]["text"]) <= BODY_LIMIT


def test_the_reply_to_media_is_plain_dutch():
    assert UNSUPPORTED_REPLY.startswith("Ik kan alleen tekst lezen.")


def test_the_window_starts_when_the_resident_sent_the_message():
    import datetime as dt

    from channels.whatsapp_format import parse_webhook

    def body(timestamp):
        return {
            "entry": [
                {
                    "changes": [
                        {
                            "value": {
                                "messages": [
                                    {
                                        "from": "316",
                                        "id": "wamid.1",
                                        "timestamp": timestamp,
                                        "type": "text",
                                        "text": {"body": "hoi"},
                                    }
                                ]
                            }
                        }
                    ]
                }
            ]
        }

    assert parse_webhook(body("1795000000"))[0].sent_at == dt.datetime(2026, 11, 18, 11, 6, 40, tzinfo=dt.timezone.utc)
    # a missing or future timestamp never makes the window longer than from now
    now = dt.datetime.now(dt.timezone.utc)
    for odd in (None, "soon", str(int(now.timestamp()) + 86_400)):
        assert abs((parse_webhook(body(odd))[0].sent_at - now).total_seconds()) < 5


def test_a_template_message_carries_its_name_language_and_body_parameters():
    from channels.whatsapp_format import Template

    message = Template("hulpwijzer_opvolging").message("31612345678", ["HW-AAAA-BBBB", "Sociaal wijkteam", "14 0546"])
    assert message["type"] == "template" and message["to"] == "31612345678"
    assert message["template"]["name"] == "hulpwijzer_opvolging" and message["template"]["language"] == {"code": "nl"}
    assert [p["text"] for p in message["template"]["components"][0]["parameters"]] == [
        "HW-AAAA-BBBB",
        "Sociaal wijkteam",
        "14 0546",
    ]
