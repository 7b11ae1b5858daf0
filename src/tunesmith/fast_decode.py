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

The projections are called as the model's own modules, so packed, LoRA-fused or float layers
all work. Results equal transformers' forward up to float rounding (tested).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn import functional as F
from transformers.modeling_outputs import BaseModelOutputWithPast

from . import kernels
from .kv_cache import GrowingCache

__all__ = ["install", "supports"]

_MODEL_TYPES = ("llama",)
_OUR_NORM = [False]  # same decoder layout: RMSNorm, rotary, GQA attention, gated MLP


def supports(model: nn.Module) -> bool:
    """Whether the lean decode step can run this model (a llama-layout causal LM)."""
    cfg = getattr(model, "config", None)
    inner = getattr(model, "model", None)
    return (cfg is not None and getattr(cfg, "model_type", None) in _MODEL_TYPES and inner is not None
            and hasattr(inner, "layers") and hasattr(inner, "rotary_emb") and getattr(cfg, "hidden_act", "") == "silu"
            and not getattr(cfg, "pretraining_tp", 1) > 1)


def install(model: nn.Module) -> bool:
    """Route the decoder stack's decode steps through :func:`decode_step`; returns True if installed."""
    if not supports(model):
        return False
    inner = model.model
    # Our fused RMSNorm needs the kernels, fp32 and a width the AVX-512 loop takes.
    _OUR_NORM[0] = (kernels.available() and inner.norm.weight.dtype == torch.float32
                    and inner.norm.weight.shape[0] % 16 == 0)
    if getattr(inner, "_tunesmith_fast_decode", False):
        return True
    original = inner.forward  # the bound, decorated forward of transformers

    def forward(input_ids=None, attention_mask=None, position_ids=None, past_key_values=None,
                inputs_embeds=None, use_cache=None, **kwargs: Any):
        if (input_ids is not None and inputs_embeds is None and input_ids.shape[1] == 1 and not inner.training
                and isinstance(past_key_values, GrowingCache) and past_key_values.get_seq_length() > 0
                and not any(kwargs.get(k) for k in ("output_attentions", "output_hidden_states"))):
            return decode_step(inner, input_ids, attention_mask, position_ids, past_key_values)
        return original(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                        past_key_values=past_key_values, inputs_embeds=inputs_embeds, use_cache=use_cache, **kwargs)

    inner.forward = forward
    inner._tunesmith_fast_decode = True
    return True


def _rms_norm(x: torch.Tensor, norm: nn.Module) -> torch.Tensor:
    if _OUR_NORM[0]:
        return torch.ops.tunesmith.rms_norm(x, norm.weight, norm.variance_epsilon)
    return F.rms_norm(x, (x.shape[-1],), norm.weight, norm.variance_epsilon)


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), dim=-1) * sin


def decode_step(inner: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor | None,
                position_ids: torch.Tensor | None, cache: GrowingCache) -> BaseModelOutputWithPast:
    """One new token per row through the decoder stack, appending keys/values to ``cache``."""
    batch = input_ids.shape[0]
    past = cache.get_seq_length()
    h = inner.embed_tokens(input_ids)  # batch, 1, hidden
    if position_ids is None:
        position_ids = torch.full((batch, 1), past, dtype=torch.long, device=h.device)
    cos, sin = inner.rotary_emb(h, position_ids=position_ids)  # batch, 1, head_dim
    cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    # Left-padded rows must not attend to their padding: a boolean key mask (True = attend).
    mask = None
    if attention_mask is not None and not bool(attention_mask.all()):
        mask = attention_mask[:, -(past + 1):].bool()[:, None, None, :]
    for i, layer in enumerate(inner.layers):
        attn = layer.self_attn
        x = _rms_norm(h, layer.input_layernorm)
        d = attn.head_dim
        q = attn.q_proj(x).view(batch, -1, 1, d)  # (batch, heads, 1, d): one query position
        k = attn.k_proj(x).view(batch, -1, 1, d)
        v = attn.v_proj(x).view(batch, -1, 1, d)
        q, k = _rotate(q, cos, sin), _rotate(k, cos, sin)
        keys, values = cache.layers[i].update(k, v)
        kv_heads = keys.shape[1]
        # Grouped-query attention without repeating keys: the query heads sharing a key head
        # become that head's query "positions" (one token, so no causal mask is needed).
        out = F.scaled_dot_product_attention(q.view(batch, kv_heads, -1, d), keys, values, attn_mask=mask,
                                             scale=attn.scaling)
        h = h + attn.o_proj(out.reshape(batch, 1, -1))
        x = _rms_norm(h, layer.post_attention_layernorm)
        mlp = layer.mlp
        h = h + mlp.down_proj(F.silu(mlp.gate_proj(x)) * mlp.up_proj(x))
    h = _rms_norm(h, inner.norm)
    return BaseModelOutputWithPast(last_hidden_state=h, past_key_values=cache)
