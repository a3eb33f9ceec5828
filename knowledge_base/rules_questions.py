"""Does a resident's question ask what is allowed or what one is entitled to?

"Mag ik bijverdienen naast de bijstand?", "hoeveel uur mag ik werken op mijn 15e?", "word ik
gekort?", "heb ik recht op ...", "ben ik verplicht om te solliciteren?", "moet ik dat
terugbetalen?": such a question needs advice on rules and rights (the Juridisch Loket,
sociaal raadslieden) as well as the facilities for the need (``KnowledgeBase.recommend``).

"Mag" alone says little: "mag ik even iets vragen", "mag ik zonder afspraak binnenlopen"
and "mag ik met iemand praten" ask for help, and "door mijn knie mag ik niet meer rijden"
or "ik mag het niet zeggen van mijn man" tell part of the story. "Mag" counts where it asks
(at the start of a sentence, after a question word, or in a sentence that ends with a
question mark) and is not about getting help. Nothing happens at import time beyond
compiling the patterns.
"""

from __future__ import annotations

import re

from core.text import fold

#: words a sentence may start with before its question: "hoi ik ben 15 mag ik ...",
#: "ff een vraag: mag je ..."
_OPENERS = r"(?:(?:hoi|hallo|hey|hee|goedemiddag|goedendag|ff|even|een|vraag|snelle|en|maar|dus|nou|of|want|eigenlijk|dan)[,:]? )*"
_QUESTION_WORDS = r"(?:hoeveel|hoe lang|hoe vaak|hoe|wat|wanneer|waarom|welke?|wie|tot wanneer|vanaf wanneer|of)"
#: who or what "mag" asks about
_SUBJECT = r"(?:je|jij|u|hij|zij|ze|jullie|men|dat|het|die|de|een|mijn|m'n|mn|onze|ons)"
#: "mag ik ... vragen / praten / binnenlopen": asking for help or about a service, not a rule
_ASKING_FOR_HELP = (
    r"(?!(?: [\w']+){0,5} (?:vragen|praten|klagen|langskomen|langs komen|binnenlopen|binnen lopen|binnenkomen"
    r"|aanmelden|afspraak|hulp|anoniem|kwijt|bellen|appen|mailen|meenemen|meekomen|komen)\b)"
)
#: the resident (or family) may ask for help; anyone else "mag" is about a rule ("mag de
#: deurwaarder mijn auto meenemen?")
_MAY = rf"(?:mag|mogen) (?:(?:ik|we|wij)\b{_ASKING_FOR_HELP}|{_SUBJECT}\b)"
#: "mag" where it asks: first in the sentence, or after a question word ("hoeveel uur mag
#: ik werken"), or the subject after a question word ("of ik mag bijverdienen")
_MAY_ASKED = re.compile(
    rf"^{_OPENERS}{_MAY}"
    rf"|\b{_QUESTION_WORDS}(?: [\w']+){{0,3}} {_MAY}"
    rf"|\b{_QUESTION_WORDS} (?:ik|je|hij|zij|ze|we|wij|mijn [\w']+)(?: [\w']+){{0,3}} (?:mag|mogen)\b"
    # a tag after the situation: "vrijwilligerswerk met uitkering mag dat", "mag dat wel?"
    r"|\bmag (?:dat|het)(?: (?:wel|eigenlijk|zomaar|nou|dan|gewoon|echt))*$"
    # someone else's power over the writer, with a bare noun: "mag school dat gwn bepalen?"
    # (not asking for help: "mag iemand dat voor mij invullen?", "mag mama het ook lezen?")
    rf"|^{_OPENERS}(?:mag|mogen) (?!(?:ik|we|wij|iemand|jullie|u|mama|papa)\b)[\w']+ (?:dat|dit|het)\b"
    r"(?!(?: [\w']+){0,4} (?:invullen|doornemen|bekijken|nakijken|lezen|uitleggen|helpen)\b)"
)
#: asked as a question of its own, after what someone asks of the writer: "moet dat
#: eigenlijk??", "moet ik dit echt doen??" (a klantmanager's 32 hours); not "hoe moet ik dat
#: doen?", and not told: "dan moet ik het wel doen."
_MUST_ASKED = re.compile(
    rf"^{_OPENERS}moet(?:en)? (?:ik |we |wij )?(?:dat|dit|het)"
    r"(?: (?:eigenlijk|echt|wel|nou|dan|zomaar|ook|nog|gewoon|allemaal|zo|nu))*"
    r"(?: (?:gaan )?(?:doen|accepteren|pikken|aannemen))?$"
)
#: an income from a benefit or allowance: "bijstand", "ww-uitkering", "huurtoeslag", "uitkeringen"
_INCOME = r"(?:[\w-]*uitkering(?:en)?|bijstand|\w*toeslag\w*|ww|aow|wajong|wia)\b"
_MAY_ANYWHERE = re.compile(rf"\b{_MAY}")
#: asked: "als ik werk, stopt dan het geld van uitkering?", "vervalt mijn toeslag als ...?"
_STOPS_ASKED = re.compile(r"\b(?:stopt|stoppen|vervalt|vervallen)\b(?: [\w']+){0,4} " + _INCOME)
#: "klopt dat?" after what someone said, or "klopt het dat" with a rule in the sentence
_IS_IT_TRUE = re.compile(r"\bklopt (?:dat|het|dit)\b")
_RULE_WORDS = re.compile(
    r"\b(?:moet\w*|mag|mogen|recht\w*|betal\w*|terugbetal\w*|gekort|stop\w*|verplicht\w*|toegestaan|minder|uitkering|bijstand|toeslag\w*)\b"
)
_ALWAYS = re.compile(
    r"\b(?:toegestaan|recht op|(?:mijn|onze|zijn|haar) rechten|gekort|in aanmerking"
    r"|krijg (?:ik|we|wij) (?:dan )?(?:nog )?minder"
    r"|(?:word|wordt) (?:mijn|onze|de) [\w']+ (?:dan )?(?:lager|minder|gekort|stopgezet|ingetrokken)"
    r"|(?:ben|is|zijn) (?:ik|hij|zij|ze|we|wij|mijn [\w']+) (?:nu |dan |nog |wel )?verplicht"
    # "moet ik met bijstand verplicht vrijwilligerswerk doen?"
    r"|moet(?:en)? (?:ik|we|wij|hij|zij|ze)\b(?: [\w']+){0,4} verplicht"
    r"|(?:kan|mag) (?:ik|je|men) (?:[\w']+ ){0,3}bijverdien\w*"
    # a duty that comes with a benefit: "moet ik nog solliciteren als ik 63 ben?", "moet
    # ik dat melden?"
    r"|moet(?:en)? (?:ik|we|wij|hij|zij|ze)(?: (?:dan|nog|wel|ook|echt|dat|dit|het))* (?:soll?ic+it+eren|melden|doorgeven)"
    # an objection to a decision: "kan ik bezwaar maken?", "afgewezen ... kan ik daar nog wat tegen doen?"
    r"|bezwaar (?:maken|aantekenen|indienen)|bezwaarschrift|in bezwaar"
    r"|moet(?:en)? (?:ik|we|wij|hij|zij|ze|dat|dit|het)\b(?: [\w']+){0,4} terug ?betal\w*"
    r"|terugbetaald (?:worden|moet|moeten)"
    r"|moet ik (?:dat|dit|het|die|deze|de)\b(?: [\w']+){0,4} betalen"
    # a decision about the writer's income: "mijn bijstandsuitkering is gestopt", "de toeslag
    # wordt ineens stopgezet", "de gemeente heeft mijn bijstand stopgezet" (not as the time of
    # the story: "sinds mijn uitkering is gestopt", "toen mijn ww werd stopgezet")
    r"|(?<!sinds )(?<!nadat )(?<!toen )(?<!omdat )(?<!doordat )(?:mijn|m'n|mn|onze|zijn|haar|de) "
    + _INCOME
    + r" (?:is|zijn|wordt|worden|werd|was) (?:[\w']+ ){0,2}(?:stopgezet|stop gezet|gestopt|ingetrokken|geblokkeerd|beeindigd)"
    r"|(?:heeft|hebben) (?:[\w']+ ){0,3}(?:mijn|m'n|mn|onze|zijn|haar|de) "
    + _INCOME
    + r" (?:[\w']+ )?(?:stopgezet|stop gezet|ingetrokken|geblokkeerd|beeindigd)"
    # an objection procedure, an exemption from a duty: "informatie over de bezwaarprocedure",
    # "kan zij ontheffing krijgen van die arbeidsverplichting?"
    r"|bezwaarprocedure|bezwaartermijn|in beroep|beroep aantekenen|ontheffing|vrijstelling"
    # whether the writer keeps or loses a benefit: "raak ik mn bijstand kwijt als ...", "dan
    # verlies ik toch m'n toeslagen??", "om mijn uitkering te houden"
    r"|(?:uitkering|bijstand|toeslag\w*|ww|aow)\b(?: [\w']+)? kwijt"
    r"|verlies (?:ik|we|wij|hij|zij|ze) (?:[\w']+ ){0,2}(?:uitkering|bijstand|toeslag\w*|ww|aow)\b"
    r"|om (?:mijn|m'n|mn|onze|zijn|haar|de) (?:\w*uitkering|bijstand|toeslag\w*|ww|aow) te (?:be)?houden"
    # money the municipality or the UWV wants back: "een brief over terugvordering bijstand"
    r"|terugvordering\w*|teruggevorderd|(?:vordert|vorderen) (?:[\w']+ ){0,4}terug"
    # whether something counts: "telt vrijwilligerswerk mee voor de sollicitatieplicht?"
    r"|\btelt (?:[\w']+ ){1,3}mee (?:voor|bij)"
    # a threatened sanction: "anders stoppen ze mn uitkering", "korten ze mijn bijstand"
    r"|(?:stoppen|stopt|korten|kort) (?:ze|jullie|zij|de gemeente|het uwv) (?:dan )?(?:mijn|m'n|mn|onze|zijn|haar|de) "
    r"(?:\w*uitkering|bijstand|toeslag\w*|ww)"
    # a duty the benefit's provider lays on the writer: "ik moet van de gemeente solliciteren",
    # "moet van haar consulent 20 uur per week aan de slag"
    r"|(?:moet|moeten) (?:(?:ik|hij|zij|ze|we|wij) )?van (?:de gemeente|het uwv|de sociale dienst|werk en inkomen|"
    r"(?:mijn|m'n|mn|zijn|haar|onze) (?:klantmanager|consulent|werkcoach|re-integratiecoach))"
    # whether a rule applies to the writer: "geldt dat ook voor mij?", "of dat voor mij geldt"
    r"|(?:geldt|gelden) (?:dat|dit|die|deze|het)(?: (?:ook|dan|wel|nog))* voor (?:mij|ons|hem|haar)"
    r"|(?:dat|dit|het|die|deze) (?:ook |dan |wel )?voor (?:mij|ons|hem|haar) (?:geldt|gelden))\b"
)
#: "kan ik daar nog iets tegen doen?" asks about an objection when the message tells of a
#: decision; "mijn zoon wordt gepest, wat kan ik daartegen doen?" does not
_AGAINST = re.compile(
    r"\b(?:daar|er|hier)(?: [\w']+){0,3} ?tegen(?: [\w']+){0,2} (?:doen|ondernemen|beginnen)\b"
    # "wij kunnen ons hier niet in vinden", "ik ben het er niet mee eens" (about a decision)
    # (not "mijn vriend weet niet eens hoe erg het is")
    r"|\bhet (?:er |daar |hier )?niet (?:mee )?eens\b|\bniet eens met\b|\boneens\b"
    r"|\b(?:ons|mij|me) (?:hier |daar |er )?niet in (?:vinden|kunnen vinden)\b"
)
_DECISION = re.compile(
    r"\b(?:afgewezen|afwijzing|besluit|beschikking|aanslag|boete|gekort|korting|stopgezet|ingetrokken|geweigerd|teruggevorderd|terugvordering)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def asks_about_rules(text: str) -> bool:
    """The question asks what is allowed or what one is entitled to."""
    folded = fold(text)
    for sentence in _SENTENCE_END.split(folded):
        sentence = sentence.strip()
        bare = sentence.rstrip("?!. ")
        if _ALWAYS.search(bare) or _MAY_ASKED.search(bare):
            return True
        if sentence.endswith("?") and (
            _MUST_ASKED.search(bare) or _MAY_ANYWHERE.search(bare) or _STOPS_ASKED.search(bare)
        ):
            return True
        if _AGAINST.search(bare) and _DECISION.search(folded):
            return True
        truth = _IS_IT_TRUE.search(bare)
        if truth and (truth.end() >= len(bare) - 12 or _RULE_WORDS.search(bare[truth.end() :])):
            return True
    return False
