from rasa.shared.nlu.training_data.message import Message

from bot.triage.component import MAX_TRIAGE_CHARS, TriageClassifier


def process(text, ranking):
    component = TriageClassifier(TriageClassifier.get_default_config())
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    component.process([message])
    return message


def test_button_payload_is_left_to_rasa():
    message = process("/ask_werk", [{"name": "ask_werk", "confidence": 1.0}])
    assert message.get("triage") is None


def test_typed_slash_text_is_triaged_and_a_crisis_wins():
    message = process("/ik wil dood", [{"name": "ask_werk", "confidence": 0.9}])
    assert message.get("intent")["name"] == "crisis"
    assert message.get("triage")["topics"][0] == "crisis"


def test_very_long_message_is_triaged_quickly_on_its_beginning():
    import time

    text = "ik wil er niet meer zijn " + "x" * (20 * MAX_TRIAGE_CHARS)
    start = time.perf_counter()
    message = process(text, [{"name": "ask_werk", "confidence": 0.9}])
    assert message.get("intent")["name"] == "crisis"
    assert time.perf_counter() - start < 2
