"""Words of a resident's message as the classifiers see them.

Residents write "mn moeder", "k heb ff geen geld", "huurachterstand" and long stories. The
classifiers get, per message or sentence, a list of terms:

* folded words (lower case, no accents, "heeeel" -> "heel"), with chat spellings written
  out ("mn" -> "mijn", "ff" -> "even");
* optionally (both off in the live pipeline: no measured gain, ``docs/nlu.md``) the parts of
  Dutch compounds, marked ``C:`` ("huurachterstand" also gives "huur" and "achterstand" when
  the training data knows both words), and the lemma of each word from spaCy's Dutch lookup
  table, marked ``L:``;

next to these the classifiers use character n-grams of the folded text (robust to typos).
:func:`sentences` splits a long story so that the one sentence that carries the topic or
the danger is read on its own.

Nothing here runs at import time.
"""

from __future__ import annotations

import re
from typing import Iterable

from core.text import fold, words

#: chat spellings and abbreviations, folded, written out as the word(s) they stand for
CHAT_SPELLINGS = {
    "mn": "mijn",
    "m'n": "mijn",
    "zn": "zijn",
    "z'n": "zijn",
    "d'r": "haar",
    "ff": "even",
    "nie": "niet",
    "nt": "niet",
    "wrm": "waarom",
    "wnt": "want",
    "idd": "inderdaad",
    "gwn": "gewoon",
    "mss": "misschien",
    "wss": "waarschijnlijk",
    "tog": "toch",
    "hb": "heb",
    "hbn": "hebben",
    "hvl": "hoeveel",
    "vndg": "vandaag",
    "k": "ik",
    "t": "het",
    "ut": "het",
    "n": "een",
    "un": "een",
    "ng": "nog",
    "kben": "ik ben",
    "kheb": "ik heb",
    "kweet": "ik weet",
    "kzit": "ik zit",
    "wa": "wat",
    "wt": "wat",
    "zo'n": "zo een",
}

#: linking sounds between the parts of a Dutch compound ("werk-s-ervaring", "kind-er-en-")
_LINKS = ("s", "e", "en", "er")
#: a compound part is at least this long
_MIN_PART = 3
#: words that start many Dutch words without making a compound: "vannacht" is no
#: "van" + "nacht" (as a part, "van" would tie every "vannacht" and "vanochtend" together)
_NOT_A_PART = frozenset(
    "van aan op in voor over door bij met uit toe af mee na om tot tegen onder achter naar "
    "ver her ont mis weg terug samen boven binnen buiten thuis hier daar waar".split()
)
#: remembered compound splits per extractor (a bound on memory for odd input)
_MAX_REMEMBERED = 100_000

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\s*\n+\s*")
#: a sentence shorter than this many words is read together with its neighbour
MIN_SENTENCE_WORDS = 4


def normalise(text: str) -> list[str]:
    """Folded words with chat spellings written out."""
    out: list[str] = []
    for word in words(fold(text)):
        out.extend(CHAT_SPELLINGS.get(word, word).split())
    return out


def folded_text(text: str) -> str:
    """The text for character n-grams: folded words, chat spellings written out."""
    return " ".join(normalise(text))


class TermExtractor:
    """The word terms of a text: words, lemmas (``L:``) and compound parts (``C:``).

    :meth:`fit` learns which words may be compound parts: the words of the training texts,
    so that a part is always a word the classifiers know."""

    def __init__(self, lemmas: bool = False, compounds: bool = False) -> None:
        self.lemmas = lemmas
        self.compounds = compounds
        self.known: frozenset[str] = frozenset()
        self._parts: dict[str, tuple[str, ...]] = {}

    def _lemmas(self) -> dict[str, str]:
        if not self.lemmas:
            return {}
        from knowledge_base.analysis import lemma_table  # spaCy's lookup table, loaded once

        return lemma_table()

    def fit(self, texts: Iterable[str]) -> "TermExtractor":
        table = self._lemmas()
        known: set[str] = set()
        for text in texts:
            for word in normalise(text):
                if len(word) >= _MIN_PART and word.isalpha():
                    known.add(word)
                    known.add(table.get(word, word))
        self.known = frozenset(known)
        self._parts = {}
        return self

    def __getstate__(self) -> dict:
        return {"lemmas": self.lemmas, "compounds": self.compounds, "known": self.known}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lemmas"], state["compounds"])
        self.known = state["known"]

    def compound_parts(self, word: str) -> tuple[str, ...]:
        """The two parts of a compound, or ``()``: the longest known last part whose rest
        (without a linking s/e/en/er) is a known word. "huurachterstand" -> ("huur",
        "achterstand"); a known word is split too, "werkloos" -> ("werk", "loos")."""
        if word in self._parts:
            return self._parts[word]
        found: tuple[str, ...] = ()
        if len(word) >= 2 * _MIN_PART + 1 and word.isalpha():
            for cut in range(_MIN_PART, len(word) - _MIN_PART):
                head, tail = word[:cut], word[cut:]
                if tail not in self.known or head in _NOT_A_PART:
                    continue
                if head in self.known:
                    found = (head, tail)
                    break
                link = next((k for k in _LINKS if head.endswith(k) and head[: -len(k)] in self.known), None)
                if link and len(head) - len(link) >= _MIN_PART:
                    found = (head[: -len(link)], tail)
                    break
        if len(self._parts) < _MAX_REMEMBERED:
            self._parts[word] = found
        return found

    def __call__(self, text: str) -> list[str]:
        tokens = normalise(text)
        out = list(tokens)
        if self.lemmas:
            table = self._lemmas()
            out.extend("L:" + table[w] for w in tokens if w in table and table[w] != w)
        if self.compounds:
            for w in tokens:
                out.extend("C:" + part for part in self.compound_parts(w))
        return out


def sentences(text: str) -> list[str]:
    """The sentences of a message; a very short one is read with its neighbour ("Hoi.
    Mijn moeder heeft dementie." is one sentence about mantelzorg)."""
    merged: list[str] = []
    for part in (p.strip() for p in _SENTENCE_END.split(text)):
        if not part:
            continue
        if merged and (len(normalise(part)) < MIN_SENTENCE_WORDS or len(normalise(merged[-1])) < MIN_SENTENCE_WORDS):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged or [text]
