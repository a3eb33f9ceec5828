"""Grid search of the triage thresholds on a labelled set (parse once, re-decide many times).

    .venv/bin/python benchmarks/sweep_thresholds.py --model M benchmarks/data/dev.jsonl

Use the development set for this, never the held-out test set.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.routing_accuracy import score  # noqa: E402
from bot.classify import DEFAULT_MODEL, load_agent  # noqa: E402
from bot.logging_setup import quiet_rasa  # noqa: E402
from bot.triage.topics import HELP_TOPICS, Thresholds, triage  # noqa: E402


async def rankings(agent, rows):
    return [(await agent.parse_message(r["text"])).get("intent_ranking", []) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    quiet_rasa()
    ranks = asyncio.run(rankings(load_agent(args.model), rows))
    gold = [set(r["topics"]) for r in rows]
    results = []
    grid = itertools.product([0.35, 0.45], [0.05, 0.1, 0.2], [0.25, 0.35, 0.5], [0.2, 0.3, 0.4], [0.15, 0.25, 0.35])
    for fb, st, stw, cr, pm in grid:
        th = Thresholds(fallback=fb, second_topic=st, second_topic_without_words=stw, crisis=cr, pair_member=pm)
        pred = [set(triage(r["text"], rk, th).topics) for r, rk in zip(rows, ranks)]
        table = score(gold, pred)
        macro = statistics.mean(table[t]["f1"] for t in HELP_TOPICS)
        exact = sum(g == p for g, p in zip(gold, pred)) / len(rows)
        results.append((table["crisis"]["recall"], macro, exact, th))
    results.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    for crisis_recall, macro, exact, th in results[:15]:
        print(f"crisis recall {crisis_recall:.3f} macro-F1 {macro:.3f} exact {exact:.3f} {th}")


if __name__ == "__main__":
    main()
