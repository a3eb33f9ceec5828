"""A message the assistant could not handle is answered, not dropped, and never logged.

When handling a message fails inside Rasa (the database is gone, a lock cannot be taken),
Rasa's channels log the failure *with the message's text* (``rest.message.received.failure
text=...``) and the resident hears nothing: the message is silently lost. Every channel of
this project hands its messages to Rasa through :func:`handle_or_apologise`, which logs the
channel and the kind of error only, and tells the resident
in plain Dutch that the message did not arrive, so they can send it again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

log = logging.getLogger(__name__)

#: what the resident reads when their message could not be handled (B1)
NOT_HANDLED = (
    "Sorry, uw bericht is niet goed aangekomen. Stuur het over een paar minuten opnieuw. Bij direct gevaar: bel 112."
)


async def handle_or_apologise(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage, channel: str
) -> bool:
    """Hand ``message`` to Rasa; ``False`` when that failed and the resident was told."""
    try:
        await on_new_message(message)
        return True
    except asyncio.CancelledError:
        # the request was given up (the client went away, the server stops): Rasa's own
        # handler would log the text; the resident is gone, so there is nobody to tell
        log.warning("%s.message_cancelled", channel)
        raise
    except Exception as error:  # noqa: BLE001 - any failure: told, logged without text
        log.error("%s.message_not_handled error=%s", channel, type(error).__name__)
    try:
        await message.output_channel.send_text_message(message.sender_id, NOT_HANDLED)
    except Exception as error:  # noqa: BLE001 - the channel itself is down: logged, nothing more to do
        log.error("%s.apology_not_sent error=%s", channel, type(error).__name__)
    return False
