"""The growing KV cache and the lean llama decode step equal transformers' own computation."""

import os
import pytest
import torch
from transformers import DynamicCache

from tunesmith import fast_decode, kernels
from tunesmith.kv_cache import CACHE_KWARG, GrowingCache, GrowingLayer
from tunesmith.models import build_tiny_random
from tunesmith.quantize import Int4Linear, quantize_weights

PROMPTS = ["The quick brown fox", "Once upon a time, in a land far away,", "Hello"]


def tiny_model(seed=0):
    model, tok = build_tiny_random(seed=seed)
    tok.padding_side = "left"
    return model.eval(), tok


def greedy(model, enc, cache=None, **kw):
    with torch.inference_mode():
        extra = {CACHE_KWARG: cache} if cache is not None else {}
        return model.generate(**enc, max_new_tokens=20, do_sample=False, pad_token_id=0, **extra, **kw)


def test_growing_cache_generates_what_dynamic_cache_does(monkeypatch):
    monkeypatch.setattr(GrowingLayer, "BLOCK", 8)  # force several regrowths within 20 tokens
    model, tok = tiny_model()
    enc = tok(PROMPTS, return_tensors="pt", padding=True, add_special_tokens=False)
    ref = greedy(model, enc, DynamicCache(config=model.config))
    assert torch.equal(greedy(model, enc, GrowingCache(config=model.config)), ref)
    # beam search reorders the cache every step
    ref_beams = greedy(model, enc, num_beams=3)
    assert torch.equal(greedy(model, enc, GrowingCache(config=model.config), num_beams=3), ref_beams)


def test_growing_layer_writes_in_place_between_regrowths(monkeypatch):
    monkeypatch.setattr(GrowingLayer, "BLOCK", 16)
    layer = GrowingLayer()
    k = torch.randn(2, 3, 5, 8)
    keys, _ = layer.update(k, k)
    buffer = layer._k_buf
    for step in range(6):
        new = torch.randn(2, 3, 1, 8)
        keys, values = layer.update(new, new)
        assert torch.equal(keys[:, :, -1:], new)
    assert layer._k_buf is buffer and keys.shape[2] == 11 and layer.get_seq_length() == 11
    assert torch.equal(keys[:, :, :5], k)
    layer.crop(-4)
    assert layer.get_seq_length() == 7
    keys, _ = layer.update(new, new)
    assert keys.shape[2] == 8 and torch.equal(keys[:, :, :5], k)


