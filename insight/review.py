"""The review queue (issue 14): questions the assistant did not understand, kept for the
content editor with personal data removed *before* they are stored, for at most 90 days by
default; an editor can export chosen ones as candidate NLU examples in Rasa's YAML.

Why a question is here (``reason``): ``niet_begrepen`` (the assistant could not place it),
``bedoelt_u`` (it had to ask "Bedoelt u …?" and the resident chose a topic; the question is
kept with the topic they chose, the best candidate label there is), or ``nee_na_antwoord``
(the resident said "nee" right after its answer: perhaps not what they meant).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

import yaml
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from insight.redaction import Redacted, redact
from insight.tables import review_items
from insight.tallies import channel_name

REASONS = ("niet_begrepen", "bedoelt_u", "nee_na_antwoord")
#: the longest question kept (longer ones are cut: the editor needs the gist, not a life story)
MAX_TEXT = 1000


@dataclass(frozen=True)
class Item:
    id: int
    created_at: dt.datetime
    gemeente_id: str
    channel: str
    reason: str
    label: str
    text: str
    removed: tuple[str, ...]


class ReviewQueue:
    def __init__(self, engine: Engine, redactor: Callable[[str], Redacted] = redact):
        self.engine = engine
        self.redactor = redactor

    def add(self, gemeente_id: str, channel: str | None, reason: str, text: str, label: str = "") -> Item | None:
        """Redact ``text`` and keep it; ``None`` for an empty question. Raises the redactor's
        error (``RedactionUnavailable``) instead of storing text that may hold personal data.
        ``label``: the intent of the topic the resident chose after "Bedoelt u …?"."""
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        text = " ".join((text or "").split())[:MAX_TEXT]
        if not text:
            return None
        cleaned = self.redactor(text)
        now = dt.datetime.now(dt.timezone.utc)
        row = {
            "created_at": now,
            "gemeente_id": gemeente_id[:40],
            "channel": channel_name(channel),
            "reason": reason,
            "label": label[:40],
            "text": cleaned.text,
            "removed": ",".join(cleaned.kinds),
        }
        with self.engine.begin() as connection:
            new_id = connection.execute(insert(review_items).values(**row)).inserted_primary_key[0]
        return Item(new_id, now, row["gemeente_id"], row["channel"], reason, row["label"], row["text"], cleaned.kinds)

    def items(self, ids: Iterable[int] | None = None, limit: int = 200) -> list[Item]:
        """The newest ``limit`` questions, or those with the given ``ids``."""
        query = select(review_items).order_by(review_items.c.created_at.desc())
        query = query.where(review_items.c.id.in_(list(ids))) if ids is not None else query.limit(limit)
        with self.engine.connect() as connection:
            return [
                Item(
                    r.id,
                    r.created_at,
                    r.gemeente_id,
                    r.channel,
                    r.reason,
                    r.label,
                    r.text,
                    tuple(filter(None, r.removed.split(","))),
                )
                for r in connection.execute(query)
            ]

    def count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(review_items)).scalar())

    def delete(self, ids: Iterable[int]) -> int:
        ids = [int(i) for i in ids]
        if not ids:
            return 0
        with self.engine.begin() as connection:
            return connection.execute(delete(review_items).where(review_items.c.id.in_(ids))).rowcount

    #: what the staff app's purge reports the questions it removed as (HULPWIJZER_REVIEW_DAYS)
    name = "review_items"

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        with self.engine.begin() as connection:
            return connection.execute(delete(review_items).where(review_items.c.created_at < cutoff)).rowcount


def nlu_yaml(labelled: Iterable[tuple[str, str]]) -> str:
    """Candidate NLU examples in Rasa 3's format: (intent, text) pairs, grouped per intent,
    for review before they enter ``data/nlu/``. Placeholders such as ``[naam]`` stay: the
    editor rewrites them (Rasa would read ``[x](entity)``, never a bare ``[naam]``)."""
    per_intent: dict[str, list[str]] = {}
    for intent, text in labelled:
        per_intent.setdefault(intent, [])
        if text not in per_intent[intent]:
            per_intent[intent].append(text)
    document = {
        "version": "3.1",
        "nlu": [
            {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
            for intent, texts in sorted(per_intent.items())
        ],
    }

    class Literal(yaml.SafeDumper):
        pass

    def examples_as_block(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Literal.add_representer(str, examples_as_block)
    header = "# Candidate NLU examples from the Hulpwijzer review queue: check each before it enters data/nlu/\n"
    return header + yaml.dump(document, Dumper=Literal, sort_keys=False, allow_unicode=True)
