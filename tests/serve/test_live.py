"""A real server on loopback: the official openai client and a real browser against it."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = ("It is important to note that our team will commence the migration on March 3, 2025. Furthermore, "
             "all 240 employees at the Denver office must utilize the new portal at https://portal.acme.example "
             "in order to submit timesheets.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path_factory, args: list[str] = (), env: dict[str, str] | None = None):
    """Run `tunesmith serve` on a free loopback port; yields its base URL, then stops it."""
    port = free_port()
    folder = tmp_path_factory.mktemp("server")
    env = {**os.environ, "TUNESMITH_API_KEYS": "", "GRADIO_ANALYTICS_ENABLED": "False", "TUNESMITH_WORKERS": "0",
           "TUNESMITH_JOBS_DIR": str(folder / "jobs"), **(env or {})}
    log = folder / "server.log"
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "tunesmith.cli", "serve", "--port", str(port), *args],
                                stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=2).json().get("status") == "ok":
                break
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1)
    else:
        proc.kill()
        raise RuntimeError(f"server did not come up:\n{log.read_text()[-3000:]}")
    yield base
    proc.terminate()
    proc.wait(30)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """`tunesmith serve` with the real default model and the shipped humanizer."""
    yield from start_server(tmp_path_factory)


@pytest.mark.slow
def test_openai_client_completions_chat_streaming(live_server):
    from openai import OpenAI

    client = OpenAI(base_url=f"{live_server}/v1", api_key="unused")
    assert [m.id for m in client.models.list().data] == ["smollm2-135m-instruct"]
    comp = client.completions.create(model="smollm2-135m-instruct", prompt="The capital of France is",
                                     max_tokens=8, temperature=0)
    assert comp.choices[0].text.strip() and comp.usage.completion_tokens <= 8
    chat = client.chat.completions.create(model="smollm2-135m-instruct", temperature=0, max_tokens=30,
                                          messages=[{"role": "user", "content": "What is the capital of France?"}])
    assert "Paris" in chat.choices[0].message.content
    pieces = [c.choices[0].delta.content or "" for c in client.chat.completions.create(
        model="smollm2-135m-instruct", temperature=0, max_tokens=30, stream=True,
        messages=[{"role": "user", "content": "What is the capital of France?"}])]
    assert "".join(pieces) == chat.choices[0].message.content
    import openai

    with pytest.raises(openai.UnprocessableEntityError):
        client.completions.create(model="smollm2-135m-instruct", prompt="x", temperature=3)


@pytest.mark.slow
def test_openai_client_errors_and_streamed_completion(live_server):
    import openai
    from openai import OpenAI

    client = OpenAI(base_url=f"{live_server}/v1", api_key="unused", max_retries=0)
    model = "smollm2-135m-instruct"
    whole = client.completions.create(model=model, prompt="The capital of France is", max_tokens=12, temperature=0)
    streamed = "".join(c.choices[0].text for c in client.completions.create(
        model=model, prompt="The capital of France is", max_tokens=12, temperature=0, stream=True))
    assert streamed == whole.choices[0].text
    seeded = dict(model=model, messages=[{"role": "user", "content": "Name a fruit."}], max_tokens=12,
                  temperature=0.9, seed=7)
    assert client.chat.completions.create(**seeded).choices[0].message.content == \
        client.chat.completions.create(**seeded).choices[0].message.content
    with pytest.raises(openai.NotFoundError) as err:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    assert err.value.body["code"] == "model_not_found"
    for bad in ({"stop": ["a" * 100]}, {"seed": 2**64}, {"n": 4, "extra_body": {"num_beams": 2}},
                {"stream": True, "extra_body": {"num_beams": 2}}):
        with pytest.raises(openai.UnprocessableEntityError):
            client.completions.create(model=model, prompt="x", max_tokens=4, **bad)


@pytest.mark.slow
def test_humanize_endpoint_real_model(live_server):
    for use_model in (False, True):  # (the default, the verified rule edit; then the bundled model's pipeline)
        r = httpx.post(f"{live_server}/humanize", json={"text": PARAGRAPH, "use_model": use_model}, timeout=120)
        body = r.json()
        assert r.status_code == 200
        assert body["facts_kept"] is True
        for fact in ["March 3, 2025", "240", "Denver", "https://portal.acme.example"]:
            assert fact in body["humanized_text"]


@pytest.mark.slow
@pytest.mark.browser
def test_browser_humanizes_a_paragraph(live_server, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium); `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(live_server + "/", wait_until="load")  # not networkidle: the Fine-tune tab polls its jobs
        page.wait_for_selector("#hz-input", timeout=60_000)
        page.locator("#hz-input textarea").fill(PARAGRAPH)
        page.locator("#hz-button").click()
        page.wait_for_function(
            "() => { const t = document.querySelector('#hz-output-text textarea'); return t && t.value.length > 20; }",
            timeout=120_000)
        out = page.locator("#hz-output-text textarea").input_value()
        page.wait_for_selector("#hz-scores table", timeout=30_000)
        scores = page.locator("#hz-scores").inner_text()
        shot = ROOT / "benchmarks" / "screenshot_humanize.png"
        page.screenshot(path=str(tmp_path / "humanize.png"), full_page=True)
        shutil.copy(tmp_path / "humanize.png", shot) if os.environ.get("TUNESMITH_SAVE_SCREENSHOT") else None
        browser.close()
    assert "March 3, 2025" in out and "https://portal.acme.example" in out
    assert "AI phrases" in scores and "facts" in scores
    assert (tmp_path / "humanize.png").stat().st_size > 10_000
