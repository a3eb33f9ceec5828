"""Classify residents' messages with the trained assistant: ``python -m bot classify``.

Reads one message per line on stdin and writes one JSON object per line on stdout::

    {"text": ..., "topics": [...], "intent": ..., "confidence": ...}

It parses with the same model and the same triage component (crisis rules included) as
the live assistant. Empty lines are echoed as an object with no topics, so line N of the
output always belongs to line N of the input.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable

from bot.triage.topics import TRIAGE_KEY

DEFAULT_MODEL = Path("models/hulpwijzer.tar.gz")


class ModelMissing(RuntimeError):
    pass


def load_agent(model: Path):
    """Load the trained Rasa agent (NLU and dialogue) from ``model``."""
    if not model.exists():
        raise ModelMissing(f"No trained model at {model}. Run `make model` first.")
    from rasa.core.agent import Agent

    return Agent.load(str(model))


async def parse_after_answer(agent, text: str) -> dict[str, Any]:
    """Parse ``text`` as a message sent after the assistant showed facilities, when a
    follow-up question ("wat kost dat?") can be meant (``bot.nlu.dialogue_state``).
    ``agent.parse_message`` parses it as a first message."""
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    sender = "parse-after-answer"
    tracker = DialogueStateTracker.from_events(sender, [SlotSet("facilities", ["shown"])], slots=agent.domain.slots)
    return await agent.processor.parse_message(UserMessage(text, sender_id=sender), tracker)


def result_of(parse: dict[str, Any]) -> dict[str, Any]:
    """The public classification record of one Rasa parse result."""
    triage = parse.get(TRIAGE_KEY) or {}
    intent = parse.get("intent") or {}
    return {
        "text": parse.get("text", ""),
        "topics": list(triage.get("topics", [])),
        "intent": intent.get("name"),
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
    }


async def classify_lines(agent, lines: Iterable[str], out: IO[str]) -> int:
    count = 0
    for raw in lines:
        text = raw.rstrip("\r\n")
        if not text.strip():
            record = {"text": text, "topics": [], "intent": None, "confidence": 0.0}
        else:
            record = result_of(await agent.parse_message(text))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count


def run(model: Path, stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout) -> int:
    agent = load_agent(model)
    return asyncio.run(classify_lines(agent, stdin, stdout))
