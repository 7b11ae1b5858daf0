"""A lean decode step for llama-family models on the CPU fast path.

After the weights are packed (:mod:`tunesmith.quantize`) the matmuls of a single-stream decode
step of the bundled 135M model take ~7 ms, while transformers' modeling code around them
(output-capture decorators, mask construction, per-layer kwargs plumbing, the RMSNorm and rotary
helpers as many small ops) costs more than that again in Python and op dispatch. This module
replaces only the decoder stack's ``forward`` for *decode steps* (one new token per row, a
:class:`~tunesmith.kv_cache.GrowingCache`, no attention or hidden-state outputs requested) with
the same computation in fewer ops; everything else (prompt prefill, training, outputs on
request) goes through transformers' own forward. Generation itself stays transformers'
``generate`` (sampling, stop strings, streaming, logits processors).

Projections of our int4 layers run as direct (and, for q/k/v and gate/up, fused) kernel calls,
per-row adapters (:mod:`tunesmith.engine.adapters`) added to them; any other layer (LoRA
beside a packed base, float, torch-kernel layers) is called as the model's own module. Results equal transformers' forward up to float rounding (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F
from transformers.modeling_outputs import BaseModelOutputWithPast

from . import kernels
from .kv_cache import CACHE_KWARG, CACHE_OUTPUT, GrowingCache
from .quantize import Int4Linear

__all__ = ["install", "supports"]

_MODEL_TYPES = ("llama",)  # same decoder layout: RMSNorm, rotary, GQA attention, gated MLP


def _causal_lm(model: nn.Module) -> nn.Module:
    # A peft model (LoRA adapter) wraps the transformers model; its layers are inside.
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def supports(model: nn.Module) -> bool:
    """Whether the lean decode step can run this model (a llama-layout causal LM, adapters included)."""
    model = _causal_lm(model)
    cfg = getattr(model, "config", None)
    inner = getattr(model, "model", None)
    return (cfg is not None and getattr(cfg, "model_type", None) in _MODEL_TYPES and inner is not None
            and hasattr(inner, "layers") and hasattr(inner, "rotary_emb") and getattr(cfg, "hidden_act", "") == "silu"
            and not getattr(cfg, "pretraining_tp", 1) > 1)


def install(model: nn.Module) -> bool:
    """Route the decoder stack's decode steps through :func:`decode_step`; returns True if installed."""
    if not supports(model):
        return False
    inner = _causal_lm(model).model
    # Our RMSNorm and attention need the kernels, fp32 and widths their vector loops take.
    head_dim = inner.layers[0].self_attn.head_dim
    inner._tunesmith_kernels = (kernels.available() and inner.norm.weight.dtype == torch.float32
                                and inner.norm.weight.shape[0] % 16 == 0 and head_dim % 16 == 0 and head_dim <= 256)
    if getattr(inner, "_tunesmith_fast_decode", False):
        return True
    original = inner.forward  # the bound, decorated forward of transformers

    def forward(input_ids=None, attention_mask=None, position_ids=None, inputs_embeds=None, use_cache=None,
                **kwargs: Any):
        # The cache arrives as ``cache`` (transformers >= 5.24) or ``past_key_values`` (before).
        cache = kwargs.pop("cache", None)
        legacy = kwargs.pop("past_key_values", None)
        cache = cache if cache is not None else legacy
        if (input_ids is not None and inputs_embeds is None and input_ids.shape[1] == 1 and not inner.training
                and isinstance(cache, GrowingCache) and cache.get_seq_length() > 0
                and not any(kwargs.get(k) for k in ("output_attentions", "output_hidden_states"))):
            return decode_step(inner, input_ids, attention_mask, position_ids, cache)
        return original(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                        inputs_embeds=inputs_embeds, use_cache=use_cache, **{CACHE_KWARG: cache}, **kwargs)

    inner.forward = forward
    inner._tunesmith_fast_decode = True
    return True


def _rms_norm(x: torch.Tensor, norm: nn.Module, ours: bool) -> torch.Tensor:
    if ours:
        return kernels.ops().rms_norm(x, norm.weight, norm.variance_epsilon)
    return F.rms_norm(x, (x.shape[-1],), norm.weight, norm.variance_epsilon)


def _attention(q: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, mask: torch.Tensor | None,
               scale: float, ours: bool) -> torch.Tensor:
    if ours and keys.stride(2) == keys.shape[3] and values.stride(2) == values.shape[3]:
        return kernels.ops().decode_attention(q, keys, values, mask, scale)
    return F.scaled_dot_product_attention(q, keys, values, attn_mask=None if mask is None else mask[:, None, None, :],
                                          scale=scale)


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), dim=-1) * sin


def _fusable(modules: list[nn.Module]) -> bool:
    return all(isinstance(m, Int4Linear) and m.kernel == "tunesmith" and m.bias is None for m in modules)


