"""Our packed-weight kernels, every path this CPU runs (AVX-512 VNNI, AVX-VNNI, AVX2): exact
against a dequantized reference; the path choice; the fallback to torch's kernels."""

import shutil

import pytest
import torch
from torch import nn

from tunesmith import kernels
from tunesmith.quantize import Int4Linear, Int8Linear, _group_params, int4_records, int8_records

needs_kernels = pytest.mark.skipif(not kernels.available(), reason=f"kernels unavailable: {kernels.why_unavailable()}")


def kernel_ops(path: str):
    """The ops of one kernel path; skips (naming the missing CPU features or compiler) where it
    cannot run, fails where it should run but does not build."""
    missing = kernels.missing_features(path)
    if missing:
        pytest.skip(f"{path} kernels: CPU lacks {', '.join(missing)}")
    try:
        return kernels.load(path)
    except RuntimeError as err:
        if shutil.which("c++") is None and shutil.which("g++") is None:
            pytest.skip(f"{path} kernels: no C++ compiler ({err})")
        raise


@pytest.fixture(params=list(kernels.PATHS))
def ops(request, kernel_builds):
    return kernel_ops(request.param)


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


@pytest.mark.parametrize("rows", [1, 2, 3, 4, 5, 8, 9, 16])
@pytest.mark.parametrize("shape", [(16, 32), (48, 96), (208, 64)])
def test_int4_kernel_equals_int8_activation_reference(ops, rows, shape):
    """Every row-block size (8, 4..7, 2..3, 1 and their sums) and tile count gives the integer
    block dot products exactly, within 1-2% of the fp32 matmul (activation rounding)."""
    n, k = shape
    lin = grid_linear(n, k, seed=rows)
    x = torch.randn(rows, k)
    if k > 32:
        x[0, :32] = 0  # an all-zero block has no scale
    out = ops.int4_mm(x, int4_records(lin.weight))
    assert out.dtype == torch.float32 and out.shape == (rows, n)
    assert torch.allclose(out.double(), q8_reference(x, lin), rtol=1e-5, atol=1e-5)
    exact = x.double() @ lin.weight.double().T
    assert (out.double() - exact).norm() / exact.norm() < 0.03


def test_int4_kernel_layout_maps_every_weight(ops):
    """One weight at a time: each (output, input) position lands where the kernel reads it."""
    n, k = 32, 64
    lin = nn.Linear(k, n, bias=False)
    lin.weight.data.zero_()
    x = torch.arange(1, k + 1, dtype=torch.float32).repeat(1, 1) * 0 + 1  # ones: exact in int8
    for o, i in [(0, 0), (5, 3), (17, 16), (31, 63), (9, 45)]:
        lin.weight.data.zero_()
        lin.weight.data[o, i] = 1.0
        out = ops.int4_mm(x, int4_records(lin.weight))[0]
        expected = torch.zeros(n)
        expected[o] = 1.0
        assert torch.allclose(out, expected, atol=1e-6), (o, i, out.nonzero())


