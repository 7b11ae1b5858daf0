"""The jobs routes in-process (TestClient): status codes and error shapes, paging, the seed's
/fine_tune pair, and a voice job whose humanizer /humanize then uses by name."""

import io

from tunesmith.jobs import Worker

from jobs.helpers import tiny_settings, write_jsonl

VOICE_SAMPLES = """I don't think we'll get there before noon, but we're trying. The road's closed past the bridge, so we'll go around.

It's been a long week. We've moved the office twice, and nobody's found the coffee machine yet. Still, we're happy.

You can't fix everything at once. Start with what's broken today, and don't worry about next month just yet.
"""


def upload(client, name, content: bytes):
    return client.post("/v1/files", files={"file": (name, io.BytesIO(content))}, data={"purpose": "fine-tune"})


def test_files_and_jobs_error_codes(make_client, tmp_path):
    client = make_client()
    r = upload(client, "bad.jsonl", b'{"prompt": "a", "completion": "b"}\n{"prompt": 1\n')
    assert r.status_code == 422 and "bad.jsonl:2" in r.json()["error"]["message"]
    r = client.post("/v1/files", files={"file": ("x.jsonl", io.BytesIO(b'{"text": "a"}'))}, data={"purpose": "batch"})
    assert r.status_code == 422 and r.json()["error"]["param"] == "purpose"
    f = upload(client, "d.jsonl", write_jsonl(tmp_path / "d.jsonl").read_bytes()).json()
    assert f["object"] == "file" and f["records"] == 16
    assert client.get(f"/v1/files/{f['id']}/preview").json()["format"] == "completion"
    assert client.get("/v1/files/file-nope").status_code == 404
    r = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": "file-nope"})
    assert r.status_code == 404 and r.json()["error"]["param"] == "training_file"
    r = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"],
                                                  "method": {"type": "supervised", "supervised": {
                                                      "hyperparameters": {"n_epochs": 0}}}})
    assert r.status_code == 422 and "n_epochs" in r.json()["error"]["param"]
    r = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"],
                                                  "tunesmith": {"train": {"batch_size": 0}}})
    assert r.status_code == 422 and r.json()["error"]["param"] == "tunesmith.train.batch_size"
    ids = [client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"],
                                                     "metadata": {"n": str(i)}}).json()["id"] for i in range(3)]
    page = client.get("/v1/fine_tuning/jobs", params={"limit": 2}).json()
    assert [j["id"] for j in page["data"]] == ids[::-1][:2] and page["has_more"] is True
    rest = client.get("/v1/fine_tuning/jobs", params={"limit": 2, "after": page["data"][-1]["id"]}).json()
    assert [j["id"] for j in rest["data"]] == [ids[0]] and rest["has_more"] is False
    assert [j["id"] for j in client.get("/v1/fine_tuning/jobs?metadata[n]=1").json()["data"]] == [ids[1]]
    assert client.post(f"/v1/fine_tuning/jobs/{ids[0]}/cancel").json()["status"] == "cancelled"
    r = client.post(f"/v1/fine_tuning/jobs/{ids[0]}/cancel")
    assert r.status_code == 409 and "already cancelled" in r.json()["error"]["message"]
    assert client.post(f"/v1/fine_tuning/jobs/{ids[1]}/resume").status_code == 409
    assert client.get("/v1/fine_tuning/jobs/ftjob-nope").status_code == 404
    r = client.delete(f"/v1/files/{f['id']}")
    assert r.status_code == 409  # still used by queued jobs
    simple = client.post("/fine_tune", json={"model": "tiny-random", "training_file": f["id"], "epochs": 1}).json()
    status = client.get(f"/fine_tune_status/{simple['job_id']}").json()
    assert status["status"] == "queued" and status["step"] == 0


