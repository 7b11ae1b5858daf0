"""Schemathesis against a live server on loopback (a tiny random model, so it runs in seconds):
every check except response time, 25 examples per operation. No 5xx, no schema-valid request
rejected, no schema-invalid one accepted, 405 for unsupported methods."""

import os
import shutil
import subprocess
import sys

import pytest

from .test_live import ROOT, start_server


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory):
    # 16 new tokens at most: schemathesis' ~400 generation requests each decode up to the cap, and the
    # contract it checks does not depend on length (64 took 154 s of the suite on an AVX2-only CPU, 16 takes 93 s)
    yield from start_server(tmp_path_factory, ["--model", "tiny-random", "--humanizer-adapter", "none"],
                            {"TUNESMITH_MAX_NEW_TOKENS": "16"})


def test_info_reports_precise_activations_by_default(tiny_server):
    """A default server packs the model's layers for our kernels with precise (two-term)
    activations and says so; with one term greedy answers drift from the model's own."""
    import httpx

    from tunesmith import kernels

    info = httpx.get(f"{tiny_server}/info").json()
    assert info["activations"] == ("int8 x2 (precise)" if kernels.available() else None), info


def test_schemathesis_all_checks(tiny_server):
    st = shutil.which("schemathesis", path=os.path.dirname(sys.executable))
    if st is None:
        pytest.fail("schemathesis is not installed: `make test` installs the dev extras")
    config = os.path.join(os.path.dirname(__file__), "schemathesis.toml")
    # Every check, response time only up to the request timeout (issue 13's target exempts it): a generation
    # request took 10.5 s against schemathesis' 10 s default on a 2-core AVX2-only CPU during the full suite.
    out = subprocess.run([st, "--config-file", config, "run", f"{tiny_server}/openapi.json", "--checks", "all",
                          "--max-response-time", "120", "--max-examples", "25", "--seed", "1", "--request-timeout", "120",
                          "--generation-deterministic", "--no-color"],
                         capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]


def _rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _server_pid(port: int) -> int:
    out = subprocess.run(["pgrep", "-f", f"tunesmith.cli serve --port {port}"], capture_output=True, text=True)
    return int(out.stdout.split()[0])


def test_attacks_get_a_fast_4xx_and_no_memory(tiny_server):
    import socket
    import time

    import httpx

    port = int(tiny_server.rsplit(":", 1)[1])
    pid = _server_pid(port)
    before = _rss_mb(pid)
    attacks = [
        {"prompt": "x", "stop": ["a" * 4000] * 4, "max_tokens": 4},  # once: +5 GB, 26 s
        {"prompt": "x", "seed": 2**64},
        {"prompt": "x", "temperature": 0.7, "num_beams": 2, "n": 4},
        {"prompt": ["x"] * 500, "n": 16, "temperature": 1},
        {"prompt": ["x"] * 60, "num_beams": 16, "n": 16},
    ]
    for body in attacks:
        seconds = []  # best of three: a busy host can stall any one request
        for _ in range(3):
            t0 = time.perf_counter()
            r = httpx.post(f"{tiny_server}/v1/completions", json=body, timeout=30)
            seconds.append(time.perf_counter() - t0)
            assert 400 <= r.status_code < 500 and r.json()["error"]["message"], (body, r.text)
        assert min(seconds) < 1.0, (body, seconds)
    # 30 MB sent chunked (no Content-Length): refused once the limit is passed, not parsed.
    t0 = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"a" * 65536
        try:
            for _ in range(480):
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading and closed: what we want
        sock.settimeout(10)
        reply = sock.recv(4096)
    assert b" 413 " in reply.split(b"\r\n", 1)[0], reply[:200]
    assert time.perf_counter() - t0 < 10
    time.sleep(0.5)
    assert _rss_mb(pid) - before < 100, (before, _rss_mb(pid))


def test_soak_mixed_clients_with_disconnects(tiny_server):
    """60 s of 16 clients: completions, chat, streams closed half-way, requests abandoned by a
    client timeout, humanize calls. No 5xx, nothing left running, memory flat."""
    import random
    import threading
    import time

    import httpx

    pid = _server_pid(int(tiny_server.rsplit(":", 1)[1]))
    stop_at = time.time() + 60
    problems, counts, rss = [], {"ok": 0, "dropped": 0}, []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=tiny_server, timeout=30) as http:
            while time.time() < stop_at:
                kind = rng.choice(["completion", "chat", "stream", "abandon", "humanize"])
                body = {"max_tokens": rng.randint(4, 16), "temperature": rng.choice([0, 0.7, 1.2]),
                        "seed": rng.randint(0, 2**32)}
                try:
                    if kind == "completion":
                        r = http.post("/v1/completions", json={**body, "prompt": "Once upon a time",
                                                                  "n": rng.randint(1, 3) if body["temperature"] else 1})
                    elif kind == "chat":
                        r = http.post("/v1/chat/completions", json={**body, "messages": [{"role": "user", "content": "hi"}]})
                    elif kind == "humanize":
                        r = http.post("/humanize", json={"text": "It is important to note that we open at 9 a.m.",
                                                         "candidates": 1, "max_new_tokens": 16})
                    elif kind == "stream":
                        with http.stream("POST", "/v1/chat/completions",
                                         json={**body, "max_tokens": 16, "stream": True,
                                               "messages": [{"role": "user", "content": "hi"}]}) as r:
                            for i, _ in enumerate(r.iter_lines()):
                                if i == 3:
                                    break  # the client goes away mid-stream
                        with lock:
                            counts["dropped"] += 1
                        continue
                    else:  # abandon: the client gives up before the answer
                        try:
                            http.post("/v1/completions", json={**body, "prompt": "x", "max_tokens": 16}, timeout=0.05)
                        except httpx.TimeoutException:
                            pass
                        with lock:
                            counts["dropped"] += 1
                        continue
                    with lock:
                        if r.status_code >= 500 or r.status_code not in (200, 503):
                            problems.append((kind, r.status_code, r.text[:200]))
                        counts["ok"] += r.status_code == 200
                except httpx.HTTPError as err:
                    with lock:
                        problems.append((kind, repr(err)))

    def watch() -> None:
        while time.time() < stop_at:
            rss.append(_rss_mb(pid))
            time.sleep(2)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(16)] + [threading.Thread(target=watch)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not problems, problems[:5]
    assert counts["ok"] > 50 and counts["dropped"] > 10
    time.sleep(2)
    load = httpx.get(f"{tiny_server}/info").json()["load"]
    assert load["running_rows"] == 0 and load["waiting_requests"] == 0  # disconnects freed their rows
    settled = rss[len(rss) // 3:]
    assert max(settled) - min(settled) < 100, rss  # flat after warm-up
