"""Dynamic batching: requests that arrive together are generated together.

A single worker thread owns the model. Requests wait in a bounded queue; the worker takes
the first, waits ``batch_wait_ms`` for more, groups those with the same sampling settings
and runs one ``Generator.generate`` call for the group — one forward pass per step for all
of them. Each request has its own cancel event (timeout, client gone), honoured per row.
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field

from ..config import SamplingParams
from ..generate import Completion, Generator


class QueueFull(Exception):
    """The bounded queue is full: answer 503 with Retry-After."""


@dataclass
class Job:
    prompts: list[str]
    params: SamplingParams
    future: Future = field(default_factory=Future)
    cancel: threading.Event = field(default_factory=threading.Event)
    enqueued: float = field(default_factory=time.monotonic)

    @property
    def key(self) -> str:
        return self.params.model_dump_json()


class Batcher:
    """Owns a :class:`Generator` and serves ``submit`` calls in batches."""

    def __init__(self, generator: Generator, queue_size: int = 32, max_batch: int = 16, wait_ms: int = 15):
        self.generator = generator
        self.max_batch = max_batch
        self.wait = wait_ms / 1000
        self.queue: queue.Queue[Job] = queue.Queue(maxsize=queue_size)
        self.batches_run = 0
        self.largest_batch = 0
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._loop, name="tunesmith-batcher", daemon=True)
        self._worker.start()

    def submit(self, prompts: list[str], params: SamplingParams) -> Job:
        job = Job(prompts, params)
        try:
            self.queue.put_nowait(job)
        except queue.Full:
            raise QueueFull from None
        return job

    def close(self) -> None:
        self._stop.set()

    def _take_batch(self) -> list[Job]:
        first = self.queue.get(timeout=0.2)
        jobs = [first]
        deadline = time.monotonic() + self.wait
        while sum(len(j.prompts) for j in jobs) < self.max_batch:
            remaining = deadline - time.monotonic()
            try:
                jobs.append(self.queue.get(timeout=max(0.0, remaining)) if remaining > 0 else self.queue.get_nowait())
            except queue.Empty:
                break
        return jobs

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                jobs = self._take_batch()
            except queue.Empty:
                continue
            jobs = [j for j in jobs if not j.cancel.is_set() and not j.future.cancelled()]
            groups: dict[str, list[Job]] = {}
            for j in jobs:
                groups.setdefault(j.key, []).append(j)
            for group in groups.values():
                self._run(group)

    def _run(self, group: list[Job]) -> None:
        prompts = [p for j in group for p in j.prompts]
        cancels = [j.cancel for j in group for _ in j.prompts]
        self.batches_run += 1
        self.largest_batch = max(self.largest_batch, len(prompts))
        try:
            outs = self.generator.generate(prompts, group[0].params, cancel=cancels)
        except BaseException as err:  # hand the error to every waiting request
            for j in group:
                if not j.future.done():
                    j.future.set_exception(err)
            return
        offset = 0
        for j in group:
            mine: list[Completion] = []
            for c in outs:
                if offset <= c.prompt_index < offset + len(j.prompts):
                    c.prompt_index -= offset
                    mine.append(c)
            offset += len(j.prompts)
            if not j.future.done():
                j.future.set_result(mine)