def test_growing_layer_row_edits_in_place_match_rebuilt_tensors(monkeypatch):
    """A scheduler's joins, leaves, left-padding and trims, in place, against the same edits
    done with cat / index_select on plain tensors (padding must be zeros: attention reads it)."""
    monkeypatch.setattr(GrowingLayer, "BLOCK", 8)
    # new buffers start as NaN, so a column that is read before it is written shows
    monkeypatch.setattr(torch.Tensor, "new_empty", lambda self, size, **kw: torch.full(size, float("nan")))
    torch.manual_seed(0)
    layer, ref = GrowingLayer(), torch.randn(2, 3, 5, 4)
    layer.row_capacity = 6
    layer.update(ref, ref * 2)

    def check():
        assert torch.equal(layer.keys, ref) and torch.equal(layer.values, ref * 2)
        assert layer.get_seq_length() == ref.shape[2]
        assert layer._k_buf.shape[0] <= layer.row_capacity or layer._k_buf.shape[0] == layer._rows

    def step(ref):
        new = torch.randn(layer._rows, 3, 1, 4)
        layer.update(new, new * 2)
        return torch.cat([ref, new], dim=2)

    ref = step(ref)
    check()
    short = torch.randn(2, 3, 4, 4)  # two rows joining in the middle, shorter: right-aligned
    layer.insert_rows(1, short, short * 2)
    padded = torch.cat([torch.zeros(2, 3, 2, 4), short], dim=2)
    ref = torch.cat([ref[:1], padded, ref[1:]])
    check()
    layer.pad_left(3)  # a longer prompt joins: zero columns before every row (a new buffer here)
    ref = torch.cat([torch.zeros(4, 3, 3, 4), ref], dim=2)
    check()
    for _ in range(9):  # past a regrowth
        ref = step(ref)
    check()
    layer.keep_rows([0, 2, 3])  # a row left
    ref = ref[[0, 2, 3]]
    check()
    layer.keep_rows([2, 1, 0])  # any order (the scheduler moves a group's last row into a hole)
    ref = ref[[2, 1, 0]]
    check()
    layer.drop_left(3)  # trimmed padding: an offset, no copy
    buffer = layer._k_buf
    ref = ref[:, :, 3:]
    check()
    layer.pad_left(2)  # room on the left now: same buffer
    ref = torch.cat([torch.zeros(3, 3, 2, 4), ref], dim=2)
    check()
    assert layer._k_buf is buffer
    ref = step(ref)
    check()
    with pytest.raises(ValueError, match="pad the cache first"):
        layer.insert_rows(0, torch.randn(1, 3, 99, 4), torch.randn(1, 3, 99, 4))
    # without a row capacity, inserted rows get exactly the room they need
    layer, ref = GrowingLayer(), torch.randn(1, 3, 3, 4)
    layer.update(ref, ref * 2)
    new = torch.randn(2, 3, 3, 4)
    layer.insert_rows(1, new, new * 2)
    ref = torch.cat([ref, new])
    check()
    assert layer._k_buf.shape[0] == 3
    # a cache whose rows all left takes a fresh batch
    layer.keep_rows([])
    ref = torch.randn(2, 3, 2, 4)
    layer.update(ref, ref * 2)
    check()


def packed_tiny(seed=0, mode="int8"):
    """Random weights packed like Generator does. int8 layers keep float activations, so the lean
    step must give transformers' numbers to float rounding; our int4 kernel rounds activations
    to int8 per block, where a last-bit difference upstream can move a value by one level."""
    model, tok = tiny_model(seed)
    quantize_weights(model, mode)  # int4: everywhere (lossy, but the same for both paths)
    return model, tok


def decode_logits(model, enc, fast: bool):
    """Prefill through transformers, then one decode step (fast or transformers')."""
    with torch.inference_mode():
        cache = GrowingCache(config=model.config)
        out = model(**enc, **{CACHE_KWARG: cache}, use_cache=True)
        nxt = out.logits[:, -1:].argmax(-1)
        mask = torch.cat([enc["attention_mask"], torch.ones_like(nxt)], dim=1)
        positions = mask.long().cumsum(-1)[:, -1:] - 1
        if not fast:
            cache = DynamicCache(config=model.config)
            model(**enc, **{CACHE_KWARG: cache}, use_cache=True)
        return model(input_ids=nxt, attention_mask=mask, position_ids=positions, **{CACHE_KWARG: cache}).logits


@pytest.mark.parametrize("mode", ["int8", "int4"])
@pytest.mark.parametrize("prompts", [PROMPTS[:1], PROMPTS])
def test_lean_decode_step_equals_transformers(prompts, mode, monkeypatch, kernel_path):
    """Same logits for one new token per row, with and without left padding, on every kernel
    path; int4 runs the fused q/k/v and gate/up kernel calls."""
    model, tok = packed_tiny(mode=mode)
    enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    ref = decode_logits(model, enc, fast=False)  # not installed yet: transformers' forward
    assert fast_decode.install(model)
    calls = []
    step = fast_decode.decode_step
    monkeypatch.setattr(fast_decode, "decode_step", lambda *a: calls.append(1) or step(*a))
    fast = decode_logits(model, enc, fast=True)
    # the decode step went through ours; so did the prefill when no row is padded
    assert len(calls) == (2 if len(prompts) == 1 else 1)
    assert model.model._tunesmith_kernels == (kernel_path != "torch")
    if mode == "int8" or kernel_path == "torch":
        assert torch.allclose(fast, ref, rtol=1e-4, atol=1e-4)
    else:  # one-level int8 rounding flips: ~1% (a wrong rotary sign gives 2-5% with exact activations)
        assert ((fast - ref).norm(dim=-1) / ref.norm(dim=-1)).max() < 0.05


