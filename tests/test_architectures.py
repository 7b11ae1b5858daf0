"""The four from-scratch families as Hugging Face models: loss, every decoding control, batched
generation, save + reload with plain transformers, training through fit(), serving."""

import json
import logging
import math
import subprocess
import sys

import pytest
import torch

from tunesmith.architectures import FAMILIES, build_model, char_tokenizer, word_tokenizer

TEXT = ("First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n"
        "First Citizen:\nYou are all resolved rather to die than to famish?\n\nAll:\nResolved. resolved.\n") * 3

TINY = {"char-rnn": {"n_layer": 2, "hidden_size": 32}, "word-lstm": {"n_layer": 1, "hidden_size": 32},
        "transformer": {"n_layer": 2, "n_head": 2, "n_embd": 32, "block_size": 64},
        "gpt": {"n_layer": 2, "n_head": 2, "n_embd": 32, "block_size": 64, "zero_init_head": False}}


def test_char_tokenizer_round_trips_and_marks_unknown_characters():
    tok = char_tokenizer([TEXT])
    assert tok.decode(tok(TEXT).input_ids) == TEXT
    assert tok.convert_ids_to_tokens(tok("é").input_ids) == ["<unk>"]
    assert len(tok) == len(set(TEXT)) + 3


def test_word_tokenizer_keeps_frequent_words_and_spacing():
    tok = word_tokenizer([TEXT], vocab_size=40, min_freq=2)
    text = "Speak, speak.\nAll:"
    assert tok.decode(tok(text).input_ids) == text
    assert "<unk>" in tok.convert_ids_to_tokens(tok("Speak, famished goblins").input_ids)
    assert len(tok) <= 40


@pytest.mark.parametrize("family", list(FAMILIES))
def test_family_decodes_with_every_control(family):
    tok = char_tokenizer([TEXT])
    torch.manual_seed(0)
    model = build_model(family, len(tok), **TINY[family]).eval()
    ids = tok("First", return_tensors="pt").input_ids
    out = model(ids, labels=ids)
    manual = torch.nn.functional.cross_entropy(out.logits[0, :-1], ids[0, 1:])
    torch.testing.assert_close(out.loss, manual)
    kw = dict(max_new_tokens=6, pad_token_id=tok.pad_token_id)
    greedy = model.generate(ids, do_sample=False, **kw)
    assert greedy.shape[1] == ids.shape[1] + 6
    torch.manual_seed(1)
    a = model.generate(ids, do_sample=True, temperature=0.9, top_k=8, top_p=0.9, repetition_penalty=1.2, **kw)
    torch.manual_seed(1)
    b = model.generate(ids, do_sample=True, temperature=0.9, top_k=8, top_p=0.9, repetition_penalty=1.2, **kw)
    assert torch.equal(a, b)
    beams = model.generate(ids, num_beams=3, num_return_sequences=2, no_repeat_ngram_size=2, **kw)
    assert beams.shape[0] == 2
    tok.padding_side = "left"
    batch = tok(["First Citizen", "All"], return_tensors="pt", padding=True)
    batched = model.generate(**batch, do_sample=False, **kw)
    alone = model.generate(tok("All", return_tensors="pt").input_ids, do_sample=False, **kw)
    assert torch.equal(batched[1, -6:], alone[0, -6:])  # left padding changes nothing


