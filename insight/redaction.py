"""Personal data removed from a resident's message before anything of it is stored.

``redact(text)`` returns the text with each piece of personal data replaced by a Dutch
placeholder of its kind, and the kinds it removed (never the values)::

    >>> redact("ik ben fatma, bel me op 06-12345678").text
    'ik ben [naam], bel me op [telefoonnummer]'

Removed: BSN (elfproef), phone numbers, e-mail addresses, IBAN (mod-97), postcode + house
number and street + house number, dates of birth (only where the text says it is one), and
person names (``insight.names``: Frog's named-entity tagger and rules). A number shaped like
a BSN or IBAN that fails its check is removed too, as ``[nummer]``: a mistyped BSN or
account number still points at the resident, and so may a client or case number.

Names need Debian's ``frog``, ``frogdata``, ``hunspell`` and ``hunspell-nl``
(``scripts/install-frog.sh``); Frog and hunspell run as long-running processes started on
first use. ``redact`` blocks (Frog takes 4-7 s to start, then tens of milliseconds a
message): from async code, call it in a thread. When a helper fails, ``redact`` raises
``RedactionUnavailable`` rather than return text that may still hold a name."""

import functools
import re
from dataclasses import dataclass

from insight import frog as frog_module
from insight import lexicon as lexicon_module
from insight.names import NameFinder
from insight.processes import HelperError

PLACEHOLDERS = {
    "naam": "[naam]",
    "bsn": "[bsn]",
    "telefoonnummer": "[telefoonnummer]",
    "e-mail": "[e-mail]",
    "iban": "[iban]",
    "adres": "[adres]",
    "geboortedatum": "[geboortedatum]",
    "nummer": "[nummer]",
}
#: when two findings overlap, the merged span gets the kind that comes first here
PRIORITY = ("e-mail", "iban", "bsn", "telefoonnummer", "geboortedatum", "adres", "nummer", "naam")
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


class RedactionUnavailable(RuntimeError):
    """A helper program (Frog, hunspell) failed: the text must not be stored."""


@dataclass(frozen=True)
class Redacted:
    text: str
    kinds: tuple[str, ...]  # the kinds removed, each once, sorted; never the values


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str


# ---- numbers with a check -------------------------------------------------------------


def elfproef(digits: str) -> bool:
    """The BSN check: 9×d1 + 8×d2 + ... + 2×d8 − 1×d9 is divisible by 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum((9 - i) * int(d) for i, d in enumerate(digits[:8])) - int(digits[8])
    return total % 11 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97 check, and the country's length where known."""
    iban = re.sub(r"\s", "", candidate).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    return int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])) % 97 == 1


# fmt: off
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}
# fmt: on

# ---- patterns ---------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# an IBAN-shaped run: country, check digits, then letters/digits in groups of up to 4
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{1,4}){3,8}(?![A-Za-z0-9])")
_SEP = r"(?:[ .\-/]|\s-\s)?"
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    # +31 6 12345678, 0031 20 1234567, +31 (0)20 123 4567
    rf"(?:\+|00)\s?31\s?(?:\(0\)\s?)?[1-9](?:{_SEP}\d){{8}}"
    # 06-12345678, 020-1234567, 0546 123456, (0546) 123456, 074 - 250 11 22
    rf"|\(?0\d{{1,3}}\)?(?:{_SEP}\d){{6,9}}"
    # other countries: +32 470 12 34 56, 0048 601 234 567
    rf"|(?:\+|00)(?!31)[1-9]\d{{0,2}}(?:{_SEP}\d){{7,12}}"
    r")(?![\d])"
)
_NUMBER9 = re.compile(r"(?<![\w.,€])\d(?:[ .]?\d){7,8}(?![\w]|[.,]\d)")
_BSN_WORD = re.compile(r"\b(?:bsn|burgerservicenummer|sofi-?nummer|sofinummer)\b", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:euro|eur\b|,-)", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:€|eur|euro)\s*$", re.IGNORECASE)

