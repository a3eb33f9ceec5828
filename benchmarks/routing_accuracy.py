"""Routing accuracy and speed of the trained assistant on a labelled JSON-lines set.

    .venv/bin/python benchmarks/routing_accuracy.py [--model M] [--errors] FILE.jsonl

Each line of FILE: {"text": ..., "intent": ..., "topics": [...]}. Prints per-topic
precision/recall/F1 (multi-label: a message counts for every topic it has), macro-F1 over
the four help topics, crisis recall, false crisis alarms, out-of-scope questions kept out
of the help topics, topic-set exact match, intent accuracy, parse latency, and (when the
lines carry a ``voice``) the exact match per voice. It parses through ``bot.classify`` (the same path as ``python -m bot classify``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.classify import DEFAULT_MODEL, load_agent, result_of  # noqa: E402
from bot.logging_setup import quiet_rasa  # noqa: E402
from core.topics import ALL_TOPICS, HELP_TOPICS  # noqa: E402


def score(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, dict[str, float]]:
    table = {}
    for topic in ALL_TOPICS:
        tp = sum(1 for g, p in zip(gold, predicted) if topic in g and topic in p)
        fp = sum(1 for g, p in zip(gold, predicted) if topic not in g and topic in p)
        fn = sum(1 for g, p in zip(gold, predicted) if topic in g and topic not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[topic] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return table


def kept_out_of_help(topics: set[str]) -> bool:
    """An out-of-scope question is kept out when no help topic and no crisis answer it."""
    return not topics & {"crisis", *HELP_TOPICS}


async def evaluate(agent, rows: list[dict]) -> tuple[list[dict], list[float]]:
    predictions, latencies = [], []
    for row in rows:
        start = time.perf_counter()
        parse = await agent.parse_message(row["text"])
        latencies.append((time.perf_counter() - start) * 1000)
        predictions.append(result_of(parse))
    return predictions, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--errors", action="store_true", help="list the misrouted messages")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    quiet_rasa()
    agent = load_agent(args.model)
    predictions, latencies = asyncio.run(evaluate(agent, rows))

    gold = [set(r.get("topics") or []) for r in rows]
    predicted = [set(p["topics"]) for p in predictions]
    table = score(gold, predicted)
    macro_f1 = statistics.mean(table[t]["f1"] for t in HELP_TOPICS)
    exact = sum(1 for g, p in zip(gold, predicted) if g == p) / len(rows)
    intent_acc = sum(1 for r, p in zip(rows, predictions) if r["intent"] == p["intent"]) / len(rows)
    crisis_rows = [i for i, g in enumerate(gold) if "crisis" in g]
    crisis_recall = sum(1 for i in crisis_rows if "crisis" in predicted[i]) / max(1, len(crisis_rows))
    calm_rows = [i for i, g in enumerate(gold) if "crisis" not in g]
    false_alarms = sum(1 for i in calm_rows if "crisis" in predicted[i])
    oos_rows = [i for i, r in enumerate(rows) if r["intent"] == "out_of_scope"]
    kept_out = sum(1 for i in oos_rows if kept_out_of_help(predicted[i]))
    lat = sorted(latencies)

    print(f"data: {args.data} ({len(rows)} messages), model: {args.model}")
    print(f"{'topic':<12}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}")
    for topic in ALL_TOPICS:
        t = table[topic]
        print(f"{topic:<12}{t['precision']:>10.3f}{t['recall']:>10.3f}{t['f1']:>8.3f}{t['support']:>9}")
    print(f"macro-F1 (mantelzorg, schulden, jeugd, werk): {macro_f1:.3f}")
    print(f"crisis recall: {crisis_recall:.3f} ({len(crisis_rows)} crisis messages)")
    print(
        f"false crisis alarms: {false_alarms} of {len(calm_rows)} non-crisis messages"
        f" = {false_alarms / max(1, len(calm_rows)):.1%}"
    )
    if oos_rows:
        print(f"out of scope kept out: {kept_out} of {len(oos_rows)} = {kept_out / len(oos_rows):.1%}")
    print(f"topic-set exact match: {exact:.3f}")
    print(f"intent accuracy: {intent_acc:.3f}")
    print(
        f"parse latency ms: p50 {statistics.median(lat):.1f}, "
        f"p95 {lat[int(0.95 * (len(lat) - 1))]:.1f}, max {lat[-1]:.1f}"
    )
    voices = sorted({r["voice"] for r in rows if r.get("voice")})
    if voices:
        print(f"{'by voice':<18}{'n':>4}{'exact':>8}{'crisis ok':>11}")
        for voice in voices:
            idx = [i for i, r in enumerate(rows) if r.get("voice") == voice]
            ok = sum(1 for i in idx if gold[i] == predicted[i])
            crisis_ok = sum(1 for i in idx if ("crisis" in gold[i]) == ("crisis" in predicted[i]))
            print(f"  {voice:<16}{len(idx):>4}{ok / len(idx):>8.2f}{crisis_ok / len(idx):>11.2f}")
    if args.errors:
        print("\nmisrouted (gold -> predicted):")
        for row, pred, g, p in zip(rows, predictions, gold, predicted):
            if g != p:
                print(f"  {sorted(g)} -> {sorted(p)} [{pred['intent']} {pred['confidence']:.2f}] {row['text'][:110]}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "macro_f1": macro_f1,
                    "crisis_recall": crisis_recall,
                    "exact_match": exact,
                    "intent_accuracy": intent_acc,
                    "false_alarms": false_alarms,
                    "non_crisis": len(calm_rows),
                    "out_of_scope_kept_out": kept_out / len(oos_rows) if oos_rows else None,
                    "topics": table,
                    "latency_ms_p50": statistics.median(lat),
                    "latency_ms_p95": lat[int(0.95 * (len(lat) - 1))],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
