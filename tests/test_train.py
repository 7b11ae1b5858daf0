import json
import subprocess
import sys
import time

import pytest
import torch

from tunesmith.config import load_run_config
from tunesmith.errors import TunesmithError
from tunesmith.train import fit, latest_complete_checkpoint

TINY = {
    "model": "tiny-random",
    "data": {"source": "bundled:recipes", "format": "recipe", "add_special_tokens": ["[END]"], "max_records": 120,
             "max_length": 96},
    "train": {"max_steps": 8, "batch_size": 4, "eval_steps": 4, "logging_steps": 1, "precision": "fp32",
              "learning_rate": 1e-2},
    "samples": {"prompts": ["RECIPE: Soup\nINGREDIENTS:"], "max_new_tokens": 6, "stop": ["[END]"]},
}


def write_cfg(tmp_path, **over):
    import yaml

    data = json.loads(json.dumps(TINY))
    for k, v in over.items():
        data[k] = {**data.get(k, {}), **v} if isinstance(v, dict) else v
    path = tmp_path / "cfg.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_lora_run_dir_is_complete_and_reloads(tmp_path):
    out = tmp_path / "run"
    cfg = load_run_config(write_cfg(tmp_path), output=str(out))
    res = fit(cfg)
    for name in ("adapter_model.safetensors", "adapter_config.json", "tokenizer.json", "config.yaml",
                 "metrics.jsonl", "loss.png", "samples.md", "eval.json"):
        assert (out / name).is_file(), name
    ev = json.loads((out / "eval.json").read_text())
    assert ev["after"]["val_loss"] < ev["before"]["val_loss"]  # it learned something
    assert ev["steps"] == 8 and ev["tokens_seen"] > 0
    metrics = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    assert any("eval_loss" in m for m in metrics) and any("loss" in m for m in metrics)
    eval_steps = [m["step"] for m in metrics if "eval_loss" in m]
    assert eval_steps == sorted(set(eval_steps)) and 8 in eval_steps  # one evaluation per step, none repeated
    # the saved model is the best evaluated one (load_best_model_at_end), and "after" is its loss
    assert ev["after"]["val_loss"] == pytest.approx(min(m["eval_loss"] for m in metrics if "eval_loss" in m))
    assert "## step 4" in (out / "samples.md").read_text()
    # the run dir loads wherever a model name is accepted, with the added [END] token
    from tunesmith.generate import Generator

    gen = Generator(str(out), quantize="none")
    assert "[END]" in gen.tokenizer.get_vocab()
    assert gen.generate("RECIPE: Soup", {"temperature": 0, "max_new_tokens": 3})[0].completion_tokens <= 3
    assert res.metrics["method"] == "lora"


def test_lora_merged_equals_unmerged_and_differs_from_base(tmp_path):
    from peft import PeftModel

    from tunesmith.models import build_tiny_random, load_model

    out = tmp_path / "run"
    fit(load_run_config(write_cfg(tmp_path, data={"add_special_tokens": []}), output=str(out)))
    lm = load_model(str(out))
    assert isinstance(lm.model, PeftModel)
    ids = torch.tensor([[1, 2, 3, 4, 5]])
    with torch.no_grad():
        unmerged = lm.model(ids).logits
        merged = load_model(str(out), merge_adapter=True).model(ids).logits
        base = build_tiny_random()[0].eval()(ids).logits
    torch.testing.assert_close(merged, unmerged, atol=1e-5, rtol=1e-4)
    assert not torch.allclose(base, unmerged, atol=1e-4)


def test_full_finetune(tmp_path):
    out = tmp_path / "full"
    fit(load_run_config(write_cfg(tmp_path, method="full", data={"add_special_tokens": []}), output=str(out)))
    assert (out / "model.safetensors").is_file() and (out / "config.json").is_file()
    from tunesmith.models import load_model

    assert load_model(str(out)).source.kind == "dir"


