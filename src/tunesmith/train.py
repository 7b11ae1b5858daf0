"""``fit()``: the one training loop, for LoRA and full fine-tuning, on transformers' Trainer + peft.

A run directory ends up holding everything needed to reload, evaluate and serve the model:

    RUN/
      adapter_model.safetensors + adapter_config.json   (LoRA)  or  model.safetensors + config.json (full)
      tokenizer files, config.yaml (resolved RunConfig), metrics.jsonl, loss.png, samples.md, eval.json
      checkpoints/checkpoint-N/   (Trainer checkpoints; --resume continues from the newest complete one)
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import yaml

from .config import RunConfig
from .data.dataset import IGNORE, TokenizedData, build_datasets
from .errors import ConfigError, ModelNotFoundError, TunesmithError
from .models import RUN_CONFIG_FILE, load_model

log = logging.getLogger(__name__)

# Per-architecture LoRA targets: attention projections (the LoRA paper's choice, Hu et al. 2021 §7.1).
LORA_TARGETS = {
    "llama": ["q_proj", "k_proj", "v_proj", "o_proj"],
    "mistral": ["q_proj", "k_proj", "v_proj", "o_proj"],
    "qwen2": ["q_proj", "k_proj", "v_proj", "o_proj"],
    "gemma": ["q_proj", "k_proj", "v_proj", "o_proj"],
    "phi3": ["qkv_proj", "o_proj"],
    "gpt2": ["c_attn", "c_proj"],
    "gpt_neox": ["query_key_value", "dense"],
    "opt": ["q_proj", "k_proj", "v_proj", "out_proj"],
}


@dataclass
class FitResult:
    output: Path
    metrics: dict[str, Any]


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file + rename so readers never see a half-written file. The temp name is
    per process: ranks of a distributed run write the same files at once (with one shared temp
    name, one rank renamed it away under the other: a flaky two-process test)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def pick_precision(precision: str, device: torch.device) -> str:
    """``auto``: bf16 on GPUs that support it (fp16 otherwise); fp32 on CPU.

    CPU bf16 autocast was measured *slower* here (LoRA on SmolLM2-135M, 8x128 tokens: 159 vs
    258 tokens/s; AVX512-BF16 but no AMX), so it is opt-in (``precision: bf16``)."""
    if precision != "auto":
        return precision
    if device.type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return "fp32"


def lora_targets(model, configured) -> list[str]:
    if configured != "auto":
        # Checked here: peft's own error for a name that matches nothing is a traceback.
        names = {name.rsplit(".", 1)[-1] for name, module in model.named_modules() if isinstance(module, torch.nn.Linear)}
        unknown = [t for t in configured if t not in names and not any(n.endswith(t) for n in names)]
        if unknown:
            raise ConfigError(f"lora.target_modules {unknown} match no layer of this model; its linear layers are "
                              f"{sorted(names)}", field="lora.target_modules")
        return list(configured)
    model_type = getattr(model.config, "model_type", "")
    if model_type in LORA_TARGETS:
        return LORA_TARGETS[model_type]
    raise ConfigError(f"no default LoRA targets for model type '{model_type}'; set lora.target_modules",
                      field="lora.target_modules")


CHECKPOINT_MARKER = "tunesmith_complete.json"  # written last, after every file is fsynced


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def mark_complete(ckpt: Path, counters: dict[str, Any]) -> None:
    """Seal a checkpoint: fsync every file, then atomically write a marker listing each file's
    size and SHA-256 (plus run counters such as cumulative training seconds). A checkpoint
    without a marker (a crash mid-write) or whose files no longer match it is never resumed from."""
    files = {}
    for f in sorted(p for p in ckpt.rglob("*") if p.is_file() and p.name != CHECKPOINT_MARKER):
        _fsync(f)
        files[str(f.relative_to(ckpt))] = {"bytes": f.stat().st_size, "sha256": _sha256(f)}
    tmp = ckpt / f".{CHECKPOINT_MARKER}.tmp"
    with tmp.open("w") as fh:
        json.dump({"files": files, **counters}, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, ckpt / CHECKPOINT_MARKER)
    _fsync(ckpt)


def checkpoint_problem(ckpt: Path) -> str | None:
    """Why ``ckpt`` can't be resumed from (None when it is sound)."""
    marker = ckpt / CHECKPOINT_MARKER
    if not marker.is_file():
        return "incomplete (no completion marker: the run stopped while writing it)"
    try:
        listed = json.loads(marker.read_text())["files"]
    except (ValueError, KeyError):
        return "damaged completion marker"
    for name, meta in listed.items():
        f = ckpt / name
        if not f.is_file():
            return f"missing {name}"
        if f.stat().st_size != meta["bytes"] or _sha256(f) != meta["sha256"]:
            return f"{name} does not match its recorded checksum"
    return None


def checkpoint_counters(ckpt: Path) -> dict[str, Any]:
    """The run counters sealed into a checkpoint's marker (e.g. ``train_seconds``)."""
    try:
        data = json.loads((ckpt / CHECKPOINT_MARKER).read_text())
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k != "files"}


def _checkpoints_newest_first(ckpt_dir: Path) -> list[Path]:
    if not ckpt_dir.is_dir():
        return []
    found = [p for p in ckpt_dir.glob("checkpoint-*") if p.is_dir() and p.name.split("-")[-1].isdigit()]
    return sorted(found, key=lambda p: int(p.name.split("-")[-1]), reverse=True)


