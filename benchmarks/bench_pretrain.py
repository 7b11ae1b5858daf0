"""From-scratch language models against nanoGPT, same text, same split, same machine, same run.

1. The text: the first 1,115,394 characters of the bundled Shakespeare (plays in the order the
   bundled loader returns them, joined with blank lines) -- tinyshakespeare's length.
2. nanoGPT (../shared/anchors/nanogpt, unmodified) runs its README CPU command (2000 iterations);
   its wall-clock time is the budget.
3. Each tunesmith preset (configs/pretrain-*.yaml) trains on the same file for the same number of
   wall-clock seconds (``train.max_seconds``); the validation split is the same last 10% of the
   text (nanoGPT: the last 10% of characters; ours: the last 10% of fixed-size blocks).
4. Reported per model: validation loss in nats per character (word models: summed nats over the
   validation characters), tokens/s, parameters, a sample. Results:
   benchmarks/results/pretrain.json and .md.

    .venv/bin/python benchmarks/bench_pretrain.py [--presets gpt,char-rnn] [--nanogpt-iters 2000]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = ROOT.parent / "shared" / "anchors" / "nanogpt"
CHARS = 1_115_394
COMPARE_PROMPTS = ["ROMEO:\n", "KING HENRY:\nNow, lords,", "First Citizen:\nWe are"]


def corpus(path: Path) -> str:
    from tunesmith.data.sources import load_records

    text = "\n\n".join(r["text"] for r in load_records("bundled:shakespeare"))[:CHARS]
    path.write_text(text, encoding="utf-8")
    return text


def run_nanogpt(text_file: Path, work: Path, iters: int) -> dict:
    if not (ANCHOR / "train.py").is_file():
        raise SystemExit(f"nanoGPT anchor not found at {ANCHOR}")
    subprocess.run([sys.executable, str(ANCHOR / "prepare_text.py"), str(text_file),
                    str(work / "data" / "shakespeare_char")], check=True)
    shutil.copy(ANCHOR / "configurator.py", work / "configurator.py")
    cmd = [sys.executable, str(ANCHOR / "train.py"), str(ANCHOR / "config" / "train_shakespeare_char.py"),
           "--device=cpu", "--compile=False", "--eval_iters=20", "--log_interval=1", "--block_size=64",
           "--batch_size=12", "--n_layer=4", "--n_head=4", "--n_embd=128", f"--max_iters={iters}",
           f"--lr_decay_iters={iters}", "--dropout=0.0"]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    evals = re.findall(r"step (\d+): train loss ([\d.]+), val loss ([\d.]+)", out.stdout)
    params = re.search(r"number of parameters: ([\d.]+)M", out.stdout)
    step, _, val = evals[-1]
    return {"model": "nanoGPT (README CPU command)", "val_loss": float(val), "steps": int(step),
            "seconds": round(seconds, 1), "parameters": float(params.group(1)) * 1e6 if params else None,
            "tokens_per_second": round(iters * 12 * 64 / seconds, 1)}


def run_preset(name: str, text_file: Path, text: str, work: Path, budget: float,
               overrides: list[str] = (), label: str | None = None) -> dict:
    from tunesmith.config import load_run_config
    from tunesmith.train import fit

    out = work / f"run-{label or name}"
    cfg = load_run_config(ROOT / "configs" / f"pretrain-{name}.yaml",
                          [f"data.source={text_file}", "data.val_fraction=0.1", "train.max_steps=1000000",
                           f"train.max_seconds={budget}", f"output={out}", "train.eval_steps=1000000",
                           *overrides])
    result = fit(cfg)
    m = result.metrics
    from tunesmith.models import load_model

    lm = load_model(str(out))
    n_params = sum(p.numel() for p in lm.model.parameters())
    val_loss = m["after"]["val_loss"]  # nats per token
    tokens_val = val_tokens(lm.tokenizer, text, cfg.data.block_size)
    chars_val = len(text) - int(len(text) * 0.9)
    per_char = val_loss * tokens_val / chars_val if cfg.architecture.tokenizer == "word" else val_loss
    sample = (out / "samples.md").read_text().split("```")[-2].strip() if (out / "samples.md").exists() else ""
    cont = m.get("continuations") or {}
    return {"model": f"tunesmith {label or name}", "val_loss": round(per_char, 4), "val_loss_per_token": round(val_loss, 4),
            "steps": m["steps"], "seconds": m["train_seconds"], "parameters": n_params,
            "tokens_per_second": m["tokens_per_second"], "sample": sample[:400], "run": str(out),
            "continuations": {k: cont.get(k) for k in ("n", "tokens", "bleu", "chrf", "distinct_2")}}


def val_tokens(tok, text: str, block: int) -> int:
    """Tokens in the validation blocks (the last 10% of blocks, as the data layer holds out)."""
    n = len(tok(text).input_ids) // block
    return max(1, round(n * 0.1)) * block


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presets", default="gpt,transformer,char-rnn,word-lstm")
    ap.add_argument("--nanogpt-iters", type=int, default=2000)
    ap.add_argument("--variants", default="", help="ablations of one preset: 'PRESET:label:key=v,key=v;...' "
                    "(e.g. 'gpt:gelu:architecture.settings.mlp=gelu'), each for the same budget")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pretrain"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tunesmith-pretrain-bench-"))
    text_file = work / "shakespeare.txt"
    text = corpus(text_file)
    rows = [run_nanogpt(text_file, work, args.nanogpt_iters)]
    budget = rows[0]["seconds"]
    print(f"nanoGPT: val {rows[0]['val_loss']:.4f} in {budget:.0f} s", flush=True)
    runs = [(name.strip(), [], None) for name in args.presets.split(",") if name.strip()]
    for spec in filter(None, args.variants.split(";")):
        preset, label, sets = spec.split(":", 2)
        runs.append((preset, [kv for kv in sets.split(",") if kv], f"{preset} {label}"))
    for name, overrides, label in runs:
        rows.append(run_preset(name, text_file, text, work, budget, overrides, label))
        print(f"{rows[-1]['model']}: val {rows[-1]['val_loss']:.4f} nats/char in {rows[-1]['seconds']:.0f} s",
              flush=True)
    base = rows[0]["val_loss"]
    lines = ["| model | val loss (nats/char) | vs nanoGPT | steps | seconds | tokens/s | parameters | "
             "continuation chrF | BLEU | distinct-2 |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        c = r.get("continuations") or {}
        lines.append(f"| {r['model']} | {r['val_loss']:.4f} | {r['val_loss'] - base:+.4f} | {r['steps']} | "
                     f"{r['seconds']:.0f} | {r['tokens_per_second']} | {r['parameters'] / 1e6:.2f}M | "
                     f"{c.get('chrf', '—')} | {c.get('bleu', '—')} | {c.get('distinct_2', '—')} |")
    Path(args.out + ".json").write_text(json.dumps(rows, indent=2) + "\n")
    Path(args.out + ".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    families = [r for r in rows[1:] if r["model"].removeprefix("tunesmith ") in {n for n, _, lab in runs if not lab}]
    if len(families) > 1:  # the families side by side on the same prompts, as `tunesmith compare` does
        from tunesmith.evaluate import compare, compare_markdown

        report = compare([r["run"] for r in families], COMPARE_PROMPTS,
                         {"temperature": 0.8, "top_k": 40, "max_new_tokens": 160, "seed": 0})
        Path(args.out + "_compare.md").write_text(compare_markdown(report))
        print(f"compare report: {args.out}_compare.md")
    assert all(math.isfinite(r["val_loss"]) for r in rows)


if __name__ == "__main__":
    main()
