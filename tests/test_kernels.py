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


def q8_reference(x: torch.Tensor, lin: nn.Linear) -> torch.Tensor:
    """What the int4 kernel computes, in float64: x quantized to int8 per block of 32 (round to
    nearest), integer dot products with the weights' 4-bit levels, and exact float sums of x
    for the blocks' minimums."""
    n, k = lin.weight.shape
    wg, lo, scale = _group_params(lin.weight.data, 32)
    q = torch.round((wg - lo) / scale).double()  # n, blocks, 32
    xb = x.double().reshape(x.shape[0], k // 32, 32)
    amax = xb.abs().amax(-1, keepdim=True)
    xq = torch.round(xb * torch.where(amax > 0, 127 / amax, 0)).float().double()  # float32 scaling, like the kernel
    dots = torch.einsum("mgk,ngk->mng", xq, q) * (amax / 127).transpose(1, 2)
    return (dots * scale[..., 0].double()).sum(-1) + xb.sum(-1) @ lo[..., 0].double().T


@needs_kernels
@pytest.mark.parametrize("rows", [1, 2, 3, 5, 8, 9, 16])
@pytest.mark.parametrize("shape", [(16, 32), (48, 96), (208, 64)])
def test_int4_kernel_equals_int8_activation_reference(rows, shape):
    """Every row-block size (8, 4..7, 2..3, 1 and their sums) and tile count gives the integer
    block dot products exactly, within 1-2% of the fp32 matmul (activation rounding)."""
    n, k = shape
    lin = grid_linear(n, k, seed=rows)
    layer = Int4Linear(lin)
    assert layer.kernel == "tunesmith"
    x = torch.randn(rows, k)
    if k > 32:
        x[0, :32] = 0  # an all-zero block has no scale
    out = torch.ops.tunesmith.int4_mm(x, layer.packed)
    assert out.dtype == torch.float32 and out.shape == (rows, n)
    assert torch.allclose(out.double(), q8_reference(x, lin), rtol=1e-5, atol=1e-5)
    exact = x.double() @ lin.weight.double().T
    assert (out.double() - exact).norm() / exact.norm() < 0.03


@needs_kernels
def test_int4_kernel_layout_maps_every_weight():
    """One weight at a time: each (output, input) position lands where the kernel reads it."""
    n, k = 32, 64
    lin = nn.Linear(k, n, bias=False)
    lin.weight.data.zero_()
    x = torch.arange(1, k + 1, dtype=torch.float32).repeat(1, 1) * 0 + 1  # ones: exact in int8
    for o, i in [(0, 0), (5, 3), (17, 16), (31, 63), (9, 45)]:
        lin.weight.data.zero_()
        lin.weight.data[o, i] = 1.0
        out = torch.ops.tunesmith.int4_mm(x, Int4Linear(lin).packed)[0]
        expected = torch.zeros(n)
        expected[o] = 1.0
        assert torch.allclose(out, expected, atol=1e-6), (o, i, out.nonzero())


@needs_kernels
@pytest.mark.parametrize("rows", [1, 4, 8, 11])
def test_int8_kernel_reproduces_q8_0_weights(rows):
    """Weights on a Q8_0 grid (the bundled head) are stored exactly; the only error left is the
    activations' int8 rounding, and the kernel's integer sums equal a float64 reference."""
    torch.manual_seed(rows)
    n, k = 48, 96
    lin = nn.Linear(k, n, bias=True)
    blocks = lin.weight.data.reshape(n, k // 32, 32)
    scale = blocks.abs().amax(-1, keepdim=True) / 127
    lin.weight.data = (torch.round(blocks / scale) * scale).reshape(n, k)  # a Q8_0 grid
    layer = Int8Linear(lin)
    assert layer.kernel == "tunesmith"
    x = torch.randn(rows, k) * 30
    out = layer(x).double()
    xb = x.double().reshape(rows, k // 32, 32)
    amax = xb.abs().amax(-1, keepdim=True)
    xq = torch.round(xb * torch.where(amax > 0, 127 / amax, 0).float().double()) * amax / 127
    ref = xq.reshape(rows, k) @ lin.weight.double().T + lin.bias.double()
    assert torch.allclose(out, ref, rtol=1e-5, atol=1e-4)
    exact = x.double() @ lin.weight.double().T + lin.bias.double()
    assert (out - exact).norm() / exact.norm() < 0.02


@needs_kernels
def test_rms_norm_matches_transformers():
    from transformers.models.llama.modeling_llama import LlamaRMSNorm

    norm = LlamaRMSNorm(64, eps=1e-5)
    norm.weight.data = torch.randn(64)
    x = torch.randn(3, 1, 64)
    assert torch.allclose(torch.ops.tunesmith.rms_norm(x, norm.weight, 1e-5), norm(x), rtol=1e-5, atol=1e-6)


@needs_kernels
def test_kernel_rejects_mismatched_input_clearly():
    layer = Int4Linear(grid_linear(16, 64))
    with pytest.raises(RuntimeError, match="x has 32 columns, the weight expects 64"):
        torch.ops.tunesmith.int4_mm(torch.randn(1, 32), layer.packed)


@needs_kernels
def test_packed_layers_handle_any_leading_shape_and_dtype():
    lin = grid_linear(16, 64, bias=True)
    layer = Int4Linear(lin, keep_float=False)
    x = torch.randn(2, 3, 64)

    def close(a, b):  # int8 activations inside: ~1% relative error
        return (a - b).norm() / b.norm() < 0.03

    assert close(layer(x), lin(x))
    assert close(layer(x[:, ::2]), lin(x[:, ::2]))  # non-contiguous input
    assert close(layer(x.double()), lin(x).double()) and layer(x.double()).dtype == torch.float64


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


@needs_kernels
@pytest.mark.parametrize("rows", [1, 3, 8])
def test_precise_activations_are_near_float(rows):
    """Two int8 terms per block: the kernel's error against the float matmul drops ~100x."""
    n, k = 48, 96
    lin = grid_linear(n, k, seed=rows)
    layer = Int4Linear(lin)
    x = torch.randn(rows, k)
    exact = x.double() @ lin.weight.double().T
    one = torch.ops.tunesmith.int4_mm(x, layer.packed).double()
    two = torch.ops.tunesmith.int4_mm(x, layer.packed, True).double()
    err_one, err_two = ((one - exact).norm() / exact.norm()).item(), ((two - exact).norm() / exact.norm()).item()
    assert err_two < 1e-4 and err_two < err_one / 50
    head = Int8Linear(nn.Linear(k, n))
    head.precise = True
    ref = x.double() @ head.float_weight.double().T + head.bias.double()  # the Q8_0 grid is within 0.4%
    assert (head(x).double() - ref).norm() / ref.norm() < 0.01


@needs_kernels
def test_kernels_give_the_same_results_from_other_threads():
    """Off the main thread the kernels run on their own thread pool (OpenMP teams per thread
    made them 2.4x slower there); results must not depend on the thread, also when two threads
    call at once (the second runs serially)."""
    import threading

    lin = grid_linear(208, 96, seed=3)
    layer = Int4Linear(lin)
    xs = [torch.randn(rows, 96) for rows in (1, 3, 8, 20)]
    expected = [torch.ops.tunesmith.int4_mm(x, layer.packed) for x in xs]
    q, k, v = torch.randn(2, 3, 3, 32), torch.randn(2, 3, 50, 32), torch.randn(2, 3, 50, 32)
    attention = torch.ops.tunesmith.decode_attention(q, k, v, None, 0.2)
    results, errors = {}, []

    def work(tag):
        try:
            for _ in range(20):
                results[tag] = ([torch.ops.tunesmith.int4_mm(x, layer.packed) for x in xs],
                                torch.ops.tunesmith.decode_attention(q, k, v, None, 0.2))
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 2
    for outs, att in results.values():
        assert all(torch.equal(a, b) for a, b in zip(outs, expected))
        assert torch.equal(att, attention)