def latest_complete_checkpoint(ckpt_dir: Path) -> Path | None:
    """Newest checkpoint that is sealed and intact; a damaged newer one is skipped (logged).

    Runs from before sealing existed have no markers at all: their newest checkpoint with
    transformers' last-written file (trainer_state.json) is used, as it was then."""
    found = _checkpoints_newest_first(ckpt_dir)
    if found and not any((c / CHECKPOINT_MARKER).is_file() for c in found):
        return next((c for c in found if (c / "trainer_state.json").is_file()), None)
    for ckpt in found:
        problem = checkpoint_problem(ckpt)
        if problem is None:
            return ckpt
        log.warning("not resuming from %s: %s; trying the one before", ckpt, problem)
    return None


# What decides the shapes a checkpoint holds: resuming with any of them changed cannot load it.
# (data.source too: a resumed run on other data would restore a position in data it never saw and
# compare perplexities over two validation sets; training further on new data is a new run whose
# --model is this run's dir)
_RESUME_FIXED = ("model", "method", "architecture", "lora.r", "lora.target_modules", "data.add_special_tokens",
                 "data.source")


def check_resume_settings(out: Path, cfg: RunConfig) -> None:
    """Refuse --resume when a setting that shapes the checkpoint differs from the run's own
    (config.yaml): the load would fail half-way with a size mismatch."""
    saved_file = out / RUN_CONFIG_FILE
    if not saved_file.is_file():
        return
    saved, now = yaml.safe_load(saved_file.read_text()) or {}, cfg.model_dump(mode="json")

    def get(tree: dict, dotted: str):
        for part in dotted.split("."):
            tree = tree.get(part) if isinstance(tree, dict) else None
        return tree

    changed = [f"{k}={get(saved, k)!r} (now {get(now, k)!r})" for k in _RESUME_FIXED if get(saved, k) != get(now, k)]
    if changed:
        raise TunesmithError(f"--resume: this run was trained with {', '.join(changed)}; resume with the run's own "
                             f"settings (see {saved_file}) or start a new --output", field="resume")


def prepare_resume(out: Path, ckpt: Path) -> int:
    """Make the run dir agree with ``ckpt``: drop newer (incomplete or damaged) checkpoints and
    the metrics rows logged after it, which the resumed run will log again. Returns its step."""
    step = int(ckpt.name.split("-")[-1])
    for newer in _checkpoints_newest_first(ckpt.parent):
        if int(newer.name.split("-")[-1]) > step:
            shutil.rmtree(newer, ignore_errors=True)
    metrics = out / "metrics.jsonl"
    if metrics.exists():
        rows = [line for line in metrics.read_text().splitlines() if line.strip()]
        kept = [line for line in rows if json.loads(line).get("step", 0) <= step]
        write_atomic(metrics, "".join(line + "\n" for line in kept))
    return step


class Collator:
    """Pad to the longest sequence in the batch (right padding, labels -100 on padding)."""

    def __init__(self, pad_id: int):
        self.pad_id = pad_id
        self.max_length: int | None = None  # set by the sequence-length curriculum
        self.packed = False  # rows are full blocks of data.block_size tokens

    def __call__(self, rows: list[dict[str, list[int]]]) -> dict[str, torch.Tensor]:
        if self.max_length:
            rows = [{k: v[: self.max_length] for k, v in r.items()} for r in rows]
        width = max(len(r["input_ids"]) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            n = len(r["input_ids"])
            ids[i, :n] = torch.tensor(r["input_ids"])
            labels[i, :n] = torch.tensor(r["labels"])
            mask[i, :n] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}


LOSS_CHUNK_ROWS = 256  # positions per lm-head chunk: 256 x 49k vocab x 4 B = 50 MB of logits at a time


class _LinearCrossEntropy(torch.autograd.Function):
    """Summed cross-entropy of ``rows @ weight.T`` whose gradients are made during forward,
    chunk by chunk: only ``chunk_rows x vocab`` logits ever exist, and nothing is recomputed
    (the same FLOPs as the plain loss: logits, then softmax-minus-one-hot back through the head)."""

    @staticmethod
    def forward(ctx, rows, weight, targets, chunk_rows):  # noqa: D102
        grad_rows = torch.empty_like(rows) if rows.requires_grad else None
        grad_weight = torch.zeros_like(weight, dtype=torch.float32) if weight.requires_grad else None
        total = rows.new_zeros((), dtype=torch.float32)
        for start in range(0, rows.shape[0], chunk_rows):
            h, y = rows[start:start + chunk_rows], targets[start:start + chunk_rows]
            logits = (h @ weight.t()).float()
            lse = torch.logsumexp(logits, dim=-1)
            total += (lse - logits.gather(1, y[:, None]).squeeze(1)).sum()
            # d(sum of losses)/d(logits) = softmax - one_hot, computed in place over the logits
            grad_logits = logits.sub_(lse[:, None]).exp_()
            grad_logits[torch.arange(len(y), device=y.device), y] -= 1
            if grad_rows is not None:
                grad_rows[start:start + chunk_rows] = (grad_logits.to(weight.dtype) @ weight).to(rows.dtype)
            if grad_weight is not None:
                grad_weight += grad_logits.t() @ h.float()
        ctx.save_for_backward(*(g for g in (grad_rows, grad_weight) if g is not None))
        ctx.has = (grad_rows is not None, grad_weight is not None)
        ctx.weight_dtype = weight.dtype
        return total

    @staticmethod
    def backward(ctx, grad_total):  # noqa: D102
        saved = list(ctx.saved_tensors)
        grad_rows = saved.pop(0) * grad_total if ctx.has[0] else None
        grad_weight = (saved.pop(0) * grad_total).to(ctx.weight_dtype) if ctx.has[1] else None
        return grad_rows, grad_weight, None, None


