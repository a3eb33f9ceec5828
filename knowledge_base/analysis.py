"""From Dutch text to search terms: fold, tokenise, drop function words, lemmatise, stem.

Lemmas come from spaCy's Dutch lookup table (``spacy-lookups-data``, the same table the
offline ``blank nl`` pipeline uses); a light suffix stemmer on top makes ``rekeningen``,
``rekening`` and ``rekeningetje`` one term. Compound words, common in Dutch
(``budgetcursus``, ``schuldhulpmaatje``), are split against the index's own vocabulary by
:meth:`Analyzer.split_compound`.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from core.text import fold

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

#: words that say nothing about the need (question words are read separately, see
#: :mod:`knowledge_base.answers`). "af", a verb's particle: as a word of the synonym "van school
#: af" it joined the leerplicht words to any question with "school" and "af" ("in de les dwaal ik
#: af"); as a function word "van school af" counts only as written
STOPWORDS = frozenset(
    """
    aan al alle alleen als alsof ben bent bij binnen da dan dat de deze die dit doe doen door
    dus echt een eens eigenlijk en er even ff gaan gaat gewoon had heb hebben heeft hem het hier
    hij hoe hoi hun ik in is ja je jij jou jouw kan kun kunnen kunt laat maar me meer met mij
    mee mijn m'n mn moet moeten mag na naar nee niet niets nog nou nu of ok oke om omdat ook op
    over te tot toch u uw uit van veel voor wat waar wanneer want was we wel welke wie wij
    wil willen wilt word worden wordt zal ze zelf zich zij zijn zit zo zou zn z'n
    dag hallo goedemorgen goedemiddag graag alstublieft aub pls please vraag vragen iemand iets
    mogelijk mogelijke mogelijkheid mogelijkheden allemaal
    af
    """.split()
)

#: verbs and words so common that they say nothing about the need (checked on the lemma)
STOP_LEMMAS = frozenset(
    """
    zeggen weten krijgen komen gaan doen maken hebben zijn worden kunnen moeten willen mogen
    zitten staan laten denken vinden helpen geven proberen lukken snappen ergens iemand iets
    niemand alles heel beetje steeds altijd nooit soms ander goed slecht hulp terecht
    mens mensen manier vraag vragen bellen mail zodat sinds elke elk geen twee drie vier jaar
    maand maanden week weken eigen precies
    """.split()
)

#: irregular forms the lookup table lacks
EXTRA_LEMMAS = {
    "kinderen": "kind",
    "kinders": "kind",
    "kindje": "kind",
    "kindjes": "kind",
    "kids": "kind",
    "mama": "moeder",
    "mam": "moeder",
    "ma": "moeder",
    "moeders": "moeder",
    "papa": "vader",
    "pap": "vader",
    "pa": "vader",
    "vaders": "vader",
    "ouders": "ouder",
    "schulden": "schuld",
    "ontslagen": "ontslag",
    "gescheiden": "scheiding",
    "scheiden": "scheiding",
    "betalen": "betaal",
    "betaald": "betaal",
    "kost": "kost",
    "kosten": "kost",
    # older people are no parents: "ouderen" and "ouders" share a stem
    "ouderen": "senioren",
    "oudere": "senioren",
    # the noun residents write ("honderd sollicitaties") and the verb the facilities use
    "sollicitatie": "solliciteren",
    "sollicitaties": "solliciteren",
    "solliciteer": "solliciteren",
    "solliciteert": "solliciteren",
    "gesolliciteerd": "solliciteren",
}

#: Dutch suffixes the stemmer strips, longest first (diminutives, plurals, -e forms)
_SUFFIXES = ("etjes", "etje", "tjes", "tje", "jes", "je", "en", "es", "s", "e")
MIN_STEM = 4
MIN_COMPOUND_PART = 4


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's Dutch lemma lookup table (``spacy-lookups-data``), or ``{}`` without it."""
    try:
        import spacy_lookups_data
    except ImportError:  # the stemmer alone still works
        return {}
    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    # "kost" / "kosten", "bett" / "bet": one consonant at the end
    if len(word) >= MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


class Analyzer:
    """Turns text into search terms. One instance is shared by index and queries."""

    def __init__(self, lemmas: dict[str, str] | None = None):
        self.lemmas = {**(lemma_table() if lemmas is None else lemmas), **EXTRA_LEMMAS}
        self._dictionary: frozenset[str] | None = None

    def words(self, text: str) -> list[str]:
        """Folded tokens; a hyphenated word also gives its joined form (``re-integratie``)."""
        out = []
        for token in _TOKEN.findall(fold(text)):
            if "-" in token or "'" in token:
                joined = token.replace("-", "").replace("'", "")
                if token in STOPWORDS:
                    continue
                out.extend(p for p in re.split(r"[-']", token) if p)
                out.append(joined)
            else:
                out.append(token)
        return out

    def term(self, word: str) -> str:
        return stem(self.lemmas.get(word, word))

    def terms(self, text: str) -> list[str]:
        """The search terms of ``text`` in order, without function words."""
        return self.terms_of(self.words(text))

    def terms_of(self, words: list[str]) -> list[str]:
        """The search terms of words from :meth:`words` (for callers that need both)."""
        out = []
        for word in words:
            if word in STOPWORDS or len(word) < 2:
                continue
            lemma = self.lemmas.get(word, word)
            if lemma not in STOP_LEMMAS:
                out.append(stem(lemma))
        return out

    def split_compound(self, word: str, known: Callable[[str], bool], depth: int = 2) -> list[str]:
        """``budgetcursus`` -> ``[budget, cursus]`` when ``known`` accepts both parts.

        Dutch joins with an ``s`` or ``e(n)`` between the parts (``schuldenlast``,
        ``werkervaringsplaats``); those are tried too. Parts are split again up to ``depth``
        levels (``werkervaringsplaats`` -> ``werkervaring``, ``werk``, ``ervaring``, ``plaats``).
        Returns ``[]`` when no split fits.
        """
        if depth == 0 or len(word) < 2 * MIN_COMPOUND_PART:
            return []
        best: tuple[str, str] | None = None
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if tail in STOPWORDS or not known(tail):
                continue
            for candidate in (head, head[:-1] if head.endswith("s") else "", head[:-2] if head.endswith("en") else ""):
                if len(candidate) >= MIN_COMPOUND_PART and (candidate in STOPWORDS or known(candidate)):
                    # prefer the longest head: "schuldhulp|verlening" over "schuld|hulpverlening"
                    best = (candidate, tail)
                    break
        if best is None:
            return []
        # "overgewicht": the head "over" says nothing, the tail "gewicht" does
        parts = [p for p in best if p not in STOPWORDS]
        for part in parts[:]:
            parts += self.split_compound(part, known, depth - 1)
        return list(dict.fromkeys(parts))

    def dictionary(self) -> frozenset[str]:
        """Every Dutch word the lemma table knows (forms and lemmas), for compound splitting."""
        if self._dictionary is None:
            self._dictionary = frozenset(self.lemmas) | frozenset(self.lemmas.values())
        return self._dictionary
