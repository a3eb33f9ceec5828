"""The crisis answer: calm, short, with the national numbers, in the resident's language.

Numbers (national, free, day and night): 113 Zelfmoordpreventie 113 / 0800-0113,
Veilig Thuis 0800-2000, Kindertelefoon 0800-0432, and 112 for acute danger.
"""

from __future__ import annotations

from bot.triage import crisis as kinds_
from bot.triage import language as lang
from knowledge_base.gemeenten import Gemeente

_INTRO_NL = "Wat u schrijft klinkt ernstig. Ik ben een computerprogramma, maar er zijn mensen die u nu kunnen helpen."
_LINES_NL = {
    kinds_.DANGER: "Is er nu gevaar voor iemands leven? Bel direct 112.",
    kinds_.SUICIDE: (
        "Denkt u aan zelfdoding, of maakt u zich zorgen om iemand? "
        "Praat erover met 113 Zelfmoordpreventie: bel 113 of gratis 0800-0113, of chat op 113.nl. "
        "Dag en nacht, en anoniem als u dat wilt."
    ),
    kinds_.VIOLENCE: (
        "Bent u of is iemand anders thuis niet veilig? Bel Veilig Thuis: 0800-2000. "
        "Gratis, dag en nacht, en u mag anoniem bellen. "
        "Ben je jonger dan 18? Je kunt ook gratis bellen of chatten met de Kindertelefoon: 0800-0432."
    ),
    kinds_.HOMELESS: (
        "Heeft u vannacht geen plek om te slapen? Bel zo snel mogelijk de gemeente {naam}: {telefoon}. "
        "Zeg dat u vannacht geen slaapplek heeft en vraag waar u terechtkunt."
    ),
}
_ALWAYS_NL = "Bij direct gevaar: bel altijd 112."
# When only the classifier (no rule) saw a crisis, the message may be an ordinary
# question: check in without alarm, then give every number.
_CHECK_IN_NL = (
    "Ik wil even zeker weten dat het goed met u gaat. "
    "Bent u of is iemand anders in gevaar, of denkt u aan zelfdoding? Dan kunt u nu hulp krijgen."
)

# Short versions for residents who write in another language: all numbers at once.
_OTHER_LANGUAGES = {
    lang.ENGLISH: (
        "What you write sounds serious. I am a computer program, but there are people who can help you now.\n"
        "- Thoughts of suicide: call 113 or, free of charge, 0800-0113 (day and night).\n"
        "- Not safe at home: call Veilig Thuis on 0800-2000 (free, day and night).\n"
        "- Immediate danger: call 112."
    ),
    lang.TURKISH: (
        "Yazdıklarınız ciddi görünüyor. Ben bir bilgisayar programıyım, ama size şimdi yardım edebilecek insanlar var.\n"
        "- İntihar düşünceleri: 113'ü veya ücretsiz 0800-0113'ü arayın (gece gündüz).\n"
        "- Evde güvende değilseniz: Veilig Thuis'i arayın, 0800-2000 (ücretsiz, gece gündüz).\n"
        "- Acil tehlike: 112'yi arayın."
    ),
    lang.POLISH: (
        "To, co piszesz, brzmi poważnie. Jestem programem komputerowym, ale są ludzie, którzy mogą ci teraz pomóc.\n"
        "- Myśli samobójcze: zadzwoń pod 113 lub bezpłatnie pod 0800-0113 (całą dobę).\n"
        "- Jeśli nie czujesz się bezpiecznie w domu: zadzwoń do Veilig Thuis, 0800-2000 (bezpłatnie, całą dobę).\n"
        "- Bezpośrednie zagrożenie: zadzwoń pod 112."
    ),
    lang.ARABIC: (
        "ما تكتبه يبدو خطيرًا. أنا برنامج كمبيوتر، لكن هناك أشخاص يمكنهم مساعدتك الآن.\n"
        "- أفكار انتحارية: اتصل بالرقم 113 أو مجانًا بالرقم 0800-0113 (ليلًا ونهارًا).\n"
        "- إذا لم تكن في أمان في البيت: اتصل بـ Veilig Thuis على الرقم 0800-2000 (مجانًا، ليلًا ونهارًا).\n"
        "- خطر فوري: اتصل بالرقم 112."
    ),
}


def crisis_reply(crisis_kinds: list[str], language: str, gemeente: Gemeente) -> list[str]:
    """The messages that make up the crisis answer, in order.

    Without a recognised kind (the classifier flagged a crisis the rules did not name)
    the answer checks in instead of alarming, and every Dutch line is given: better one
    line too many than the missing one.
    """
    if language in _OTHER_LANGUAGES:
        return [_OTHER_LANGUAGES[language]]
    wanted = [k for k in kinds_.KINDS if k in crisis_kinds] or [
        kinds_.DANGER,
        kinds_.SUICIDE,
        kinds_.VIOLENCE,
    ]
    lines = [_LINES_NL[k].format(naam=gemeente.naam, telefoon=gemeente.telefoon) for k in wanted]
    if kinds_.DANGER not in wanted:
        lines.append(_ALWAYS_NL)
    intro = _INTRO_NL if crisis_kinds else _CHECK_IN_NL
    return [intro, "\n".join(lines)]
