"""Weight-only quantization: exactness on 4-bit grids, int8 accuracy, LoRA left alone."""

import pytest
import torch
from torch import nn

from tunesmith.quantize import PACKED_MAX_ROWS, Int4Linear, Int8Linear, _group_params, on_int4_grid, quantize_weights


def grid_linear(n=64, k=96, seed=0) -> nn.Linear:
    """A Linear whose weights are dequantized 4-bit values (like a Q4_1 GGUF)."""
    torch.manual_seed(seed)
    lin = nn.Linear(k, n, bias=False)
    wg, lo, scale = _group_params(lin.weight.data, 32)
    lin.weight.data = (torch.round((wg - lo) / scale) * scale + lo).reshape(n, k)
    return lin


def test_grid_detection():
    assert on_int4_grid(grid_linear().weight)
    assert not on_int4_grid(nn.Linear(96, 64).weight)  # random floats
    assert not on_int4_grid(torch.zeros(64, 50))  # not a whole number of blocks


def test_int4_reproduces_grid_weights():
    lin = grid_linear()
    q = Int4Linear(lin)
    x = torch.randn(1, 3, 96)
    ref = lin(x)
    out = q(x)
    # exact weights; only the activations' rounding (int8 per block in ours, bf16 in torch's) differs
    assert out.shape == ref.shape and out.dtype == ref.dtype
    assert (out - ref).norm() / ref.norm() < 0.02


def test_prefill_sized_inputs_use_the_float_weight():
    lin = grid_linear()
    q = Int4Linear(lin)
    x = torch.randn(PACKED_MAX_ROWS + 1, 96)
    assert torch.equal(q(x), lin(x))  # bit-identical: the float path
    q_lean = Int4Linear(lin, keep_float=False)
    assert (q_lean(x) - lin(x)).norm() / lin(x).norm() < 0.02


def test_int8_close_to_float():
    torch.manual_seed(1)
    lin = nn.Linear(64, 48, bias=True)
    q = Int8Linear(lin)
    x = torch.randn(2, 64)
    assert (q(x) - lin(x)).norm() / lin(x).norm() < 0.02
    assert torch.allclose(q.bias, lin.bias)


def test_quantize_weights_picks_int4_only_on_grids():
    model = nn.Sequential(grid_linear(), nn.ReLU(), nn.Linear(64, 32))
    counts = quantize_weights(model)
    assert counts == {"int4": 1, "int8": 1, "kept": 0}
    assert isinstance(model[0], Int4Linear) and isinstance(model[2], Int8Linear)


def test_lora_matrices_stay_float_and_output_matches():
    from peft import LoraConfig, get_peft_model

    from tunesmith.models import build_tiny_random

    model, _ = build_tiny_random(seed=3)
    for mod in model.modules():  # put the base weights on a 4-bit grid, like the bundled model
        if type(mod) is nn.Linear and mod.in_features % 32 == 0:
            wg, lo, scale = _group_params(mod.weight.data, 32)
            mod.weight.data = (torch.round((wg - lo) / scale) * scale + lo).reshape(mod.weight.shape)
    peft_model = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    peft_model.eval()
    ids = torch.tensor([[5, 17, 99, 3]])
    with torch.no_grad():
        ref = peft_model(ids[:, :1]).logits
        counts = quantize_weights(peft_model)
        out = peft_model(ids[:, :1]).logits
    assert counts["int4"] > 0
    for name, mod in peft_model.named_modules():
        if name.endswith(("lora_A.default", "lora_B.default")):
            assert type(mod) is nn.Linear, name
    assert (out - ref).norm() / ref.norm() < 0.02
    # fused LoRA (no peft bookkeeping per call) computes the same as peft's layer over the packed base
    from tunesmith.quantize import LoRAPacked, fuse_lora

    with torch.no_grad():
        assert fuse_lora(peft_model) == 2 * model.config.num_hidden_layers
        fused = peft_model(ids[:, :1]).logits
    assert any(isinstance(m, LoRAPacked) for m in peft_model.modules())
    torch.testing.assert_close(fused, out, atol=1e-5, rtol=1e-4)


def test_generator_quantize_modes(tiny):
    from tunesmith.errors import ConfigError
    from tunesmith.generate import Generator
    from tunesmith.models import load_model

    gen = Generator(load_model("tiny-random"), quantize="int8")
    assert gen.info()["quantization"].startswith("int8:")
    out = gen.generate("hi", {"temperature": 0, "max_new_tokens": 4})[0]
    assert out.completion_tokens == 4
    with pytest.raises(ConfigError, match="quantize"):
        Generator(load_model("tiny-random"), quantize="int3")