def test_existing_run_needs_resume(tmp_path):
    out = tmp_path / "run"
    cfg = load_run_config(write_cfg(tmp_path), output=str(out))
    fit(cfg)
    with pytest.raises(TunesmithError, match="--resume"):
        fit(cfg)
    with pytest.raises(TunesmithError, match="holds no run .* check --output, or start without --resume"):
        fit(load_run_config(write_cfg(tmp_path), output=str(tmp_path / "fresh")), resume=True)


def test_kill_and_resume_continues(tmp_path):
    """Kill a CLI training run mid-way, resume it: the step count and loss curve continue."""
    out = tmp_path / "run"
    cfg = write_cfg(tmp_path, train={"max_steps": 20, "eval_steps": 5, "save_steps": 5})
    cmd = [sys.executable, "-m", "tunesmith.cli", "train", str(cfg), "--output", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while time.time() < deadline:
        ck = latest_complete_checkpoint(out / "checkpoints")
        if ck and int(ck.name.split("-")[1]) >= 10:
            break
        time.sleep(0.5)
    proc.kill()
    proc.wait()
    ck = latest_complete_checkpoint(out / "checkpoints")
    assert ck is not None, "no checkpoint written before the kill"
    killed_at = int(ck.name.split("-")[1])
    assert killed_at < 20
    res = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    ev = json.loads((out / "eval.json").read_text())
    assert ev["steps"] == 20
    steps = [json.loads(x)["step"] for x in (out / "metrics.jsonl").read_text().splitlines()]
    assert max(steps) == 20 and min(steps) <= killed_at  # one curve: before the kill and after


def test_sigterm_saves_the_last_finished_step_like_ctrl_c(tmp_path):
    """A run started in the background from a script ignores Ctrl-C; `kill PID` (SIGTERM, what a
    scheduler sends) now seals a checkpoint at the last finished step too, instead of losing the steps."""
    import signal

    out = tmp_path / "run"
    cfg = write_cfg(tmp_path, train={"max_steps": 100_000, "eval_steps": 100_000, "save_steps": 100_000,
                                     "logging_steps": 1})
    cmd = [sys.executable, "-m", "tunesmith.cli", "train", str(cfg), "--output", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 240
    metrics = out / "metrics.jsonl"
    while time.time() < deadline and not (metrics.is_file() and '"loss"' in metrics.read_text()):  # (a step is done)
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0, err[-2000:]
    ck = latest_complete_checkpoint(out / "checkpoints")
    assert ck is not None and int(ck.name.split("-")[1]) >= 1, err[-2000:]


def test_every_preset_loads():
    from pathlib import Path

    presets = sorted(Path(__file__).resolve().parents[1].glob("configs/*.yaml"))
    assert presets
    for p in presets:
        cfg = load_run_config(p)
        assert cfg.data.source


def test_cli_train_flags_run_fast(tmp_path):
    from typer.testing import CliRunner

    from tunesmith.cli import app

    out = tmp_path / "cli"
    res = CliRunner().invoke(app, ["train", "configs/recipes.yaml", "--model", "tiny-random", "--max-steps", "4",
                                   "--output", str(out), "--set", "data.max_records=60", "--set", "train.eval_steps=2",
                                   "--set", "samples.max_new_tokens=4"])
    assert res.exit_code == 0, res.output
    assert (out / "eval.json").is_file()
    res = CliRunner().invoke(app, ["train", "configs/recipes.yaml", "--set", "train.learning_rate=-1"])
    assert res.exit_code == 2 and "learning_rate" in res.output


def test_two_process_ddp_with_torchrun(tmp_path):
    """`torchrun` works unchanged: 2 CPU processes (DDP over gloo) train one tiny run, and each
    step sees both ranks' batches (twice the tokens of a one-process run)."""
    cfg = write_cfg(tmp_path, data={"add_special_tokens": [], "packing": False},
                    train={"max_steps": 4, "eval_steps": 2})
    env = {**__import__("os").environ, "OMP_NUM_THREADS": "1"}
    seen = {}
    for n in (1, 2):
        out = tmp_path / f"ddp{n}"
        res = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node",
                              str(n), "-m", "tunesmith.cli", "train", str(cfg), "--output", str(out)],
                             capture_output=True, text=True, timeout=600, env=env)
        assert res.returncode == 0, res.stderr[-3000:]
        ev = json.loads((out / "eval.json").read_text())
        assert ev["steps"] == 4 and (out / "adapter_model.safetensors").is_file()
        seen[n] = ev["tokens_seen"]
    assert seen[2] > 1.5 * seen[1]


