"""LoRA training throughput: tunesmith's data pipeline vs the humanizer seed's naive setup.

Same model (SmolLM2-135M-Instruct), same LoRA (r=8 on q/k/v/o), same optimizer, same data,
same budget of real (non-padding) tokens, measured in the same run, each setup in its own
subprocess (clean peak memory). The data is the seed's own: formal -> natural pairs made from
human messages with the seed's synthetic method (``chitchat``, default; ~70 tokens each in the
seed's prompt format), or our authored humanizer corpus (``--data humanizer``, ~230 tokens).

  naive  — the seed: every example padded to max_length=1024, batch 2, loss on all real tokens
  ours   — tunesmith: no padding to a fixed length; examples grouped by length into batches of 8
           and padded only to the longest in the batch (what ``fit`` does for non-packed data),
           and ``fit``'s loss (``train.causal_lm_loss``: output head only on labelled positions,
           in chunks recomputed in backward, so the tokens x vocab logits are never all held).
           4x the examples per step, so the learning rate is scaled by the same factor (the
           linear scaling rule; ``--same-lr`` turns that off).
  ours-lean — ours plus gradient checkpointing (``train.gradient_checkpointing: true``):
           layers recomputed in backward, for the smallest memory.

The examples are tokenized once in the parent process and handed to each setup as a file, so
the peak memory of a setup is its training alone (not the corpus it was made from).

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
    else:  # ours / ours-lean: length-grouped: sort within mega-batches of 64, cut into batches of 8
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
SETUPS = ("naive", "ours", "ours-lean")


def run(setup: str, budget: int, data_file: str, same_lr: bool) -> dict:
    import torch
    from peft import LoraConfig, get_peft_model

    from tunesmith.models import load_model
    from tunesmith.train import _decoder_and_head, causal_lm_loss

    torch.manual_seed(0)
    torch.set_num_threads(2)
    lm = load_model(dtype="float32", trainable=True)
    tok = lm.tokenizer
    if setup == "ours-lean":  # fit's train.gradient_checkpointing: recompute each layer in backward
        lm.model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model = get_peft_model(lm.model, LoraConfig(r=8, lora_alpha=16, lora_dropout=0.0, task_type="CAUSAL_LM",
                                                target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]))
    model.config.use_cache = False
    lr = BASE_LR if setup == "naive" or same_lr else BASE_LR * OUR_BATCH / NAIVE_BATCH
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    prepared = json.loads(Path(data_file).read_text())
    train, val = prepared["train"], prepared["val"]
    parts = _decoder_and_head(model)

    def loss_of(ids, labels, mask):
        if setup == "naive":  # the seed: the model's own loss over the full padded logits
            return model(input_ids=ids, attention_mask=mask, labels=labels).loss
        hidden = parts[0](input_ids=ids, attention_mask=mask).last_hidden_state
        return causal_lm_loss(hidden, parts[1], labels)

    width = 1024 if setup == "naive" else None
    model.train()
    stream = batches(train, setup)
    # One untimed forward/backward first (no optimizer step): the first touch of the mmapped
    # weights and the allocator's warm-up are not training throughput.
    loss_of(*collate(next(batches(train, setup)), tok.pad_token_id, width)).backward()
    opt.zero_grad()
    seen, steps, t0 = 0, 0, time.perf_counter()
    for batch in stream:
        ids, labels, mask = collate(batch, tok.pad_token_id, width)
        loss = loss_of(ids, labels, mask)
        loss.backward()
        opt.step()
        opt.zero_grad()
        seen += int(mask.sum())
        steps += 1
        if seen >= budget:
            break
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # training's peak, before validation
    model.eval()
    with torch.no_grad():  # the same exact loss for every setup (summed over tokens, then averaged)
        total, count = 0.0, 0
        for i in range(0, len(val), 8):
            ids, labels, mask = collate(val[i:i + 8], tok.pad_token_id, None)
            n_labels = int((labels[:, 1:] != -100).sum())
            total += causal_lm_loss(parts[0](input_ids=ids, attention_mask=mask).last_hidden_state, parts[1],
                                    labels).item() * n_labels
            count += n_labels
    val_loss = total / count
    return {"setup": setup, "lr": lr, "real_tokens": seen, "steps": steps, "seconds": elapsed,
            "tokens_per_s": seen / elapsed, "peak_rss_mb": peak_mb,
            "val_loss": val_loss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=3000, help="real-token budget per setup")
    ap.add_argument("--data", choices=["chitchat", "humanizer"], default="chitchat")
    ap.add_argument("--same-lr", action="store_true", help="don't scale our learning rate with the batch")
    ap.add_argument("--setup", help=argparse.SUPPRESS)
    ap.add_argument("--data-file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.setup:
        print(json.dumps(run(args.setup, args.tokens, args.data_file, args.same_lr)))
        return
    import tempfile

    from tunesmith.models import load_bundled_tokenizer

    tok = load_bundled_tokenizer()
    prepared = {"train": examples(tok, "train", args.data), "val": examples(tok, "test", args.data)[:48]}
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "examples.json"
        data_file.write_text(json.dumps(prepared))
        for setup in SETUPS:
            print(f"training {setup} for {args.tokens} real tokens ...", file=sys.stderr, flush=True)
            cmd = [sys.executable, __file__, "--setup", setup, "--tokens", str(args.tokens), "--data-file", str(data_file)]
            p = subprocess.run(cmd + (["--same-lr"] if args.same_lr else []), capture_output=True, text=True)
            if p.returncode:
                sys.exit(p.stderr[-3000:])
            res[setup] = json.loads(p.stdout.strip().splitlines()[-1])
    n = res["naive"]
    print("\n== LoRA training benchmark: SmolLM2-135M, r=8 q/k/v/o, fp32, 2 threads, same data & token budget ==")
    print(f"data: {args.data}; budget {args.tokens} real tokens per setup")
    print(f"{'setup':<10}{'lr':>8}{'real tok/s':>12}{'peak RSS MB':>13}{'val loss':>10}{'steps':>7}{'seconds':>9}"
          f"{'speed':>8}{'memory':>8}")
    for r in res.values():
        print(f"{r['setup']:<10}{r['lr']:>8.0e}{r['tokens_per_s']:>12.1f}{r['peak_rss_mb']:>13.0f}{r['val_loss']:>10.4f}"
              f"{r['steps']:>7}{r['seconds']:>9.1f}{r['tokens_per_s'] / n['tokens_per_s']:>7.1f}x"
              f"{r['peak_rss_mb'] / n['peak_rss_mb']:>7.2f}x")
    print("\ntargets: speed >= 10x, memory <= 0.33x, validation loss equal or better than naive")
    for name in SETUPS[1:]:
        o = res[name]
        speed, mem = o["tokens_per_s"] / n["tokens_per_s"], o["peak_rss_mb"] / n["peak_rss_mb"]
        better = o["val_loss"] <= n["val_loss"] + 0.01
        print(f"{name}: {speed:.1f}x speed {'MET' if speed >= 10 else 'missed'}, {mem:.2f}x memory "
              f"{'MET' if mem <= 0.33 else 'missed'}, val loss {o['val_loss']:.4f} vs {n['val_loss']:.4f} "
              f"{'MET' if better else 'missed'}")


if __name__ == "__main__":
    main()
