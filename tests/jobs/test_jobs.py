"""The jobs service on SQLite: uploads, parameter checks, a whole job, cancel/pause, atomic claims,
sealed checkpoints, and kill -9 of a worker mid-run resuming to the same adapter."""

import json
import os
import signal
import threading
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from tunesmith.errors import ConfigError, DataError, ModelNotFoundError
from tunesmith.jobs import JobNotFound, JobService, JobStateError, Worker

from .helpers import start_worker, tiny_settings, wait_for, write_jsonl


# ------------------------------------------------------------------ uploads
@pytest.mark.parametrize("name,content,where", [
    ("bad.jsonl", '{"prompt": "a", "completion": "b"}\n\n{"prompt": "c", "completion": "d"}\n{"prompt": "e",}\n',
     "bad.jsonl:4: invalid JSON"),
    ("missing.jsonl", '{"prompt": "a", "completion": "b"}\n{"prompt": "c"}\n', "missing.jsonl:2: no 'completion' field"),
    ("chat.jsonl", '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n'
     '{"messages": [{"role": "robot", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n',
     "chat.jsonl:2: messages[0].role is 'robot'"),
    ("rows.csv", "prompt,completion\na,b\nc,d,e\n", "rows.csv:3: more cells than header"),
    ("notes.exe", "text", "unsupported file type '.exe'"),
    ("list.jsonl", '[1, 2]\n', "list.jsonl:1: expected a JSON object"),
    # code review 2026-12-02: each was a 500 or trained as the text "None"
    ("short.csv", "prompt,completion\na,b\nc\n", "short.csv:3: fewer cells than header columns (no completion)"),
    ("null.jsonl", '{"prompt": "a", "completion": null}\n', "null.jsonl:1: 'completion' must be text, got null"),
    ("latin.json", b'[{"text": "caf\xe9"}]', "latin.json: not UTF-8 text"),
    ("latin.csv", b"text\nok\ncaf\xe9\n", "latin.csv: not UTF-8 text"),
    # new-user review: an empty answer teaches nothing but to stop at once
    ("empty.jsonl", '{"prompt": "a", "completion": "b"}\n{"prompt": "Hi", "completion": ""}\n',
     "empty.jsonl:2: 'completion' is empty"),
    ("blank.csv", "prompt,completion\nHi,  \n", "blank.csv:2: 'completion' is empty"),
    ("mute.jsonl", '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": " "}]}\n',
     "mute.jsonl:1: every assistant turn is empty"),
])
def test_a_bad_upload_is_refused_naming_file_and_line(service, name, content, where):
    with pytest.raises(DataError) as err:
        service.upload(name, content if isinstance(content, bytes) else content.encode())
    assert where in err.value.message
    assert service.files() == []  # nothing half-stored
    assert not any((service.home / "files").glob("*/*")) if (service.home / "files").exists() else True


def test_upload_detects_format_and_previews(service, tmp_path):
    f = service.upload("rows.csv", b"prompt,completion\nhello,world\nfoo,bar\n")
    assert (f["object"], f["status"], f["format"], f["records"], f["purpose"]) == \
        ("file", "processed", "completion", 2, "fine-tune")
    preview = service.preview(f["id"])
    assert preview["preview"][0] == {"prompt": "hello", "completion": "world"}
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"text": "one line"}, {"text": "two lines"}]), tmp_path / "t.parquet")
    table = service.upload("t.parquet", (tmp_path / "t.parquet").read_bytes())
    assert (table["format"], table["records"]) == ("text", 2)
    text = service.upload("poem.txt", "Shall I compare thee\nto a summer's day?\n".encode())
    assert text["format"] == "text" and text["records"] == 1
    assert service.file_content(f["id"]).read_bytes() == b"prompt,completion\nhello,world\nfoo,bar\n"
    with pytest.raises(ConfigError, match="purpose"):
        service.upload("x.jsonl", b'{"text": "a"}\n', purpose="assistants")


