"""Relevance search over facilities: which algemene voorziening fits this question?

The score of a facility for a question adds up, per search term of the question, the
term's weight in the facility (name and keywords count most, then what it offers, then for
whom) times the term's rarity (idf). On top of that:

* keyword phrases whose words the question contains, in any order (``omgaan met geld``),
  add a bonus per word;
* compound words are split against the index vocabulary (``budgetcursus``);
* synonyms from ``synonyms.yml`` add the words the facilities use, at a lower weight;
* facilities of the question's topics (from the NLU triage) are preferred, and local
  facilities come before national ones.

The index is a sparse facility x term matrix (SciPy), so a query costs a few column
look-ups whatever the number of facilities: see ``benchmarks/kb_search_latency.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import yaml
from scipy import sparse

from core.topics import WERK
from knowledge_base.analysis import STOPWORDS, Analyzer

SYNONYMS_FILE = Path(__file__).parent / "synonyms.yml"

#: weight of a term by the field it occurs in (the highest counts)
FIELD_WEIGHTS = {"name": 3.0, "keywords": 3.0, "offers": 1.5, "for_whom": 1.0}
#: the words of a multi-word keyword count this share of a single-word keyword
PHRASE_WORD_SHARE = 0.6
#: a part of a compound word counts less than the word itself
COMPOUND_PART_WEIGHT = 0.6
#: "ik ben 82", "mijn moeder (79)", "86 jaar": the question is about someone of 65 or older,
#: so it also searches for what facilities offer older people ("senioren")
_OLDER_AGE = re.compile(
    r"\b(?P<years>6[5-9]|[7-9]\d|10\d)\s*(?:jaar|jr)\b"
    r"|\b(?:ben|is|zijn|word|wordt)\s+(?:al\s+|bijna\s+|ruim\s+|nu\s+)?(?P<said>6[5-9]|[7-9]\d|10\d)\b(?![.,]\d|\s*(?:euro|eur|€|%|procent|cent|keer|kilo|kg|km|minuten|uur|dagen|weken|maanden))"
    r"|\((?P<bracket>6[5-9]|[7-9]\d|10\d)\)",
    re.IGNORECASE,
)
#: from the state pension age, a question about work is mostly one about volunteering ("ik
#: ben 72 en zou graag iets nuttigs doen met mijn handen"): it also searches for that
PENSION_AGE = 67
PENSIONER_WORK_TERM = "vrijwilligerswerk"


#: not "ouderen": its stem is that of "ouders", which would favour facilities for parents
OLDER_AGE_TERM = "senioren"
#: a fifth of a synonym's weight: at half a synonym's weight the ouderenadviseur came before
#: the carer support that carers over 70 asked for (kb_blind4)
OLDER_AGE_WEIGHT = 0.1
#: function words residents write either way in a keyword's wording
_SAME_WORD = {"mij": "me", "m'n": "mijn", "mn": "mijn", "niks": "niets"}
#: a synonym of the resident's word counts less than the word itself
SYNONYM_WEIGHT = 0.5
#: bonus per word of a keyword phrase found whole in the question
PHRASE_BONUS = 2.0
#: facilities outside the question's topics keep this share of their text score
OFF_TOPIC_FACTOR = 0.1
#: a facility of the question's topic gets this much even without a word in common
TOPIC_PRIOR = 0.5
#: the question asks for a phone line ("kan ik ergens bellen", "anoniem"): facilities
#: with their own phone line get this bonus
PHONE_BONUS = 3.0
PHONE_CUES = frozenset({"bel", "bellen", "belt", "telefoon", "telefonisch", "telefoonnummer", "anoniem", "lijn"})
#: national facilities keep this share of their score when the municipality has its own
NATIONAL_FACTOR = 0.75


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part`` occurs in ``sequence`` word for word, in order."""
    n = len(part)
    return any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))


