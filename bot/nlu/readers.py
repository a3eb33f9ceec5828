"""The trained readers of a resident's message: what kind of message it is, which help
topics it is about, and whether it may be a crisis.

Three linear models share one feature space (:class:`Features`: TF-IDF of word 1-2-grams
and of character 2-5-grams within words, of the folded text with chat spellings written
out):

* the **intent reader**, a multinomial logistic regression over all intents (help topics
  and topic pairs, crisis, out of scope, chitchat, handoff answers and the follow-up
  questions);
* the **topic reader**, one binary logistic regression per help topic (mantelzorg,
  schulden, jeugd, werk), trained on every example whose topics are known, so a
  household with two problems is read as two topics rather than as one pair intent;
* the **crisis reader**, a binary logistic regression of crisis against everything else,
  with the hard negatives in the training data (money, school, work and carer stress
  written with crisis-like words) on the "no" side.

The crisis reader also reads each sentence of a longer message on its own
(:func:`bot.nlu.features.sentences`): a help question about the rent whose last sentence
says "mijn man heeft me gisteren weer geslagen" is diluted as a whole, not as a sentence.
How these readings become a decision is :mod:`bot.triage.topics`. What was tried and
measured (topics per sentence among others): ``docs/nlu.md``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from bot.nlu.features import TermExtractor, folded_text, sentences
from bot.nlu.reading import Reading
from bot.triage.topics import CRISIS_INTENT
from core.topics import HELP_TOPICS


@dataclass(frozen=True)
class ReaderConfig:
    """Settings of the readers (``bot/config.yml``); chosen on the development sets."""

    #: lemmas from spaCy's lookup table and the parts of compounds: neither gained anything
    #: measurable on the development sets, so both are off (docs/nlu.md)
    lemmas: bool = False
    compounds: bool = False
    #: word n-grams up to this length
    word_ngrams: int = 2
    char_ngrams: tuple[int, int] = (2, 5)
    #: inverse regularisation strength of each reader
    intent_c: float = 30.0
    topic_c: float = 10.0
    crisis_c: float = 10.0
    #: the intent reader weighs its training examples so that every intent counts as much
    #: in total: with 1,000 crisis examples and 60 per follow-up question, the small
    #: intents were drowned otherwise (follow-up accuracy 34/60 -> 46/60, docs/nlu.md)
    balance_intents: bool = True


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    #: the help topics, ``None`` when not known (a crisis example without topic labels)
    topics: tuple[str, ...] | None


class Features:
    """TF-IDF of word terms (with lemmas and compound parts) and character n-grams."""

    def __init__(self, config: ReaderConfig) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.terms = TermExtractor(lemmas=config.lemmas, compounds=config.compounds)
        self.word_ngrams = config.word_ngrams
        self.words = TfidfVectorizer(analyzer=self._word_terms, sublinear_tf=True, dtype=np.float32)
        low, high = config.char_ngrams
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(low, high),
            sublinear_tf=True,
            lowercase=False,
            preprocessor=folded_text,
            dtype=np.float32,
        )

    def _word_terms(self, text: str) -> list[str]:
        terms = self.terms(text)
        plain = [t for t in terms if ":" not in t or "'" in t]
        for n in range(2, self.word_ngrams + 1):
            terms.extend(" ".join(plain[i : i + n]) for i in range(len(plain) - n + 1))
        return terms

    def state(self) -> tuple[dict, dict]:
        """What a fitted feature space is: JSON data and arrays (no pickle)."""
        data = {
            "known": sorted(self.terms.known),
            "words": self.words.vocabulary_,
            "chars": self.chars.vocabulary_,
        }
        return data, {"words_idf": self.words.idf_, "chars_idf": self.chars.idf_}

    def restore(self, data: dict, arrays: dict) -> None:
        self.terms.known = frozenset(data["known"])
        for vectorizer, name in ((self.words, "words"), (self.chars, "chars")):
            vectorizer.vocabulary_ = {str(k): int(v) for k, v in data[name].items()}
            vectorizer.fixed_vocabulary_ = False
            vectorizer.idf_ = arrays[f"{name}_idf"]

    def fit_transform(self, texts: Sequence[str]):
        from scipy import sparse

        self.terms.fit(texts)
        return sparse.hstack([self.words.fit_transform(texts), self.chars.fit_transform(texts)]).tocsr()

    def transform(self, texts: Sequence[str]):
        from scipy import sparse

        return sparse.hstack([self.words.transform(texts), self.chars.transform(texts)]).tocsr()


class Readers:
    """The three readers, trained together on one feature space."""

    def __init__(self, config: ReaderConfig = ReaderConfig()) -> None:
        self.config = config
        self.features = Features(config)
        self.intent_model = None
        self.topic_models: dict[str, object] = {}
        self.crisis_model = None

    def fit(self, examples: Iterable[Example]) -> "Readers":
        from sklearn.linear_model import LogisticRegression

        examples = list(examples)
        texts = [e.text for e in examples]
        matrix = self.features.fit_transform(texts)
        intents = [e.intent for e in examples]
        weights = None
        if self.config.balance_intents:
            counts = {i: intents.count(i) for i in set(intents)}
            weights = [len(intents) / (len(counts) * counts[i]) for i in intents]
        self.intent_model = LogisticRegression(C=self.config.intent_c, max_iter=3000)
        self.intent_model.fit(matrix, intents, sample_weight=weights)

        known = [i for i, e in enumerate(examples) if e.topics is not None]
        self.topic_models = {}
        for topic in HELP_TOPICS:
            labels = [int(topic in examples[i].topics) for i in known]
            model = LogisticRegression(C=self.config.topic_c, max_iter=3000, class_weight="balanced")
            self.topic_models[topic] = model.fit(matrix[known], labels)

        # unweighted: balancing crisis against the rest made ordinary help questions read as
        # a crisis once a third of the crisis examples were help questions too (docs/nlu.md)
        self.crisis_model = LogisticRegression(C=self.config.crisis_c, max_iter=3000)
        self.crisis_model.fit(matrix, [int(e.intent == CRISIS_INTENT) for e in examples])
        self._fast_scoring()
        return self

    def _models(self) -> list:
        return [self.intent_model, self.crisis_model, *self.topic_models.values()]

    def _fast_scoring(self) -> None:
        """Store the weights column-major: scikit-learn scores ``X @ coef_.T``, and with a
        row-major ``coef_`` SciPy copies the whole weight matrix for every message (12 ms for
        the intent reader's 25 x 150,000 weights against 0.02 ms)."""
        import numpy as np

        for model in self._models():
            model.coef_ = np.asfortranarray(model.coef_)

    def save(self, directory: Path) -> None:
        """Write the fitted readers to ``directory`` as JSON and a NumPy archive: plain
        numbers, never pickle, so a model file cannot carry code."""
        import numpy as np

        data, arrays = self.features.state()
        models = {"intent": self.intent_model, "crisis": self.crisis_model}
        models.update({f"topic_{t}": m for t, m in self.topic_models.items()})
        data["models"] = {name: [str(c) for c in m.classes_] for name, m in models.items()}
        data["config"] = asdict(self.config)
        for name, model in models.items():
            arrays[f"{name}_coef"] = model.coef_
            arrays[f"{name}_intercept"] = model.intercept_
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "readers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(directory / "readers.npz", **arrays)

    @classmethod
    def load(cls, directory: Path) -> "Readers":
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        data = json.loads((directory / "readers.json").read_text(encoding="utf-8"))
        config = data["config"]
        config["char_ngrams"] = tuple(config["char_ngrams"])
        readers = cls(ReaderConfig(**config))
        with np.load(directory / "readers.npz", allow_pickle=False) as arrays:
            readers.features.restore(data, arrays)
            models = {}
            for name, classes in data["models"].items():
                model = LogisticRegression()
                model.classes_ = np.array(classes)
                model.coef_ = arrays[f"{name}_coef"]
                model.intercept_ = arrays[f"{name}_intercept"]
                models[name] = model
        readers.intent_model = models["intent"]
        readers.crisis_model = models["crisis"]
        readers.topic_models = {t: models[f"topic_{t}"] for t in HELP_TOPICS}
        readers._fast_scoring()
        return readers

    def read(self, text: str) -> Reading:
        """The reading of one message, its sentences read by the crisis reader too."""
        parts = sentences(text)
        pieces = [text] + (parts if len(parts) > 1 else [])
        matrix = self.features.transform(pieces)
        crisis = self.crisis_model.predict_proba(matrix)[:, 1]
        reading = self._readings(matrix[:1], crisis[:1])[0]
        if len(pieces) == 1:
            return reading
        return replace(reading, sentence_crisis=float(crisis[1:].max()))

    def read_many(self, texts: Sequence[str]) -> list[Reading]:
        """The readings of several messages as a whole (no sentence reading)."""
        matrix = self.features.transform(texts)
        return self._readings(matrix, self.crisis_model.predict_proba(matrix)[:, 1])

    def _readings(self, matrix, crisis) -> list[Reading]:
        names = [str(name) for name in self.intent_model.classes_]
        intents = self.intent_model.predict_proba(matrix)
        topics = {t: self.topic_models[t].predict_proba(matrix)[:, 1] for t in HELP_TOPICS}
        return [
            Reading(
                ranking=tuple(sorted(zip(names, map(float, intents[i])), key=lambda pair: -pair[1])),
                topics={t: float(topics[t][i]) for t in HELP_TOPICS},
                crisis=float(crisis[i]),
            )
            for i in range(matrix.shape[0])
        ]
