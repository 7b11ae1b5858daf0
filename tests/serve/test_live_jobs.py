"""Fine-tuning as a service against a live server on loopback, driven by the official openai SDK:
upload -> create -> events -> succeeded -> chat with the fine-tuned model, on the tiny model; a
malformed upload fails naming its line; cancel works while queued and while running."""

import time

import pytest

from jobs.helpers import tiny_settings, wait_for, write_jsonl
from .test_live import start_server


@pytest.fixture(scope="module")
def jobs_server(tmp_path_factory):
    yield from start_server(tmp_path_factory, ["--model", "tiny-random", "--humanizer-adapter", "none"],
                            {"TUNESMITH_WORKERS": "1", "TUNESMITH_MAX_NEW_TOKENS": "64"})


@pytest.fixture(scope="module")
def client(jobs_server):
    from openai import OpenAI

    return OpenAI(base_url=f"{jobs_server}/v1", api_key="unused", max_retries=0)


def test_sdk_drives_a_whole_job_then_chats_with_it(client, jobs_server, tmp_path):
    import httpx

    started = time.monotonic()
    path = write_jsonl(tmp_path / "train.jsonl")
    with path.open("rb") as fh:
        f = client.files.create(file=fh, purpose="fine-tune")
    assert (f.status, f.purpose, f.filename) == ("processed", "fine-tune", "train.jsonl")
    job = client.fine_tuning.jobs.create(model="tiny-random", training_file=f.id, suffix="sdk", seed=1,
                                         extra_body={"tunesmith": tiny_settings()})
    assert job.status in ("queued", "running")
    done = wait_for(lambda: (j := client.fine_tuning.jobs.retrieve(job.id)).status in
                    ("succeeded", "failed", "cancelled") and j, 120, "the job to finish", every=0.5)
    assert done.status == "succeeded", done.error
    assert done.fine_tuned_model.startswith("ft:tiny-random:sdk:") and done.trained_tokens > 0
    events = client.fine_tuning.jobs.list_events(job.id, limit=100).data
    assert events[0].message == "The job has successfully completed"  # newest first
    assert any(e.type == "metrics" and "train_loss" in e.data for e in events)
    ckpts = client.fine_tuning.jobs.checkpoints.list(job.id).data
    assert [c.step_number for c in ckpts] == [12, 8] and ckpts[0].metrics.train_loss is not None  # (those on disk)
    assert done.fine_tuned_model in [m.id for m in client.models.list().data]
    for model in (done.fine_tuned_model, ckpts[1].fine_tuned_model_checkpoint):  # a checkpoint is a model too
        reply = client.chat.completions.create(model=model, max_tokens=4,
                                               messages=[{"role": "user", "content": "Name thing number 3"}])
        assert reply.model == model and reply.usage.completion_tokens > 0
    assert time.monotonic() - started < 60, "upload to chat took more than a minute"
    page = client.fine_tuning.jobs.list(limit=1)
    assert page.data[0].id == job.id
    status = httpx.get(f"{jobs_server}/fine_tune_status/{job.id}").json()
    assert status["status"] == "succeeded" and status["fine_tuned_model"] == done.fine_tuned_model
    assert client.files.content(f.id).read() == path.read_bytes()


def test_malformed_upload_names_the_line(client, tmp_path):
    from openai import UnprocessableEntityError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"\n')
    with pytest.raises(UnprocessableEntityError) as err:
        client.files.create(file=bad.open("rb"), purpose="fine-tune")
    assert "bad.jsonl:2: invalid JSON" in err.value.body["message"]


def test_cancel_while_running_and_while_queued(client, tmp_path):
    path = write_jsonl(tmp_path / "train.jsonl")
    f = client.files.create(file=path.open("rb"), purpose="fine-tune")
    long = {**tiny_settings(steps=100_000, save=1000)}
    running = client.fine_tuning.jobs.create(model="tiny-random", training_file=f.id, extra_body={"tunesmith": long})
    queued = client.fine_tuning.jobs.create(model="tiny-random", training_file=f.id, extra_body={"tunesmith": long})
    wait_for(lambda: client.fine_tuning.jobs.retrieve(running.id).status == "running", 60, "the first job to run",
             every=0.3)
    assert client.fine_tuning.jobs.retrieve(queued.id).status == "queued"  # one worker: the second waits
    assert client.fine_tuning.jobs.cancel(queued.id).status == "cancelled"
    client.fine_tuning.jobs.cancel(running.id)
    wait_for(lambda: client.fine_tuning.jobs.retrieve(running.id).status == "cancelled", 30,
             "the running job to stop", every=0.3)
    messages = [e.message for e in client.fine_tuning.jobs.list_events(running.id, limit=100).data]
    assert "Job cancelled; training process stopped" in messages


