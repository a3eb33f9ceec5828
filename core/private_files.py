"""Files that hold resident data until they can be delivered (the handoff spool, the
WhatsApp outbox) or secrets (the generated credentials and endpoints): readable by the
service user only, written whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from pathlib import Path
from typing import Any, Iterable


def private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (mode 600 from the start): to a new temporary file first,
    synced, then renamed into place, so a reader never sees half a file. The temporary file
    is created anew (``O_EXCL``, never through a symbolic link) with a random name, and its
    mode is set on the open file, whatever the umask or a leftover file of an earlier crash.
    The folder is made when missing; its mode is left as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def private_sqlite_file(path: Path) -> Path:
    """An SQLite database file readable by the service user only (mode 600): created empty
    before SQLite opens it, or made private when it exists. SQLite gives its journal and WAL
    files the database file's mode. A folder this makes gets mode 700; an existing folder
    (``/tmp``) is left as it is."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def write_private_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` in a private folder (:func:`write_private_text`)."""
    private_folder(path.parent)
    write_private_text(path, json.dumps(data, ensure_ascii=False))


def remove_older_than(paths: Iterable[Path], cutoff: dt.datetime) -> int:
    """Delete the files among ``paths`` last written before ``cutoff`` (retention); one that
    is gone or cannot be read is passed over. How many were deleted."""
    removed = 0
    for path in paths:
        try:
            if dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc) < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
