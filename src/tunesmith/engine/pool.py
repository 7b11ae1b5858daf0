"""Many models from one process: engines by served name, loaded on first use, the least
recently used one unloaded when a memory budget would be passed.

A served name maps to a base model plus an optional LoRA adapter (``name=model+adapter``).
Each loaded entry is its own :class:`~tunesmith.engine.Engine` (own running batch); with the
bundled model's packed 4-bit weights an entry costs ~100-200 MB, so a handful of fine-tuned
variants fit beside each other on a laptop.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ConfigError, ModelNotFoundError
from .core import Engine


@dataclass(frozen=True)
class ModelSpec:
    """What a served name loads."""

    name: str
    model: str
    adapter: str | None = None


def parse_models(text: str) -> list[ModelSpec]:
    """``"recipes=smollm2-135m-instruct+runs/recipes, poet=runs/shakespeare"`` -> specs.

    Raises:
        ConfigError: naming the entry and the expected shape.
    """
    specs = []
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        name, sep, target = entry.partition("=")
        model, _, adapter = target.partition("+")
        if not sep or not name.strip() or not model.strip():
            raise ConfigError(f"models entry {entry!r} should look like NAME=MODEL or NAME=MODEL+ADAPTER_DIR",
                              field="models")
        specs.append(ModelSpec(name.strip(), model.strip(), adapter.strip() or None))
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ConfigError(f"models: a name is used twice ({', '.join(names)})", field="models")
    return specs


def engine_memory_mb(engine: Engine) -> float:
    """Parameters and buffers of the engine's model (packed weights as stored; shared storage once)."""
    model = engine.generator.model
    seen: dict[int, int] = {}
    for t in list(model.parameters()) + list(model.buffers()):
        storage = t.untyped_storage()
        seen[storage.data_ptr()] = storage.nbytes()
    return sum(seen.values()) / 2**20


class ModelPool:
    """Engines by served name (the first spec is the default).

    Args:
        specs: Served names and what they load.
        load: Builds an engine for a spec (the server passes its settings in).
        budget_mb: Most memory for loaded models; the least recently used others are unloaded
            to make room (the default model stays).
        found: Looks up a name not in ``specs`` (e.g. a finished fine-tuning job's model);
            returns its spec or None.
    """

    def __init__(self, specs: list[ModelSpec], load: Callable[[ModelSpec], Engine], budget_mb: float = 4096,
                 found: Callable[[str], ModelSpec | None] | None = None):
        if not specs:
            raise ConfigError("a model pool needs at least one model", field="models")
        self.specs = {s.name: s for s in specs}
        self.default = specs[0].name
        self.budget_mb = budget_mb
        self._load = load
        self._found = found
        self._loaded: OrderedDict[str, tuple[Engine, float]] = OrderedDict()
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        return list(self.specs)

    def loaded(self) -> dict[str, float]:
        """Loaded names and their memory in MB, least recently used first."""
        return {name: mb for name, (_, mb) in self._loaded.items()}

    def resolve(self, name: str | None) -> str:
        if name in (None, "", "default"):
            return self.default
        if name not in self.specs and self._found is not None:
            spec = self._found(name)
            if spec is not None:
                self.specs[name] = spec
        if name not in self.specs:
            raise ModelNotFoundError(f"unknown model '{name}'; this server serves {', '.join(self.specs)} "
                                     "(see /v1/models)", field="model")
        return name

    def get(self, name: str | None = None) -> Engine:
        """The engine serving ``name`` (loading it, and unloading others, if needed)."""
        name = self.resolve(name)
        with self._lock:
            if name in self._loaded:
                self._loaded.move_to_end(name)
                return self._loaded[name][0]
            engine = self._load(self.specs[name])
            mb = engine_memory_mb(engine)
            self._loaded[name] = (engine, mb)
            self._evict(keep=name)
            return engine

    def _evict(self, keep: str) -> None:
        total = sum(mb for _, mb in self._loaded.values())
        for name in list(self._loaded):
            if total <= self.budget_mb:
                break
            if name in (keep, self.default) or any(self._loaded[name][0].scheduler.load[k]
                                                    for k in ("running_rows", "waiting_requests")):
                continue  # never unload the default, the one just asked for, or one at work
            engine, mb = self._loaded.pop(name)
            engine.close()  # running requests finish with an error; new ones reload it
            total -= mb

    def close(self) -> None:
        with self._lock:
            for engine, _ in self._loaded.values():
                engine.close()
            self._loaded.clear()
