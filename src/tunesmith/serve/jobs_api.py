"""Routes for fine-tuning as a service: OpenAI's ``/v1/files`` and ``/v1/fine_tuning/jobs``
(same shapes, so the official SDK works), and the seed's ``/fine_tune`` + ``/fine_tune_status``.
Thin: every route is one call into :class:`tunesmith.jobs.JobService`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from ..jobs import JobService
from .schemas import ERRORS

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]


class Hyperparameters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n_epochs: int | Literal["auto"] | None = Field(None, description="Passes over the training file (1-50).")
    batch_size: int | Literal["auto"] | None = Field(None, description="Examples per step (1-256).")
    learning_rate_multiplier: float | Literal["auto"] | None = Field(
        None, description="Multiplies the default learning rate 2e-4 (0.001-10).")


class Supervised(BaseModel):
    hyperparameters: Hyperparameters | None = None


class Method(BaseModel):
    type: Literal["supervised"] = "supervised"
    supervised: Supervised | None = None


class JobCreate(BaseModel):
    """OpenAI's job parameters, plus ``tunesmith``: any RunConfig setting (our extension)."""

    model_config = ConfigDict(extra="ignore")  # e.g. OpenAI's "integrations" (no-op here)
    model: str = Field(..., min_length=1, description="Base model: registry name, HF id, model dir, or the "
                       "fine_tuned_model of a succeeded job.")
    training_file: str = Field(..., min_length=1, description="Id of an uploaded file (purpose fine-tune).")
    validation_file: str | None = None
    suffix: str | None = Field(None, description="Up to 40 letters, digits, '-' or '_' in the model's name.")
    seed: int | None = Field(None, ge=0, le=2**31 - 1)
    metadata: dict[str, str] | None = None
    method: Method | None = None
    hyperparameters: Hyperparameters | None = Field(None, description="Deprecated by OpenAI in favour of method.")
    tunesmith: dict[str, Any] | None = Field(None, description="RunConfig settings: e.g. {'method': 'full'}, "
                                             "{'lora': {'r': 8}}, {'train': {'max_steps': 200}}.")


class SimpleFineTune(BaseModel):
    """The seed's ``/fine_tune``: a file id (or inline JSONL records) and a few settings."""

    model: str = "smollm2-135m-instruct"
    training_file: str | None = Field(None, description="Id of an uploaded file.")
    records: list[dict[str, Any]] | None = Field(None, max_length=100_000, description="Inline training records "
                                                 "(each like a JSONL line) instead of training_file.")
    epochs: int | None = Field(None, ge=1, le=50)
    suffix: str | None = None
    tunesmith: dict[str, Any] | None = None


