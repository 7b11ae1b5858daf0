import json

import pytest


def test_health_info_models(client):
    assert client.get("/health").json()["status"] == "ok"
    info = client.get("/info").json()
    assert info["limits"]["max_text_chars"] == 5000 and info["device"] == "cpu"
    models = client.get("/v1/models").json()
    assert models["object"] == "list" and models["data"][0]["id"] == "tiny-random"
    assert client.get("/docs").status_code == 200


def test_completions_shape_and_usage(client):
    r = client.post("/v1/completions", json={"model": "tiny-random", "prompt": "Hello", "max_tokens": 5,
                                             "temperature": 0})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "text_completion" and body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 5
    r = client.post("/v1/completions", json={"prompt": ["a", "b c"], "max_tokens": 3, "n": 2, "temperature": 1,
                                             "seed": 1})
    assert [c["index"] for c in r.json()["choices"]] == [0, 1, 2, 3]


def test_completion_matches_generator(client, tiny_generator):
    r = client.post("/v1/completions", json={"prompt": "Once upon", "max_tokens": 8, "temperature": 0})
    assert r.json()["choices"][0]["text"] == tiny_generator.generate("Once upon", {"temperature": 0,
                                                                                   "max_new_tokens": 8})[0].text


def test_chat_completions(client):
    r = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}], "max_tokens": 4})
    body = r.json()
    assert r.status_code == 200 and body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["role"] == "assistant"


