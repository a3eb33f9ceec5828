"""Grid search over the triage thresholds on the development sets, best first.

    .venv/bin/python benchmarks/sweep_thresholds.py [--top 15]

Trains the readers once on ``data/nlu/`` (as ``benchmarks/nlu_variants.py`` does), reads
every message of the development sets (``dev2``, ``dev3_crisis`` and the older sets), then
decides with :func:`bot.triage.topics.triage` for each combination of thresholds. Sorted by
crisis recall over all development sets, then false crisis alarms (at most 3% counts as
good), then macro-F1 on ``dev2``. Never run on the frozen held-out set ``blind4.jsonl``.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nlu_variants import DEV_SETS, load_rows, training_examples  # noqa: E402
from benchmarks.routing_accuracy import score  # noqa: E402
from bot.nlu.readers import Readers  # noqa: E402
from bot.triage.topics import Thresholds, triage  # noqa: E402
from core.topics import HELP_TOPICS

GRID = {
    "fallback": (0.35, 0.45, 0.55),
    "topic": (0.5, 0.6, 0.7),
    "crisis": (0.4, 0.5, 0.6),
    "sentence_crisis": (0.85, 0.9, 0.95, 1.1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    sets = {name: load_rows(paths) for name, paths in DEV_SETS.items()}
    readers = Readers().fit(training_examples())
    readings = {name: [readers.read(r["text"]) for r in rows] for name, rows in sets.items()}

    results = []
    for values in itertools.product(*GRID.values()):
        thresholds = Thresholds(**dict(zip(GRID, values)))
        caught = crises = alarms = calm = 0
        f1 = {}
        for name, rows in sets.items():
            predicted = [set(triage(r["text"], rd, thresholds).topics) for r, rd in zip(rows, readings[name])]
            gold = [set(r["topics"]) for r in rows]
            table = score(gold, predicted)
            f1[name] = statistics.mean(table[t]["f1"] for t in HELP_TOPICS)
            caught += sum(1 for g, p in zip(gold, predicted) if "crisis" in g and "crisis" in p)
            crises += sum(1 for g in gold if "crisis" in g)
            alarms += sum(1 for g, p in zip(gold, predicted) if "crisis" not in g and "crisis" in p)
            calm += sum(1 for g in gold if "crisis" not in g)
        results.append((caught / crises, -max(0.0, alarms / calm - 0.03), f1["dev2"], alarms / calm, thresholds, f1))
    results.sort(key=lambda r: r[:3], reverse=True)
    for recall, _, _, alarm_rate, thresholds, f1 in results[: args.top]:
        sets_f1 = ", ".join(f"{name} {value:.3f}" for name, value in f1.items())
        print(f"crisis recall {recall:.3f}, alarms {alarm_rate:.1%}, F1 {sets_f1}: {thresholds}")


if __name__ == "__main__":
    main()
