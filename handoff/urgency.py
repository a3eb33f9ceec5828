"""Signals that make a handoff urgent. For debts the Wet gemeentelijke schuldhulpverlening
sets a first conversation within 3 working days when eviction, cut-off of energy or water,
or cancellation of the health insurance threatens; a child at risk is urgent for any team."""

from __future__ import annotations

import re

from bot.triage.text import fold, fold_pattern

#: reason (shown to staff and resident) -> patterns on folded text
SIGNALS: dict[str, list[str]] = {
    "dreigende huisuitzetting": [
        r"\b(?:huis ?)?uitzett\w*|\bontruim\w*|\buit (?:ons|mijn|het) huis (?:gezet|zetten)\b|\bop straat (?:komen|staan|gezet)\b",
        r"\bvonnis\b.{0,30}\bhuur\w*|\bhuur\w*.{0,40}\b(?:opgezegd|ontbonden|rechter)\b",
    ],
    "afsluiting van energie of water": [
        r"\bafgeslot\w*|\bafsluit\w*|\bafsluiting\w*",
        r"\b(?:gas|stroom|licht|water|energie)\b.{0,25}\b(?:eraf|uit|dicht|weg)\b",
        r"\b(?:gas|stroom|licht|water|energie\w*)\b.{0,40}\baf (?:te )?(?:sluiten|gesloten)\b",
    ],
    "beslag of deurwaarder": [
        r"\bbeslag\w*|\bdeurwaa?r?der\w*|\bloonbeslag\b",
    ],
    "zorgverzekering opgezegd": [
        r"\bzorgverzekering\b.{0,30}\b(?:opgezegd|stopgezet|geschorst|wanbetaler)\b|\bwanbetalers?regeling\b",
    ],
    "kind in gevaar": [
        r"\bkind\w*\b.{0,40}\b(?:niet veilig|in gevaar|geslagen|mishandeld|verwaarloosd)\b",
        r"\b(?:geen eten|niet gegeten)\b.{0,30}\b(?:kind\w*|zoon|dochter)\b",
    ],
}
_COMPILED = {reason: [re.compile(fold_pattern(p)) for p in patterns] for reason, patterns in SIGNALS.items()}


def signals(texts: list[str]) -> list[str]:
    """The urgency reasons found in any of ``texts``, in the order of :data:`SIGNALS`."""
    folded = [fold(t) for t in texts if t]
    return [r for r, patterns in _COMPILED.items() if any(p.search(t) for p in patterns for t in folded)]
