"""Personal data removal (insight.redaction, issue 14): recall per kind and for names on
labelled sets, what each part of the name finder adds, words removed from messages without
personal data, and latency.

    .venv/bin/python benchmarks/redaction.py [FILE.jsonl ...] [--misses] [--removed]

A labelled span counts as removed when none of its characters is left readable. Labelled
sets: lines ``{"text": ..., "spans": [{"start", "end", "kind"}]}`` (default: the frozen
``benchmarks/data/names_blind.jsonl``). False removals: every word replaced in the help
questions of ``benchmarks/data/*.jsonl`` (the ``names_*`` sets excepted) and
``tests/nlu/*.jsonl``, which are written without personal data (a few of them name a
person all the same: ``--removed`` lists every replaced word to judge). Needs Debian's frog,
frogdata, hunspell and hunspell-nl (``make frog``)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from insight import names as names_module  # noqa: E402
from insight.frog import Frog  # noqa: E402
from insight.lexicon import Lexicon  # noqa: E402
from insight.names import PARTS, NameFinder  # noqa: E402
from insight.redaction import Redactor  # noqa: E402

KINDS = ("naam", "bsn", "telefoonnummer", "e-mail", "iban", "adres", "geboortedatum")
NO_NAME_SETS = sorted(p for p in (ROOT / "benchmarks" / "data").glob("*.jsonl") if not p.name.startswith("names_"))
NO_NAME_SETS += sorted((ROOT / "tests" / "nlu").glob("*.jsonl"))
#: the help questions name people all the same, mostly in a letter's closing ("Met vriendelijke
#: groet, J. Verhoeven"): these words of theirs are parts of person names (checked by hand
#: in the list ``--removed`` prints); removing them is right, every other removal is counted false
HELP_SET_NAME_WORDS = frozenset(
    """A Amrani Bakker Bobby Bosch Broek Brouwer Bruins D Daan De Demir Dijkhuis-Bos E El F G
    Gerrit Graaf Groot H Haverkate Henk Hoekstra Hofstede Horst Huisman J Jansen
    Jansen-Ekkelkamp K Kamphuis Kampman Kiliç Koster Kramer L Lansink M Mahabier Meijer Mulder
    N Nijhuis Nijhuis-Morsink Oude P Pot R Ramdin Riet Ruud S Sanne Schuurman Sem Senna Smeenk
    Smit T Tim Veldhuis Verbeek Verhoef Verhoeven Visser Vries W Wassink Wesselink Wessels Wim
    Wit Yilmaz de den ter van""".split()
)


class CachedFrog:
    """Frog's answers kept per text, so the part-by-part runs do not ask Frog again."""

    def __init__(self, frog: Frog) -> None:
        self.frog = frog
        self.cache: dict[str, list] = {}

    def tag(self, text: str):
        if text not in self.cache:
            self.cache[text] = self.frog.tag(text)
        return self.cache[text]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def covered(redactor: Redactor, text: str) -> set[int]:
    return {i for f in redactor.findings(text) for i in range(f.start, f.end)}


def recall(redactor: Redactor, rows: list[dict], kinds=KINDS) -> dict[str, tuple[int, int, list]]:
    """kind -> (removed, labelled, missed (text, span text))."""
    result = {kind: [0, 0, []] for kind in kinds}
    for row in rows:
        spans = [s for s in row["spans"] if s["kind"] in kinds]
        if not spans:
            continue
        gone = covered(redactor, row["text"])
        for span in spans:
            entry = result[span["kind"]]
            entry[1] += 1
            if all(i in gone or row["text"][i].isspace() for i in range(span["start"], span["end"])):
                entry[0] += 1
            else:
                entry[2].append((row["text"], row["text"][span["start"] : span["end"]]))
    return {kind: tuple(v) for kind, v in result.items()}