# ------------------------------------------------------------------ job parameters
@pytest.mark.parametrize("kwargs,error,field", [
    ({"model": "no-such-model"}, ModelNotFoundError, "model"),
    ({"training_file": "file-nope"}, JobNotFound, "training_file"),
    ({"hyperparameters": {"n_epochs": 0}}, ConfigError, "hyperparameters.n_epochs"),
    ({"hyperparameters": {"batch_size": 1.5}}, ConfigError, "hyperparameters.batch_size"),
    ({"hyperparameters": {"warmup": 3}}, ConfigError, "hyperparameters"),
    ({"method": {"type": "dpo"}}, ConfigError, "method.type"),
    ({"suffix": "has space"}, ConfigError, "suffix"),
    ({"tunesmith": {"train": {"learning_rate": -1}}}, ConfigError, "tunesmith.train.learning_rate"),
    ({"tunesmith": {"trian": {}}}, ConfigError, "tunesmith.trian"),
    ({"tunesmith": {"output": "/etc"}}, ConfigError, "tunesmith.output"),
    # a job reads only its uploads: no path on the server (code review 2026-12-02)
    ({"tunesmith": {"data": {"val_source": "/etc/hostname"}}}, ConfigError, "tunesmith.data.val_source"),
    ({"tunesmith": {"data": {"source": "/etc/hostname"}}}, ConfigError, "tunesmith.data.source"),
    ({"tunesmith": {"train": {"distill_from": "/srv/other-model"}}}, ConfigError, "tunesmith.train.distill_from"),
    ({"tunesmith": {"train": {"seed": -1}}}, ConfigError, "tunesmith.train.seed"),
    ({"tunesmith": {"train": {"lr_scheduler": "cosin"}}}, ConfigError, "tunesmith.train.lr_scheduler"),
])
def test_bad_job_parameters_name_the_field(service, data_file, kwargs, error, field):
    args = {"model": "tiny-random", "training_file": data_file["id"], **kwargs}
    with pytest.raises(error) as err:
        service.create(**args)
    assert err.value.field == field, err.value.message
    assert service.jobs()[0] == []
    if not {"model", "training_file"} & set(kwargs):  # what `tunesmith jobs create` checks before uploading
        with pytest.raises(error) as err:
            JobService.check_settings(**kwargs)
        assert err.value.field == field, err.value.message


def test_settings_checked_before_upload_accept_what_a_job_accepts(service, data_file):
    settings = dict(suffix="ok", seed=3, hyperparameters={"n_epochs": 2}, tunesmith={
        "voice": False, "launch": {"num_processes": 1}, "method": "full", "data": {"block_size": 64},
        "train": {"distill_from": "tiny-random"}})
    JobService.check_settings(**settings)
    assert service.create(model="tiny-random", training_file=data_file["id"], **settings)["status"] == "queued"


def test_hyperparameters_map_onto_the_run_config(service, data_file):
    job = service.create(model="tiny-random", training_file=data_file["id"], seed=7,
                         method={"type": "supervised", "supervised": {"hyperparameters": {
                             "n_epochs": 3, "batch_size": 4, "learning_rate_multiplier": 0.5}}},
                         tunesmith={"method": "full"})
    cfg = service.store.job(job["id"])["config"]
    assert (cfg["train"]["epochs"], cfg["train"]["batch_size"], cfg["train"]["learning_rate"], cfg["method"],
            cfg["train"]["seed"]) == (3, 4, 1e-4, "full", 7)
    assert job["hyperparameters"] == {"n_epochs": 3, "batch_size": 4, "learning_rate_multiplier": 0.5}
    assert job["status"] == "queued" and job["seed"] == 7


# ------------------------------------------------------------------ a whole job in-process
def test_a_job_trains_streams_metrics_and_is_servable(service, data_file):
    from tunesmith.generate import Generator

    job = service.create(model="tiny-random", training_file=data_file["id"], suffix="demo", seed=3,
                         metadata={"team": "a"}, tunesmith=tiny_settings())
    assert Worker(service.store, poll=0.1, heartbeat=0.5).run(max_jobs=1) == 1
    job = service.job(job["id"])
    assert job["status"] == "succeeded", job["error"]
    assert job["fine_tuned_model"].startswith("ft:tiny-random:demo:")
    assert job["trained_tokens"] > 0 and job["finished_at"] >= job["created_at"]
    messages = [e["message"] for e in reversed(service.events(job["id"], limit=100)[0])]
    assert messages[0].startswith("Validating training file") and messages[-1] == "The job has successfully completed"
    metrics = service.metrics(job["id"])
    points = [(m["step"], k) for m in metrics for k in m if k.endswith("loss")]
    assert len(points) == len(set(points)), "a metric was logged twice"
    assert {k for _, k in points} == {"train_loss", "valid_loss"}
    ckpts, _ = service.checkpoints(job["id"])
    assert [c["step_number"] for c in ckpts] == [12, 8]  # newest first; those still on disk (save_total_limit 2)
    assert all("train_loss" in c["metrics"] and "valid_loss" in c["metrics"] for c in ckpts)
    # served by name through the same loading path as the server's pool
    base, adapter = service.served_model(job["fine_tuned_model"])
    out = Generator(base, adapter=adapter, quantize="none").generate("Name thing", {"max_new_tokens": 3})
    assert out[0].completion_tokens == 3
    assert service.model_names() == [job["fine_tuned_model"]]
    assert service.jobs(metadata={"team": "b"})[0] == []
    # a checkpoint is served by its fine_tuned_model_checkpoint name (new-user review: it was "unknown model")
    base, ckpt = service.served_model(ckpts[-1]["fine_tuned_model_checkpoint"])
    assert Path(ckpt).name == "checkpoint-8" and ckpt != adapter
    out = Generator(base, adapter=ckpt, quantize="none").generate("Name thing", {"max_new_tokens": 3})
    assert out[0].completion_tokens == 3
    for gone in (4, 5):  # removed by save_total_limit; never saved
        assert service.served_model(f"{job['fine_tuned_model']}:ckpt-step-{gone}") is None
    (Path(ckpt) / "adapter_model.safetensors").write_bytes(b"x")
    with pytest.raises(ModelNotFoundError, match="does not match its recorded checksum"):
        service.served_model(ckpts[-1]["fine_tuned_model_checkpoint"])