@pytest.mark.parametrize("family", list(FAMILIES))
def test_tie_word_embeddings_shares_one_matrix_and_survives_a_reload(family, tmp_path):
    from transformers import AutoModelForCausalLM

    for tie in (True, False):
        model = build_model(family, 40, **{**TINY[family], "tie_word_embeddings": tie})
        assert (model.lm_head.weight is model.embed.weight) == tie
        model.save_pretrained(tmp_path / str(tie))
        again = AutoModelForCausalLM.from_pretrained(tmp_path / str(tie))
        assert (again.lm_head.weight is again.embed.weight) == tie
        torch.testing.assert_close(again.lm_head.weight, model.lm_head.weight)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_saved_model_loads_in_plain_transformers(family, tmp_path):
    tok = char_tokenizer([TEXT])
    model = build_model(family, len(tok), **TINY[family]).eval()
    model.save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    ids = tok("First Citizen", return_tensors="pt").input_ids
    with torch.no_grad():
        ours = model(ids).logits[0, -1].tolist()
    # a fresh interpreter that never imports tunesmith
    script = (f"import json, sys, torch\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n"
              f"m = AutoModelForCausalLM.from_pretrained({str(tmp_path)!r}, trust_remote_code=True).eval()\n"
              f"t = AutoTokenizer.from_pretrained({str(tmp_path)!r}, trust_remote_code=True)\n"
              f"ids = t('First Citizen', return_tensors='pt').input_ids\n"
              f"assert 'tunesmith' not in sys.modules\n"
              f"print('LOGITS=' + json.dumps(m(ids).logits[0, -1].tolist()))\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    plain = json.loads(res.stdout.split("LOGITS=")[1].strip())
    torch.testing.assert_close(torch.tensor(plain), torch.tensor(ours))


@pytest.mark.parametrize("family,tokenizer", [("gpt", "char"), ("char-rnn", "char"), ("word-lstm", "word"),
                                              ("transformer", "char")])
def test_trains_from_scratch_with_fit_and_generates(family, tokenizer, tmp_path):
    from tunesmith.config import RunConfig, build
    from tunesmith.generate import Generator
    from tunesmith.train import fit

    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)
    cfg = build(RunConfig, {"method": "full", "output": str(tmp_path / "run"),
                            "architecture": {"family": family, "tokenizer": tokenizer, "settings": TINY[family]},
                            "data": {"source": str(data), "block_size": 32, "val_fraction": 0.1},
                            "train": {"max_steps": 40, "eval_steps": 20, "batch_size": 8, "learning_rate": 5e-3,
                                      "logging_steps": 10, "warmup_ratio": 0.0}})
    result = fit(cfg)
    assert result.metrics["after"]["val_loss"] < result.metrics["before"]["val_loss"] - 0.5
    cont = result.metrics["continuations"]  # greedy continuations of held-out text, scored against it
    assert cont["n"] >= 1 and 0 <= cont["chrf"] <= 100 and 0 <= cont["distinct_1"] <= 1
    if tokenizer == "char":  # the reference is the real held-out text, decoded exactly
        assert all(ex["reference"] in TEXT * 4 and ex["prompt"] in TEXT * 4 for ex in cont["examples"])
    run = tmp_path / "run"
    assert (run / "tokenizer.json").is_file() and (run / "loss.png").is_file()
    gen = Generator(str(run), quantize="none")
    out = gen.generate("First", {"max_new_tokens": 8, "temperature": 0})
    assert out[0].completion_tokens == 8
    streamed = "".join(c.text for c in gen.stream("First", {"max_new_tokens": 8, "temperature": 0}))
    assert streamed == out[0].text
    # served like any model: the OpenAI routes, streaming included, through the engine
    from fastapi.testclient import TestClient

    from serve.conftest import make_state
    from tunesmith.serve.app import create_app
    from tunesmith.serve.settings import Settings

    settings = Settings(_env_file=None, model=str(run), preload=False, ui=False, workers=0,
                        jobs_dir=str(tmp_path / "jobs"))
    with TestClient(create_app(settings, make_state(settings, gen))) as client:
        r = client.post("/v1/completions", json={"prompt": "First", "max_tokens": 8, "temperature": 0})
        assert r.status_code == 200 and r.json()["choices"][0]["text"] == out[0].text
        r = client.post("/v1/completions", json={"prompt": "First", "max_tokens": 8, "temperature": 0, "stream": True})
        pieces = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
        assert "".join(p["choices"][0]["text"] for p in pieces) == out[0].text
        r = client.post("/v1/completions", json={"prompt": "First", "max_tokens": 8, "num_beams": 2, "n": 2})
        assert r.status_code == 200 and len(r.json()["choices"]) == 2