#: "mijn zoontje van 8 maanden", "ons kindje van 1", "dochter (2)": a child under four, so
#: the question also searches for what facilities offer babies and toddlers (the
#: consultatiebureau, the JGZ), as "baby" or "peuter" would
_YOUNG_CHILD = re.compile(
    r"\b(?:zoon|zoontje|dochter|dochtertje|kind|kindje|kindjes|kinderen|kleine|jongen|jongetje|meisje|"
    r"tweeling|broertje|zusje|kleinzoon|kleindochter|kleinkind)\s*(?:van\s+|is\s+|\(\s*)"
    r"(?:\d{1,2}\s*(?:maanden|maand|mnd|weken)\b|(?:[0-3]|een|twee|drie)\s*(?:jaar|jr|\))(?!\s*of\b)"
    r"|[0-3]\b(?!\s*(?:uur|keer|euro|weken|dagen|[.,]\d)))"
    r"|\b\d{1,2}\s*maanden oud\b",
    re.IGNORECASE,
)
#: the term a question about a child under four also searches for, at a synonym's weight
YOUNG_CHILD_TERM = "baby"


def young_child(text: str) -> bool:
    """The text is about a child under four ("van 8 maanden", "van 2")."""
    return bool(_YOUNG_CHILD.search(text))


def older_age(text: str) -> int | None:
    """The highest age of 65 or more the text gives someone, if any."""
    ages = [int(next(v for v in m.groups() if v)) for m in _OLDER_AGE.finditer(text)]
    return max(ages) if ages else None


@dataclass(frozen=True)
class FacilityDoc:
    """What the search needs of a facility (built from the database rows)."""

    id: str
    gemeente_id: str | None
    topics: tuple[str, ...]
    name: str
    keywords: tuple[str, ...]
    offers: str
    for_whom: str
    crisis: bool = False
    #: reachable on its own phone line (not only via the municipality's general number)
    phone_line: bool = False


@dataclass(frozen=True)
class _Query:
    words: list[str]
    own: list[str]
    weights: dict[str, float]
    groups: list[tuple[list[str], list[tuple[str, ...]]]]


@dataclass(frozen=True)
class Hit:
    facility_id: str
    score: float
    #: the question's terms that matched (for explaining and testing the ranking)
    matched: tuple[str, ...] = field(default_factory=tuple)
    #: the question names one of the facility's keywords (a keyword of one word, its name
    #: when that is one word, or a keyword phrase or wording), not only words of its texts
    named: bool = False


def load_synonyms(path: Path = SYNONYMS_FILE) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [[str(w) for w in group] for group in data.get("groups") or []]


