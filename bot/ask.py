"""Ask the real assistant a question: ``python -m bot ask --gemeente almere "vraag"``.

Prints what the assistant would reply, as JSON::

    {"gemeente": "almere", "topics": [...], "replies": ["..."],
     "facilities": [{"id": ..., "name": ..., "source": ...}]}

With ``--jsonl`` it reads lines ``{"gemeente": ..., "text": ...}`` from stdin and writes one
such object per line (a line it cannot read gets ``{"line": N, "error": ...}``, so nothing
is dropped silently). Every question is a new conversation. It runs the trained model and
the real actions: an action server is started for the run unless ``--action-endpoint``
names a running one.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from bot.triage.topics import TRIAGE_KEY
from core.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
ACTION_SERVER_TIMEOUT = 120


class AskError(RuntimeError):
    """A problem the user can fix (no model, unknown municipality, action server down)."""


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@contextmanager
def action_server() -> Iterator[str]:
    """Start the project's action server on a free local port; yields its webhook URL."""
    port = free_port()
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + ACTION_SERVER_TIMEOUT
            while not _healthy(f"http://127.0.0.1:{port}/health"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise AskError("the action server did not start:\n" + log.read()[-2000:])
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}/webhook"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def check_gemeente(gemeente: str) -> str:
    from knowledge_base import gemeenten

    key = gemeente.strip().lower()
    if key not in gemeenten.load():
        raise AskError(f"unknown gemeente {gemeente!r} (known: {', '.join(sorted(gemeenten.load()))})")
    return key


class Asker:
    def __init__(self, agent):
        self.agent = agent

    async def ask(self, gemeente: str, text: str) -> dict[str, Any]:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        from knowledge_base.service import get_knowledge_base

        sender = f"ask-{uuid.uuid4().hex}"
        output = CollectingOutputChannel()
        await self.agent.handle_message(UserMessage(text, output, sender, metadata={"gemeente": gemeente}))
        tracker = await self.agent.tracker_store.retrieve(sender)
        parse = tracker.latest_message.parse_data if tracker and tracker.latest_message else {}
        topics = list((parse.get(TRIAGE_KEY) or {}).get("topics") or [])
        kb = get_knowledge_base()
        shown = tracker.get_slot("facilities") if tracker else None
        facilities = [kb.facilities[i] for i in shown or [] if i in kb.facilities]
        return {
            "gemeente": (tracker.get_slot("gemeente") if tracker else None) or gemeente,
            "topics": topics,
            "replies": [m["text"] for m in output.messages if m.get("text")],
            "facilities": [{"id": f.id, "name": f.name, "source": f.source} for f in facilities],
        }


def load_agent(model: Path, action_url: str):
    if not model.exists():
        raise AskError(f"No trained model at {model}. Run `make model` first.")
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    return Agent.load(str(model), action_endpoint=EndpointConfig(url=action_url))


async def _run_jsonl(asker: Asker, default_gemeente: str, stdin: IO[str], stdout: IO[str]) -> int:
    failures = 0
    for number, raw in enumerate(stdin, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            gemeente = check_gemeente(str(item.get("gemeente") or default_gemeente))
            record = await asker.ask(gemeente, item["text"])
        except (ValueError, AskError) as exc:
            failures += 1
            record = {"line": number, "error": str(exc)}
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()
    return failures


def run(
    model: Path,
    gemeente: str,
    question: str | None,
    jsonl: bool,
    action_url: str | None = None,
    stdin: IO[str] = sys.stdin,
    stdout: IO[str] = sys.stdout,
) -> int:
    """Exit status: 0, or 1 when some ``--jsonl`` lines could not be answered."""
    gemeente = check_gemeente(gemeente)
    if not jsonl and not (question or "").strip():
        raise AskError("give a question, or --jsonl to read questions from stdin")

    def go(url: str) -> int:
        asker = Asker(load_agent(model, url))
        if jsonl:
            return 1 if asyncio.run(_run_jsonl(asker, gemeente, stdin, stdout)) else 0
        record = asyncio.run(asker.ask(gemeente, question or ""))
        stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return 0

    if action_url:
        return go(action_url)
    with action_server() as url:
        return go(url)