@pytest.mark.parametrize("rows", [1, 4, 8, 11])
def test_int8_kernel_reproduces_q8_0_weights(ops, rows):
    """Weights on a Q8_0 grid (the bundled head) are stored exactly; the only error left is the
    activations' int8 rounding, and the kernel's integer sums equal a float64 reference."""
    torch.manual_seed(rows)
    n, k = 48, 96
    lin = nn.Linear(k, n, bias=True)
    blocks = lin.weight.data.reshape(n, k // 32, 32)
    scale = blocks.abs().amax(-1, keepdim=True) / 127
    lin.weight.data = (torch.round(blocks / scale) * scale).reshape(n, k)  # a Q8_0 grid
    x = torch.randn(rows, k) * 30
    out = (ops.int8_mm(x, int8_records(lin.weight)) + lin.bias).double()
    xb = x.double().reshape(rows, k // 32, 32)
    amax = xb.abs().amax(-1, keepdim=True)
    xq = torch.round(xb * torch.where(amax > 0, 127 / amax, 0).float().double()) * amax / 127
    ref = xq.reshape(rows, k) @ lin.weight.double().T + lin.bias.double()
    assert torch.allclose(out, ref, rtol=1e-5, atol=1e-4)
    exact = x.double() @ lin.weight.double().T + lin.bias.double()
    assert (out - exact).norm() / exact.norm() < 0.02


def test_rms_norm_matches_transformers(ops):
    from transformers.models.llama.modeling_llama import LlamaRMSNorm

    norm = LlamaRMSNorm(64, eps=1e-5)
    norm.weight.data = torch.randn(64)
    x = torch.randn(3, 1, 64)
    assert torch.allclose(ops.rms_norm(x, norm.weight, 1e-5), norm(x), rtol=1e-5, atol=1e-6)


def test_kernel_rejects_mismatched_input_clearly(ops):
    with pytest.raises(RuntimeError, match="x has 32 columns, the weight expects 64"):
        ops.int4_mm(torch.randn(1, 32), int4_records(grid_linear(16, 64).weight))


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
    """Without our kernels (no AVX2, no compiler, or switched off) the layers use torch's."""
    monkeypatch.setattr(kernels, "_state", {"path": None, "why": "test"})
    lin = grid_linear(16, 64)
    layer = Int4Linear(lin)
    assert layer.kernel == "torch" and "kernel=torch" in repr(layer)
    x = torch.randn(2, 64)
    assert (layer(x) - lin(x)).norm() / lin(x).norm() < 0.01  # bf16 activations inside torch's kernel
    assert Int8Linear(nn.Linear(64, 16)).kernel == "torch"
    assert kernels.describe() == "torch (test)"


def test_switched_off_by_environment(monkeypatch):
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.setenv("TUNESMITH_KERNELS", "0")
    assert not kernels.available() and kernels.active() is None
    assert "TUNESMITH_KERNELS=0" in kernels.why_unavailable()
    with pytest.raises(RuntimeError, match="not available"):
        kernels.ops()


def test_unknown_path_in_environment_says_what_is_allowed(monkeypatch):
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.setenv("TUNESMITH_KERNELS", "sse9")
    assert not kernels.available()
    assert "'sse9' is not one of auto, 0, avx512, avxvnni, avx2" in kernels.why_unavailable()


@pytest.mark.parametrize("path", list(kernels.PATHS))
def test_environment_forces_a_lower_path(monkeypatch, path):
    """TUNESMITH_KERNELS=<path> caps the choice: that path where the CPU has it, else the best below."""
    runnable = kernels.cpu_paths()
    expected = next((p for p in list(kernels.PATHS)[list(kernels.PATHS).index(path):] if p in runnable), None)
    if expected is None:
        pytest.skip(f"CPU lacks {', '.join(kernels.missing_features(path))}: no path at or below {path}")
    kernel_ops(expected)  # skips (no compiler) like the kernel tests
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.setenv("TUNESMITH_KERNELS", path)
    assert kernels.active() == expected and kernels.describe() == f"tunesmith-{expected}"
    assert kernels.ops() is kernels.load(expected)


def test_best_path_is_used_where_the_cpu_has_one(monkeypatch):
    """A fast path that switches itself off is a defect: on an x86-64 CPU with AVX2 and a C++
    compiler, the default choice must be the best path this CPU runs."""
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.delenv("TUNESMITH_KERNELS", raising=False)
    runnable = kernels.cpu_paths()
    if not runnable:
        pytest.skip("CPU lacks avx2/fma (not x86-64 with AVX2): torch's kernels are the fast path here")
    if shutil.which("c++") is None and shutil.which("g++") is None:
        pytest.skip("no C++ compiler: torch's kernels are used")
    assert kernels.available(), kernels.why_unavailable()
    assert kernels.active() == runnable[0]


@pytest.mark.parametrize("rows", [1, 5, 8])
def test_every_path_computes_the_same(rows):
    """The paths differ only in float summation order (integer dot products are exact)."""
    runnable = [p for p in kernels.PATHS if not kernels.missing_features(p)]
    if len(runnable) < 2:
        pytest.skip(f"only {runnable or 'no path'} runs on this CPU: nothing to compare")
    lin = grid_linear(208, 96, seed=rows)
    x = torch.randn(rows, 96)
    packed, packed8 = int4_records(lin.weight), int8_records(lin.weight)
    outs = [(kernel_ops(p).int4_mm(x, packed, False), kernel_ops(p).int8_mm(x, packed8, True)) for p in runnable]
    for a, b in outs[1:]:
        assert torch.allclose(a, outs[0][0], rtol=1e-5, atol=1e-5)
        assert torch.allclose(b, outs[0][1], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dim", [32, 64])
@pytest.mark.parametrize("length", [1, 17, 300])
def test_decode_attention_equals_sdpa(ops, length, dim):
    """Grouped queries against a strided cache view, with padding masked per row."""
    torch.manual_seed(length)
    batch, kv_heads, group = 3, 2, 3
    cache_k, cache_v = torch.randn(batch, kv_heads, length + 40, dim), torch.randn(batch, kv_heads, length + 40, dim)
    keys, values = cache_k[:, :, :length], cache_v[:, :, :length]  # views, like GrowingLayer's
    q = torch.randn(batch, kv_heads, group, dim) * 3
    mask = torch.ones(batch, length, dtype=torch.bool)
    mask[1, : length // 2] = False  # left padding (the kernel starts at a row's first kept key)
    mask[1, length // 2 + 1:length // 2 + 2] = False  # a hole after the row's first kept key is still masked
    out = ops.decode_attention(q, keys, values, mask, 0.2)
    ref = torch.nn.functional.scaled_dot_product_attention(q, keys, values, attn_mask=mask[:, None, None, :], scale=0.2)
    assert torch.allclose(out, ref, atol=1e-5, rtol=1e-4)
    unmasked = ops.decode_attention(q, keys, values, None, 0.2)
    assert torch.allclose(unmasked[2], ref[2], atol=1e-5, rtol=1e-4)
    mask[2] = False  # a row with nothing to attend to gets zeros, not NaN
    assert torch.equal(ops.decode_attention(q, keys, values, mask, 0.2)[2], torch.zeros(kv_heads, group, dim))


@pytest.mark.parametrize("rows", [1, 3, 8])
def test_precise_activations_are_near_float(ops, rows):
    """Two int8 terms per block: the kernel's error against the float matmul drops ~100x."""
    n, k = 48, 96
    lin = grid_linear(n, k, seed=rows)
    packed = int4_records(lin.weight)
    x = torch.randn(rows, k)
    exact = x.double() @ lin.weight.double().T
    one = ops.int4_mm(x, packed).double()
    two = ops.int4_mm(x, packed, True).double()
    err_one, err_two = ((one - exact).norm() / exact.norm()).item(), ((two - exact).norm() / exact.norm()).item()
    assert err_two < 1e-4 and err_two < err_one / 50
    head = nn.Linear(k, n)
    ref = x.double() @ head.weight.double().T + head.bias.double()  # the Q8_0 grid is within 0.4%
    out = ops.int8_mm(x, int8_records(head.weight), True) + head.bias
    assert (out.double() - ref).norm() / ref.norm() < 0.01


@pytest.mark.parametrize("pattern", ["1000000000011", "0110100", "1111", "0000000001"])
def test_precision_per_row_equals_each_row_alone(ops, pattern):
    """precise_rows: the rows of a batch that run an adapter take two terms, the others one;
    every row bit-for-bit what it gets alone with its own flag (int4 and int8 layouts)."""
    n, k = 48, 96
    flags = torch.tensor([c == "1" for c in pattern])
    x = torch.randn(len(pattern), k)
    for mm, packed in ((ops.int4_mm, int4_records(grid_linear(n, k).weight)),
                       (ops.int8_mm, int8_records(nn.Linear(k, n).weight))):
        mixed = mm(x, packed, False, flags)
        for i, flag in enumerate(flags.tolist()):
            assert torch.equal(mixed[i], mm(x[i: i + 1], packed, flag)[0]), (pattern, i)
    with pytest.raises(RuntimeError, match="precise_rows must be"):
        ops.int4_mm(x, int4_records(grid_linear(n, k).weight), False, flags[:-1])


def test_kernels_give_the_same_results_from_other_threads(ops):
    """Off the main thread the kernels run on their own thread pool (OpenMP teams per thread
    made them 2.4x slower there); results must not depend on the thread, also when two threads
    call at once (the second runs serially)."""
    import threading

    lin = grid_linear(208, 96, seed=3)
    packed = int4_records(lin.weight)
    xs = [torch.randn(rows, 96) for rows in (1, 3, 8, 20)]
    expected = [ops.int4_mm(x, packed) for x in xs]
    q, k, v = torch.randn(2, 3, 3, 32), torch.randn(2, 3, 50, 32), torch.randn(2, 3, 50, 32)
    attention = ops.decode_attention(q, k, v, None, 0.2)
    results, errors = {}, []

    def work(tag):
        try:
            for _ in range(20):
                results[tag] = ([ops.int4_mm(x, packed) for x in xs],
                                ops.decode_attention(q, k, v, None, 0.2))
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


def test_pool_hands_out_chunks_safely_when_its_threads_lag(ops):
    """The pool hands out chunks of work by a counter and a call closes without waiting for a
    worker that never started. With more pool threads than cores, workers are often not running
    when a call starts or ends (the case the chunks are for): every result must still be exact,
    call after call, for sizes from one tile up."""
    import threading

    packed = {n: int4_records(grid_linear(n, 96, seed=n).weight) for n in (16, 48, 208, 1040)}
    xs = [torch.randn(rows, 96) for rows in (1, 4)]
    expected = {(n, i): ops.int4_mm(x, w) for n, w in packed.items() for i, x in enumerate(xs)}
    before = ops.pool_threads()
    bad, errors = [], []

    def work():
        try:
            torch.set_num_threads(1)
            for _ in range(150):
                for (n, i), want in expected.items():
                    if not torch.equal(ops.int4_mm(xs[i], packed[n]), want):
                        bad.append((n, i))
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    try:
        ops.pool_threads(3)  # one more thread than this machine's cores
        t = threading.Thread(target=work)
        t.start()
        t.join(timeout=120)
        assert not t.is_alive(), "a pool call never returned"
    finally:
        ops.pool_threads(before)
    assert not errors and not bad, (errors, bad[:5])


@pytest.mark.parametrize("rows,k,rank,n", [(1, 64, 8, 48), (5, 576, 48, 960), (2, 96, 20, 37), (13, 160, 16, 200),
                                           (32, 64, 64, 96)])
def test_lora_add_equals_two_matmuls(ops, rows, k, rank, n):
    """y += (x a) b in one call, for ranks and widths that are and are not whole vector blocks,
    on the main thread (OpenMP) and on another one (the pool), in place."""
    import threading

    torch.manual_seed(rows * rank)
    x, a, b, y = torch.randn(rows, k), torch.randn(k, rank) / 8, torch.randn(rank, n) / 8, torch.randn(rows, n)
    expected = (y.double() + (x.double() @ a.double()) @ b.double()).float()
    here = y.clone()
    ops.lora_add_(here, x, a, b)
    assert torch.allclose(here, expected, atol=1e-4, rtol=1e-4)
    there = y.clone()
    worker = threading.Thread(target=ops.lora_add_, args=(there, x, a, b))
    worker.start()
    worker.join()
    assert torch.allclose(there, expected, atol=1e-4, rtol=1e-4)
    with pytest.raises(RuntimeError, match="shapes do not chain"):
        ops.lora_add_(y, x, a, b[:-1])
    with pytest.raises(RuntimeError, match="contiguous 2-D float32"):
        ops.lora_add_(y, torch.randn(rows, 2 * k)[:, ::2], a, b)


def test_pool_thread_count_is_fixed_once_set(ops):
    """Once set (the engine does), the pool's thread count no longer follows the calling
    thread's torch setting, which the engine lowers to 1 around a decode step; results are the
    same at any count."""
    import threading

    lin = grid_linear(208, 96, seed=5)
    packed = int4_records(lin.weight)
    x = torch.randn(8, 96)
    before = ops.pool_threads()
    try:
        expected = ops.int4_mm(x, packed)
        assert ops.pool_threads(2) == 2 and ops.pool_threads() == 2
        out = {}

        def step():
            torch.set_num_threads(1)  # (this thread's own setting)
            out["y"] = ops.int4_mm(x, packed)

        t = threading.Thread(target=step)
        t.start()
        t.join()
        assert torch.equal(out["y"], expected)
    finally:
        ops.pool_threads(before)


def test_a_build_lock_left_by_a_killed_process_is_cleared(tmp_path):
    """torch's build lock is a plain file: a process killed mid-build (Ctrl-C, kill -9) used to leave it behind,
    and every later run waited for it forever. Whoever holds our OS lock knows no live builder owns it."""
    import subprocess
    import sys

    (tmp_path / "lock").touch()  # what a killed builder leaves
    with kernels._builder_lock(tmp_path):
        assert not (tmp_path / "lock").exists()
        (tmp_path / "lock").touch()  # a live build's own lock, held under ours
    # ... and while another live process holds the OS lock, its torch lock is left alone: we wait for it instead (had
    # we deleted it, the holder's own unlink would fail and it would exit non-zero)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, pathlib, time\n"
        f"d = pathlib.Path({str(tmp_path)!r}); f = open(d / 'tunesmith.lock', 'a+'); fcntl.flock(f, fcntl.LOCK_EX)\n"
        "(d / 'lock').touch(); print('held', flush=True); time.sleep(0.5); (d / 'lock').unlink()\n")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with kernels._builder_lock(tmp_path):
        assert not (tmp_path / "lock").exists()
    assert holder.wait(timeout=30) == 0
