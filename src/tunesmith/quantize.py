"""Weight-only quantization for fast CPU decoding.

Single-stream decoding of a small model on a CPU is bound by reading the weights from memory
once per token, so storing them in fewer bits is what makes it faster. The bundled model is
published as a Q4_1 GGUF: every Linear weight already sits on a 4-bit grid (blocks of 32 input
values, each with a scale and a minimum). Packing those weights back into 4 bits with the same
blocks is therefore *lossless*; tunesmith checks that per layer. Layers that are not on a grid
(the output head, fine-tuned or merged weights, other models) get int8 weights instead, one
scale per block of 32 (GGUF Q8_0; the bundled head is Q8_0, so that too is exact).

The matmuls run on our integer kernels (:mod:`tunesmith.kernels`: AVX-512 VNNI, AVX-VNNI or AVX2,
whichever the CPU has) where they build: the
activations are quantized to int8 per block of 32 at each call (as llama.cpp does; +0.9%
validation perplexity on the bundled model, 0% with precise activations, unlike dynamic int8
quantization with one scale per tensor, which lost +200% here) and dot products are integer. Elsewhere torch's int4/int8 CPU
kernels run with bf16 activations (int8 weights then have one scale per output channel).

Measured with ``benchmarks/bench_generate.py`` on the 2-core CPU: see README.
"""

from __future__ import annotations

import os

import torch
from torch import nn

from . import kernels

__all__ = ["Int4Linear", "Int8Linear", "LoRAPacked", "call_precision", "fuse_lora", "int4_records", "int8_records",
           "on_int4_grid", "precision_args", "quantize_weights", "set_precise_activations"]

GROUP = 32  # GGUF Q4_0/Q4_1 block size
_ACT = torch.bfloat16  # the CPU kernels are vectorised for bf16 activations (fp32 input is ~8x slower)
# Above this many rows (prompt prefill, big batches) a float matmul beats torch's packed
# kernels; layers that keep their float weight use it for those calls (ours beat it at every size).
PACKED_MAX_ROWS = int(os.environ.get("TUNESMITH_PACKED_MAX_ROWS", "16"))


