"""A recording fake of the Graph API's ``/{phone-number-id}/messages`` on loopback."""

from __future__ import annotations

import asyncio
import threading
import time

from aiohttp import web


class FakeGraph:
    def __init__(self, port: int, phone_number_id: str = "1234567890"):
        self.port = port
        self.phone_number_id = phone_number_id
        self.received: list[dict] = []  # {"auth": ..., "body": ...}
        self.fail_next = 0  # answer this many requests with 500 first
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v21.0"

    async def _messages(self, request: web.Request) -> web.Response:
        if request.match_info["phone"] != self.phone_number_id:
            return web.json_response({"error": "unknown phone number id"}, status=404)
        if self.fail_next:
            self.fail_next -= 1
            return web.json_response({"error": {"message": "temporary"}}, status=500)
        body = await request.json()
        self.received.append({"auth": request.headers.get("Authorization"), "body": body})
        return web.json_response(
            {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.out{len(self.received)}"}]}
        )

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/v21.0/{phone}/messages", self._messages)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()

    def start(self) -> "FakeGraph":
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def to(self, wa_id: str) -> list[dict]:
        return [r["body"] for r in self.received if r["body"].get("to") == wa_id]

    def wait_for(self, wa_id: str, count: int, timeout: float = 30) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.to(wa_id)) >= count:
                time.sleep(0.5)  # let any further messages of the same reply arrive
                return self.to(wa_id)
            time.sleep(0.1)
        return self.to(wa_id)
