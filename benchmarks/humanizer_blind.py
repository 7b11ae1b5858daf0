"""Blind A/B judging of the humanizer against a reference system (see shared humanizer-judge.md).

    python benchmarks/humanizer_blind.py prepare --data data/humanizer/dev.jsonl --out runs/blind
        runs ours and the rule editor on every passage, writes items.jsonl (source, A, B in a
        random order per passage; what a judge sees) and key.json (which is which; the judge
        never sees it), plus outputs.jsonl with timings and verifier results.
    (a fresh helper judges items.jsonl with the rubric into judgments.jsonl: one line per
     rewrite {"id", "label": "A"|"B", "meaning_errors", "grammar_errors", "natural", "usable", ...})
    python benchmarks/humanizer_blind.py report --out runs/blind
        un-blinds and prints per system and judge (judgments.jsonl or judgments_*.jsonl): meaning
        errors per passage, share with zero meaning errors, grammar errors per passage, mean
        naturalness, share usable.
    python benchmarks/humanizer_blind.py pair --old runs/r0 --out runs/r1
        pairwise judging of two rounds of our own output (both prepared): the passages where
        they differ, blind as A/B, with the pair rubric (it also asks for a preference).
    python benchmarks/humanizer_blind.py pair-report --out runs/r1
        un-blinds pair_judgments*.jsonl and pair_preferences*.jsonl per judge.

Tune on the dev split only; the test split is judged once, for the final numbers.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

RUBRIC = """For every rewrite give:
- `meaning_errors`: number of distinct meaning errors versus the source - a claim changed,
  added, dropped or reversed; a fact attached to the wrong thing; a relation, condition,
  quantity, unit, time, qualifier (at least / up to / about), negation or modality (may / must
  / will) altered; an invented detail. Dropping pure filler ("it is important to note") is not
  an error; dropping a substantive claim is. List each error in a few words.
- `grammar_errors`: number of ungrammatical or nonsensical phrases (list them).
- `natural` (1-5): 5 = reads like a competent person wrote it naturally; 3 = still stiff or
  AI-like; 1 = broken.
- `usable` (true/false): would a careful professional send it as-is in place of the source
  (no meaning error that matters, no grammar error, natural >= 4)?
Be strict and work item by item."""

PAIR_RUBRIC = RUBRIC + """

