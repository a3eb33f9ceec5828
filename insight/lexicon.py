"""Which tokens are ordinary Dutch words, first names, surnames or places.

Ordinary words: Debian's ``hunspell`` with ``hunspell-nl`` (OpenTaal's word list), asked
through ``hunspell -a`` (the ispell pipe protocol) in a long-running process. Names and
places: the gazetteers Frog's named-entity tagger ships in ``frogdata`` (62,000 first names,
124,000 surnames, Dutch places, municipalities, countries, streets). Both are loaded on
first use."""

import functools
import shutil
import time
from pathlib import Path

from insight.processes import PipedProcess

FROGDATA = Path("/usr/share/frog/nld")
HUNSPELL = ("hunspell", "-a", "-i", "utf-8", "-d", "nl")
PLACE_FILES = (
    "plaatsen-nld.ner",
    "gemeenten-nld.ner",
    "provincies-nld.ner",
    "landen-europa.ner",
    "loc.ner",
    "geonames-nl.ner",  # also neighbourhoods: "Schelfhorst", "Kerkelanden", "Hasseler Es"
)


def installed() -> bool:
    return shutil.which(HUNSPELL[0]) is not None and (FROGDATA / "voornamen.ner").exists()


class Hunspell(PipedProcess):
    """``accepts(word)``: is ``word``, spelled exactly so, in the Dutch dictionary?"""

    def __init__(self, command=HUNSPELL, *, timeout: float = 5.0) -> None:
        super().__init__(command, timeout=timeout, start_timeout=30.0)
        self._known: dict[str, bool] = {}

    def ready(self, deadline: float) -> None:
        self.read_line(deadline)  # the version banner

    def accepts(self, word: str) -> bool:
        if word not in self._known:
            if len(self._known) > 100_000:
                self._known.clear()
            with self._lock:
                self.start()
                # "^" makes the line data, never a command; the answer ends with a blank line
                self.write("^" + word.replace("\n", " ") + "\n")
                deadline = time.monotonic() + self.timeout
                verdicts = []
                while line := self.read_line(deadline):
                    verdicts.append(line[:1])
            self._known[word] = bool(verdicts) and all(v in "*+-" for v in verdicts)
        return self._known[word]


def _entries(name: str) -> set[str]:
    path = FROGDATA / name
    if not path.exists():
        return set()
    return {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


class Lexicon:
    """Questions about single tokens, all answered in lower case except ``is_word``, which
    looks at the token as written and lower-cased (a capital at the start of a sentence does
    not make a word a name)."""

    def __init__(self, hunspell: Hunspell | None = None) -> None:
        self.hunspell = hunspell if hunspell is not None else Hunspell()

    @functools.cached_property
    def first_names(self) -> set[str]:
        return _entries("voornamen.ner")

    @functools.cached_property
    def surnames(self) -> set[str]:
        """Whole surnames ("de vries", "el amrani") and the last word of each ("vries")."""
        names = _entries("familienamen.ner")
        return names | {name.split()[-1] for name in names if " " in name}

    @functools.cached_property
    def places(self) -> set[str]:
        found: set[str] = set()
        for name in PLACE_FILES:
            found |= _entries(name)
        return found | {name.removeprefix("gemeente ") for name in found}

    @functools.cached_property
    def streets(self) -> set[str]:
        return _entries("straten-nld.ner")

    def is_word(self, token: str) -> bool:
        """An ordinary Dutch word (lower case accepted by the dictionary), e.g. "kees" (the
        dog) but not "fatma" (the dictionary knows only "Fatma")."""
        return self.hunspell.accepts(token.lower())

    def is_known_capitalised(self, token: str) -> bool:
        """Known to the dictionary as a proper noun: "Almere", "Jansen", "Fatma"."""
        return self.hunspell.accepts(token[:1].upper() + token[1:].lower())

    def is_first_name(self, token: str) -> bool:
        return token.lower() in self.first_names

    def is_surname(self, token: str) -> bool:
        return token.lower() in self.surnames

    def is_place(self, token: str) -> bool:
        return token.lower() in self.places

    def is_street(self, name: str) -> bool:
        return name.lower() in self.streets

    def close(self) -> None:
        self.hunspell.stop()
