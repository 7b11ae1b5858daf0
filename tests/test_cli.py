import json
import pytest

from typer.testing import CliRunner

from tunesmith.cli import app

runner = CliRunner()


def test_help_on_every_command():
    for cmd in ["generate", "chat", "models"]:
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0, res.output
        assert "Usage" in res.output


def test_generate_json_with_tiny_model():
    res = runner.invoke(app, ["generate", "Hello", "--model", "tiny-random", "--temperature", "0", "-t", "5",
                              "--json", "--quantize", "none"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output.strip().splitlines()[-1])
    assert row["completion_tokens"] == 5 and row["finish_reason"] == "length"


def test_bad_input_is_one_line_no_traceback():
    res = runner.invoke(app, ["generate", "Hello", "--model", "tiny-random", "--top-p", "1.5"])
    assert res.exit_code == 2
    assert "top_p" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["generate", "Hello", "--model", "no-such-model"])
    assert res.exit_code == 2 and "unknown model" in res.output


def test_models_lists_registry():
    res = runner.invoke(app, ["models"])
    assert res.exit_code == 0 and "tiny-random" in res.output


def test_chat_session_reset_and_exit():
    res = runner.invoke(app, ["chat", "--model", "tiny-random", "--quantize", "none", "-t", "3"],
                        input="hello\n/reset\n/exit\n")
    assert res.exit_code == 0, res.output
    assert "history cleared" in res.output


def test_jobs_events_follow_prints_the_closing_events(monkeypatch):
    """`jobs events --follow` stops on a final status; the events that close the job land with
    that status, so however the job's end falls between its calls, they are printed."""
    import time

    from tunesmith import cli

    monkeypatch.setattr(time, "sleep", lambda s: None)
    for flip_after in range(1, 7):  # the job ends after this many API calls
        calls = []

        def api(server, key, method, path, **kw):
            calls.append(path)
            done = len(calls) > flip_after
            if path.endswith("/events"):
                events = [{"id": "e1", "created_at": 0, "level": "info", "message": "Step 3/6"}]
                if done:
                    events.insert(0, {"id": "e2", "created_at": 0, "level": "info",
                                      "message": "The job has successfully completed"})
                return {"data": events}
            return {"status": "succeeded" if done else "running"}

        monkeypatch.setattr(cli, "_api", api)
        res = CliRunner().invoke(app, ["jobs", "events", "ftjob-1", "--follow"])
        assert res.exit_code == 0 and "The job has successfully completed" in res.output, (flip_after, res.output)
        assert res.output.count("Step 3/6") == 1


def test_jobs_events_pages_back_to_the_first_event(monkeypatch):
    """A long job has more events than one page (100): all print, oldest first, each once."""
    from tunesmith import cli

    events = [{"id": f"e{i}", "created_at": 0, "level": "info", "message": f"event {i}"} for i in range(250)][::-1]

    def api(server, key, method, path, params=None, **kw):  # newest first, as the server pages
        start = next(i for i, e in enumerate(events) if e["id"] == params["after"]) + 1 if params.get("after") else 0
        page = events[start:start + params["limit"]]
        return {"data": page, "has_more": start + len(page) < len(events)}

    monkeypatch.setattr(cli, "_api", api)
    res = CliRunner().invoke(app, ["jobs", "events", "ftjob-1"])
    assert res.exit_code == 0, res.output
    printed = [int(line.rsplit(" ", 1)[1]) for line in res.output.splitlines() if "event " in line]
    assert printed == list(range(250))


def test_empty_text_is_refused_before_the_model_loads(tmp_path, monkeypatch):
    import tunesmith.humanize as humanize

    def no_model(*args, **kwargs):
        raise AssertionError("the model loaded for an empty text")

    monkeypatch.setattr(humanize.Humanizer, "__init__", no_model)
    (tmp_path / "empty.txt").write_text("  \n")
    for args in (["humanize", ""], ["humanize", "-f", str(tmp_path / "empty.txt")]):
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and "text is empty" in res.output, (args, res.output)


