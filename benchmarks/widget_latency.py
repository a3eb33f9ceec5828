"""How long a resident in the website widget waits for an answer, over the real socket.io
channel of a running assistant (start it first with `make run`).

    .venv/bin/python benchmarks/widget_latency.py [--server http://127.0.0.1:5005]
        [--origin http://127.0.0.1:8000] [--questions 60] [--concurrent 1]

Each question of ``tests/knowledge_base/questions.jsonl`` is asked in a new conversation
for its municipality, as the widget does: session_request, then user_uttered with the
``gemeente`` metadata. Timed: from sending to the first ``bot_uttered`` (the resident sees
something), and to the last message of the reply (no further message for 1.5 s; the quiet
time is not counted). With ``--concurrent N``, N residents ask at the same time.
Prints p50/p95/max in ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parents[1]
QUIET = 1.5


def ask(server: str, origin: str, gemeente: str, text: str) -> tuple[float, float, int]:
    """(ms to the first message, ms to the last message, number of messages)."""
    times: list[float] = []
    confirmed = threading.Event()
    client = socketio.Client(websocket_extra_options={"origin": origin})
    client.on("session_confirm", lambda _: confirmed.set())
    client.on("bot_uttered", lambda _: times.append(time.perf_counter()))
    client.connect(server, transports=["websocket"], wait_timeout=10)
    try:
        session = uuid.uuid4().hex
        client.emit("session_request", {"session_id": session})
        if not confirmed.wait(10):
            raise RuntimeError("no session_confirm")
        start = time.perf_counter()
        client.emit("user_uttered", {"message": text, "session_id": session, "metadata": {"gemeente": gemeente}})
        deadline = start + 60
        while time.perf_counter() < deadline:
            time.sleep(0.02)
            if times and time.perf_counter() - times[-1] > QUIET:
                break
        if not times:
            raise RuntimeError("no answer within 60 s")
        return (times[0] - start) * 1000, (times[-1] - start) * 1000, len(times)
    finally:
        client.disconnect()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="http://127.0.0.1:5005")
    parser.add_argument("--origin", default="http://127.0.0.1:8000", help="the page the widget runs on")
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--concurrent", type=int, default=1)
    args = parser.parse_args()
    lines = (ROOT / "tests" / "knowledge_base" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line) for line in lines if line.strip()][: args.questions]

    results: list[tuple[float, float, int]] = []
    failures: list[str] = []
    lock = threading.Lock()

    def worker(batch: list[dict]) -> None:
        for q in batch:
            try:
                result = ask(args.server, args.origin, q["gemeente"], q["text"])
            except Exception as error:  # counted and reported, never hidden
                with lock:
                    failures.append(type(error).__name__)
                continue
            with lock:
                results.append(result)

    threads = [threading.Thread(target=worker, args=(questions[i :: args.concurrent],)) for i in range(args.concurrent)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if not results:
        print(f"no answers ({len(failures)} failures: {sorted(set(failures))}); is `make run` running?")
        return 1
    first = [r[0] for r in results]
    last = [r[1] for r in results]
    print(
        f"widget latency over socket.io: {len(results)} questions, {args.concurrent} at a time, "
        f"{len(failures)} failures, {elapsed:.1f} s"
    )
    print(
        f"  first message   p50 {percentile(first, 0.5):7.0f} ms   p95 {percentile(first, 0.95):7.0f} ms   max {max(first):7.0f} ms"
    )
    print(
        f"  whole reply     p50 {percentile(last, 0.5):7.0f} ms   p95 {percentile(last, 0.95):7.0f} ms   max {max(last):7.0f} ms"
    )
    print(f"  messages per reply: mean {statistics.mean(r[2] for r in results):.1f}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
