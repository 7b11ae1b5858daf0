"""Routes for fine-tuning as a service: OpenAI's ``/v1/files`` and ``/v1/fine_tuning/jobs``
(same shapes, so the official SDK works), and the seed's ``/fine_tune`` + ``/fine_tune_status``.
Thin: every route is one call into :class:`tunesmith.jobs.JobService`."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..jobs import JobService
from .schemas import ERRORS

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]


class Hyperparameters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n_epochs: Annotated[int, Field(ge=1, le=50)] | Literal["auto"] | None = Field(
        None, description="Passes over the training file.")
    batch_size: Annotated[int, Field(ge=1, le=256)] | Literal["auto"] | None = Field(
        None, description="Examples per step.")
    learning_rate_multiplier: Annotated[float, Field(ge=0.001, le=10)] | Literal["auto"] | None = Field(
        None, description="Multiplies the default learning rate 2e-4.")


Suffix = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="Part of the fine-tuned model's name.")]
Metadata = Annotated[dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=512)]],
                     Field(max_length=16)]


_OFF = "Not supported by this server: only the default (null) is accepted."


def _unsupported(name: str, default: Any) -> PydanticCustomError:
    """The error the completions endpoints give an OpenAI parameter this server does not implement
    (a 422 with code ``unsupported_parameter``, naming it): never silently ignored."""
    return PydanticCustomError("unsupported_parameter", "'{name}' is not supported by this server: leave it out"
                               " or send {default}", {"name": name, "default": json.dumps(default)})


class Supervised(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hyperparameters: Hyperparameters | None = None


class Method(BaseModel):
    # OpenAI's other methods (dpo, reinforcement) are declared only to refuse them by name
    model_config = ConfigDict(extra="forbid")
    type: Literal["supervised"] = "supervised"
    supervised: Supervised | None = None
    dpo: None = Field(None, description=_OFF)
    reinforcement: None = Field(None, description=_OFF)

    @field_validator("type", "dpo", "reinforcement", mode="before")
    @classmethod
    def _supervised_only(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name == "type" and value in ("dpo", "reinforcement"):
            raise PydanticCustomError("unsupported_parameter", "method.type '{value}' is not supported by this "
                                      "server: use 'supervised' (or leave method out)", {"value": value})
        if info.field_name != "type" and value is not None:
            raise _unsupported(f"method.{info.field_name}", None)
        return value


class JobCreate(BaseModel):
    """OpenAI's job parameters, plus ``tunesmith``: any RunConfig setting (our extension). Any
    other field is refused (a 422 naming it), so a misspelled one never runs on defaults."""

    model_config = ConfigDict(extra="forbid")
    model: str = Field(..., min_length=1, description="Base model: registry name, HF id, model dir, or the "
                       "fine_tuned_model of a succeeded job.")
    training_file: str = Field(..., min_length=1, description="Id of an uploaded file (purpose fine-tune).")
    validation_file: str | None = None
    suffix: Suffix | None = None
    seed: int | None = Field(None, ge=0, le=2**31 - 1)
    metadata: Metadata | None = None
    method: Method | None = None
    hyperparameters: Hyperparameters | None = Field(None, description="Deprecated by OpenAI in favour of method.")
    integrations: Annotated[list[Any], Field(max_length=0)] | None = Field(
        None, description="OpenAI's Weights & Biases integration. Not supported by this server: only null or [] "
        "is accepted.")
    tunesmith: dict[str, Any] | None = Field(None, description="RunConfig settings: e.g. {'method': 'full'}, "
                                             "{'lora': {'r': 8}}, {'train': {'max_steps': 200}}.")

    @field_validator("integrations", mode="before")
    @classmethod
    def _no_integrations(cls, value: Any) -> Any:
        if value is None or value == []:
            return value
        raise _unsupported("integrations", [])


class SimpleFineTune(BaseModel):
    """The seed's ``/fine_tune``: an uploaded file id and a few settings (nothing else)."""

    model_config = ConfigDict(extra="forbid")
    model: str = Field("smollm2-135m-instruct", min_length=1, description="Base model (as for /v1/fine_tuning/jobs).")
    training_file: str = Field(..., min_length=1, description="Id of an uploaded file (POST /v1/files).")
    epochs: int | None = Field(None, ge=1, le=50)
    suffix: Suffix | None = None
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
                    purpose: Annotated[Literal["fine-tune"], Form(description="What the file is for.")]
                    ) -> dict[str, Any]:
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
        body = req.model_dump(exclude_none=True, exclude={"integrations"})
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
        """Start a fine-tune from an uploaded file; returns the job id (then GET /fine_tune_status/ID)."""
        hp = {"n_epochs": req.epochs} if req.epochs else None
        job = svc().create(model=req.model, training_file=req.training_file, suffix=req.suffix, hyperparameters=hp,
                           tunesmith=req.tunesmith)
        return {"job_id": job["id"], "status": job["status"], "training_file": req.training_file}

    @router.get("/fine_tune_status/{job_id}", tags=["fine-tuning"], responses=ERRORS)
    def fine_tune_status(job_id: str) -> dict[str, Any]:
        """Status, progress, latest losses and (when done) the model name to generate with."""
        return svc().status(job_id)

    return router
