"""The FastAPI app: OpenAI-compatible API, the seed's /humanize and /generate, health/info, web page."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import error_message
from ..engine import DeadlineExceeded, Engine, QueueFull
from ..engine.limits import Limits
from ..engine.pool import ModelPool, ModelSpec, parse_models
from ..errors import Cancelled, ModelNotFoundError, TunesmithError
from ..models import DEFAULT_MODEL
from .schemas import (ERRORS, STREAMS, ChatRequest, CompletionRequest, GenerateRequest, HumanizeRequest,
                      HumanizeResponse)
from .guard import Guard, MethodCheck, error_body, key_problem, not_found
from .jobs_api import jobs_router
from .settings import Settings

log = logging.getLogger("tunesmith.serve")


class StreamFailed(Exception):
    """A streamed request's engine work failed after its 200 response began."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


class APIError(Exception):
    """An error answered in OpenAI's shape: {"error": {"message", "type", "param", "code"}}."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None,
                 kind: str = "invalid_request_error", headers: dict[str, str] | None = None):
        self.status, self.message, self.param, self.code, self.kind = status, message, param, code, kind
        self.headers = headers or {}


class State:
    """The served models (a pool of engines) and the humanizer, shared by all routes and the page."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.limits = Limits.from_settings(settings)
        self.pool: ModelPool | None = None
        self.humanizer = None
        self._jobs = None
        self._voices: OrderedDict = OrderedDict()
        self._voice_users: Counter = Counter()
        self.workers: list = []
        self.started = time.time()
        self._lock = threading.Lock()

    def _engine_for(self, spec: ModelSpec) -> Engine:
        from ..generate import Generator

        s = self.settings
        if s.compile:
            log.warning("--compile is ignored by the server: the engine's lean decode step is the fast path")
        generator = Generator(spec.model, adapter=spec.adapter, quantize=s.quantize,
                              # adapters keep precise activations (LoRA is trained on float ones)
                              precise_activations=s.precise_activations or spec.adapter is not None,
                              # chat prompts are short: packed weights only, ~450 MB less
                              keep_float_weights=False)
        return Engine(generator, max_rows=s.max_batch, queue_size=s.queue_size, timeout=s.request_timeout)

    def load(self) -> None:
        with self._lock:
            s = self.settings
            if self.pool is None:
                specs = [ModelSpec(s.model, s.model, s.adapter), *parse_models(s.models)]
                pool = ModelPool(specs, self._engine_for, s.model_memory_mb, found=self._fine_tuned)
                pool.get()  # the default model loads now
                self.pool = pool
            if self.humanizer is None:
                adapter = None if s.humanizer_adapter == "none" else s.humanizer_adapter
                # The shipped adapter belongs to the bundled model, whatever --model serves (a run
                # trained from scratch, another HF model).
                base = s.humanizer_model or (DEFAULT_MODEL if s.humanizer_adapter == "bundled" else s.model)
                self.humanizer = self._humanizer(base, adapter, "humanizer")
                self.humanizer.warm()

    def _humanizer(self, base: str, adapter: str | None, name: str):
        """A humanizer whose candidates run in the running batch: per row over ``base``'s engine
        when its adapter allows (one model in memory, one batch for chat and humanize), else
        on an engine of its own."""
        from ..humanize import BUNDLED_ADAPTER, Humanizer

        s = self.settings
        path = str(BUNDLED_ADAPTER) if adapter == "bundled" else adapter
        if path is None and ModelSpec(base, base) == ModelSpec(base, s.model, s.adapter):
            return Humanizer(adapter=None, generator=self.pool.get())
        shared = self.pool.adapter_engine(base, path, name) if path else None
        if shared is not None:
            return Humanizer(adapter=path, generator=shared)
        return Humanizer(base, adapter=adapter, generator=Engine(
            Humanizer.base_generator(base, adapter, s.quantize), max_rows=s.max_batch, queue_size=s.queue_size,
            timeout=s.request_timeout))

    @property
    def jobs(self):
        """The fine-tuning job service (store opened on first use)."""
        from ..jobs import JobService, JobStore

        with self._lock:
            if self._jobs is None:
                s = self.settings
                url = s.jobs_db or (f"sqlite:///{Path(s.jobs_dir).expanduser().resolve() / 'jobs.db'}"
                                    if s.jobs_dir else None)
                self._jobs = JobService(JobStore(url), home=s.jobs_dir or None)
            return self._jobs

    def _fine_tuned(self, name: str) -> ModelSpec | None:
        """A succeeded job's fine_tuned_model, served by name like any configured model."""
        found = self.jobs.served_model(name)
        return ModelSpec(name, *found) if found else None

    def humanizer_for(self, voice: str | None):
        """The server's humanizer, or one trained towards a user's voice by a finished voice job
        (loaded on first use; the two most recent voices stay loaded)."""
        if not voice:
            return self.ready().humanizer
        found = self.jobs.voice_model(voice)
        self.ready()
        with self._lock:
            if voice in self._voices:
                self._voices.move_to_end(voice)
            else:
                self._voices[voice] = self._humanizer(found[0], found[1], f"voice:{voice}")
            self._voice_users[voice] += 1  # (until release_voice: a voice in use is never closed)
            self._evict_voices()
            return self._voices[voice]

    def humanize(self, text: str, opts: dict[str, Any], voice: str | None = None,
                 cancel: threading.Event | None = None):
        """/humanize's and the page's one path: the server's limits, the voice's humanizer (held
        while it works, so it is not evicted under it), the request's deadline and cancel event."""
        self.limits.text(text)
        cancel = cancel or threading.Event()
        deadline = threading.Timer(self.settings.request_timeout, cancel.set)
        deadline.daemon = True
        humanizer = self.humanizer_for(voice)
        try:
            deadline.start()
            return humanizer.humanize(text, opts, max_chunks=self.limits.max_humanize_chunks, cancel=cancel)
        finally:
            deadline.cancel()
            self.release_voice(voice)

    def release_voice(self, voice: str | None) -> None:
        """A request that got ``humanizer_for(voice)`` is done with it."""
        if not voice:
            return
        with self._lock:
            self._voice_users[voice] -= 1
            if self._voice_users[voice] <= 0:
                del self._voice_users[voice]
            self._evict_voices()

    def _evict_voices(self) -> None:
        # Least recently used first, never one a request is still using (closing it would cancel
        # that request's rows or stop the engine its next chunk group is queued on).
        for name in list(self._voices):
            if len(self._voices) <= 2:
                break
            if not self._voice_users.get(name):
                self._voices.pop(name).generator.close()

    def start_workers(self) -> None:
        from ..jobs.worker import start_local_worker

        self.workers = [start_local_worker(self.jobs.store.url, stale_after=self.settings.worker_stale_after)
                        for _ in range(self.settings.workers)]
        if self.workers:
            log.info("started %d local fine-tuning worker(s) on %s", len(self.workers), self.jobs.store.url)

    def ready(self):
        if self.pool is None or self.humanizer is None:
            self.load()
        return self

    @property
    def engine(self) -> Engine:
        """The default model's engine."""
        return self.ready().pool.get()

    def close(self) -> None:
        from ..jobs.worker import stop_group

        for proc in self.workers:
            stop_group(proc)  # the worker requeues its running job; another worker resumes it
        if self.pool is not None:
            self.pool.close()
        for humanizer in [self.humanizer, *self._voices.values()]:
            if isinstance(getattr(humanizer, "generator", None), Engine):
                humanizer.generator.close()

    @property
    def model_id(self) -> str:
        return self.settings.model


