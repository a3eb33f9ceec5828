"""Normalisation shared by the rule-based detectors."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into base letter + accent.
_FOLD = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i
        "ł": "l",  # Polish
        "ø": "o",
        "ß": "ss",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        # Arabic alef and yeh variants, so a lexicon needs one spelling only
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ى": "ي",
        "ة": "ه",
    }
)
#: one letter of any script (no digits, no underscore)
LETTER = re.compile(r"[^\W\d_]")

#: what a chat button sends: "/ask_schulden", optionally with entities as JSON
BUTTON_PAYLOAD = re.compile(r"^/[A-Za-z_+]+(?:\{.*\})?$", re.DOTALL)

_ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_SPACES = re.compile(r"\s+")
# "helppp", "neeeee": three or more of one letter become two ("zee" keeps its ee).
_REPEATS = re.compile(r"([a-z])\1{2,}")


def fold(text: str, stretched: str = r"\1\1") -> str:
    """Lower-case, strip accents and tatweel/harakat, fold look-alike letters.

    ``"Zelfmoord!  Ik wíl ..."`` becomes ``"zelfmoord! ik wil ..."``; Arabic stays Arabic.
    """
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _ARABIC_DIACRITICS.sub("", stripped)
    stripped = _REPEATS.sub(stretched, stripped)
    return _SPACES.sub(" ", stripped).strip()


def fold_pattern(pattern: str) -> str:
    """A regular expression written with accents or Arabic letter variants, made to match
    folded text. Only non-ASCII characters change, so escapes such as ``\\W`` stay intact."""
    folded = unicodedata.normalize("NFKD", pattern.translate(_FOLD))
    return "".join(ch for ch in folded if ord(ch) < 128 or not unicodedata.combining(ch)).translate(_FOLD)


def fold_variants(text: str) -> list[str]:
    """:func:`fold`, plus a second reading with stretched letters made single when the
    resident stretched them ("zijnnnn" -> "zijn", "heeelp" -> "help"); rules match either."""
    folded = fold(text)
    single = fold(text, stretched=r"\1")
    return [folded] if single == folded else [folded, single]


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)


def words(folded: str) -> list[str]:
    """Word tokens of already folded text (letters, digits; ``m'n`` stays one token)."""
    return _WORD.findall(folded)
