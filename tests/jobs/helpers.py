"""Shared by the jobs tests and the live server's jobs tests."""

import json
import shutil
import subprocess
import sys
import time

RECORDS = [{"prompt": f"Name thing number {i}", "completion": f"Thing {i} is a {w}."}
           for i, w in enumerate(["cat", "dog", "tree", "bird", "fish", "stone", "cloud", "river", "song", "hat",
                                  "lamp", "door", "road", "ship", "coin", "bell"])]


def write_jsonl(path, records=RECORDS):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def tiny_settings(steps=12, save=4, **train):
    return {"train": {"max_steps": steps, "eval_steps": save, "save_steps": save, "logging_steps": 2,
                      "batch_size": 2, "save_total_limit": 2, **train},
            "data": {"val_fraction": 0.25}}


def start_worker(db_url: str, stale_after: float = 30.0, log=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tunesmith.cli", "worker", "--db", db_url,
                             "--stale-after", str(stale_after)],
                            stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)


def wait_for(predicate, timeout: float, what: str, every: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def find_postgres_bin() -> str | None:
    import glob

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return found[-1].rsplit("/", 1)[0]
    initdb = shutil.which("initdb")
    return initdb.rsplit("/", 1)[0] if initdb else None
