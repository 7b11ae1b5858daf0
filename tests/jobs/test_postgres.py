"""The same store on a real PostgreSQL server: atomic claims under contention, and two workers
taking queued jobs in parallel, never the same job twice."""

import threading

from .helpers import start_worker, tiny_settings, wait_for, write_jsonl


def test_claims_are_atomic_on_postgres(pg_service, tmp_path):
    with write_jsonl(tmp_path / "d.jsonl").open("rb") as fh:
        f = pg_service.upload("d.jsonl", fh)
    ids = {pg_service.create(model="tiny-random", training_file=f["id"])["id"] for _ in range(12)}
    got, lock = [], threading.Lock()

    def grab(name):
        while (job := pg_service.store.claim(name)) is not None:
            with lock:
                got.append(job["id"])

    threads = [threading.Thread(target=grab, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == sorted(ids)


def test_two_workers_share_one_postgres_store(pg_service, tmp_path):
    with write_jsonl(tmp_path / "d.jsonl").open("rb") as fh:
        f = pg_service.upload("d.jsonl", fh)
    ids = [pg_service.create(model="tiny-random", training_file=f["id"], seed=i,
                             tunesmith=tiny_settings(steps=20, save=10))["id"] for i in range(4)]
    workers = [start_worker(pg_service.store.url) for _ in range(2)]
    try:
        wait_for(lambda: all(pg_service.store.job(i)["status"] in ("succeeded", "failed") for i in ids), 300,
                 "four jobs to finish", every=0.5)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(30)
    rows = [pg_service.store.job(i) for i in ids]
    assert all(r["status"] == "succeeded" for r in rows), [r["error"] for r in rows]
    assert all(r["attempts"] == 1 for r in rows)  # each claimed exactly once
    for i in ids:
        starts = [e for e in pg_service.events(i, limit=500)[0] if e["message"].startswith("Job started on worker")]
        assert len(starts) == 1
    by_worker: dict[str, list] = {}
    for i in ids:
        name = [e for e in pg_service.events(i, limit=500)[0]
                if e["message"].startswith("Job started on worker")][0]["message"].rsplit(" ", 1)[1]
        by_worker.setdefault(name, []).append(pg_service.store.job(i))
    assert len(by_worker) == 2, by_worker.keys()  # both workers took jobs
    a, b = by_worker.values()
    overlap = any(x["started_at"] < y["finished_at"] and y["started_at"] < x["finished_at"] for x in a for y in b)
    assert overlap, "the two workers never trained at the same time"


def test_one_job_spans_two_worker_processes_on_postgres(pg_service, tmp_path, monkeypatch):
    """Two `tunesmith worker` processes (stand-ins for two machines) on one PostgreSQL store:
    a num_machines=2 job is claimed by one, joined by the other, and trains on both."""
    monkeypatch.setenv("TUNESMITH_WORKER_ADDRESS", "127.0.0.1")
    with write_jsonl(tmp_path / "d.jsonl").open("rb") as fh:
        f = pg_service.upload("d.jsonl", fh)
    job = pg_service.create(model="tiny-random", training_file=f["id"], seed=1,
                            tunesmith={**tiny_settings(steps=6, save=3), "launch": {"num_machines": 2}})
    workers = [start_worker(pg_service.store.url) for _ in range(2)]
    try:
        row = wait_for(lambda: (r := pg_service.store.job(job["id"]))["status"] in ("succeeded", "failed") and r,
                       300, "the two-machine job to finish", every=0.5)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(30)
    assert row["status"] == "succeeded", row["error"]
    members = pg_service.store.members(job["id"], row["attempts"])
    assert [m["machine_rank"] for m in members] == [0, 1] and len({m["worker"] for m in members}) == 2
