from channels.rest import typed_text


def test_button_payloads_pass_unchanged():
    assert typed_text("/ask_werk") == "/ask_werk"
    assert typed_text('/ask_schulden{"topic": "schulden"}') == '/ask_schulden{"topic": "schulden"}'


def test_typed_text_with_a_leading_slash_becomes_plain_text():
    assert typed_text("/mijn bsn is 123456782") == "mijn bsn is 123456782"
    assert typed_text("//ik wil dood") == "ik wil dood"


def test_ordinary_and_empty_messages_are_untouched():
    assert typed_text("hallo") == "hallo"
    assert typed_text("") == ""
    assert typed_text(None) is None
