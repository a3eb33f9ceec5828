"""Small, dependency-free language guess for residents' chat messages.

Hulpwijzer answers in Dutch; a message in English, Turkish, Arabic or Polish gets a short
reply in that language that points to the municipality's phone number. The guess must
never turn a Dutch message (colloquial, misspelt, three words long) into a foreign one,
so Dutch is the default and another language needs clear evidence: a script (Arabic),
letters Dutch does not use (ğ ş ı; ą ę ł ż), or several function words of that language
and more of them than Dutch ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import LETTER, fold, words

DUTCH = "nl"
ENGLISH = "en"
TURKISH = "tr"
ARABIC = "ar"
POLISH = "pl"
SUPPORTED = (DUTCH, ENGLISH, TURKISH, ARABIC, POLISH)

# Function words and very common words; words that are also Dutch ("is", "me", "we",
# "want", "help", "ben", "die", "nie") are left out on purpose.
_STOPWORDS = {
    DUTCH: set(
        "ik je jij u de het een en van mijn m'n mn niet wat hoe kan met voor op dat die er zijn "
        "ben heb hebt heeft wil moet naar ook maar geen bij om te als nog al ze hij zij wij we "
        "hallo hoi dank bedankt ja nee graag waar wie welke mag kunnen hebben kind kinderen "
        "moeder vader zorg werk geld schulden hulp vraag weet meer nu wel dit deze doe doen "
        "wordt word krijg mij ons onze jullie zou zal gaat gaan alleen even echt goed "
        "goedemorgen goedemiddag goedenavond dag doei mevrouw meneer gemeente".split()
    ),
    ENGLISH: set(
        "the i i'm my you your and to of it not can could would what how do does don't need "
        "have has with for this that they there am are was were be been hello thanks thank "
        "please speak english anyone someone mother father child children job work money debt "
        "debts pay hi hey good morning evening why when where who which "
        "lost home house bills rent".split()
    ),
    TURKISH: set(
        "bir ve bu icin cok var yok merhaba selam yardim istiyorum nasil lutfen degil borc "
        "borcum isim is annem babam cocugum cocuk ne neden nerede kim ama ile gibi daha sonra "
        "simdi tesekkur tesekkurler ederim turkce konusan biri mi mu musunuz misiniz benim "
        "sizin param kira fatura".split()
    ),
    POLISH: set(
        "jest sie mam czy jak dzien dobry pomoc prosze potrzebuje dziekuje moj moja mnie "
        "pracy praca dlugi dlug ze to na w z do nie mowi po polsku ktos kto gdzie co dlaczego "
        "moge jestem bardzo matka ojciec dziecko pieniadze".split()
    ),
}
_POLISH_LETTERS = set("ąęłńśźżć")
_TURKISH_LETTERS = set("ğşıİ")
_TURKISH_SUFFIX = re.compile(r"\b\w+?(?:iyor|ıyor|uyor|üyor)(?:um|sun|uz|sunuz|lar)?\b")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confident: bool


def guess(text: str) -> LanguageGuess:
    """The language of ``text``: Dutch unless another supported language is clearly used."""
    letters = LETTER.findall(text)
    if not letters:
        return LanguageGuess(DUTCH, False)
    arabic = sum(1 for ch in letters if _ARABIC.match(ch))
    if arabic / len(letters) > 0.5:
        return LanguageGuess(ARABIC, True)

    lowered = text.lower()
    tokens = words(fold(text))
    scores = {lang: sum(1 for t in tokens if t in vocab) for lang, vocab in _STOPWORDS.items()}
    if any(ch in _POLISH_LETTERS for ch in lowered):
        scores[POLISH] += 2
    if any(ch in _TURKISH_LETTERS for ch in text):
        scores[TURKISH] += 2
    scores[TURKISH] += 2 * len(_TURKISH_SUFFIX.findall(lowered))

    best = max((ENGLISH, TURKISH, POLISH), key=lambda lang: scores[lang])
    if scores[best] >= 2 and scores[best] > scores[DUTCH]:
        return LanguageGuess(best, True)
    return LanguageGuess(DUTCH, scores[DUTCH] >= 1)
