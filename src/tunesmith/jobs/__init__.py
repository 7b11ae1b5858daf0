"""Fine-tuning jobs: a store (SQLite or PostgreSQL), uploaded files, workers and the service API."""

from .service import JobService, JobStateError, model_name
from .store import JobNotFound, JobStore
from .worker import Worker

__all__ = ["JobService", "JobStateError", "JobNotFound", "JobStore", "Worker", "model_name"]