def check_key(settings: Settings, supplied: str | None) -> bool:
    """Constant-time comparison against every configured key."""
    return bool(supplied) and key_problem(settings.keys, supplied) is None


def declare_limits(spec: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Write this server's configured limits into the OpenAPI schema, so a request the schema
    calls valid is one the server accepts (clients and fuzzers read the same numbers)."""
    schemas = spec.get("components", {}).get("schemas", {})

    def bound(model: str, field: str, **limits: int) -> None:
        prop = schemas.get(model, {}).get("properties", {}).get(field)
        if prop is None:
            return
        for branch in prop.get("anyOf", [prop]):
            if branch.get("type") == "array":
                branch = branch.get("items", {})
            if branch.get("type") in ("string", "integer"):
                branch.update({k: v for k, v in limits.items()
                               if (k == "maxLength") == (branch["type"] == "string")})

    bound("HumanizeRequest", "text", maxLength=settings.max_text_chars)
    bound("CompletionRequest", "prompt", maxLength=settings.max_prompt_chars)
    bound("GenerateRequest", "prompt", maxLength=settings.max_prompt_chars)
    for model in ("CompletionRequest", "ChatRequest", "GenerateRequest"):
        bound(model, "max_tokens", maximum=settings.max_new_tokens)
    bound("GenerateRequest", "max_new_tokens", maximum=settings.max_new_tokens)
    bound("HumanizeRequest", "max_new_tokens", maximum=min(settings.max_new_tokens, 1024))
    completion = schemas.get("CompletionRequest", {})
    for branch in completion.get("properties", {}).get("prompt", {}).get("anyOf", []):
        if branch.get("type") == "array":
            branch["maxItems"] = settings.max_rows
    for rule in completion.get("allOf", [])[:1]:  # beam search: prompts x num_beams <= max_rows
        for branch in rule.get("anyOf", []):
            beams = branch.get("properties", {}).get("num_beams", {}).get("const")
            if beams:
                branch["properties"]["prompt"] = {"anyOf": [{"type": "string"},
                                                            {"type": "array", "maxItems": settings.max_rows // beams}]}
    return spec


def body_problem(error: dict[str, Any]) -> str | None:
    """What is wrong with a body that is not a JSON object at all (FastAPI reports it as an error
    of a field, e.g. '1' for the position of a JSON syntax error); None for a field's error."""
    if error["type"] == "json_invalid":
        detail = error.get("ctx", {}).get("error") or error["msg"]
        return f"request body is not valid JSON: {detail} (at position {error['loc'][-1]})"
    if tuple(error["loc"]) != ("body",):
        return None
    if isinstance(error.get("input"), bytes):  # e.g. curl -d without a JSON content type
        return "request body is not JSON: send a JSON object with 'Content-Type: application/json'"
    if error["type"] == "missing":
        return "request body is missing: send a JSON object"
    if error["type"] in ("model_attributes_type", "model_type", "dict_type"):
        return "request body must be a JSON object"
    return None  # a rule of the whole body (a model validator): answered as usual


def api_routes(routes) -> list[APIRoute]:
    """Every API route, including those of included routers (FastAPI keeps those nested; ours
    have no prefix, so their own paths are the served paths)."""
    out: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif hasattr(route, "original_router"):
            out.extend(api_routes(route.original_router.routes))
    return out


def create_app(settings: Settings | None = None, state: State | None = None) -> FastAPI:
    """Build the app. ``state`` can be injected (tests pass one with tiny models)."""
    settings = settings or Settings.load()
    state = state or State(settings)
    limits = state.limits

    async def lifespan(app: FastAPI):
        if settings.workers:
            await asyncio.to_thread(state.start_workers)
        if settings.preload:
            await asyncio.to_thread(state.ready)
        yield
        state.close()

    app = FastAPI(title="tunesmith", version=__version__, lifespan=lifespan,
                  description="Generate, chat and humanize with small language models. OpenAI-compatible under /v1.")
    app.state.tunesmith = state
    settings.check_safe_to_bind()  # e.g. CORS '*' without keys
    app.openapi = lambda: declare_limits(FastAPI.openapi(app), settings)
    # The key is checked and the body counted before any route reads it (guard.py); CORS wraps
    # the guard so its refusals reach browsers with CORS headers.
    app.add_middleware(Guard, keys=settings.keys, max_body_bytes=settings.max_body_bytes,
                       protected=("/v1/", "/generate", "/humanize", "/info", "/fine_tune"),
                       uploads=("/v1/files",), max_upload_bytes=settings.max_upload_bytes)
    if settings.origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["*"], allow_headers=["*"])

    @app.exception_handler(APIError)
    async def _api_error(request: Request, err: APIError):
        return JSONResponse(error_body(err.message, err.kind, err.param, err.code), status_code=err.status,
                            headers=err.headers)

    @app.exception_handler(TunesmithError)
    async def _user_error(request: Request, err: TunesmithError):
        status = 422 if err.status_code in (400, 422) else err.status_code
        code = getattr(err, "code", None) or ("model_not_found" if isinstance(err, ModelNotFoundError) else None)
        return JSONResponse(error_body(err.message, "invalid_request_error", err.field, code), status_code=status)

    def check_tokens(req: Any) -> None:
        for field in ("max_tokens", "max_new_tokens"):
            limits.tokens(getattr(req, field, None), field)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError):
        errors = err.errors()
        body_error = body_problem(errors[0])
        if body_error:
            return JSONResponse(error_body(body_error, "invalid_request_error", None, "invalid_json"), status_code=400)
        # A union field (a prompt or a list of prompts) reports a type mismatch for each form it
        # could take: the error worth showing is the one about the value itself.
        first = next((e for e in errors if not e["type"].endswith("_type")), errors[0])
        # Drop pydantic's union tags ("constrained-str", "list[...]") from the location.
        loc = [str(p) for p in first["loc"] if p != "body" and (isinstance(p, int) or str(p).isidentifier())]
        field = ".".join(loc) or "body"
        if first["type"] == "unsupported_parameter":
            return JSONResponse(error_body(first["msg"], "invalid_request_error", field, "unsupported_parameter"),
                                status_code=422)
        if (field in ("max_tokens", "max_new_tokens") and request.url.path != "/humanize"
                and first["type"] in ("less_than_equal", "greater_than_equal")):
            return await _user_error(request, limits.token_range(first["input"], field))
        return JSONResponse(error_body(f"invalid value for '{field}': {error_message(first)}", "invalid_request_error",
                                       field), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        body = (not_found(request.method, request.url.path) if err.status_code == 404 and err.detail == "Not Found"
                else error_body(str(err.detail), "invalid_request_error"))
        return JSONResponse(body, status_code=err.status_code, headers=getattr(err, "headers", None))

    auth: list = []  # the Guard middleware checks keys before the body is read

    def loaded() -> State:
        return state.ready()

    app.include_router(jobs_router(lambda: state.jobs))

    # ------------------------------------------------------------ health / info
    @app.get("/health", tags=["health"])
    def health() -> dict[str, Any]:
        ok = state.pool is not None and state.humanizer is not None
        return {"status": "ok" if ok else "loading", "uptime_s": round(time.time() - state.started, 1)}

    @app.get("/info", tags=["health"], dependencies=auth, responses=ERRORS)
    def info() -> dict[str, Any]:
        st = loaded()
        gen = st.engine.info()
        return {
            "version": __version__, "model": gen["model"], "adapter": gen.get("adapter"),
            "device": gen["device"], "dtype": gen["dtype"], "quantization": gen.get("quantization"),
            "kernels": gen.get("kernels"), "activations": gen.get("activations"), "fast_decode": gen.get("fast_decode"),
            "humanizer_adapter": st.humanizer.adapter, "batching": "continuous",
            "load": st.engine.scheduler.load, "models": st.pool.names(), "loaded_models_mb": st.pool.loaded(),
            "limits": {"max_text_chars": settings.max_text_chars, "max_prompt_chars": settings.max_prompt_chars,
                       "max_new_tokens": settings.max_new_tokens, "max_body_bytes": settings.max_body_bytes,
                       "queue_size": settings.queue_size, "max_batch": settings.max_batch,
                       "max_rows": settings.max_rows, "max_humanize_chunks": settings.max_humanize_chunks,
                       "request_timeout_s": settings.request_timeout},
            "auth": bool(settings.keys),
        }

    # ------------------------------------------------------------ helpers

    async def wait_for(request: Request, job) -> Any:
        """Await an engine request; a client that goes away cancels its rows."""
        wrapped = asyncio.wrap_future(job.future)
        while True:
            try:
                return await asyncio.wait_for(asyncio.shield(wrapped), timeout=0.25)
            except asyncio.TimeoutError:
                if await request.is_disconnected():
                    job.cancel.set()
                    raise APIError(499, "client closed the request", code="client_closed") from None
            except DeadlineExceeded:
                raise APIError(504, f"generation took longer than {settings.request_timeout:.0f} s",
                               code="timeout", kind="server_error") from None
            except Cancelled as err:  # shutting down, or its model or adapter was unloaded
                raise APIError(503, str(err) or "the request was cancelled", code="cancelled", kind="server_error",
                               headers={"Retry-After": "2"}) from None

    def queue_full() -> APIError:
        return APIError(503, "server busy: the request queue is full, retry shortly", code="queue_full",
                        kind="server_error", headers={"Retry-After": "2"})

    async def model_ready(name: str | None) -> str:
        """The served name for ``name``, its model (or adapter) loaded first if needed: off the
        event loop, which a load (seconds, or waiting for a running beam search) would stall."""
        st = loaded()

        def load() -> str:
            model = st.pool.resolve(name)
            st.pool.get(model)
            return model

        return await asyncio.to_thread(load)

    def submit(model: str | None, prompts: list[str], params, on_chunk=None):
        try:
            return loaded().pool.get(model).submit(prompts, params, on_chunk=on_chunk)
        except QueueFull:
            raise queue_full() from None
        except Cancelled as err:  # its engine was closed (the model was unloaded)
            raise APIError(503, str(err), code="cancelled", kind="server_error", headers={"Retry-After": "2"}) from None

    def sse(chunks: AsyncIterator[dict[str, Any]]) -> StreamingResponse:
        async def body():
            try:
                async for obj in chunks:
                    yield f"data: {json.dumps(obj)}\n\n"
            except StreamFailed as failed:
                # The stream has begun (200): an error event, as OpenAI sends, and no [DONE], so a
                # client cannot take a timed-out stream for a complete one (the SDK raises on it).
                err = failed.error
                if isinstance(err, DeadlineExceeded):
                    body_ = {"message": f"generation took longer than {settings.request_timeout:.0f} s",
                             "type": "server_error", "code": "timeout"}
                elif isinstance(err, Cancelled):
                    body_ = {"message": str(err) or "the request was cancelled", "type": "server_error",
                             "code": "cancelled"}
                else:
                    body_ = {"message": "generation failed", "type": "server_error", "code": "internal_error"}
                yield f"data: {json.dumps({'error': body_})}\n\n"
                return
            yield "data: [DONE]\n\n"

        return StreamingResponse(body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    def start_stream(request: Request, model: str | None, prompt: str, params):
        """Queue a streamed row now (so a full queue is a 503, not a broken stream); returns
        an async iterator of its chunks. A client that goes away cancels the row."""
        loop = asyncio.get_running_loop()
        q: asyncio.Queue = asyncio.Queue()
        job = submit(model, [prompt], params, on_chunk=lambda c: loop.call_soon_threadsafe(q.put_nowait, c))
        job.future.add_done_callback(lambda f: loop.call_soon_threadsafe(q.put_nowait, f))

        async def pieces():
            try:
                while True:
                    try:
                        item = await asyncio.wait_for(q.get(), timeout=0.5)
                    except asyncio.TimeoutError:
                        if await request.is_disconnected():
                            return
                        continue
                    if isinstance(item, Future):
                        if item.exception() is not None:  # past its deadline, cancelled or failed
                            raise StreamFailed(item.exception())
                        continue
                    yield item
                    if item.finish_reason is not None:
                        return
            finally:
                job.cancel.set()

        return pieces()

    def wants_usage(req: Any) -> bool:
        """stream_options.include_usage: OpenAI's last chunk, with no choices and the usage."""
        return req.stream_options is not None and req.stream_options.include_usage

    def usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
        return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens}

    # ------------------------------------------------------------ OpenAI-compatible
    def served_names() -> list[str]:
        return list(dict.fromkeys(loaded().pool.names() + state.jobs.model_names()))

    def model_card(name: str) -> dict[str, Any]:
        return {"id": name, "object": "model", "created": int(state.started), "owned_by": "tunesmith"}

    @app.get("/v1/models", tags=["openai"], dependencies=auth, responses=ERRORS)
    def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [model_card(n) for n in served_names()]}

    # :path, as a served model may be a Hugging Face id ("org/name")
    @app.get("/v1/models/{model_id:path}", tags=["openai"], dependencies=auth, responses=ERRORS)
    def retrieve_model(model_id: str) -> dict[str, Any]:
        names = served_names()
        if model_id not in names:
            raise ModelNotFoundError(f"unknown model '{model_id}'; this server serves {', '.join(names)} "
                                     "(see /v1/models)", field="model")
        return model_card(model_id)

    @app.post("/v1/completions", tags=["openai"], dependencies=auth, responses=STREAMS)
    async def completions(req: CompletionRequest, request: Request):
        check_tokens(req)
        model = await model_ready(req.model)
        prompts = [req.prompt] if isinstance(req.prompt, str) else req.prompt
        params = req.sampling(default_max=min(16, limits.max_new_tokens))
        limits.generation(prompts, params)
        cid, created = f"cmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if req.stream:
            if len(prompts) != 1:
                raise APIError(422, "stream=true supports one prompt", param="stream")
            pieces = start_stream(request, model, prompts[0], params)
            head = {"id": cid, "object": "text_completion", "created": created, "model": model}

            async def chunks():
                last = None
                if req.echo:
                    yield {**head, "choices": [{"text": prompts[0], "index": 0, "logprobs": None,
                                                "finish_reason": None}]}
                async for c in pieces:
                    yield {**head, "choices": [{"text": c.text, "index": 0, "logprobs": None,
                                                "finish_reason": c.finish_reason}]}
                    last = c
                if wants_usage(req) and last is not None and last.finish_reason:  # (not after a disconnect)
                    yield {**head, "choices": [], "usage": usage(last.prompt_tokens, last.completion_tokens)}
            return sse(chunks())
        outs = await wait_for(request, submit(model, prompts, params))
        choices = [{"text": (prompts[c.prompt_index] if req.echo else "") + c.text,
                    "index": c.prompt_index * params.n + c.index, "logprobs": None,
                    "finish_reason": c.finish_reason} for c in outs]
        prompt_tokens = sum({c.prompt_index: c.prompt_tokens for c in outs}.values())
        return {"id": cid, "object": "text_completion", "created": created, "model": model,
                "choices": choices, "usage": usage(prompt_tokens, sum(c.completion_tokens for c in outs))}

    @app.post("/v1/chat/completions", tags=["openai"], dependencies=auth, responses=STREAMS)
    async def chat_completions(req: ChatRequest, request: Request):
        check_tokens(req)
        st = loaded()
        model = await model_ready(req.model)
        prompt = st.pool.get(model).chat_prompt([m.model_dump() for m in req.messages])
        params = req.sampling(default_max=min(256, limits.max_new_tokens))
        limits.generation([prompt], params, field="messages")
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if req.stream:
            pieces = start_stream(request, model, prompt, params)
            head = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model}

            async def chunks():
                last = None
                yield {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                            "finish_reason": None}]}
                async for c in pieces:
                    delta = {"content": c.text} if c.text else {}
                    yield {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": c.finish_reason}]}
                    last = c
                if wants_usage(req) and last is not None and last.finish_reason:  # (not after a disconnect)
                    yield {**head, "choices": [], "usage": usage(last.prompt_tokens, last.completion_tokens)}
            return sse(chunks())
        outs = await wait_for(request, submit(model, [prompt], params))
        choices = [{"index": c.index, "message": {"role": "assistant", "content": c.text},
                    "finish_reason": c.finish_reason} for c in outs]
        return {"id": cid, "object": "chat.completion", "created": created, "model": model,
                "choices": choices, "usage": usage(outs[0].prompt_tokens, sum(c.completion_tokens for c in outs))}

    # ------------------------------------------------------------ the seeds' endpoints
    @app.post("/generate", tags=["generate"], dependencies=auth, responses=ERRORS)
    async def generate(req: GenerateRequest, request: Request) -> dict[str, Any]:
        check_tokens(req)
        st = loaded()
        prompt = st.engine.chat_prompt([{"role": "user", "content": req.prompt}]) if req.chat else req.prompt
        params = req.sampling(default_max=min(req.max_new_tokens or 128, limits.max_new_tokens))
        if req.max_new_tokens:
            params = params.model_copy(update={"max_new_tokens": req.max_new_tokens})
        limits.generation([prompt], params)
        outs = await wait_for(request, submit(None, [prompt], params))
        return {"prompt": req.prompt, "generated_text": outs[0].text, "finish_reason": outs[0].finish_reason,
                "candidates": [c.text for c in outs], "usage": usage(outs[0].prompt_tokens,
                                                                      sum(c.completion_tokens for c in outs))}

    @app.post("/humanize", tags=["humanize"], response_model=HumanizeResponse, dependencies=auth, responses=ERRORS)
    async def humanize(req: HumanizeRequest, request: Request) -> dict[str, Any]:
        limits.text(req.text)
        limits.tokens(req.max_new_tokens, "max_new_tokens")
        st = loaded()
        opts = req.model_dump(exclude={"text", "voice"})
        cancel = threading.Event()
        task = asyncio.ensure_future(asyncio.to_thread(st.humanize, req.text, opts, req.voice, cancel))
        deadline = time.monotonic() + settings.request_timeout
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=0.25)
                if done:
                    return task.result().to_dict()
                if await request.is_disconnected():
                    raise APIError(499, "client closed the request", code="client_closed")
                if time.monotonic() > deadline:
                    raise APIError(504, f"humanizing took longer than {settings.request_timeout:.0f} s",
                                   code="timeout", kind="server_error")
        except QueueFull:
            raise queue_full() from None
        except Cancelled:
            raise APIError(504, "humanizing was cancelled", code="timeout", kind="server_error") from None
        finally:
            cancel.set()  # a timeout or a disconnect stops the work and frees its rows

    if settings.ui:
        from ..ui import mount_ui

        app = mount_ui(app, state, settings)
    app.add_middleware(MethodCheck, routes=api_routes(app.router.routes))
    return app
