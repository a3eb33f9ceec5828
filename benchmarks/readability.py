"""Readability of every Dutch answer text (B1 check): distribution of Flesch-Douma,
words per sentence and long words, and the hardest texts.

    .venv/bin/python benchmarks/readability.py [--worst 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.readability import answer_texts, distribution, measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=8)
    args = parser.parse_args()
    measured = [(origin, text, measure(text)) for origin, text in answer_texts()]
    print(f"answer texts: {len(measured)}")
    for label, values in (
        ("Flesch-Douma", [m.flesch_douma for _, _, m in measured]),
        ("words per sentence", [m.words_per_sentence for _, _, m in measured]),
        ("longest sentence (words)", [m.longest_sentence for _, _, m in measured]),
        ("long words (4+ syllables) %", [100 * m.long_word_share for _, _, m in measured]),
    ):
        print(f"{label:<30} " + "  ".join(f"{k} {v}" for k, v in distribution(values).items()))
    bands = {"<45 hard": 0, "45-60 fairly hard": 0, "60-70 standard": 0, "70-80 fairly easy": 0, ">=80 easy": 0}
    for _, _, m in measured:
        score = m.flesch_douma
        key = (
            "<45 hard"
            if score < 45
            else "45-60 fairly hard"
            if score < 60
            else "60-70 standard"
            if score < 70
            else "70-80 fairly easy"
            if score < 80
            else ">=80 easy"
        )
        bands[key] += 1
    print("Flesch-Douma bands: " + ", ".join(f"{k}: {v}" for k, v in bands.items()))
    print(f"\nhardest {args.worst}:")
    for origin, text, m in sorted(measured, key=lambda x: x[2].flesch_douma)[: args.worst]:
        print(f"  {m.flesch_douma:6.1f}  {origin}: {text[:90]}")


if __name__ == "__main__":
    main()
