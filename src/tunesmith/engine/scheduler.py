"""Continuous batching: requests join and leave one running batch at token boundaries.

One worker thread owns the model. Every step it (1) admits waiting requests into free rows —
their prompts are prefilled together and their keys/values joined to the running cache —
and (2) runs one decode step for every row at once. Each row keeps its own sampling settings,
random generator, stop strings, length limit, cancel event and deadline, so requests with
different parameters share a batch, and a seeded request gives the same text whatever else
runs beside it. Finished or cancelled rows leave the cache at once.

The running cache is one :class:`~tunesmith.kv_cache.GrowingCache`: rows are left-padded to
a common length and a per-row start marks where each row's keys begin (the attention mask);
the padding is trimmed whenever the longest-lived row leaves. Beam search and custom
logits processors (whole-batch objects) run as exclusive jobs between steps.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import torch

from ..config import SamplingParams
from ..errors import Cancelled, ConfigError
from ..generate import Completion, Generator, StreamChunk, cut_at_stop
from ..fast_decode import PREFILL_KERNEL_TOKENS
from ..kv_cache import CACHE_KWARG, GrowingCache, GrowingLayer
from .. import kernels
from ..quantize import _Packed
from . import sampling
from .adapters import RowAdapters

log = logging.getLogger("tunesmith.engine")


# One forward pass at a time in this process: every engine's matmuls already use all cores, so
# two engines (the chat model and the humanizer) running at once only oversubscribe them
# (measured: 16 mixed clients got 1.84x sequential throughput with both engines free-running).
# Their steps interleave at token boundaries instead.
COMPUTE = threading.Lock()


class QueueFull(Exception):
    """Too many requests are waiting: answer 503 with Retry-After."""


class DeadlineExceeded(Cancelled):
    """The request's deadline passed before it finished."""


