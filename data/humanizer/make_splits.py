"""Build train.jsonl / test.jsonl from the authored parts in raw/ (deterministic).

Each pair is checked with the humanizer's own fact check; pairs whose rewrite lost an exact
fact (number, date, money, URL, e-mail, quote) are reported and left out. The test split
(15% of every domain, at least 60 pairs) is never used for training.

    python data/humanizer/make_splits.py
"""

import json
import random
from collections import defaultdict
from pathlib import Path

from tunesmith.data.humanizer import is_name, missing_facts

HERE = Path(__file__).parent
rows = [json.loads(line) for f in sorted((HERE / "raw").glob("*.jsonl")) for line in f.open() if line.strip()]
kept, dropped = [], []
for r in rows:
    lost = [s for s in missing_facts(r["formal"], r["natural"]) if not is_name(s)]
    (dropped if lost else kept).append(r)
    if lost:
        print(f"dropped {r['id']}: rewrite lost {lost}")
by_domain = defaultdict(list)
for r in kept:
    by_domain[r["domain"]].append(r)
rng = random.Random(2026)
train, test = [], []
# 15% of the corpus, spread evenly: 2 per domain, one more for a seeded choice of domains.
extra = set(rng.sample(sorted(by_domain), max(0, round(len(kept) * 0.15) - 2 * len(by_domain))))
for domain in sorted(by_domain):
    items = by_domain[domain]
    rng.shuffle(items)
    n_test = 2 + (domain in extra)
    test += items[:n_test]
    train += items[n_test:]
for name, split in (("train", train), ("test", test)):
    split.sort(key=lambda r: r["id"])
    with (HERE / f"{name}.jsonl").open("w") as fh:
        for r in split:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"{len(rows)} pairs, {len(dropped)} dropped, {len(by_domain)} domains: train {len(train)}, test {len(test)}")
