"""Security headers on every response of the project's own web apps (``core.http_headers``)."""

import logging

from aiohttp import web

from core.http_headers import SERVER_ERROR, security_headers

HEADERS = {"X-Frame-Options": "DENY", "Content-Security-Policy": "default-src 'self'"}


async def test_an_unforeseen_error_is_a_500_with_the_headers_and_no_request_data_in_the_log(aiohttp_client, caplog):
    """Issue 12, finding 11: an unhandled error gave a 500 without the headers, and a
    traceback with body bytes in the log."""

    async def broken(request):
        body = await request.text()
        raise ValueError(f"could not read {body}")

    app = web.Application(middlewares=[security_headers(HEADERS)])
    app.router.add_post("/", broken)
    client = await aiohttp_client(app)
    with caplog.at_level(logging.DEBUG):
        response = await client.post("/", data="mijn bsn is 123456782")
    assert response.status == 500 and await response.text() == SERVER_ERROR
    assert (
        response.headers["X-Frame-Options"] == "DENY" and "default-src" in response.headers["Content-Security-Policy"]
    )
    assert "123456782" not in caplog.text and "ValueError" in caplog.text


async def test_http_errors_keep_their_status_and_get_the_headers(aiohttp_client):
    async def missing(request):
        raise web.HTTPNotFound(text="weg")

    app = web.Application(middlewares=[security_headers(HEADERS)])
    app.router.add_get("/", missing)
    response = await (await aiohttp_client(app)).get("/")
    assert response.status == 404 and response.headers["X-Frame-Options"] == "DENY"
