"""Server settings from the environment (``TUNESMITH_*``) or a ``.env`` file, via pydantic-settings."""

from __future__ import annotations

import ipaddress

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ..errors import ConfigError


class Settings(BaseSettings):
    """Every knob of ``tunesmith serve``. Env: ``TUNESMITH_PORT=9000``, ``TUNESMITH_API_KEYS=k1,k2`` ..."""

    model_config = SettingsConfigDict(env_prefix="TUNESMITH_", env_file=".env", extra="ignore")

    host: str = Field("127.0.0.1", description="Bind address.")
    port: int = Field(8000, ge=1, le=65535)
    model: str = Field("smollm2-135m-instruct", description="Model for /v1 and /generate.")
    adapter: str | None = Field(None, description="Adapter on top of --model.")
    models: str = Field("", description="More models to serve by name: 'NAME=MODEL[+ADAPTER_DIR],...' (e.g. "
                        "'recipes=smollm2-135m-instruct+runs/recipes'); loaded on first use.")
    model_memory_mb: int = Field(3072, ge=256, description="Memory for loaded models; the least recently used "
                                 "extra model is unloaded to stay under it.")
    humanizer_adapter: str = Field("bundled", description="'bundled', a run dir, or 'none' (zero-shot).")
    humanizer_model: str | None = Field(None, description="Base model of /humanize (default: the bundled "
                                        "model for the bundled adapter, else --model).")
    # The fastest correct path is the default here as everywhere: packed weights on our CPU
    # kernels (lossless 4-bit for the bundled Q4_1 model; 76 vs 16 tok/s sequential and lower
    # memory than float weights, see README, Serving). "none" keeps float weights.
    quantize: str = Field("auto", description="auto (CPU: lossless 4-bit / 8-bit) | int4 | int8 | none (float weights)")
    precise_activations: bool = Field(True, description="Packed CPU path: two int8 activation terms per block "
                                      "(fp32's greedy text). False: one term (~10% more throughput under load, "
                                      "20-30% faster one at a time on AVX2), but greedy answers may drift from the model's own; "
                                      "adapters stay precise.")
    compile: bool = Field(False, description="Ignored since the server runs on the continuous-batching engine, "
                          "whose lean decode step is faster on CPU than a compiled one (kept so old settings load).")
    api_keys: str = Field("", description="Comma-separated API keys; empty = no auth (loopback only).")
    insecure: bool = Field(False, description="Allow a non-loopback bind without API keys.")
    max_text_chars: int = Field(5000, ge=1, description="Longest /humanize text.")
    max_prompt_chars: int = Field(20000, ge=1, description="Longest prompt / chat transcript.")
    max_new_tokens: int = Field(1024, ge=1, le=4096, description="Upper bound for max_tokens / max_new_tokens.")
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Request bodies larger than this are refused (413).")
    max_rows: int = Field(64, ge=1, le=1024, description="Most sequences one request may decode at once "
                          "(prompts x n x num_beams; each row holds a KV cache).")
    max_humanize_chunks: int = Field(200, ge=1, le=5000, description="Most pieces (lines, sentence groups) one "
                                     "/humanize text may split into.")
    queue_size: int = Field(32, ge=1, description="Waiting requests before 503 + Retry-After.")
    max_batch: int = Field(32, ge=1, le=64, description="Most sequences in the running batch (continuous batching).")
    request_timeout: float = Field(300.0, gt=0, description="Seconds before a request gives up (504).")
    cors_origins: str = Field("", description="Comma-separated origins allowed by CORS ('*' for any).")
    jobs_dir: str = Field("", description="Where uploads and fine-tuning run dirs go (default $TUNESMITH_HOME); "
                          "workers on other machines need it at the same path (a shared mount).")
    jobs_db: str = Field("", description="Fine-tuning job store URL: empty = SQLite in jobs_dir; "
                         "'postgresql+psycopg://user:pass@host/db' to share jobs between machines.")
    workers: int = Field(1, ge=0, le=16, description="Local `tunesmith worker` processes started with the server "
                         "(0: run workers elsewhere with `tunesmith worker --db URL`).")
    worker_stale_after: float = Field(30.0, gt=0, description="A running job whose worker was silent this many "
                                      "seconds is requeued (resumes from its newest checkpoint).")
    max_upload_bytes: int = Field(512 * 2**20, ge=1024, description="Largest file upload (/v1/files).")
    ui: bool = Field(True, description="Mount the web page at /.")
    preload: bool = Field(True, description="Load models at start-up (else on first request).")

    @field_validator("quantize")
    @classmethod
    def _quant(cls, v: str) -> str:
        if v not in ("auto", "int4", "int8", "none"):
            raise ValueError("quantize must be auto, int4, int8 or none")
        return v

    @property
    def keys(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    @property
    def origins(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @classmethod
    def load(cls, **overrides: object) -> "Settings":
        """Settings from the environment / ``.env`` plus ``overrides``; a bad value is a
        :class:`ConfigError` naming the setting, its env variable and what it accepts (not a
        pydantic traceback)."""
        try:
            return cls(**overrides)
        except ValidationError as err:
            problems = []
            for e in err.errors():
                name = str(e["loc"][0]) if e["loc"] else "?"
                problems.append(f"{name} (env TUNESMITH_{name.upper()}): {e['msg']}, got {e.get('input')!r}")
            raise ConfigError("bad server setting: " + "; ".join(problems),
                              field=str(err.errors()[0]["loc"][0]) if err.errors()[0]["loc"] else None) from None

    def check_safe_to_bind(self) -> None:
        """Refuse a public bind without keys (unless --insecure): no accidental open model server."""
        if self.keys or self.insecure:
            return
        if "*" in self.origins:  # any web site a local user visits could drive the server
            raise ConfigError("TUNESMITH_CORS_ORIGINS='*' lets any web site call this server: set "
                              "TUNESMITH_API_KEYS=key1,... too, list the allowed origins, or pass --insecure",
                              field="cors_origins")
        if is_loopback(self.host):
            return
        raise ConfigError(f"refusing to listen on {self.host} without API keys: set TUNESMITH_API_KEYS=key1,... "
                          f"(clients send 'Authorization: Bearer KEY'), or pass --insecure", field="host")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    if not host:  # uvicorn binds every interface for an empty host
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
