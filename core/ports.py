"""A free TCP port on this machine, for a server the project starts itself (``python -m bot
ask``'s action server; tests and benchmarks)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