def test_cancel_and_pause_follow_the_job_state(service, data_file):
    a = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=tiny_settings())
    b = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=tiny_settings())
    assert service.cancel(a["id"])["status"] == "cancelled"
    with pytest.raises(JobStateError):
        service.cancel(a["id"])
    assert service.pause(b["id"])["status"] == "paused"
    assert service.store.claim("w") is None  # paused jobs are not picked up
    assert service.resume(b["id"])["status"] == "queued"
    with pytest.raises(JobStateError):
        service.resume(b["id"])


def test_a_job_left_validating_by_a_stopped_server_fails_with_a_reason(service, data_file):
    import time

    job = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=tiny_settings())
    fresh = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=tiny_settings())
    # as if its server stopped mid-check: still "validating_files", two hours later
    service.store.update_job(job["id"], status="validating_files", created_at=time.time() - 7200)
    service.store.update_job(fresh["id"], status="validating_files")  # a live server may still be checking it
    service.store.requeue_stale(30)
    stuck = service.job(job["id"])
    assert stuck["status"] == "failed" and stuck["error"]["code"] == "validation_interrupted"
    assert "create the job again" in service.events(job["id"])[0][0]["message"]
    assert service.job(fresh["id"])["status"] == "validating_files"


def test_a_status_change_and_its_events_land_together(service, data_file):
    """Whoever reads a final status also reads the events that close the job (`jobs events
    --follow` stops on the status), and a transition that does not apply writes no events."""
    job = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=tiny_settings())
    store = service.store
    assert not store.update_job(job["id"], only_if=("running",), status="failed",
                                events=[dict(message="Job failed: never", level="error")])
    assert all("never" not in e["message"] for e in service.events(job["id"], limit=100)[0])
    assert store.update_job(job["id"], only_if=("queued",), status="cancelled",
                            events=[dict(message="closing 1"), dict(message="closing 2", data={"x": 1})])
    newest = service.events(job["id"], limit=100)[0][:2]
    assert [e["message"] for e in newest] == ["closing 2", "closing 1"] and newest[0]["data"] == {"x": 1}


def test_pause_while_running_seals_a_checkpoint_and_resume_finishes(service, data_file):
    job = service.create(model="tiny-random", training_file=data_file["id"], seed=5,
                         tunesmith=tiny_settings(steps=200, save=100))
    worker = Worker(service.store, poll=0.1, heartbeat=0.3)
    t = threading.Thread(target=worker.run, kwargs={"max_jobs": 1})
    t.start()
    wait_for(lambda: service.store.job(job["id"])["step"] > 0, 120, "training to start")
    service.pause(job["id"])
    t.join(120)
    row = service.store.job(job["id"])
    assert row["status"] == "paused", row
    paused_at = row["step"]
    assert 0 < paused_at < 200 and service.checkpoints(job["id"])[0][0]["step_number"] == paused_at
    service.resume(job["id"])
    Worker(service.store, poll=0.1, heartbeat=0.3).run(max_jobs=1)
    row = service.store.job(job["id"])
    assert row["status"] == "succeeded" and row["step"] == 200
    assert any(f"Resuming from the checkpoint at step {paused_at}" in e["message"]
               for e in service.events(job["id"], limit=1000)[0])