def test_a_voice_job_trains_a_humanizer_used_by_name(make_client, tmp_path):
    client = make_client()
    samples = upload(client, "me.txt", VOICE_SAMPLES.encode()).json()
    assert samples["format"] == "text"
    r = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": samples["id"],
                                                  "tunesmith": {"voice": True, **tiny_settings(steps=4, save=2)}})
    job = r.json()
    assert r.status_code == 200 and job["status"] == "queued", job
    pairs = client.get(f"/v1/files/{job['training_file']}").json()
    assert pairs["format"] == "humanizer" and pairs["records"] > 0
    state = client.app.state.tunesmith
    Worker(state.jobs.store, poll=0.1, heartbeat=0.5).run(max_jobs=1)
    done = client.get(f"/v1/fine_tuning/jobs/{job['id']}").json()
    assert done["status"] == "succeeded", done["error"]
    assert ":voice:" in done["fine_tuned_model"]
    cfg = state.jobs.store.job(job["id"])["config"]
    assert cfg["data"]["format"] == "humanizer" and "gate_proj" in cfg["lora"]["target_modules"]
    r = client.post("/humanize", json={"text": "It is important to note that we will commence on May 2, 2025.",
                                       "voice": done["fine_tuned_model"], "candidates": 1})
    assert r.status_code == 200, r.text
    assert "May 2, 2025" in r.json()["humanized_text"]
    voice = state.humanizer_for(done["fine_tuned_model"])
    assert voice.adapter == state.jobs.store.job(job["id"])["run_dir"]
    # a plain LoRA voice runs per row over the served base: same engine, same batch
    assert voice.generator.adapter == f"voice:{done['fine_tuned_model']}"
    assert voice.generator.scheduler is state.pool.get().scheduler
    r = client.post("/humanize", json={"text": "Hello there.", "voice": "ft:nope"})
    assert r.status_code == 404 and r.json()["error"]["param"] == "voice"
    bad = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": job["training_file"],
                                                    "tunesmith": {"voice": True}})
    assert bad.status_code == 422 and "samples of your own writing" in bad.json()["error"]["message"]


def test_unknown_and_unsupported_job_fields_are_refused_by_name(make_client, tmp_path):
    """New-user review: {"foo": 1} or a misspelled "hyperparameter" created a job that ran on
    defaults. Unknown fields are a 422 naming them; OpenAI fields this server does not implement
    are refused as the completions endpoints refuse theirs (code unsupported_parameter)."""
    client = make_client()
    f = upload(client, "d.jsonl", write_jsonl(tmp_path / "d.jsonl").read_bytes()).json()
    base = {"model": "tiny-random", "training_file": f["id"]}
    for extra, param in [({"foo": 1}, "foo"), ({"hyperparameter": {"n_epochs": 2}}, "hyperparameter"),
                         ({"method": {"type": "supervised", "supervized": {}}}, "method.supervized"),
                         ({"method": {"supervised": {"hyperparameter": {}}}}, "method.supervised.hyperparameter")]:
        r = client.post("/v1/fine_tuning/jobs", json={**base, **extra})
        assert r.status_code == 422, (extra, r.text)
        error = r.json()["error"]
        assert error["param"] == param and param.split(".")[-1] in error["message"], error
        assert error["type"] == "invalid_request_error"
    for extra, param in [({"integrations": [{"type": "wandb", "wandb": {"project": "p"}}]}, "integrations"),
                         ({"method": {"type": "dpo"}}, "method.type"),
                         ({"method": {"type": "supervised", "dpo": {"hyperparameters": {"beta": 0.1}}}}, "method.dpo")]:
        r = client.post("/v1/fine_tuning/jobs", json={**base, **extra})
        assert r.status_code == 422, (extra, r.text)
        assert (r.json()["error"]["param"], r.json()["error"]["code"]) == (param, "unsupported_parameter"), r.json()
    r = client.post("/fine_tune", json={**base, "epoch": 1})
    assert r.status_code == 422 and r.json()["error"]["param"] == "epoch"
    assert client.get("/v1/fine_tuning/jobs").json()["data"] == []  # none of them made a job
    # every OpenAI field we implement is still accepted, and "off" values of the others
    r = client.post("/v1/fine_tuning/jobs", json={
        **base, "validation_file": f["id"], "suffix": "ok", "seed": 1, "metadata": {"a": "b"}, "integrations": [],
        "hyperparameters": {"n_epochs": 1}, "method": {"type": "supervised", "supervised": {"hyperparameters": {
            "batch_size": 2, "learning_rate_multiplier": "auto"}}, "dpo": None}, "tunesmith": tiny_settings()})
    assert r.status_code == 200 and r.json()["status"] == "queued", r.text


