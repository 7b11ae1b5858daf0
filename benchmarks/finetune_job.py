"""A real fine-tuning job through the HTTP API, driven by the official openai SDK.

Starts `tunesmith serve` (default model, one local worker) unless --server is given, uploads
the first N characters of the bundled Shakespeare as a text file, runs a LoRA job on the
bundled SmolLM2-135M-Instruct, follows its events, then generates with the fine-tuned model
and the base model from the same prompt. Prints and saves the numbers
(benchmarks/results/finetune_job.json).

    .venv/bin/python benchmarks/finetune_job.py --steps 300
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_server(jobs_dir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TUNESMITH_JOBS_DIR": str(jobs_dir), "TUNESMITH_WORKERS": "1", "TUNESMITH_API_KEYS": ""}
    log = (jobs_dir / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "tunesmith.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(600):
        try:
            if httpx.get(f"{base}/health", timeout=2).json()["status"] == "ok":
                return proc, base
        except (httpx.HTTPError, ValueError):
            time.sleep(1)
    proc.kill()
    raise SystemExit("server did not start; see " + str(jobs_dir / "server.log"))


def plain_peft_check(run: Path) -> str:
    """The job's run dir is a normal peft adapter: plain transformers + peft load it and give the
    same logits as tunesmith's loader."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tunesmith.models import ensure_bundled_model, load_model

    base = AutoModelForCausalLM.from_pretrained(ensure_bundled_model(), dtype=torch.float32)
    plain = PeftModel.from_pretrained(base, str(run)).eval()
    ids = AutoTokenizer.from_pretrained(run)("ROMEO: What light", return_tensors="pt").input_ids
    ours = load_model(str(run), dtype="float32").model
    with torch.no_grad():
        diff = (plain(ids).logits - ours(ids).logits).abs().max().item()
    return f"ok, max |logit difference| vs tunesmith's loader = {diff:.2e}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", help="use a running server instead of starting one")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--chars", type=int, default=400_000, help="characters of Shakespeare to train on")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--block-size", type=int, default=128)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "finetune_job.json"))
    args = ap.parse_args()

    from openai import OpenAI

    from tunesmith.data.sources import load_records

    work = Path(tempfile.mkdtemp(prefix="tunesmith-job-bench-"))
    proc = None
    base = args.server
    if base is None:
        proc, base = start_server(work)
    client = OpenAI(base_url=f"{base}/v1", api_key=os.environ.get("TUNESMITH_API_KEY", "unused"), max_retries=0)
    try:
        text = "\n\n".join(r["text"] for r in load_records("bundled:shakespeare"))[: args.chars]
        data = work / "shakespeare.txt"
        data.write_text(text)
        f = client.files.create(file=data.open("rb"), purpose="fine-tune")
        settings = {"method": "lora", "data": {"block_size": args.block_size, "val_fraction": 0.05},
                    "train": {"max_steps": args.steps, "eval_steps": max(25, args.steps // 6), "logging_steps": 10}}
        t0 = time.time()
        job = client.fine_tuning.jobs.create(model="smollm2-135m-instruct", training_file=f.id, suffix="bard",
                                             seed=0, extra_body={"tunesmith": settings},
                                             hyperparameters={"batch_size": args.batch_size})
        seen: set[str] = set()
        while True:
            job = client.fine_tuning.jobs.retrieve(job.id)
            for ev in reversed(client.fine_tuning.jobs.list_events(job.id, limit=50).data):
                if ev.id not in seen:
                    seen.add(ev.id)
                    print(f"[{time.time() - t0:6.0f}s] {ev.message}", flush=True)
            if job.status in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(5)
        wall = time.time() - t0
        if job.status != "succeeded":
            raise SystemExit(f"job {job.status}: {job.error}")
        run = Path(job.model_extra["tunesmith"]["run_dir"])
        ev = json.loads((run / "eval.json").read_text())
        prompt = "ROMEO:\n"
        outs = {}
        for name in ("smollm2-135m-instruct", job.fine_tuned_model):
            r = client.completions.create(model=name, prompt=prompt, max_tokens=60, temperature=0)
            outs[name] = r.choices[0].text
        result = {
            "job": job.id, "fine_tuned_model": job.fine_tuned_model, "steps": ev["steps"],
            "batch_size": args.batch_size, "block_size": args.block_size, "train_chars": len(text),
            "wall_seconds_upload_to_done": round(wall, 1), "train_seconds": ev["train_seconds"],
            "tokens_seen": ev["tokens_seen"], "tokens_per_second": ev["tokens_per_second"],
            "val_loss_before": round(ev["before"]["val_loss"], 4), "val_loss_after": round(ev["after"]["val_loss"], 4),
            "val_perplexity_before": round(ev["before"]["val_perplexity"], 2),
            "val_perplexity_after": round(ev["after"]["val_perplexity"], 2),
            "checkpoints": len(client.fine_tuning.jobs.checkpoints.list(job.id).data),
            "prompt": prompt, "base_greedy": outs["smollm2-135m-instruct"], "tuned_greedy": outs[job.fine_tuned_model],
        }
        result["plain_peft_load"] = plain_peft_check(run)
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(60)


if __name__ == "__main__":
    main()
