"""The server's front door, as plain ASGI middleware: the API key is checked before a single
body byte is read, and the body is counted while it streams in (chunked uploads included), so
neither an anonymous caller nor an endless body can make the server buffer or parse anything.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.exceptions import HTTPException

Scope = dict[str, Any]
Message = dict[str, Any]


def error_body(message: str, kind: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    """OpenAI's error shape: {"error": {"message", "type", "param", "code"}}."""
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def key_problem(keys: list[str], header: str | None) -> tuple[int, str, str] | None:
    """None when ``header`` carries one of ``keys`` (constant-time), else (status, message, code)."""
    if not keys:
        return None
    if not header:
        return 401, "missing API key: send 'Authorization: Bearer KEY'", "missing_api_key"
    key = header[7:].strip() if header.lower().startswith("bearer ") else header.strip()  # a bare key: the seed's
    if any(hmac.compare_digest(key.encode(), k.encode()) for k in keys):
        return None
    return 403, "invalid API key", "invalid_api_key"


class _TooLarge(HTTPException):
    """Raised from ``receive``; an HTTPException so FastAPI's body reader passes it on as a 413."""


class Guard:
    """Key check first, then a body limit counted while reading.

    Args:
        app: The ASGI app behind the door.
        keys: Accepted API keys (empty: no auth).
        max_body_bytes: Largest request body (413 beyond it).
        protected: Path prefixes that need a key (the page's own assets and /health don't).
        uploads: Path prefixes of file uploads, allowed ``max_upload_bytes`` instead.
    """

    def __init__(self, app, keys: list[str], max_body_bytes: int, protected: Iterable[str],
                 uploads: Iterable[str] = (), max_upload_bytes: int = 0):
        self.app, self.keys, self.limit, self.protected = app, keys, max_body_bytes, tuple(protected)
        self.uploads, self.upload_limit = tuple(uploads), max_upload_bytes

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.keys and scope["path"].startswith(self.protected) and scope["method"] != "OPTIONS":
            header = headers.get("authorization") or headers.get("x-api-key")
            problem = key_problem(self.keys, header)
            if problem:
                status, message, code = problem
                extra = [(b"www-authenticate", b"Bearer")] if status == 401 else []
                return await _respond(send, status, error_body(message, "authentication_error", None, code), extra)
        upload = bool(self.uploads) and scope["path"].startswith(self.uploads)
        limit, setting = ((self.upload_limit, "TUNESMITH_MAX_UPLOAD_BYTES") if upload
                          else (self.limit, "TUNESMITH_MAX_BODY_BYTES"))
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return await _respond(send, 413, _too_large(f"request body is {length} bytes", limit, setting))
        received, started = 0, False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge(413, f"request body passed {limit} bytes while reading; the limit is "
                                         f"{limit} bytes ({setting})")
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if started:
                raise
            await _respond(send, 413, _too_large(f"request body passed {limit} bytes while reading", limit, setting))


def _too_large(what: str, limit: int, setting: str) -> dict[str, Any]:
    return error_body(f"{what}; the limit is {limit} bytes ({setting})", "invalid_request_error", None,
                      "body_too_large")


async def _respond(send, status: int, body: dict[str, Any], extra: list[tuple[bytes, bytes]] = ()) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *extra]
    if status == 413:
        headers.append((b"connection", b"close"))  # don't read the rest of an oversized body
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def not_found(method: str, path: str) -> dict[str, Any]:
    return error_body(f"{method} {path} is not an endpoint of this server (see /docs)", "invalid_request_error",
                      None, "not_found")


def _openai_404(scope: Scope, send):
    """``send`` with a JSON ``{"detail": ...}`` 404 (Starlette's, the page's) rewritten into
    OpenAI's error shape, which the API promises for every error; other responses pass as sent."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start" and message["status"] == 404:
            start = message
            return
        if start is None or message["type"] != "http.response.body":
            return await send(message)
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = b"".join(chunks)
        try:
            detail = json.loads(body)["detail"]
        except (ValueError, KeyError, TypeError):
            detail = None
        if not isinstance(detail, str):  # an HTML page, or a body of its own: as it was
            await send(start)
            return await send({"type": "http.response.body", "body": body})
        new = (not_found(scope["method"], scope["path"]) if detail == "Not Found"
               else error_body(detail, "invalid_request_error", None, "not_found"))
        keep = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"content-type")]
        await _respond(send, 404, new, keep)

    return wrapped


class MethodCheck:
    """405 (with ``Allow``) for a known API path asked with another method. Without it the
    page mounted at ``/`` catches the request and answers 404. A path no API route matches
    that ends in a JSON 404 gets OpenAI's error shape (the page's own 404s are FastAPI's)."""

    def __init__(self, app, routes):
        self.app, self.routes = app, routes

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] == "http":
            from starlette.routing import Match

            allowed: set[str] = set()
            matched = False
            for route in self.routes:
                match, _ = route.matches(scope)
                if match == Match.FULL:
                    allowed, matched = set(), True
                    break
                if match == Match.PARTIAL and getattr(route, "methods", None):
                    allowed |= route.methods
            if allowed:
                await _respond(send, 405, error_body(f"{scope['method']} is not allowed on {scope['path']}; use "
                                                     f"{', '.join(sorted(allowed))}", "invalid_request_error", None,
                                                     "method_not_allowed"),
                               [(b"allow", ", ".join(sorted(allowed)).encode())])
                return
            if not matched:
                send = _openai_404(scope, send)
        await self.app(scope, receive, send)
