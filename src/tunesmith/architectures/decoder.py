"""Decoder-only Transformer language models trained from scratch, as Hugging Face models.

Two families share one block:

* ``transformer`` -- the classic decoder (Vaswani et al. 2017; Radford et al. 2018): sinusoidal
  or learned absolute positions, LayerNorm, GELU MLP, tied input/output embeddings.
* ``gpt`` -- a modern small GPT: rotary positions (Su et al. 2021), RMSNorm with optional
  QK-norm, a choice of MLP (GELU, squared ReLU (So et al. 2021), SwiGLU (Shazeer 2020)), tied
  or untied head (untied heads can start at zero, as in modded-nanoGPT).

This file imports only torch and transformers: ``save_pretrained`` copies it next to the
weights, so a run dir loads with plain ``AutoModelForCausalLM.from_pretrained(dir,
trust_remote_code=True)`` -- no tunesmith needed.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn
from transformers import GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import CausalLMOutput


class _DecoderConfig(PretrainedConfig):
    def __init__(self, vocab_size: int = 256, n_layer: int = 4, n_head: int = 4, n_embd: int = 128,
                 block_size: int = 256, dropout: float = 0.0, bias: bool = False, mlp_ratio: float = 4.0,
                 **kwargs):
        # (checked here, not at the first forward pass: a run dir is made only after the model is built)
        if n_head < 1 or n_embd % n_head:
            raise ValueError(f"n_embd ({n_embd}) must be a multiple of n_head ({n_head}): each head gets "
                             f"n_embd / n_head dimensions")
        self.vocab_size, self.n_layer, self.n_head, self.n_embd = vocab_size, n_layer, n_head, n_embd
        self.block_size, self.dropout, self.bias, self.mlp_ratio = block_size, dropout, bias, mlp_ratio
        # generate() reads these names
        self.hidden_size, self.num_hidden_layers, self.num_attention_heads = n_embd, n_layer, n_head
        # No max_position_embeddings: generation slides a block_size window over any length (see
        # prepare_inputs_for_generation), so there is no length past which generate() should warn.
        kwargs.setdefault("tie_word_embeddings", True)
        super().__init__(**kwargs)


class TransformerConfig(_DecoderConfig):
    """The classic decoder: ``positions`` "sinusoidal" or "learned", LayerNorm, GELU."""

    model_type = "tunesmith_transformer"

    def __init__(self, positions: str = "sinusoidal", scale_embeddings: bool = False, **kwargs):
        if positions not in ("sinusoidal", "learned"):
            raise ValueError("positions must be 'sinusoidal' or 'learned'")
        # Vaswani et al.: embeddings x sqrt(d) (init std d^-0.5) next to sinusoids. New models get it
        # (build_model); a saved config without the key keeps the behaviour it was trained with.
        self.positions, self.scale_embeddings = positions, scale_embeddings
        super().__init__(**kwargs)


class GPTConfig(_DecoderConfig):
    """A modern small GPT: rotary positions, RMSNorm, MLP "gelu" | "relu2" | "swiglu"."""

    model_type = "tunesmith_gpt"

    def __init__(self, mlp: str = "relu2", qk_norm: bool = True, rope_theta: float = 10000.0,
                 zero_init_head: bool = True, logit_softcap: float = 0.0, **kwargs):
        if mlp not in ("gelu", "relu2", "swiglu"):
            raise ValueError("mlp must be 'gelu', 'relu2' or 'swiglu'")
        n_embd, n_head = kwargs.get("n_embd", 128), kwargs.get("n_head", 4)
        if n_head >= 1 and n_embd % n_head == 0 and (n_embd // n_head) % 2:
            raise ValueError(f"n_embd / n_head ({n_embd} / {n_head} = {n_embd // n_head}) must be even: rotary "
                             "positions rotate pairs of dimensions")
        self.mlp, self.qk_norm, self.rope_theta = mlp, qk_norm, rope_theta
        self.zero_init_head, self.logit_softcap = zero_init_head, logit_softcap
        kwargs.setdefault("tie_word_embeddings", False)
        super().__init__(**kwargs)


def _rotary(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat((x1 * cos - x2 * sin, x2 * cos + x1 * sin), dim=-1)


class _Attention(nn.Module):
    def __init__(self, cfg: _DecoderConfig, modern: bool):
        super().__init__()
        self.n_head, self.head_dim = cfg.n_head, cfg.n_embd // cfg.n_head
        self.qkv = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=cfg.bias)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.dropout = cfg.dropout
        self.qk_norm = modern and cfg.qk_norm
        # rotary frequencies are computed in forward, not kept in a buffer: transformers builds
        # models on the meta device and leaves non-persistent buffers uninitialised on load
        self.rope_theta = cfg.rope_theta if modern else None

    def forward(self, x: torch.Tensor, positions: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, t, c = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.n_head, self.head_dim).permute(2, 0, 3, 1, 4)
        if self.qk_norm:
            q, k = F.rms_norm(q, (self.head_dim,)), F.rms_norm(k, (self.head_dim,))
        if self.rope_theta is not None:
            half = self.head_dim // 2
            inv_freq = self.rope_theta ** (-torch.arange(half, device=x.device, dtype=torch.float32) / half)
            angles = positions[:, None, :, None].float() * inv_freq  # (b, 1, t, head_dim/2)
            cos, sin = angles.cos().to(q.dtype), angles.sin().to(q.dtype)
            q, k = _rotary(q, cos, sin), _rotary(k, cos, sin)
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=mask is None,
                                           dropout_p=self.dropout if self.training else 0.0)
        return self.proj(y.transpose(1, 2).reshape(b, t, c))


class _MLP(nn.Module):
    def __init__(self, cfg: _DecoderConfig, kind: str):
        super().__init__()
        hidden = int(cfg.mlp_ratio * cfg.n_embd)
        if kind == "swiglu":
            hidden = int(2 * hidden / 3)  # same parameter count as a 4x MLP
            self.gate = nn.Linear(cfg.n_embd, hidden, bias=cfg.bias)
        self.up = nn.Linear(cfg.n_embd, hidden, bias=cfg.bias)
        self.down = nn.Linear(hidden, cfg.n_embd, bias=cfg.bias)
        self.kind = kind

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.kind == "swiglu":
            return self.down(F.silu(self.gate(x)) * self.up(x))
        h = self.up(x)
        return self.down(F.relu(h).square() if self.kind == "relu2" else F.gelu(h))


class _Block(nn.Module):
    def __init__(self, cfg: _DecoderConfig, modern: bool):
        super().__init__()
        norm = (lambda: nn.RMSNorm(cfg.n_embd)) if modern else (lambda: nn.LayerNorm(cfg.n_embd, bias=cfg.bias))
        self.norm1, self.norm2 = norm(), norm()
        self.attn = _Attention(cfg, modern)
        self.mlp = _MLP(cfg, cfg.mlp if modern else "gelu")
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, positions, mask):
        x = x + self.drop(self.attn(self.norm1(x), positions, mask))
        return x + self.drop(self.mlp(self.norm2(x)))


class _DecoderLM(PreTrainedModel, GenerationMixin):
    """Shared by both families: embeddings -> blocks (pre-norm) -> norm -> head."""

    base_model_prefix = "decoder"
    # transformers 5 ties only what this names (when config.tie_word_embeddings is true)
    _tied_weights_keys = {"lm_head.weight": "embed.weight"}
    _supports_cache_class = False
    _no_split_modules = ["_Block"]
    modern = False

    def __init__(self, config: _DecoderConfig):
        super().__init__(config)
        self.embed = nn.Embedding(config.vocab_size, config.n_embd)
        if not self.modern and config.positions == "learned":
            self.pos = nn.Embedding(config.block_size, config.n_embd)
        self.drop = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(_Block(config, self.modern) for _ in range(config.n_layer))
        self.norm = nn.RMSNorm(config.n_embd) if self.modern else nn.LayerNorm(config.n_embd, bias=config.bias)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.post_init()
        if config.tie_word_embeddings:
            # a tied head is saved as the embedding only: the Trainer then ties it on load instead of
            # warning "There were missing keys in the checkpoint model loaded: ['lm_head.weight']"
            self._keys_to_ignore_on_save = {"lm_head.weight"}

    def _init_weights(self, module: nn.Module) -> None:
        # GPT-2's scheme: N(0, 0.02), residual projections scaled by 1/sqrt(2 * layers).
        if module is getattr(self, "lm_head", None) and self.config.tie_word_embeddings:
            return  # it is the embedding matrix: initialised as one
        if isinstance(module, nn.Linear):
            std = 0.02 / math.sqrt(2 * self.config.n_layer) if module in self._residual_outputs() else 0.02
            nn.init.normal_(module.weight, std=std)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
            if module is self.lm_head and getattr(self.config, "zero_init_head", False) \
                    and not self.config.tie_word_embeddings:
                nn.init.zeros_(module.weight)
        elif isinstance(module, nn.Embedding):
            scaled = not self.modern and getattr(self.config, "scale_embeddings", False)
            nn.init.normal_(module.weight, std=self.config.n_embd ** -0.5 if scaled else 0.02)

    def _residual_outputs(self) -> set:
        return {m for b in getattr(self, "blocks", []) for m in (b.attn.proj, b.mlp.down)}

    def get_input_embeddings(self):
        return self.embed

    def set_input_embeddings(self, value):
        self.embed = value

    def get_output_embeddings(self):
        return self.lm_head

    def set_output_embeddings(self, value):
        self.lm_head = value

    def _sinusoids(self, positions: torch.Tensor) -> torch.Tensor:
        d = self.config.n_embd
        freq = torch.exp(torch.arange(0, d, 2, device=positions.device, dtype=torch.float32) * (-math.log(10000.0) / d))
        angles = positions[..., None].float() * freq
        return torch.stack((angles.sin(), angles.cos()), dim=-1).flatten(-2)[..., :d]

    def forward(self, input_ids: torch.LongTensor, attention_mask: torch.Tensor | None = None,
                labels: torch.LongTensor | None = None, **kwargs) -> CausalLMOutput:
        b, t = input_ids.shape
        if t > self.config.block_size and not self.modern and self.config.positions == "learned":
            raise ValueError(f"sequence of {t} tokens is longer than block_size={self.config.block_size}")
        mask = None
        if attention_mask is not None and not bool(attention_mask.all()):
            # left padding (batched generation): positions count real tokens; pads are never attended
            positions = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
            causal = torch.ones(t, t, dtype=torch.bool, device=input_ids.device).tril()
            mask = (causal[None] & attention_mask.bool()[:, None, :])[:, None]
            mask = mask | torch.eye(t, dtype=torch.bool, device=input_ids.device)  # no all-masked rows
        else:
            positions = torch.arange(t, device=input_ids.device).expand(b, t)
        x = self.embed(input_ids)
        if not self.modern and self.config.positions == "learned":
            x = x + self.pos(positions)
        elif not self.modern:
            if getattr(self.config, "scale_embeddings", False):
                x = x * math.sqrt(self.config.n_embd)
            x = x + self._sinusoids(positions).to(x.dtype)
        x = self.drop(x)
        for block in self.blocks:
            x = block(x, positions, mask)
        logits = self.lm_head(self.norm(x))
        cap = getattr(self.config, "logit_softcap", 0.0)
        if cap:
            logits = cap * torch.tanh(logits / cap)
        loss = None
        if labels is not None:
            loss = F.cross_entropy(logits[:, :-1].flatten(0, 1).float(), labels[:, 1:].flatten(), ignore_index=-100)
        return CausalLMOutput(loss=loss, logits=logits)

    def prepare_inputs_for_generation(self, input_ids, attention_mask=None, **kwargs):
        """No key/value cache: each step reads the last ``block_size`` tokens again (small models,
        short contexts: simpler, and exact)."""
        window = self.config.block_size
        if attention_mask is not None:
            attention_mask = attention_mask[:, -window:]
        return {"input_ids": input_ids[:, -window:], "attention_mask": attention_mask}


class TransformerForCausalLM(_DecoderLM):
    config_class = TransformerConfig
    modern = False


class GPTForCausalLM(_DecoderLM):
    config_class = GPTConfig
    modern = True
