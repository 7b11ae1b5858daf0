"""Many LoRA adapters over one shared base model, chosen per row of the running batch.

A fine-tuned LoRA model is the base plus ``x A^T (s B)^T`` in each adapted layer. Serving each
adapter as its own model costs a copy of the base's memory and, worse, its own running batch:
on a 2-core CPU two batches take turns instead of sharing one forward pass. Here every adapted
layer of the base holds the small ``A``/``B`` matrices of any number of adapters, and each
forward pass computes the base matmul for all rows and each adapter's update for only the
rows that asked for it. The scheduler says which row runs which adapter before every call.

Rows with an adapter use the packed kernels' precise activations (as a :class:`Generator`
with an adapter does: LoRA is trained on float activations); rows without keep the base's own
setting. Every row is computed on its own, so a row's output does not depend on what else is
in the batch.

Only plain LoRA is served this way (no DoRA or other variants, no bias, no extra trained
modules or tokens, no per-module alpha); :func:`row_servable` says whether an adapter dir
qualifies, and the model pool serves any other adapter as its own model.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from ..errors import ConfigError
from ..quantize import _Packed

__all__ = ["LoRARows", "RowAdapters", "apply_rows", "row_servable"]

_PREFIX = "base_model.model."


def row_servable(adapter_dir: str | Path) -> str | None:
    """None if the adapter can share a base model's batch, else why not."""
    path = Path(adapter_dir).expanduser()
    try:
        cfg = json.loads((path / "adapter_config.json").read_text())
    except (OSError, ValueError) as err:
        return f"unreadable adapter_config.json ({err})"
    if cfg.get("peft_type") != "LORA":
        return f"peft_type {cfg.get('peft_type')} (only LoRA)"
    if (path / "tokenizer.json").is_file():
        return "it brings its own tokenizer"
    for key in ("use_dora", "modules_to_save", "trainable_token_indices", "alpha_pattern", "layer_replication",
                "target_parameters"):
        if cfg.get(key):
            return f"{key} is set"
    if cfg.get("bias", "none") != "none" or cfg.get("lora_bias"):
        return "it trains biases"
    return None


class RowAssignment:
    """Which adapter each row of the next forward pass uses (None: the base alone).

    ``groups`` is ``[(row indices or None for all rows, adapter name)]``.
    """

    def __init__(self) -> None:
        self.groups: list[tuple[torch.Tensor | None, str | None]] = [(None, None)]

    def set(self, names: Sequence[str | None]) -> None:
        if len(set(names)) <= 1:
            self.groups = [(None, names[0] if names else None)]
            return
        rows: dict[str | None, list[int]] = {}
        for i, name in enumerate(names):
            rows.setdefault(name, []).append(i)
        self.groups = [(torch.tensor(ix), name) for name, ix in rows.items()]


def apply_rows(assignment: RowAssignment, x: torch.Tensor, width: int,
               one: Callable[[torch.Tensor, str | None], torch.Tensor]) -> torch.Tensor:
    """``one(rows of x, adapter)`` for each group of rows (dim 0), gathered into one output."""
    groups = assignment.groups
    if len(groups) == 1:
        return one(x, groups[0][1])
    out = x.new_empty((*x.shape[:-1], width))
    for rows, name in groups:
        out[rows] = one(x[rows], name)
    return out


def base_call(base: nn.Module, x: torch.Tensor, adapted: bool) -> torch.Tensor:
    # Packed layers run rows with an adapter at precise activations; float layers are exact anyway.
    return base(x, precise=True) if adapted and isinstance(base, _Packed) else base(x)


class LoRARows(nn.Module):
    """A base linear layer plus the LoRA updates of any number of adapters, chosen per row."""

    def __init__(self, base: nn.Module, assignment: RowAssignment):
        super().__init__()
        self.base = base
        self.assignment = assignment
        self.in_features, self.out_features = base.in_features, base.out_features
        self.updates: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}  # name -> (A, s B)

    def delta(self, x: torch.Tensor, name: str | None) -> torch.Tensor | None:
        update = self.updates.get(name) if name is not None else None
        if update is None:
            return None
        return F.linear(F.linear(x.to(update[0].dtype), update[0]), update[1]).to(x.dtype)

    def one(self, x: torch.Tensor, name: str | None) -> torch.Tensor:
        y = base_call(self.base, x, name is not None)
        d = self.delta(x, name)
        return y if d is None else y + d

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return apply_rows(self.assignment, x, self.out_features, self.one)

    def extra_repr(self) -> str:
        return f"adapters={sorted(self.updates)}"


class RowAdapters:
    """The adapters loaded on one base model, and the row assignment its layers read.

    Args:
        model: The base causal LM (packed or float); its layers are wrapped on the first load.
    """

    def __init__(self, model: nn.Module):
        self.model = model
        self.assignment = RowAssignment()
        self.loaded: dict[str, float] = {}  # name -> MB
        self._wrapped = False
        self._lock = threading.Lock()

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

        why = row_servable(adapter_dir)
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
            mb = sum(a.numel() + b.numel() for _, a, b in staged) * 4 / 2**20
            self.loaded[name] = mb
        return mb

    def unload(self, name: str) -> None:
        with self._lock:
            for module in self.model.modules():
                if isinstance(module, LoRARows):
                    module.updates.pop(name, None)
            self.loaded.pop(name, None)

    def assign(self, names: Sequence[str | None]) -> None:
        """Set the adapter of each row of the next forward pass."""
        if self._wrapped:
            self.assignment.set(names)
