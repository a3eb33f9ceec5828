"""Signals that make a handoff urgent. For debts the Wet gemeentelijke schuldhulpverlening
sets a first conversation within 3 working days when eviction, cut-off of energy or water,
or cancellation of the health insurance threatens; a child at risk is urgent for any team."""

from __future__ import annotations

import re

from core.text import fold, fold_pattern

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
#: An overloaded carer (overbelaste mantelzorger), a priority group in the seeds: the words
#: of someone who cannot cope any more, said by someone who cares for another person
#: (:data:`CARE`, in any message of the conversation). "Ik kan niet meer" alone is not
#: enough: "ik kan niet meer wachten op de bus", "ik kan niet meer inloggen".
CARER_OVERLOAD = "overbelaste mantelzorger"
#: "ik kan niet meer", "... en kan niet meer", "Kan niet meer."
_SUBJECT = r"(?:\b(?:ik|k|wij|we)\s+|(?:^|\ben\s+|\bmaar\s+|[.,!?;]\s*))"
OVERLOAD = [
    # "ik kan niet meer", "ik kan het niet meer (aan)", "... en kan niet meer", "niet meer kan"
    _SUBJECT + r"(?:kan|kn)\s+(?:het|dit|dat|t)?\s*(?:echt\s+|gewoon\s+|bijna\s+|zo\s+)?(?:niet|nie)\s+(?:meer|langer)"
    r"(?:\s*(?:[.,!?;]|$)|\s+(?:aan|op|tegen|volhouden|opbrengen|dragen|bolwerken|functioneren|combineren|alleen|zo|verder|ik|"
    r"hoor|echt|het|van\s+(?:de\s+)?(?:zorg|moeheid|vermoeidheid)))",
    r"\b(?:niet|nie)\s+meer\s+kan\b|\b(?:kan|kn)\s+(?:\w+\s+){0,6}?(?:niet|nie)\s+(?:meer|langer)\s+(?:combineren|volhouden|aan|bolwerken|opbrengen|dragen)\b",
    _SUBJECT
    + r"(?:red|redden|trek|trekken|hou|houd|houden|volhoud\w*)\s+(?:het|dit|dat|t)\s+(?:echt\s+|gewoon\s+|bijna\s+)?(?:niet|nie)"
    r"(?:\s+meer)?(?:\s+(?:alleen|vol|langer|meer))?\b(?!\s+(?:om|op\s+tijd|te\s+halen))",
    r"\bhoe\s+(?:lang\s+)?ik\s+dit\s+(?:nog\s+)?volhou\w*",
    r"\b(?:niet|nie)\s+(?:langer|meer)\s+(?:volhouden|volhoud|bolwerken|opbrengen)\b",
    r"\b(?:gaat|ging)\s+(?:zo|dit|het)\s+(?:zo\s+)?(?:niet|nie)\s+(?:meer|langer)\s*(?:[.,!?;]|$)|\bdit\s+gaat\s+zo\s+niet\s+langer\b",
    r"\b(?:lukt|gaat)\s+(?:mij|me|het|ons)\s+(?:\w+\s+)?(?:niet|nie)\s+(?:langer|meer)(?:\s+alleen)?\s*(?:[.,!?;]|$)",
    _SUBJECT
    + r"(?:ben|bn|zijn)\s+(?:allebei\s+|helemaal\s+|echt\s+|gewoon\s+|totaal\s+|compleet\s+|zo\s+|heel\s+|erg\s+|nu\s+)?(?:op|kapot|stuk|uitgeput|opgebrand|"
    r"overspannen|overbelast|leeg|doodop|doodmoe|bekaf|moe|op\s+van\s+\w+|aan\s+het\s+(?:eind\w*|instorten)|over\s+mijn\s+grens(?:\s+heen)?|"
    r"mezelf\s+(?:helemaal\s+)?kwijt|zelf\s+(?:ziek|overspannen)\s+geworden)"
    r"(?:\s*(?:[.,!?;]|$)|\s+(?:van|door|en|maar|hoor|echt|ik|want|nu|sinds|omdat|al|dat|geraakt|geworden|tegelijk)\b)",
    r"\b(?:overbelast\w*|overbelasting|uitgeput\w*|opgebrand|burn-?out|oververmoeid\w*|overspannen)\b",
    r"\b(?:wordt|werd|word|is)\s+(?:het\s+|dit\s+)?(?:me|mij|ons)\s+(?:echt\s+|gewoon\s+|allemaal\s+|veel\s+)?(?:te\s+(?:veel|zwaar)|teveel|boven\s+het\s+hoofd)",
    r"\b(?:veel\s+)?te\s+(?:veel|zwaar)\s+voor\s+(?:mij|me|ons)\b|\bhet\s+is\s+(?:me\s+)?(?:veel\s+)?te\s+zwaar\b",
    r"\b(?:groeit|groeien)\s+(?:me|mij|ons)\s+boven\s+het\s+hoofd\b",
    r"\b(?:ga|gaan)\s+(?:er\s*)?(?:aan\s+)?(?:onderdoor|kapot|aan\s+onderdoor)\b|\beraan\s+onderdoor\b|\bkopje\s+onder\b",
    r"\b(?:zit|zat)\s+(?:er\s+)?(?:zelf\s+)?(?:helemaal\s+)?(?:doorheen|stuk|vast)\b|\bop\s+(?:mijn|m'n|mn)\s+tandvlees\b",
    r"\b(?:mijn|m'n|mn)\s+grens\s+is\s+(?:bereikt|bereik)\b|\bover\s+(?:mijn|m'n|mn)\s+grens(?:en)?\b",
    r"\b(?:eind|einde)\s+van\s+(?:mijn|m'n|mn)\s+(?:latijn|krachten|kunnen)\b|\baan\s+het\s+instorten\b|\bbrand\s+(?:helemaal\s+)?op\b",
    r"\b(?:ik\s+)?(?:slaap|sliep)\s+(?:al\s+)?(?:\w+\s+){0,2}(?:niet|nauwelijks|amper|bijna\s+niet|max|maar)\b[^.?!]{0,40}\b(?:zorg|nacht|hem|haar|wakker|onrustig|uur)",
    r"\b(?:ik\s+)?(?:niet|nauwelijks|amper)\s+(?:meer\s+)?slapen\b|\bik\s+slaap\s+niet\b|\bslaap\s+slecht\b",
    r"\bgeen\s+(?:eigen\s+)?leven\s+meer\b|\bgeen\s+tijd\s+(?:meer\s+)?voor\s+(?:mezelf|mijzelf|mij\s+zelf|vrienden|mijn\s+eigen)\b|"
    r"\bnooit\s+(?:meer\s+)?(?:even\s+)?(?:vrij|rust|pauze)\b|\bblijft\s+(?:niks|niets)\s+(?:meer\s+)?van\s+(?:mezelf|mij)\s+over\b",
    r"\b(?:zak|zakken)\s+door\s+(?:mijn|m'n|mn)\s+hoeven\b|\bop\s+is\s+op\b|\bval\s+om\s+van\s+(?:de\s+)?(?:moeheid|vermoeidheid)\b",
    r"\bword\s+er\s+gek\s+van\b|\bhuil\s+(?:elke|iedere)\s+(?:avond|dag|nacht)\b|\bzo\s+moe\s+(?:van\s+alles|dat)\b|\b(?:heel|erg|zo)\s+moe\b",
    r"\bvoel\s+me\s+(?:helemaal\s+)?(?:opgebrand|uitgeput|leeg|overbelast|kapot)\b",
]
_RELATIVES = (
    r"moeder|vader|ouders|ma|pa|mama|papa|mam|pap|man|vrouw|partner|vriend|vriendin|zoon|dochter|kind|kinderen|broer|broertje|"
    r"zus|zusje|tweelingzus|tweelingbroer|oma|opa|schoonmoeder|schoonvader|buurvrouw|buurman|tante|oom|echtgeno\w*|kleinkind\w*"
)
_CONDITIONS = (
    r"alzheimer|dementie|dement\w*|parkinson|kanker|ms|als|copd|long\s*covid|beroerte|herseninfarct|hersenbloeding|hersenletsel|"
    r"gehandicapt|handicap|beperking|autisme|bedlegerig|rolstoel|verzorging|zorg\s+nodig|ziek\w*|terminaal|blind|doof|depressie|"
    r"psychisch\w*|verslaafd|hulpbehoevend|spierziekte|suikerziekte|amputatie|kan\s+niet\s+(?:meer\s+)?lopen|heel\s+oud"
)
#: someone who cares for another person
CARE = (
    r"\b(?:zorg|zorgen|verzorg\w*|mantelzorg\w*|pas\s+(?:ook\s+)?op|doe\s+alles|regel\s+alles|omkijk\w*)\b[^.?!]{0,40}?\b(?:voor|op|om|bij|met|naar)\s+"
    r"(?:mijn|m'n|mn|me|onze|ons|haar|zijn|z'n|de|een|allebei\s+mijn)\s+(?:\w+\s+){0,2}?(?:" + _RELATIVES + r")\b"
    r"|\b(?:zorg|zorgen|zorgt)\s+(?:ik\s+)?(?:voor|om)\s+(?:hem|haar|hen|ze)\b|\bvoor\s+(?:hem|haar|hen)\s+(?:te\s+)?zorgen\b|\bde\s+zorg\s+voor\b"
    r"|\bmantelzorg\w*|\bvang\s+(?:hem|haar)\s+(?:al\s+\w+\s+)?op\b|\bnaar\s+(?:hem|haar)\s+omkijk\w*"
    r"|\b(?:mijn|m'n|mn|me|onze|ons)\s+(?:\w+\s+)?(?:" + _RELATIVES + r")\b[^.?!]{0,60}\b(?:" + _CONDITIONS + r")\b"
    r"|\b(?:"
    + _RELATIVES
    + r")\b[^.?!]{0,60}\b(?:wassen|aankleden|tillen|draaien|gedraaid|eten\s+geven|medicijnen|boodschappen)\b"
    r"|\b(?:help|helpen)\s+(?:haar|hem)\s+met\s+alles\b|\bom\s+(?:haar|hem)\s+te\s+helpen\b"
    r"|\b(?:hebben|heb)\s+een\s+(?:kind|zoon|dochter)\s+met\b"
)
_OVERLOAD = [re.compile(fold_pattern(p)) for p in OVERLOAD]
_CARE = re.compile(fold_pattern(CARE))
_COMPILED = {reason: [re.compile(fold_pattern(p)) for p in patterns] for reason, patterns in SIGNALS.items()}


def signals(texts: list[str]) -> list[str]:
    """The urgency reasons found in any of ``texts``, in the order of :data:`SIGNALS`, then
    an overloaded carer."""
    folded = [fold(t) for t in texts if t]
    found = [r for r, patterns in _COMPILED.items() if any(p.search(t) for p in patterns for t in folded)]
    if carer_overload(folded):
        found.append(CARER_OVERLOAD)
    return found


def is_carer(folded: list[str]) -> bool:
    """Whether the (folded) texts say the resident cares for someone."""
    return any(_CARE.search(t) for t in folded)


def carer_overload(folded: list[str]) -> bool:
    """A carer who says they cannot cope: the care anywhere in the conversation, the
    overload in any message."""
    return is_carer(folded) and any(p.search(t) for p in _OVERLOAD for t in folded)
