"""Files that hold resident data until they can be delivered (the handoff spool, the
WhatsApp outbox) or secrets (the generated credentials and endpoints): readable by the
service user only, written whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (mode 600 from the start): to a temporary file first,
    synced, then renamed into place, so a reader never sees half a file. The folder is made
    when missing; its mode is left as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def write_private_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` in a private folder (:func:`write_private_text`)."""
    private_folder(path.parent)
    write_private_text(path, json.dumps(data, ensure_ascii=False))