def words_removed(redactor: Redactor, texts: list[str], keep=lambda text, i: False) -> Counter:
    """Each word (a run of letters or digits) with a character removed, unless ``keep``
    says the character was labelled personal data."""
    found: Counter = Counter()
    for text in texts:
        gone = covered(redactor, text)
        for tok in names_module._TOKEN.finditer(text):
            if any(i in gone and not keep(text, i) for i in range(tok.start(), tok.end())):
                found[tok.group()] += 1
    return found


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "benchmarks" / "data" / "names_blind.jsonl"])
    parser.add_argument("--misses", action="store_true", help="list the labelled spans left readable")
    parser.add_argument("--removed", action="store_true", help="list every word removed where nothing was labelled")
    parser.add_argument("--no-parts", action="store_true", help="skip the part-by-part name recall")
    args = parser.parse_args()

    frog = Frog()
    started = time.monotonic()
    frog.start()
    frog_start = time.monotonic() - started
    lexicon = Lexicon()
    cached = CachedFrog(frog)
    full = Redactor(NameFinder(lexicon, cached))  # type: ignore[arg-type]
    print(f"Frog start-up: {frog_start:.1f} s")

    rows = [row for path in args.files for row in read(path)]
    print(f"labelled: {', '.join(p.name for p in args.files)}: {len(rows)} messages")

    # latency first, on a warm Frog with nothing cached: redact() as a caller sees it
    live = Redactor(NameFinder(lexicon, frog))
    live.redact("warm-up")
    latencies, frog_only = [], []
    for row in rows:
        t0 = time.perf_counter()
        live.redact(row["text"])
        latencies.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        frog.tag(row["text"])
        frog_only.append(1000 * (time.perf_counter() - t0))

    def q(values: list[float], share: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    result = recall(full, rows)
    print(f"\n{'kind':<16}{'removed':>8}{'labelled':>9}{'recall':>8}")
    for kind in KINDS:
        removed, labelled, _ = result[kind]
        print(f"{kind:<16}{removed:>8}{labelled:>9}{pct(removed, labelled):>8}")
    if args.misses:
        for kind in KINDS:
            for text, span in result[kind][2]:
                print(f"  missed {kind}: {span!r} in {text!r}")

    if not args.no_parts:
        print("\nname recall by part (alone / all parts but this one)")
        for part in PARTS:
            alone = recall(Redactor(NameFinder(lexicon, cached, parts=(part,))), rows, ("naam",))["naam"]  # type: ignore[arg-type]
            without = recall(
                Redactor(NameFinder(lexicon, cached, parts=[p for p in PARTS if p != part])),  # type: ignore[arg-type]
                rows,
                ("naam",),
            )["naam"]
            print(f"  {part:<14} alone {pct(alone[0], alone[1])}   without it {pct(without[0], without[1])}")
        rules = recall(Redactor(NameFinder(lexicon, cached, parts=[p for p in PARTS if p != "frog"])), rows, ("naam",))[
            "naam"
        ]  # type: ignore[arg-type]
        print(f"  {'rules only':<14} {pct(rules[0], rules[1])}")

    labelled_chars = {row["text"]: {i for s in row["spans"] for i in range(s["start"], s["end"])} for row in rows}
    extra = words_removed(full, [row["text"] for row in rows], keep=lambda text, i: i in labelled_chars[text])
    print(f"\nwords removed in the labelled set outside any label: {sum(extra.values())}")
    if args.removed:
        print("  " + ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in extra.most_common()))

    texts = [row["text"] for path in NO_NAME_SETS for row in read(path)]
    total_words = sum(len(names_module._TOKEN.findall(t)) for t in texts)
    removed = words_removed(full, texts)
    names = sum(n for w, n in removed.items() if w in HELP_SET_NAME_WORDS)
    false = Counter({w: n for w, n in removed.items() if w not in HELP_SET_NAME_WORDS})
    print(
        f"\nhelp questions without labels: {len(texts)} messages, {len(NO_NAME_SETS)} sets, {total_words} words;"
        f" removed {sum(removed.values())} words: {names} parts of person names,"
        f" {sum(false.values())} other words ({pct(sum(false.values()), total_words).strip()}):"
        f" {', '.join(f'{w} ×{n}' if n > 1 else w for w, n in false.most_common()) or 'none'}"
    )
    if args.removed:
        print("  all removed: " + ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in removed.most_common()))

    print(
        f"\nlatency per message (redact, warm Frog, {len(latencies)} messages): p50 {q(latencies, 0.5):.0f} ms,"
        f" p95 {q(latencies, 0.95):.0f} ms; Frog's share p50 {q(frog_only, 0.5):.0f} ms, p95 {q(frog_only, 0.95):.0f} ms"
    )
    lexicon.close()
    frog.stop()


if __name__ == "__main__":
    main()