def causal_lm_loss(hidden: torch.Tensor, head: torch.nn.Module, labels: torch.Tensor,
                   num_items_in_batch: int | torch.Tensor | None = None,
                   chunk_rows: int = LOSS_CHUNK_ROWS) -> torch.Tensor:
    """Next-token cross-entropy computed from the last hidden states, chunk by chunk.

    Same value and gradients as transformers' causal-LM loss, without its two costs: the
    output head runs only on positions that have a label (prompt tokens under a
    completion-only loss and padding are skipped: less compute), and the full ``tokens x
    vocab`` logits (with their fp32 softmax and gradient copies, the largest allocation of a
    training step) never exist at once. A plain Linear head gets its gradients during forward
    (no recompute); a wrapped head (e.g. peft's trainable new-token rows) has each chunk's
    logits recomputed in backward instead.
    """
    from torch.utils.checkpoint import checkpoint

    shift_labels = labels[:, 1:].reshape(-1)
    keep = shift_labels != IGNORE
    rows = hidden[:, :-1].reshape(-1, hidden.shape[-1])[keep]
    targets = shift_labels[keep]
    if type(head) is torch.nn.Linear and head.bias is None and torch.is_grad_enabled():
        total = _LinearCrossEntropy.apply(rows, head.weight, targets, chunk_rows)
    else:
        def chunk_loss(h: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return torch.nn.functional.cross_entropy(head(h).float(), y, reduction="sum")

        total = hidden.new_zeros((), dtype=torch.float32)
        for start in range(0, rows.shape[0], chunk_rows):
            h, y = rows[start:start + chunk_rows], targets[start:start + chunk_rows]
            total = total + (checkpoint(chunk_loss, h, y, use_reentrant=False) if torch.is_grad_enabled()
                             else chunk_loss(h, y))
    count = num_items_in_batch if num_items_in_batch is not None else max(1, int(targets.numel()))
    if isinstance(count, torch.Tensor):
        count = count.to(total.device)
    return total / count


def _decoder_and_head(model: torch.nn.Module):
    """(decoder, output head) of a causal LM (plain or peft-wrapped), or None where the chunked
    loss would not be exact: models that scale or soft-cap their logits, or a DDP wrapper
    (calling its inner modules directly would skip the gradient sync)."""
    if isinstance(model, torch.nn.parallel.DistributedDataParallel):
        return None
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    cfg = getattr(base, "config", None)
    if cfg is None or str(getattr(cfg, "model_type", "")).startswith("tunesmith_") or any(getattr(cfg, k, None) for k in ("final_logit_softcapping", "logit_scale",
                                                             "output_multiplier_scale", "logits_scaling")):
        return None
    decoder = base.get_decoder() if hasattr(base, "get_decoder") else None
    head = base.get_output_embeddings() if hasattr(base, "get_output_embeddings") else None
    if decoder is None or head is None or getattr(head, "bias", None) is not None:
        return None
    return decoder, head


class EpochSampler(torch.utils.data.Sampler):
    """Training order as a pure function of (seed, epoch), optionally grouped by length.

    transformers' samplers draw their order from the global RNG when an epoch's iterator is
    created; a run resumed mid-epoch restores the RNG only after that, so it would train on a
    different order than the uninterrupted run. This one gives a resumed run the same batches.
    """

    def __init__(self, size: int, seed: int, lengths: list[int] | None = None, group_size: int = 1):
        self.size, self.seed, self.lengths, self.group_size, self.epoch = size, seed, lengths, group_size, 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self.size

    def __iter__(self):
        g = torch.Generator()
        g.manual_seed(self.seed * 1_000_003 + self.epoch)
        if self.lengths is not None:
            from transformers.trainer_pt_utils import get_length_grouped_indices

            return iter(get_length_grouped_indices(self.lengths, self.group_size, generator=g))
        return iter(torch.randperm(self.size, generator=g).tolist())


def time_schedule(fraction: float, warmup: float) -> float:
    """LR multiplier at ``fraction`` of a time budget: linear warm-up, then cosine to zero."""
    if fraction < warmup:
        return max(fraction / warmup, 1e-3)
    progress = min(1.0, (fraction - warmup) / max(1e-9, 1 - warmup))
    return 0.5 * (1 + math.cos(math.pi * progress))


class MuonWithAdamW(torch.optim.Optimizer):
    """Muon for hidden 2-D weight matrices, AdamW for every other trainable tensor, as one
    optimizer (what transformers' Trainer, its LR scheduler and its checkpoints expect)."""

    def __init__(self, model: torch.nn.Module, lr: float, weight_decay: float):
        edge = {id(m.weight) for m in (model.get_input_embeddings(), model.get_output_embeddings()) if m is not None}
        params = [p for p in model.parameters() if p.requires_grad]
        hidden = [p for p in params if p.ndim == 2 and id(p) not in edge]
        rest = [p for p in params if p.ndim != 2 or id(p) in edge]
        self.muon = torch.optim.Muon(hidden, lr=lr, weight_decay=weight_decay, adjust_lr_fn="match_rms_adamw")
        self.adamw = torch.optim.AdamW(rest, lr=lr, weight_decay=weight_decay)
        super().__init__(params, {"lr": lr})
        self.param_groups = self.muon.param_groups + self.adamw.param_groups  # shared: the scheduler sets both

    @property
    def state(self):  # noqa: D102
        return {**self.muon.state, **self.adamw.state}

    @state.setter
    def state(self, value):  # Optimizer.__init__ assigns an empty state
        pass

    @torch.no_grad()
    def step(self, closure=None):  # noqa: D102
        loss = closure() if closure is not None else None
        self.muon.step()
        self.adamw.step()
        return loss

    def zero_grad(self, set_to_none: bool = True) -> None:  # noqa: D102
        self.muon.zero_grad(set_to_none)
        self.adamw.zero_grad(set_to_none)

    def state_dict(self):  # noqa: D102
        return {"muon": self.muon.state_dict(), "adamw": self.adamw.state_dict()}

    def load_state_dict(self, state_dict) -> None:  # noqa: D102
        self.muon.load_state_dict(state_dict["muon"])
        self.adamw.load_state_dict(state_dict["adamw"])
        self.param_groups = self.muon.param_groups + self.adamw.param_groups


def make_trainer_class():
    """transformers' Trainer with :func:`causal_lm_loss` (falls back to the model's own loss) and
    a resumable training order (:class:`EpochSampler`)."""
    from transformers import Trainer

    class ChunkedLossTrainer(Trainer):
        optimizer_name = "adamw"
        run_config: RunConfig | None = None

        def create_optimizer(self, model=None):
            if self.optimizer is None and self.optimizer_name == "muon":
                self.optimizer = MuonWithAdamW(model if model is not None else self.model, self.args.learning_rate,
                                               self.args.weight_decay)
                return self.optimizer
            return super().create_optimizer(model)

        def _get_train_sampler(self, train_dataset=None):
            data = train_dataset if train_dataset is not None else self.train_dataset
            if data is None or not hasattr(data, "__len__"):
                return super()._get_train_sampler(train_dataset)
            seed = self.args.data_seed if self.args.data_seed is not None else self.args.seed
            lengths = None
            if self.args.train_sampling_strategy == "group_by_length":
                lengths = [len(ids) for ids in data["input_ids"]]
            return EpochSampler(len(data), seed, lengths,
                                self.args.train_batch_size * self.args.gradient_accumulation_steps)

        teacher = None  # set for knowledge distillation
        clock: RunClock | None = None  # set for a time budget: the LR schedule runs on seconds

        def evaluate(self, *args, **kwargs):
            if self.clock is None:
                return super().evaluate(*args, **kwargs)
            with self.clock.paused():  # (samples are written inside it too, by RunFiles.on_evaluate)
                return super().evaluate(*args, **kwargs)

        def create_scheduler(self, num_training_steps, optimizer=None):
            budget = self.run_config.train.max_seconds if self.run_config is not None else None
            if self.lr_scheduler is None and budget and self.clock is not None:
                # A time budget has no known step count: warm up and decay over the seconds instead
                # (a step-based schedule over max_steps would never leave its warm-up).
                warm, clock = self.run_config.train.warmup_ratio, self.clock
                self.lr_scheduler = torch.optim.lr_scheduler.LambdaLR(
                    optimizer or self.optimizer, lambda _: time_schedule(clock.seconds() / budget, warm))
                return self.lr_scheduler
            return super().create_scheduler(num_training_steps, optimizer)

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            if self.teacher is not None and model.training:
                # Evaluation keeps the plain loss, so validation perplexity is comparable with and
                # without a teacher.
                return distillation_loss(self, model, inputs, return_outputs)
            parts = _decoder_and_head(model)
            if parts is None or "labels" not in inputs or self.label_smoother is not None:
                return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
            decoder, head = parts
            features = {k: v for k, v in inputs.items() if k != "labels"}
            hidden = decoder(**features, use_cache=False).last_hidden_state
            loss = causal_lm_loss(hidden, head, inputs["labels"], num_items_in_batch)
            if (self.args.average_tokens_across_devices and num_items_in_batch is not None
                    and self.accelerator.num_processes > 1):
                loss = loss * self.accelerator.num_processes  # as Trainer does for model-computed losses
            return (loss, {"loss": loss}) if return_outputs else loss

    return ChunkedLossTrainer


def distillation_loss(trainer, model, inputs, return_outputs=False):
    """(1 - alpha) x next-token cross-entropy + alpha x T^2 x KL(teacher_T || student_T) on the
    labelled positions (Hinton et al. 2015: the T^2 keeps the soft term's gradients in scale)."""
    cfg = trainer.run_config.train
    labels = inputs["labels"]
    features = {k: v for k, v in inputs.items() if k != "labels"}
    out = model(**features)
    with torch.no_grad():
        teacher_logits = trainer.teacher(**features).logits
    keep = labels[:, 1:] != IGNORE
    student = out.logits[:, :-1][keep].float()
    teacher = teacher_logits[:, :-1][keep].float()[:, : student.shape[-1]]
    hard = torch.nn.functional.cross_entropy(student, labels[:, 1:][keep])
    t = cfg.distill_temperature
    soft = torch.nn.functional.kl_div(torch.log_softmax(student / t, -1), torch.log_softmax(teacher / t, -1),
                                      log_target=True, reduction="batchmean") * t * t
    loss = (1 - cfg.distill_alpha) * hard + cfg.distill_alpha * soft
    return (loss, out) if return_outputs else loss


def load_teacher(cfg: RunConfig, tokenizer, device):
    """The distillation teacher, frozen. Its tokenizer must give every student token the same id
    (soft targets are compared position by position over the same vocabulary)."""
    loaded = load_model(cfg.train.distill_from, dtype="float32")
    theirs, ours = loaded.tokenizer.get_vocab(), tokenizer.get_vocab()
    clashes = [t for t, i in ours.items() if theirs.get(t) != i]
    if clashes:
        raise ConfigError(f"train.distill_from: the student's tokenizer does not match the teacher's ({len(clashes)} "
                          f"tokens differ, e.g. {clashes[:3]}); give the student the teacher's tokenizer "
                          f"(architecture.tokenizer: {cfg.train.distill_from})", field="train.distill_from")
    teacher = loaded.model.to(device).eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher


def plot_loss(metrics_file: Path, out: Path) -> None:
    """loss.png: training loss and validation loss against step."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [json.loads(line) for line in metrics_file.read_text().splitlines() if line.strip()]
    train = [(r["step"], r["loss"]) for r in rows if "loss" in r]
    val = [(r["step"], r["eval_loss"]) for r in rows if "eval_loss" in r]
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    if train:
        ax.plot(*zip(*train), label="train loss", color="#3366cc")
    if val:
        ax.plot(*zip(*val), "o-", label="validation loss", color="#dc3912")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.grid(alpha=0.3)
    if train or val:
        ax.legend()
    else:  # (fewer steps than train.logging_steps and no evaluation: nothing logged yet)
        ax.text(0.5, 0.5, "no loss logged yet (train.logging_steps)", ha="center", va="center",
                transform=ax.transAxes, color="#666666")
    fig.tight_layout()
    tmp = out.with_name(".loss.tmp.png")
    fig.savefig(tmp)
    plt.close(fig)
    os.replace(tmp, out)


class RunClock:
    """Training seconds across sessions: those sealed in the resumed checkpoint plus this session's,
    without the time spent evaluating and writing samples (it was half of a short run's "train
    time" and tokens/s, and ate into a time budget)."""

    def __init__(self, before: float = 0.0):
        self.before, self.started, self.excluded = before, None, 0.0

    def start(self) -> None:
        self.started, self.excluded = time.perf_counter(), 0.0

    def seconds(self) -> float:
        if self.started is None:
            return self.before
        return self.before + time.perf_counter() - self.started - self.excluded

    @contextlib.contextmanager
    def paused(self):
        began = time.perf_counter()
        try:
            yield
        finally:
            self.excluded += time.perf_counter() - began


def _callbacks(cfg: RunConfig, out: Path, tokenizer, sample_prompts: list[str], clock: RunClock,
               collator: Collator | None = None):
    from transformers import TrainerCallback

    metrics_file = out / "metrics.jsonl"
    sampled_steps: set[int] = set()

    class SealCheckpoints(TrainerCallback):
        """Mark each checkpoint complete once it is fully on disk (see :func:`mark_complete`)."""

        def on_train_begin(self, args, state, control, **kw):
            clock.start()

        def on_step_begin(self, args, state, control, **kw):
            warm = cfg.train.seq_len_warmup_steps
            if collator is not None and warm:  # the sequence-length curriculum, by optimizer step
                full = cfg.data.block_size if collator.packed else cfg.data.max_length
                grown = cfg.train.seq_len_start + (full - cfg.train.seq_len_start) * state.global_step / warm
                collator.max_length = None if state.global_step >= warm else max(2, int(grown))

        def on_step_end(self, args, state, control, **kw):
            if cfg.train.max_seconds and clock.seconds() >= cfg.train.max_seconds:
                control.should_training_stop = True  # the time budget is spent: seal where we are
                control.should_save = True

        def on_save(self, args, state, control, **kw):
            if state.is_world_process_zero:
                ckpt = Path(args.output_dir) / f"checkpoint-{state.global_step}"
                mark_complete(ckpt, {"step": state.global_step, "train_seconds": round(clock.seconds(), 3),
                                     "tokens_seen": int(state.num_input_tokens_seen or 0)})

    class RunFiles(TrainerCallback):
        """metrics.jsonl on every log, loss.png and samples.md on every evaluation."""

        def on_log(self, args, state, control, logs=None, **kw):
            if not state.is_world_process_zero or not logs:
                return
            row = {"step": state.global_step, "epoch": round(state.epoch or 0, 4), **logs}
            with metrics_file.open("a") as fh:
                fh.write(json.dumps(row) + "\n")

        def on_evaluate(self, args, state, control, metrics=None, model=None, **kw):
            if not state.is_world_process_zero:
                return
            if metrics_file.exists():
                plot_loss(metrics_file, out / "loss.png")
            if sample_prompts and model is not None and state.global_step not in sampled_steps:
                sampled_steps.add(state.global_step)
                write_samples(model, tokenizer, sample_prompts, cfg, out / "samples.md", state.global_step)

        def on_train_end(self, args, state, control, **kw):
            if state.is_world_process_zero and metrics_file.exists():
                plot_loss(metrics_file, out / "loss.png")

    return [RunFiles(), SealCheckpoints()]


def write_samples(model, tokenizer, prompts: list[str], cfg: RunConfig, path: Path, step: int) -> None:
    """Append generations from the fixed prompts to samples.md (greedy unless configured)."""
    was_training = model.training
    model.eval()
    tokenizer.padding_side = "left"
    lines = [f"\n## step {step}\n"]
    with torch.inference_mode():
        for prompt in prompts:
            enc = tokenizer(prompt, return_tensors="pt", add_special_tokens=False).to(model.device)
            kw: dict[str, Any] = dict(max_new_tokens=cfg.samples.max_new_tokens, pad_token_id=tokenizer.pad_token_id)
            if cfg.samples.temperature > 0:
                kw.update(do_sample=True, temperature=cfg.samples.temperature, top_p=0.95)
            else:
                kw.update(do_sample=False)
            if cfg.samples.repetition_penalty != 1.0:
                kw.update(repetition_penalty=cfg.samples.repetition_penalty)
            if cfg.samples.no_repeat_ngram_size:
                kw.update(no_repeat_ngram_size=cfg.samples.no_repeat_ngram_size)
            if cfg.samples.stop:
                kw.update(stop_strings=cfg.samples.stop, tokenizer=tokenizer)
            out = model.generate(**enc, **kw)
            new = out[0, enc["input_ids"].shape[1]:]
            raw = tokenizer.decode(new, skip_special_tokens=False)
            text = tokenizer.decode(new, skip_special_tokens=True)
            stopped = next((s for s in cfg.samples.stop if s in raw), None)
            end = f"_(stopped at {stopped})_" if stopped else f"_(no stop after {len(new)} tokens)_"
            lines.append(f"**{prompt.strip()[:200]}**\n\n```\n{text.strip()}\n```\n{end}\n")
    with path.open("a") as fh:
        fh.write("\n".join(lines))
    if was_training:
        model.train()


def perplexity_of(loss: float) -> float:
    return math.exp(loss) if loss < 50 else float("inf")


def scratch_model(cfg: RunConfig):
    """A new model of ``cfg.architecture``: its tokenizer is built from the training text (or
    loaded), the model initialised from the family's settings. Returns a LoadedModel."""
    from . import architectures
    from .data.dataset import shape_records
    from .data.sources import load_located
    from .models import LoadedModel, ModelSource, pick_device

    arch = cfg.architecture
    if arch.tokenizer in ("char", "word"):
        records = load_located(cfg.data.source, cfg.data.columns, cfg.data.hf_config, cfg.data.hf_split,
                               cfg.data.max_records)
        shaped, _, _ = shape_records(cfg.data, records, cfg.data.source)
        texts = [" ".join(str(v) for v in ex.values() if isinstance(v, str)) for ex in shaped]
        tok = (architectures.char_tokenizer(texts) if arch.tokenizer == "char"
               else architectures.word_tokenizer(texts, arch.vocab_size, arch.min_freq))
    else:
        try:
            tok = load_model(arch.tokenizer, device="cpu").tokenizer
        except ModelNotFoundError as err:
            raise ConfigError(f"architecture.tokenizer {arch.tokenizer!r}: use 'char', 'word', or a model whose "
                              f"tokenizer to borrow ({err.message})", field="architecture.tokenizer") from None
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    settings = dict(arch.settings)
    if "block_size" in architectures.settings_of(arch.family):
        settings.setdefault("block_size", cfg.data.block_size)  # the context the data is packed to
    try:
        model = architectures.build_model(arch.family, len(tok), pad_token_id=tok.pad_token_id,
                                          eos_token_id=tok.eos_token_id, **settings)
    except (TypeError, ValueError) as err:
        raise ConfigError(f"architecture.settings for {arch.family}: {err}", field="architecture.settings") from None
    device = pick_device("auto")
    model.to(device)
    return LoadedModel(model, tok, f"{arch.family} (from scratch)", ModelSource("scratch", arch.family), device,
                       torch.float32, extra={"parameters": sum(p.numel() for p in model.parameters())})


def prepare_model(cfg: RunConfig):
    """Load the base, add tokens, wrap with LoRA (or unfreeze for full fine-tuning); or build a
    new model from scratch (``cfg.architecture``).

    Weights stay fp32 (the optimizer's master copy); bf16/fp16 come from autocast."""
    lm = scratch_model(cfg) if cfg.architecture else load_model(cfg.model, dtype="float32", trainable=True)
    model, tok = lm.model, lm.tokenizer
    new_tokens = [t for t in cfg.data.add_special_tokens if t not in tok.get_vocab()]
    if new_tokens:
        tok.add_special_tokens({"additional_special_tokens": new_tokens})
        model.resize_token_embeddings(len(tok))
        if cfg.data.new_token_init == "eos" and tok.eos_token_id is not None:
            with torch.no_grad():
                for layer in {id(m): m for m in (model.get_input_embeddings(), model.get_output_embeddings())
                              if m is not None}.values():
                    for t in tok.convert_tokens_to_ids(new_tokens):
                        layer.weight[t] = layer.weight[tok.eos_token_id]
    # Re-seed: loading may have drawn random numbers (the first load converts the bundled GGUF,
    # building a model), and the new weights' init must not depend on whether it did.
    from transformers.trainer_utils import set_seed

    set_seed(cfg.train.seed)
    continuing = hasattr(model, "peft_config")  # the base is a LoRA run dir: train its adapter further
    if continuing and cfg.method == "full":
        model = model.merge_and_unload()
    if cfg.method == "lora" and not continuing:
        from peft import LoraConfig, get_peft_model

        extra: dict[str, Any] = {}
        if cfg.data.add_special_tokens:
            # Train only the new tokens' embedding rows, not the whole (big) embedding matrix.
            extra["trainable_token_indices"] = {"embed_tokens": tok.convert_tokens_to_ids(cfg.data.add_special_tokens)}
        lora = LoraConfig(r=cfg.lora.r, lora_alpha=cfg.lora.alpha, lora_dropout=cfg.lora.dropout,
                          target_modules=lora_targets(model, cfg.lora.target_modules), task_type="CAUSAL_LM", **extra)
        model = get_peft_model(model, lora)
    model.config.use_cache = False
    return model, tok, lm


def fit(cfg: RunConfig, resume: bool = False, callbacks: list | None = None) -> FitResult:
    """Train according to ``cfg`` and write the run directory.

    Args:
        cfg: The resolved run configuration (see ``config.load_run_config``).
        resume: Continue from the newest complete checkpoint in ``cfg.output`` (optimizer,
            scheduler, RNG and data position restored; metrics logged after it are dropped
            and logged again; training time and tokens continue from its counters).
        callbacks: Extra transformers ``TrainerCallback``s (the jobs service streams progress
            into its store with one).

    Returns:
        :class:`FitResult` with the run dir and final metrics (perplexity before/after, timing).
    """
    from datasets import Dataset
    from transformers import EarlyStoppingCallback, TrainingArguments
    from transformers.trainer_utils import set_seed

    out = Path(cfg.output).expanduser()
    ckpt_dir = out / "checkpoints"
    resume_from = latest_complete_checkpoint(ckpt_dir) if resume else None
    started = (out / RUN_CONFIG_FILE).exists()
    if resume and resume_from is None:
        if not started:
            raise TunesmithError(f"--resume: {out} holds no run (no {RUN_CONFIG_FILE}); check --output, or start "
                                 "without --resume", field="resume")
        # Stopped before its first checkpoint: nothing to continue from and nothing to lose, so
        # it starts again (the other way out, a new run here, is refused below as "holds a run").
        check_resume_settings(out, cfg)
        log.warning("%s has no complete checkpoint yet (stopped before train.save_steps); training again from "
                    "step 0", out)
        resume, restart = False, True
    else:
        restart = False
    clock = RunClock()
    if resume_from is not None:
        check_resume_settings(out, cfg)  # before prepare_resume touches the run's files
        step = int(resume_from.name.split("-")[-1])
        if 0 < cfg.train.max_steps <= step and (out / "eval.json").is_file():
            raise TunesmithError(f"--resume: {out} already finished its {step} steps (train.max_steps="
                                 f"{cfg.train.max_steps}); raise train.max_steps to train it further", field="resume")
        prepare_resume(out, resume_from)
        clock.before = float(checkpoint_counters(resume_from).get("train_seconds") or 0.0)
    # Under torchrun every rank runs this; only rank 0 owns the run directory (a slower rank
    # checking after rank 0 had written its config took the run for an old one and failed).
    main_rank = int(os.environ.get("RANK", "0")) == 0
    if main_rank and not resume and not restart and out.exists() and any(out.iterdir()):
        if started or ckpt_dir.exists():
            again = "" if latest_complete_checkpoint(ckpt_dir) else " (it has no checkpoint yet: --resume trains it again)"
            raise TunesmithError(f"{out} already holds a run{again}; pass --resume to continue it or choose another "
                                 "--output", field="output")
    set_seed(cfg.train.seed)
    model, tok, lm = prepare_model(cfg)
    data: TokenizedData = build_datasets(cfg.data, tok)
    log.info("data: %s", data.stats)
    # Created only now: a bad model or bad data must not leave an empty run dir behind.
    out.mkdir(parents=True, exist_ok=True)
    if main_rank:
        write_atomic(out / RUN_CONFIG_FILE, yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False))
    if main_rank and not resume:
        for name in ("metrics.jsonl", "samples.md"):
            (out / name).unlink(missing_ok=True)

    precision = pick_precision(cfg.train.precision, lm.device)
    save_steps = cfg.train.save_steps or cfg.train.eval_steps
    has_val = bool(data.val)
    args = TrainingArguments(
        output_dir=str(ckpt_dir),
        learning_rate=cfg.train.learning_rate,
        num_train_epochs=cfg.train.epochs,
        max_steps=cfg.train.max_steps,
        per_device_train_batch_size=cfg.train.batch_size,
        per_device_eval_batch_size=cfg.train.batch_size,
        gradient_accumulation_steps=cfg.train.grad_accum,
        warmup_steps=cfg.train.warmup_ratio,
        lr_scheduler_type=cfg.train.lr_scheduler,
        weight_decay=cfg.train.weight_decay,
        max_grad_norm=cfg.train.max_grad_norm,
        activation_checkpointing=cfg.train.gradient_checkpointing,  # (transformers 5 name; the old one warns)
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        eval_strategy="steps" if has_val else "no",
        eval_steps=cfg.train.eval_steps,
        save_strategy="steps",
        save_steps=save_steps,
        save_total_limit=cfg.train.save_total_limit,
        load_best_model_at_end=has_val and save_steps % cfg.train.eval_steps == 0,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        logging_steps=cfg.train.logging_steps,
        report_to=cfg.train.report_to or "none",
        seed=cfg.train.seed,
        data_seed=cfg.train.seed,
        dataloader_num_workers=cfg.train.num_workers,
        train_sampling_strategy="random" if data.stats.get("packing") else "group_by_length",
        include_num_input_tokens_seen="non_padding",
        use_cpu=lm.device.type == "cpu",
        disable_tqdm=False,
        remove_unused_columns=False,
        prediction_loss_only=True,  # otherwise eval keeps every logit: GBs for a 49k vocabulary
    )
    collator = Collator(tok.pad_token_id)
    collator.packed = bool(data.stats.get("packing"))
    callbacks = [*_callbacks(cfg, out, tok, cfg.samples.prompts, clock, collator), *(callbacks or [])]
    if cfg.train.early_stopping_patience and has_val:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=cfg.train.early_stopping_patience))
    train_ds = Dataset.from_list(data.train)
    val_ds = Dataset.from_list(data.val) if has_val else None
    trainer_class = make_trainer_class()
    trainer_class.optimizer_name = cfg.train.optimizer
    trainer_class.run_config = cfg
    trainer_class.clock = clock
    if cfg.train.distill_from:
        trainer_class.teacher = load_teacher(cfg, tok, lm.device)
    # (processing_class: every checkpoint holds the tokenizer, so a full fine-tune's checkpoint loads and serves
    # on its own, like the finished run)
    trainer = trainer_class(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds,
                            data_collator=collator, callbacks=callbacks, processing_class=tok)

    eval_file = out / "eval.json"
    results: dict[str, Any] = json.loads(eval_file.read_text()) if resume and eval_file.exists() else {}
    if has_val and "before" not in results:
        before = trainer.evaluate()
        results["before"] = {"val_loss": before["eval_loss"], "val_perplexity": perplexity_of(before["eval_loss"])}
        if trainer.is_world_process_zero():  # kept now, so a resumed run doesn't measure (and log) it again
            write_atomic(eval_file, json.dumps(results, indent=2))
    try:
        train_out = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    except KeyboardInterrupt:
        _save_on_interrupt(trainer, ckpt_dir)
        raise
    train_seconds = clock.seconds()
    if has_val:
        after = _final_eval(trainer)
        results["after"] = {"val_loss": after["eval_loss"], "val_perplexity": perplexity_of(after["eval_loss"])}
        if cfg.architecture is not None and trainer.is_world_process_zero():
            # A from-scratch model also says how it continues held-out text (BLEU/chrF, distinct-n).
            from .evaluate import continuation_metrics

            results["continuations"] = continuation_metrics(trainer.model, tok, [ex["input_ids"] for ex in data.val])
    tokens_seen = trainer.state.num_input_tokens_seen
    results.update(
        steps=trainer.state.global_step,
        train_seconds=round(train_seconds, 1),
        train_loss=train_out.training_loss,
        tokens_seen=int(tokens_seen),
        tokens_per_second=round(tokens_seen / train_seconds, 1) if train_seconds > 0 else None,
        precision=precision,
        method=cfg.method,
        data=data.stats,
    )
    if trainer.is_world_process_zero():
        save_run(trainer, tok, out)
        write_atomic(eval_file, json.dumps(results, indent=2))
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        # Under torchrun, close the process group before exit. Left to interpreter teardown, gloo's
        # threads once aborted a finished rank ("terminate called without an active exception",
        # CI, a 2-process job), which failed the job after its run was saved.
        torch.distributed.barrier()  # (rank 0 has written the run)
        torch.distributed.destroy_process_group()
    return FitResult(out, results)