def _cli_against(client, monkeypatch):
    """`tunesmith jobs ...` with its HTTP calls answered by ``client`` (the app in-process)."""
    import httpx
    from typer.testing import CliRunner

    from tunesmith.cli import app

    def request(method, url, headers=None, timeout=None, **kw):
        return client.request(method, url.removeprefix("http://127.0.0.1:8000"), headers=headers, **kw)

    monkeypatch.setattr(httpx, "request", request)
    return lambda *args: CliRunner().invoke(app, ["jobs", *args])


def test_jobs_create_with_a_bad_setting_leaves_no_upload(make_client, tmp_path, monkeypatch):
    """New-user review: `jobs create FILE --set train.max_stepz=3` uploaded the file, then the job
    was refused: each retry left an orphan upload. The settings are checked before the upload,
    and an upload whose job the server refuses anyway (an unknown model) is deleted again."""
    client = make_client()
    cli = _cli_against(client, monkeypatch)
    data = write_jsonl(tmp_path / "d.jsonl")
    res = cli("create", str(data), "--model", "tiny-random", "--set", "train.max_stepz=3")
    assert res.exit_code == 2 and "max_stepz" in res.output, res.output
    assert "uploaded" not in res.output
    res = cli("create", str(data), "--model", "tiny-random", "--epochs", "0")
    assert res.exit_code == 2 and "--epochs" in res.output and "greater than or equal to 1" in res.output, res.output
    res = cli("create", str(data), "--model", "no-such-model", "--set", "train.max_steps=3")
    assert res.exit_code == 2 and "uploaded" in res.output and "no-such-model" in res.output, res.output
    assert client.get("/v1/files").json()["data"] == []
    assert client.get("/v1/fine_tuning/jobs").json()["data"] == []
    res = cli("create", str(data), "--model", "tiny-random", "--set", "train.max_steps=3")
    assert res.exit_code == 0 and "queued" in res.output, res.output
    assert len(client.get("/v1/files").json()["data"]) == 1


def test_jobs_pause_and_resume_from_the_cli(make_client, tmp_path, monkeypatch):
    """New-user review: the API pauses and resumes jobs but the CLI had no way to."""
    client = make_client()
    f = upload(client, "d.jsonl", write_jsonl(tmp_path / "d.jsonl").read_bytes()).json()
    job = client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"]}).json()
    cli = _cli_against(client, monkeypatch)
    res = cli("pause", job["id"])
    assert res.exit_code == 0 and f"{job['id']}  paused" in res.output, res.output
    res = cli("resume", job["id"])
    assert res.exit_code == 0 and f"{job['id']}  queued" in res.output, res.output
    res = cli("resume", job["id"])  # not paused: refused, saying why
    assert res.exit_code != 0 and "queued" in res.output, res.output


def test_pause_and_cancel_of_a_running_job_say_they_were_taken(make_client, tmp_path, monkeypatch):
    """New-user review: pause answered "status": "running", "paused": false and `jobs cancel`
    printed "running 11/16", as if nothing had happened. The job stops at its worker's next look,
    so the status is still running, but the answer says what was asked."""
    client = make_client()
    f = upload(client, "d.jsonl", write_jsonl(tmp_path / "d.jsonl").read_bytes()).json()
    store = client.app.state.tunesmith.jobs.store
    ids = [client.post("/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"]}).json()["id"]
           for _ in range(2)]
    assert store.claim("w")["id"] == ids[0] and store.claim("w")["id"] == ids[1]  # both running now
    res = _cli_against(client, monkeypatch)("pause", ids[0])
    assert res.exit_code == 0 and "running (pause requested)" in res.output, res.output
    paused = client.post(f"/v1/fine_tuning/jobs/{ids[0]}/pause").json()
    assert (paused["status"], paused["tunesmith"]["requested"]) == ("running", "pause")
    assert client.get(f"/v1/fine_tuning/jobs/{ids[0]}").json()["tunesmith"]["requested"] == "pause"
    res = _cli_against(client, monkeypatch)("cancel", ids[1])
    assert res.exit_code == 0 and "running (cancel requested)" in res.output, res.output
    cancelled = client.post(f"/v1/fine_tuning/jobs/{ids[1]}/cancel").json()  # asked twice: still the job object
    assert cancelled["object"] == "fine_tuning.job" and cancelled["tunesmith"]["requested"] == "cancel"
    # once the worker has stopped it, nothing is pending any more
    store.update_job(ids[1], status="cancelled", requested=None)
    assert client.get(f"/v1/fine_tuning/jobs/{ids[1]}").json()["tunesmith"]["requested"] is None
