from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def test_the_action_server_registers_exactly_the_actions_the_domain_names():
    executor = ActionExecutor()
    executor.register_package("actions")
    declared = {"action_session_start"}
    for path in DOMAIN.glob("*.yml"):
        declared |= set((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("actions") or [])
    assert set(executor.actions) == declared
