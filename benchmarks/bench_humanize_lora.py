"""Does the lean decode step's stacked LoRA update speed up the humanizer, and by how much?

The bundled humanizer is the packed int4 base with a LoRA adapter on every projection. Before,
the lean step ran each LoRA projection as its own module (7 base and 14 LoRA matmul calls per
layer); now the base keeps its fused q/k/v and gate/up kernel calls and each group's LoRA
update is one stacked kernel call (4 + 4). This script humanizes the same dev passages (never
the test split) with both, in one run, alternating which goes first per passage, and prints
seconds per 100 words for each, the ratio and whether the rewrites are identical.

    python benchmarks/bench_humanize_lora.py                   # 6 dev8 passages
    TUNESMITH_KERNELS=avx2 python benchmarks/bench_humanize_lora.py --passages 10
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
WARM_UP = "We are pleased to inform you that the office will be closed on Monday for scheduled maintenance."


def humanizer(stacked: bool):
    """The shipped humanizer, its lean step built with or without the stacked LoRA update."""
    from tunesmith import fast_decode
    from tunesmith.humanize import Humanizer

    if stacked:
        return Humanizer(generator=Humanizer.base_generator())
    real = fast_decode.LoRAPacked
    fast_decode.LoRAPacked = type("NoStacking", (), {})  # (isinstance never true: each projection's own module)
    try:
        hz = Humanizer(generator=Humanizer.base_generator())
        hz.humanize(WARM_UP)  # the lean step's plans are built on the first decode
    finally:
        fast_decode.LoRAPacked = real
    return hz


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data/humanizer/dev8.jsonl")
    ap.add_argument("--passages", type=int, default=6)
    args = ap.parse_args()
    from tunesmith import kernels
    from tunesmith.humanize import words

    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()][: args.passages]
    systems = {"per-projection": humanizer(False), "stacked": humanizer(True)}
    systems["stacked"].humanize(WARM_UP)
    seconds = {name: 0.0 for name in systems}
    texts: dict[str, list[str]] = {name: [] for name in systems}
    for i, row in enumerate(rows):
        order = list(systems) if i % 2 == 0 else list(reversed(systems))
        for name in order:
            start = time.perf_counter()
            texts[name].append(systems[name].humanize(row["formal"]).humanized_text)
            seconds[name] += time.perf_counter() - start
        print(f"{row['id']}: " + ", ".join(f"{n} {seconds[n]:.1f} s" for n in systems), file=sys.stderr, flush=True)
    n_words = sum(len(words(r["formal"])) for r in rows)
    print(f"kernels: {kernels.describe()}; {len(rows)} passages, {n_words} words")
    for name in systems:
        print(f"{name:>15}: {100 * seconds[name] / n_words:.2f} s per 100 words")
    print(f"speed-up (per-projection / stacked): {seconds['per-projection'] / seconds['stacked']:.2f}x; "
          f"identical rewrites: {sum(a == b for a, b in zip(*texts.values()))} of {len(rows)}")


if __name__ == "__main__":
    main()
