"""Our AVX-512 packed-weight kernels: exact against a dequantized reference, and the fallback."""

import pytest
import torch
from torch import nn

from tunesmith import kernels
from tunesmith.quantize import Int4Linear, Int8Linear, _group_params

needs_kernels = pytest.mark.skipif(not kernels.available(), reason=f"kernels unavailable: {kernels.why_unavailable()}")


def grid_linear(n, k, seed=0, bias=False) -> nn.Linear:
    torch.manual_seed(seed)
    lin = nn.Linear(k, n, bias=bias)
    wg, lo, scale = _group_params(lin.weight.data, 32)
    lin.weight.data = (torch.round((wg - lo) / scale) * scale + lo).reshape(n, k)
    return lin


@needs_kernels
@pytest.mark.parametrize("rows", [1, 2, 3, 5, 8, 9, 16])
@pytest.mark.parametrize("shape", [(4, 32), (12, 96), (200, 64)])
def test_int4_kernel_equals_float_matmul_on_grid_weights(rows, shape):
    """Every row-block size (8, 4..7, 2..3, 1 and their sums) gives x @ W.T in fp32."""
    n, k = shape
    lin = grid_linear(n, k, seed=rows)
    layer = Int4Linear(lin)
    assert layer.kernel == "tunesmith"
    x = torch.randn(rows, k)
    ref = x.double() @ lin.weight.double().T
    out = torch.ops.tunesmith.int4_mm(x, layer.packed)
    assert out.dtype == torch.float32 and out.shape == (rows, n)
    assert torch.allclose(out.double(), ref, rtol=1e-5, atol=1e-5)


@needs_kernels
@pytest.mark.parametrize("fp16", [False, True])
@pytest.mark.parametrize("rows", [1, 4, 8, 11])
def test_int8_kernel_equals_dequantized_matmul(rows, fp16, monkeypatch):
    """fp32 products are exact; fp16 products (4+ rows, CPUs with AVX512-FP16) within 2e-3."""
    monkeypatch.setattr(kernels, "FP16", fp16)
    torch.manual_seed(rows)
    lin = nn.Linear(64, 36, bias=True)
    layer = Int8Linear(lin)
    assert layer.kernel == "tunesmith"
    x = torch.randn(rows, 64) * 30  # activations well above 1: the fp16 path rescales them
    dequant = layer.qweight.double() * layer.scale.double()[:, None]
    ref = x.double() @ dequant.T + lin.bias.double()
    out = layer(x).double()
    if fp16 and rows >= 4:
        assert (out - ref).norm() / ref.norm() < 2e-3
    else:
        assert torch.allclose(out, ref, rtol=1e-5, atol=1e-5)


@needs_kernels
def test_rms_norm_matches_transformers():
    from transformers.models.llama.modeling_llama import LlamaRMSNorm

    norm = LlamaRMSNorm(64, eps=1e-5)
    norm.weight.data = torch.randn(64)
    x = torch.randn(3, 1, 64)
    assert torch.allclose(torch.ops.tunesmith.rms_norm(x, norm.weight, 1e-5), norm(x), rtol=1e-5, atol=1e-6)


@needs_kernels
def test_kernel_rejects_mismatched_input_clearly():
    layer = Int4Linear(grid_linear(8, 64))
    with pytest.raises(RuntimeError, match="x has 32 columns, the weight expects 64"):
        torch.ops.tunesmith.int4_mm(torch.randn(1, 32), layer.packed)


@needs_kernels
def test_packed_layers_handle_any_leading_shape_and_dtype():
    lin = grid_linear(8, 64, bias=True)
    layer = Int4Linear(lin, keep_float=False)
    x = torch.randn(2, 3, 64)
    assert torch.allclose(layer(x), lin(x), rtol=1e-4, atol=1e-5)
    assert torch.allclose(layer(x[:, ::2]), lin(x[:, ::2]), rtol=1e-4, atol=1e-5)  # non-contiguous input


def test_fallback_to_torch_kernels(monkeypatch):
    """Without our kernels (no AVX-512, no compiler, or switched off) the layers use torch's."""
    monkeypatch.setattr(kernels, "_state", {"ok": False, "why": "test"})
    lin = grid_linear(16, 64)
    layer = Int4Linear(lin)
    assert layer.kernel == "torch" and "kernel=torch" in repr(layer)
    x = torch.randn(2, 64)
    assert (layer(x) - lin(x)).norm() / lin(x).norm() < 0.01  # bf16 activations inside torch's kernel
    assert Int8Linear(nn.Linear(64, 16)).kernel == "torch"


def test_switched_off_by_environment(monkeypatch):
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.setenv("TUNESMITH_KERNELS", "0")
    assert not kernels.available()
    assert "TUNESMITH_KERNELS=0" in kernels.why_unavailable()


@needs_kernels
@pytest.mark.parametrize("length", [1, 17, 300])
def test_decode_attention_equals_sdpa(length):
    """Grouped queries against a strided cache view, with padding masked per row."""
    torch.manual_seed(length)
    batch, kv_heads, group, dim = 3, 2, 3, 32
    cache_k, cache_v = torch.randn(batch, kv_heads, length + 40, dim), torch.randn(batch, kv_heads, length + 40, dim)
    keys, values = cache_k[:, :, :length], cache_v[:, :, :length]  # views, like GrowingLayer's
    q = torch.randn(batch, kv_heads, group, dim) * 3
    mask = torch.ones(batch, length, dtype=torch.bool)
    mask[1, : length // 2] = False  # left padding
    out = torch.ops.tunesmith.decode_attention(q, keys, values, mask, 0.2)
    ref = torch.nn.functional.scaled_dot_product_attention(q, keys, values, attn_mask=mask[:, None, None, :], scale=0.2)
    assert torch.allclose(out, ref, atol=1e-5, rtol=1e-4)
    unmasked = torch.ops.tunesmith.decode_attention(q, keys, values, None, 0.2)
    assert torch.allclose(unmasked[0], ref[0], atol=1e-5, rtol=1e-4)
    mask[2] = False  # a row with nothing to attend to gets zeros, not NaN
    assert torch.equal(torch.ops.tunesmith.decode_attention(q, keys, values, mask, 0.2)[2], torch.zeros(kv_heads, group, dim))
