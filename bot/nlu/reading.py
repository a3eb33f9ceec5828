"""What the trained readers say about one message (:mod:`bot.nlu.readers` makes it,
:func:`bot.triage.topics.triage` decides on it). Plain data, no dependencies, so the
decision can be tested without a trained model."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    """The readers' probabilities for one message."""

    #: every intent with its probability, best first
    ranking: tuple[tuple[str, float], ...]
    #: per help topic (mantelzorg, schulden, jeugd, werk): is the message about it?
    topics: dict[str, float]
    #: is the message about a crisis (danger to life or safety)?
    crisis: float
    #: the highest crisis probability of one sentence, for a message of two or more
    #: sentences: the danger told in one sentence of a longer help question
    sentence_crisis: float = 0.0

    @classmethod
    def of(
        cls,
        ranking: dict[str, float],
        topics: dict[str, float] | None = None,
        crisis: float = 0.0,
        sentence_crisis: float = 0.0,
    ) -> "Reading":
        """A reading from plain dicts (tests and callers without a model)."""
        ordered = tuple(sorted(ranking.items(), key=lambda pair: -pair[1]))
        return cls(ranking=ordered, topics=dict(topics or {}), crisis=crisis, sentence_crisis=sentence_crisis)
