"""Fine-tuning as a service: the Python API behind ``/v1/files``, ``/v1/fine_tuning/jobs``,
``/fine_tune``, the page's Fine-tune tab and ``tunesmith jobs``.

Objects come back in OpenAI's shapes (so the official SDK works unchanged). A job's training
settings are OpenAI's ``hyperparameters`` (``n_epochs``, ``batch_size``,
``learning_rate_multiplier``) plus our extension ``tunesmith``: any :class:`RunConfig`
setting, e.g. ``{"method": "full"}`` or ``{"lora": {"r": 8}, "train": {"max_steps": 200}}``.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

from ..config import RunConfig, build
from ..errors import ConfigError, DataError, ModelNotFoundError, TunesmithError
from ..models import REGISTRY
from ..models import resolve as resolve_model
from ..models import tunesmith_home
from .files import inspect_file, safe_filename, write_upload
from .store import ACTIVE, FINAL, JobNotFound, JobStore, new_id

BASE_LEARNING_RATE = 2e-4  # learning_rate_multiplier scales RunConfig's default (LoRA's usual 2e-4)
SUFFIX = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class JobStateError(TunesmithError):
    """The job is not in a state that allows the action (e.g. cancelling a finished job)."""

    status_code = 409


def _hyper(value: Any, name: str, kind: type, low: float, high: float) -> Any:
    """An OpenAI hyperparameter: "auto" or a number in [low, high]."""
    if value is None or value == "auto":
        return "auto"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and int(value) != value):
        raise ConfigError(f"hyperparameters.{name} must be 'auto' or a{'n integer' if kind is int else ' number'} "
                          f"in [{low}, {high}], got {value!r}", field=f"hyperparameters.{name}")
    if not low <= value <= high:
        raise ConfigError(f"hyperparameters.{name} must be in [{low}, {high}], got {value}",
                          field=f"hyperparameters.{name}")
    return kind(value)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _parameters(suffix: Any, metadata: Any, seed: Any, method: Any, hyperparameters: Any) -> dict[str, Any]:
    """Check a job's OpenAI parameters that need no file or model; returns the hyperparameters
    (each a number or "auto")."""
    if suffix is not None and not SUFFIX.match(suffix):
        raise ConfigError("suffix must be 1-40 letters, digits, '-' or '_'", field="suffix")
    if metadata is not None and (not isinstance(metadata, dict) or len(metadata) > 16 or any(
            not isinstance(k, str) or not isinstance(v, str) or len(k) > 64 or len(v) > 512
            for k, v in metadata.items())):
        raise ConfigError("metadata: at most 16 string keys (<= 64 chars) with string values (<= 512 chars)",
                          field="metadata")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2**31 - 1):
        raise ConfigError("seed must be an integer in [0, 2147483647]", field="seed")
    method = method or {"type": "supervised"}
    kind = method.get("type", "supervised")
    if kind != "supervised":
        raise ConfigError(f"method.type {kind!r} is not supported; use 'supervised'", field="method.type")
    hp = dict(hyperparameters or {})
    hp.update(((method.get("supervised") or {}).get("hyperparameters")) or {})
    unknown = set(hp) - {"n_epochs", "batch_size", "learning_rate_multiplier"}
    if unknown:
        raise ConfigError(f"unknown hyperparameter(s) {sorted(unknown)}; use n_epochs, batch_size, "
                          "learning_rate_multiplier (anything else goes in 'tunesmith')", field="hyperparameters")
    hp = {"n_epochs": _hyper(hp.get("n_epochs"), "n_epochs", int, 1, 50),
          "batch_size": _hyper(hp.get("batch_size"), "batch_size", int, 1, 256),
          "learning_rate_multiplier": _hyper(hp.get("learning_rate_multiplier"), "learning_rate_multiplier",
                                             float, 1e-3, 10.0)}
    return hp


class JobService:
    """Files, jobs, events and checkpoints over one :class:`JobStore`.

    Args:
        store: Where jobs live (SQLite file or PostgreSQL).
        home: Where uploads and run dirs go (default ``$TUNESMITH_HOME``); must be shared by the
            server and the workers (a network path when workers are on other machines).
    """

    def __init__(self, store: JobStore | None = None, home: str | Path | None = None):
        self.store = store or JobStore()
        self.home = Path(home or tunesmith_home())

    # ------------------------------------------------------------------ files
    def upload(self, filename: str, content, purpose: str = "fine-tune") -> dict[str, Any]:
        """Store and check an upload. Raises DataError naming the line of the first bad record."""
        if purpose != "fine-tune":
            raise ConfigError(f"purpose {purpose!r} is not supported here; use 'fine-tune'", field="purpose")
        name = safe_filename(filename)
        file_id = new_id("file")
        folder = self.home / "files" / file_id
        path, size = write_upload(folder, name, content)
        try:
            info = inspect_file(path, name)
        except DataError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        row = self.store.add_file(id=file_id, filename=name, purpose=purpose, bytes=size, path=str(path),
                                  format=info["format"], records=info["records"], status="processed",
                                  status_details=None)
        return self.file_object(row)

    def preview(self, file_id: str) -> dict[str, Any]:
        """The detected format, record count and first records of an uploaded file."""
        row = self.store.file(file_id)
        info = inspect_file(Path(row["path"]), row["filename"])
        return {"id": file_id, "filename": row["filename"], **info}

    @staticmethod
    def file_object(row: dict[str, Any]) -> dict[str, Any]:
        return {"id": row["id"], "object": "file", "bytes": row["bytes"], "created_at": row["created_at"],
                "filename": row["filename"], "purpose": row["purpose"], "status": row["status"],
                "status_details": row["status_details"], "format": row["format"], "records": row["records"]}

    def files(self, purpose: str | None = None, after: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        return [self.file_object(r) for r in self.store.files(purpose, after, limit)]

    def file(self, file_id: str) -> dict[str, Any]:
        return self.file_object(self.store.file(file_id))

    def file_content(self, file_id: str) -> Path:
        return Path(self.store.file(file_id)["path"])

    def delete_file(self, file_id: str) -> dict[str, Any]:
        row = self.store.file(file_id)
        in_use = [j["id"] for j in self.store.jobs(limit=10_000, status=ACTIVE)[0]
                  if file_id in (j["training_file"], j["validation_file"])]
        if in_use:
            raise JobStateError(f"file {file_id} is used by active job(s) {', '.join(in_use)}; cancel them first",
                                field="file_id")
        self.store.delete_file(file_id)
        shutil.rmtree(Path(row["path"]).parent, ignore_errors=True)
        return {"id": file_id, "object": "file", "deleted": True}

    # ------------------------------------------------------------------ jobs
    def _training_file(self, file_id: str | None, field: str) -> dict[str, Any]:
        try:
            row = self.store.file(file_id or "")
        except JobNotFound:
            raise JobNotFound(f"{field}: no uploaded file with id {file_id!r}; upload it first (POST /v1/files)",
                              field=field) from None
        if row["purpose"] != "fine-tune":
            raise DataError(f"{field}: file {file_id} was uploaded with purpose {row['purpose']!r}, not 'fine-tune'",
                            field=field)
        return row

    def base_model(self, model: str) -> str:
        """What a job's ``model`` trains from: a registry name, HF id, model/run dir, or the
        ``fine_tuned_model`` of a succeeded job (its run dir)."""
        done = self.store.find_model(model)
        if done:
            return done["run_dir"]
        try:
            resolve_model(model)
        except ModelNotFoundError as err:
            raise ModelNotFoundError(f"model: {err.message}; or use the fine_tuned_model of a succeeded job",
                                     field="model") from None
        return model

    def create(self, model: str, training_file: str, validation_file: str | None = None, suffix: str | None = None,
               seed: int | None = None, metadata: dict[str, str] | None = None,
               method: dict[str, Any] | None = None, hyperparameters: dict[str, Any] | None = None,
               tunesmith: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a fine-tuning job (OpenAI's parameters plus ``tunesmith`` RunConfig settings).

        Returns:
            The job object; ``status`` is ``queued`` (or ``failed`` with ``error`` when a file
            turned out unusable).

        Raises:
            ConfigError / DataError / ModelNotFoundError: a bad parameter, naming it.
        """
        if not isinstance(model, str) or not model.strip():
            raise ConfigError("model is required (e.g. 'smollm2-135m-instruct')", field="model")
        # what the job refers to first (404s), then how it is configured (422s)
        train_file = self._training_file(training_file, "training_file")
        val_file = self._training_file(validation_file, "validation_file") if validation_file else None
        base = self.base_model(model)
        hp = _parameters(suffix, metadata, seed, method, hyperparameters)
        seed = seed if seed is not None else int(time.time()) % 2**31
        job_id = new_id("ftjob")
        run_dir = self.home / "jobs" / job_id / "run"
        extra, voice, processes, machines = self._tunesmith(tunesmith)
        if voice:  # "your voice": the samples become formal -> natural pairs; the humanizer recipe trains them
            train_file, extra = self._voice_data(train_file, extra, job_id)
            suffix = suffix or "voice"
        cfg = self.run_config(base, train_file, val_file, hp, seed, extra, run_dir)
        row = self.store.add_job(id=job_id, model=model, training_file=train_file["id"],
                                 validation_file=val_file["id"] if val_file else None, suffix=suffix, seed=seed,
                                 meta=metadata,
                                 hyperparameters={**self.resolved_hyperparameters(hp, cfg), "voice": voice,
                                                  "num_processes": processes, "num_machines": machines},
                                 config=cfg.model_dump(mode="json"), status="validating_files", run_dir=str(run_dir),
                                 total_steps=cfg.train.max_steps if cfg.train.max_steps > 0 else None)
        self.store.add_event(job_id, f"Validating training file: {train_file['id']}"
                             + (f" and validation file: {val_file['id']}" if val_file else ""))
        problem = None
        for f, field in ((train_file, "training_file"), (val_file, "validation_file")):
            if f is None:
                continue
            try:
                inspect_file(Path(f["path"]), f["filename"])
            except (DataError, OSError) as err:
                problem = {"code": "invalid_file", "message": getattr(err, "message", str(err)), "param": field}
                break
        if problem:
            self.store.update_job(job_id, status="failed", error=problem, finished_at=time.time(),
                                  events=[dict(message=f"Validation failed: {problem['message']}", level="error")])
        else:
            self.store.update_job(job_id, only_if=("validating_files",), status="queued",
                                  events=[dict(message="Files validated, moving job to queued state")])
        return self.job(row["id"])

    @classmethod
    def check_settings(cls, suffix: str | None = None, seed: int | None = None,
                       metadata: dict[str, str] | None = None, method: dict[str, Any] | None = None,
                       hyperparameters: dict[str, Any] | None = None, tunesmith: dict[str, Any] | None = None) -> None:
        """Check a job's settings as :meth:`create` will, without files, a model or a store: what a
        client can check before it uploads anything (``tunesmith jobs create``), so a misspelled
        setting does not leave an orphan upload. Raises ConfigError naming the field."""
        hp = _parameters(suffix, metadata, seed, method, hyperparameters)
        extra, _, _, _ = cls._tunesmith(tunesmith)
        cls.run_config("model", {"path": "upload.jsonl", "format": "auto"}, None, hp, seed or 0, extra, Path("run"))

    @classmethod
    def _tunesmith(cls, tunesmith: Any) -> tuple[Any, bool, int, int]:
        """``tunesmith`` without its job-only keys: (RunConfig settings, voice, processes, machines)."""
        extra = dict(tunesmith or {}) if isinstance(tunesmith or {}, dict) else tunesmith
        voice = extra.pop("voice", False) if isinstance(extra, dict) else False
        if not isinstance(voice, bool):
            raise ConfigError("tunesmith.voice must be true or false", field="tunesmith.voice")
        launch = extra.pop("launch", None) if isinstance(extra, dict) else None
        processes, machines = cls._launch(launch)
        return extra, voice, processes, machines

    @staticmethod
    def _launch(launch: Any) -> tuple[int, int]:
        """``tunesmith.launch``: training processes per machine and machines (torchrun, DDP)."""
        launch = {} if launch is None else launch
        counts = {k: launch.get(k, 1) for k in ("num_processes", "num_machines")} if isinstance(launch, dict) else {}
        if (not isinstance(launch, dict) or set(launch) - set(counts)
                or any(isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 64 for v in counts.values())):
            raise ConfigError("tunesmith.launch must look like {'num_processes': N, 'num_machines': M} with N and M "
                              "in 1-64 (training processes per machine via torchrun, and machines: each one a "
                              "`tunesmith worker` on the same store)", field="tunesmith.launch")
        return counts["num_processes"], counts["num_machines"]

    def _voice_data(self, samples: dict[str, Any], extra: dict[str, Any], job_id: str):
        """Pairs from the user's writing, stored as a file of their own; the voice recipe's settings."""
        import copy

        from ..humanize import VOICE_SETTINGS, write_voice_pairs

        if samples["format"] != "text":
            raise DataError(f"training_file: a voice job needs samples of your own writing (.txt or .md, or "
                            f"JSONL with a 'text' field); {samples['filename']} holds {samples['format']} records",
                            field="training_file")
        folder = self.home / "files" / new_id("file")
        folder.mkdir(parents=True)
        pairs = folder / "voice_pairs.jsonl"
        try:
            count = write_voice_pairs(samples["path"], pairs)
        except TunesmithError as err:
            shutil.rmtree(folder, ignore_errors=True)
            raise DataError(f"training_file: {err.message}", field="training_file") from None
        row = self.store.add_file(id=folder.name, filename=pairs.name, purpose="fine-tune", bytes=pairs.stat().st_size,
                                  path=str(pairs), format="humanizer", records=count, status="processed",
                                  status_details=f"built from {samples['id']} for voice job {job_id}")
        settings = copy.deepcopy(VOICE_SETTINGS)
        return row, _merge(settings, extra)

    def voice_model(self, name: str) -> tuple[str, str]:
        """(base model, adapter dir) of a finished voice job's ``fine_tuned_model``."""
        job = self.store.find_model(name)
        if job is None or not (job["hyperparameters"] or {}).get("voice"):
            raise ModelNotFoundError(f"voice {name!r} is not the fine_tuned_model of a finished voice job "
                                     "(start one with tunesmith={'voice': true} on samples of your writing)",
                                     field="voice")
        return job["config"]["model"], job["run_dir"]

    def voice_names(self) -> list[str]:
        rows, _ = self.store.jobs(limit=10_000, status=("succeeded",))
        return [r["fine_tuned_model"] for r in rows if (r["hyperparameters"] or {}).get("voice")]

    @staticmethod
    def run_config(base: str, train_file: dict, val_file: dict | None, hp: dict[str, Any], seed: int,
                   extra: dict[str, Any], run_dir: Path) -> RunConfig:
        """The job's RunConfig: defaults, then OpenAI hyperparameters, then ``tunesmith`` settings."""
        if not isinstance(extra, dict):
            raise ConfigError("tunesmith must be an object of RunConfig settings, e.g. {'method': 'full'}",
                              field="tunesmith")
        data: dict[str, Any] = {"source": train_file["path"], "format": train_file["format"] or "auto"}
        if val_file:
            data["val_source"] = val_file["path"]
        train: dict[str, Any] = {"seed": seed}
        if hp["n_epochs"] != "auto":
            train["epochs"] = hp["n_epochs"]
        if hp["batch_size"] != "auto":
            train["batch_size"] = hp["batch_size"]
        if hp["learning_rate_multiplier"] != "auto":
            train["learning_rate"] = BASE_LEARNING_RATE * hp["learning_rate_multiplier"]
        for key in ("output", "model"):
            if key in extra:
                raise ConfigError(f"tunesmith.{key} is set by the job (its run dir / its 'model' parameter)",
                                  field=f"tunesmith.{key}")
        # Settings that name a file, folder or model on the server: a job reads only its uploads
        # (training_file / validation_file) and the base model it names ("model").
        for section, key, instead in (("data", "source", "training_file"), ("data", "val_source", "validation_file"),
                                      ("train", "distill_from", "a registry model as teacher"),
                                      ("architecture", "tokenizer", "'char', 'word' or a registry model's")):
            value = (extra.get(section) or {}).get(key) if isinstance(extra.get(section), dict) else None
            if value is not None and not (key in ("distill_from", "tokenizer") and value in (*REGISTRY, "char", "word")):
                raise ConfigError(f"tunesmith.{section}.{key} would read a path on the server; a job uses {instead}",
                                  field=f"tunesmith.{section}.{key}")
        raw = _merge({"model": base, "output": str(run_dir), "data": data, "train": train}, extra)
        try:
            return build(RunConfig, raw)
        except ConfigError as err:
            raise ConfigError(err.message, field=f"tunesmith.{err.field}" if err.field else "tunesmith") from None

    @staticmethod
    def resolved_hyperparameters(hp: dict[str, Any], cfg: RunConfig) -> dict[str, Any]:
        """What "auto" became (shown on the job, as OpenAI does)."""
        return {"n_epochs": hp["n_epochs"] if hp["n_epochs"] != "auto" else cfg.train.epochs,
                "batch_size": cfg.train.batch_size,
                "learning_rate_multiplier": round(cfg.train.learning_rate / BASE_LEARNING_RATE, 6),
                "method": cfg.method, "lora_rank": cfg.lora.r if cfg.method == "lora" else None,
                "max_steps": cfg.train.max_steps}

    def job(self, job_id: str) -> dict[str, Any]:
        return self.job_object(self.store.job(job_id))

    def jobs(self, after: str | None = None, limit: int = 20,
             metadata: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], bool]:
        rows, more = self.store.jobs(after=after, limit=limit, metadata=metadata)
        return [self.job_object(r) for r in rows], more

    def job_object(self, row: dict[str, Any]) -> dict[str, Any]:
        hp = row["hyperparameters"] or {}
        openai_hp = {k: hp.get(k) for k in ("n_epochs", "batch_size", "learning_rate_multiplier")}
        return {
            "id": row["id"], "object": "fine_tuning.job", "created_at": int(row["created_at"]),
            "error": row["error"], "fine_tuned_model": row["fine_tuned_model"],
            "finished_at": int(row["finished_at"]) if row["finished_at"] else None,
            "hyperparameters": openai_hp, "model": row["model"], "organization_id": "tunesmith",
            "result_files": [], "seed": row["seed"], "status": row["status"],
            "trained_tokens": row["trained_tokens"], "training_file": row["training_file"],
            "validation_file": row["validation_file"], "integrations": [], "metadata": row["meta"],
            "estimated_finish": int(row["estimated_finish"]) if row["estimated_finish"] else None,
            "user_provided_suffix": row["suffix"],
            "method": {"type": "supervised", "supervised": {"hyperparameters": openai_hp}},
            # tunesmith's own fields
            "tunesmith": {"method": hp.get("method"), "lora_rank": hp.get("lora_rank"), "step": row["step"],
                          "total_steps": row["total_steps"], "attempts": row["attempts"], "worker": row["worker"],
                          "run_dir": row["run_dir"], "paused": row["status"] == "paused",
                          # "cancel" / "pause": asked for and taken; the running job stops at its next
                          # heartbeat (cancel) or after sealing a checkpoint (pause), then changes status
                          "requested": row["requested"] if row["status"] not in FINAL else None},
        }

    def _request(self, job_id: str, action: str) -> dict[str, Any]:
        row = self.store.job(job_id)
        status = row["status"]
        if action == "cancel":
            if status in FINAL:
                raise JobStateError(f"job {job_id} already {status}; nothing to cancel", field="fine_tuning_job_id")
            # Not started yet: cancelled at once. Running (or claimed by a worker meanwhile): the
            # worker stops the process and marks it cancelled.
            if not self.store.update_job(job_id, only_if=("validating_files", "queued", "paused"),
                                         status="cancelled", finished_at=time.time(), requested=None,
                                         events=[dict(message="Job cancelled")]):
                self.store.update_job(job_id, only_if=("running",), requested="cancel", events=[
                    dict(message="Cancellation requested; stopping the training process")])
        elif action == "pause":
            if status == "queued":
                self.store.update_job(job_id, only_if=("queued",), status="paused",
                                      events=[dict(message="Job paused before it started")])
            elif status == "running":
                hp = row["hyperparameters"] or {}
                if hp.get("num_processes", 1) * hp.get("num_machines", 1) > 1:
                    raise JobStateError(f"job {job_id} trains in several processes, which can't stop together at "
                                        "a checkpoint yet; cancel it, or let it finish", field="fine_tuning_job_id")
                self.store.update_job(job_id, only_if=("running",), requested="pause", events=[
                    dict(message="Pause requested; the job stops after writing a checkpoint")])
            else:
                raise JobStateError(f"job {job_id} is {status}; only queued or running jobs can be paused",
                                    field="fine_tuning_job_id")
        elif action == "resume":
            if status != "paused":
                raise JobStateError(f"job {job_id} is {status}; only paused jobs can be resumed",
                                    field="fine_tuning_job_id")
            self.store.update_job(job_id, only_if=("paused",), status="queued", requested=None, events=[
                dict(message="Job resumed; queued to continue from its newest checkpoint")])
        return self.job(job_id)

    def cancel(self, job_id: str) -> dict[str, Any]:
        return self._request(job_id, "cancel")

    def pause(self, job_id: str) -> dict[str, Any]:
        return self._request(job_id, "pause")

    def resume(self, job_id: str) -> dict[str, Any]:
        return self._request(job_id, "resume")

    def events(self, job_id: str, after: str | None = None, limit: int = 20) -> tuple[list[dict[str, Any]], bool]:
        rows, more = self.store.events(job_id, after, limit)
        return [{"id": r["id"], "object": "fine_tuning.job.event", "created_at": int(r["created_at"]),
                 "level": r["level"], "message": r["message"], "data": r["data"] or {}, "type": r["type"]}
                for r in rows], more

    def metrics(self, job_id: str) -> list[dict[str, Any]]:
        """Logged metrics rows, oldest first: ``{"step", "train_loss" | "valid_loss", ...}``."""
        self.store.job(job_id)
        return self.store.metrics(job_id)

    def status(self, job_id: str) -> dict[str, Any]:
        """The seed's short status: state, progress, the latest losses, the model name when done."""
        job = self.job(job_id)
        last = {k: v for row in self.metrics(job_id) for k, v in row.items() if k.endswith("loss")}
        return {"job_id": job_id, "status": job["status"], "step": job["tunesmith"]["step"],
                "total_steps": job["tunesmith"]["total_steps"], "fine_tuned_model": job["fine_tuned_model"],
                "error": job["error"], **last}

    def checkpoints(self, job_id: str, after: str | None = None, limit: int = 10) -> tuple[list[dict[str, Any]], bool]:
        job = self.store.job(job_id)
        rows, more = self.store.checkpoints(job_id, after, limit)
        name = job["fine_tuned_model"] or model_name(job)
        return [{"id": r["id"], "object": "fine_tuning.job.checkpoint", "created_at": int(r["created_at"]),
                 "fine_tuned_model_checkpoint": f"{name}:ckpt-step-{r['step']}", "fine_tuning_job_id": job_id,
                 "metrics": r["metrics"], "step_number": r["step"]} for r in rows], more

    # ------------------------------------------------------------------ serving
    def served_model(self, name: str):
        """(base model, adapter or None) for a succeeded job's ``fine_tuned_model`` or for one of a
        job's checkpoints (its ``fine_tuned_model_checkpoint``: an earlier step, or a paused or
        running job's progress so far), else None."""
        from ..models import is_adapter_dir

        if found := _CHECKPOINT_NAME.match(name):
            rows, _ = self.store.jobs(limit=10_000)
            job = next((r for r in rows if (r["fine_tuned_model"] or model_name(r)) == found["model"]), None)
            run = self._checkpoint_dir(job, int(found["step"]), name) if job else None
        else:
            job = self.store.find_model(name)
            run = Path(job["run_dir"]) if job else None
        if run is None:
            return None
        return (job["config"]["model"], str(run)) if is_adapter_dir(run) else (str(run), None)

    def _checkpoint_dir(self, job: dict[str, Any], step: int, name: str) -> Path | None:
        """The job's sealed checkpoint at ``step``; None if it has none there (any more: a run keeps
        its newest ``train.save_total_limit``)."""
        from ..train import checkpoint_problem

        rows, _ = self.store.checkpoints(job["id"], None, 10_000)
        row = next((r for r in rows if r["step"] == step), None)
        if row is None:
            return None
        path = Path(row["path"])
        if problem := checkpoint_problem(path):
            raise ModelNotFoundError(f"{name} can't be served: {problem}", field="model")
        return path

    def model_names(self) -> list[str]:
        rows, _ = self.store.jobs(limit=10_000, status=("succeeded",))
        return [r["fine_tuned_model"] for r in rows if r["fine_tuned_model"]]


_CHECKPOINT_NAME = re.compile(r"^(?P<model>.+):ckpt-step-(?P<step>\d+)$")


def model_name(job: dict[str, Any]) -> str:
    """OpenAI-style ``ft:BASE:SUFFIX:ID`` (the base's last path part, the job id's tail)."""
    base = re.sub(r"[^A-Za-z0-9._-]", "-", Path(str(job["model"])).name or "model")
    return f"ft:{base}:{job['suffix'] or 'tunesmith'}:{job['id'].split('-')[-1][:12]}"
