"""A long-running line-oriented helper program (Frog, hunspell) on stdin/stdout pipes.

Started on first use, one request at a time (a lock), every read bounded by a deadline. The
helper's stderr is discarded: it could echo the resident's text, which is never logged."""

import os
import select
import subprocess
import threading
import time
from collections.abc import Sequence


class HelperError(RuntimeError):
    """The helper program is missing, died, or did not answer in time."""


class PipedProcess:
    """One helper program; ``request`` sends lines and reads the answer's lines."""

    def __init__(self, command: Sequence[str], *, timeout: float = 10.0, start_timeout: float = 60.0) -> None:
        self.command = list(command)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._process: subprocess.Popen | None = None
        self._buffer = b""
        self._lock = threading.RLock()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the program (if it is not running) and wait until it answers."""
        with self._lock:
            if self.running:
                return
            try:
                self._process = subprocess.Popen(
                    self.command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    bufsize=0,
                    **self._popen_kwargs(),
                )
            except OSError as exc:
                raise HelperError(f"cannot start {self.command[0]}: {exc.__class__.__name__}") from exc
            self._buffer = b""
            try:
                self.ready(time.monotonic() + self.start_timeout)
            except Exception:
                self.stop(force=True)
                raise

    def _popen_kwargs(self) -> dict:
        return {}

    def ready(self, deadline: float) -> None:
        """Wait until the freshly started program can take requests (subclasses)."""

    def stop(self, *, force: bool = False) -> None:
        """End the program: close its input and wait (it ends at end of input), or with
        ``force`` (it failed) kill it at once."""
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            if force:
                process.kill()
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def write(self, data: str) -> None:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(data.encode("utf-8"))
        except (BrokenPipeError, OSError) as exc:
            self.stop(force=True)
            raise HelperError(f"{self.command[0]} stopped") from exc

    def read_line(self, deadline: float) -> str:
        """The next line of the program's output, without its line end."""
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                self.stop(force=True)
                raise HelperError(f"{self.command[0]} did not answer in time")
            chunk = os.read(fd, 65536)
            if not chunk:
                self.stop(force=True)
                raise HelperError(f"{self.command[0]} stopped")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
