"""When the resident may expect contact.

Only what is real is promised. For debts the Wet gemeentelijke schuldhulpverlening,
article 4a, sets a first conversation within four weeks of the request, and within three
working days when eviction, cut-off of energy or water, or cancellation of the health
insurance threatens. For other topics the seed documents and the municipalities name no
term, so none is promised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handoff.service import add_working_days

#: urgency reasons for which the Wgs sets three working days
WGS_THREATS = frozenset({"dreigende huisuitzetting", "afsluiting van energie of water", "zorgverzekering opgezegd"})


@dataclass(frozen=True)
class Deadline:
    respond_by: dt.date | None
    #: B1 sentence for the resident
    sentence: str


def deadline(
    topics: list[str],
    urgency: list[str],
    today: dt.date,
    team_days: int | None = None,
    team_urgent_days: int | None = None,
) -> Deadline:
    """The earliest of the legal term and the team's own promise (content file:
    ``response_working_days``, ``urgent_response_working_days``)."""
    candidates: list[Deadline] = []
    if "schulden" in topics:
        if WGS_THREATS.intersection(urgency):
            by = add_working_days(today, 3)
            candidates.append(
                Deadline(
                    by,
                    f"Omdat het dringend is, heeft u binnen 3 werkdagen een eerste gesprek: uiterlijk op {by:%d-%m-%Y}. Dat staat in de wet.",
                )
            )
        else:
            by = today + dt.timedelta(weeks=4)
            candidates.append(
                Deadline(
                    by,
                    f"Bij schulden heeft u binnen 4 weken een eerste gesprek: uiterlijk op {by:%d-%m-%Y}. Dat staat in de wet.",
                )
            )
    days = team_urgent_days if urgency and team_urgent_days else team_days
    if days:
        by = add_working_days(today, days)
        candidates.append(
            Deadline(by, f"Het team neemt binnen {days} werkdagen contact met u op: uiterlijk op {by:%d-%m-%Y}.")
        )
    if candidates:
        return min(candidates, key=lambda d: d.respond_by)
    if urgency:
        return Deadline(
            None,
            "Ik heb erbij gezet dat het dringend is. Het team neemt zo snel mogelijk contact met u op. "
            "De gemeente heeft hier geen vaste termijn voor genoemd.",
        )
    return Deadline(
        None,
        "Het team neemt zo snel mogelijk contact met u op. De gemeente heeft hier geen vaste termijn voor genoemd.",
    )
