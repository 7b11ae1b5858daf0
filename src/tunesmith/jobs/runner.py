"""One job's training process: ``python -m tunesmith.jobs.runner --db URL JOB_ID``.

Started by a worker in its own process group (so cancelling kills the whole tree, data loader
workers and accelerate ranks included). It runs :func:`tunesmith.train.fit` on the job's saved
RunConfig, resuming from the newest sealed checkpoint when there is one, and streams metrics,
checkpoints and events into the store. It sets the job's final status itself; the worker only
steps in when this process dies without doing so.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import time
import traceback
from pathlib import Path
from typing import Any

from ..config import RunConfig, build
from ..errors import DataError, TunesmithError
from .service import model_name
from .store import JobStore

MAX_ATTEMPTS = 3  # a job that loses its worker or a machine this often fails instead of looping forever


class Paused(Exception):
    """Training stopped on request after sealing a checkpoint."""


def progress_callback(store: JobStore, job_id: str):
    """A TrainerCallback that writes metrics, checkpoints and progress into the store, and stops
    training (after a checkpoint) when a pause is requested."""
    from transformers import TrainerCallback

    class StoreProgress(TrainerCallback):
        def __init__(self):
            self.last_check = 0.0
            self.pausing = False
            self.started = time.time()
            self.start_step = 0
            self.latest: dict[str, Any] = {}
            # (step, metric) already in the store: a resumed run or the final evaluation of the
            # last step must not add a second point for it
            self.logged = {(row["step"], k) for row in store.metrics(job_id) for k in row if k.endswith("loss")}

        def on_train_begin(self, args, state, control, **kw):
            self.start_step = state.global_step
            if state.is_world_process_zero:
                store.update_job(job_id, total_steps=state.max_steps)

        def on_step_end(self, args, state, control, **kw):
            if not state.is_world_process_zero:
                return
            now = time.time()
            if now - self.last_check < 1.0:
                return
            self.last_check = now
            done = state.global_step - self.start_step
            rate = done / max(now - self.started, 1e-6)
            eta = now + (state.max_steps - state.global_step) / rate if rate > 0 else None
            store.update_job(job_id, step=state.global_step, trained_tokens=int(state.num_input_tokens_seen or 0),
                             estimated_finish=eta)
            if store.job(job_id)["requested"] == "pause":
                self.pausing = True
                control.should_save = True  # seal a checkpoint at this step, then stop (on_save)

        def on_log(self, args, state, control, logs=None, **kw):
            if not state.is_world_process_zero or not logs:
                return
            row: dict[str, Any] = {"step": state.global_step}
            if "loss" in logs:
                row["train_loss"] = float(logs["loss"])
            if "eval_loss" in logs:
                row["valid_loss"] = float(logs["eval_loss"])
            for key in [k for k in row if k != "step" and (state.global_step, k) in self.logged]:
                del row[key]
            if len(row) == 1:
                return  # nothing new (the end-of-training summary, or a point already logged)
            self.logged |= {(state.global_step, k) for k in row if k != "step"}
            if "learning_rate" in logs:
                row["learning_rate"] = float(logs["learning_rate"])
            self.latest.update({k: v for k, v in row.items() if k != "learning_rate"})
            parts = [f"{k.replace('_', ' ')}={v:.4g}" for k, v in row.items() if k.endswith("loss")]
            where = f"Step {state.global_step}/{state.max_steps}" if state.max_steps else "Before training"
            store.add_event(job_id, f"{where}: {', '.join(parts)}",
                            type="metrics", data=row, step=state.global_step)

        def on_save(self, args, state, control, **kw):
            if not state.is_world_process_zero:
                return
            ckpt = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            metrics = {"step": state.global_step, **{k: v for k, v in self.latest.items() if k != "step"}}
            store.add_checkpoint(job_id, state.global_step, str(ckpt), metrics)
            store.update_job(job_id, step=state.global_step, trained_tokens=int(state.num_input_tokens_seen or 0))
            if self.pausing:
                raise Paused()

    return StoreProgress()


class WarningsAsEvents(logging.Handler):
    """tunesmith's warnings while a job trains (the data's "too little data for a validation
    split", "tokens are dropped", a checkpoint skipped on resume, ...) become job events with
    level "warn": the API and the page show them, not only ``train.log``. Each once per job (a
    resumed attempt prepares the data again), with the upload's path on the server shortened to
    its file name."""

    def __init__(self, store: JobStore, job_id: str, paths: tuple[str | None, ...] = ()):
        super().__init__(logging.WARNING)
        self.store, self.job_id = store, job_id
        self.paths = [p for p in paths if p]
        self.seen = {e["message"] for e in store.events(job_id, limit=10_000)[0] if e["level"] == "warn"}

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            for path in self.paths:
                message = message.replace(path, Path(path).name)
            if message not in self.seen:
                self.seen.add(message)
                self.store.add_event(self.job_id, message[:4000], level="warn")
        except Exception:  # never let a warning stop the training
            self.handleError(record)


@contextlib.contextmanager
def warnings_as_events(store: JobStore, job_id: str, paths: tuple[str | None, ...] = ()):
    """While active, WARNING and above from the ``tunesmith`` loggers also go to the job's events."""
    logger = logging.getLogger("tunesmith")
    handler = WarningsAsEvents(store, job_id, paths)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def run_job(store: JobStore, job_id: str) -> str:
    """Train job ``job_id`` to its end (or a pause). Returns the status it left the job in.

    Under torchrun (``tunesmith.launch.num_processes``) every rank trains; only rank 0 writes to the store."""
    from ..train import fit, latest_complete_checkpoint

    lead = int(os.environ.get("RANK", "0")) == 0
    job = store.job(job_id)
    cfg = build(RunConfig, job["config"])
    ckpt = latest_complete_checkpoint(Path(job["run_dir"]) / "checkpoints")
    if not lead:
        fit(cfg, resume=ckpt is not None)
        return "running"
    if ckpt is not None:
        step = int(ckpt.name.split("-")[-1])
        store.forget_after(job_id, step)
        store.add_event(job_id, f"Resuming from the checkpoint at step {step} (attempt {job['attempts']})")
    else:
        store.forget_after(job_id, -1)
        store.add_event(job_id, f"Fine-tuning {job['model']} ({cfg.method}) started")
    try:
        with warnings_as_events(store, job_id, (cfg.data.source, cfg.data.val_source)):
            result = fit(cfg, resume=ckpt is not None, callbacks=[progress_callback(store, job_id)])
    except Paused:
        store.update_job(job_id, only_if=("running",), status="paused", requested=None, worker=None, events=[
            dict(message="Job paused after sealing a checkpoint; resume continues from it")])
        return "paused"
    except TunesmithError as err:
        code = "invalid_file" if isinstance(err, DataError) else "invalid_config"
        return _fail(store, job_id, code, err.message, err.field)
    except Exception as err:  # a bug or a resource problem: keep the traceback in the event log
        store.add_event(job_id, traceback.format_exc()[-4000:], level="error")
        if _machines(job) > 1:  # most often another machine dropped out (its worker died, the network broke)
            return end_attempt_early(store, job, f"training across machines stopped ({type(err).__name__}: {err})",
                                     code="training_error")
        return _fail(store, job_id, "training_error", f"{type(err).__name__}: {err}", None)
    name = model_name(job)
    metrics = result.metrics
    after = (metrics.get("after") or {}).get("val_loss")
    # The closing events land with the status, so whoever sees "succeeded" also sees them.
    store.update_job(job_id, only_if=("running",), status="succeeded", fine_tuned_model=name,
                     finished_at=time.time(), trained_tokens=int(metrics.get("tokens_seen") or 0),
                     step=int(metrics.get("steps") or 0), requested=None, estimated_finish=None, events=[
                         dict(message=f"New fine-tuned model created: {name}", data={
                             "train_seconds": metrics.get("train_seconds"), "steps": metrics.get("steps"),
                             "valid_loss": after}),
                         dict(message="The job has successfully completed")])
    return "succeeded"