def _group_params(w: torch.Tensor, group: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n, k = w.shape
    wg = w.float().reshape(n, k // group, group)
    lo, hi = wg.amin(-1, keepdim=True), wg.amax(-1, keepdim=True)
    scale = ((hi - lo) / 15).clamp(min=1e-12)
    return wg, lo, scale


def on_int4_grid(w: torch.Tensor, group: int = GROUP, tol: float = 1e-3) -> bool:
    """True when every block of ``group`` input values holds at most 16 evenly spaced levels.

    That is the case for weights dequantized from a 4-bit GGUF (Q4_0 / Q4_1), so int4 packing
    reproduces them exactly; ``tol`` is relative to each block's step size.
    """
    if w.dim() != 2 or w.shape[1] % group:
        return False
    wg, lo, scale = _group_params(w, group)
    q = torch.round((wg - lo) / scale)
    return bool(((q * scale + lo - wg).abs() <= tol * scale).all())


class _Packed(nn.Module):
    """Shared forward: packed kernel for decode-sized inputs, float matmul for prefill."""

    in_features: int
    out_features: int

    def __init__(self, linear: nn.Linear, keep_float: bool):
        super().__init__()
        # Our kernels: activations as two int8 terms (near-float accuracy, twice the integer
        # dot products) instead of one; see set_precise_activations.
        self.precise = False
        self.bias = linear.bias
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.float_weight = linear.weight if keep_float else None

    def packed_mm(self, x: torch.Tensor, precise: bool | torch.Tensor) -> torch.Tensor:
        """``x @ W.T`` for a 2-D ``x``, in ``x``'s dtype (``precise``: for all rows, or per row)."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor, precise: bool | torch.Tensor | None = None) -> torch.Tensor:
        """``precise`` overrides the layer's activation precision for this call: a bool, or a
        bool per row (the rows of a batch that run an adapter, see :mod:`tunesmith.engine.adapters`)."""
        flat = x.reshape(-1, self.in_features)
        if self.float_weight is not None and flat.shape[0] > PACKED_MAX_ROWS:
            return nn.functional.linear(x, self.float_weight, self.bias)
        y = self.packed_mm(flat, call_precision(precise, self.precise, flat.shape[0])).reshape(*x.shape[:-1],
                                                                                                self.out_features)
        return y if self.bias is None else y + self.bias

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, kernel={self.kernel}"


def call_precision(precise: bool | torch.Tensor | None, layer_precise: bool, rows: int) -> bool | torch.Tensor:
    """One packed matmul call's activation precision: the layer's own (``precise`` None), one
    flag for the call, or one per row of the batch (repeated when a row brings several
    positions, as a prefill does). A flag per row only raises precision above the layer's own."""
    if precise is None or (isinstance(precise, torch.Tensor) and layer_precise):
        return layer_precise
    if isinstance(precise, torch.Tensor) and precise.shape[0] != rows:
        return precise.repeat_interleave(rows // precise.shape[0])
    return precise


def precision_args(precise: bool | torch.Tensor) -> tuple[bool, torch.Tensor | None]:
    # Our kernels' (precise, precise_rows) arguments: one flag for the call, or one per row.
    return (False, precise) if isinstance(precise, torch.Tensor) else (bool(precise), None)


def _ours(x: torch.Tensor) -> torch.Tensor:
    return x.to(torch.float32).contiguous()


def _use_our_kernels(n: int, k: int) -> bool:
    # Our kernels take blocks of 32 inputs and tiles of 16 outputs.
    return k % GROUP == 0 and n % 16 == 0 and kernels.available()


def _operands(blocks: torch.Tensor) -> torch.Tensor:
    """[tiles, groups, 16 outputs, 4j inputs] -> [tiles, groups, 64j] bytes as our kernels read
    them: j chunks of 64, chunk c's byte 4 * o + i holding output o's input 4c + i."""
    tiles, g, _, width = blocks.shape
    return blocks.reshape(tiles, g, 16, width // 4, 4).permute(0, 1, 3, 2, 4).reshape(tiles, g, 16 * width)


def _per_tile(values: torch.Tensor, tiles: int) -> torch.Tensor:
    """Per-(output, group) factors [n, g, ...] -> fp32 bytes [tiles, g, 64]: a tile's 16 outputs together."""
    g = values.shape[1]
    return values.float().reshape(tiles, 16, g).transpose(1, 2).contiguous().view(torch.uint8)


def _tile_records(q: torch.Tensor, scale: torch.Tensor, lo: torch.Tensor) -> torch.Tensor:
    """Our int4 kernel's layout: per tile of 16 outputs and block of 32 inputs, a 384-byte record.

    256 bytes of nibbles (:func:`_operands` of inputs 0-15 in the low nibbles, of inputs 16-31 in
    the high ones), then the 16 outputs' scales and their minimums in fp32 (see csrc/packed_mm.cpp).
    """
    n, k = q.shape
    tiles, g = n // 16, k // GROUP
    blocks = q.to(torch.uint8).reshape(tiles, 16, g, GROUP).permute(0, 2, 1, 3)  # tile, block, output, input
    nibbles = _operands(blocks[..., :16]) | (_operands(blocks[..., 16:]) << 4)
    return torch.cat([nibbles, _per_tile(scale, tiles), _per_tile(lo, tiles)], -1).contiguous()


def int4_records(w: torch.Tensor) -> torch.Tensor:
    """A float weight [n, k] (n % 16 == 0, k % 32 == 0) in our int4 kernel's layout (Q4_1 blocks)."""
    n, k = w.shape
    wg, lo, scale = _group_params(w.detach(), GROUP)
    q = torch.clamp(torch.round((wg - lo) / scale), 0, 15).to(torch.int32).reshape(n, k)
    return _tile_records(q, scale, lo)


class Int4Linear(_Packed):
    """A Linear whose weight is packed to 4 bits in blocks of 32 (our kernel, else torch's).

    Our kernel quantizes the activations to int8 per block of 32 (see csrc/packed_mm.cpp);
    torch's keeps them in bf16.
    """

    def __init__(self, linear: nn.Linear, group: int = GROUP, keep_float: bool = True):
        super().__init__(linear, keep_float)
        w = linear.weight.detach()
        n, k = w.shape
        self.group = group
        self.kernel = "tunesmith" if group == GROUP and _use_our_kernels(n, k) else "torch"
        if self.kernel == "tunesmith":
            self.register_buffer("packed", int4_records(w))
        else:
            wg, lo, scale = _group_params(w, group)
            q = torch.clamp(torch.round((wg - lo) / scale), 0, 15).to(torch.int32).reshape(n, k)
            # torch's int4 layout: w = (q - 8) * scale + zero, with scales and zeros per block
            zero = lo + 8 * scale
            self.register_buffer("packed", torch._convert_weight_to_int4pack_for_cpu(q, 1))
            self.register_buffer("scales_zeros", torch.cat([scale, zero], -1).transpose(0, 1).contiguous().to(_ACT))

    def packed_mm(self, x: torch.Tensor, precise: bool | torch.Tensor) -> torch.Tensor:
        if self.kernel == "tunesmith":
            return kernels.ops().int4_mm(_ours(x), self.packed, *precision_args(precise)).to(x.dtype)
        return torch._weight_int4pack_mm_for_cpu(x.to(_ACT), self.packed, self.group, self.scales_zeros).to(x.dtype)


def int8_records(w: torch.Tensor) -> torch.Tensor:
    """Our int8 kernel's layout: per tile of 16 outputs and block of 32 inputs, a 576-byte record.

    Each block is quantized like GGUF Q8_0 (scale = max |w| / 127, so a Q8_0 GGUF's weights are
    reproduced exactly) and stored as q + 128 (:func:`_operands`: 8 chunks of 64 bytes), then
    the 16 outputs' scales in fp32 (see csrc/packed_mm.cpp).
    """
    n, k = w.shape
    tiles, g = n // 16, k // GROUP
    wg = w.float().reshape(n, g, GROUP)
    scale = wg.abs().amax(-1) / 127
    q = torch.round(wg / scale.clamp(min=1e-30)[..., None]).clamp(-127, 127)
    stored = (q + 128).to(torch.uint8).reshape(tiles, 16, g, GROUP).permute(0, 2, 1, 3)  # tile, block, output, input
    return torch.cat([_operands(stored), _per_tile(scale, tiles)], -1).contiguous()


class Int8Linear(_Packed):
    """A Linear with int8 weights (weight-only on torch's kernel: one scale per output channel;
    ours: one scale per block of 32 inputs, int8 activations)."""

    def __init__(self, linear: nn.Linear, keep_float: bool = True):
        super().__init__(linear, keep_float)
        w = linear.weight.detach().float()
        self.kernel = "tunesmith" if _use_our_kernels(*w.shape) else "torch"
        if self.kernel == "tunesmith":
            self.register_buffer("packed", int8_records(w))
        else:
            scale = w.abs().amax(1).clamp(min=1e-12) / 127
            self.register_buffer("qweight", torch.round(w / scale[:, None]).clamp(-127, 127).to(torch.int8).contiguous())
            self.register_buffer("scale", scale.to(_ACT))

    def packed_mm(self, x: torch.Tensor, precise: bool | torch.Tensor) -> torch.Tensor:
        if self.kernel == "tunesmith":
            return kernels.ops().int8_mm(_ours(x), self.packed, *precision_args(precise)).to(x.dtype)
        return torch._weight_int8pack_mm(x.to(_ACT), self.qweight, self.scale).to(x.dtype)


def _skip(name: str) -> bool:
    # LoRA's own small matrices stay in floating point; only the frozen base layers are packed.
    parts = name.split(".")
    return any(p in ("lora_A", "lora_B", "lora_embedding_A", "lora_embedding_B") for p in parts)


def quantize_weights(model: nn.Module, mode: str = "auto", keep_float: bool = True) -> dict[str, int]:
    """Replace the model's Linear layers in place; returns how many layers got each format.

    Args:
        mode: ``auto``: int4 where the weights are already on a 4-bit grid (lossless), int8
            elsewhere. ``int8``: int8 everywhere. ``int4``: int4 everywhere (lossy for weights
            that are not on a grid).
        keep_float: Keep the float weights for prompt prefill (the memory of the unquantized
            model; worth it only on torch's packed kernels, which are slower than a float
            matmul for long prompts). False frees them (~450 MB less for the bundled model).
    """
    counts = {"int4": 0, "int8": 0, "kept": 0}
    for parent_name, parent in list(model.named_modules()):
        for child_name, child in list(parent.named_children()):
            name = f"{parent_name}.{child_name}" if parent_name else child_name
            if type(child) is not nn.Linear or _skip(name) or type(parent).__name__.startswith("TrainableTokens"):
                continue  # (peft's trainable-token rows are merged into the float weight per call)
            k = child.in_features
            int4_ok = k % GROUP == 0 and child.out_features % 16 == 0
            if mode == "int4" and int4_ok or mode == "auto" and int4_ok and on_int4_grid(child.weight):
                new: nn.Module = Int4Linear(child, keep_float=keep_float)
                counts["int4"] += 1
            elif k % 8 == 0:
                new = Int8Linear(child, keep_float=keep_float)
                counts["int8"] += 1
            else:
                counts["kept"] += 1
                continue
            setattr(parent, child_name, new)
    _untie_output(model)
    return counts


def set_precise_activations(model: nn.Module, precise: bool = True) -> int:
    """Run the model's packed layers with near-float activations (our kernels only).

    One int8 term per block of 32 activations costs +0.9% validation perplexity on the bundled
    model and moves greedy text at near-ties. Precise mode (what :class:`Generator` sets by
    default) adds the rounding residual as a second int8 term: ~250x less activation error,
    fp32's greedy text, twice the integer dot products (8% slower single stream on AVX-512 VNNI,
    18-25% on AVX2). LoRA adapters need it: the humanizer's, trained on float activations, kept
    91% of held-out passages vs 82% with one term. Returns how many layers were set.
    """
    layers = [m for m in model.modules() if isinstance(m, _Packed)]
    for m in layers:
        m.precise = precise
    return len(layers)


def _untie_output(model: nn.Module) -> None:
    # The input embedding stays a float lookup table; only the output head was quantized.
    # Tell transformers the two are no longer shared so nothing tries to re-tie them.
    cfg = getattr(model, "config", None)
    if cfg is not None and getattr(cfg, "tie_word_embeddings", False):
        try:
            cfg.tie_word_embeddings = False
        except Exception:  # noqa: BLE001 - some configs are frozen; harmless for inference
            pass


class LoRAPacked(nn.Module):
    """A packed base layer plus one LoRA update, for inference: ``base(x) + (x A^T) (s B)^T``.

    peft's LoRA layer does the same sum, but through per-call adapter bookkeeping, dropout and
    dtype checks that cost more than the two tiny matmuls themselves (measured ~100 us per layer
    per decode step, 210 layers). The scale is folded into B once.
    """

    def __init__(self, base: nn.Module, lora_a: torch.Tensor, lora_b: torch.Tensor, scaling: float):
        super().__init__()
        self.base = base
        self.in_features, self.out_features = base.in_features, base.out_features
        self.register_buffer("lora_a", lora_a.detach().float().contiguous())
        self.register_buffer("lora_b", (lora_b.detach().float() * scaling).contiguous())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        update = nn.functional.linear(nn.functional.linear(x.to(self.lora_a.dtype), self.lora_a), self.lora_b)
        return self.base(x) + update.to(x.dtype)


def fuse_lora(model: nn.Module) -> int:
    """Swap peft LoRA layers over packed base layers for :class:`LoRAPacked` (inference only).

    Only plain LoRA with exactly one active adapter is fused (no DoRA or other variants, no
    LoRA bias, not merged); anything else keeps peft's own layer. Returns how many were fused.
    """
    fused = 0
    for parent_name, parent in list(model.named_modules()):
        for child_name, child in list(parent.named_children()):
            base = getattr(child, "base_layer", None)
            if not isinstance(base, _Packed) or not hasattr(child, "lora_A"):
                continue
            active = list(getattr(child, "active_adapters", []))
            if (len(active) != 1 or len(child.lora_A) != 1 or active[0] not in child.lora_A or child.merged
                    or getattr(child, "lora_variant", {}) or child.lora_bias.get(active[0])
                    or child.disable_adapters):
                continue
            name = active[0]
            setattr(parent, child_name, LoRAPacked(base, child.lora_A[name].weight, child.lora_B[name].weight,
                                                   float(child.scaling[name])))
            fused += 1
    return fused
