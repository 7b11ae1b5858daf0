"""Decode speed, time to first token, memory and quality of tunesmith's generation paths.

Every number is printed next to a baseline measured in the same run on the same machine:
plain ``model.generate`` in fp32 (transformers, dynamic cache, greedy). Each variant runs in
its own subprocess so its peak memory is its own.

    python benchmarks/bench_generate.py            # default path vs baseline, batch of 8
    python benchmarks/bench_generate.py --all      # also bf16, static cache, torch.compile
    python benchmarks/bench_generate.py --json out.json

Quality is checked, not assumed: validation perplexity of the fast path vs fp32 on held-out
text (the humanizer test set's natural rewrites) and greedy outputs on fixed prompts side by side.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = [
    "Write a short story about a lighthouse keeper.",
    "Explain how a bicycle gear system works.",
    "Give three tips for writing a clear email.",
    "What should I pack for a weekend hiking trip?",
    "Describe the water cycle to a ten-year-old.",
    "Write a friendly note inviting neighbours to a barbecue.",
    "Summarise the plot of Romeo and Juliet in a paragraph.",
    "List some good habits for learning a new language.",
]
NEW_TOKENS = 128


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def validation_texts(limit: int = 40) -> list[str]:
    path = ROOT / "data" / "humanizer" / "test.jsonl"
    if not path.exists():
        path = next((ROOT / "data" / "humanizer").glob("**/*.jsonl"))
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r["natural"] for r in rows[:limit]]


def perplexity(model, tok, texts) -> float:
    import torch

    nll, count = 0.0, 0
    with torch.inference_mode():
        for text in texts:
            ids = tok(text, return_tensors="pt")["input_ids"]
            out = model(ids, labels=ids)
            n = ids.shape[1] - 1
            nll += out.loss.item() * n
            count += n
    return math.exp(nll / count)


def run_variant(name: str) -> dict:
    """Runs inside a subprocess: measure one generation path."""
    import torch
    from transformers import CompileConfig

    from tunesmith.generate import Generator, quantize_int8
    from tunesmith.models import load_model

    torch.set_num_threads(2)
    t0 = time.perf_counter()
    res: dict = {"variant": name}
    if name == "ours":  # the default path users get
        gen = Generator()
        model, tok = gen.model, gen.tokenizer
        res["path"] = gen.info()["quantization"]
    else:
        lm = load_model(dtype="bfloat16" if "bf16" in name else "float32")
        model, tok = lm.model, lm.tokenizer
        if "int8" in name:
            model = quantize_int8(model, "all" if "all" in name else "attention")
    res["load_s"] = time.perf_counter() - t0
    chat = [tok.apply_chat_template([{"role": "user", "content": p}], tokenize=False, add_generation_prompt=True)
            for p in PROMPTS]
    kw = dict(max_new_tokens=NEW_TOKENS, min_new_tokens=NEW_TOKENS, do_sample=False, pad_token_id=tok.pad_token_id)
    if "static" in name or "compile" in name:
        kw["cache_implementation"] = "static"
    if "compile" in name:
        cc = CompileConfig()
        cc._compile_all_devices = True  # transformers only auto-compiles on GPUs unless told
        kw["compile_config"] = cc

    def timed(prompts):
        tok.padding_side = "left"
        enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
        with torch.inference_mode():
            t = time.perf_counter()
            out = model.generate(**enc, **kw)
            dt = time.perf_counter() - t
        return out[:, enc["input_ids"].shape[1]:], dt

    timed(chat[:1])  # warm-up (and compile)
    outs, dt = timed(chat[:1])
    res["single_tok_s"] = outs.shape[1] / dt
    if name in ("baseline-fp32", "ours"):
        outs, dt = timed(chat)
        res["batch8_tok_s"] = outs.numel() / dt
        # time to first token through our streaming path
        if name == "ours":
            t = time.perf_counter()
            it = gen.stream(chat[0], {"temperature": 0, "max_new_tokens": 16})
            next(it)
            res["ttft_s"] = time.perf_counter() - t
            list(it)
        res["ppl"] = perplexity(model, tok, validation_texts())
        greedy = []
        for p in chat[:4]:
            enc = tok(p, return_tensors="pt", add_special_tokens=False)
            with torch.inference_mode():
                g = model.generate(**enc, max_new_tokens=48, do_sample=False, pad_token_id=tok.pad_token_id)
            greedy.append(tok.decode(g[0, enc["input_ids"].shape[1]:], skip_special_tokens=True))
        res["greedy"] = greedy
    res["peak_rss_mb"] = peak_rss_mb()
    return res


def run_llama_cpp() -> dict | None:
    try:
        from llama_cpp import Llama  # optional, never a test dependency
    except ImportError:
        return None
    from tunesmith.models import bundled_gguf_path

    llm = Llama(model_path=str(bundled_gguf_path()), n_threads=2, verbose=False)
    llm.create_completion(PROMPTS[0], max_tokens=8)
    t = time.perf_counter()
    out = llm.create_completion(PROMPTS[0], max_tokens=NEW_TOKENS, temperature=0)
    dt = time.perf_counter() - t
    return {"variant": "llama.cpp", "single_tok_s": out["usage"]["completion_tokens"] / dt, "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="also measure bf16, static cache, int8+static, torch.compile")
    ap.add_argument("--json", help="write all results to this file")
    ap.add_argument("--variant", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.variant:
        print(json.dumps(run_llama_cpp() if args.variant == "llama.cpp" else run_variant(args.variant)))
        return
    variants = ["baseline-fp32", "ours"]
    if args.all:
        variants += ["bf16", "int8-all", "int8-attn", "fp32-static", "fp32-static-compile"]
    variants.append("llama.cpp")
    results = []
    for v in variants:
        print(f"measuring {v} ...", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--variant", v], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"  {v} failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        line = proc.stdout.strip().splitlines()[-1]
        if line != "null":
            results.append(json.loads(line))
    base = next(r for r in results if r["variant"] == "baseline-fp32")
    ours = next(r for r in results if r["variant"] == "ours")
    print(f"\n== Generation benchmark: SmolLM2-135M-Instruct, greedy, {NEW_TOKENS} new tokens, 2 threads ==")
    print(f"{'variant':<22}{'tok/s':>9}{'x fp32':>9}{'peak RSS MB':>13}")
    for r in results:
        print(f"{r['variant']:<22}{r['single_tok_s']:>9.1f}{r['single_tok_s'] / base['single_tok_s']:>9.2f}"
              f"{r['peak_rss_mb']:>13.0f}")
    print(f"\nbatch of 8 (ours): {ours['batch8_tok_s']:.1f} tok/s total = "
          f"{ours['batch8_tok_s'] / ours['single_tok_s']:.2f}x our single stream "
          f"(baseline fp32 batch of 8: {base['batch8_tok_s']:.1f} tok/s)")
    print(f"time to first token (ours, streaming): {ours['ttft_s'] * 1000:.0f} ms; model load: {ours['load_s']:.1f} s")
    print(f"validation perplexity: fp32 {base['ppl']:.3f}, ours ({ours.get('path')}) {ours['ppl']:.3f} "
          f"({(ours['ppl'] / base['ppl'] - 1) * 100:+.2f}%)")
    print("\ngreedy outputs (first 48 tokens), fp32 vs ours:")
    for i, (a, b) in enumerate(zip(base["greedy"], ours["greedy"])):
        print(f"[{i}] fp32: {a!r}\n    ours: {b!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