def test_options_that_cannot_take_effect_are_refused_before_loading(tmp_path):
    """Code review 2026-12-02: each was accepted and silently ignored (or failed late)."""
    from tunesmith.errors import TunesmithError
    from tunesmith.models import pick_device

    cases = [
        (["generate", "hi", "--stream", "-n", "2"], "--stream prints one answer"),
        (["generate", "hi", "--stream", "--json"], "--stream prints one answer"),
        (["humanize", "Some text.", "-o", str(tmp_path / "out.txt")], "--output is for --jsonl"),
        (["humanize", "-f", str(tmp_path / "missing.txt")], "file not found"),
        (["eval-humanizer", "--systems", "ours,rule"], "unknown system(s) ['rule']"),
        (["eval", "some-model", "--data", "x.jsonl", "-o", str(tmp_path / "no" / "r.json")], "does not exist"),
    ]
    for args, message in cases:
        res = runner.invoke(app, args)
        assert res.exit_code != 0 and message in " ".join(res.output.split()), (args, res.output)
    for device in ("gpu", "CPU", "cuda0"):
        with pytest.raises(TunesmithError, match="unknown device"):
            pick_device(device)
    assert str(pick_device("cpu")) == "cpu"


def test_eval_humanizer_names_the_line_a_pair_lacks_its_fields(tmp_path):
    """Prompt/completion rows were a KeyError traceback, an empty file an IndexError."""
    (tmp_path / "pc.jsonl").write_text('{"formal": "It is vital.", "natural": "It matters."}\n'
                                       '{"prompt": "Hi", "completion": "Hello"}\n')
    (tmp_path / "empty.jsonl").write_text("\n")
    for name, message in (("pc.jsonl", "pc.jsonl:2: needs a 'formal' text"), ("empty.jsonl", "no records found")):
        res = runner.invoke(app, ["eval-humanizer", "--data", str(tmp_path / name), "--systems", "rules"])
        assert res.exit_code == 2 and message in " ".join(res.output.split()), res.output
        assert "Traceback" not in res.output


def test_plain_output_is_the_generated_text_unwrapped():
    """Piped text is what the model generated: no line breaks at the terminal's width."""
    args = ["generate", "Hello there", "--model", "tiny-random", "--temperature", "0", "-t", "60", "--quantize", "none"]
    row = json.loads(runner.invoke(app, args + ["--json"]).output.strip().splitlines()[-1])
    plain = runner.invoke(app, args, terminal_width=40)
    assert plain.exit_code == 0, plain.output
    assert plain.output == "Hello there" + row["text"] + "\n"


def test_stop_flag_reads_backslash_n_as_a_newline():
    from tunesmith.cli import sampling_options

    params = sampling_options(temperature=0.0, max_new_tokens=8, stop=["\\n\\n", "a\\tb"])
    assert params.stop == ["\n\n", "a\tb"]


def test_sampling_flags_come_from_the_fields():
    """Every SamplingParams field is a flag of generate (a new field needs no CLI edit), with the
    field's default unless the command chose its own; chat's min-p is the library's, not a copy."""
    import inspect

    from tunesmith.cli import chat, compare, generate
    from tunesmith.config import SamplingParams

    help_text = runner.invoke(app, ["generate", "--help"], env={"COLUMNS": "400"}).output
    fields = SamplingParams.model_fields
    for name in fields:
        assert "--" + name.replace("_", "-") in help_text, name
    gen = inspect.signature(generate).parameters
    assert {n: gen[n].default for n in fields if n not in ("stop", "seed")} == {
        n: f.default for n, f in fields.items() if n not in ("stop", "seed")}
    chat_params = inspect.signature(chat).parameters
    assert chat_params["min_p"].default == fields["min_p"].default
    assert chat_params["top_p"].default == 0.9 and "num_beams" not in chat_params and "n" not in chat_params
    assert inspect.signature(compare).parameters["temperature"].default == 0.0


def test_sampling_flags_reach_the_sampler():
    """A flag's value is what the engine receives (min-p 0.99 keeps only the top token: greedy text)."""
    base = ["generate", "Hello there", "--model", "tiny-random", "-t", "12", "--quantize", "none", "--json"]
    greedy = json.loads(runner.invoke(app, base + ["--temperature", "0"]).output.strip().splitlines()[-1])
    sampled = [json.loads(runner.invoke(app, base + ["--temperature", "2", "--seed", str(s)]).output.strip().splitlines()[-1])
               for s in range(3)]
    pinned = json.loads(runner.invoke(app, base + ["--temperature", "2", "--min-p", "0.99", "--seed", "1"]).output.strip().splitlines()[-1])
    assert pinned["text"] == greedy["text"]
    assert any(s["text"] != greedy["text"] for s in sampled)  # (so the pin above is min-p's doing)
    bad = runner.invoke(app, base + ["--min-p", "1.5"])
    assert bad.exit_code == 2 and "min_p" in bad.output and "Traceback" not in bad.output


