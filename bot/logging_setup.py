"""Logging for our command-line tools: warnings only, and never message text.

Rasa 3.6 logs each parsed message (with its text) through structlog at debug level.
Outside ``rasa run`` nobody configures structlog, whose default prints every level, so
the tools filter it here before loading a model.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings


def quiet_rasa() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # One TensorFlow thread: on 2-core machines the default thread pools make training
    # and parsing several times slower (measured in docs/nlu.md).
    os.environ.setdefault("TF_INTRA_OP_PARALLELISM_THREADS", "1")
    os.environ.setdefault("TF_INTER_OP_PARALLELISM_THREADS", "1")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # Rasa repeats a user's text in some warnings (an unparsable "/..." message)
    warnings.filterwarnings("ignore", category=UserWarning)
    # TensorFlow, matplotlib and jax warn about their own deprecations on import: noise for a CLI user
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)

    import structlog

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )
