"""The Rasa server's speed-up: action server responses are checked with a validator built
once, with the same outcome as Rasa's own check."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import server

VALID = {
    "events": [{"event": "slot", "name": "gemeente", "value": "almere"}],
    "responses": [{"text": "Bij Schulddienstverlening (PLANgroep) kunt u terecht."}],
}
INVALID = {"events": [{"event": "slot", "name": 12}], "responses": "niet goed"}


@pytest.fixture
def action(monkeypatch):
    # put Rasa's own method back after the test, whatever it changed
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    return RemoteAction("action_answer_help_question", EndpointConfig("http://127.0.0.1:5055/webhook"))


def test_a_valid_response_passes_without_checking_rasas_schema_again(action, monkeypatch):
    server.speed_up_action_validation()
    import jsonschema

    def slow_path(*_args, **_kwargs):
        raise AssertionError("jsonschema.validate (with its schema check) was called")

    monkeypatch.setattr(jsonschema, "validate", slow_path)
    assert action._validate_action_result(VALID) is True


def test_an_invalid_response_is_rejected_as_rasa_rejects_it(action):
    with pytest.raises(ValidationError) as by_rasa:
        action._validate_action_result(INVALID)
    server.speed_up_action_validation()
    with pytest.raises(ValidationError) as sped_up:
        action._validate_action_result(INVALID)
    assert sped_up.value.message == by_rasa.value.message
    assert "Failed to validate Action server response" in sped_up.value.message


def test_applying_it_twice_wraps_once(action):
    server.speed_up_action_validation()
    once = RemoteAction._validate_action_result
    server.speed_up_action_validation()
    assert RemoteAction._validate_action_result is once