@pytest.mark.parametrize("mode", ["int8", "int4"])
def test_lean_prefill_equals_transformers(mode, monkeypatch, kernel_path):
    """An unpadded prompt prefill (rows of one length, several new tokens each) gives
    transformers' logits at every position, from an empty cache and after a cached prefix
    (the engine's prefix cache): causal attention over the old and the new keys."""
    model, tok = packed_tiny(mode=mode)
    ids = tok(PROMPTS[1:2] * 2, return_tensors="pt", add_special_tokens=False)["input_ids"]
    ids[1, 3] = ids[0, 5]  # two different rows of one length
    def split(cache):  # a cached prefix, then the rest (the engine's prefix cache)
        return torch.cat([model(input_ids=part, **{CACHE_KWARG: cache}).logits for part in (ids[:, :4], ids[:, 4:])], 1)

    with torch.inference_mode():
        # (each against transformers on the same calls: how many rows a call has picks the
        # packed or the float matmul for layers that keep their float weight)
        ref = model(input_ids=ids, **{CACHE_KWARG: DynamicCache(config=model.config)}).logits
        ref_split = split(DynamicCache(config=model.config))
        assert fast_decode.install(model)
        calls = []
        step = fast_decode.decode_step
        monkeypatch.setattr(fast_decode, "decode_step", lambda *a: calls.append(a[1].shape) or step(*a))
        whole = model(input_ids=ids, **{CACHE_KWARG: GrowingCache(config=model.config)}).logits
        parts = split(GrowingCache(config=model.config))
    assert [tuple(c) for c in calls] == [tuple(ids.shape), (2, 4), (2, ids.shape[1] - 4)]
    for fast, ref in ((whole, ref), (parts, ref_split)):
        if mode == "int8" or kernel_path == "torch":
            assert torch.allclose(fast, ref, rtol=1e-4, atol=1e-4)
        else:  # (int8 rounding of activations, as for the decode step)
            assert ((fast - ref).norm(dim=-1) / ref.norm(dim=-1)).max() < 0.05
    # a padded batch is left to transformers (its mask is not causal-only)
    calls.clear()
    enc = tok(PROMPTS, return_tensors="pt", padding=True, add_special_tokens=False)
    with torch.inference_mode():
        model(**enc, **{CACHE_KWARG: GrowingCache(config=model.config)})
    assert calls == []


def test_lean_decode_generation_equals_transformers(kernel_path):
    """Greedy and beam search (which reorders the cache every step) give transformers' tokens."""
    model, tok = packed_tiny(seed=1)  # int8: float activations, so tokens must match exactly
    enc = tok(PROMPTS, return_tensors="pt", padding=True, add_special_tokens=False)
    ref = greedy(model, enc, DynamicCache(config=model.config))
    ref_beams = greedy(model, enc, DynamicCache(config=model.config), num_beams=3)
    fast_decode.install(model)
    assert torch.equal(greedy(model, enc, GrowingCache(config=model.config)), ref)
    assert torch.equal(greedy(model, enc, GrowingCache(config=model.config), num_beams=3), ref_beams)


def test_fused_projections_share_memory_with_their_layers():
    if not kernels.available():
        pytest.skip(f"kernels unavailable: {kernels.why_unavailable()}")
    model, tok = packed_tiny(mode="int4")
    fast_decode.install(model)
    plan = fast_decode._plans(model.model)[0]
    attn = model.model.layers[0].self_attn
    assert isinstance(attn.q_proj, Int4Linear)
    x = torch.randn(2, 64)
    fused = plan.qkv(x)
    assert torch.allclose(fused, torch.cat([attn.q_proj(x), attn.k_proj(x), attn.v_proj(x)], -1), atol=1e-5)
    assert attn.k_proj.packed.untyped_storage().data_ptr() == attn.q_proj.packed.untyped_storage().data_ptr()