@dataclass
class Request:
    """One submitted job: prompts x n rows, or an exclusive call (beams, custom processors)."""

    prompts: list[str]
    params: SamplingParams
    cancel: threading.Event = field(default_factory=threading.Event)
    deadline: float | None = None  # time.monotonic() value
    on_chunk: Callable[[StreamChunk], None] | None = None  # streaming (one row)
    logits_processors: Sequence[Any] = ()
    whole: bool = False  # the model keeps no KV cache (a from-scratch family): one generate call
    adapter: str | None = None  # a LoRA adapter loaded on this engine's base (None: the base alone)
    future: Future = field(default_factory=Future)
    next_prompt: int = 0  # prompts admitted so far
    rows_left: int = 0
    results: list[Completion] = field(default_factory=list)

    @property
    def exclusive(self) -> bool:
        return self.params.num_beams > 1 or bool(self.logits_processors) or self.whole

    def expired(self, now: float) -> bool:
        return self.deadline is not None and now > self.deadline

    def fail(self, err: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(err)


@dataclass
class Row:
    request: Request
    prompt_index: int
    index: int
    prompt_len: int
    history: torch.Tensor  # 1 x tokens: prompt + generated (penalties need it)
    procs: Any
    generator: torch.Generator | None
    ids: list[int] = field(default_factory=list)
    text: str = ""
    sent: int = 0
    finish: str | None = None


class Scheduler:
    """Continuous batching over one :class:`Generator`'s model.

    Args:
        generator: The loaded model and tokenizer (its fast path is used as is).
        max_rows: Most sequences decoded together.
        queue_size: Most requests waiting for rows before :class:`QueueFull`.
    """

    def __init__(self, generator: Generator, max_rows: int = 32, queue_size: int = 64):
        self.generator = generator
        self.model, self.tokenizer = generator.model, generator.tokenizer
        self.max_rows, self.queue_size = max_rows, queue_size
        self.eos = self.tokenizer.eos_token_id
        self.adapters = RowAdapters.of(self.model, self.tokenizer, lock=COMPUTE)  # LoRA adapters chosen per row over this base
        self._prefixes: dict[tuple[int, ...], torch.Tensor] = {}  # registered prompt prefixes (oldest first)
        # (adapter, prefix) -> (adapter version, per layer keys and values)
        self._prefix_kv: dict[tuple[str | None, tuple[int, ...]], tuple[int, list[tuple[torch.Tensor, torch.Tensor]]]] = {}
        self._added = self.tokenizer.get_added_vocab()
        self.waiting: deque[Request] = deque()
        self.rows: list[Row] = []
        self.cache: GrowingCache | None = None
        self.starts = torch.zeros(0, dtype=torch.long)  # first valid cache position per row
        self._cv = threading.Condition()
        self._stop = False
        self.steps = 0
        self.largest_batch = 0
        self.prefix_hits = 0  # prompts whose shared prefix came from the prefix cache
        self.in_flight: dict[str, int] = {}  # submitted, unfinished requests per adapter
        self._seeds = itertools.count(int(time.time() * 1000) % 2**31)
        self._threads = _pool_threads(self.model)
        # Prompts can be prefilled together (_prefill_group) on the lean decode step with our
        # kernels: its prefill attention takes one query at a time (each token's result is then
        # independent of the right padding), and the head is a plain linear (not a peft model).
        inner = getattr(self.model, "model", None)
        self._lean = (bool(getattr(inner, "_tunesmith_fast_decode", False) and getattr(inner, "_tunesmith_kernels", False))
                      and hasattr(self.model, "lm_head") and not hasattr(self.model, "get_base_model"))
        self._worker = threading.Thread(target=self._loop, name="tunesmith-engine", daemon=True)
        self._worker.start()

    # ----------------------------------------------------------------- API
    def submit(self, request: Request) -> Request:
        """Queue ``request``; its ``future`` gets the completions (prompt-major)."""
        if request.adapter is not None and request.adapter not in self.adapters.loaded:
            raise ConfigError(f"adapter {request.adapter!r} is not loaded on this engine", field="model")
        if request.params.n > self.max_rows and not request.exclusive:
            raise ConfigError(f"n={request.params.n} is more than this engine's batch of {self.max_rows} rows: "
                              "lower n (or raise the server's MAX_BATCH)", field="n")
        rows = len(request.prompts) * request.params.n * request.params.num_beams
        if request.whole and rows > self.max_rows:  # (one generate call decodes them all at once)
            raise ConfigError(f"this model decodes all of a request's sequences at once: {rows} (prompts x n x "
                              f"num_beams) is more than this engine's batch of {self.max_rows}: send fewer "
                              "prompts or a lower n", field="n")
        with self._cv:
            if self._stop:  # (its loop has ended: the request would wait forever)
                raise Cancelled("this model's engine was closed; send the request again")
            if len(self.waiting) >= self.queue_size:
                raise QueueFull
            request.rows_left = len(request.prompts) * request.params.n
            self.waiting.append(request)
            if request.adapter is not None:  # (the pool never unloads an adapter with work in flight)
                self.in_flight[request.adapter] = self.in_flight.get(request.adapter, 0) + 1
                request.future.add_done_callback(lambda _, name=request.adapter: self._done_with(name))
            self._cv.notify()
        return request

    def _done_with(self, adapter: str) -> None:
        with self._cv:
            self.in_flight[adapter] -= 1

    def close(self) -> None:
        with self._cv:
            self._stop = True
            self._cv.notify()

    @property
    def load(self) -> dict[str, int]:
        return {"running_rows": len(self.rows), "waiting_requests": len(self.waiting), "steps": self.steps,
                "largest_batch": self.largest_batch, "prefix_hits": self.prefix_hits}

    # ----------------------------------------------------------------- loop
    def _loop(self) -> None:
        busy = False
        while True:
            if busy and not self.rows and not self.waiting:
                busy = False
                _release_free_memory()
            with self._cv:
                while not self._stop and not self.rows and not self.waiting:
                    self._cv.wait()
                if self._stop:
                    break
                busy = True
            try:
                with torch.inference_mode():
                    self._admit()
                    self._drop_cancelled()
                    if self.rows:
                        self._step()
            except Exception as err:  # a bug or an OOM: fail what runs, keep serving
                log.exception("engine step failed")
                for req in {id(r.request): r.request for r in self.rows}.values():
                    req.fail(err)
                self.rows, self.cache, self.starts = [], None, torch.zeros(0, dtype=torch.long)
        for req in list(self.waiting) + [r.request for r in self.rows]:
            req.fail(Cancelled("the server is shutting down"))

    def _take(self) -> list[tuple[Request, int]]:
        """(request, prompt index) pairs to admit now: round-robin over waiting requests, so a
        long request (a humanize call, many prompts) shares the rows with newcomers.

        Nothing overtakes a prompt that does not fit yet: the rows that free up are kept for
        it. (Letting one-row requests fill each freed row starved a humanize call, whose five
        candidates join together: 8.8 s instead of 3.4 s under 16 clients.)"""
        taken: list[tuple[Request, int]] = []
        free = self.max_rows - len(self.rows)
        now = time.monotonic()
        with self._cv:
            for req in list(self.waiting):
                if req.cancel.is_set() or req.expired(now) or req.future.done():
                    self.waiting.remove(req)
                    req.fail(DeadlineExceeded("deadline passed while waiting") if req.expired(now)
                             else Cancelled("cancelled while waiting"))
            if self.waiting and self.waiting[0].exclusive:
                return [(self.waiting.popleft(), -1)]
            progress = True
            while progress and free > 0:
                progress = False
                for req in list(self.waiting):
                    if req.exclusive:
                        continue
                    if req.params.n > free:
                        return taken
                    taken.append((req, req.next_prompt))
                    req.next_prompt += 1
                    free -= req.params.n
                    progress = True
                    if req.next_prompt == len(req.prompts):
                        self.waiting.remove(req)
                    if free <= 0:
                        break
        return taken

    def _admit(self) -> None:
        taken = self._take()
        if not taken:
            return
        if taken[0][1] == -1:  # an exclusive job: transformers' generate, between steps
            self._run_exclusive(taken[0][0])
            return
        # Prompts that share an adapter and a cached template prefix are prefilled together in
        # one forward pass (see _prefill_group); any other prompt on its own.
        groups: dict[tuple, list[tuple[Request, int, torch.Tensor]]] = {}
        for req, p in taken:
            try:
                ids = self.generator._encode([req.prompts[p]])["input_ids"]
                prefix = self._prefix_of(ids) if self._lean else None
                # (a one-token prompt with no cached prefix takes transformers' forward alone: not
                # the lean prefill a group takes, so it stays alone; the token cap bounds the padding)
                together = (self._lean and ids.shape[1] <= self.GROUP_MAX_TOKENS
                            and ids.shape[1] - len(prefix or ()) >= 2)
                key = (req.adapter, prefix) if together else (id(req), p)
                groups.setdefault(key, []).append((req, p, ids))
            except Exception as err:  # fail this request (never leave it unanswered), keep the rest
                log.exception("prefill failed")
                req.fail(err)
        for items in groups.values():
            try:
                if len(items) > 1:
                    self._prefill_group(items)
                else:
                    self._prefill(*items[0])
            except Exception as err:
                log.exception("prefill failed")
                for req, _, _ in items:
                    req.fail(err)

    def _prefill(self, req: Request, p: int, ids: torch.Tensor) -> None:
        """Prefill prompt ``p`` of ``req`` (token ``ids``) and join its ``n`` rows to the running batch."""
        cache = GrowingCache(config=self.model.config)
        start = self._reuse_prefix(ids, req.adapter, cache)
        with COMPUTE, self.adapters.rows([req.adapter]):
            out = self.model(input_ids=ids[:, start:], use_cache=True, logits_to_keep=1,
                             **{CACHE_KWARG: cache})
        self._start_rows(req, p, ids, cache, out.logits[:, -1])

    GROUP_MAX_TOKENS = PREFILL_KERNEL_TOKENS  # longer prompts are prefilled on their own (torch's attention)

    def _prefill_group(self, items: list[tuple[Request, int, torch.Tensor]]) -> None:
        """Prefill several prompts with the same adapter and cached prefix in one forward pass.

        Their new tokens are right-padded to the longest: causal attention never lets a token
        see what comes after it, so every real token gets what it gets alone, and the matmul
        kernels compute each row on its own (tested: the same logits and keys/values as one
        prompt at a time, bit for bit). One pass instead of one per prompt: 16 chat prompts
        took 0.62 s one by one, most of it per-call overhead."""
        adapter = items[0][0].adapter
        cache = GrowingCache(config=self.model.config)
        start = self._reuse_prefix(items[0][2], adapter, cache, rows=len(items))
        lengths = [ids.shape[1] - start for _, _, ids in items]
        new = torch.full((len(items), max(lengths)), self.eos if self.eos is not None else 0, dtype=torch.long)
        for i, (_, _, ids) in enumerate(items):
            new[i, :lengths[i]] = ids[0, start:]
        with COMPUTE, self.adapters.rows([adapter] * len(items)):
            hidden = self.model.model(input_ids=new, use_cache=True, **{CACHE_KWARG: cache}).last_hidden_state
            logits = self.model.lm_head(hidden[torch.arange(len(items)), torch.tensor(lengths) - 1])
        for i, (req, p, ids) in enumerate(items):
            own = GrowingCache(config=self.model.config)  # this prompt's keys/values, without the padding
            for mine, batch in zip(own.layers, cache.layers):
                mine.update(batch.keys[i: i + 1, :, :start + lengths[i]], batch.values[i: i + 1, :, :start + lengths[i]])
            try:
                self._start_rows(req, p, ids, own, logits[i: i + 1])
            except Exception as err:  # (this request only)
                log.exception("prefill failed")
                req.fail(err)

    def _start_rows(self, req: Request, p: int, ids: torch.Tensor, cache: GrowingCache, logits: torch.Tensor) -> None:
        """The prompt's ``n`` rows: first tokens from its last ``logits`` [1, vocab], then they join the batch."""
        n = req.params.n
        if n > 1:  # candidates share the prompt's keys and values
            cache.batch_select_indices(torch.zeros(n, dtype=torch.long))
        rows = []
        for c in range(n):
            seed = req.params.seed + c if req.params.seed is not None else next(self._seeds)
            gen = None if req.params.greedy else torch.Generator().manual_seed(seed % 2**63)
            rows.append(Row(req, p, c, ids.shape[1], ids, sampling.processors(req.params), gen))
        self._advance_all(rows, logits.expand(n, -1))
        self._join(cache, torch.zeros(n, dtype=torch.long), rows)

    # ----------------------------------------------------------------- prefix caching
    # Every chat request starts with the same template and system prompt (~25 of a short chat
    # prompt's ~38 tokens; the humanizer's instruction ~40 of ~110). Their keys and values are
    # computed once per (prefix, adapter) and copied into each new row, so only the rest of the
    # prompt is prefilled. Which prompts take this path depends only on their tokens (a prefix
    # is registered when the engine renders a chat prompt), never on what else is running.
    MAX_PREFIXES = 16
    # Longer prefixes (any client's system prompt) are not cached: ~46 KB of keys and values per
    # token on the default model, so a 5,000-token system prompt would pin ~230 MB per entry.
    MAX_PREFIX_TOKENS = 256

    def note_prefix(self, ids: tuple[int, ...]) -> None:
        """Register a token prefix that prompts share (the engine's chat template prefixes);
        the least recently used ones beyond MAX_PREFIXES are dropped with their keys/values."""
        if len(ids) > self.MAX_PREFIX_TOKENS:
            return
        with self._cv:
            known = self._prefixes.pop(ids, None)  # (re-inserted: most recently used last)
            self._prefixes[ids] = known if known is not None else torch.tensor(ids)[None]
            while len(self._prefixes) > self.MAX_PREFIXES:
                old = next(iter(self._prefixes))
                del self._prefixes[old]
                for key in [k for k in self._prefix_kv if k[1] == old]:
                    del self._prefix_kv[key]

    def forget_adapter(self, name: str) -> None:
        """Drop cached prefix keys/values computed with adapter ``name`` (it was unloaded)."""
        with self._cv:
            for key in [k for k in self._prefix_kv if k[0] == name]:
                del self._prefix_kv[key]

    def _prefix_of(self, ids: torch.Tensor) -> tuple[int, ...] | None:
        """The longest registered prefix of ``ids`` (shorter than it), or None."""
        with self._cv:  # (HTTP threads register and evict prefixes)
            return max((p for p, t in self._prefixes.items()
                        if len(p) < ids.shape[1] and torch.equal(ids[:, :len(p)], t)), key=len, default=None)

    def _reuse_prefix(self, ids: torch.Tensor, adapter: str | None, cache: GrowingCache, rows: int = 1) -> int:
        """Copy the keys/values of the longest registered prefix of ``ids`` into ``cache`` (as
        ``rows`` rows); returns how many tokens that covers (0: none)."""
        version = self.adapters.assignment.version if adapter is not None else 0  # (an adapter reloaded)
        found = self._prefix_of(ids)
        if found is None:
            return 0
        with self._cv:
            prefix_ids = self._prefixes.get(found)
            entry = self._prefix_kv.get((adapter, found))
        if prefix_ids is None:  # (evicted meanwhile)
            prefix_ids = torch.tensor(found)[None]
        if entry is None or entry[0] != version:
            fresh = GrowingCache(config=self.model.config)
            with COMPUTE, self.adapters.rows([adapter]):
                self.model(input_ids=prefix_ids, use_cache=True, logits_to_keep=1, **{CACHE_KWARG: fresh})
            entry = (version, [(layer.keys.clone(), layer.values.clone()) for layer in fresh.layers])
            with self._cv:
                if found in self._prefixes:  # (not evicted meanwhile)
                    self._prefix_kv[(adapter, found)] = entry
        for layer, (k, v) in zip(cache.layers, entry[1]):
            layer.update(k.expand(rows, -1, -1, -1), v.expand(rows, -1, -1, -1))
        self.prefix_hits += rows
        return len(found)

    def _join(self, cache: GrowingCache, starts: torch.Tensor, rows: list[Row]) -> None:
        """Add prefilled rows (of one request) to the running batch, left-padding whichever side
        is shorter, in place (see GrowingLayer.insert_rows). Rows stay ordered by adapter (base
        rows first): each adapter's rows are then one contiguous range, so the packed kernels run
        them in full row blocks of one precision and an adapter's update is a slice of the batch."""
        if not self.rows:
            self.cache, self.starts, self.rows = cache, starts, rows
            for layer in cache.layers:  # (room for a full batch: rows join in place)
                layer.row_capacity = self.max_rows
        else:
            have, new = self.cache.get_seq_length(), cache.get_seq_length()
            if new < have:
                starts = starts + (have - new)  # (the new rows are right-aligned, zero before)
            elif new > have:
                for layer in self.cache.layers:
                    _pad_left(layer, new - have)
                self.starts = self.starts + (new - have)
            key = _adapter_order(rows[0])
            at = sum(1 for r in self.rows if _adapter_order(r) <= key)  # (rows are in order)
            for mine, theirs in zip(self.cache.layers, cache.layers):
                _insert_rows(mine, at, theirs.keys, theirs.values)
            self.starts = torch.cat([self.starts[:at], starts, self.starts[at:]])
            self.rows = self.rows[:at] + rows + self.rows[at:]
        self._finish_done()

    def _step(self) -> None:
        """One token for every running row."""
        past = self.cache.get_seq_length()
        last = torch.tensor([[r.ids[-1]] for r in self.rows])
        positions = torch.tensor([[r.prompt_len + len(r.ids) - 1] for r in self.rows])
        mask = (torch.arange(past + 1)[None, :] >= self.starts[:, None]).long()
        with self._small_ops():
            with COMPUTE, self.adapters.rows([r.request.adapter for r in self.rows]):
                out = self.model(input_ids=last, attention_mask=mask, position_ids=positions, use_cache=True,
                                 **{CACHE_KWARG: self.cache})
            logits = out.logits[:, -1]
            self.steps += 1
            self.largest_batch = max(self.largest_batch, len(self.rows))
            self._advance_all(self.rows, logits)
        self._finish_done()

    @contextlib.contextmanager
    def _small_ops(self):
        """torch's own ops on one thread in here (a decode step: the matmuls are our kernels,
        which run on their own pool; everything else is small). From this thread, which is not
        the process's main one, a small op that torch splits over two OpenMP threads first wakes
        a sleeping worker: measured, a LoRA update took 77 us instead of 18 us, and a 5-row
        humanize decode step 36 ms instead of 24 ms (a 16-row chat step 52 -> 45 ms)."""
        if not self._threads:
            yield
            return
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(self._threads)

    def _advance_all(self, rows: list[Row], logits: torch.Tensor) -> None:
        """Next token of every row, all in one pass (each with its own settings and generator)."""
        picked = sampling.choose_batch(logits, [r.request.params for r in rows], [r.history for r in rows],
                                       [r.procs for r in rows], [r.generator for r in rows])
        for row, token in zip(rows, picked):
            self._accept(row, token)

    def _accept(self, row: Row, token: int) -> None:
        """Append ``token``; decide whether the row has finished; stream new text."""
        params = row.request.params
        row.ids.append(token)
        if len(row.procs):
            row.history = torch.cat([row.history, torch.tensor([[token]])], dim=1)
        if token == self.eos or (params.stop and token in {self._added.get(s) for s in params.stop}):
            row.finish = "stop"
            ids = row.ids[:-1]
        else:
            ids = row.ids
        if row.finish is None and len(row.ids) >= params.max_new_tokens:
            row.finish = "length"
        on_chunk = row.request.on_chunk
        # The text is only needed for stop strings, streaming and at the end.
        if not (params.stop or on_chunk is not None or row.finish):
            return
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        text, hit = cut_at_stop(text, params.stop)
        row.text = text
        if hit:
            row.finish = "stop"
        if on_chunk is not None:
            # Hold back what may be the start of a stop string, or half a character.
            hold = 0 if row.finish else max((len(s) for s in params.stop), default=1) - 1
            safe = len(text) - hold
            if not row.finish and text.endswith("\ufffd"):
                safe = min(safe, len(text) - 1)
            if safe > row.sent:
                on_chunk(StreamChunk(text[row.sent:safe]))
                row.sent = safe

    def _drop_cancelled(self) -> None:
        now = time.monotonic()
        for row in self.rows:
            req = row.request
            if row.finish is None and (req.cancel.is_set() or req.expired(now) or req.future.done()):
                row.finish = "cancelled"
                req.fail(DeadlineExceeded("the request's deadline passed") if req.expired(now)
                         else Cancelled("the request was cancelled"))
            elif row.finish is None and req.adapter is not None and req.adapter not in self.adapters.loaded:
                row.finish = "cancelled"  # its adapter was unloaded (memory budget, shutdown)
                req.fail(Cancelled(f"the model {req.adapter!r} was unloaded; send the request again"))
        self._finish_done()

    def _finish_done(self) -> None:
        done = [i for i, r in enumerate(self.rows) if r.finish]
        if not done:
            return
        for i in done:
            row = self.rows[i]
            req = row.request
            if row.finish != "cancelled":
                tokens = len(row.ids)
                req.results.append(Completion(row.text, row.prompt_index, row.index, row.prompt_len, tokens,
                                              row.finish))
                if req.on_chunk is not None:
                    req.on_chunk(StreamChunk("", row.finish, row.prompt_len, tokens))
            req.rows_left -= 1
            if req.rows_left == 0 and not req.future.done():
                req.future.set_result(sorted(req.results, key=lambda c: (c.prompt_index, c.index)))
        keep = _fill_holes([_adapter_order(r) for r in self.rows], [not r.finish for r in self.rows])
        self.rows = [self.rows[i] for i in keep]
        if not self.rows:
            self.cache, self.starts = None, torch.zeros(0, dtype=torch.long)
            return
        for layer in self.cache.layers:
            _keep_rows(layer, keep)
        self.starts = self.starts[keep]
        trim = int(self.starts.min())
        if trim:  # the longest-lived row left: drop padding every row has
            for layer in self.cache.layers:
                _drop_left(layer, trim)
            self.starts = self.starts - trim

    def _run_exclusive(self, req: Request) -> None:
        if req.future.done():
            return
        if req.cancel.is_set():  # (cancelled after it was taken: it still gets its answer)
            req.fail(DeadlineExceeded("the request's deadline passed") if req.expired(time.monotonic())
                     else Cancelled("the request was cancelled"))
            return
        if req.adapter is not None and req.adapter not in self.adapters.loaded:
            req.fail(Cancelled(f"adapter {req.adapter!r} was unloaded; send the request again"))
            return
        # The deadline holds mid-run too: it trips the cancel event generate() checks every step.
        timer = None
        if req.deadline is not None:
            timer = threading.Timer(max(0.0, req.deadline - time.monotonic()), req.cancel.set)
            timer.daemon = True
            timer.start()
        try:
            with COMPUTE, self.adapters.rows([req.adapter]):
                if req.on_chunk is not None:  # a streamed row of a cacheless model
                    outs = self._stream_whole(req)
                else:
                    outs = self.generator.generate(req.prompts, req.params, cancel=req.cancel,
                                                   logits_processors=req.logits_processors)
        except BaseException as err:
            req.fail(err)
            return
        finally:
            if timer is not None:
                timer.cancel()
        if req.cancel.is_set():
            req.fail(DeadlineExceeded("the request's deadline passed") if req.expired(time.monotonic())
                     else Cancelled("the request was cancelled"))
        elif not req.future.done():
            req.future.set_result(outs)


    def _stream_whole(self, req: Request) -> list[Completion]:
        text, last = "", None
        for chunk in self.generator.stream(req.prompts[0], req.params, cancel=req.cancel):
            text += chunk.text
            last = chunk
            req.on_chunk(chunk)
        return [Completion(text, 0, 0, last.prompt_tokens, last.completion_tokens, last.finish_reason or "stop")]


def _adapter_order(row: Row) -> tuple[bool, str]:
    """Where a row goes in the batch: base rows first, then each adapter's rows together."""
    adapter = row.request.adapter
    return adapter is not None, adapter or ""


def _fill_holes(groups: list, alive: list[bool]) -> list[int]:
    """The rows to keep, in their new order, when some leave: each group (rows of one adapter,
    contiguous) stays contiguous, and a leaving row's place is taken by a row from the end of
    its group (then of the next groups), so at most a few rows move, not every row after it."""
    order: list[int] = []
    start = 0
    while start < len(groups):
        end = start
        while end < len(groups) and groups[end] == groups[start]:
            end += 1
        members = [r for r in range(start, end) if alive[r]]
        lo, hi = len(order), len(order) + len(members)  # the group's new range
        stay = {r for r in members if lo <= r < hi}
        movers = iter(r for r in members if r not in stay)
        order += [t if t in stay else next(movers) for t in range(lo, hi)]
        start = end
    return order


def _pool_threads(model) -> int:
    """When the model's matmuls run on our kernels: their pool's thread count, fixed now (torch's
    setting for this thread), so that :meth:`Scheduler._small_ops` lowering torch's own to 1 leaves
    them alone. 0 otherwise (torch's kernels need torch's threads)."""
    if not any(isinstance(m, _Packed) and m.kernel == "tunesmith" for m in model.modules()):
        return 0
    threads = torch.get_num_threads()
    kernels.ops().pool_threads(threads)
    return threads


_LIBC = None  # (loaded on first use)


def _release_free_memory() -> None:
    """Hand freed heap memory back to the OS when the batch drains. A batch's caches are many
    mid-sized buffers; glibc keeps the freed ones mapped, so without this the process's RSS
    stays at its largest batch so far (measured: +185 MB after a second round of 16 clients)."""
    global _LIBC
    try:
        if _LIBC is None:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
        _LIBC.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        pass


# Row edits of the running cache: in place for our GrowingLayer (only moved rows are copied),
# by rebuilding the tensors for any other layer kind.
def _set(layer, keys: torch.Tensor, values: torch.Tensor) -> None:
    layer.keys, layer.values = keys, values
    if hasattr(layer, "_adopt"):
        layer._adopt()


def _insert_rows(layer, at: int, keys: torch.Tensor, values: torch.Tensor) -> None:
    if isinstance(layer, GrowingLayer):
        layer.insert_rows(at, keys, values)
        return
    short = layer.keys.shape[2] - keys.shape[2]
    if short:
        keys = torch.cat([keys.new_zeros((*keys.shape[:2], short, keys.shape[3])), keys], dim=2)
        values = torch.cat([values.new_zeros((*values.shape[:2], short, values.shape[3])), values], dim=2)
    _set(layer, torch.cat([layer.keys[:at], keys, layer.keys[at:]]),
         torch.cat([layer.values[:at], values, layer.values[at:]]))


def _keep_rows(layer, keep: list[int]) -> None:
    if isinstance(layer, GrowingLayer):
        layer.keep_rows(keep)
    else:
        layer.batch_select_indices(torch.tensor(keep))


def _pad_left(layer, n: int) -> None:
    if isinstance(layer, GrowingLayer):
        layer.pad_left(n)
        return
    k, v = layer.keys, layer.values
    _set(layer, torch.cat([k.new_zeros((*k.shape[:2], n, k.shape[3])), k], dim=2),
         torch.cat([v.new_zeros((*v.shape[:2], n, v.shape[3])), v], dim=2))


def _drop_left(layer, n: int) -> None:
    if isinstance(layer, GrowingLayer):
        layer.drop_left(n)
    else:
        _set(layer, layer.keys[:, :, n:], layer.values[:, :, n:])