def test_scratch_needs_full_method_and_valid_settings(tmp_path):
    from tunesmith.config import RunConfig, build
    from tunesmith.errors import ConfigError
    from tunesmith.train import scratch_model

    with pytest.raises(ConfigError, match="method: full"):
        build(RunConfig, {"architecture": {"family": "gpt"}, "data": {"source": "x.txt"}})
    data = tmp_path / "t.txt"
    data.write_text(TEXT)
    cfg = build(RunConfig, {"method": "full", "architecture": {"family": "gpt", "settings": {"n_layers": 3}},
                            "data": {"source": str(data)}})
    with pytest.raises(ConfigError) as err:
        scratch_model(cfg)
    assert err.value.field == "architecture.settings"


@pytest.mark.parametrize("family, settings, message", [
    ("gpt", {"n_head": 5, "n_embd": 128}, r"n_embd \(128\) must be a multiple of n_head \(5\)"),
    ("transformer", {"n_head": 3, "n_embd": 32}, r"n_embd \(32\) must be a multiple of n_head \(3\)"),
    ("gpt", {"n_head": 4, "n_embd": 36}, r"36 / 4 = 9\) must be even"),
])
def test_scratch_refuses_a_head_shape_before_making_the_run_dir(tmp_path, family, settings, message):
    """A head count that doesn't divide the width was a reshape traceback at the first step,
    after the run dir had been made (a rerun then said "already holds a run")."""
    from tunesmith.config import RunConfig, build
    from tunesmith.errors import ConfigError
    from tunesmith.train import fit

    data = tmp_path / "t.txt"
    data.write_text(TEXT)
    cfg = build(RunConfig, {"method": "full", "output": str(tmp_path / "run"),
                            "architecture": {"family": family, "settings": {"n_layer": 1, **settings}},
                            "data": {"source": str(data), "block_size": 32}, "train": {"max_steps": 1}})
    with pytest.raises(ConfigError, match=message) as err:
        fit(cfg)
    assert err.value.field == "architecture.settings" and not (tmp_path / "run").exists()


def test_scratch_names_the_tokenizer_choices(tmp_path):
    from tunesmith.config import RunConfig, build
    from tunesmith.errors import ConfigError
    from tunesmith.train import scratch_model

    data = tmp_path / "t.txt"
    data.write_text(TEXT)
    cfg = build(RunConfig, {"method": "full", "architecture": {"family": "gpt", "tokenizer": "bpe"},
                            "data": {"source": str(data)}})
    with pytest.raises(ConfigError, match="architecture.tokenizer 'bpe': use 'char', 'word', or a model") as err:
        scratch_model(cfg)
    assert err.value.field == "architecture.tokenizer"


def test_train_seconds_leave_out_evaluation_and_samples(tmp_path, monkeypatch):
    """"train time" and tokens/s counted every evaluation (half a short run's time)."""
    import time as time_module

    import tunesmith.train as train_module
    from tunesmith.config import RunConfig, build

    slow = train_module.write_samples

    def slow_samples(*args, **kwargs):
        time_module.sleep(1.5)
        return slow(*args, **kwargs)

    monkeypatch.setattr(train_module, "write_samples", slow_samples)
    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)
    cfg = build(RunConfig, {"method": "full", "output": str(tmp_path / "run"),
                            "architecture": {"family": "gpt", "settings": TINY["gpt"]},
                            "data": {"source": str(data), "block_size": 32},
                            "samples": {"prompts": ["First"], "max_new_tokens": 2},
                            "train": {"max_steps": 2, "eval_steps": 1, "batch_size": 2}})
    began = time_module.perf_counter()
    result = train_module.fit(cfg)
    assert time_module.perf_counter() - began > 3.0  # (two evaluations, each with its slow samples)
    assert result.metrics["train_seconds"] < 1.5, result.metrics


def test_time_budget_stops_training(tmp_path):
    from tunesmith.config import RunConfig, build
    from tunesmith.train import fit

    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)
    cfg = build(RunConfig, {"method": "full", "output": str(tmp_path / "run"),
                            "architecture": {"family": "gpt", "settings": TINY["gpt"]},
                            "data": {"source": str(data), "block_size": 32},
                            "train": {"max_steps": 100_000, "max_seconds": 3, "eval_steps": 100_000, "batch_size": 4}})
    result = fit(cfg)
    assert 0 < result.metrics["steps"] < 100_000 and result.metrics["train_seconds"] < 30


