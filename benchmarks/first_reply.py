"""What a resident's first message gets as the first reply, through the whole assistant.

    .venv/bin/python benchmarks/first_reply.py [--model M] [--gemeente almelo] [--misses] [--dump DIR] FILE.jsonl ...

Starts the action server (``rasa run actions``) on a free port with a fresh knowledge base,
loads the trained model in this process and sends every message of FILE as the first
message of a new conversation (with the municipality's page as metadata: the line's
``gemeente``, else ``--gemeente``). Then it reads what the assistant did:

* **routing** (lines with ``topics``): the reply is right when it answers one of the
  message's help topics, or offers one of them among the "Bedoelt u ...?" buttons; a
  crisis message must get the crisis answer first; an out-of-scope question must get
  neither a topic answer nor a crisis answer. The goal is 97% (issue 10).
* **answers** (lines with ``fits``, e.g. ``kb_blind2.jsonl``): the answer names a fitting
  facility among the 1-3 it shows (goal 97%, issue 15), the first facility shown fits, and
  the reply is about the resident's own municipality, not a place named in passing (goal 0).

``--dump DIR`` writes each set's lines with what the assistant did (``reply``) to
``DIR/<set>.replies.jsonl``, for reading the misses without running the set again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.classify import DEFAULT_MODEL  # noqa: E402
from bot.logging_setup import quiet_rasa  # noqa: E402
from core.ports import free_port  # noqa: E402
from core.topics import HELP_TOPICS, topics_of_intent  # noqa: E402

CRISIS_ACTION = "action_respond_crisis"
#: lines that are no first help message (a greeting, another language): not counted
NOT_A_FIRST_QUESTION = {
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "request_human",
    "affirm",
    "deny",
    "other_language",
}


def start_action_server(port: int, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url, "PYTHONWARNINGS": "ignore"}
    rasa = str(Path(sys.executable).with_name("rasa"))
    proc = subprocess.Popen(
        [rasa, "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the action server did not start")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise TimeoutError("the action server did not start within 120 s")


def first_reply(tracker, messages: list[dict]) -> dict:
    """What the assistant did after the first user message of ``tracker``."""
    events = tracker.events_after_latest_restart()
    users = [i for i, e in enumerate(events) if getattr(e, "type_name", "") == "user"]
    after = events[users[0] + 1 :] if users else []
    actions = [e.action_name for e in after if getattr(e, "type_name", "") == "action"]
    slots = {e.key: e.value for e in after if getattr(e, "type_name", "") == "slot"}
    offered = []
    for message in messages:
        for button in message.get("buttons") or []:
            payload = str(button.get("payload", ""))
            offered += topics_of_intent(payload.lstrip("/").split("{")[0])
    return {
        "crisis_first": bool(actions) and actions[0] == CRISIS_ACTION,
        "answered": [t for t in slots.get("topics") or [] if t in HELP_TOPICS],
        "offered": sorted(set(offered)),
        "facilities": list(slots.get("facilities") or []),
        "gemeente": slots.get("gemeente"),
        "gemeente_onbekend": slots.get("gemeente_onbekend"),
        "intent": (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None,
    }


async def run(agent, rows: list[dict], default_gemeente: str) -> list[dict]:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    replies = []
    for row in rows:
        sender = f"first-reply-{uuid.uuid4().hex}"
        output = CollectingOutputChannel()
        gemeente = row.get("gemeente") or default_gemeente
        await agent.handle_message(
            UserMessage(row["text"], output, sender, metadata={"gemeente": gemeente}, input_channel="rest")
        )
        tracker = await agent.tracker_store.retrieve(sender)
        replies.append(first_reply(tracker, output.messages))
    return replies


def routing_right(row: dict, reply: dict) -> bool:
    gold = set(row["topics"])
    if "crisis" in gold:
        return reply["crisis_first"]
    if gold & set(HELP_TOPICS):
        return bool(gold & set(reply["answered"] or reply["offered"]))
    return not reply["crisis_first"] and not reply["answered"]


def report_routing(name: str, rows: list[dict], replies: list[dict], misses: bool) -> None:
    by_kind = defaultdict(lambda: [0, 0])
    for row, reply in zip(rows, replies):
        gold = set(row["topics"])
        kind = "crisis" if "crisis" in gold else "help topic" if gold & set(HELP_TOPICS) else "out of scope"
        ok = routing_right(row, reply)
        for key in ("all", kind):
            by_kind[key][0] += ok
            by_kind[key][1] += 1
    hits, total = by_kind["all"]
    offered = sum(1 for reply in replies if reply["offered"] and not reply["answered"])
    print(
        f"{name}: first reply answers the right topic or offers it: {hits}/{total} = {hits / total:.1%}"
        f" ({offered} replies were a 'Bedoelt u ...?' question)"
    )
    for kind in ("help topic", "crisis", "out of scope"):
        if by_kind[kind][1]:
            h, n = by_kind[kind]
            print(f"  {kind:<14}{h:>4}/{n:<4}{h / n:.1%}")
    if misses:
        for row, reply in zip(rows, replies):
            if not routing_right(row, reply):
                print(
                    f"  miss {row['topics']} -> {reply['intent']} answered {reply['answered']}"
                    f" offered {reply['offered']} crisis {reply['crisis_first']}: {row['text'][:100]}"
                )


def report_answers(name: str, rows: list[dict], replies: list[dict], misses: bool) -> None:
    """Per municipality and topic: the first facility fits, and any of the 1-3 shown fits
    (the answer names a fitting facility: the goal of issue 15 is 97%)."""
    scores = defaultdict(lambda: [0, 0, 0])
    wrong_place = 0
    for row, reply in zip(rows, replies):
        first = bool(reply["facilities"]) and reply["facilities"][0] in row["fits"]
        named = bool(set(reply["facilities"]) & set(row["fits"]))
        elsewhere = reply["gemeente_onbekend"] is not None or (reply["gemeente"] not in (None, row["gemeente"]))
        wrong_place += elsewhere
        for key in ("all", row["gemeente"], *(f"topic:{t}" for t in row["topics"])):
            scores[key][0] += first
            scores[key][1] += named
            scores[key][2] += 1
        if misses and (not named or elsewhere):
            print(
                f"  miss [{row['gemeente']}] {row['text'][:100]}\n      answered {reply['answered']}"
                f" shown {reply['facilities']} gemeente {reply['gemeente']}/{reply['gemeente_onbekend']}"
                f" fits {row['fits']}"
            )
    first, named, total = scores["all"]
    print(
        f"{name}: the answer names a fitting facility: {named}/{total} = {named / total:.1%};"
        f" the first facility fits: {first}/{total} = {first / total:.1%};"
        f" answers about a place the resident does not live in: {wrong_place}"
    )
    print(f"  {'':<18}{'names a fit':>14}{'first fits':>14}")
    for key in sorted(k for k in scores if k != "all"):
        f, a, n = scores[key]
        print(f"  {key:<18}{a:>5}/{n:<3} {a / n:>5.1%}{f:>5}/{n:<3} {f / n:>5.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--gemeente", default="almelo", help="the page's municipality for lines without one")
    parser.add_argument("--misses", action="store_true", help="list the messages whose first reply misses")
    parser.add_argument("--dump", type=Path, help="write each line with its reply to DIR/<set>.replies.jsonl")
    args = parser.parse_args()

    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    quiet_rasa()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = start_action_server(port, f"sqlite:///{tmp}/hulpwijzer.db")
        try:
            agent = Agent.load(str(args.model), action_endpoint=EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            for path in args.data:
                rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
                rows = [row for row in rows if row.get("intent") not in NOT_A_FIRST_QUESTION]
                replies = asyncio.run(run(agent, rows, args.gemeente))
                if args.dump:
                    args.dump.mkdir(parents=True, exist_ok=True)
                    with (args.dump / f"{path.stem}.replies.jsonl").open("w", encoding="utf-8") as out:
                        for row, reply in zip(rows, replies):
                            out.write(json.dumps({**row, "reply": reply}, ensure_ascii=False) + "\n")
                if all("fits" in row for row in rows):
                    report_answers(path.name, rows, replies, args.misses)
                else:
                    report_routing(path.name, rows, replies, args.misses)
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