def test_only_llama_layout_is_routed():
    from transformers import GPT2Config, GPT2LMHeadModel

    gpt2 = GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=32, n_head=2, vocab_size=100))
    assert not fast_decode.supports(gpt2) and not fast_decode.install(gpt2)
    model, _ = tiny_model()
    assert fast_decode.supports(model)


def test_adapter_models_are_routed_too():
    """A peft LoRA model on packed weights (the humanizer's setup) uses the lean step as well."""
    from peft import LoraConfig, get_peft_model

    from tunesmith.quantize import fuse_lora

    model, tok = tiny_model(seed=2)
    peft_model = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    quantize_weights(peft_model, "int8")  # the base layers under LoRA get packed, as in Generator
    assert fuse_lora(peft_model) == 4
    enc = tok(PROMPTS, return_tensors="pt", padding=True, add_special_tokens=False)
    ref = greedy(peft_model, enc, DynamicCache(config=model.config))
    assert fast_decode.supports(peft_model) and fast_decode.install(peft_model)
    assert torch.equal(greedy(peft_model, enc, GrowingCache(config=model.config)), ref)


def test_lora_beside_int4_bases_runs_fused(monkeypatch, kernel_path):
    """A LoRA adapter on every projection over int4 bases (the bundled humanizer) runs the fused
    q/k/v and gate/up base calls plus one stacked update per group, with transformers' logits."""
    from peft import LoraConfig, get_peft_model

    from tunesmith.engine import adapters
    from tunesmith.quantize import fuse_lora

    model, tok = tiny_model(seed=3)
    targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    peft_model = get_peft_model(model, LoraConfig(r=4, target_modules=targets, init_lora_weights=False)).eval()
    quantize_weights(peft_model, "int4")
    assert fuse_lora(peft_model) == 7 * model.config.num_hidden_layers
    enc = tok(PROMPTS, return_tensors="pt", padding=True, add_special_tokens=False)
    ref = decode_logits(peft_model, enc, fast=False)
    updates = []
    update = adapters.update_
    monkeypatch.setattr(adapters, "update_", lambda *a: updates.append(a[2].shape[1]) or update(*a))
    assert fast_decode.install(peft_model)
    fast = decode_logits(peft_model, enc, fast=True)
    if kernel_path == "torch":  # (no fused int4 kernel: each layer's own forward)
        assert not updates and torch.allclose(fast, ref, rtol=1e-4, atol=1e-4)
        return
    # four groups per layer (q/k/v stacked to rank 12, gate/up to 8, o and down 4 each), once per decode step
    assert sorted(updates) == sorted([12, 8, 4, 4] * model.config.num_hidden_layers)
    assert ((fast - ref).norm(dim=-1) / ref.norm(dim=-1)).max() < 0.05


def test_generator_runs_the_lean_step_and_kernels(monkeypatch, tiny):
    """Fails loudly when the fast path switches itself off (a transformers release renaming an
    argument did that once): a packed llama Generator must route every decode step through the
    lean step, on our kernels wherever this CPU has a kernel path."""
    from tunesmith.generate import Generator, SamplingParams
    from tunesmith.models import load_model

    gen = Generator(load_model("tiny-random"), quantize="auto")
    info = gen.info()
    assert info["fast_decode"] is True
    if kernels.cpu_paths() and kernels.available():
        forced = os.environ.get("TUNESMITH_KERNELS", "auto").strip().lower()  # e.g. avx2 on an AVX-512 CPU
        best = forced if forced in kernels.cpu_paths() else kernels.cpu_paths()[0]
        assert info["kernels"] == f"tunesmith-{best}"
    calls = []
    step = fast_decode.decode_step
    monkeypatch.setattr(fast_decode, "decode_step", lambda *a: calls.append(1) or step(*a))
    gen.generate(["Hello there", "Once upon a time"], SamplingParams(temperature=0, max_new_tokens=6, stop=[]))
    assert len(calls) >= 5  # every new token after the first came from the lean step