_STREET_SUFFIX = (
    r"(?:straat|laan|weg|plein|kade|gracht|singel|dijk|dreef|steeg|plantsoen|hof|pad|allee|"
    r"boulevard|markt|wal|erf|brink|veld|akker|hoek|oord|haven|burg|dam|park|kamp|lei)"
)
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z])|\s?-\s?\d{1,4}|\s(?:hs|bis|rd|zw)\b|\s[A-Z]\b)?"
_STREET = re.compile(
    # "Van Limburg Stirumstraat 18-2", "Burgemeester Jansenlaan 11 A", "molenweg 7", "Kerkweg 3a"
    rf"(?<![\w-])(?:[A-Z][\w'-]*\s+){{0,3}}[^\W\d_][\w'-]*?{_STREET_SUFFIX}\s+{_HOUSE_NUMBER}(?![\w,.]\d)"
)
_UNITS_AFTER = re.compile(
    r"\s*(?:euro|eur|jaar|jaren|uur|keer|dagen|dag|weken|week|maanden|maand|kinderen|km|kilometer|meter|minuten|%|procent)\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"(?<![\w/.-])[1-9]\d{3}\s?(?:[A-Z]{2}|[a-z]{2})(?![\w])"
    r"(?:\s*,?\s*(?:(?:huisnummer|huisnr\.?|nummer|nr\.?)\s*)?\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z])|-\d{1,4})?(?!\d|[,.]\d))?"
)
_NOT_POSTCODE_LETTERS = frozenset("sa sd ss".split())
_COMMON_TWO_LETTERS = frozenset("en op in om of is de te al er ik je we ze na an uw nu zo ja eu".split())

_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DATE = rf"(?:\d{{1,2}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{2,4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{1,2}}e?\s+{_MONTHS}\s+'?\d{{2}})"
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.?|geboortedatum|geb\.?\s?datum|geboortedag|verjaardag\s+is)"
    r"(?:\s+(?:op|is|in|was|:))*\s*:?\s*(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE,
)
#: "ik ben van 12-03-1964", "mijn man van 1-1-1960": a whole date of a year long past
_BORN_VAN = re.compile(
    r"\bvan\s+(?P<date>\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*(?:19\d\d|200\d|201[0-2]))(?!\d)", re.IGNORECASE
)
_BIRTH_AFTER = re.compile(
    rf"(?P<date>{_DATE})\s*(?:\(|,)?\s*(?:is\s+)?(?:mijn|zijn|haar)\s+geboortedatum", re.IGNORECASE
)


def emails(text: str) -> list[Finding]:
    return [Finding(m.start(), m.end(), "e-mail") for m in _EMAIL.finditer(text)]


def ibans(text: str) -> list[Finding]:
    found = []
    for match in _IBAN.finditer(text):
        run = match.group()
        # the run may have swallowed a following word ("... tnv"): try its prefixes too
        for cut in sorted({m.end() for m in re.finditer(r"[A-Za-z0-9](?=\s|$)", run)}, reverse=True):
            if iban_valid(run[:cut]):
                found.append(Finding(match.start(), match.start() + cut, "iban"))
                break
        else:
            compact = re.sub(r"\s", "", run)
            if re.fullmatch(r"(?i:NL)\d{2}[A-Za-z]{4}\d{10}", compact[:18]) and len(compact) == 18:
                found.append(Finding(match.start(), match.end(), "nummer"))
    return found


def phones(text: str) -> list[Finding]:
    found = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if match.group().startswith(("+", "00")) or len(digits) == 10:
            found.append(Finding(match.start(), match.end(), "telefoonnummer"))
    return found


def bsns(text: str) -> list[Finding]:
    """Nine digits (spaces or dots allowed) passing the elfproef; eight digits after "bsn"
    when a leading zero makes them pass. Not an amount ("€ 628.194.821", "... euro")."""
    found = []
    for match in _NUMBER9.finditer(text):
        if _AMOUNT_BEFORE.search(text[max(0, match.start() - 6) : match.start()]) or _AMOUNT_AFTER.match(
            text, match.end()
        ):
            continue
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 9:
            found.append(Finding(match.start(), match.end(), "bsn" if elfproef(digits) else "nummer"))
        elif (
            len(digits) == 8
            and elfproef("0" + digits)
            and _BSN_WORD.search(text[max(0, match.start() - 40) : match.start()])
        ):
            found.append(Finding(match.start(), match.end(), "bsn"))
    return found


