"""Readability of Dutch answer texts: Flesch-Douma and LiNT-style length measures.

Flesch-Douma (Douma 1960, the Dutch adaptation of Flesch reading ease)::

    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

Higher is easier: 60-70 is "standard" and 70+ "fairly easy"; texts for B1 readers aim for
60 or more. The LiNT-style measures are the ones plain-language guides give for B1: short
sentences (on average about 10-12 words, rarely over 20) and few long words.

Syllables are counted as groups of vowels (``aa``, ``ij``, ``oe`` are one sound); a
diaeresis starts a new syllable (``ideeën``). That is the usual approximation for Dutch.

    python benchmarks/readability.py     prints the distribution over all answer texts
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from core.text import fold

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['-][A-Za-zÀ-ÿ]+)*|\d+(?:[.,-]\d+)*")
_VOWELS = "aeiouy"
_DIAERESIS = "ëïöüä"
#: a word of this many syllables or more counts as long
LONG_WORD_SYLLABLES = 4


def syllables(word: str) -> int:
    if word[:1].isdigit():
        return 1
    count, previous_vowel = 0, False
    for ch in word.lower():
        if ch in _DIAERESIS:
            count += 1
            previous_vowel = True
            continue
        is_vowel = fold(ch) in _VOWELS if ch.isalpha() else False
        if is_vowel and not previous_vowel:
            count += 1
        previous_vowel = is_vowel
    return max(count, 1)


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if _WORD.search(s)]


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    longest_sentence: int
    long_words: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / max(self.words, 1)

    @property
    def flesch_douma(self) -> float:
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word

    @property
    def long_word_share(self) -> float:
        return self.long_words / max(self.words, 1)


def measure(text: str) -> Readability:
    parts = sentences(text)
    counts = [_WORD.findall(s) for s in parts]
    words = [w for ws in counts for w in ws]
    per_word = [syllables(w) for w in words]
    return Readability(
        words=len(words),
        sentences=len(parts),
        syllables=sum(per_word),
        longest_sentence=max((len(ws) for ws in counts), default=0),
        long_words=sum(1 for n in per_word if n >= LONG_WORD_SYLLABLES),
    )


def distribution(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]

    return {
        "n": len(ordered),
        "min": round(ordered[0], 1),
        "p10": round(pct(0.10), 1),
        "median": round(statistics.median(ordered), 1),
        "mean": round(statistics.fmean(ordered), 1),
        "p90": round(pct(0.90), 1),
        "max": round(ordered[-1], 1),
    }


#: values for the placeholders in response templates when measuring them
SAMPLE_SLOTS = {
    "gemeente_naam": "Almelo",
    "gemeente_telefoon": "14 0546",
    "gemeente_website": "www.almelo.nl",
    "topic_list": "mantelzorg en geldzorgen",
    "team": "het sociaal wijkteam",
    "reasons": "beslag of deurwaarder",
    "reference": "HW-7K3P-9QXA",
}


def answer_texts() -> list[tuple[str, str]]:
    """Every Dutch text a resident can get, as ``(origin, text)``: the dialogue's
    responses, the knowledge base's facility and team texts, the handoff's re-asks and
    terms, and the crisis replies."""
    from pathlib import Path

    import yaml

    from bot.replies.crisis import crisis_reply
    from bot.triage import crisis as crisis_kinds
    from bot.triage.language import DUTCH
    from knowledge_base import CONTENT_DIR, gemeenten

    root = Path(__file__).resolve().parent
    texts: list[tuple[str, str]] = []
    for path in sorted((root / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        for name, variants in responses.items():
            for variant in variants:
                if variant.get("text"):
                    texts.append((f"domain:{name}", variant["text"].format_map(SAMPLE_SLOTS)))
    for path in sorted(CONTENT_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("facilities") or []:
            # what a resident reads about one facility, as one text
            texts.append(
                (f"{path.stem}:{entry['id']}", " ".join(entry[f] for f in ("offers", "for_whom", "how_to_reach")))
            )
        for entry in data.get("teams") or []:
            texts.append((f"{path.stem}:{entry['id']}:reach", entry["reach"]))
    import datetime as dt

    from handoff import validation
    from handoff.deadlines import deadline

    for topics, urgency in (
        (["schulden"], []),
        (["schulden"], ["dreigende huisuitzetting"]),
        (["jeugd"], []),
        (["mantelzorg"], ["overbelaste mantelzorger"]),
    ):
        texts.append(
            (f"handoff:deadline:{topics[0]}:{bool(urgency)}", deadline(topics, urgency, dt.date(2026, 11, 23)).sentence)
        )
    from bot.replies.facilities import OTHER_TOPIC_LABEL

    texts.append(("answer:other-topic-label", OTHER_TOPIC_LABEL))
    for check in (validation.phone, validation.email, validation.postcode, validation.name, validation.contact_method):
        try:
            check("<?>")
        except validation.Invalid as problem:
            texts.append((f"handoff:reask:{check.__name__}", str(problem)))
    from channels.whatsapp_format import UNSUPPORTED_REPLY

    texts.append(("whatsapp:unsupported", UNSUPPORTED_REPLY))
    gemeente = gemeenten.get("almelo")
    kinds = [crisis_kinds.DANGER, crisis_kinds.SUICIDE, crisis_kinds.VIOLENCE, crisis_kinds.HOMELESS]
    for kind in [*kinds, None]:
        for number, text in enumerate(crisis_reply([kind] if kind else [], DUTCH, gemeente)):
            texts.append((f"crisis:{kind or 'check-in'}:{number}", text))
    return texts