class SearchIndex:
    def __init__(
        self,
        facilities: Sequence[FacilityDoc],
        analyzer: Analyzer | None = None,
        synonyms: list[list[str]] | None = None,
        ignore: Iterable[str] = (),
    ):
        """``ignore``: words that never count, such as the municipalities' names (a
        facility that mentions "Almelo" is no better an answer to "ik woon in Almelo")."""
        self.analyzer = analyzer or Analyzer()
        self.ignored = {self.analyzer.term(w) for text in ignore for w in self.analyzer.words(text)}
        self.facilities = list(facilities)
        self.row_of = {f.id: i for i, f in enumerate(self.facilities)}
        self.vocabulary: dict[str, int] = {}
        self.phrases: dict[tuple[str, ...], list[int]] | dict[tuple[str, ...], np.ndarray] = defaultdict(list)
        #: keyword phrases that are mostly function words ("het wordt me te veel", "niet naar
        #: school"): matched word for word, in order, as the resident wrote them
        self.wordings: dict[tuple[str, ...], list[int]] | dict[tuple[str, ...], np.ndarray] = defaultdict(list)
        groups = load_synonyms() if synonyms is None else synonyms
        # words a compound may be made of: Dutch words the lemma table knows, and the
        # curated words of the synonym groups ("voedsel" in "voedselhulp")
        self.known_words = self.analyzer.dictionary() | {
            w for group in groups for phrase in group for w in self.analyzer.words(phrase)
        }
        self._build_matrix()
        self._build_masks()
        self.synonyms = self._analyse_synonyms(groups)

    # -- building -------------------------------------------------------------------

    def _column_of(self, term: str) -> int:
        column = self.vocabulary.get(term)
        if column is None:
            column = self.vocabulary[term] = len(self.vocabulary)
        return column

    def _build_matrix(self) -> None:
        analyse = self.analyzer.terms
        weights_per_row: list[dict[str, float]] = []
        for row, facility in enumerate(self.facilities):
            weights: dict[str, float] = {}

            def add(terms: Iterable[str], weight: float) -> None:
                for term in terms:
                    if weights.get(term, 0.0) < weight:
                        weights[term] = weight

            name_terms = analyse(facility.name)
            add(name_terms, FIELD_WEIGHTS["name"] * (PHRASE_WORD_SHARE if len(name_terms) > 1 else 1.0))
            for keyword in facility.keywords:
                words = self.analyzer.words(keyword)
                terms = analyse(keyword)
                if len(words) > 1:
                    # a phrase keyword ("ontslag aanvechten") is about the phrase: its words
                    # alone count less, the whole phrase gets PHRASE_BONUS
                    add(terms, FIELD_WEIGHTS["keywords"] * PHRASE_WORD_SHARE)
                    if len(terms) > 1:
                        self.phrases[tuple(terms)].append(row)
                    else:
                        # without its function words "niet naar school" would be the keyword
                        # "school", and "het wordt me te veel" nothing at all
                        self.wordings[self.wording(words)].append(row)
                else:
                    add(terms, FIELD_WEIGHTS["keywords"])
            add(analyse(facility.offers), FIELD_WEIGHTS["offers"])
            add(analyse(facility.for_whom), FIELD_WEIGHTS["for_whom"])
            for term in self.ignored:
                weights.pop(term, None)
            weights_per_row.append(weights)
        # compound words of the facilities themselves: "schuldhulpverlening" is also "schuld"
        vocabulary = {t for w in weights_per_row for t in w}
        known_words = self.known_words
        term = self.analyzer.term

        def known(word: str) -> bool:
            return word in known_words or term(word) in vocabulary

        splits: dict[str, list[str]] = {}
        for weights in weights_per_row:
            for whole, weight in list(weights.items()):
                if whole not in splits:
                    splits[whole] = [term(p) for p in self.analyzer.split_compound(whole, known)]
                for part in splits[whole]:
                    if weights.get(part, 0.0) < weight * COMPOUND_PART_WEIGHT:
                        weights[part] = weight * COMPOUND_PART_WEIGHT
        rows, cols, data = [], [], []
        for row, weights in enumerate(weights_per_row):
            for term, weight in weights.items():
                rows.append(row)
                cols.append(self._column_of(term))
                data.append(weight)
        shape = (len(self.facilities), max(len(self.vocabulary), 1))
        matrix = sparse.csc_matrix((data, (rows, cols)), shape=shape, dtype=np.float32)
        document_frequency = np.diff(matrix.indptr)
        n = max(len(self.facilities), 1)
        self.idf = np.log(1.0 + n / np.maximum(document_frequency, 1)).astype(np.float32)
        self.matrix = matrix
        self.rows = matrix.tocsr()
        # each facility once per phrase, as an index array for vectorised scoring
        self.phrases = {p: np.array(sorted(set(r)), dtype=np.int64) for p, r in self.phrases.items()}
        self.phrases_by_term: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in self.phrases:
            self.phrases_by_term[phrase[0]].append(phrase)
        self.wordings = {w: np.array(sorted(set(r)), dtype=np.int64) for w, r in self.wordings.items()}
        self.wordings_by_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for wording in self.wordings:
            self.wordings_by_word[wording[0]].append(wording)

    def wording(self, words: Sequence[str]) -> tuple[str, ...]:
        """Words as a wording is matched: each word's term, function words kept ("word" for
        "wordt", "veel" for "veel"); "me" and "mij" are one word."""
        return tuple(_SAME_WORD.get(w, self.analyzer.term(w)) for w in words)

    def wordings_in(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """The keyword wordings that occur in ``words`` word for word, in order."""
        sequence = self.wording(words)
        found = set()
        for start, word in enumerate(sequence):
            for wording in self.wordings_by_word.get(word, ()):
                if sequence[start : start + len(wording)] == wording:
                    found.add(wording)
        return sorted(found)

    def _column(self, column: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows and weights of one term (a CSC column, without SciPy's slicing overhead)."""
        start, end = self.matrix.indptr[column], self.matrix.indptr[column + 1]
        return self.matrix.indices[start:end], self.matrix.data[start:end]

    def _build_masks(self) -> None:
        self.gemeente_codes: dict[str | None, int] = {None: 0}
        codes = np.zeros(len(self.facilities), dtype=np.int32)
        self.topic_names: dict[str, int] = {}
        topics = np.zeros((len(self.facilities), 8), dtype=bool)
        for row, facility in enumerate(self.facilities):
            codes[row] = self.gemeente_codes.setdefault(facility.gemeente_id, len(self.gemeente_codes))
            for topic in facility.topics:
                column = self.topic_names.setdefault(topic, len(self.topic_names))
                topics[row, column] = True
        self.gemeente_of_row = codes
        self.topics_of_row = topics[:, : max(len(self.topic_names), 1)]
        self.crisis_rows = np.array([f.crisis and not f.topics for f in self.facilities], dtype=bool)
        self.phone_rows = np.array([f.phone_line for f in self.facilities], dtype=bool)

    def _analyse_synonyms(
        self, groups: list[list[str]]
    ) -> list[tuple[list[tuple[str, ...]], set[str], list[tuple[str, ...]]]]:
        """Per group: its phrases as terms, all its terms, and the wordings of the phrases
        that are mostly function words ("niet naar school", "ouder worden"): those trigger
        the group only as written, not by their one remaining word ("school", "ouder")."""
        analysed = []
        for group in groups:
            phrases, wordings = [], []
            for phrase in group:
                words = self.analyzer.words(phrase)
                terms = tuple(self.analyzer.terms_of(words))
                if len(words) > 1 and len(terms) < 2:
                    wordings.append(self.wording(words))
                elif terms:
                    phrases.append(terms)
            group_terms = {t for p in phrases for t in p} | {t for phrase in group for t in self.analyzer.terms(phrase)}
            analysed.append((phrases, group_terms, wordings))
        return analysed

    # -- querying -------------------------------------------------------------------

    def _query(self, text: str, topics: Sequence[str] = ()) -> _Query:
        """The question analysed once: its words, its own terms, the weighted search terms
        (own terms and compound parts) and the synonym groups it triggers."""
        words = self.analyzer.words(text)
        own = self.analyzer.terms_of(words)
        weights: dict[str, float] = {t: 1.0 for t in own}
        term_of = self.analyzer.term

        def known(word: str) -> bool:
            return word in self.known_words or term_of(word) in self.vocabulary

        for word in words:
            if term_of(word) in self.vocabulary or word in STOPWORDS:
                continue
            # split the word itself, not its stem: "schuldhulpmaatje", "energieachterstand"
            for part in self.analyzer.split_compound(word, known):
                if term_of(part) in self.vocabulary:
                    weights.setdefault(term_of(part), COMPOUND_PART_WEIGHT)
        if young_child(text):
            weights.setdefault(term_of(YOUNG_CHILD_TERM), SYNONYM_WEIGHT)
        age = older_age(text)
        if age:
            weights.setdefault(term_of(OLDER_AGE_TERM), OLDER_AGE_WEIGHT)
            if age >= PENSION_AGE and WERK in topics:
                weights.setdefault(term_of(PENSIONER_WORK_TERM), SYNONYM_WEIGHT)
        present = set(weights)
        groups = []
        sequence = self.wording(words)
        for phrases, group_words, wordings in self.synonyms:
            # a phrase counts when all its words occur, in any order: "de huur staat achter"
            # has "achter met de huur"; a wording when it occurs as written
            if any(present.issuperset(p) for p in phrases) or any(_contains(sequence, wording) for wording in wordings):
                extra = sorted(w for w in group_words if w not in weights and w in self.vocabulary)
                groups.append((extra, [p for p in phrases if len(p) > 1 and not present.issuperset(p)]))
        return _Query(words, own, weights, groups)

    def query_terms(self, text: str) -> tuple[dict[str, float], list[tuple[list[str], list[tuple[str, ...]]]]]:
        """The search terms of a question: its own words with compound parts (weighted),
        and the synonym groups it triggers (each group counts once, see :meth:`search`)."""
        query = self._query(text)
        return query.weights, query.groups

    def phrases_in(self, terms: Iterable[str]) -> list[tuple[str, ...]]:
        """The keyword phrases whose words all occur in ``terms`` (in any order)."""
        present = set(terms)
        found = set()
        for term in present:
            for phrase in self.phrases_by_term.get(term, ()):
                if present.issuperset(phrase):
                    found.add(phrase)
        return sorted(found)

    def search(
        self,
        text: str,
        gemeente_id: str | None,
        topics: Sequence[str] = (),
        limit: int = 3,
        exclude: Iterable[str] = (),
        include_crisis: bool = False,
    ) -> list[Hit]:
        """The best facilities for ``text`` in ``gemeente_id`` (plus national ones).

        ``gemeente_id=None`` searches national facilities only (unknown municipality).
        """
        if not self.facilities:
            return []
        query = self._query(text, topics)
        scores = np.zeros(len(self.facilities), dtype=np.float32)
        matched_columns: dict[int, str] = {}
        for term, weight in query.weights.items():
            column = self.vocabulary.get(term)
            if column is not None:
                rows, values = self._column(column)
                scores[rows] += values * (weight * self.idf[column])
                matched_columns[column] = term
        for words, phrases in query.groups:
            # a synonym group adds its best-matching word or phrase only: "werk" must not
            # score again for "baan", "vacature" and "solliciteren" each
            group_scores = np.zeros_like(scores)
            for word in words:
                column = self.vocabulary[word]
                rows, values = self._column(column)
                group_scores[rows] = np.maximum(group_scores[rows], values * (self.idf[column] * SYNONYM_WEIGHT))
                matched_columns[column] = word
            for phrase in phrases:
                rows = self.phrases.get(phrase)
                if rows is not None:
                    bonus = PHRASE_BONUS * len(phrase) * SYNONYM_WEIGHT * 2
                    group_scores[rows] = np.maximum(group_scores[rows], bonus)
            scores += group_scores
        phrase_rows: set[int] = set()
        for phrase in self.phrases_in(query.own):
            scores[self.phrases[phrase]] += PHRASE_BONUS * len(phrase)
            phrase_rows.update(self.phrases[phrase].tolist())
        for wording in self.wordings_in(query.words):
            # as strong as a phrase of two words
            scores[self.wordings[wording]] += PHRASE_BONUS * 2
            phrase_rows.update(self.wordings[wording].tolist())

        local_code = self.gemeente_codes.get(gemeente_id) if gemeente_id else None
        allowed = self.gemeente_of_row == 0
        if local_code is not None:
            allowed = allowed | (self.gemeente_of_row == local_code)
            scores = np.where(self.gemeente_of_row == 0, scores * NATIONAL_FACTOR, scores)
        if PHONE_CUES.intersection(query.words):
            scores = np.where(self.phone_rows & (scores > 0), scores + PHONE_BONUS, scores)
        if not include_crisis:
            allowed &= ~self.crisis_rows
        wanted_topics = [self.topic_names[t] for t in topics if t in self.topic_names]
        if wanted_topics:
            on_topic = self.topics_of_row[:, wanted_topics].any(axis=1)
            scores = np.where(on_topic, scores + TOPIC_PRIOR, scores * OFF_TOPIC_FACTOR)
        for facility_id in exclude:
            row = self.row_of.get(facility_id)
            if row is not None:
                allowed[row] = False
        scores = np.where(allowed & (scores > 0), scores, 0.0)
        candidates = np.flatnonzero(scores)
        if candidates.size == 0:
            return []
        if candidates.size > limit:
            top = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        else:
            top = candidates
        top = sorted(top, key=lambda r: (-scores[r], self.facilities[r].id))
        hits = []
        for row in top:
            start, end = self.rows.indptr[row], self.rows.indptr[row + 1]
            weight_of = dict(zip(self.rows.indices[start:end].tolist(), self.rows.data[start:end].tolist()))
            matched = tuple(sorted(t for c, t in matched_columns.items() if c in weight_of))
            named = row in phrase_rows or any(
                weight_of[c] >= FIELD_WEIGHTS["keywords"] for c in matched_columns if c in weight_of
            )
            hits.append(Hit(self.facilities[row].id, round(float(scores[row]), 4), matched, named))
        return hits
