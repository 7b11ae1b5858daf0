"""A lean decode step for llama-family models on the CPU fast path.

After the weights are packed (:mod:`tunesmith.quantize`) the matmuls of a single-stream decode
step of the bundled 135M model take ~7 ms, while transformers' modeling code around them
(output-capture decorators, mask construction, per-layer kwargs plumbing, the RMSNorm and rotary
helpers as many small ops) costs more than that again in Python and op dispatch. This module
replaces the decoder stack's ``forward`` for *decode steps* (one new token per row) and for
*unpadded prompt prefills* (a :class:`~tunesmith.kv_cache.GrowingCache`, no attention or
hidden-state outputs requested) with the same computation in fewer ops: a chat prompt's prefill
after its cached template prefix took 45 ms through transformers' forward and 29 ms here.
Everything else (padded batches, training, outputs on request) goes through transformers' own
forward. Generation itself stays transformers'
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
from .quantize import PACKED_MAX_ROWS, Int4Linear, LoRAPacked, call_precision, precision_args

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
        if (input_ids is not None and inputs_embeds is None and not inner.training and isinstance(cache, GrowingCache)
                and not any(kwargs.get(k) for k in ("output_attentions", "output_hidden_states"))
                and (cache.get_seq_length() > 0 if input_ids.shape[1] == 1
                     else attention_mask is None or bool(attention_mask.all()))):
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


# Prompts up to this many tokens (cached prefix included) are prefilled with our attention kernel,
# one query at a time against the keys before it: each token's result then does not depend on
# how many positions follow it, so prompts right-padded to a common length and prefilled together
# (tunesmith.engine.scheduler) get exactly what each gets alone. Longer prompts, prefilled on
# their own, use torch's blocked attention (faster for them).
PREFILL_KERNEL_TOKENS = 256


def _prefill_attention(q: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, causal: torch.Tensor,
                       scale: float) -> torch.Tensor:
    """Causal attention of ``new`` query positions per row ``q`` [batch, new, heads, d] over
    ``keys``/``values`` [batch, kv_heads, past + new, d] (``causal`` [new, past + new], True =
    attend) -> [batch, new, heads, d]."""
    batch, new, heads, d = q.shape
    kv = keys.shape[1]
    attend = kernels.ops().decode_attention
    # Per row: its positions as the kernel's batch, the row's keys shared by all (stride 0).
    return torch.stack([attend(q[b].reshape(new, kv, heads // kv, d), keys[b: b + 1].expand(new, -1, -1, -1),
                               values[b: b + 1].expand(new, -1, -1, -1), causal, scale).view(new, heads, d)
                        for b in range(batch)])


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), dim=-1) * sin


def _fusable(modules: list[nn.Module]) -> bool:
    return all(isinstance(m, Int4Linear) and m.kernel == "tunesmith" and m.bias is None for m in modules)


def _each(modules: list[nn.Module], x: torch.Tensor) -> torch.Tensor:
    """The modules' own forwards, outputs concatenated (what a fused call stands for)."""
    return modules[0](x) if len(modules) == 1 else torch.cat([m(x) for m in modules], dim=-1)


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
        if first.float_weight is not None and x.shape[0] > PACKED_MAX_ROWS:  # a prefill: the float matmul
            return _each(modules, x)
        return int4_mm(x, fused, *precision_args(call_precision(precise, first.precise, x.shape[0])))

    return call


