"""Indirect cues: what residents write about a help topic without naming it.

"Ik open de brievenbus al weken niet meer" is about money trouble, "43 keer 'helaas' in
mijn mailbox" about looking for work, "ik slaap op de bank naast zijn bed" about caring
for someone. The readers (logistic regressions on words and character n-grams) give such
messages every topic under 0.3, and more training examples did not change that
(docs/nlu.md). The cues in ``cues.yml`` are a second signal, used only where the readers
are unsure (:func:`bot.triage.topics.triage`).

A cue is a short phrase: its words in this order, adjacent and in one sentence, compared
after folding (case and accents; "m'n" and "mn" are "mijn"); ``*`` at the end of a word stands for an ending of up to
six letters ("afwijzing*": afwijzingen; "zorg*": zorgt, zorgen, but not zorgverzekering).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from bot.nlu.features import CHAT_SPELLINGS
from core.text import fold

CUES_FILE = Path(__file__).with_name("cues.yml")
#: how many letters ``*`` stands for: enough for "schoon*" (schoonmoeder) and "klaar*"
#: (klaarzetten), not for "zorg*" in zorgverzekering
WILDCARD_LETTERS = 6


#: chat spellings of "mijn" and "zijn", written out as the readers write them out
#: (``CHAT_SPELLINGS``): "ik zorg voor mn moeder" has the cue "zorg* voor mijn moeder"
_SHORT_FORM = re.compile(r"(?<!\w)(?:m'n|mn|z'n)(?!\w)")


def _normalised(text: str) -> str:
    return _SHORT_FORM.sub(lambda short: CHAT_SPELLINGS[short.group(0)], fold(text))


def _pattern(cue: str) -> re.Pattern:
    words = []
    for word in _normalised(cue).split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (rf"\w{{0,{WILDCARD_LETTERS}}}" if word.endswith("*") else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


@lru_cache(maxsize=1)
def _compiled(path: Path = CUES_FILE) -> Mapping[str, tuple[re.Pattern, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {topic: tuple(_pattern(cue) for cue in cues) for topic, cues in data["cues"].items()}


def cue_hits(text: str) -> dict[str, int]:
    """How many distinct cues of each help topic occur in ``text``."""
    folded = _normalised(text)
    return {topic: sum(1 for p in patterns if p.search(folded)) for topic, patterns in _compiled().items()}


def cued_topic(text: str) -> str | None:
    """The one help topic the cues point at, or None when they point at none or at several."""
    hits = {topic: n for topic, n in cue_hits(text).items() if n}
    return next(iter(hits)) if len(hits) == 1 else None