def _chromium():
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium); `make test` installs it")
    return path


@pytest.mark.browser
def test_browser_fine_tunes_watches_reloads_and_tries_the_model(jobs_server, tmp_path):
    from playwright.sync_api import sync_playwright

    data = write_jsonl(tmp_path / "mine.jsonl")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1400})

        def open_tab():
            page.goto(jobs_server + "/", wait_until="load")
            page.wait_for_selector("#hz-input", timeout=60_000)
            page.get_by_role("tab", name="Fine-tune").click()

        def status() -> str:
            return page.locator("#ft-status").inner_text()

        open_tab()
        page.locator("#ft-file input[type=file]").set_input_files(str(data))
        page.wait_for_function("() => document.querySelector('#ft-info').innerText.includes('format completion')",
                               timeout=30_000)
        assert "Name thing number 0" in page.locator("#ft-preview").inner_text()
        page.locator("#ft-base input").fill("tiny-random")
        page.locator("#ft-base input").press("Enter")
        page.locator("#ft-steps input").fill("300")
        page.locator("#ft-start").click()
        # the loss chart grows while the job runs
        wait_for(lambda: "running" in status() and page.locator("#ft-events textarea").input_value().count("loss") >= 3,
                 120, "the first losses on the page", every=0.3)
        early = page.locator("#ft-plot").screenshot()
        wait_for(lambda: "succeeded" in status(), 180, "the job to succeed on the page", every=0.5)
        page.wait_for_timeout(2500)  # one more refresh tick draws the last points
        late = page.locator("#ft-plot").screenshot()
        assert early != late, "the loss chart did not change while training"
        job_id = page.locator("#ft-job input").input_value()
        assert job_id.startswith("ftjob-")
        # a reload, and a second browser, still show the job and its chart
        page.reload(wait_until="load")
        page.wait_for_selector("#hz-input", timeout=60_000)
        page.get_by_role("tab", name="Fine-tune").click()
        wait_for(lambda: "succeeded" in status(), 30, "the job after a reload", every=0.3)
        assert page.locator("#ft-job input").input_value() == job_id
        assert len(page.locator("#ft-plot").screenshot()) > 5_000
        other = browser.new_context().new_page()
        other.goto(jobs_server + "/", wait_until="load")
        other.wait_for_selector("#hz-input", timeout=60_000)
        other.get_by_role("tab", name="Fine-tune").click()
        wait_for(lambda: job_id in other.locator("#ft-jobs").inner_text(), 30, "the job in a second browser")
        # open the fine-tuned model in Generate
        model = status().split("model ")[1].split()[0]
        page.locator("#ft-try").click()
        wait_for(lambda: page.locator("#g-model input").input_value() == model, 30, "Generate with the new model")
        page.locator("#g-prompt textarea").fill("Name thing number 3")
        page.locator("#g-button").click()
        try:
            wait_for(lambda: len(page.locator("#g-output textarea").input_value()) > 0, 60, "generated text")
        finally:
            page.screenshot(path=str(tmp_path / "generate.png"), full_page=True)
        page.screenshot(path=str(tmp_path / "finetune.png"), full_page=True)
        browser.close()


