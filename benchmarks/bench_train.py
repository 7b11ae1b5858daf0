"""LoRA training throughput: tunesmith's data pipeline vs the humanizer seed's naive setup.

Same model (SmolLM2-135M-Instruct), same LoRA (r=8 on q/k/v/o), same optimizer, same data,
same budget of real (non-padding) tokens, measured in the same run, each setup in its own
subprocess (clean peak memory). The data is the seed's own: formal -> natural pairs made from
human messages with the seed's synthetic method (``chitchat``, default; ~70 tokens each in the
seed's prompt format), or our authored humanizer corpus (``--data humanizer``, ~230 tokens).

  naive  — the seed: every example padded to max_length=1024, batch 2, loss on all real tokens
  ours   — tunesmith: no padding to a fixed length; examples grouped by length into batches of 8
           and padded only to the longest in the batch (what ``fit`` does for non-packed data).
           4x the examples per step, so the learning rate is scaled by the same factor (the
           linear scaling rule; ``--same-lr`` turns that off).

Prints real tokens/s, peak RSS and validation loss after the budget, and the ratios.

    python benchmarks/bench_train.py [--tokens 3000] [--data chitchat|humanizer]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def examples(tok, split: str, data: str) -> list[list[int]]:
    if data == "chitchat":
        from tunesmith.data.humanizer import synthetic_pairs
        from tunesmith.data.sources import load_chitchat

        pairs = synthetic_pairs([r["text"] for r in load_chitchat()[:30000]], 1000, seed=0)
        rows = pairs[:900] if split == "train" else pairs[900:]
    else:
        rows = [json.loads(x) for x in (ROOT / "data" / "humanizer" / f"{split}.jsonl").read_text().splitlines() if x]
    texts = [f"Rewrite this to sound natural: {r['formal']}\nHumanized: {r['natural']}" for r in rows]
    return [tok(t, add_special_tokens=False)["input_ids"] + [tok.eos_token_id] for t in texts]


def batches(seqs: list[list[int]], setup: str, seed: int = 0):
    rng = random.Random(seed)
    order = list(range(len(seqs)))
    rng.shuffle(order)
    if setup == "naive":
        size = NAIVE_BATCH
        groups = [order[i:i + size] for i in range(0, len(order), size)]
    else:  # length-grouped: sort within mega-batches of 64, cut into batches of 8
        size, groups = OUR_BATCH, []
        for m in range(0, len(order), 64):
            mega = sorted(order[m:m + 64], key=lambda i: len(seqs[i]))
            groups += [mega[i:i + size] for i in range(0, len(mega), size)]
        rng.shuffle(groups)
    while True:
        for g in groups:
            yield [seqs[i] for i in g]


def collate(batch, pad_id: int, width: int | None):
    import torch

    width = width or max(len(s) for s in batch)
    ids = torch.full((len(batch), width), pad_id)
    labels = torch.full((len(batch), width), -100)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, s in enumerate(batch):
        s = s[:width]
        ids[i, :len(s)] = torch.tensor(s)
        labels[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids, labels, mask


NAIVE_BATCH, OUR_BATCH, BASE_LR = 2, 8, 2e-4


def run(setup: str, budget: int, data: str, same_lr: bool) -> dict:
    import torch
    from peft import LoraConfig, get_peft_model

    from tunesmith.models import load_model

    torch.manual_seed(0)
    torch.set_num_threads(2)
    lm = load_model(dtype="float32", trainable=True)
    tok = lm.tokenizer
    model = get_peft_model(lm.model, LoraConfig(r=8, lora_alpha=16, lora_dropout=0.0, task_type="CAUSAL_LM",
                                                target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]))
    model.config.use_cache = False
    lr = BASE_LR if setup == "naive" or same_lr else BASE_LR * OUR_BATCH / NAIVE_BATCH
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    train, val = examples(tok, "train", data), examples(tok, "test", data)[:48]
    width = 1024 if setup == "naive" else None
    seen, steps, t0 = 0, 0, time.perf_counter()
    model.train()
    for batch in batches(train, setup):
        ids, labels, mask = collate(batch, tok.pad_token_id, width)
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        seen += int(mask.sum())
        steps += 1
        if seen >= budget:
            break
    elapsed = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        losses = []
        for i in range(0, len(val), 8):
            ids, labels, mask = collate(val[i:i + 8], tok.pad_token_id, None)
            losses.append((model(input_ids=ids, attention_mask=mask, labels=labels).loss.item(), int(mask.sum())))
    val_loss = sum(l * n for l, n in losses) / sum(n for _, n in losses)
    return {"setup": setup, "lr": lr, "real_tokens": seen, "steps": steps, "seconds": elapsed,
            "tokens_per_s": seen / elapsed, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "val_loss": val_loss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=3000, help="real-token budget per setup")
    ap.add_argument("--data", choices=["chitchat", "humanizer"], default="chitchat")
    ap.add_argument("--same-lr", action="store_true", help="don't scale our learning rate with the batch")
    ap.add_argument("--setup", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.setup:
        print(json.dumps(run(args.setup, args.tokens, args.data, args.same_lr)))
        return
    res = {}
    for setup in ("naive", "ours"):
        print(f"training {setup} for {args.tokens} real tokens ...", file=sys.stderr, flush=True)
        cmd = [sys.executable, __file__, "--setup", setup, "--tokens", str(args.tokens), "--data", args.data]
        p = subprocess.run(cmd + (["--same-lr"] if args.same_lr else []), capture_output=True, text=True)
        if p.returncode:
            sys.exit(p.stderr[-3000:])
        res[setup] = json.loads(p.stdout.strip().splitlines()[-1])
    n, o = res["naive"], res["ours"]
    print("\n== LoRA training benchmark: SmolLM2-135M, r=8 q/k/v/o, fp32, 2 threads, same data & token budget ==")
    print(f"data: {args.data}; budget {args.tokens} real tokens per setup")
    print(f"{'setup':<8}{'lr':>8}{'real tok/s':>12}{'peak RSS MB':>13}{'val loss':>10}{'steps':>7}{'seconds':>9}")
    for r in (n, o):
        print(f"{r['setup']:<8}{r['lr']:>8.0e}{r['tokens_per_s']:>12.1f}{r['peak_rss_mb']:>13.0f}{r['val_loss']:>10.4f}"
              f"{r['steps']:>7}{r['seconds']:>9.1f}")
    print(f"\nthroughput: {o['tokens_per_s'] / n['tokens_per_s']:.1f}x the naive setup (target >= 10x)")
    print(f"peak memory: {o['peak_rss_mb'] / n['peak_rss_mb']:.2f}x the naive setup (target <= 0.33x)")
    print(f"validation loss after {args.tokens} real tokens: ours {o['val_loss']:.4f} vs naive {n['val_loss']:.4f} "
          f"({'equal or better' if o['val_loss'] <= n['val_loss'] + 0.01 else 'worse'})")


if __name__ == "__main__":
    main()
