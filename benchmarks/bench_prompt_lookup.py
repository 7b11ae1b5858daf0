"""Would prompt-lookup drafting (speculating tokens copied from the source) speed up the humanizer?

Prompt lookup (transformers' ``prompt_lookup_num_tokens``) drafts the next ``k`` tokens by
finding the text's last n-gram in the prompt and copying what followed it there; one forward
pass over the ``k + 1`` positions then keeps the drafts the model agrees with. It pays where
a decode step costs about the same for 1 and for ``k + 1`` positions (a memory-bound step) and
the model copies its source a lot. This script measures both halves in one run, on the
humanizer as shipped (packed base, the shipped LoRA, precise activations):

1. **Acceptance**: the humanizer rewrites dev2 passages (never the test split) and every
   candidate it decodes is kept with its prompt. Replaying prompt lookup over those tokens
   gives how many tokens one verification pass yields. With a point draft, speculative
   sampling keeps a draft exactly when the token sampled at its position equals it, so
   replaying the sampled text gives the true acceptance.
2. **Cost**: a decode step over ``rows`` sequences at the humanizer's context length, for 1
   and for ``k + 1`` new positions per row (lean step, the same kernels the humanizer runs).

It prints the expected decode time per generated token with and without drafts, per batch
size. The idealised speculative figure assumes every row's accepted length is used (no
padding waste between rows that accept different lengths), so it is an upper bound on the gain.

    python benchmarks/bench_prompt_lookup.py                 # 6 dev2 passages, rows 1/5/10/20
    TUNESMITH_KERNELS=avx2 python benchmarks/bench_prompt_lookup.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def lookup_draft(ids: list[int], k: int, max_ngram: int = 3) -> list[int]:
    """transformers' prompt lookup: the longest (<= max_ngram) suffix of ``ids`` found earlier in
    ``ids``; the up-to-``k`` tokens after its first earlier match."""
    for n in range(max_ngram, 0, -1):
        if len(ids) <= n:
            continue
        tail = ids[-n:]
        for start in range(len(ids) - n):
            if ids[start:start + n] == tail:
                draft = ids[start + n:start + n + k]
                if draft:
                    return draft
    return []


def replay(prompt: list[int], output: list[int], k: int) -> tuple[int, int]:
    """(verification passes, tokens) for decoding ``output`` after ``prompt`` with ``k`` drafts."""
    passes, t = 0, 0
    while t < len(output):
        draft = lookup_draft(prompt + output[:t], k)
        accepted = 0
        while accepted < len(draft) and t + accepted < len(output) and output[t + accepted] == draft[accepted]:
            accepted += 1
        passes += 1
        t += accepted + 1  # the accepted drafts plus the token sampled at the first mismatch
    return passes, len(output)


def capture(passages: int):
    """Run the shipped humanizer on dev2 passages; return (humanizer, [(prompt ids, [candidate ids])])."""
    from tunesmith.humanize import Humanizer

    rows = [json.loads(line) for line in (ROOT / "data/humanizer/dev2.jsonl").read_text().splitlines() if line.strip()]
    hz = Humanizer(generator=Humanizer.base_generator())  # (the Generator path: its generate calls are captured)
    gen = hz.generator
    seen: list[tuple[list[int], list[list[int]]]] = []
    original = gen.generate

    def recording(prompts, params=None, **kw):
        outs = original(prompts, params, **kw)
        prompts = [prompts] if isinstance(prompts, str) else list(prompts)
        for i, p in enumerate(prompts):
            cands = [gen.tokenizer(c.text, add_special_tokens=False)["input_ids"] for c in outs if c.prompt_index == i]
            seen.append((gen.tokenizer(p, add_special_tokens=False)["input_ids"], cands))
        return outs

    gen.generate = recording
    start = time.perf_counter()
    words = 0
    for row in rows[:passages]:
        hz.humanize(row["formal"], seed=0)
        words += len(row["formal"].split())
    elapsed = time.perf_counter() - start
    gen.generate = original
    return hz, seen, elapsed / words * 100


def step_cost(gen, prompt: list[int], rows: int, new: int, steps: int = 8) -> float:
    """Median seconds of one lean forward of ``new`` positions per row over ``rows`` rows."""
    import torch

    from tunesmith.kv_cache import CACHE_KWARG, GrowingCache

    model = gen.model
    ids = torch.tensor([prompt] * rows)
    times = []
    with torch.inference_mode():
        cache = GrowingCache(config=model.config)
        model(input_ids=ids, use_cache=True, **{CACHE_KWARG: cache})
        step = ids[:, -new:]
        for _ in range(steps + 2):
            t0 = time.perf_counter()
            model(input_ids=step, use_cache=True, **{CACHE_KWARG: cache})
            times.append(time.perf_counter() - t0)
    return statistics.median(times[2:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, default=6, help="dev2 passages to rewrite (acceptance)")
    ap.add_argument("--drafts", default="2,4,6", help="draft lengths k to try")
    ap.add_argument("--rows", default="1,5,10,20", help="batch sizes to time")
    args = ap.parse_args()
    drafts = [int(x) for x in args.drafts.split(",")]
    batches = [int(x) for x in args.rows.split(",")]

    from tunesmith import kernels

    hz, seen, latency = capture(args.passages)
    gen = hz.generator
    pairs = [(p, c) for p, cands in seen for c in cands if c]
    out_tokens = sum(len(c) for _, c in pairs)
    print(f"kernels: {kernels.describe()}; humanizer latency this run: {latency:.2f} s per 100 words")
    print(f"acceptance: {len(seen)} prompts, {len(pairs)} decoded candidates, {out_tokens} tokens")
    yield_per_pass = {}
    for k in drafts:
        passes = sum(replay(p, c, k)[0] for p, c in pairs)
        yield_per_pass[k] = out_tokens / passes
        print(f"  k={k}: {yield_per_pass[k]:.2f} tokens per verification pass (1.00 without drafts)")

    context = max(seen, key=lambda s: len(s[0]))[0]  # the longest prompt: the humanizer's context
    context = context + context[-40:]  # plus ~the rewrite decoded so far
    print(f"\ncost per decode step, context {len(context)} tokens, median of 8 (ms):")
    print(f"{'rows':>5} {'1 new':>8} " + " ".join(f"{f'{k + 1} new':>8}" for k in drafts)
          + "   ms per row-token: plain  " + "  ".join(f"k={k}" for k in drafts) + "   best gain")
    for rows in batches:
        plain = step_cost(gen, context, rows, 1)
        costs = {k: step_cost(gen, context, rows, k + 1) for k in drafts}
        per_plain = plain / rows * 1e3
        per_spec = {k: costs[k] / rows / yield_per_pass[k] * 1e3 for k in drafts}
        best = min(per_spec, key=per_spec.get)
        print(f"{rows:>5} {plain * 1e3:>8.1f} " + " ".join(f"{costs[k] * 1e3:>8.1f}" for k in drafts)
              + f"   {per_plain:>21.2f}  " + "  ".join(f"{per_spec[k]:.2f}" for k in drafts)
              + f"   {per_plain / per_spec[best]:.2f}x (k={best})")
    print("\n(gain = plain / speculative time per generated token; > 1 means drafting would help at that"
          " batch size. The humanizer decodes 5 candidates per piece, all pieces in one batch of up to"
          " 32 rows.)")


if __name__ == "__main__":
    main()