def test_a_tied_head_resumes_without_a_missing_keys_warning(tmp_path):
    """A tied head is saved as the embedding: resuming warned "There were missing keys in the
    checkpoint model loaded: ['lm_head.weight']", though the weights were right."""
    import shutil

    from tunesmith.config import RunConfig, build
    from tunesmith.train import fit

    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)

    def cfg(out, steps):
        return build(RunConfig, {"method": "full", "output": str(out),
                                 "architecture": {"family": "gpt",
                                                  "settings": {**TINY["gpt"], "tie_word_embeddings": True}},
                                 "data": {"source": str(data), "block_size": 32, "val_fraction": 0.1},
                                 "train": {"max_steps": steps, "eval_steps": 2, "batch_size": 4}})

    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    trainer_log = logging.getLogger("transformers.trainer")  # (transformers' loggers don't propagate to caplog)
    trainer_log.addHandler(handler)
    try:
        fit(cfg(tmp_path / "a", 2))  # (loads its best checkpoint at the end)
        resumed = fit(cfg(tmp_path / "a", 4), resume=True)
    finally:
        trainer_log.removeHandler(handler)
    assert resumed.metrics["steps"] == 4
    assert not [m for m in seen if "missing keys" in m], seen


def test_muon_trains_and_resumes_exactly(tmp_path):
    """optimizer: muon (Muon on hidden matrices, AdamW on the rest) learns, and a run resumed
    from a checkpoint ends with the same weights as one that never stopped."""
    import shutil

    from safetensors.torch import load_file

    from tunesmith.config import RunConfig, build
    from tunesmith.train import fit

    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)

    def cfg(out):
        return build(RunConfig, {"method": "full", "output": str(out),
                                 "architecture": {"family": "gpt", "settings": TINY["gpt"]},
                                 "data": {"source": str(data), "block_size": 32, "val_fraction": 0.1},
                                 "train": {"max_steps": 30, "eval_steps": 10, "batch_size": 8, "learning_rate": 3e-3,
                                           "optimizer": "muon", "warmup_ratio": 0.0, "save_total_limit": 5}})

    first = fit(cfg(tmp_path / "a"))
    assert first.metrics["after"]["val_loss"] < first.metrics["before"]["val_loss"] - 0.5
    (tmp_path / "b" / "checkpoints").mkdir(parents=True)
    shutil.copytree(tmp_path / "a" / "checkpoints" / "checkpoint-10", tmp_path / "b" / "checkpoints" / "checkpoint-10")
    shutil.copy(tmp_path / "a" / "config.yaml", tmp_path / "b" / "config.yaml")
    fit(cfg(tmp_path / "b"), resume=True)
    a = load_file(tmp_path / "a" / "checkpoints" / "checkpoint-30" / "model.safetensors")
    b = load_file(tmp_path / "b" / "checkpoints" / "checkpoint-30" / "model.safetensors")
    for k in a:
        torch.testing.assert_close(a[k], b[k])


def _scratch_cfg(tmp_path, name, **train):
    from tunesmith.config import RunConfig, build

    data = tmp_path / "plays.txt"
    data.write_text(TEXT * 4)
    return build(RunConfig, {"method": "full", "output": str(tmp_path / name),
                             "architecture": {"family": "gpt", "settings": TINY["gpt"],
                                              "tokenizer": train.pop("tokenizer", "char")},
                             "data": {"source": str(data), "block_size": 32, "val_fraction": 0.1},
                             "train": {"max_steps": 20, "eval_steps": 20, "batch_size": 8, "learning_rate": 3e-3,
                                       "warmup_ratio": 0.0, **train}})


def test_sequence_length_curriculum_starts_short(tmp_path):
    from tunesmith.train import fit

    plain = fit(_scratch_cfg(tmp_path, "plain"))
    short = fit(_scratch_cfg(tmp_path, "short", seq_len_warmup_steps=15, seq_len_start=8))
    assert short.metrics["tokens_seen"] < 0.8 * plain.metrics["tokens_seen"]
    assert short.metrics["after"]["val_loss"] < short.metrics["before"]["val_loss"] - 0.3