def _projection(modules: list[nn.Module]) -> Callable[[torch.Tensor], torch.Tensor]:
    """Sibling projections of one input as one call: our fused int4 kernel where the weights
    allow, else the modules themselves (concatenated). Layers that serve adapters per row
    (:class:`~tunesmith.engine.adapters.LoRARows`) keep the fused base matmul and add each
    row group's updates."""
    from .engine.adapters import LoRARows, stack_lora, update_

    rows = all(isinstance(m, LoRARows) for m in modules)
    # One LoRA adapter beside packed bases (a fine-tuned model, the bundled humanizer): the fused
    # base call plus the stacked update, one kernel call each (unfused, the humanizer's decode steps
    # made 7 base and 14 LoRA matmul calls per layer instead of 4 and 4)
    lora = not rows and all(isinstance(m, LoRAPacked) for m in modules)
    bases = [m.base for m in modules] if rows or lora else modules
    if not _fusable(bases):
        return lambda x: _each(modules, x)
    base = _fuse(bases)
    if lora:
        a, b = stack_lora([(m.lora_a, m.lora_b) for m in modules], [m.out_features for m in modules])

        def call_lora(x: torch.Tensor) -> torch.Tensor:
            y = base(x)
            update_(y, x, a, b)
            return y

        return call_lora
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
    """New tokens through the decoder stack, appending their keys/values to ``cache``: one per
    row (a decode step; rows may be left-padded) or several per row (a prompt prefill; no
    padding), the same computation either way."""
    batch, new = input_ids.shape
    past = cache.get_seq_length()
    ours = inner._tunesmith_kernels
    h = inner.embed_tokens(input_ids)  # batch, new, hidden
    if position_ids is None:
        position_ids = torch.arange(past, past + new, device=h.device).expand(batch, new)
    cos, sin = inner.rotary_emb(h, position_ids=position_ids)  # batch, new, head_dim
    cos, sin = cos[:, :, None], sin[:, :, None]  # (broadcast over heads)
    h = h.view(batch * new, -1)  # 2-D from here on: every matmul is one kernel call
    mask = None
    if new > 1 and past:  # causal over the cached positions and the new ones (else plain causal: no mask)
        mask = torch.ones(new, past + new, dtype=torch.bool, device=h.device).tril(past)
    elif attention_mask is not None and not bool(attention_mask.all()):
        # Left-padded rows must not attend to their padding: a boolean key mask (True = attend).
        mask = attention_mask[:, -(past + 1):].bool().contiguous()  # batch, keys
    causal = None  # a prefill's causal mask for our attention kernel, built once
    if new > 1 and ours and past + new <= PREFILL_KERNEL_TOKENS:
        causal = mask if mask is not None else torch.ones(new, past + new, dtype=torch.bool).tril(past)
    for i, plan in enumerate(_plans(inner)):
        layer, d = plan.layer, plan.head_dim
        qkv = plan.qkv(_rms_norm(h, layer.input_layernorm, ours))
        qk_width = plan.q_width + plan.k_width
        # Rotary on queries and keys together.
        qk = _rotate(qkv[:, :qk_width].view(batch, new, -1, d), cos, sin)  # batch, new, heads, d
        q_heads = plan.q_width // d
        keys, values = cache.layers[i].update(qk[:, :, q_heads:].transpose(1, 2),
                                              qkv[:, qk_width:].view(batch, new, -1, d).transpose(1, 2))
        if new == 1:
            # Grouped-query attention without repeating keys: the query heads sharing a key head
            # become that head's query "positions" (one token, so no causal mask is needed).
            out = _attention(qk[:, 0, :q_heads].reshape(batch, keys.shape[1], -1, d), keys, values, mask,
                             plan.scaling, ours)
        elif causal is not None:
            out = _prefill_attention(qk[:, :, :q_heads], keys, values, causal, plan.scaling)
        else:
            out = F.scaled_dot_product_attention(qk[:, :, :q_heads].transpose(1, 2), keys, values, attn_mask=mask,
                                                 is_causal=mask is None, scale=plan.scaling,
                                                 enable_gqa=True).transpose(1, 2)
        h = h + plan.o_proj(out.reshape(batch * new, -1))
        gate_up = plan.gate_up(_rms_norm(h, layer.post_attention_layernorm, ours))
        h = h + plan.down_proj(F.silu(gate_up[:, :plan.inter]) * gate_up[:, plan.inter:])
    h = _rms_norm(h, inner.norm, ours)
    return BaseModelOutputWithPast(last_hidden_state=h.view(batch, new, -1), **{CACHE_OUTPUT: cache})
