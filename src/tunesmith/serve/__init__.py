"""HTTP serving: FastAPI app factory, settings, dynamic batching."""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