Then, per item, also give `preference`: "A", "B" or "same" - which rewrite a careful reader
would rather send (meaning first, then grammar, then naturalness)."""


def prepare(data: Path, out: Path, limit: int | None, seed: int, adapter: str = "bundled",
            reference: str = "rules") -> None:
    from tunesmith.claims import verify
    from tunesmith.humanize import Humanizer, words

    rows = [json.loads(line) for line in data.read_text().splitlines() if line.strip()][:limit]
    hz = Humanizer(adapter=adapter)
    # The reference: the verified rule edit, or another humanizer adapter (e.g. the previous release).
    ref = None if reference == "rules" else Humanizer(adapter=reference, generator=None)
    ref_name = "rules" if ref is None else "previous"
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    items, key, outputs = [], {}, []
    total_words, total_s = 0, 0.0
    for r in rows:
        src = r["formal"]
        t = time.perf_counter()
        res = hz.humanize(src, use_model=True)  # ("ours": the model's pipeline; the default is the rule edit)
        dt = time.perf_counter() - t
        total_words += len(words(src))
        total_s += dt
        rules = (Humanizer.rule_edit(src)[0] or src if ref is None  # the verified rule edit, as the pipeline uses it
                 else ref.humanize(src, use_model=True).humanized_text)
        systems = {"ours": res.humanized_text, ref_name: rules}
        order = ["ours", ref_name]
        rng.shuffle(order)
        items.append({"id": r["id"], "source": src, "A": systems[order[0]], "B": systems[order[1]]})
        key[r["id"]] = {"A": order[0], "B": order[1]}
        outputs.append({"id": r["id"], "seconds": round(dt, 2), "ours": res.humanized_text, ref_name: rules,
                        "parts": res.sentence_report(), "verifier_ours": verify(src, res.humanized_text),
                        "verifier_ref": verify(src, rules)})
        print(f"{r['id']}: {dt:.1f} s", file=sys.stderr, flush=True)
    (out / "items.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items))
    (out / "key.json").write_text(json.dumps(key, indent=1))
    (out / "outputs.jsonl").write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outputs))
    (out / "rubric.md").write_text(RUBRIC + "\n")
    statuses = [s for o in outputs for s, _, _ in o["parts"]]
    print(f"{len(rows)} passages, {total_words} words, {100 * total_s / max(1, total_words):.2f} s per 100 words")
    print("parts: " + ", ".join(f"{k} {statuses.count(k)}" for k in ("rewritten", "rule-edited", "kept")))
    print(f"verifier-clean: ours {sum(not o['verifier_ours'] for o in outputs)}/{len(outputs)}, "
          f"{ref_name} {sum(not o['verifier_ref'] for o in outputs)}/{len(outputs)}")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _judge_files(out: Path, stem: str) -> dict[str, Path]:
    """{judge name: file} for stem.jsonl (judge "-") and stem_<judge>.jsonl."""
    files = {"-": out / f"{stem}.jsonl"} if (out / f"{stem}.jsonl").exists() else {}
    files.update({f.stem[len(stem) + 1:]: f for f in sorted(out.glob(f"{stem}_*.jsonl"))})
    if not files:
        raise SystemExit(f"no {stem}.jsonl or {stem}_<judge>.jsonl in {out}: have a blind judge write one first")
    return files


def _per_system(key: dict, judged: list[dict]) -> dict[str, list[dict]]:
    per: dict[str, list[dict]] = {}
    for j in judged:
        per.setdefault(key[j["id"]][j["label"]], []).append(j)
    return per


def report(out: Path) -> None:
    key = json.loads((out / "key.json").read_text())
    print(f"{'judge':<7}{'system':<9}{'passages':>9}{'meaning err/passage':>21}{'zero-error':>12}"
          f"{'grammar err/passage':>21}{'natural':>9}{'usable':>8}")
    for judge, path in _judge_files(out, "judgments").items():
        for system, js in sorted(_per_system(key, _jsonl(path)).items()):
            n = len(js)
            print(f"{judge:<7}{system:<9}{n:>9}{sum(j['meaning_errors'] for j in js) / n:>21.2f}"
                  f"{sum(j['meaning_errors'] == 0 for j in js) / n:>12.0%}"
                  f"{sum(j['grammar_errors'] for j in js) / n:>21.2f}"
                  f"{sum(j['natural'] for j in js) / n:>9.2f}{sum(bool(j['usable']) for j in js) / n:>8.0%}")


def pair(old: Path, out: Path, seed: int, names: tuple[str, str]) -> None:
    """Blind A/B items of the passages where our output differs between two prepared rounds."""
    old_rows = {o["id"]: o for o in _jsonl(old / "outputs.jsonl")}
    new_rows = {o["id"]: o for o in _jsonl(out / "outputs.jsonl")}
    sources = {i["id"]: i["source"] for i in _jsonl(out / "items.jsonl")}
    rng = random.Random(seed)
    items, key = [], {}
    for pid, new in new_rows.items():
        if pid not in old_rows or old_rows[pid]["ours"] == new["ours"]:
            continue
        systems = {names[0]: old_rows[pid]["ours"], names[1]: new["ours"]}
        order = list(names)
        rng.shuffle(order)
        items.append({"id": pid, "source": sources[pid], "A": systems[order[0]], "B": systems[order[1]]})
        key[pid] = {"A": order[0], "B": order[1]}
    (out / "pair_items.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items))
    (out / "pair_key.json").write_text(json.dumps(key, indent=1))
    (out / "pair_rubric.md").write_text(PAIR_RUBRIC + "\n")
    print(f"{len(items)} of {len(new_rows)} passages differ between {old} ({names[0]}) and {out} ({names[1]})")


def pair_report(out: Path) -> None:
    key = json.loads((out / "pair_key.json").read_text())
    preferences = _judge_files(out, "pair_preferences")
    for judge, path in _judge_files(out, "pair_judgments").items():
        counts: dict[str, int] = {}
        for p in _jsonl(preferences[judge]) if judge in preferences else []:
            who = "same" if p["preference"] == "same" else key[p["id"]][p["preference"]]
            counts[who] = counts.get(who, 0) + 1
        print(f"judge {judge}: preferred " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for system, js in sorted(_per_system(key, _jsonl(path)).items()):
            print(f"  {system}: meaning {sum(j['meaning_errors'] for j in js)}, grammar "
                  f"{sum(j['grammar_errors'] for j in js)}, natural {sum(j['natural'] for j in js) / len(js):.2f}, "
                  f"usable {sum(bool(j['usable']) for j in js)} of {len(js)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["prepare", "report", "pair", "pair-report"])
    ap.add_argument("--data", type=Path, default=Path("data/humanizer/dev.jsonl"))
    ap.add_argument("--out", type=Path, default=Path("runs/blind"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--adapter", default="bundled", help="our humanizer adapter (default: the shipped one)")
    ap.add_argument("--reference", default="rules", help="'rules' (the verified rule edit) or an adapter dir "
                    "(e.g. the previous release) to judge against")
    ap.add_argument("--old", type=Path, help="pair: the earlier round's prepared dir")
    ap.add_argument("--names", nargs=2, default=("old", "new"), help="pair: labels of the old and new round")
    args = ap.parse_args()
    if args.command == "prepare":
        prepare(args.data, args.out, args.limit, args.seed, args.adapter, args.reference)
    elif args.command == "pair":
        if args.old is None:
            ap.error("pair needs --old DIR (the earlier round, prepared with the same --data)")
        pair(args.old, args.out, args.seed, tuple(args.names))
    elif args.command == "pair-report":
        pair_report(args.out)
    else:
        report(args.out)


if __name__ == "__main__":
    main()
