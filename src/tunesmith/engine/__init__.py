"""The engine: what the front ends (HTTP API, web page, CLI) call to generate and humanize.

It owns the loaded model and one continuous-batching scheduler (:mod:`.scheduler`), so every
request — completions, chat, streams, the humanizer's candidates — shares one running batch
with its own sampling settings, deadline and cancellation.
"""

from .core import Engine
from .scheduler import DeadlineExceeded, QueueFull, Request, Scheduler

__all__ = ["DeadlineExceeded", "Engine", "QueueFull", "Request", "Scheduler"]