def test_out_of_range_counts_are_refused():
    res = runner.invoke(app, ["chat", "--model", "tiny-random", "--history", "-1"], input="hi\n")
    assert res.exit_code == 2 and "history" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["eval-humanizer", "--systems", "rules", "--limit", "0"])
    assert res.exit_code == 2 and "limit" in res.output


def test_humanized_text_is_printed_unwrapped():
    text = ("It is important to note that the quarterly planning meeting will commence at 9:00 AM on Monday in the "
            "main conference room on the third floor.")
    res = runner.invoke(app, ["humanize", text, "--model", "tiny-random", "--adapter", "none", "--no-scores"],
                        terminal_width=40)
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "quarterly" in x)  # (stderr's progress bars share output)
    assert line.endswith("The quarterly planning meeting will start at 9:00 AM on Monday in the main conference "
                         "room on the third floor."), res.output


def test_humanize_rules_only_loads_no_model(monkeypatch):
    import tunesmith.humanize as humanize

    def no_model(*args, **kwargs):
        raise AssertionError("--rules-only loaded a model")

    monkeypatch.setattr(humanize.Humanizer, "base_generator", staticmethod(no_model))
    for flags in (["--rules-only"], []):  # (the default since session 28: no model is loaded)
        res = runner.invoke(app, ["humanize", "It is important to note that the lift will close on Monday.", *flags,
                                  "--no-scores"])
        assert res.exit_code == 0, res.output
        assert "The lift will close on Monday." in res.output
    res = runner.invoke(app, ["humanize", "It is important to note that the lift will close on Monday.", "--use-model",
                              "--no-scores"])
    assert res.exit_code != 0  # (--use-model loads one: here the patched loader refuses)


def test_piped_models_list_prints_whole_names(monkeypatch):
    """Piped, the rich table was cut at 80 columns ('smollm2-135m-instr…')."""
    from tunesmith import kernels
    from tunesmith.models import list_models

    monkeypatch.setenv("TUNESMITH_KERNELS", "0")  # (the listing needs no kernel build)
    monkeypatch.setattr(kernels, "_state", {})
    res = runner.invoke(app, ["models"], terminal_width=80)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == "name\tstatus\tsource\tdescription"
    for row in list_models():
        assert "\t".join([row["name"], row["status"], row["source"], row["description"]]) in lines
    assert "…" not in res.output


@pytest.mark.parametrize("name,content,message", [
    ("blank.txt", " \n\n", "blank.txt: the text is empty (or only whitespace); put text in it or remove it"),
    ("chat.jsonl", json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]})
     + "\n" + json.dumps({"messages": [{"role": "bot", "content": "hi"}, {"role": "assistant", "content": "yo"}]}),
     "chat.jsonl:2: messages[0].role is 'bot'; use one of system, user, assistant"),
])
def test_train_refuses_rows_an_upload_would_refuse(tmp_path, name, content, message):
    data = tmp_path / name
    data.write_text(content)
    res = runner.invoke(app, ["train", "--data", str(data), "--model", "tiny-random", "--max-steps", "1",
                              "--output", str(tmp_path / "run")])
    assert res.exit_code == 2, res.output
    assert f"error: {tmp_path}/{message}" in res.output and "Traceback" not in res.output


def test_only_rank_0_prints_the_training_summary(monkeypatch, capsys):
    """Under torchrun every rank runs the CLI; the summary table came out once per rank."""
    from types import SimpleNamespace

    from tunesmith import cli

    result = SimpleNamespace(output="runs/x", metrics={"steps": 7, "train_seconds": 3.0, "tokens_per_second": 99.0})
    printed = []
    monkeypatch.setattr(cli.console, "print", lambda *a, **k: printed.append(a))
    monkeypatch.setenv("RANK", "1")
    cli._report(result)
    assert printed == []
    monkeypatch.setenv("RANK", "0")
    cli._report(result)
    assert len(printed) == 1 and printed[0][0].title == "run saved to runs/x"


def test_summary_title_is_not_broken_inside_a_path():
    """A long run path or model name was wrapped over two lines ("smollm2-135m-instruct+" / "run")."""
    from types import SimpleNamespace

    from rich.console import Console

    from tunesmith import cli

    out = "runs/a-rather-long-experiment-name/with-a-subfolder"
    result = SimpleNamespace(output=out, metrics={"steps": 7, "train_seconds": 3.0, "tokens_per_second": 99.0})
    console = Console(width=100, record=True)
    original, cli.console = cli.console, console
    try:
        cli._report(result)
    finally:
        cli.console = original
    assert f"run saved to {out}" in console.export_text()
