"""Frog (Debian's ``frog`` + ``frogdata``, CLST Radboud University) as a long-running helper.

Frog takes about 4 s and 0.8 GB to load its models, so one process is started on first use
and kept: ``frog --skip=mpcla -n`` in interactive mode reads a line of text on stdin and
writes one tab-separated token per line, a blank line after each sentence (tokeniser, POS
tagger and named-entity tagger; multi-word units, parser, chunker, lemmatiser and
morphology are skipped). After each message we send a sentinel line and read until its
sentence comes back, so a message of several sentences cannot get the answers out of step.

Frog runs in a private temporary directory: it always creates a ``frog.<pid>.debug`` file
in its working directory (empty in this mode; with ``--JSONout`` it holds the processed
text)."""

import shutil
import tempfile
import time
from dataclasses import dataclass

from insight.processes import HelperError, PipedProcess

#: a one-token sentence no resident writes; removed from the text before it is sent
SENTINEL = "Zqxhulpwijzereindezqx"
COMMAND = ("frog", "--skip=mpcla", "-n")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    pos: str  # CGN tag, e.g. "SPEC(deeleigen)", "N(soort,ev,basis,zijd,stan)"
    ner: str  # IOB tag, e.g. "B-PER", "I-LOC", "O"


def installed() -> bool:
    return shutil.which(COMMAND[0]) is not None


class Frog(PipedProcess):
    """``Frog().tag(text)``: Frog's tokens with their offsets in ``text``. Thread-safe (one
    request at a time); started on first use, ``stop()`` ends the process."""

    def __init__(self, command=COMMAND, *, timeout: float = 10.0, start_timeout: float = 120.0) -> None:
        super().__init__(command, timeout=timeout, start_timeout=start_timeout)
        self._workdir: tempfile.TemporaryDirectory | None = None

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._workdir = tempfile.TemporaryDirectory(prefix="hulpwijzer-frog-")
            self._cwd = self._workdir.name
            super().start()

    def stop(self, *, force: bool = False) -> None:
        with self._lock:
            super().stop(force=force)
            if self._workdir is not None:
                self._workdir.cleanup()
                self._workdir = None

    def _popen_kwargs(self) -> dict:
        return {"cwd": self._cwd}

    def ready(self, deadline: float) -> None:
        self._exchange("", deadline)  # returns once the models are loaded

    def tag(self, text: str) -> list[Token]:
        """Frog's tokens of ``text``, each with its character offsets in ``text``."""
        with self._lock:
            self.start()
            # one line per message; same length, so offsets stay those of ``text``
            line = "".join(" " if ch in "\r\n\t\x0b\x0c\x85\u2028\u2029" else ch for ch in text)
            line = line.replace(SENTINEL, " " * len(SENTINEL))
            rows = self._exchange(line, time.monotonic() + self.timeout)
        return align(text, rows)

    def _exchange(self, line: str, deadline: float) -> list[list[str]]:
        self.write((line + "\n" if line.strip() else "") + SENTINEL + "\n")
        rows: list[list[str]] = []
        while True:
            row = self.read_line(deadline)
            if not row.strip():
                continue
            fields = row.split("\t")
            if len(fields) < 2:
                continue
            if fields[1] == SENTINEL:
                # the sentinel's sentence is one token and a blank line
                if self.read_line(deadline).strip():
                    raise HelperError("frog: unexpected answer")
                return rows
            rows.append(fields)


def align(text: str, rows: list[list[str]]) -> list[Token]:
    """Frog's token rows placed on ``text``: each token is looked for from the end of the
    previous one; a token the tokeniser rewrote (and so is not found nearby) is dropped."""
    tokens = []
    cursor = 0
    for fields in rows:
        word = fields[1]
        at = text.find(word, cursor, cursor + len(word) + 40)
        if at < 0:
            continue
        pos = fields[5] if len(fields) > 5 else ""
        ner = fields[7] if len(fields) > 7 and fields[7] else "O"
        tokens.append(Token(at, at + len(word), word, pos, ner))
        cursor = at + len(word)
    return tokens
