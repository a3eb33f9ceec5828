from channels.rest import typed_text


def test_button_payloads_pass_unchanged():
    assert typed_text("/ask_werk") == "/ask_werk"
    assert typed_text("/ask_schulden+ask_werk") == "/ask_schulden+ask_werk"


def test_a_payload_the_assistant_never_sends_is_text():
    """Rasa logs the whole text of an unknown intent payload (issue 12)."""
    assert typed_text("/onbekend_bsn_123456782") == "onbekend_bsn_123456782"
    assert typed_text('/ask_schulden{"naam": "Fatma"}') == 'ask_schulden{"naam": "Fatma"}'


def test_typed_text_with_a_leading_slash_becomes_plain_text():
    assert typed_text("/mijn bsn is 123456782") == "mijn bsn is 123456782"
    assert typed_text("//ik wil dood") == "ik wil dood"


def test_ordinary_and_empty_messages_are_untouched():
    assert typed_text("hallo") == "hallo"
    assert typed_text("") == ""
    assert typed_text(None) is None


def test_only_the_municipality_id_is_taken_from_request_metadata():
    from channels.rest import allowed_metadata

    body = {"message": "hoi", "metadata": {"gemeente": " Almere ", "phone": "0612345678", "name": "Jansen"}}
    assert allowed_metadata(body) == {"gemeente": "almere"}


def test_missing_or_malformed_metadata_is_ignored():
    from channels.rest import allowed_metadata

    for body in (
        {"message": "hoi"},
        {"metadata": "almere"},
        {"metadata": {"gemeente": 12}},
        {"metadata": {"gemeente": "<script>"}},
        None,
        [],
    ):
        assert allowed_metadata(body) is None