def test_claims_are_atomic(service, data_file):
    ids = {service.create(model="tiny-random", training_file=data_file["id"])["id"] for _ in range(8)}
    got, lock = [], threading.Lock()

    def grab(name):
        while (job := service.store.claim(name)) is not None:
            with lock:
                got.append(job["id"])

    threads = [threading.Thread(target=grab, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == sorted(ids)


# ------------------------------------------------------------------ sealed checkpoints
def test_resume_skips_incomplete_and_damaged_checkpoints(tmp_path):
    from tunesmith.train import checkpoint_problem, latest_complete_checkpoint, mark_complete

    ckpts = tmp_path / "checkpoints"
    for step in (10, 20, 30):
        d = ckpts / f"checkpoint-{step}"
        d.mkdir(parents=True)
        (d / "weights.bin").write_bytes(os.urandom(1000))
        if step != 30:  # checkpoint-30 never got its marker (killed while writing)
            mark_complete(d, {"train_seconds": step})
    assert latest_complete_checkpoint(ckpts).name == "checkpoint-20"
    with (ckpts / "checkpoint-20" / "weights.bin").open("r+b") as fh:  # bit rot / a torn write
        fh.seek(500)
        fh.write(b"\x00" * 8)
    assert "checksum" in checkpoint_problem(ckpts / "checkpoint-20")
    assert latest_complete_checkpoint(ckpts).name == "checkpoint-10"
    legacy = tmp_path / "legacy"  # a run from before sealing: no markers anywhere
    for step in (5, 7):
        (legacy / f"checkpoint-{step}").mkdir(parents=True)
    (legacy / "checkpoint-5" / "trainer_state.json").write_text("{}")
    assert latest_complete_checkpoint(legacy).name == "checkpoint-5"


def test_kill_9_of_the_worker_resumes_to_the_same_adapter(service, data_file, tmp_path):
    """A worker killed mid-run: the next worker resumes from the newest sealed checkpoint and the
    final adapter equals an uninterrupted run with the same seed."""
    settings = tiny_settings(steps=150, save=25, logging_steps=5)
    url = service.store.url
    straight = service.create(model="tiny-random", training_file=data_file["id"], seed=11, tunesmith=settings)
    Worker(service.store, poll=0.1, heartbeat=0.5).run(max_jobs=1)
    assert service.job(straight["id"])["status"] == "succeeded"

    job = service.create(model="tiny-random", training_file=data_file["id"], seed=11, tunesmith=settings)
    log = (tmp_path / "w1.log").open("wb")
    first = start_worker(url, stale_after=2, log=log)
    try:
        wait_for(lambda: any(c["step_number"] >= 50 for c in service.checkpoints(job["id"])[0]), 180,
                 "a checkpoint at step >= 50", every=0.01)
        os.kill(first.pid, signal.SIGKILL)
        sealed = max(c["step_number"] for c in service.checkpoints(job["id"])[0])
    finally:
        first.kill()
        first.wait()
    assert service.store.job(job["id"])["status"] == "running"  # nobody told the store: the worker just died
    second = start_worker(url, stale_after=2, log=log)
    try:
        wait_for(lambda: service.store.job(job["id"])["status"] in ("succeeded", "failed"), 240, "the job to finish",
                 every=0.5)
    finally:
        second.terminate()
        second.wait(30)
    row = service.store.job(job["id"])
    assert row["status"] == "succeeded", row["error"]
    events = [e["message"] for e in service.events(job["id"], limit=200)[0]]
    resumed = [m for m in events if m.startswith("Resuming from the checkpoint at step")]
    assert len(resumed) == 1
    resumed_at = int(resumed[0].split("step ")[1].split()[0])
    assert sealed - 25 <= resumed_at <= sealed  # at most one checkpoint interval repeated
    metrics = service.metrics(job["id"])
    points = [(m["step"], k) for m in metrics for k in m if k.endswith("loss")]
    assert len(points) == len(set(points)) and max(s for s, _ in points) == 150
    a = load_file(f"{service.store.job(straight['id'])['run_dir']}/adapter_model.safetensors")
    b = load_file(f"{row['run_dir']}/adapter_model.safetensors")
    assert a.keys() == b.keys()
    for k in a:
        torch.testing.assert_close(a[k], b[k], rtol=1e-4, atol=1e-6)
    assert not torch.equal(a[next(iter(a))], torch.zeros_like(a[next(iter(a))]))
    ev = json.loads((tmp_path / "home" / "jobs" / job["id"] / "run" / "eval.json").read_text())
    straight_ev = json.loads((tmp_path / "home" / "jobs" / straight["id"] / "run" / "eval.json").read_text())
    assert ev["tokens_seen"] == straight_ev["tokens_seen"] and ev["steps"] == 150
    assert ev["train_seconds"] > 0


def test_upload_file_object_roundtrip(service, tmp_path):
    path = write_jsonl(tmp_path / "more.jsonl")
    with path.open("rb") as fh:
        f = service.upload("more.jsonl", fh)
    assert service.file(f["id"])["bytes"] == path.stat().st_size
    assert service.delete_file(f["id"]) == {"id": f["id"], "object": "file", "deleted": True}
    assert service.files() == []


def test_a_job_can_train_in_two_processes(service, data_file):
    """tunesmith.launch.num_processes: the worker starts the job under torchrun (2 CPU processes,
    DDP over gloo); rank 0 reports to the store. Two ranks see twice the examples per step."""
    settings = {**tiny_settings(steps=6, save=3), "data": {"val_fraction": 0.25, "packing": False}}
    one = service.create(model="tiny-random", training_file=data_file["id"], seed=2, tunesmith=settings)
    two = service.create(model="tiny-random", training_file=data_file["id"], seed=2,
                         tunesmith={**settings, "launch": {"num_processes": 2}})
    with pytest.raises(ConfigError, match="num_processes"):
        service.create(model="tiny-random", training_file=data_file["id"], tunesmith={"launch": {"num_processes": 0}})
    Worker(service.store, poll=0.1, heartbeat=0.5).run(max_jobs=2)
    rows = {k: service.store.job(j["id"]) for k, j in (("one", one), ("two", two))}
    for k, row in rows.items():
        assert row["status"] == "succeeded", (k, row["error"])
    evals = {k: json.loads((Path(r["run_dir"]) / "eval.json").read_text()) for k, r in rows.items()}
    assert evals["one"]["steps"] == evals["two"]["steps"] == 6
    assert evals["two"]["tokens_seen"] > 1.5 * evals["one"]["tokens_seen"]  # gathered over both ranks
    with pytest.raises(JobStateError):  # a multi-process job can't pause at a checkpoint (yet)
        service.store.update_job(two["id"], status="running")
        service.pause(two["id"])


def test_a_job_can_train_on_two_machines(service, data_file):
    """tunesmith.launch.num_machines: the worker that claims the job is machine 0 and waits; an
    idle worker joins as machine 1; both train under torchrun (here two "machines" on loopback,
    sharing the jobs dir as real ones would over NFS). Then: too few machines fail clearly."""
    settings = {**tiny_settings(steps=6, save=3), "data": {"val_fraction": 0.25, "packing": False}}
    one = service.create(model="tiny-random", training_file=data_file["id"], seed=2, tunesmith=settings)
    Worker(service.store, poll=0.1, heartbeat=0.5).run(max_jobs=1)
    two = service.create(model="tiny-random", training_file=data_file["id"], seed=2,
                         tunesmith={**settings, "launch": {"num_machines": 2}})
    with pytest.raises(ConfigError, match="num_machines"):
        service.create(model="tiny-random", training_file=data_file["id"], tunesmith={"launch": {"num_machines": 99}})
    workers = [Worker(service.store, poll=0.1, heartbeat=0.5, name=f"machine-{i}", address="127.0.0.1")
               for i in range(2)]
    threads = [threading.Thread(target=w.run, kwargs={"max_jobs": 1}) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    row = service.store.job(two["id"])
    assert row["status"] == "succeeded", row["error"]
    members = service.store.members(two["id"], row["attempts"])
    assert [m["machine_rank"] for m in members] == [0, 1]
    assert {m["worker"] for m in members} == {"machine-0", "machine-1"}
    assert members[0]["address"].startswith("127.0.0.1:")
    evals = {k: json.loads((Path(service.store.job(j["id"])["run_dir"]) / "eval.json").read_text())
             for k, j in (("one", one), ("two", two))}
    assert evals["one"]["steps"] == evals["two"]["steps"] == 6
    assert evals["two"]["tokens_seen"] > 1.5 * evals["one"]["tokens_seen"]  # gathered over both machines
    events, _ = service.events(two["id"], limit=100)
    assert any("Training on 2 machines" in e["message"] for e in events)

    alone = service.create(model="tiny-random", training_file=data_file["id"],
                           tunesmith={**settings, "launch": {"num_machines": 2}})
    Worker(service.store, poll=0.1, heartbeat=0.5, gang_timeout=1.0).run(max_jobs=1)
    row = service.store.job(alone["id"])
    assert row["status"] == "failed" and row["error"]["code"] == "machines_unavailable"
    assert row["error"]["param"] == "tunesmith.launch.num_machines" and "only 1 joined" in row["error"]["message"]


def test_a_newer_gathering_job_yields_to_an_older_one(service, data_file):
    """Two multi-machine jobs claimed at once by two workers would each wait for the other's
    worker: the newer one goes back to the queue (its attempt not counted) and its worker is
    free to join the older one."""
    settings = {**tiny_settings(steps=2, save=1), "launch": {"num_machines": 2}}
    older = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=settings)
    newer = service.create(model="tiny-random", training_file=data_file["id"], tunesmith=settings)
    a = service.store.claim("w1")
    assert a["id"] == older["id"]
    service.store.add_member(a["id"], a["attempts"], 0, "w1", "127.0.0.1:1")
    b = service.store.claim("w2")
    assert b["id"] == newer["id"]
    assert Worker(service.store, poll=0.1, heartbeat=0.5, name="w2").gather_machines(b, 2) is None
    row = service.store.job(newer["id"])
    assert row["status"] == "queued" and row["attempts"] == 0 and service.store.members(newer["id"], 1) == []
    assert [g["id"] for g in service.store.gangs_forming()] == [older["id"]]
    # a member whose worker went silent before training started gives its rank back
    assert service.store.add_member(a["id"], a["attempts"], 1, "w3")
    with service.store.session.begin() as s:
        from tunesmith.jobs.store import MemberRow
        s.query(MemberRow).filter_by(machine_rank=1).update({"heartbeat_at": 0.0})
    assert [m["worker"] for m in Worker(service.store, stale_after=30).silent_members(a["id"], a["attempts"])] == ["w3"]


# ------------------------------------------------------------------ new-user review 2026-12
def test_training_warnings_become_job_events(service, tmp_path):
    """A job on far too little data "succeeded" and its only warning ("too little data for a
    validation split") went to train.log, which the API does not show: tunesmith's warnings while
    a job trains are events with level "warn" (OpenAI's levels: info, warn, error)."""
    from tunesmith.jobs.runner import run_job

    with write_jsonl(tmp_path / "tiny.jsonl", [{"prompt": "Hi", "completion": "Hello."}]).open("rb") as fh:
        f = service.upload("tiny.jsonl", fh)
    job = service.create(model="tiny-random", training_file=f["id"],
                         tunesmith={"train": {"max_steps": 2, "batch_size": 1, "save_steps": 2, "logging_steps": 1}})
    assert service.store.claim("w")["id"] == job["id"]
    assert run_job(service.store, job["id"]) == "succeeded"
    warned = [e for e in service.events(job["id"], limit=100)[0] if e["level"] == "warn"]
    assert [e["message"].split(":")[0] for e in warned] == ["tiny.jsonl"], warned  # not the path on the server
    assert "too little data for a validation split" in warned[0]["message"]
    assert str(service.home) not in warned[0]["message"]
    # a second attempt (resumed after a lost worker) warns again in train.log, not twice in the events
    service.store.update_job(job["id"], status="queued")
    service.store.claim("w")
    run_job(service.store, job["id"])
    assert sum(e["level"] == "warn" for e in service.events(job["id"], limit=100)[0]) == 1
    import logging

    assert not any(type(h).__name__ == "WarningsAsEvents" for h in logging.getLogger("tunesmith").handlers)


def test_a_full_fine_tunes_checkpoint_is_servable(service, data_file):
    """A checkpoint of a full fine-tune (not an adapter) loads as a model of its own."""
    from tunesmith.generate import Generator

    job = service.create(model="tiny-random", training_file=data_file["id"], tunesmith={**tiny_settings(steps=4),
                                                                                          "method": "full"})
    assert Worker(service.store, poll=0.1, heartbeat=0.5).run(max_jobs=1) == 1
    assert service.job(job["id"])["status"] == "succeeded"
    ckpt = service.checkpoints(job["id"])[0][0]
    base, adapter = service.served_model(ckpt["fine_tuned_model_checkpoint"])
    assert adapter is None and Path(base).name == "checkpoint-4"
    out = Generator(base, quantize="none").generate("Name thing", {"max_new_tokens": 3})
    assert out[0].completion_tokens == 3
