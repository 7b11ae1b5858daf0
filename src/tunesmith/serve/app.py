"""The FastAPI app: OpenAI-compatible API, the seed's /humanize and /generate, health/info, web page."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import TunesmithError
from .batching import Batcher, QueueFull
from .schemas import ChatRequest, CompletionRequest, GenerateRequest, HumanizeRequest, HumanizeResponse
from .settings import Settings

log = logging.getLogger("tunesmith.serve")


class APIError(Exception):
    """An error answered in OpenAI's shape: {"error": {"message", "type", "param", "code"}}."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None,
                 kind: str = "invalid_request_error", headers: dict[str, str] | None = None):
        self.status, self.message, self.param, self.code, self.kind = status, message, param, code, kind
        self.headers = headers or {}


def error_body(message: str, kind: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


class State:
    """Loaded models and the batcher, shared by all routes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.generator = None
        self.batcher: Batcher | None = None
        self.humanizer = None
        self.started = time.time()
        self._lock = threading.Lock()
        self.humanizer_lock = threading.Lock()  # one humanize at a time; it batches its own chunks

    def load(self) -> None:
        from ..generate import Generator
        from ..humanize import Humanizer

        with self._lock:
            if self.generator is None:
                s = self.settings
                self.generator = Generator(s.model, adapter=s.adapter, quantize=s.quantize, compile=s.compile,
                                           # chat prompts are short: packed weights only, ~450 MB less
                                           keep_float_weights=False)
                if s.compile:
                    log.info("compiling the single-stream decode step (one-off) ...")
                    log.info("compiled in %.1f s", self.generator.warm_up())
                self.batcher = Batcher(self.generator, s.queue_size, s.max_batch, s.batch_wait_ms)
            if self.humanizer is None:
                adapter = None if self.settings.humanizer_adapter == "none" else self.settings.humanizer_adapter
                self.humanizer = Humanizer(self.settings.model, adapter=adapter, quantize=self.settings.quantize)
                # (the humanizer stays eager: its batched candidates measured no faster compiled)

    def ready(self):
        if self.generator is None or self.humanizer is None:
            self.load()
        return self

    @property
    def model_id(self) -> str:
        return self.settings.model


def check_key(settings: Settings, supplied: str | None) -> bool:
    """Constant-time comparison against every configured key."""
    if not supplied:
        return False
    return any(hmac.compare_digest(supplied.encode(), k.encode()) for k in settings.keys)


def create_app(settings: Settings | None = None, state: State | None = None) -> FastAPI:
    """Build the app. ``state`` can be injected (tests pass one with tiny models)."""
    settings = settings or Settings()
    state = state or State(settings)

    async def lifespan(app: FastAPI):
        if settings.preload:
            await asyncio.to_thread(state.ready)
        yield
        if state.batcher:
            state.batcher.close()

    app = FastAPI(title="tunesmith", version=__version__, lifespan=lifespan,
                  description="Generate, chat and humanize with small language models. OpenAI-compatible under /v1.")
    app.state.tunesmith = state
    if settings.origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["*"], allow_headers=["*"])

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        """Refuse oversized bodies before parsing (Content-Length, or counted while reading)."""
        if request.method in ("POST", "PUT", "PATCH"):
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > settings.max_body_bytes:
                return JSONResponse(error_body(f"request body is {length} bytes; the limit is "
                                               f"{settings.max_body_bytes}", "invalid_request_error", None,
                                               "body_too_large"), status_code=413)
        return await call_next(request)

    @app.exception_handler(APIError)
    async def _api_error(request: Request, err: APIError):
        return JSONResponse(error_body(err.message, err.kind, err.param, err.code), status_code=err.status,
                            headers=err.headers)

    @app.exception_handler(TunesmithError)
    async def _user_error(request: Request, err: TunesmithError):
        status = 422 if err.status_code in (400, 422) else err.status_code
        return JSONResponse(error_body(err.message, "invalid_request_error", err.field), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        first = err.errors()[0]
        loc = [str(p) for p in first["loc"] if p != "body"]
        field = ".".join(loc) or "body"
        return JSONResponse(error_body(f"invalid value for '{field}': {first['msg']}", "invalid_request_error", field),
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        return JSONResponse(error_body(str(err.detail), "invalid_request_error"), status_code=err.status_code,
                            headers=getattr(err, "headers", None))

    def require_key(request: Request) -> None:
        if not settings.keys:
            return
        header = request.headers.get("authorization") or request.headers.get("x-api-key")
        if not header:
            raise APIError(401, "missing API key: send 'Authorization: Bearer KEY'", code="missing_api_key",
                           kind="authentication_error", headers={"WWW-Authenticate": "Bearer"})
        key = header[7:].strip() if header.lower().startswith("bearer ") else header.strip()  # bare key: the seed's
        if not check_key(settings, key):
            raise APIError(403, "invalid API key", code="invalid_api_key", kind="authentication_error")

    auth = [Depends(require_key)]

    def loaded() -> State:
        return state.ready()

    # ------------------------------------------------------------ health / info
    @app.get("/health", tags=["health"])
    def health() -> dict[str, Any]:
        ok = state.generator is not None and state.humanizer is not None
        return {"status": "ok" if ok else "loading", "uptime_s": round(time.time() - state.started, 1)}

    @app.get("/info", tags=["health"], dependencies=auth)
    def info() -> dict[str, Any]:
        st = loaded()
        gen = st.generator.info()
        return {
            "version": __version__, "model": gen["model"], "adapter": gen.get("adapter"),
            "device": gen["device"], "dtype": gen["dtype"], "quantization": gen.get("quantization"),
            "kernels": gen.get("kernels"), "fast_decode": gen.get("fast_decode"),
            "humanizer_adapter": st.humanizer.adapter,
            "limits": {"max_text_chars": settings.max_text_chars, "max_prompt_chars": settings.max_prompt_chars,
                       "max_new_tokens": settings.max_new_tokens, "max_body_bytes": settings.max_body_bytes,
                       "queue_size": settings.queue_size, "max_batch": settings.max_batch,
                       "request_timeout_s": settings.request_timeout},
            "auth": bool(settings.keys),
        }

    # ------------------------------------------------------------ helpers
    def check_model(name: str | None) -> None:
        if name not in (None, "", state.model_id, "default"):
            raise APIError(422, f"unknown model '{name}'; this server serves '{state.model_id}' (see /v1/models)",
                           param="model", code="model_not_found")

    def check_tokens(n: int | None, field: str) -> None:
        if n is not None and n > settings.max_new_tokens:
            raise APIError(422, f"invalid value for '{field}': {n} is above this server's limit of "
                                f"{settings.max_new_tokens}", param=field)

    def check_prompt(text: str, field: str) -> None:
        if not text.strip():
            raise APIError(422, f"'{field}' is empty", param=field)
        if len(text) > settings.max_prompt_chars:
            raise APIError(422, f"'{field}' has {len(text)} characters; the limit is {settings.max_prompt_chars}",
                           param=field)

    async def run_batched(request: Request, prompts: list[str], params) -> list:
        st = loaded()
        try:
            job = st.batcher.submit(prompts, params)
        except QueueFull:
            raise APIError(503, "server busy: the request queue is full, retry shortly", code="queue_full",
                           kind="server_error", headers={"Retry-After": "2"}) from None
        wrapped = asyncio.wrap_future(job.future)
        deadline = time.monotonic() + settings.request_timeout
        while True:
            try:
                return await asyncio.wait_for(asyncio.shield(wrapped), timeout=0.25)
            except asyncio.TimeoutError:
                if await request.is_disconnected():
                    job.cancel.set()  # client went away: stop its rows
                    raise APIError(499, "client closed the request", code="client_closed") from None
                if time.monotonic() > deadline:
                    job.cancel.set()
                    raise APIError(504, f"generation took longer than {settings.request_timeout:.0f} s",
                                   code="timeout", kind="server_error") from None

    def sse(chunks: AsyncIterator[dict[str, Any]]) -> StreamingResponse:
        async def body():
            async for obj in chunks:
                yield f"data: {json.dumps(obj)}\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    async def stream_pieces(request: Request, prompt: str, params):
        """Run Generator.stream in a thread; stop it when the client disconnects."""
        st = loaded()
        cancel = threading.Event()
        loop = asyncio.get_running_loop()
        q: asyncio.Queue = asyncio.Queue()

        def produce():
            try:
                for chunk in st.generator.stream(prompt, params, cancel=cancel):
                    loop.call_soon_threadsafe(q.put_nowait, chunk)
            except BaseException as err:
                loop.call_soon_threadsafe(q.put_nowait, err)
            loop.call_soon_threadsafe(q.put_nowait, None)

        threading.Thread(target=produce, daemon=True).start()
        try:
            while True:
                item = await q.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            cancel.set()

    def usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
        return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens}

    # ------------------------------------------------------------ OpenAI-compatible
    @app.get("/v1/models", tags=["openai"], dependencies=auth)
    def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": state.model_id, "object": "model", "created": int(state.started),
                                            "owned_by": "tunesmith"}]}

    @app.post("/v1/completions", tags=["openai"], dependencies=auth)
    async def completions(req: CompletionRequest, request: Request):
        check_model(req.model)
        check_tokens(req.max_tokens, "max_tokens")
        prompts = [req.prompt] if isinstance(req.prompt, str) else req.prompt
        if not prompts:
            raise APIError(422, "'prompt' is empty", param="prompt")
        for p in prompts:
            check_prompt(p, "prompt")
        params = req.sampling(default_max=16)
        cid, created = f"cmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if req.stream:
            if len(prompts) != 1 or params.n != 1:
                raise APIError(422, "stream=true supports one prompt and n=1", param="stream")

            async def chunks():
                async for c in stream_pieces(request, prompts[0], params):
                    yield {"id": cid, "object": "text_completion", "created": created, "model": state.model_id,
                           "choices": [{"text": c.text, "index": 0, "logprobs": None,
                                        "finish_reason": c.finish_reason}]}
            return sse(chunks())
        outs = await run_batched(request, prompts, params)
        choices = [{"text": (prompts[c.prompt_index] if req.echo else "") + c.text,
                    "index": c.prompt_index * params.n + c.index, "logprobs": None,
                    "finish_reason": c.finish_reason} for c in outs]
        prompt_tokens = sum({c.prompt_index: c.prompt_tokens for c in outs}.values())
        return {"id": cid, "object": "text_completion", "created": created, "model": state.model_id,
                "choices": choices, "usage": usage(prompt_tokens, sum(c.completion_tokens for c in outs))}

    @app.post("/v1/chat/completions", tags=["openai"], dependencies=auth)
    async def chat_completions(req: ChatRequest, request: Request):
        check_model(req.model)
        check_tokens(req.max_tokens, "max_tokens")
        st = loaded()
        prompt = st.generator.chat_prompt([m.model_dump() for m in req.messages])
        check_prompt(prompt, "messages")
        params = req.sampling(default_max=256)
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if req.stream:
            if params.n != 1:
                raise APIError(422, "stream=true supports n=1", param="n")

            async def chunks():
                yield {"id": cid, "object": "chat.completion.chunk", "created": created, "model": state.model_id,
                       "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
                async for c in stream_pieces(request, prompt, params):
                    delta = {"content": c.text} if c.text else {}
                    yield {"id": cid, "object": "chat.completion.chunk", "created": created,
                           "model": state.model_id,
                           "choices": [{"index": 0, "delta": delta, "finish_reason": c.finish_reason}]}
            return sse(chunks())
        outs = await run_batched(request, [prompt], params)
        choices = [{"index": c.index, "message": {"role": "assistant", "content": c.text},
                    "finish_reason": c.finish_reason} for c in outs]
        return {"id": cid, "object": "chat.completion", "created": created, "model": state.model_id,
                "choices": choices, "usage": usage(outs[0].prompt_tokens, sum(c.completion_tokens for c in outs))}

    # ------------------------------------------------------------ the seeds' endpoints
    @app.post("/generate", tags=["generate"], dependencies=auth)
    async def generate(req: GenerateRequest, request: Request) -> dict[str, Any]:
        check_tokens(req.max_new_tokens or req.max_tokens, "max_new_tokens")
        check_prompt(req.prompt, "prompt")
        st = loaded()
        prompt = st.generator.chat_prompt([{"role": "user", "content": req.prompt}]) if req.chat else req.prompt
        params = req.sampling(default_max=req.max_new_tokens or 128)
        if req.max_new_tokens:
            params = params.model_copy(update={"max_new_tokens": req.max_new_tokens})
        outs = await run_batched(request, [prompt], params)
        return {"prompt": req.prompt, "generated_text": outs[0].text, "finish_reason": outs[0].finish_reason,
                "candidates": [c.text for c in outs], "usage": usage(outs[0].prompt_tokens,
                                                                      sum(c.completion_tokens for c in outs))}

    @app.post("/humanize", tags=["humanize"], response_model=HumanizeResponse, dependencies=auth)
    async def humanize(req: HumanizeRequest) -> dict[str, Any]:
        if not req.text.strip():
            raise APIError(422, "'text' is empty: give the text to humanize", param="text")
        if len(req.text) > settings.max_text_chars:
            raise APIError(422, f"'text' has {len(req.text)} characters; the limit is {settings.max_text_chars}",
                           param="text")
        st = loaded()
        opts = req.model_dump(exclude={"text"})

        def work():
            with st.humanizer_lock:
                return st.humanizer.humanize(req.text, opts)

        try:
            res = await asyncio.wait_for(asyncio.to_thread(work), timeout=settings.request_timeout)
        except asyncio.TimeoutError:
            raise APIError(504, "humanizing took too long", code="timeout", kind="server_error") from None
        return res.to_dict()

    if settings.ui:
        from ..ui import mount_ui

        app = mount_ui(app, state, settings)
    return app
