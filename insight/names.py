"""Person names in residents' messages: Frog's named-entity tagger plus rules.

Residents write in lower case, misspell and use first names only ("mijn buurman kees",
"ik ben fatma"), where a tagger trained on edited text sees no name. The rules add what
such messages give away:

``triggers``
    a name after words that announce one: "ik heet X", "mijn naam is X", "naam: X",
    "ik ben X", "mijn buurvrouw X", "mevrouw X", "de moeder van X", "X hier", "hallo met X".
``capitals``
    a capitalised token that is not a Dutch word and not a place, mid-sentence; at the
    start of a sentence only when it is a known first name.
``lists``
    a lower-case token that is a known first name and not a Dutch word ("fatma").
``coordination``
    "Sem en Julia": a name-like token joined to a name by "en" or a comma.
``initials``
    "J.W. van der Berg", "A. Kamphuis-Wolters".

Every name found is extended with what follows it as a surname ("de Vries", "Yilmaz",
"Dijkstra-Hoekstra"). Known Dutch words come from hunspell-nl, names and places from
Frog's gazetteers (``insight.lexicon``). Each part can be switched off to measure what it
adds (``benchmarks/redaction.py``)."""

import re
from dataclasses import dataclass

from insight.frog import Frog, Token
from insight.lexicon import Lexicon

PARTS = ("frog", "triggers", "capitals", "lists", "coordination", "initials")

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_INITIALS = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|te|vd|v\.d\.|el|al)\s+)*[A-Z][^\W\d_]+(?:-[^\W\d_]+)*"
)

