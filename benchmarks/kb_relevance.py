"""Answer relevance: is the first facility the assistant names a fitting one?

    .venv/bin/python benchmarks/kb_relevance.py [--model M] [--gold-topics] [--misses] [FILE.jsonl]

Each line of FILE (default ``tests/knowledge_base/questions.jsonl``): {"gemeente": ...,
"text": ..., "topics": [...], "fits": [facility ids that fit as a first answer]}.

By default the topics come from the trained model (the resident's message is parsed by the
same NLU pipeline and triage as the live assistant, helped by the knowledge base as in the
actions: ``bot.triage.knowledge_help.help_topics``) and the facilities from
``KnowledgeBase.recommend``, the function the actions use: this is what a resident would
see in the first reply (a question answered with "Bedoelt u ...?" counts as a miss). ``--gold-topics`` uses the labelled topics instead, to measure
the search alone. Prints top-1 fitting (the number the target is set on), any fitting in
the 1-3 shown, and both per municipality and per topic.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.classify import DEFAULT_MODEL, load_agent  # noqa: E402
from bot.logging_setup import quiet_rasa  # noqa: E402
from bot.triage.knowledge_help import help_topics  # noqa: E402
from bot.triage.topics import TRIAGE_KEY, Triage  # noqa: E402
from core.db import make_engine  # noqa: E402
from knowledge_base.service import load_knowledge_base  # noqa: E402

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "tests" / "knowledge_base" / "questions.jsonl"


async def model_triage(agent, texts: list[str]) -> list[Triage]:
    return [Triage(**(await agent.parse_message(text))[TRIAGE_KEY]) for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_FILE)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--gold-topics", action="store_true", help="use the labelled topics, not the model's")
    parser.add_argument("--misses", action="store_true", help="list the questions whose first facility does not fit")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]

    with tempfile.TemporaryDirectory() as tmp:
        kb = load_knowledge_base(make_engine(f"sqlite:///{tmp}/kb.db"))
    if args.gold_topics:
        topics = [row["topics"] for row in rows]
        source = "labelled topics"
    else:
        quiet_rasa()
        agent = load_agent(args.model)
        triages = asyncio.run(model_triage(agent, [row["text"] for row in rows]))
        # the same decision as the actions: the triage's topics, else a strong facility match
        topics = [help_topics(t, row["text"], kb, row["gemeente"]) for t, row in zip(triages, rows)]
        source = f"topics from the model {args.model} (+ knowledge-base help, bot/triage/knowledge_help.py)"

    top1 = defaultdict(lambda: [0, 0])
    any3 = [0, 0]
    misses = []
    for row, predicted in zip(rows, topics):
        shown = kb.recommend(row["text"], row["gemeente"], predicted) if predicted else []
        first_fits = bool(shown) and shown[0].id in row["fits"]
        for key in ("all", row["gemeente"], *(f"topic:{t}" for t in row["topics"])):
            top1[key][0] += first_fits
            top1[key][1] += 1
        any3[0] += any(f.id in row["fits"] for f in shown)
        any3[1] += 1
        if not first_fits:
            misses.append((row, predicted, [f.id for f in shown]))

    hits, total = top1["all"]
    print(f"{args.data.name}: {total} questions, {source}")
    print(f"top-1 fitting facility: {hits}/{total} = {hits / total:.1%}")
    print(f"a fitting facility among those shown (1-3): {any3[0]}/{any3[1]} = {any3[0] / any3[1]:.1%}")
    for key in sorted(k for k in top1 if k != "all"):
        h, n = top1[key]
        print(f"  {key:<18} {h:>3}/{n:<3} {h / n:.1%}")
    if args.misses:
        print("\nmisses:")
        for row, predicted, shown in misses:
            print(
                f"  [{row['gemeente']}] {row['text']}\n      topics {predicted} shown {shown}\n      fits {row['fits']}"
            )


if __name__ == "__main__":
    main()