def parse_sse(text):
    events = [line[6:] for line in text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    return [json.loads(e) for e in events[:-1]]


def test_streaming_sse(client, tiny_generator):
    with client.stream("POST", "/v1/chat/completions",
                       json={"messages": [{"role": "user", "content": "hi"}], "max_tokens": 12, "stream": True,
                             "temperature": 0}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        chunks = parse_sse(r.read().decode())
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] in ("stop", "length")
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    prompt = tiny_generator.chat_prompt([{"role": "user", "content": "hi"}])
    assert text == tiny_generator.generate(prompt, {"temperature": 0, "max_new_tokens": 12})[0].text
    with client.stream("POST", "/v1/completions", json={"prompt": "x", "max_tokens": 4, "stream": True}) as r:
        assert parse_sse(r.read().decode())[-1]["choices"][0]["finish_reason"] == "length"


def test_generate_and_humanize_seed_endpoints(client):
    r = client.post("/generate", json={"prompt": "Once upon a time", "max_new_tokens": 6, "temperature": 0})
    assert r.status_code == 200 and "generated_text" in r.json()
    r = client.post("/humanize", json={"text": "It is important to note that we utilize robust tools.",
                                       "temperature": 0.7, "max_new_tokens": 40, "top_p": 0.9, "candidates": 1})
    body = r.json()
    assert r.status_code == 200, r.text
    for key in ("original_text", "humanized_text", "success", "message", "scores_before", "scores_after",
                "similarity", "facts_kept", "diff"):
        assert key in body
    assert body["facts_kept"] is True


def test_humanize_with_the_model_off_is_the_rule_edit(client):
    text = "It is important to note that the office will be closed on Monday, June 3."
    r = client.post("/humanize", json={"text": text, "use_model": False})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["humanized_text"] == "The office will be closed on Monday, June 3."
    assert [c["status"] for c in body["chunks"]] == ["rule-edited"]
    assert "model rewrites off" in body["chunks"][0]["reason"]


@pytest.mark.parametrize("path,body,field", [
    ("/humanize", {"text": ""}, "text"),
    ("/humanize", {"text": "   "}, "text"),
    ("/humanize", {"text": "x" * 5001}, "text"),
    ("/humanize", {"text": "hello", "temperature": 2.5}, "temperature"),
    ("/humanize", {"text": "hello", "tone": "angry"}, "tone"),
    ("/humanize", {"text": "hello", "bogus": 1}, "bogus"),
    ("/v1/completions", {"prompt": "x", "temperature": -1}, "temperature"),
    ("/v1/completions", {"prompt": "x", "max_tokens": 0}, "max_tokens"),
    ("/v1/completions", {"prompt": "x", "max_tokens": 5000}, "max_tokens"),
    ("/v1/completions", {"prompt": ""}, "prompt"),
    ("/v1/chat/completions", {"messages": []}, "messages"),
    ("/v1/chat/completions", {"messages": [{"role": "robot", "content": "x"}]}, "messages.0.role"),
    ("/generate", {"prompt": "x", "max_new_tokens": 99999}, "max_new_tokens"),
    ("/generate", {"prompt": "x", "top_p": 0}, "top_p"),
    ("/humanize", {"text": "hello", "seed": 2**70}, "seed"),  # was a 500 from the sampler
])
def test_validation_422_names_field(client, path, body, field):
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["param"] == field and err["message"]


def test_unknown_model_is_404_model_not_found(client):  # as OpenAI answers
    r = client.post("/v1/completions", json={"prompt": "x", "model": "gpt-4"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "model_not_found"
    assert r.json()["error"]["param"] == "model"


def test_body_size_limit(make_client):
    c = make_client(max_body_bytes=2048)
    r = c.post("/humanize", content=json.dumps({"text": "a" * 5000}), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"


def test_auth(make_client):
    c = make_client(api_keys="k1,k2")
    assert c.get("/health").status_code == 200  # health stays open for probes
    r = c.get("/v1/models")
    assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
    assert c.get("/v1/models", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert c.get("/v1/models", headers={"Authorization": "Bearer k2"}).status_code == 200
    assert c.get("/info", headers={"Authorization": "k1"}).status_code == 200  # the seed's bare key
    assert c.post("/humanize", json={"text": "hi"}).status_code == 401


def test_refuses_public_bind_without_keys():
    from tunesmith.errors import ConfigError
    from tunesmith.serve.settings import Settings

    with pytest.raises(ConfigError, match="TUNESMITH_API_KEYS"):
        Settings(_env_file=None, host="0.0.0.0").check_safe_to_bind()
    with pytest.raises(ConfigError, match="TUNESMITH_API_KEYS"):  # an empty host binds every interface
        Settings(_env_file=None, host="").check_safe_to_bind()
    Settings(_env_file=None, host="0.0.0.0", api_keys="k").check_safe_to_bind()
    Settings(_env_file=None, host="0.0.0.0", insecure=True).check_safe_to_bind()
    Settings(_env_file=None, host="127.0.0.1").check_safe_to_bind()


def test_queue_full_503_with_retry_after(make_client):
    import threading

    c = make_client(queue_size=1, max_batch=1)  # one running row, one waiting request
    results = []

    def call():
        r = c.post("/v1/completions", json={"prompt": "x", "max_tokens": 300, "temperature": 1.0})
        results.append((r.status_code, r.headers.get("retry-after")))

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    codes = [code for code, _ in results]
    assert 503 in codes and 200 in codes
    assert all(retry == "2" for code, retry in results if code == 503)


def test_concurrent_mixed_requests_share_one_batch(make_client):
    import concurrent.futures

    c = make_client(max_batch=16)
    state = c.app.state.tunesmith

    def call(i):  # different lengths, temperatures and seeds: once, these never shared a batch
        body = {"prompt": f"p{i}", "max_tokens": 20 + 5 * i, "temperature": 0.1 * i, "seed": i}
        return c.post("/v1/completions", json=body).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(call, range(8)))
    assert codes == [200] * 8
    assert state.engine.scheduler.largest_batch > 1


def test_ui_page_served_offline(make_client):
    c = make_client(ui=True)
    r = c.get("/")
    assert r.status_code == 200 and "<html" in r.text.lower()
    assert "fonts.googleapis.com" not in r.text


def test_ui_asks_for_key_when_keys_configured(make_client):
    c = make_client(ui=True, api_keys="secret")
    r = c.get("/config")
    assert r.status_code in (401, 403) or '"auth_required":true' in r.text.replace(" ", "")


def test_many_models_by_name(make_client):
    c = make_client(models="poet=tiny-random+runs/poet, chef=tiny-random")
    assert [m["id"] for m in c.get("/v1/models").json()["data"]] == ["tiny-random", "poet", "chef"]
    pool = c.app.state.tunesmith.pool
    assert list(pool.loaded()) == []  # nothing loads before it is asked for
    r = c.post("/v1/chat/completions", json={"model": "chef", "messages": [{"role": "user", "content": "hi"}],
                                             "max_tokens": 3})
    assert r.status_code == 200 and r.json()["model"] == "chef"
    assert list(pool.loaded()) == ["chef"]
    r = c.post("/v1/completions", json={"model": "nope", "prompt": "x"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "model_not_found"
    assert "poet" in r.json()["error"]["message"]


def test_pool_unloads_the_least_recently_used_under_its_budget(tiny_generator):
    from tunesmith.engine import Engine
    from tunesmith.engine.pool import ModelPool, ModelSpec, engine_memory_mb, parse_models

    made = []

    def load(spec):
        made.append(spec.name)
        return Engine(tiny_generator, max_rows=2)

    size = engine_memory_mb(Engine(tiny_generator, max_rows=1))
    pool = ModelPool([ModelSpec("base", "tiny-random"), *parse_models("a=tiny-random,b=tiny-random")], load,
                     budget_mb=size * 2.5)
    pool.get(), pool.get("a"), pool.get("b")  # three do not fit: "a" (least recently used) goes
    assert list(pool.loaded()) == ["base", "b"] or list(pool.loaded()) == ["b", "base"]
    pool.get("a")
    assert made == ["base", "a", "b", "a"]
    pool.close()
    with pytest.raises(Exception, match="NAME=MODEL"):
        parse_models("just-a-name")


def test_pool_serves_lora_adapters_per_row_over_their_base(tiny_generator, tiny_adapter):
    from tunesmith.engine import Engine
    from tunesmith.engine.pool import ModelPool, ModelSpec, engine_memory_mb, parse_models

    made = []

    def load(spec):
        made.append(spec.name)
        return Engine(tiny_generator, max_rows=4)

    size = engine_memory_mb(Engine(tiny_generator, max_rows=1))
    pool = ModelPool([ModelSpec("base", "tiny-random"),
                      *parse_models(f"s1=tiny-random+{tiny_adapter},s2=tiny-random+{tiny_adapter}")], load,
                     budget_mb=size + 0.025)  # room for one tiny adapter (~0.02 MB)
    try:
        s1 = pool.get("s1")
        assert made == ["base"] and s1.adapter == "served:s1" and s1.scheduler is pool.get().scheduler
        assert 0 < pool.loaded()["s1"] < 1
        text = s1.generate("Once upon a time", {"temperature": 0, "max_new_tokens": 6})[0].text
        assert text != pool.get().generate("Once upon a time", {"temperature": 0, "max_new_tokens": 6})[0].text
        pool.get("s2")  # over the budget: s1 (least recently used, idle) is unloaded from the base
        assert made == ["base"] and "s1" not in pool.loaded() and "served:s1" not in s1.scheduler.adapters.loaded
        assert pool.get("s1").generate("Once upon a time", {"temperature": 0, "max_new_tokens": 6})[0].text == text
        # an adapter with a request in flight is never unloaded to make room
        busy = pool.get("s2").submit("Once upon a time", {"temperature": 0, "max_new_tokens": 30})
        pool.get("s1")
        assert "served:s2" in s1.scheduler.adapters.loaded or busy.future.done()
        busy.future.result(60)
        assert s1.scheduler.in_flight["served:s2"] == 0
    finally:
        pool.close()


def test_a_bad_setting_names_itself_and_its_env_variable(monkeypatch):
    """`tunesmith serve` with TUNESMITH_PORT=abc gets one line naming the setting, not a traceback."""
    from tunesmith.errors import ConfigError
    from tunesmith.serve import Settings

    monkeypatch.setenv("TUNESMITH_PRECISE_ACTIVATIONS", "maybe")
    with pytest.raises(ConfigError, match=r"precise_activations \(env TUNESMITH_PRECISE_ACTIVATIONS\).*'maybe'") as err:
        Settings.load(_env_file=None)
    assert err.value.field == "precise_activations"
    monkeypatch.delenv("TUNESMITH_PRECISE_ACTIVATIONS")
    assert Settings.load(_env_file=None, port=9000).port == 9000


def test_engine_failures_are_answered_not_500s_or_silent_streams(make_client, monkeypatch):
    """Code review 2026-12-02: a cancelled request was a 500; a stream whose work failed ended
    with [DONE] as if complete; a full queue on /humanize was a 500."""
    from tunesmith.engine import QueueFull

    c = make_client()
    st = c.app.state.tunesmith
    engine = st.pool.get()
    submit = engine.submit

    def cancelled_submit(*args, **kwargs):
        job = submit(*args, **kwargs)
        job.cancel.set()  # (as a shutdown or an unloaded adapter does)
        return job

    monkeypatch.setattr(engine, "submit", cancelled_submit)
    r = c.post("/v1/completions", json={"prompt": "x", "max_tokens": 40, "temperature": 0})
    assert r.status_code == 503 and r.json()["error"]["code"] == "cancelled", r.text
    r = c.post("/v1/completions", json={"prompt": "x", "max_tokens": 40, "temperature": 0, "stream": True})
    assert r.status_code == 200
    events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
    assert events and events[-1]["error"]["code"] == "cancelled" and "[DONE]" not in r.text
    monkeypatch.undo()

    def full(*args, **kwargs):
        raise QueueFull

    monkeypatch.setattr(st.humanizer.generator, "generate", full)
    r = c.post("/humanize", json={"text": "It is important to note that the 3 rooms close at 5 PM.", "use_model": True})
    assert r.status_code == 503 and r.headers.get("retry-after") == "2", r.text


def test_a_voice_still_in_use_is_never_closed(make_client, monkeypatch):
    """Two voices stay loaded; the least recently used goes, but never one a request still uses
    (closing it cancelled that request's rows or stopped the engine it was queued on)."""
    c = make_client()
    st = c.app.state.tunesmith
    closed = []

    class Voice:
        def __init__(self, name):
            self.generator = self
            self.name = name

        def close(self):
            closed.append(self.name)

        def humanize(self, text, opts, **kwargs):
            raise RuntimeError("the work failed")

    monkeypatch.setattr(type(st.jobs), "voice_model", lambda self, voice: ("tiny-random", f"/adapters/{voice}"))
    monkeypatch.setattr(st, "_humanizer", lambda base, path, name: Voice(name))
    st.humanizer_for("a")  # a long request: not released yet
    for voice in ("b", "c"):
        st.humanizer_for(voice)
        st.release_voice(voice)
    assert closed == ["voice:b"]  # not "a", although it is the least recently used
    st.release_voice("a")
    st.humanizer_for("d")
    st.release_voice("d")
    assert closed == ["voice:b", "voice:a"] and list(st._voices) == ["c", "d"]
    # the page's and /humanize's one path holds the voice while it works, and lets go however it ends
    with pytest.raises(RuntimeError):
        st.humanize("Some text to rewrite.", {}, "e")
    assert not st._voice_users and list(st._voices) == ["d", "e"]


# ------------------------------------------------------------ new-user review 2026-12-04
CHAT = {"messages": [{"role": "user", "content": "hi"}]}


@pytest.mark.parametrize("content,headers,says", [
    (b"{not json", {"content-type": "application/json"},
     "request body is not valid JSON: Expecting property name enclosed in double quotes (at position 1)"),
    (b'{"messages": []', {"content-type": "application/json"}, "request body is not valid JSON"),
    (b"{not json", {"content-type": "application/x-www-form-urlencoded"}, "Content-Type: application/json"),  # curl -d
    (b"", {"content-type": "application/json"}, "request body is missing"),
    (b"[1]", {"content-type": "application/json"}, "request body must be a JSON object"),
])
def test_malformed_body_is_400_not_a_field_error(client, content, headers, says):
    """Was: 422 "invalid value for '1': JSON decode error", param "1" (the position)."""
    r = client.post("/v1/chat/completions", content=content, headers=headers)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert says in err["message"] and err["param"] is None and err["code"] == "invalid_json"


@pytest.mark.parametrize("path,body,field", [
    ("/v1/chat/completions", CHAT, "max_tokens"),
    ("/v1/completions", {"prompt": "x"}, "max_tokens"),
    ("/generate", {"prompt": "x"}, "max_new_tokens"),
    ("/generate", {"prompt": "x"}, "max_tokens"),
])
def test_max_tokens_errors_state_the_servers_own_range(make_client, path, body, field):
    """Was: 1000000 -> "less than or equal to 4096", then 2000 -> "above this server's limit of
    1024": a client following the first message was refused again."""
    c = make_client(max_new_tokens=8)
    for value in (0, 9, 4096, 1_000_000):  # under the schema's range, over the setting, over both
        r = c.post(path, json={**body, field: value})
        assert r.status_code == 422, r.text
        err = r.json()["error"]
        assert err["param"] == field
        assert err["message"] == f"invalid value for '{field}': {value} is outside this server's range 1..8"
    assert c.post(path, json={**body, field: 8, "temperature": 0}).status_code == 200  # following it works


def test_retrieve_a_model(make_client):
    c = make_client(models="poet=tiny-random")
    listed = {m["id"]: m for m in c.get("/v1/models").json()["data"]}
    for name in ("tiny-random", "poet"):
        r = c.get(f"/v1/models/{name}")
        assert r.status_code == 200 and r.json() == listed[name]
    r = c.get("/v1/models/gpt-4o")
    err = r.json()["error"]
    assert r.status_code == 404 and err["code"] == "model_not_found" and err["param"] == "model"
    assert "poet" in err["message"] and err["type"] == "invalid_request_error"


@pytest.mark.parametrize("path,field,value", [
    ("/v1/chat/completions", "logprobs", True),
    ("/v1/chat/completions", "top_logprobs", 3),
    ("/v1/chat/completions", "tools", [{"type": "function", "function": {"name": "f", "parameters": {}}}]),
    ("/v1/chat/completions", "tool_choice", "required"),
    ("/v1/chat/completions", "tool_choice", {"type": "function", "function": {"name": "f"}}),
    ("/v1/chat/completions", "functions", [{"name": "f", "parameters": {}}]),
    ("/v1/chat/completions", "function_call", {"name": "f"}),
    ("/v1/chat/completions", "response_format", {"type": "json_object"}),
    ("/v1/chat/completions", "presence_penalty", 0.5),
    ("/v1/chat/completions", "frequency_penalty", -1),
    ("/v1/chat/completions", "logit_bias", {"50256": -100}),
    ("/v1/completions", "logprobs", 2),
    ("/v1/completions", "suffix", "the end"),
    ("/v1/completions", "best_of", 3),
    ("/v1/completions", "presence_penalty", 1),
    ("/v1/completions", "logit_bias", {"1": 5}),
])
def test_unsupported_openai_parameters_are_refused_not_ignored(client, path, field, value):
    body = {**CHAT} if path == "/v1/chat/completions" else {"prompt": "x"}
    r = client.post(path, json={**body, "max_tokens": 2, field: value})
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["param"] == field and err["code"] == "unsupported_parameter"
    assert err["message"].startswith(f"'{field}' is not supported by this server")


def test_openai_default_values_are_still_accepted(client):
    """SDKs and tools send OpenAI's defaults; unknown (vendor) fields stay ignored."""
    off = {"presence_penalty": 0, "frequency_penalty": 0.0, "logit_bias": {}, "stream_options": None,
           "x_vendor_field": 1}
    chat = {**CHAT, **off, "max_tokens": 2, "logprobs": False, "top_logprobs": None, "tools": [],
            "tool_choice": "none", "functions": None, "function_call": "auto", "response_format": {"type": "text"}}
    r = client.post("/v1/chat/completions", json=chat)
    assert r.status_code == 200, r.text
    comp = {"prompt": "x", **off, "max_tokens": 2, "logprobs": None, "echo": False, "suffix": None, "best_of": 1}
    r = client.post("/v1/completions", json=comp)
    assert r.status_code == 200, r.text


def _stream(client, path, body):
    with client.stream("POST", path, json={**body, "stream": True}) as r:
        assert r.status_code == 200
        return parse_sse(r.read().decode())


def test_stream_include_usage_and_echo(client):
    body = {"prompt": "Once upon", "max_tokens": 6, "temperature": 0}
    whole = client.post("/v1/completions", json={**body, "echo": True}).json()
    chunks = _stream(client, "/v1/completions", {**body, "echo": True, "stream_options": {"include_usage": True}})
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"] == whole["usage"]
    assert "".join(c["choices"][0]["text"] for c in chunks[:-1]) == whole["choices"][0]["text"]  # echo: the prompt too
    assert whole["choices"][0]["text"].startswith("Once upon")
    chat = {**CHAT, "max_tokens": 6, "temperature": 0}
    whole = client.post("/v1/chat/completions", json=chat).json()
    chunks = _stream(client, "/v1/chat/completions", {**chat, "stream_options": {"include_usage": True}})
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"] == whole["usage"]
    assert "usage" not in _stream(client, "/v1/chat/completions", chat)[-1]  # only when asked


def test_openai_sdk_in_process(client):
    """The official SDK against the app (no server): retrieve, defaults accepted, refusals, usage."""
    import httpx
    import openai

    class Transport(httpx.BaseTransport):  # httpx -> the app's TestClient
        def handle_request(self, request):
            r = client.request(request.method, str(request.url), headers=dict(request.headers), content=request.read())
            return httpx.Response(r.status_code, headers={k: v for k, v in r.headers.items()
                                                          if k.lower() not in ("content-length", "content-encoding")},
                                  content=r.content)

    sdk = openai.OpenAI(base_url="http://testserver/v1", api_key="unused", max_retries=0,
                        http_client=httpx.Client(transport=Transport()))
    assert sdk.models.retrieve("tiny-random").id == "tiny-random"
    with pytest.raises(openai.NotFoundError):
        sdk.models.retrieve("gpt-4o")
    messages = [{"role": "user", "content": "hi"}]
    chat = sdk.chat.completions.create(model="tiny-random", messages=messages, max_tokens=3, temperature=0,
                                       logprobs=False, presence_penalty=0, response_format={"type": "text"})
    assert chat.usage.completion_tokens <= 3
    with pytest.raises(openai.UnprocessableEntityError) as err:
        sdk.chat.completions.create(model="tiny-random", messages=messages, max_tokens=3, logprobs=True)
    assert err.value.body["param"] == "logprobs"
    chunks = list(sdk.chat.completions.create(model="tiny-random", messages=messages, max_tokens=3, temperature=0,
                                              stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].usage.total_tokens == chat.usage.total_tokens and chunks[-1].choices == []


def test_a_boolean_number_is_reported_as_a_boolean(make_client):
    """{"temperature": true} said "unable to parse string as a number"."""
    r = make_client().post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}],
                                                         "temperature": True})
    assert r.status_code == 422 and r.json()["error"]["param"] == "temperature"
    assert "true is not a number" in r.json()["error"]["message"]


def test_page_shows_removed_words_and_each_part_reason_once():
    """The page marked only new words (a dropped "It is important to note that" was invisible) and
    labelled a part "rule-edited: rule-edited; no model rewrite passed: ..."."""
    from tunesmith.humanize import word_diff
    from tunesmith.ui import _diff_spans, _parts

    spans = _diff_spans(word_diff("It is important to note that the fee is $5. Call us.", "The fee is $5. Call us."))
    assert ("It is important to note that the ", "removed") in spans and ("The ", "new") in spans
    assert "".join(text for text, label in spans if label != "removed") == "The fee is $5. Call us."
    chunks = [{"source": "A.", "output": "A.", "status": "rule-edited",
               "reason": "rule-edited; no model rewrite passed: lost 1 protected span(s)"},
              {"source": "B.", "output": "B.", "status": "kept", "reason": "kept original: no stock phrase to edit"},
              {"source": "C.", "output": "C!", "status": "rewritten", "reason": "ok"}]
    labels = [label for _, label in _parts({"chunks": chunks}) if label]
    assert labels == ["rule-edited; no model rewrite passed: lost 1 protected span(s)",
                      "kept original: no stock phrase to edit", "rewritten"]
