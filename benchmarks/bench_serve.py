"""Serving under load: 16 concurrent clients vs the same requests one at a time, same live server.

Starts ``tunesmith serve`` (default model + shipped humanizer + web page) on loopback, then:
  1. sequential: N mixed requests one after another — chat completions with different
     max_tokens, temperatures and seeds, every fourth one streamed, every eighth a /humanize;
  2. concurrent: the same N requests from 16 client threads (continuous batching);
  3. repeats the concurrent round to check that memory does not grow.
Prints total tokens/s and the ratio, p50/p95 latency, errors, and server RSS idle / under
load / after each round (read from /proc). Last, the ceiling batching can reach on this CPU: the
model's forward pass alone (same weights and kernels, in this process once the server has
stopped) for 16 and 32 rows at once against 1 row, in tokens per second.

    python benchmarks/bench_serve.py [--requests 32] [--rounds 3]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["Give me a tip for sleeping better.", "What is a good name for a cat?", "Explain what a budget is.",
             "How do I boil an egg?", "Why is the sky blue?", "Suggest a weekend hobby.",
             "What is photosynthesis?", "How can I focus while studying?"]


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                    text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


HUMANIZE = ("It is important to note that the quarterly review has been moved to Thursday at 2:00 p.m. "
            "Furthermore, all team leads are expected to attend in order to discuss the budget.")


MIX = {"humanize": True, "stream": True}


def spec(i: int, max_tokens: int) -> dict:
    """Request i of the mix: its own length, temperature and seed; some streamed, some humanize."""
    if i % 8 == 7 and MIX["humanize"]:
        return {"kind": "humanize"}
    return {"kind": "stream" if i % 4 == 1 and MIX["stream"] else "chat", "max_tokens": max_tokens // 2 + (i * 7) % max_tokens,
            "temperature": (0.0, 0.7, 1.0)[i % 3], "seed": i}


def one_request(base: str, i: int, max_tokens: int) -> tuple[float, int, bool]:
    """(seconds, completion tokens, ok) for request i of the mix."""
    s = spec(i, max_tokens)
    t = time.perf_counter()
    try:
        if s["kind"] == "humanize":
            r = httpx.post(f"{base}/humanize", timeout=600, json={"text": HUMANIZE})
            return time.perf_counter() - t, 0, r.status_code == 200
        body = {"messages": [{"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}],
                "max_tokens": s["max_tokens"], "temperature": s["temperature"], "seed": s["seed"]}
        if s["kind"] == "stream":
            tokens, ok = 0, False
            with httpx.stream("POST", f"{base}/v1/chat/completions", timeout=600, json={**body, "stream": True}) as r:
                for line in r.iter_lines():
                    if line.startswith("data: {"):
                        tokens += 1  # one chunk per decoded piece: a lower bound on tokens
                    ok = line == "data: [DONE]" or ok
            return time.perf_counter() - t, tokens, ok and r.status_code == 200
        r = httpx.post(f"{base}/v1/chat/completions", timeout=600, json=body)
        ok = r.status_code == 200
        tokens = r.json()["usage"]["completion_tokens"] if ok else 0
    except httpx.HTTPError:
        ok, tokens = False, 0
    return time.perf_counter() - t, tokens, ok


def run_round(base: str, n: int, concurrency: int, max_tokens: int, pid: int) -> dict:
    peak = [0.0]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda i: one_request(base, i, max_tokens), range(n)))
    wall = time.perf_counter() - t0
    stop.set()
    watcher.join()
    lat = sorted(r[0] for r in results)
    by_kind: dict[str, float] = {}
    for i, r in enumerate(results):
        kind = spec(i, max_tokens)["kind"]
        by_kind[kind] = by_kind.get(kind, 0.0) + r[0]
    return {"by_kind": by_kind, "wall_s": wall, "tokens": sum(r[1] for r in results), "tok_s": sum(r[1] for r in results) / wall,
            "p50_s": statistics.median(lat), "p95_s": lat[max(0, int(len(lat) * 0.95) - 1)],
            "errors": sum(not r[2] for r in results), "peak_rss_mb": peak[0], "rss_after_mb": rss_mb(pid)}


def forward_ceiling(rows: int = 16, context: int = 120, steps: int = 20) -> tuple[float, float, float]:
    """(ms per decode step for 1 row, for ``rows`` rows, the tokens/s ratio): the model's forward
    alone, after a ``context``-token prompt, on the kernels the server uses. No sampling, no cache
    edits, no HTTP: what batching could give if everything else were free."""
    import torch

    from tunesmith.generate import Generator
    from tunesmith.kv_cache import CACHE_KWARG, GrowingCache

    model = Generator().model

    def step_ms(n: int) -> float:
        cache = GrowingCache(config=model.config)
        times = []
        with torch.no_grad():
            model(input_ids=torch.randint(100, 1000, (n, context)), use_cache=True, logits_to_keep=1,
                  **{CACHE_KWARG: cache})
            for i in range(steps):
                t = time.perf_counter()
                model(input_ids=torch.randint(100, 1000, (n, 1)), position_ids=torch.full((n, 1), context + i),
                      use_cache=True, **{CACHE_KWARG: cache})
                times.append(time.perf_counter() - t)
        return statistics.median(times) * 1000

    one, many = step_ms(1), step_ms(rows)
    return one, many, rows * one / many


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=32)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3, help="concurrent rounds (memory growth check)")
    ap.add_argument("--no-humanize", action="store_true", help="leave /humanize out of the mix")
    ap.add_argument("--no-stream", action="store_true", help="leave streams out of the mix")
    args = ap.parse_args()
    MIX.update(humanize=not args.no_humanize, stream=not args.no_stream)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TUNESMITH_API_KEYS": "", "GRADIO_ANALYTICS_ENABLED": "False"}  # default settings
    proc = subprocess.Popen([sys.executable, "-m", "tunesmith.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/health", timeout=2).json()["status"] == "ok":
                    break
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(1)
        httpx.get(f"{base}/", timeout=30)  # the page is part of the idle footprint
        one_request(base, 0, 8)  # warm-up: a chat and (if in the mix) a humanize call
        if MIX["humanize"]:
            one_request(base, 7, 8)
        time.sleep(2)
        idle = rss_mb(proc.pid)
        print(f"server idle RSS (model + humanizer + page loaded): {idle:.0f} MB", flush=True)
        seq = run_round(base, args.requests, 1, args.max_tokens, proc.pid)
        print(f"sequential: {seq['tok_s']:.1f} tok/s, p50 {seq['p50_s']:.2f} s, p95 {seq['p95_s']:.2f} s, "
              f"errors {seq['errors']}; seconds by kind: "
              + ", ".join(f"{k} {v:.1f}" for k, v in seq["by_kind"].items()), flush=True)
        rounds = [run_round(base, args.requests, args.clients, args.max_tokens, proc.pid) for _ in range(args.rounds)]
    finally:
        proc.terminate()
        proc.wait(30)
    print(f"\n== Serving benchmark: {args.requests} mixed requests (chat and streamed chat of "
          f"{args.max_tokens // 2}-{args.max_tokens + args.max_tokens // 2} tokens at temperatures 0 / 0.7 / 1.0 with "
          f"their own seeds; every 8th a /humanize), {args.clients} concurrent clients vs one at a time ==")
    print(f"{'run':<14}{'tok/s':>8}{'p50 s':>8}{'p95 s':>8}{'errors':>8}{'peak RSS MB':>13}{'RSS after':>11}")
    print(f"{'sequential':<14}{seq['tok_s']:>8.1f}{seq['p50_s']:>8.2f}{seq['p95_s']:>8.2f}{seq['errors']:>8}"
          f"{seq['peak_rss_mb']:>13.0f}{seq['rss_after_mb']:>11.0f}")
    for i, r in enumerate(rounds, 1):
        print(f"{'concurrent #' + str(i):<14}{r['tok_s']:>8.1f}{r['p50_s']:>8.2f}{r['p95_s']:>8.2f}{r['errors']:>8}"
              f"{r['peak_rss_mb']:>13.0f}{r['rss_after_mb']:>11.0f}")
    best = max(r["tok_s"] for r in rounds)
    after = ", ".join(f"{r['rss_after_mb']:.0f}" for r in rounds)
    print(f"\nthroughput ratio (concurrent / sequential): {rounds[0]['tok_s'] / seq['tok_s']:.2f}x "
          f"(best round {best / seq['tok_s']:.2f}x; target >= 4x)")
    print(f"idle RSS {idle / 1024:.2f} GiB (target <= 1.5), peak under load "
          f"{max(r['peak_rss_mb'] for r in rounds) / 1024:.2f} GiB (target <= 2.5), "
          f"RSS after rounds: {after} MB (no growth expected)")
    for rows in (args.clients, 32):  # the clients' own rows; the engine's most (humanize candidates fill it)
        one, many, ceiling = forward_ceiling(rows)
        print(f"ceiling on this CPU: the model's forward alone takes {one:.1f} ms per token for 1 row and {many:.1f} ms "
              f"for {rows} rows, so {rows} rows at once give at most {ceiling:.2f}x the tokens/s of one")


if __name__ == "__main__":
    main()