def test_new_end_token_can_start_from_eos(tmp_path):
    from tunesmith.train import prepare_model

    cfg = load_run_config(write_cfg(tmp_path, data={"new_token_init": "eos"}))
    model, tok, _ = prepare_model(cfg)
    end = tok.convert_tokens_to_ids("[END]")
    emb = model.get_input_embeddings()
    ids = torch.tensor([[end, tok.eos_token_id]])
    vecs = emb(ids)[0]
    assert torch.equal(vecs[0], vecs[1])
    cfg_mean = load_run_config(write_cfg(tmp_path, data={"new_token_init": "mean"}))
    model2, tok2, _ = prepare_model(cfg_mean)
    vecs2 = model2.get_input_embeddings()(ids)[0]
    assert not torch.equal(vecs2[0], vecs2[1])


def test_chunked_loss_matches_model_loss_and_gradients():
    """Our loss (head only on labelled positions, chunked, recomputed in backward) must equal
    transformers' own causal-LM loss in value and gradients, with masked prompt and padding."""
    from peft import LoraConfig, get_peft_model

    from tunesmith.models import build_tiny_random
    from tunesmith.train import _decoder_and_head, causal_lm_loss

    torch.manual_seed(0)
    model = get_peft_model(build_tiny_random()[0], LoraConfig(r=4, target_modules=["q_proj", "v_proj"]))
    ids = torch.randint(0, 1000, (3, 21))
    mask = torch.ones_like(ids)
    mask[1, 15:] = 0  # right padding
    labels = ids.clone()
    labels[:, :6] = -100  # completion-only loss
    labels[mask == 0] = -100

    ref = model(input_ids=ids, attention_mask=mask, labels=labels).loss
    ref.backward()
    ref_grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    model.zero_grad()

    decoder, head = _decoder_and_head(model)
    for wrap in (False, True):  # plain Linear head (grads made in forward) / wrapped head (recomputed)
        used_head = torch.nn.Sequential(head) if wrap else head
        hidden = decoder(input_ids=ids, attention_mask=mask).last_hidden_state
        ours = causal_lm_loss(hidden, used_head, labels, chunk_rows=7)  # several chunks, one ragged
        ours.backward()
        assert torch.allclose(ours, ref, atol=1e-5), (ours, ref)
        for n, p in model.named_parameters():
            if p.requires_grad:
                assert torch.allclose(p.grad, ref_grads[n], atol=1e-6, rtol=1e-4), n
        model.zero_grad()
    # num_items_in_batch (gradient accumulation) divides the summed loss by the global count
    assert torch.allclose(causal_lm_loss(hidden.detach(), head, labels, 100), ours.detach() * (labels[:, 1:] != -100).sum() / 100)


def test_chunked_loss_trains_the_head_in_full_finetuning():
    from tunesmith.models import build_tiny_random
    from tunesmith.train import _decoder_and_head, causal_lm_loss

    torch.manual_seed(0)
    model = build_tiny_random()[0]
    ids = torch.randint(0, 1000, (2, 12))
    ref = model(input_ids=ids, labels=ids).loss
    ref.backward()
    ref_grads = {n: p.grad.clone() for n, p in model.named_parameters()}
    model.zero_grad()
    decoder, head = _decoder_and_head(model)
    assert head.weight.requires_grad
    ours = causal_lm_loss(decoder(input_ids=ids).last_hidden_state, head, ids, chunk_rows=5)
    ours.backward()
    assert torch.allclose(ours, ref, atol=1e-5)
    for n, p in model.named_parameters():  # including the (tied) embedding / head weight
        assert torch.allclose(p.grad, ref_grads[n], atol=1e-6, rtol=1e-4), n


