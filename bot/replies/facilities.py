"""How a facility is told to a resident (B1 Dutch): what it offers, how to reach it, and
where the information comes from. The texts themselves come from the content files."""

from __future__ import annotations

from typing import Sequence

from knowledge_base.service import FacilityInfo

#: facts from documents older than this get a "check whether this is still right" note
OLD_SOURCE_YEAR = 2019


def source_line(facility: FacilityInfo) -> str:
    """Where the facts come from, and for facts the municipality should still check (old
    documents, a website read once) who to ask whether they are still right."""
    line = f"Bron: {facility.source}."
    if facility.verify or (facility.source_year and facility.source_year < OLD_SOURCE_YEAR):
        if facility.source_year:
            line += f" Deze informatie komt uit {facility.source_year}. Vraag bij de gemeente of het nog klopt."
        elif facility.national:
            line += " Kijk op de website of deze informatie nog klopt."
        else:
            line += " Vraag bij de gemeente of deze informatie nog klopt."
    return line


#: before a facility of another topic than the one the answer is about
OTHER_TOPIC_LABEL = "Dit hoort bij een ander onderwerp, maar past misschien ook bij uw vraag:"
#: before a rules-advice service shown because the question asks what is allowed or what
#: one is entitled to (``knowledge_base.service.asks_about_rules``)
RULES_LABEL = "Voor uw vraag over regels en rechten:"


def facility_message(facility: FacilityInfo, topics: Sequence[str] = (), rules_question: bool = False) -> str:
    """One facility as one chat message; labelled when it is rules advice for a question
    about rules (``rules_question``), or when it belongs to none of ``topics``."""
    parts = [f"{facility.name}", facility.offers, f"Zo komt u in contact: {facility.how_to_reach}"]
    if rules_question and facility.rules_advice:
        parts.insert(0, RULES_LABEL)
    elif topics and not set(facility.topics) & set(topics):
        parts.insert(0, OTHER_TOPIC_LABEL)
    if facility.neighbourhood:
        parts.append(f"Waar: {facility.neighbourhood}.")
    parts.append(source_line(facility))
    return "\n".join(parts)


def cost_sentence(facility: FacilityInfo) -> str:
    """Answer to "wat kost dat?" for one facility."""
    cost = (facility.cost or "onbekend").strip()
    if cost.lower() == "gratis":
        text = f"{facility.name} is gratis."
    elif cost.lower() == "onbekend":
        text = f"{facility.name}: mijn bron zegt niet wat het kost. Vraag het als u contact opneemt."
    else:
        text = f"{facility.name}: {cost}"
    if facility.indication_needed == "no":
        text += " U heeft er geen indicatie (besluit van de gemeente) voor nodig."
    elif facility.indication_needed == "yes":
        text += " U heeft er wel een indicatie voor nodig: de gemeente beslist of u het krijgt."
    return text


def location_sentence(facility: FacilityInfo) -> str:
    """Answer to "waar zit dat?" for one facility."""
    text = f"{facility.name}: {facility.how_to_reach}"
    if facility.neighbourhood:
        text += f" Waar: {facility.neighbourhood}."
    return text