def test_distillation_mixes_teacher_soft_targets(tmp_path):
    from tunesmith.errors import ConfigError
    from tunesmith.train import fit

    with pytest.raises(ConfigError) as err:  # a char-level student can't learn from a BPE teacher
        fit(_scratch_cfg(tmp_path, "bad", distill_from="tiny-random"))
    assert err.value.field == "train.distill_from"
    base = _scratch_cfg(tmp_path, "kd", tokenizer="tiny-random", distill_from="tiny-random", distill_alpha=1.0)
    kd = fit(base)
    assert kd.metrics["steps"] == 20 and math.isfinite(kd.metrics["train_loss"])
    hard = fit(_scratch_cfg(tmp_path, "hard", tokenizer="tiny-random"))
    none = fit(_scratch_cfg(tmp_path, "kd0", tokenizer="tiny-random", distill_from="tiny-random", distill_alpha=0.0))
    assert none.metrics["train_loss"] == pytest.approx(hard.metrics["train_loss"], rel=1e-4)  # alpha 0: plain loss
    assert abs(kd.metrics["train_loss"] - hard.metrics["train_loss"]) > 1e-3  # the teacher's term is the objective
    # Validation stays plain cross-entropy (same init, same seed: same loss before training).
    assert kd.metrics["before"]["val_loss"] == pytest.approx(hard.metrics["before"]["val_loss"], rel=1e-5)


def test_time_budget_schedule_warms_up_and_decays_over_seconds():
    from tunesmith.train import time_schedule

    assert time_schedule(0.0, 0.1) < 0.01 and time_schedule(0.05, 0.1) == pytest.approx(0.5)
    assert time_schedule(0.1, 0.1) == pytest.approx(1.0) and time_schedule(0.55, 0.1) == pytest.approx(0.5)
    assert time_schedule(1.0, 0.1) == pytest.approx(0.0) and time_schedule(2.0, 0.1) == pytest.approx(0.0)


def test_compare_runs_every_family_on_the_same_prompts(tmp_path):
    """`tunesmith compare` with the four families side by side: one column each, distinct-n for
    all, BLEU/chrF when the prompts file carries reference continuations; `tunesmith eval` on
    plain text scores continuations of it."""
    from typer.testing import CliRunner

    from tunesmith.cli import app

    tok = char_tokenizer([TEXT])
    dirs = []
    for i, family in enumerate(FAMILIES):
        torch.manual_seed(i)
        build_model(family, len(tok), **TINY[family]).save_pretrained(tmp_path / family)
        tok.save_pretrained(tmp_path / family)
        dirs.append(str(tmp_path / family))
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("".join(json.dumps({"prompt": p, "completion": c}) + "\n"
                               for p, c in (("First Citizen:\n", "Before we"), ("All:\n", "Speak, speak."))))
    out = tmp_path / "report.md"
    res = CliRunner().invoke(app, ["compare", *dirs, "--prompts", str(prompts), "-o", str(out),
                                   "--max-new-tokens", "12"])
    assert res.exit_code == 0, res.output
    report = out.read_text()
    assert report.splitlines()[2].startswith("| metric | " + " | ".join(FAMILIES))
    for key in ("distinct_2", "bleu", "chrf"):
        row = next(line for line in report.splitlines() if line.startswith(f"| {key} |"))
        assert len(row.strip("|").split("|")) == 1 + len(FAMILIES)
    assert report.count("**gpt** (finish:") == 2 and "<th>char-rnn</th>" in out.with_suffix(".html").read_text()

    text = tmp_path / "held_out.txt"
    text.write_text(TEXT)
    res = CliRunner().invoke(app, ["eval", dirs[0], "--data", str(text), "--format", "text", "--max-examples", "4",
                                   "-o", str(tmp_path / "eval.json")])
    assert res.exit_code == 0, res.output
    metrics = json.loads((tmp_path / "eval.json").read_text())["metrics"]
    assert metrics["n"] >= 1 and "chrf" in metrics and "bleu" in metrics
