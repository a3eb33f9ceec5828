"""Knowledge-base search latency with many facilities (generated for this benchmark only).

    .venv/bin/python benchmarks/kb_search_latency.py [--facilities 10000] [--queries 2000]

The generated facilities are NOT content: each combines a name, keywords and sentences
drawn at random from the real content files' vocabulary, spread over 100 made-up
municipality ids (``bench-000`` ...). Queries are the resident questions of
``tests/knowledge_base/questions.jsonl``, each asked for a random generated municipality,
with and without topics. Two layouts are timed: spread (100 municipalities, ~100
facilities each plus national) and worst case (every generated facility in the one
municipality asked about). Prints index build time and search p50/p95/p99 in ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from knowledge_base import CONTENT_DIR  # noqa: E402
from knowledge_base.search import FacilityDoc, SearchIndex  # noqa: E402

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "knowledge_base" / "questions.jsonl"
TOPICS = ("mantelzorg", "schulden", "jeugd", "werk")


def real_facilities() -> list[dict]:
    out = []
    for path in sorted(CONTENT_DIR.glob("*.yml")):
        out += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("facilities") or []
    return out


def generate(n: int, municipalities: list[str], rng: random.Random) -> list[FacilityDoc]:
    real = real_facilities()
    keywords = [str(k) for f in real for k in f.get("keywords") or []]
    sentences = [s.strip() + "." for f in real for s in f["offers"].split(".") if s.strip()]
    names = [f["name"] for f in real]
    docs = []
    for i in range(n):
        docs.append(
            FacilityDoc(
                id=f"bench-facility-{i:05d}",
                gemeente_id=municipalities[i % len(municipalities)],
                topics=tuple(rng.sample(TOPICS, rng.choice((1, 1, 2)))),
                name=f"{rng.choice(names)} {i}",
                keywords=tuple(rng.sample(keywords, 10)),
                offers=" ".join(rng.sample(sentences, 2)),
                for_whom=rng.choice(sentences),
            )
        )
    # the real national facilities stay in, as in production
    for f in real:
        if f["id"].startswith("national-"):
            docs.append(
                FacilityDoc(
                    f["id"],
                    None,
                    tuple(f.get("topics") or ()),
                    f["name"],
                    tuple(map(str, f.get("keywords") or ())),
                    f["offers"],
                    f["for_whom"],
                    bool(f.get("crisis")),
                )
            )
    return docs


def time_queries(index: SearchIndex, questions: list[dict], municipalities: list[str], n: int, rng) -> list[float]:
    timings = []
    for i in range(n):
        q = questions[i % len(questions)]
        topics = q["topics"] if i % 2 == 0 else ()
        gemeente = rng.choice(municipalities)
        start = time.perf_counter()
        index.search(q["text"], gemeente, topics, limit=3)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def report(label: str, timings: list[float]) -> None:
    ordered = sorted(timings)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    print(
        f"{label:<44} n={len(ordered)}  p50 {pct(0.50):.2f} ms  p95 {pct(0.95):.2f} ms  "
        f"p99 {pct(0.99):.2f} ms  mean {statistics.fmean(ordered):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facilities", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]

    for layout, municipalities in (
        ("spread over 100 municipalities", [f"bench-{i:03d}" for i in range(100)]),
        ("worst case: all in one municipality", ["bench-000"]),
    ):
        docs = generate(args.facilities, municipalities, rng)
        start = time.perf_counter()
        index = SearchIndex(docs)
        build = time.perf_counter() - start
        print(f"{layout}: {len(docs)} facilities, {len(index.vocabulary)} terms, index built in {build:.1f} s")
        time_queries(index, questions, municipalities, 50, rng)  # warm-up
        report(f"  search ({layout})", time_queries(index, questions, municipalities, args.queries, rng))


if __name__ == "__main__":
    main()