def _save_on_interrupt(trainer, ckpt_dir: Path) -> None:
    """Ctrl-C: seal a checkpoint at the last finished step, so --resume loses no finished work
    (before, everything since the last train.save_steps was gone). One process only: under
    torchrun every rank would have to take part in the save."""
    step = trainer.state.global_step
    if step == 0 or (ckpt_dir / f"checkpoint-{step}").exists() or int(os.environ.get("WORLD_SIZE", "1")) > 1:
        return
    log.warning("interrupted at step %d: saving a checkpoint (--resume continues from it)", step)
    trainer._save_checkpoint(trainer.model, trial=None)  # (transformers' own save: model, optimizer, RNG, state)
    trainer.callback_handler.on_save(trainer.args, trainer.state, trainer.control)  # seals it


def _final_eval(trainer) -> dict[str, float]:
    """The validation metrics of the model as saved. When the training loop already evaluated at
    its last step and that model is the one kept, those are reused: evaluating again gave the
    same numbers and a second eval row at the same step in metrics.jsonl."""
    last = next((row for row in reversed(trainer.state.log_history) if "eval_loss" in row), None)
    kept_last = not trainer.args.load_best_model_at_end or trainer.state.best_global_step in (None, trainer.state.global_step)
    if last is not None and last.get("step") == trainer.state.global_step and kept_last:
        return last
    return trainer.evaluate()


def save_run(trainer, tokenizer, out: Path) -> None:
    """Write the adapter/model and tokenizer into ``out`` via a staging dir (atomic per file)."""
    staging = out / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    trainer.model.save_pretrained(staging, safe_serialization=True)
    tokenizer.save_pretrained(staging)
    for f in staging.iterdir():
        os.replace(f, out / f.name)
    staging.rmdir()
