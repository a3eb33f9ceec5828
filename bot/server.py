"""The Rasa server, started as ``python -m bot.server run …`` (the same arguments as
``rasa run``), with one measured speed-up.

Rasa 3.6 checks every response of the action server with ``jsonschema.validate``. That
function first checks Rasa's own schema, which never changes, against the JSON Schema
2020-12 meta-schema. It takes about 40 ms per custom action, against under 1 ms for the
check of the response itself (jsonschema 4.17, this project's 2-core machine). A first
question runs two custom actions (``action_session_start`` and the answer). py-spy put
about 80% of the Rasa server's CPU time there during a run of questions.

:func:`speed_up_action_validation` builds the validator once. A valid response passes as
before. An invalid one goes through Rasa's own check, so it is rejected exactly as before,
with Rasa's message. Rasa 3.6 is the last open-source release, so no upstream fix will
come. ``benchmarks/widget_latency.py`` shows the effect (numbers in ``docs/channels.md``).
"""

from __future__ import annotations

from typing import Any, Dict

_FAST = "_hulpwijzer_prebuilt_validator"


def speed_up_action_validation() -> None:
    """Make Rasa validate action server responses with a validator built once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    rasa_check = RemoteAction._validate_action_result
    if getattr(rasa_check, _FAST, False):
        return
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)  # what jsonschema.validate picks: the latest draft
    cls.check_schema(schema)  # once, here, instead of at every action
    validator = cls(schema)

    def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        if validator.is_valid(result):
            return True
        return rasa_check(self, result)  # invalid: Rasa's own error and message

    setattr(_validate_action_result, _FAST, True)
    RemoteAction._validate_action_result = _validate_action_result


def main() -> None:
    speed_up_action_validation()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
