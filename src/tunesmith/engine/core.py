"""The engine's entry point: a :class:`Generator`-compatible object backed by the scheduler."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from ..config import SamplingParams, build
from ..generate import Completion, Generator, StreamChunk
from .scheduler import Request, Scheduler


class Engine:
    """Loaded model + continuous batching; the same calls as :class:`Generator`.

    Anything written against ``Generator`` (the humanizer included) can run on an engine, and
    then shares the running batch with every other request.

    Args:
        generator: The loaded model.
        max_rows: Most sequences decoded together.
        queue_size: Most requests waiting before :class:`~tunesmith.engine.QueueFull`.
        timeout: Default deadline of a request in seconds (None: none).
    """

    adapter: str | None = None  # applied to every request (see with_adapter)

    def __init__(self, generator: Generator, max_rows: int = 32, queue_size: int = 64, timeout: float | None = None):
        self.generator = generator
        self.tokenizer = generator.tokenizer
        self.timeout = timeout
        self.scheduler = Scheduler(generator, max_rows=max_rows, queue_size=queue_size)
        self._template_prefixes: dict[str | None, tuple[int, ...] | None] = {}

    def chat_prompt(self, messages: list[dict[str, str]], system: str | None = None) -> str:
        """Generator's chat prompt; its template prefix (everything before the first user
        turn: the system prompt) is registered for prefix caching (see Scheduler)."""
        prompt = self.generator.chat_prompt(messages, system)
        if getattr(self.tokenizer, "chat_template", None):
            head = [m for m in messages if m.get("role") == "system"][:1] if messages else []
            if system and not head:
                head = [{"role": "system", "content": system}]
            key = head[0]["content"] if head else None
            if key not in self._template_prefixes:
                if len(self._template_prefixes) >= 64:  # (clients may send any system prompt)
                    self._template_prefixes.pop(next(iter(self._template_prefixes)))
                self._template_prefixes[key] = self._template_prefix(head)
            if self._template_prefixes[key]:
                self.scheduler.note_prefix(self._template_prefixes[key])
        return prompt

    def _template_prefix(self, head: list[dict[str, str]]) -> tuple[int, ...] | None:
        # The tokens every conversation with this system prompt starts with: the common prefix of
        # two renderings that differ only in the user's words.
        a, b = (self.tokenizer(self.generator.chat_prompt([*head, {"role": "user", "content": w}]),
                               add_special_tokens=False)["input_ids"] for w in ("a", "b"))
        n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return tuple(a[:n]) if n >= 8 else None  # a few tokens are not worth a cache entry

    def count_tokens(self, text: str) -> int:
        return self.generator.count_tokens(text)

    def info(self) -> dict[str, Any]:
        return {**self.generator.info(), "batching": "continuous", "max_rows": self.scheduler.max_rows}

    @property
    def name(self) -> str:
        return self.generator.name

    def close(self) -> None:
        self.scheduler.close()

    def load_adapter(self, name: str, adapter_dir: str) -> float:
        """Serve a LoRA adapter over this engine's model, per row of the same batch (MB used)."""
        return self.scheduler.adapters.load(name, adapter_dir)

    def unload_adapter(self, name: str) -> None:
        self.scheduler.adapters.unload(name)
        self.scheduler.forget_adapter(name)

    def with_adapter(self, name: str) -> Engine:
        """This engine with a loaded adapter applied to every request (same batch, same model)."""
        return AdapterEngine(self, name)

    def submit(self, prompts: str | Sequence[str], params: SamplingParams | dict[str, Any] | None = None,
               cancel: threading.Event | None = None, timeout: float | None = None,
               logits_processors: Sequence[Any] = (), on_chunk=None, adapter: str | None = None) -> Request:
        """Queue a request and return at once; ``request.future`` gets the completions."""
        params = params if isinstance(params, SamplingParams) else build(SamplingParams, params or {})
        timeout = self.timeout if timeout is None else timeout
        req = Request([prompts] if isinstance(prompts, str) else list(prompts), params,
                      cancel=cancel or threading.Event(),
                      deadline=None if timeout is None else time.monotonic() + timeout,
                      on_chunk=on_chunk, logits_processors=logits_processors,
                      whole=not self.generator.keeps_cache, adapter=adapter or self.adapter)
        return self.scheduler.submit(req)

    def generate(self, prompts: str | Sequence[str], params: SamplingParams | dict[str, Any] | None = None,
                 cancel: threading.Event | Sequence[threading.Event] | None = None,
                 logits_processors: Sequence[Any] = ()) -> list[Completion]:
        """Like :meth:`Generator.generate`, through the running batch (blocks until done)."""
        if cancel is not None and not isinstance(cancel, threading.Event):
            cancel = cancel[0] if len(cancel) == 1 else None  # per-prompt events: the whole request here
        return self.submit(prompts, params, cancel, logits_processors=logits_processors).future.result()

    def chat(self, messages: list[dict[str, str]], params: SamplingParams | dict[str, Any] | None = None,
             system: str | None = None) -> list[Completion]:
        return self.generate(self.chat_prompt(messages, system), params)

    def stream(self, prompt: str, params: SamplingParams | dict[str, Any] | None = None,
               cancel: threading.Event | None = None, timeout: float | None = None) -> Iterator[StreamChunk]:
        """Like :meth:`Generator.stream`; closing the iterator cancels the row."""
        params = params if isinstance(params, SamplingParams) else build(SamplingParams, params or {})
        pieces: queue.Queue[StreamChunk] = queue.Queue()
        cancel = cancel or threading.Event()
        req = self.submit(prompt, params.model_copy(update={"n": 1}), cancel, timeout, on_chunk=pieces.put)
        try:
            while True:
                try:
                    chunk = pieces.get(timeout=0.1)
                except queue.Empty:
                    if req.future.done() and req.future.exception() is not None:
                        raise req.future.exception()
                    continue
                yield chunk
                if chunk.finish_reason is not None:
                    return
        finally:
            cancel.set()


class AdapterEngine(Engine):
    """An :class:`Engine` seen through one of its loaded adapters: same model, same running
    batch, the adapter's update on this view's rows only. Closing it unloads the adapter
    (requests still using it fail); the engine itself stays."""

    def __init__(self, engine: Engine, adapter: str):  # noqa: D107 - shares the engine's state
        if adapter not in engine.scheduler.adapters.loaded:
            raise ValueError(f"adapter {adapter!r} is not loaded on this engine")
        self.generator, self.tokenizer, self.timeout = engine.generator, engine.tokenizer, engine.timeout
        self.scheduler, self.adapter = engine.scheduler, adapter
        self._template_prefixes = engine._template_prefixes

    def info(self) -> dict[str, Any]:
        return {**super().info(), "adapter": self.adapter}

    def close(self) -> None:
        Engine.unload_adapter(self, self.adapter)