#: words that never are (part of) a name in these messages
FUNCTION = frozenset(
    """ik jij je hij zij ze wij we u jullie hun hen hem haar mijn mn m'n me mij zijn ons onze
    uw jouw z'n zn d'r de het een 't en of maar want dus omdat als dan toen nu is ben bent was
    waren wordt word worden heeft heb hebt hebben had wil wilt willen kan kun kunt kunnen moet
    moeten mag mogen zal zou zouden niet geen nog al ook wel er hier daar die dat deze dit wat
    wie waar hoe met van voor in op aan bij naar uit om over door tot sinds te heel erg zo
    graag alleen samen allebei ja nee hoi hallo hey hoe goed dag goedemorgen goedemiddag
    goedenavond beste geachte mevrouw meneer sorry bedankt dank groet groeten vriendelijke
    iemand niemand iets niets alles elke elk veel weinig meer minder ook nooit altijd steeds
    weer even echt gewoon eigenlijk misschien zelf zelfs toch nou oké ok net pas bijna
    jaar jaren maand maanden week weken dag dagen uur enzo ofzo enso yani ff wss mss idd
    nie jr""".split()
)
TUSSENVOEGSELS = frozenset("van de der den ter ten vd la le el al ben bin abu da di dos du".split())
#: Dutch ones may precede a lower-case surname ("jan de vries"); the others only a capital ("El Amrani")
DUTCH_TUSSENVOEGSELS = frozenset("van de der den ter ten vd".split())
#: "in de Hofkamp", "naar Zwolle": after these a capitalised word is a place, not a person
PLACE_PREPOSITIONS = frozenset("in naar uit vanuit richting wijk buurt".split())
#: "mijn buurvrouw X", "oma X"
RELATIONS = frozenset(
    """man vrouw echtgenoot echtgenote partner vriend vriendin vriendje vriendinnetje zoon
    zoontje dochter dochtertje kind moeder vader mama papa mam pap ma pa moedertje oma opa omi
    opi broer broertje zus zusje zuster neef nicht oom ome tante schoonmoeder schoonvader
    schoonzus schoonbroer zwager schoonzoon schoondochter stiefvader stiefmoeder stiefzoon
    stiefdochter stiefbroer stiefzus halfbroer halfzus buurman buurvrouw buurjongen buurmeisje
    overbuurman overbuurvrouw collega baas ex kleinzoon kleindochter kleinkind klasgenoot
    huisgenoot begeleider begeleidster mentor maatje verloofde juf meester dokter werkcoach
    consulent kinderen kids ouders""".split()
)
TITLES = frozenset("mevrouw mevr mw mvr meneer mnr dhr heer familie fam juffrouw dr".split())
#: "de moeder van X"
KIN_OF = frozenset(
    """moeder vader mama papa ma pa ouders kinderen kind zoon dochter oma opa zus broer vriend
    vriendin juf oppas""".split()
)
STRONG = (("heet",), ("heten",), ("genaamd",), ("namens",), ("tnv",), ("naam", "is"), ("naam",), ("noem", "me"))
GREETINGS = frozenset("hoi hallo hey hee hai goedemorgen goedemiddag goedenavond dag".split())
ORGANISATIONS = frozenset({("albert", "heijn"), ("zilveren", "kruis"), ("abn", "amro"), ("budget", "energie")})
#: abbreviations whose full stop does not end a sentence ("dhr. Oude Nijhuis")
ABBREVIATIONS = frozenset("dhr mw mevr mvr mr mnr fam dr st geb tel nr ca bijv".split())
#: capitalised words that look like names in these messages but are not a person: diseases
#: named after one, organisations residents mention, countries, nationalities and languages
#: of residents (with the spellings they use), greetings in their languages
NOT_NAMES = frozenset(
    """alzheimer parkinson down asperger crohn huntington korsakov lyme tourette bechterew
    duchenne hodgkin raynaud sjögren menière
    vattenfall eneco essent greenchoice jumbo lidl aldi heijn appie zalando
    wehkamp klarna afterpay coolblue ziggo kpn vodafone odido menzis zilveren kruis vgz duo
    cjib uwv svb ind rabobank abn amro ing bunq tikkie tikkies linkedin tiktok fortnite
    instagram whatsapp facebook snapchat youtube google ajax psv feyenoord twente heracles
    nederland nederlands pools polen turks turkije marokko marokkaans syrië syrie syrisch irak
    iraaks iran iraans afghanistan afghaans eritrea eritrees ethiopië ethiopie ethiopisch
    somalië somalie somalisch oekraïne oekraine oekraïens oekraiens suriname surinaams curaçao
    curacao antilliaans arabisch berbers tigrinya amhaars koerdisch farsi dari engels duits
    frans spaans russisch roemeens bulgaars hongaars indonesië indonesisch
    merhaba selam salam salaam marhaba hello hi cześć dzień privet""".split()
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_ADJACENT = re.compile(r" *[,:]? *")


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    source: str  # which part found it: one of PARTS


@dataclass
class _Tok:
    i: int
    start: int
    end: int
    text: str
    lower: str
    sentence_start: bool
    gap: str  # the text between the previous token and this one

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[_Tok]:
    found: list[_Tok] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        gap = text[previous_end : match.start()]
        after_abbreviation = bool(found) and found[-1].lower in ABBREVIATIONS and gap.strip() == "."
        sentence_start = not found or (bool(_SENTENCE_END.search(gap)) and not after_abbreviation)
        found.append(
            _Tok(len(found), match.start(), match.end(), match.group(), match.group().lower(), sentence_start, gap)
        )
        previous_end = match.end()
    return found


class NameFinder:
    def __init__(self, lexicon: Lexicon, frog: Frog | None = None, parts=PARTS) -> None:
        self.lexicon = lexicon
        self.frog = frog
        self.parts = frozenset(parts)

    def find(self, text: str) -> list[NameSpan]:
        tagged: list[Token] = self.frog.tag(text) if self.frog is not None and "frog" in self.parts else []
        toks = tokens(text)
        rules = _Rules(self.lexicon, toks, tagged)
        spans = []
        if tagged:
            spans += rules.frog_spans(tagged)
        if "initials" in self.parts:
            spans += [NameSpan(m.start(), m.end(), "initials") for m in _INITIALS.finditer(text)]
        for part in ("triggers", "capitals", "lists"):
            if part in self.parts:
                for i in getattr(rules, part)():
                    end = rules.extend(i)
                    spans.append(NameSpan(toks[i].start, toks[end].end, part))
        if "coordination" in self.parts:
            spans += rules.coordination(spans)
        return spans


class _Rules:
    def __init__(self, lexicon: Lexicon, toks: list[_Tok], tagged: list[Token]) -> None:
        self.lexicon = lexicon
        self.toks = toks
        self.pos = {token.start: token.pos for token in tagged}
        self.ner = {token.start: token.ner for token in tagged}
        words = [tok for tok in toks if len(tok.text) > 1]
        known = sum(1 for tok in words if self.lexicon.is_word(tok.text) or self.lexicon.is_known_capitalised(tok.text))
        #: most words Dutch: the rules that go by "not a Dutch word" make sense only then
        self.dutch = not words or known >= 0.6 * len(words)
        self.by_start = {tok.start: tok for tok in toks}
        #: tokens of two-word organisation names ("Albert Heijn")
        self.organisations = {
            i + k for i in range(len(toks) - 1) if (toks[i].lower, toks[i + 1].lower) in ORGANISATIONS for k in (0, 1)
        }

    def frog_spans(self, tagged: list[Token]) -> list[NameSpan]:
        """Frog's person names, less what it gets wrong in residents' messages: punctuation and
        function words at either end ("de la"), acronyms ("ADHD", "HELP"), diseases and
        organisations (``NOT_NAMES``), and in a message that is mostly not Dutch, anything but
        capitalised words mid-sentence."""
        runs: list[list[_Tok]] = []
        previous = "O"
        for token in tagged:
            tok = self.by_start.get(token.start)
            if token.ner.endswith("-PER"):
                if token.ner == "B-PER" or previous == "O" or not runs:
                    runs.append([])
                if tok is not None and tok.end == token.end:
                    runs[-1].append(tok)
            previous = token.ner if token.ner.endswith("-PER") else "O"
        spans = []
        for run in runs:
            while run and (run[0].lower in FUNCTION or len(run[0].text) < 2):
                run = run[1:]
            while run and (run[-1].lower in FUNCTION or len(run[-1].text) < 2):
                run = run[:-1]
            if not run or any(tok.lower in NOT_NAMES for tok in run):
                continue
            if all(tok.text.isupper() for tok in run):
                continue
            if len(run) == 1 and run[0].sentence_start and self.lexicon.is_word(run[0].text):
                continue  # "Min 600", "Respijtzorg aanvragen"
            if not any(tok.capitalised for tok in run) and not any(
                self.lexicon.is_first_name(tok.text) and not self.lexicon.is_word(tok.text) for tok in run
            ):
                continue
            if not self.dutch and not all(self.mid_capital(tok) and not self.lexicon.is_place(tok.text) for tok in run):
                continue
            spans.append(NameSpan(run[0].start, run[-1].end, "frog"))
        return spans

    # what a token may be --------------------------------------------------------------

    def listed(self, tok: _Tok) -> bool:
        return self.lexicon.is_first_name(tok.text) or self.lexicon.is_surname(tok.text)

    def nameless(self, tok: _Tok) -> bool:
        """Never a name: a function word, a single letter, a known non-person."""
        return (
            tok.lower in FUNCTION
            or len(tok.text) < 2
            or tok.lower in NOT_NAMES
            or tok.lower in ABBREVIATIONS
            or tok.lower in RELATIONS
            or tok.lower in TITLES
            or tok.i in self.organisations
        )

    def entity(self, tok: _Tok) -> bool:
        """Frog tagged it an organisation, product or event ("Nederlands" and "Pools" are
        products to Frog), or a place that is one. Frog also calls many foreign first names
        products or places ("Dewi", "Anouar", "Ilyas"): a known first name is never one."""
        tag = self.ner.get(tok.start, "O")[2:]
        if tag in ("ORG", "PRO", "EVE", "MISC"):
            return not self.lexicon.is_first_name(tok.text)
        if tag == "LOC":
            return self.lexicon.is_place(tok.text) or (
                self.lexicon.is_known_capitalised(tok.text) and not self.listed(tok)
            )
        return False

    def nouny(self, tok: _Tok) -> bool:
        """Frog tagged it a noun or a proper-name part (not a verb, adjective, adverb...)."""
        return self.pos.get(tok.start, "").startswith(("N(", "SPEC(deeleigen", "SPEC(afk"))

    def mid_capital(self, tok: _Tok) -> bool:
        return tok.capitalised and not tok.sentence_start and not tok.text.isupper()

    def strong_candidate(self, tok: _Tok) -> bool:
        """After "ik heet", "mijn naam is": anything name-like."""
        if self.nameless(tok):
            return False
        return self.mid_capital(tok) or self.lexicon.is_first_name(tok.text) or not self.lexicon.is_word(tok.text)

    def surname_follows(self, tok: _Tok) -> bool:
        """ "kim de graaf": a tussenvoegsel and a surname follow."""
        j = self._after(tok.i)
        if j is None or self.toks[j].lower not in DUTCH_TUSSENVOEGSELS or self.toks[j].gap.strip():
            return False
        k = self._after(j)
        return k is not None and not self.toks[k].gap.strip() and self.lexicon.is_surname(self.toks[k].text)

    def title_candidate(self, tok: _Tok) -> bool:
        """After "mevrouw", "dhr.": a capitalised word is the name ("mevrouw Groen")."""
        if self.mid_capital(tok) and not self.nameless(tok):
            return True
        return self.medium_candidate(tok, unknown_lower=True)

    def medium_candidate(self, tok: _Tok, *, unknown_lower: bool) -> bool:
        """After "ik ben", "mijn buurvrouw", "mevrouw": a name, not a word that fits there
        ("ik ben moe", "mijn moeder zorg")."""
        if self.nameless(tok) or self.entity(tok):
            return False
        first = self.lexicon.is_first_name(tok.text)
        if self.lexicon.is_place(tok.text) and not first:
            return False
        word = self.lexicon.is_word(tok.text)
        if self.mid_capital(tok):
            return self.listed(tok) or not word
        if first:
            return not word or self.nouny(tok) or self.surname_follows(tok)
        if not word:
            return self.lexicon.is_surname(tok.text) or (unknown_lower and len(tok.text) >= 3)
        return False

    # where a name starts ----------------------------------------------------------------

    def _after(self, i: int) -> int | None:
        """The index of the token after ``i`` when nothing but spaces (or a colon or comma,
        or the full stop of "dhr.") separates them, else None."""
        j = i + 1
        if j >= len(self.toks):
            return None
        gap = self.toks[j].gap
        if _ADJACENT.fullmatch(gap) or (self.toks[i].lower in ABBREVIATIONS and gap.strip() == "."):
            return j
        return None

    def _skip_titles(self, j: int | None) -> int | None:
        while j is not None and self.toks[j].lower.rstrip(".") in TITLES:
            j = self._after(j)
        return j

    def _start(self, j: int | None, check) -> int | None:
        """A name starting at ``j``, possibly with tussenvoegsels first ("de Jong")."""
        if j is None:
            return None
        k = j
        while k is not None and self.toks[k].lower in TUSSENVOEGSELS and k - j < 3:
            k = self._after(k)
        if k is not None and k != j:
            tok = self.toks[k]
            if tok.capitalised or (
                self.toks[j].lower in DUTCH_TUSSENVOEGSELS
                and self.lexicon.is_surname(tok.text)
                and not self.lexicon.is_word(tok.text)
            ):
                return j
            return None
        return j if check(self.toks[j]) else None

    def triggers(self) -> list[int]:
        found = []
        toks = self.toks
        lowers = [tok.lower for tok in toks]
        for i, tok in enumerate(toks):
            strong = any(tuple(lowers[i - len(words) + 1 : i + 1]) == words for words in STRONG)
            if strong:
                start = self._start(self._skip_titles(self._after(i)), self.strong_candidate)
            elif not self.dutch:
                continue
            elif tok.lower == "ben" and i > 0 and lowers[i - 1] in ("ik", "k"):
                start = self._start(self._after(i), lambda t: self.medium_candidate(t, unknown_lower=False))
            elif tok.lower in TITLES:
                j = self._after(i)
                if j is None or "," in toks[j].gap or ":" in toks[j].gap:
                    continue  # "Geachte heer/mevrouw, Hierbij ..."
                start = self._start(self._skip_titles(j), self.title_candidate)
            elif tok.lower in RELATIONS:
                j = self._after(i)
                titled = j is not None and self.toks[j].lower in TITLES
                check = self.title_candidate if titled else lambda t: self.medium_candidate(t, unknown_lower=True)
                start = self._start(self._skip_titles(j), check)
            elif tok.lower == "van" and i > 0 and lowers[i - 1] in KIN_OF:
                start = self._start(self._after(i), lambda t: self.medium_candidate(t, unknown_lower=False))
            elif tok.lower == "met" and (i == 0 or (i == 1 and lowers[0] in GREETINGS)):
                start = self._start(self._after(i), lambda t: self.medium_candidate(t, unknown_lower=False))
            elif tok.lower == "hier" and 0 < i <= 3 and all(not t.sentence_start for t in toks[1:i]):
                first = 1 if lowers[0] in GREETINGS and i > 1 else 0
                candidate = toks[first]
                ok = not self.nameless(candidate) and (
                    self.listed(candidate) or not self.lexicon.is_word(candidate.text)
                )
                start = first if ok else None
            else:
                continue
            if start is not None:
                found.append(start)
        return found

    def capitals(self) -> list[int]:
        if not self.dutch:
            return []
        found = []
        for tok in self.toks:
            if not tok.capitalised or tok.text.isupper() or self.nameless(tok) or self.entity(tok):
                continue
            if self.lexicon.is_word(tok.text) or self.lexicon.is_place(tok.text):
                continue
            if "-" in tok.text:
                head, tail = tok.text.split("-", 1)[0], tok.text.rsplit("-", 1)[-1]
                # "WW-uitkering", "Wmo-indicatie": a compound with a Dutch word, not "Dijkstra-Hoekstra"
                if self.lexicon.is_word(tail) and not self.lexicon.is_surname(tail):
                    continue
                if head.isupper() and len(head) > 1:
                    continue
            before = [t.lower for t in self.toks[max(0, tok.i - 2) : tok.i]]
            if before and (before[-1] in PLACE_PREPOSITIONS or before[-2:] in (["in", "de"], ["naar", "de"])):
                if not self.lexicon.is_first_name(tok.text):
                    continue  # "woon in Kerkelanden", "in de Hofkamp"
            if tok.sentence_start:
                if self.lexicon.is_first_name(tok.text):
                    found.append(tok.i)
            elif self.lexicon.is_known_capitalised(tok.text):
                # a proper noun the dictionary knows: a person only when the name lists say so
                if self.listed(tok):
                    found.append(tok.i)
            else:
                found.append(tok.i)
        return found

    def lists(self) -> list[int]:
        if not self.dutch:
            return []
        return [
            tok.i
            for tok in self.toks
            if not tok.capitalised
            and len(tok.text) >= 4
            and self.lexicon.is_first_name(tok.text)
            and not self.nameless(tok)
            and not self.entity(tok)
            and not self.lexicon.is_place(tok.text)
            and not self.lexicon.is_word(tok.text)
        ]

    def coordination(self, spans: list[NameSpan]) -> list[NameSpan]:
        """ "Sem en Julia", "Noah, Emma en Lucas": a name-like token joined to a name."""
        ends = {span.end for span in spans}
        found = []
        for tok in self.toks[1:]:
            if tok.i + 1 >= len(self.toks) or self.toks[tok.i - 1].end not in ends:
                continue
            nxt = self.toks[tok.i + 1]
            if tok.lower == "en" and tok.gap.strip() == "" and nxt.gap.strip() == "":
                candidate = nxt
            elif tok.gap.strip() == "," and tok.lower not in FUNCTION:
                candidate = tok
            else:
                continue
            if self.nameless(candidate) or self.entity(candidate) or self.lexicon.is_place(candidate.text):
                continue
            first = self.lexicon.is_first_name(candidate.text)
            if first and (self.mid_capital(candidate) or not self.lexicon.is_word(candidate.text)):
                end = self.extend(candidate.i)
                found.append(NameSpan(candidate.start, self.toks[end].end, "coordination"))
                ends.add(self.toks[end].end)
        return found

    # how far a name goes ------------------------------------------------------------

    def extend(self, i: int) -> int:
        """The index of the last token of the name that starts at ``i``: tussenvoegsels,
        surnames and second first names that follow it ("de Vries", "Yilmaz", "gerda kok",
        "jan willem")."""
        end = i
        particle = self.toks[i].lower in TUSSENVOEGSELS  # the name started "de", "El", "ter"
        j = self._after(i)
        while j is not None and j - i <= 5:
            if self.toks[j].gap.strip(" -"):
                break
            k: int | None = j
            while k is not None and self.toks[k].lower in TUSSENVOEGSELS and k - j < 3:
                k = self._after(k)
                if k is not None and self.toks[k].gap.strip():
                    k = None
            if k is None:
                break
            tok = self.toks[k]
            if tok.lower in RELATIONS or tok.lower in TITLES or tok.lower in NOT_NAMES:
                break
            if self.entity(tok) and not (k != j or particle or self.listed(tok)):
                break
            if k != j or particle:  # after "de", "van der": "de Vries", "de boer"
                dutch_particle = self.toks[k - 1].lower in DUTCH_TUSSENVOEGSELS
                ok = tok.capitalised or (dutch_particle and self.listed(tok))
                particle = False
            elif tok.lower in FUNCTION:
                ok = False
            elif tok.capitalised and not tok.sentence_start:
                ok = self.listed(tok) or not self.lexicon.is_word(tok.text)
            else:  # lower case: "fatma yilmaz", "gerda kok", "jan willem"
                ok = self.listed(tok) and (not self.lexicon.is_word(tok.text) or self.nouny(tok))
            if not ok:
                break
            end = k
            j = self._after(k)
        return end
