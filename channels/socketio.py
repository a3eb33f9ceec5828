"""Rasa's socket.io channel for the website widget, with the same protections as the REST
channel: typed text starting with "/" stays text (``channels.rest.typed_text``), and only
the municipality id is taken from the message metadata (``channels.rest.allowed_metadata``).

Credentials (``var/credentials.yml``, written by ``python -m channels.credentials``)::

    channels.socketio.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true      # the widget sends session_request with its session id
      cors_allowed_origins: [https://www.almere.nl]   # pages that may open the chat (HULPWIJZER_WIDGET_ORIGINS)

Rasa itself accepts a websocket from any web page; with ``cors_allowed_origins`` a browser
on another site is refused (clients that send no Origin header are not browsers and pass).

A message may carry a ``message_id`` (the widget's, kept when it sends the message again
after a dropped connection): each id is answered once, a repeat gets the same answer again
(``channels.redelivery``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from channels.failures import handle_or_apologise
from channels.redelivery import NEVER_JOINED, Answer, AnsweredMessages, message_id, moment
from channels.rest import allowed_metadata, typed_text
from core.background import every

log = logging.getLogger(__name__)

#: how often answers kept for a repeat are checked for their age, in seconds
FORGET_EVERY_SECONDS = 60.0

#: what the resident sees when their page did not start a session (it never reached Rasa)
LOST_SESSION = (
    "Uw bericht kwam niet aan: de verbinding is niet goed gestart. Laad de pagina opnieuw en probeer het nog eens."
)


class AnsweringOutput(SocketIOOutput):
    """Rasa's socket.io output that also keeps what it sends, for a repeat of the message."""

    def __init__(self, sio: AsyncServer, bot_message_evt: Text, answer: Optional[Answer]) -> None:
        super().__init__(sio, bot_message_evt)
        self.answer = answer

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        if self.answer is not None:
            self.answer.keep(response)
        await super()._send_message(socket_id, response)


def _metadata(value: Any) -> Dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


class SocketIOInput(RasaSocketIOInput):
    #: web page origins whose browsers may connect; empty: any (Rasa's behaviour)
    allowed_origins: List[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the recent answers per conversation and message id
        self.answered = AnsweredMessages()
        self._upkeep: Optional[asyncio.Task] = None

    async def forget_old_answers(self, interval: float = FORGET_EVERY_SECONDS) -> None:
        """Runs with the server: answers kept for a repeat go after their time even when no
        message comes in."""

        async def forget() -> None:
            self.answered.forget_old()

        await every(interval, forget, log, "socketio.forget_failed")

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SocketIOInput":
        channel = super().from_credentials(credentials)
        origins = (credentials or {}).get("cors_allowed_origins") or []
        channel.allowed_origins = [origins] if isinstance(origins, str) else [str(o) for o in origins]
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def guarded(message: UserMessage) -> Any:
            message.text = typed_text(message.text)
            message.metadata = allowed_metadata({"metadata": message.metadata}) or {}
            return await handle_or_apologise(on_new_message, message, "socketio")

        blueprint = super().blueprint(guarded)
        sio = blueprint.ctx.sio
        if self.allowed_origins:
            sio.eio.cors_allowed_origins = list(self.allowed_origins)

        # Rasa 3.6 calls ``sio.enter_room`` without ``await``; with python-socketio 5.x that
        # is a coroutine, so the client never joins its session's room and receives no
        # replies. This handler replaces Rasa's and awaits it.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Optional[Dict]) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
                # from now on what is sent to the conversation's room reaches this socket
                async with sio.session(sid, namespace=self.namespace) as session:
                    session["joined"] = moment()
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        # Replaces Rasa's handler. Rasa drops a message without a session id with only a
        # warning on the server: the resident would wait for an answer that never comes, so
        # they are told instead. A repeated message id is answered from memory.
        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def user_uttered(sid: str, data: Any = None) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence and not data.get("session_id"):
                await sio.emit(self.bot_message_evt, {"text": LOST_SESSION}, room=sid, namespace=self.namespace)
                return
            conversation = str(data["session_id"]) if self.session_persistence else sid
            text = data.get("message")
            metadata = _metadata(data.get(self.metadata_key))
            try:
                joined = (await sio.get_session(sid, namespace=self.namespace)).get("joined", NEVER_JOINED)
            except KeyError:  # the socket closed meanwhile: the message is still answered
                joined = NEVER_JOINED

            async def answer(record: Optional[Answer]) -> None:
                output = AnsweringOutput(sio, self.bot_message_evt, record)
                await guarded(
                    UserMessage(
                        text if isinstance(text, str) else "",
                        output,
                        conversation,
                        input_channel=self.name(),
                        metadata=metadata,
                    )
                )

            async def replay(response: Dict[str, Any]) -> None:
                await sio.emit(self.bot_message_evt, response, room=sid, namespace=self.namespace)

            # a message sent again after a dropped connection is answered once
            await self.answered.answer_once(conversation, message_id(data.get("message_id")), joined, answer, replay)

        @blueprint.listener("after_server_start")
        async def start_upkeep(app, loop) -> None:
            self._upkeep = asyncio.create_task(self.forget_old_answers())

        @blueprint.listener("before_server_stop")
        async def stop_upkeep(app, loop) -> None:
            if self._upkeep is not None:
                self._upkeep.cancel()

        return blueprint