def test_resume_with_another_lora_rank_is_refused_and_the_run_kept(tmp_path):
    out = tmp_path / "run"
    fit(load_run_config(write_cfg(tmp_path, train={"max_steps": 4, "save_steps": 2}), output=str(out)))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    cfg = load_run_config(write_cfg(tmp_path, train={"max_steps": 6, "save_steps": 2}, lora={"r": 4}), output=str(out))
    with pytest.raises(TunesmithError, match=r"lora.r=16 \(now 4\)"):
        fit(cfg, resume=True)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # nothing touched


def test_a_failed_train_leaves_no_output_dir(tmp_path):
    """A data error used to leave an empty run dir behind; a folder that was there stays."""
    from typer.testing import CliRunner

    from tunesmith.cli import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": broken}\n')
    existing = tmp_path / "existing"
    existing.mkdir()
    for out in (tmp_path / "new" / "run", existing):
        res = CliRunner().invoke(app, ["train", "--data", str(bad), "--model", "tiny-random", "--output", str(out)])
        assert res.exit_code == 2 and "bad.jsonl:2: invalid JSON" in res.output, res.output
    assert not (tmp_path / "new").exists()
    assert existing.is_dir() and not any(existing.iterdir())


def test_a_run_stopped_before_its_first_checkpoint_can_be_resumed_and_a_finished_one_is_not(tmp_path):
    """Stopped (Ctrl-C) before any checkpoint, a run dir was a dead end: --resume said 'no complete
    checkpoint; start without --resume', and starting without it said 'already holds a run'."""
    from transformers import TrainerCallback

    class Interrupt(TrainerCallback):
        def __init__(self, at):
            self.at = at

        def on_step_begin(self, args, state, control, **kw):
            if state.global_step == self.at:
                raise KeyboardInterrupt

    out = tmp_path / "run"
    cfg = load_run_config(write_cfg(tmp_path), output=str(out))  # checkpoints every 4 steps
    with pytest.raises(KeyboardInterrupt):
        fit(cfg, callbacks=[Interrupt(0)])  # before the first step: nothing to save
    assert latest_complete_checkpoint(out / "checkpoints") is None
    with pytest.raises(TunesmithError, match="no checkpoint yet: --resume trains it again"):
        fit(cfg)
    # Ctrl-C after step 2 (checkpoints come every 4): step 2 is saved and sealed, and resumed from
    with pytest.raises(KeyboardInterrupt):
        fit(cfg, resume=True, callbacks=[Interrupt(2)])
    assert latest_complete_checkpoint(out / "checkpoints").name == "checkpoint-2"
    res = fit(cfg, resume=True)
    assert res.metrics["steps"] == 8
    with pytest.raises(TunesmithError, match=r"already finished its 8 steps \(train.max_steps=8\)"):
        fit(cfg, resume=True)
    other = load_run_config(write_cfg(tmp_path, data={"source": "bundled:shakespeare", "format": "text"}),
                            output=str(out))
    with pytest.raises(TunesmithError, match="data.source='bundled:recipes'"):
        fit(other, resume=True)


def test_lora_targets_that_match_nothing_and_an_adapter_on_the_wrong_base_are_clear_errors(tmp_path):
    """Both were peft tracebacks (NoMatchingPeftModuleError; a wall of 'size mismatch' lines)."""
    from tunesmith.errors import ConfigError
    from tunesmith.models import load_model

    cfg = load_run_config(write_cfg(tmp_path, lora={"target_modules": ["nothing"]}), output=str(tmp_path / "bad"))
    with pytest.raises(ConfigError, match=r"lora.target_modules \['nothing'\] match no layer .*'q_proj'"):
        fit(cfg)
    out = tmp_path / "run"
    fit(load_run_config(write_cfg(tmp_path, train={"max_steps": 2}), output=str(out)))
    with pytest.raises(TunesmithError, match="does not fit this base model .*pass --model tiny-random"):
        load_model("smollm2-135m-instruct", adapter=str(out))