def end_attempt_early(store: JobStore, job: dict, why: str, code: str = "machine_lost") -> str:
    """A multi-machine attempt ended early: cancelled if that was asked, else requeued to resume
    from the newest checkpoint with whichever machines join next, until the attempt limit.
    Returns the job's new status."""
    job_id = job["id"]
    if store.job(job_id)["requested"] == "cancel":
        store.update_job(job_id, only_if=("running", "queued"), status="cancelled", finished_at=time.time(),
                         requested=None, worker=None,
                         events=[dict(message="Job cancelled; training stopped on every machine")])
        return "cancelled"
    if job["attempts"] < MAX_ATTEMPTS:
        requeued = store.update_job(job_id, only_if=("running",), status="queued", worker=None, events=[dict(
            message=f"{why[:1].upper() + why[1:]}; job requeued to resume from its newest checkpoint "
                    f"(attempt {job['attempts']} of {MAX_ATTEMPTS})", level="warn")])
        return "queued" if requeued else store.job(job_id)["status"]
    store.update_job(job_id, only_if=("running",), status="failed", finished_at=time.time(), worker=None,
                     error={"code": code, "param": "tunesmith.launch.num_machines",
                            "message": f"{why}, {job['attempts']} times; giving up"},
                     events=[dict(message=f"Job failed: {why}, {job['attempts']} times", level="error")])
    return "failed"


def _machines(job: dict) -> int:
    return int((job["hyperparameters"] or {}).get("num_machines") or 1)


def _fail(store: JobStore, job_id: str, code: str, message: str, param: str | None) -> str:
    store.update_job(job_id, only_if=("running",), status="failed", finished_at=time.time(), requested=None,
                     error={"code": code, "message": message, "param": param},
                     events=[dict(message=f"Job failed: {message}", level="error")])
    return "failed"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="job store URL")
    parser.add_argument("job_id")
    args = parser.parse_args(argv)
    # warnings (and errors) into train.log as before; run_job also makes tunesmith's into job events
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    store = JobStore(args.db)
    run_job(store, args.job_id)


if __name__ == "__main__":
    main()