def addresses(text: str, lexicon=None) -> list[Finding]:
    found = []
    for match in _POSTCODE.finditer(text):
        letters = re.sub(r"[\d\s]", "", match.group()[:7])[:2]
        if letters.lower() in _NOT_POSTCODE_LETTERS:
            continue
        spaced = " " in match.group()[:6]
        has_number = len(re.sub(r"\D", "", match.group())) > 4
        if letters.islower() and spaced and (not has_number or letters in _COMMON_TWO_LETTERS):
            continue  # "2300 en" is an amount and a word, "1948 om 21:00" a year and a time
        if letters.lower() in _COMMON_TWO_LETTERS and not has_number and not letters.isupper():
            continue
        found.append(Finding(match.start(), match.end(), "adres"))
    for match in _STREET.finditer(text):
        if _UNITS_AFTER.match(text, match.end()):
            continue
        start = match.start()
        # "ik woon op de Kerkstraat 14": the lower-case words before the street are not part of it
        words = match.group().split()
        while len(words) > 2 and not words[0][:1].isupper():
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        found.append(Finding(start, match.end(), "adres"))
    if lexicon is not None:
        found += _gazetteer_streets(text, lexicon)
    return found


def _gazetteer_streets(text: str, lexicon) -> list[Finding]:
    """A capitalised street name from Frog's list of Dutch streets, then a house number:
    "de Hazelaar 3" (no street suffix to go by)."""
    found = []
    for match in re.finditer(
        rf"(?<![\w-])((?:[A-Z][\w'-]*\s+){{0,2}}[A-Z][\w'-]*)\s+{_HOUSE_NUMBER}(?![\w,.]\d)", text
    ):
        if _UNITS_AFTER.match(text, match.end()):
            continue
        words = match.group(1).split()
        for skip in range(len(words)):
            name = " ".join(words[skip:])
            if lexicon.is_street(name) and not lexicon.is_place(name):
                start = match.start(1) + match.group(1).index(words[skip])
                found.append(Finding(start, match.end(), "adres"))
                break
    return found


def birth_dates(text: str) -> list[Finding]:
    found = [Finding(m.start("date"), m.end("date"), "geboortedatum") for m in _BIRTH.finditer(text)]
    found += [Finding(m.start("date"), m.end("date"), "geboortedatum") for m in _BIRTH_AFTER.finditer(text)]
    found += [Finding(m.start("date"), m.end("date"), "geboortedatum") for m in _BORN_VAN.finditer(text)]
    return found


def merge(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings become one span covering them all, of the highest-priority kind."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, finding.kind, key=PRIORITY.index)
            merged[-1] = Finding(last.start, max(last.end, finding.end), kind)
        else:
            merged.append(finding)
    return merged


class Redactor:
    """The rules, and the name finder when given one. ``Redactor()`` finds no names;
    ``default_redactor()`` is the one with Frog and hunspell."""

    def __init__(self, names: NameFinder | None = None) -> None:
        self.names = names

    def findings(self, text: str) -> list[Finding]:
        kept = [Finding(m.start(), m.end(), "placeholder") for m in _PLACEHOLDER.finditer(text)]
        found = emails(text) + ibans(text) + phones(text)
        found += [f for f in bsns(text) if not _overlaps(f, found)]
        lexicon = self.names.lexicon if self.names is not None else None
        found += birth_dates(text) + addresses(text, lexicon)
        if self.names is not None:
            try:
                found += [Finding(s.start, s.end, "naam") for s in self.names.find(text)]
            except HelperError as exc:
                raise RedactionUnavailable(str(exc)) from exc
        # a placeholder from an earlier redaction is never taken apart again
        return [f for f in merge(found) if not _overlaps(f, kept)]

    def redact(self, text: str) -> Redacted:
        findings = self.findings(text)
        parts = []
        cursor = 0
        for finding in findings:
            parts += [text[cursor : finding.start], PLACEHOLDERS[finding.kind]]
            cursor = finding.end
        parts.append(text[cursor:])
        return Redacted("".join(parts), tuple(sorted({f.kind for f in findings})))

    def close(self) -> None:
        if self.names is not None:
            if self.names.frog is not None:
                self.names.frog.stop()
            self.names.lexicon.close()


def _overlaps(finding: Finding, others: list[Finding]) -> bool:
    return any(finding.start < other.end and other.start < finding.end for other in others)


@functools.lru_cache(maxsize=1)
def default_redactor() -> Redactor:
    """Rules, Frog and hunspell; Frog and hunspell start on first use. Without them
    installed, ``RedactionUnavailable``: names cannot be removed."""
    if not (frog_module.installed() and lexicon_module.installed()):
        raise RedactionUnavailable("frog, frogdata, hunspell and hunspell-nl are needed: run scripts/install-frog.sh")
    return Redactor(NameFinder(lexicon_module.Lexicon(), frog_module.Frog()))


def redact(text: str) -> Redacted:
    """``text`` without personal data: see the module's documentation."""
    return default_redactor().redact(text)
