"""Knowledge distillation: a small student from scratch with and without the bundled SmolLM2 as teacher.

Both students are the same gpt-family model with SmolLM2's tokenizer (so the teacher's soft
targets line up token by token), the same seed, data, batches and steps. The only difference is
the loss: plain next-token cross-entropy, or (1 - alpha) x cross-entropy + alpha x T^2 x
KL(teacher_T || student_T). Validation perplexity (plain cross-entropy on the held-out last 10%
of the text, for both) is read at the same steps. Results: benchmarks/results/distill.json/.md.

    .venv/bin/python benchmarks/bench_distill.py [--steps 300] [--chars 400000]
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEACHER = "smollm2-135m-instruct"


def student_config(text_file: Path, out: Path, steps: int, eval_steps: int, teacher: str | None, alpha: float):
    from tunesmith.config import RunConfig, build

    train = {"max_steps": steps, "eval_steps": eval_steps, "logging_steps": 10, "batch_size": 8,
             "learning_rate": 2e-3, "optimizer": "adamw", "warmup_ratio": 0.05, "lr_scheduler": "cosine",
             "weight_decay": 0.1, "seed": 0}
    if teacher:
        train |= {"distill_from": teacher, "distill_alpha": alpha, "distill_temperature": 2.0}
    return build(RunConfig, {
        "method": "full", "output": str(out),
        "architecture": {"family": "gpt", "tokenizer": TEACHER,
                         "settings": {"n_layer": 4, "n_head": 4, "n_embd": 256, "mlp": "relu2",
                                      "tie_word_embeddings": True, "block_size": 128}},
        "data": {"source": str(text_file), "format": "text", "block_size": 128, "val_fraction": 0.1},
        "train": train,
        "samples": {"prompts": ["ROMEO:\n"], "max_new_tokens": 60, "temperature": 0.8}})


def eval_curve(run: Path) -> dict[int, float]:
    rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines() if line.strip()]
    return {r["step"]: r["eval_loss"] for r in rows if "eval_loss" in r}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--eval-steps", type=int, default=50)
    ap.add_argument("--chars", type=int, default=400_000, help="Shakespeare characters used (train + val)")
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "distill"))
    args = ap.parse_args()
    from tunesmith.data.sources import load_records
    from tunesmith.train import fit

    work = Path(tempfile.mkdtemp(prefix="tunesmith-distill-"))
    text_file = work / "shakespeare.txt"
    text_file.write_text("\n\n".join(r["text"] for r in load_records("bundled:shakespeare"))[: args.chars])
    results = {}
    for label, teacher in (("student alone", None), (f"student + {TEACHER} teacher", TEACHER)):
        res = fit(student_config(text_file, work / label.split()[-2], args.steps, args.eval_steps, teacher, args.alpha))
        curve = eval_curve(Path(res.output))
        sample = (Path(res.output) / "samples.md").read_text().split("```")[-2].strip()
        results[label] = {"curve": curve, "seconds": res.metrics["train_seconds"], "sample": sample[:300],
                          "val_perplexity": math.exp(res.metrics["after"]["val_loss"])}
        print(f"{label}: val ppl {results[label]['val_perplexity']:.1f} in {results[label]['seconds']:.0f} s",
              flush=True)
    (alone, alone_r), (kd, kd_r) = results.items()
    lines = [f"| step | {alone} val ppl | {kd} val ppl | ratio |", "|---|---|---|---|"]
    for step in sorted(alone_r["curve"]):
        if step in kd_r["curve"]:
            a, b = math.exp(alone_r["curve"][step]), math.exp(kd_r["curve"][step])
            lines.append(f"| {step} | {a:.1f} | {b:.1f} | {b / a:.3f} |")
    lines.append(f"\nTraining seconds: {alone_r['seconds']:.0f} alone, {kd_r['seconds']:.0f} with the teacher.")
    Path(args.out + ".json").write_text(json.dumps(results, indent=2) + "\n")
    Path(args.out + ".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
