"""Many LoRA adapters over one shared base model, chosen per row of the running batch.

A fine-tuned LoRA model is the base plus ``x A^T (s B)^T`` in each adapted layer. Serving each
adapter as its own model costs a copy of the base's memory and, worse, its own running batch:
on a 2-core CPU two batches take turns instead of sharing one forward pass. Here every adapted
layer of the base holds the small ``A``/``B`` matrices of any number of adapters, and each
forward pass computes the base matmul for all rows and each adapter's update for only the
rows that asked for it. The scheduler says which row runs which adapter before every call.

Rows with an adapter always use the packed kernels' precise activations (LoRA is trained on
float activations); rows without keep the base's own setting (precise too unless the server
runs with ``precise_activations=false``). Every row is computed on its own, so a row's output does not depend on what else is
in the batch.

Only plain LoRA is served this way (no DoRA or other variants, no bias, no extra trained
modules or tokens, no per-module alpha); :func:`row_servable` says whether an adapter dir
qualifies, and the model pool serves any other adapter as its own model.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import torch
from torch import nn

from .. import kernels
from ..errors import ConfigError
from ..quantize import _Packed

__all__ = ["LoRARows", "RowAdapters", "RowAssignment", "row_servable"]

_PREFIX = "base_model.model."


def row_servable(adapter_dir: str | Path, tokenizer=None) -> str | None:
    """None if the adapter can share a base model's batch, else why not.

    A run saves its tokenizer beside the adapter; with ``tokenizer`` (the base's) given, that
    one must be the same (vocabulary, chat template, end token) or the rows would be encoded
    differently from how the adapter was trained.
    """
    path = Path(adapter_dir).expanduser()
    try:
        cfg = json.loads((path / "adapter_config.json").read_text())
    except (OSError, ValueError) as err:
        return f"unreadable adapter_config.json ({err})"
    if cfg.get("peft_type") != "LORA":
        return f"peft_type {cfg.get('peft_type')} (only LoRA)"
    for key in ("use_dora", "modules_to_save", "trainable_token_indices", "alpha_pattern", "layer_replication",
                "target_parameters"):
        if cfg.get(key):
            return f"{key} is set"
    if cfg.get("bias", "none") != "none" or cfg.get("lora_bias"):
        return "it trains biases"
    if tokenizer is not None and (path / "tokenizer.json").is_file():
        from transformers import AutoTokenizer

        own = AutoTokenizer.from_pretrained(path)
        if (own.get_vocab() != tokenizer.get_vocab() or own.eos_token_id != tokenizer.eos_token_id
                or getattr(own, "chat_template", None) != getattr(tokenizer, "chat_template", None)):
            return "its tokenizer differs from the base model's"
    return None


class RowAssignment:
    """Which adapter each row of the next forward pass uses (None: the base alone).

    Uniform batches (every row the same, e.g. a prefill) take the one-call path. In mixed ones
    the base matmul is still one kernel call (precision per row), and each adapter's update runs
    on its rows: a slice when they are contiguous (the scheduler keeps each adapter's rows
    together), else over all rows with a 0/1 mask per row (a CPU decode step is bound by the
    number of ops, not their size, so a gather would cost more than the masked rows).
    """

    def __init__(self) -> None:
        self.version = 0  # bumped when an adapter is loaded or unloaded (stacked updates are rebuilt)
        self.set([None])

    def set(self, names: Sequence[str | None]) -> None:
        self.uniform = len(set(names)) <= 1
        present = {n for n in names if n is not None}
        self.active = sorted(present)  # the adapters some row of this pass uses (read per layer)
        # The base matmul's activation precision: precise for the rows with an adapter (a flag per
        # row in a mixed batch: one kernel call, see csrc/packed_mm.cpp), the layer's own (None)
        # for the rest.
        self.precise: bool | torch.Tensor | None = (True if present else None) if self.uniform else \
            torch.tensor([n is not None for n in names])
        self.rows = len(names)
        self.masks: dict[str, torch.Tensor] = {}
        self.spans: dict[str, tuple[int, int]] | None = None  # adapter -> its rows [start, end)
        if not self.uniform:
            spans = _spans(names)
            if spans is not None:
                self.spans = {a: spans[a] for a in present}
            else:
                self.masks = {a: torch.tensor([float(n == a) for n in names])[:, None] for a in present}


class LoRAGroup:
    """The LoRA updates of sibling projections of one input (q/k/v, gate/up, or one layer),
    each adapter's as one ``A`` of the stacked ranks and one block-diagonal ``B``: per pass and
    adapter three ops (``x A^T``, the row mask, ``y += h B^T``) instead of four per projection."""

    def __init__(self, modules: Sequence[LoRARows]):
        self.modules = list(modules)
        self.assignment = self.modules[0].assignment
        self._stacked: dict[str, tuple[torch.Tensor, torch.Tensor] | None] = {}
        self._version = -1

    def _stack(self, name: str) -> tuple[torch.Tensor, torch.Tensor] | None:
        updates = [m.updates.get(name) for m in self.modules]
        if all(u is None for u in updates):
            return None
        return stack_lora(updates, [m.out_features for m in self.modules])

    def add_(self, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """``y`` (the base output for ``x``, 2-D) plus each row's adapter update, in place."""
        rows = self.assignment
        if rows.version != self._version:  # adapters were loaded or unloaded
            self._stacked, self._version = {}, rows.version
        for name in rows.active:
            if name not in self._stacked:
                self._stacked[name] = self._stack(name)
            stacked = self._stacked[name]
            if stacked is None:
                continue
            if stacked[0].dtype != x.dtype:  # (a half-precision model)
                stacked = self._stacked[name] = (stacked[0].to(x.dtype), stacked[1].to(x.dtype))
            if rows.uniform:
                update_(y, x, *stacked)
            elif rows.spans is not None:  # its rows are contiguous: update just them
                per = x.shape[0] // rows.rows  # (a prefill has several positions per row)
                start, end = rows.spans[name]
                update_(y[start * per: end * per], x[start * per: end * per], *stacked)
            else:
                h = torch.mm(x, stacked[0])
                mask = rows.masks[name]
                h.mul_(mask if mask.shape[0] == h.shape[0] else mask.repeat_interleave(h.shape[0] // mask.shape[0], 0))
                y.addmm_(h, stacked[1])
        return y


def stack_lora(updates: Sequence[tuple[torch.Tensor, torch.Tensor] | None],
               widths: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Sibling projections' LoRA updates ``(A, B)`` (``B`` scaled; None: no update for that
    projection) as one ``A^T`` of the stacked ranks and one block-diagonal ``B^T`` over the
    concatenated outputs of ``widths``."""
    if len(updates) == 1:  # one projection: its own matrices, transposed
        return updates[0][0].t().contiguous(), updates[0][1].t().contiguous()
    a_cols, b_rows, start, width = [], [], 0, sum(widths)
    for update, w in zip(updates, widths):
        if update is not None:
            a, b = update
            a_cols.append(a.t())
            block = a.new_zeros((a.shape[0], width))
            block[:, start: start + w] = b.t()
            b_rows.append(block)
        start += w
    return torch.cat(a_cols, 1).contiguous(), torch.cat(b_rows, 0).contiguous()


def update_(y: torch.Tensor, x: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> None:
    """``y += (x a) b`` in place: our kernel when it applies (one call instead of two torch
    matmuls, ~8 us instead of ~45 us for a decode step's few rows: see csrc/packed_mm.cpp)."""
    if x.dtype == torch.float32 and x.is_contiguous() and y.is_contiguous() and kernels.available():
        kernels.ops().lora_add_(y, x, a, b)
    else:
        y.addmm_(torch.mm(x, a), b)


def _spans(names: Sequence[str | None]) -> dict[str | None, tuple[int, int]] | None:
    """Each name's rows as one range [start, end), or None if some name's rows are not contiguous."""
    spans: dict[str | None, tuple[int, int]] = {}
    for i, name in enumerate(names):
        if i and name == names[i - 1]:
            spans[name] = (spans[name][0], i + 1)
        elif name in spans:
            return None
        else:
            spans[name] = (i, i + 1)
    return spans


def base_call(base: nn.Module, x: torch.Tensor, precise: bool | torch.Tensor | None) -> torch.Tensor:
    # Packed layers run rows with an adapter at precise activations; float layers are exact anyway.
    return base(x, precise=precise) if isinstance(base, _Packed) else base(x)


class LoRARows(nn.Module):
    """A base linear layer plus the LoRA updates of any number of adapters, chosen per row."""

    def __init__(self, base: nn.Module, assignment: RowAssignment):
        super().__init__()
        self.base = base
        self.assignment = assignment
        self.in_features, self.out_features = base.in_features, base.out_features
        self.updates: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}  # name -> (A, s B)
        self.group = LoRAGroup([self])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = base_call(self.base, x, self.assignment.precise).contiguous()
        if self.updates and self.assignment.active:
            self.group.add_(y.view(-1, self.out_features), x.reshape(-1, self.in_features))
        return y

    def extra_repr(self) -> str:
        return f"adapters={sorted(self.updates)}"


class RowAdapters:
    """The adapters loaded on one base model, and the row assignment its layers read.

    Args:
        model: The base causal LM (packed or float); its layers are wrapped on the first load.
        tokenizer: The base's tokenizer (an adapter saved with a different one is refused).
    """

    def __init__(self, model: nn.Module, tokenizer=None, lock: threading.Lock | None = None):
        self.model, self.tokenizer = model, tokenizer
        self.assignment = RowAssignment()
        self.loaded: dict[str, float] = {}  # name -> MB (its matrices and their stacked copies)
        self.sources: dict[str, str] = {}  # name -> adapter dir
        self._wrapped = False
        # Held while layers change (wrapping, adding or removing updates): the lock forward
        # passes hold, so none sees a half-changed model.
        self._lock = lock or threading.Lock()

    @classmethod
    def of(cls, model: nn.Module, tokenizer=None, lock: threading.Lock | None = None) -> RowAdapters:
        """The model's adapters (one set per model object, however many engines run it)."""
        found = getattr(model, "_tunesmith_row_adapters", None)
        if found is None:
            found = cls(model, tokenizer, lock)
            model._tunesmith_row_adapters = found
        return found

    def _wrap(self) -> None:
        # Every linear layer that may be adapted, and every packed one (its precision follows the row).
        for parent in list(self.model.modules()):
            for child_name, child in list(parent.named_children()):
                if isinstance(child, (nn.Linear, _Packed)) and not isinstance(parent, LoRARows):
                    setattr(parent, child_name, LoRARows(child, self.assignment))
        inner = getattr(self.model, "model", None)
        if inner is not None and hasattr(inner, "_tunesmith_plans"):
            inner._tunesmith_plans = None  # the lean decode step rebuilds its plans over the wrappers
        self._wrapped = True

    def load(self, name: str, adapter_dir: str | Path) -> float:
        """Load a LoRA adapter under ``name``; returns its memory in MB.

        Raises:
            ConfigError: the adapter cannot be served this way, or does not fit the base.
        """
        from peft.utils import load_peft_weights

        why = row_servable(adapter_dir, self.tokenizer)
        if why:
            raise ConfigError(f"adapter {adapter_dir} cannot share the base model's batch: {why}", field="model")
        cfg = json.loads((Path(adapter_dir).expanduser() / "adapter_config.json").read_text())
        weights = load_peft_weights(str(Path(adapter_dir).expanduser()), device="cpu")
        layers: dict[str, dict[str, torch.Tensor]] = {}
        for key, tensor in weights.items():
            module, _, part = key.removeprefix(_PREFIX).rpartition(".lora_")
            if part not in ("A.weight", "B.weight"):
                raise ConfigError(f"adapter {adapter_dir}: unexpected tensor {key}", field="model")
            layers.setdefault(module, {})[part[0]] = tensor
        with self._lock:
            if not self._wrapped:
                self._wrap()
            self._remove(name)  # (loading a name again replaces it everywhere)
            modules = dict(self.model.named_modules())
            staged = []
            for module, ab in layers.items():
                target = modules.get(module)
                if not isinstance(target, LoRARows) or set(ab) != {"A", "B"}:
                    raise ConfigError(f"adapter {adapter_dir} does not fit this base model (layer {module})",
                                      field="model")
                a, b = ab["A"].float(), ab["B"].float()
                rank = a.shape[0]
                if a.shape[1] != target.in_features or b.shape != (target.out_features, rank):
                    raise ConfigError(f"adapter {adapter_dir} does not fit this base model (shape of {module})",
                                      field="model")
                alpha = float(cfg.get("lora_alpha", rank))
                scale = alpha / math.sqrt(rank) if cfg.get("use_rslora") else alpha / rank
                staged.append((target, a.contiguous(), (b * scale).contiguous()))
            for target, a, b in staged:
                target.updates[name] = (a, b)
            self.assignment.version += 1
            # x2.5: the decode path keeps stacked copies per projection group (q/k/v and gate/up
            # with block-diagonal B), built on first use.
            mb = sum(a.numel() + b.numel() for _, a, b in staged) * 4 / 2**20 * 2.5
            self.loaded[name], self.sources[name] = mb, str(adapter_dir)
        return mb

    def unload(self, name: str) -> None:
        with self._lock:
            self._remove(name)

    def _remove(self, name: str) -> None:
        for module in self.model.modules():
            if isinstance(module, LoRARows):
                module.updates.pop(name, None)
        self.assignment.version += 1
        self.loaded.pop(name, None)
        self.sources.pop(name, None)

    @contextlib.contextmanager
    def rows(self, names: Sequence[str | None]) -> Iterator[None]:
        """Forward passes inside run row i with adapter ``names[i]``; after it, the base alone
        again (so the model used directly, e.g. by a Generator, is never left adapted)."""
        if not self._wrapped:
            yield
            return
        self.assignment.set(names)
        try:
            yield
        finally:
            self.assignment.set([None])
