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