def _fuse(modules: list[nn.Module]) -> Callable[[torch.Tensor, bool | None], torch.Tensor]:
    """One call for sibling projections of the same input (q/k/v, gate/up) -> concatenated outputs.

    Our int4 layout stores tiles of 16 output rows, so stacking the layers' tiles *is* the fused
    layer; the originals become views of it (no extra memory).
    """
    fused = torch.cat([m.packed for m in modules])
    start = 0
    for m in modules:
        m.packed = fused[start: start + m.packed.shape[0]]
        start += m.packed.shape[0]
    first = modules[0]  # (its activation precision, read per call: set_precise_activations may change it)
    int4_mm = kernels.ops().int4_mm
    def call(x: torch.Tensor, precise: bool | torch.Tensor | None = None) -> torch.Tensor:
        if isinstance(precise, torch.Tensor) and not first.precise:  # one flag per row
            return int4_mm(x, fused, False, precise)
        if isinstance(precise, torch.Tensor):  # the layer is precise anyway: every row is
            precise = True
        return int4_mm(x, fused, first.precise if precise is None else precise)

    return call


def _projection(modules: list[nn.Module]) -> Callable[[torch.Tensor], torch.Tensor]:
    """Sibling projections of one input as one call: our fused int4 kernel where the weights
    allow, else the modules themselves (concatenated). Layers that serve adapters per row
    (:class:`~tunesmith.engine.adapters.LoRARows`) keep the fused base matmul and add each
    row group's updates."""
    from .engine.adapters import LoRARows

    rows = all(isinstance(m, LoRARows) for m in modules)
    bases = [m.base for m in modules] if rows else modules
    if not _fusable(bases):
        return modules[0] if len(modules) == 1 else (lambda x: torch.cat([m(x) for m in modules], dim=-1))
    base = _fuse(bases)
    if not rows:
        return base
    from .engine.adapters import LoRAGroup

    group = LoRAGroup(modules)
    assignment = group.assignment

    def call(x: torch.Tensor) -> torch.Tensor:
        y = base(x, assignment.precise)
        return group.add_(y, x) if assignment.active else y

    return call


class _LayerPlan:
    """How the lean step runs one decoder layer: fused projections where the weights allow."""

    def __init__(self, layer: nn.Module):
        attn, mlp = layer.self_attn, layer.mlp
        self.layer = layer
        self.head_dim = attn.head_dim
        self.q_width = attn.q_proj.out_features
        self.k_width = attn.k_proj.out_features
        self.inter = mlp.gate_proj.out_features
        self.scaling = attn.scaling
        qkv, gate_up = [attn.q_proj, attn.k_proj, attn.v_proj], [mlp.gate_proj, mlp.up_proj]
        self.qkv, self.gate_up = _projection(qkv), _projection(gate_up)
        self.o_proj, self.down_proj = _projection([attn.o_proj]), _projection([mlp.down_proj])


def _plans(inner: nn.Module) -> list[_LayerPlan]:
    plans = getattr(inner, "_tunesmith_plans", None)
    if plans is None:
        plans = [_LayerPlan(layer) for layer in inner.layers]
        inner._tunesmith_plans = plans
    return plans


def decode_step(inner: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor | None,
                position_ids: torch.Tensor | None, cache: GrowingCache) -> BaseModelOutputWithPast:
    """One new token per row through the decoder stack, appending keys/values to ``cache``."""
    batch = input_ids.shape[0]
    past = cache.get_seq_length()
    ours = inner._tunesmith_kernels
    h = inner.embed_tokens(input_ids)  # batch, 1, hidden
    if position_ids is None:
        position_ids = torch.full((batch, 1), past, dtype=torch.long, device=h.device)
    cos, sin = inner.rotary_emb(h, position_ids=position_ids)  # batch, 1, head_dim: broadcasts over heads
    h = h.view(batch, -1)  # one position per row: 2-D from here on
    # Left-padded rows must not attend to their padding: a boolean key mask (True = attend).
    mask = None
    if attention_mask is not None and not bool(attention_mask.all()):
        mask = attention_mask[:, -(past + 1):].bool().contiguous()  # batch, keys
    for i, plan in enumerate(_plans(inner)):
        layer, d = plan.layer, plan.head_dim
        qkv = plan.qkv(_rms_norm(h, layer.input_layernorm, ours))
        qk_width = plan.q_width + plan.k_width
        # Rotary on queries and keys together (one position per row).
        qk = _rotate(qkv[:, :qk_width].view(batch, -1, d), cos, sin)
        q_heads = plan.q_width // d
        keys, values = cache.layers[i].update(qk[:, q_heads:].unsqueeze(2), qkv[:, qk_width:].view(batch, -1, 1, d))
        # Grouped-query attention without repeating keys: the query heads sharing a key head
        # become that head's query "positions" (one token, so no causal mask is needed).
        out = _attention(qk[:, :q_heads].view(batch, keys.shape[1], -1, d), keys, values, mask, plan.scaling, ours)
        h = h + plan.o_proj(out.reshape(batch, -1))
        gate_up = plan.gate_up(_rms_norm(h, layer.post_attention_layernorm, ours))
        h = h + plan.down_proj(F.silu(gate_up[:, :plan.inter]) * gate_up[:, plan.inter:])
    h = _rms_norm(h, inner.norm, ours)
    return BaseModelOutputWithPast(last_hidden_state=h.view(batch, 1, -1), **{CACHE_OUTPUT: cache})