def jobs_router(service_of) -> APIRouter:
    """``service_of()`` returns the server's :class:`JobService` (created on first use)."""
    router = APIRouter()

    def svc() -> JobService:
        return service_of()

    def page(data: list[dict[str, Any]], more: bool) -> dict[str, Any]:
        return {"object": "list", "data": data, "has_more": more}

    # ------------------------------------------------------------------ files
    @router.post("/v1/files", tags=["files"], responses=ERRORS)
    def upload_file(file: Annotated[UploadFile, File(description="JSONL, JSON, CSV, parquet or text.")],
                    purpose: Annotated[str, Form(description="Must be 'fine-tune'.")]) -> dict[str, Any]:
        return svc().upload(file.filename or "upload.jsonl", file.file, purpose)

    @router.get("/v1/files", tags=["files"], responses=ERRORS)
    def list_files(purpose: str | None = None, after: str | None = None,
                   limit: Annotated[int, Query(ge=1, le=10_000)] = 10_000) -> dict[str, Any]:
        data = svc().files(purpose, after, limit + 1)
        return page(data[:limit], len(data) > limit)

    @router.get("/v1/files/{file_id}", tags=["files"], responses=ERRORS)
    def get_file(file_id: str) -> dict[str, Any]:
        return svc().file(file_id)

    @router.get("/v1/files/{file_id}/content", tags=["files"], responses=ERRORS)
    def file_content(file_id: str) -> FileResponse:
        path = svc().file_content(file_id)
        return FileResponse(path, filename=path.name, media_type="application/octet-stream")

    @router.get("/v1/files/{file_id}/preview", tags=["files"], responses=ERRORS)
    def file_preview(file_id: str) -> dict[str, Any]:
        """tunesmith: detected format, record count and the first records."""
        return svc().preview(file_id)

    @router.delete("/v1/files/{file_id}", tags=["files"], responses=ERRORS)
    def delete_file(file_id: str) -> dict[str, Any]:
        return svc().delete_file(file_id)

    # ------------------------------------------------------------------ jobs
    @router.post("/v1/fine_tuning/jobs", tags=["fine-tuning"], responses=ERRORS)
    def create_job(req: JobCreate) -> dict[str, Any]:
        body = req.model_dump(exclude_none=True)
        return svc().create(**body)

    @router.get("/v1/fine_tuning/jobs", tags=["fine-tuning"], responses=ERRORS)
    def list_jobs(request: Request, after: str | None = None, limit: Limit = 20) -> dict[str, Any]:
        # OpenAI filters by metadata[KEY]=VALUE query parameters
        meta = {k[9:-1]: v for k, v in request.query_params.items() if k.startswith("metadata[") and k.endswith("]")}
        return page(*svc().jobs(after, limit, meta or None))

    @router.get("/v1/fine_tuning/jobs/{job_id}", tags=["fine-tuning"], responses=ERRORS)
    def get_job(job_id: str) -> dict[str, Any]:
        return svc().job(job_id)

    @router.post("/v1/fine_tuning/jobs/{job_id}/cancel", tags=["fine-tuning"], responses=ERRORS)
    def cancel_job(job_id: str) -> dict[str, Any]:
        return svc().cancel(job_id)

    @router.post("/v1/fine_tuning/jobs/{job_id}/pause", tags=["fine-tuning"], responses=ERRORS)
    def pause_job(job_id: str) -> dict[str, Any]:
        return svc().pause(job_id)

    @router.post("/v1/fine_tuning/jobs/{job_id}/resume", tags=["fine-tuning"], responses=ERRORS)
    def resume_job(job_id: str) -> dict[str, Any]:
        return svc().resume(job_id)

    @router.get("/v1/fine_tuning/jobs/{job_id}/events", tags=["fine-tuning"], responses=ERRORS)
    def job_events(job_id: str, after: str | None = None, limit: Limit = 20) -> dict[str, Any]:
        return page(*svc().events(job_id, after, limit))

    @router.get("/v1/fine_tuning/jobs/{job_id}/checkpoints", tags=["fine-tuning"], responses=ERRORS)
    def job_checkpoints(job_id: str, after: str | None = None, limit: Limit = 10) -> dict[str, Any]:
        return page(*svc().checkpoints(job_id, after, limit))

    @router.get("/v1/fine_tuning/jobs/{job_id}/metrics", tags=["fine-tuning"], responses=ERRORS)
    def job_metrics(job_id: str) -> dict[str, Any]:
        """tunesmith: every logged train/validation loss, oldest first (for charts)."""
        return {"object": "list", "data": svc().metrics(job_id)}

    # ------------------------------------------------------------------ the seed's endpoints
    @router.post("/fine_tune", tags=["fine-tuning"], responses=ERRORS)
    def fine_tune(req: SimpleFineTune) -> dict[str, Any]:
        """Start a fine-tune from an uploaded file id or inline records; returns the job id."""
        import json

        s = svc()
        if (req.training_file is None) == (req.records is None):
            from ..errors import ConfigError

            raise ConfigError("give either training_file (an uploaded file id) or records (inline JSONL objects)",
                              field="training_file")
        file_id = req.training_file
        if req.records is not None:
            data = "".join(json.dumps(r) + "\n" for r in req.records).encode()
            file_id = s.upload("records.jsonl", data)["id"]
        hp = {"n_epochs": req.epochs} if req.epochs else None
        job = s.create(model=req.model, training_file=file_id, suffix=req.suffix, hyperparameters=hp,
                       tunesmith=req.tunesmith)
        return {"job_id": job["id"], "status": job["status"], "training_file": file_id}

    @router.get("/fine_tune_status/{job_id}", tags=["fine-tuning"], responses=ERRORS)
    def fine_tune_status(job_id: str) -> dict[str, Any]:
        """Status, progress, latest losses and (when done) the model name to generate with."""
        s = svc()
        job = s.job(job_id)
        metrics = s.metrics(job_id)
        last = {k: v for row in metrics for k, v in row.items() if k.endswith("loss")}
        return {"job_id": job_id, "status": job["status"], "step": job["tunesmith"]["step"],
                "total_steps": job["tunesmith"]["total_steps"], "fine_tuned_model": job["fine_tuned_model"],
                "error": job["error"], **last}

    return router