def test_jobs_cli_against_the_server(jobs_server, tmp_path):
    from typer.testing import CliRunner

    from tunesmith.cli import app

    run = CliRunner()
    data = write_jsonl(tmp_path / "cli.jsonl")
    res = run.invoke(app, ["jobs", "create", str(data), "--model", "tiny-random", "--suffix", "cli",
                           "--set", "train.max_steps=6", "--set", "train.eval_steps=3", "--server", jobs_server])
    assert res.exit_code == 0, res.output
    assert "uploaded" in res.output and "records" in res.output
    job_id = res.output.split("ftjob-")[1].split()[0]
    job_id = "ftjob-" + job_id
    res = run.invoke(app, ["jobs", "events", job_id, "--follow", "--server", jobs_server])
    assert res.exit_code == 0 and "The job has successfully completed" in res.output, res.output
    res = run.invoke(app, ["jobs", "list", "--server", jobs_server])
    assert job_id in res.output and "succeeded" in res.output
    res = run.invoke(app, ["jobs", "show", job_id, "--server", jobs_server])
    assert '"fine_tuned_model": "ft:tiny-random:cli:' in res.output
    res = run.invoke(app, ["jobs", "cancel", job_id, "--server", jobs_server])
    assert res.exit_code == 2 and "already succeeded" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": "x", "completion": "y"}\n{"prompt": "x"}\n')
    res = run.invoke(app, ["jobs", "create", str(bad), "--server", jobs_server])
    assert res.exit_code == 2 and "bad.jsonl:2: no 'completion' field" in res.output
    bad.write_text('{"question": "x"}\n')
    res = run.invoke(app, ["jobs", "create", str(bad), "--server", jobs_server])
    assert res.exit_code == 2 and "bad.jsonl:1: can't tell the data format" in res.output
    assert "'prompt' and 'completion'" in res.output
    res = run.invoke(app, ["jobs", "list", "--server", "http://127.0.0.1:9"])
    assert res.exit_code == 2 and "cannot reach the server" in res.output


def test_kill_9_of_the_server_resumes_the_job_after_a_restart(tmp_path_factory, tmp_path):
    """kill -9 of `tunesmith serve`: its worker and the training process die with it; the next
    server's worker requeues the job and resumes it from its newest sealed checkpoint."""
    import os
    import signal
    import subprocess

    import httpx

    from jobs.helpers import wait_for

    jobs_dir = tmp_path / "shared-jobs"
    env = {"TUNESMITH_WORKERS": "1", "TUNESMITH_JOBS_DIR": str(jobs_dir), "TUNESMITH_WORKER_STALE_AFTER": "3"}
    args = ["--model", "tiny-random", "--humanizer-adapter", "none", "--no-ui"]
    first = start_server(tmp_path_factory, args, env)
    base = next(first)
    data = write_jsonl(tmp_path / "d.jsonl")
    f = httpx.post(f"{base}/v1/files", files={"file": ("d.jsonl", data.read_bytes())}, data={"purpose": "fine-tune"}).json()
    job = httpx.post(f"{base}/v1/fine_tuning/jobs", json={"model": "tiny-random", "training_file": f["id"], "seed": 3,
                                                          "tunesmith": tiny_settings(steps=500, save=100)}).json()

    def sealed():
        return [c["step_number"] for c in httpx.get(f"{base}/v1/fine_tuning/jobs/{job['id']}/checkpoints").json()["data"]]

    wait_for(lambda: any(s >= 200 for s in sealed()), 180, "a checkpoint at step >= 200", every=0.1)
    pid = int(subprocess.run(["pgrep", "-f", f"tunesmith.cli serve --port {base.rsplit(':', 1)[1]}"],
                             capture_output=True, text=True).stdout.split()[0])
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: subprocess.run(["pgrep", "-f", f"tunesmith.jobs.runner .*{job['id']}"],
                                    capture_output=True).returncode != 0, 30, "the training process to die with it")
    second = start_server(tmp_path_factory, args, env)
    base = next(second)
    try:
        done = wait_for(lambda: (j := httpx.get(f"{base}/v1/fine_tuning/jobs/{job['id']}").json())["status"]
                        in ("succeeded", "failed") and j, 240, "the job to finish after the restart", every=0.5)
        assert done["status"] == "succeeded", done["error"]
        messages, after = [], None
        while True:  # every event, paging with the `after` cursor
            page = httpx.get(f"{base}/v1/fine_tuning/jobs/{job['id']}/events",
                             params={"limit": 100, **({"after": after} if after else {})}).json()
            messages += [e["message"] for e in page["data"]]
            if not page["has_more"]:
                break
            after = page["data"][-1]["id"]
        assert any(m.startswith("Resuming from the checkpoint at step") for m in messages)
        assert any("requeued" in m for m in messages)
    finally:
        for gen in (second, first):
            try:
                next(gen)
            except (StopIteration, ProcessLookupError, subprocess.TimeoutExpired):
                pass
