"""Many models from one process: engines by served name, loaded on first use, the least
recently used one unloaded when a memory budget would be passed.

A served name maps to a base model plus an optional LoRA adapter (``name=model+adapter``).
A plain LoRA adapter is served over its base model's engine, per row of the same running batch
(:mod:`tunesmith.engine.adapters`): it costs only its own small matrices (~20 MB for the
humanizer's) and its requests share every forward pass with everyone else's. Anything else
(a full fine-tune, a from-scratch run, an adapter with extra trained modules) is its own
:class:`~tunesmith.engine.Engine`; with packed 4-bit weights ~100-200 MB each.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ConfigError, ModelNotFoundError
from .adapters import row_servable
from .core import AdapterEngine, Engine


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
        self._bases: dict[str, ModelSpec] = {}  # plain bases loaded only to host adapters
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
            spec = self.specs[name]
            # ("served:" keeps served names apart from the server's own adapters: "humanizer", voices)
            view = self._adapter_view(spec.model, spec.adapter, f"served:{name}") if spec.adapter else None
            if view is not None:
                engine: Engine = view
                mb = view.scheduler.adapters.loaded[view.adapter]
            else:
                engine = self._load(spec)
                mb = engine_memory_mb(engine)
            self._loaded[name] = (engine, mb)
            self._evict(keep=name)
            return engine

    def adapter_engine(self, model: str, adapter: str, name: str) -> Engine | None:
        """``adapter`` served per row over ``model``'s engine (loaded if needed), as ``name``;
        None if the adapter cannot share a batch. Not counted or evicted by the pool (the
        server's humanizer)."""
        with self._lock:
            return self._adapter_view(model, adapter, name)

    def _adapter_view(self, model: str, adapter: str, name: str) -> AdapterEngine | None:
        if row_servable(adapter) is not None:
            return None
        # The plain base's engine: a served name for it, else one loaded (unlisted) to host adapters.
        key = next((n for n, sp in self.specs.items() if sp == ModelSpec(n, model)), f"{model} (base)")
        if key in self._loaded:
            base = self._loaded[key][0]
        else:
            if key not in self.specs:
                self._bases[key] = ModelSpec(key, model)
            base = self._load(self._spec(key))
            self._loaded[key] = (base, engine_memory_mb(base))
        if base.generator.keeps_cache is False or row_servable(adapter, base.tokenizer) is not None:
            return None  # (the base, if loaded just now, stays for the pool's budget to evict)
        if base.scheduler.adapters.sources.get(name) != str(adapter):  # new, or the name now means another dir
            base.load_adapter(name, adapter)
        return base.with_adapter(name)

    def _spec(self, name: str) -> ModelSpec | None:
        return self.specs.get(name) or self._bases.get(name)

    @staticmethod
    def _busy(engine: Engine) -> bool:
        sched = engine.scheduler
        if isinstance(engine, AdapterEngine):
            return sched.in_flight.get(engine.adapter, 0) > 0  # submitted and not finished
        return bool(sched.rows or sched.waiting or sched.adapters.loaded)  # (hosting adapters: in use)

    def _evict(self, keep: str) -> None:
        total = sum(mb for _, mb in self._loaded.values())
        for name in list(self._loaded):
            if total <= self.budget_mb:
                break
            if name in (keep, self.default) or self._busy(self._loaded[name][0]):
                continue  # never unload the default, the one just asked for, or one at work
            engine, mb = self._loaded.pop(name)
            engine.close()  # running requests finish with an error; new ones reload it
            total -= mb

    def close(self) -> None:
        with self._lock:
            for engine, _ in self._loaded.values():
                engine.close()
            self._loaded.clear()
