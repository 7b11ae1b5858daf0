"""Request/response bodies. Sampling fields reuse :class:`SamplingParams`' ranges."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..config import SamplingParams
from ..humanize import HumanizeOptions

SP = SamplingParams.model_fields


def _f(name: str, default: Any = ..., **extra: Any):
    """A request field with SamplingParams' bounds and description."""
    info = SP[name]
    bounds = {}
    for meta in info.metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if getattr(meta, attr, None) is not None:
                bounds[attr] = getattr(meta, attr)
    return Field(default, description=info.description, **{**bounds, **extra})


class SamplingFields(BaseModel):
    """OpenAI fields plus tunesmith's extensions (same names and ranges as SamplingParams)."""

    model_config = ConfigDict(extra="ignore")

    temperature: float = _f("temperature", 1.0)
    top_p: float = _f("top_p", 1.0)
    top_k: int = _f("top_k", 0)
    min_p: float = _f("min_p", 0.0)
    typical_p: float = _f("typical_p", 1.0)
    repetition_penalty: float = _f("repetition_penalty", 1.0)
    no_repeat_ngram_size: int = _f("no_repeat_ngram_size", 0)
    num_beams: int = _f("num_beams", 1)
    length_penalty: float = _f("length_penalty", 1.0)
    n: int = _f("n", 1)
    seed: int | None = _f("seed", None)
    stop: str | list[str] | None = Field(None, description="Stop string(s); generation ends before them.")
    max_tokens: int | None = Field(None, ge=1, le=4096, description="Max new tokens (OpenAI name).")
    stream: bool = Field(False, description="Server-sent events, ending with 'data: [DONE]'.")

    def sampling(self, default_max: int) -> SamplingParams:
        from ..config import build

        data = self.model_dump(exclude={"max_tokens", "stream", "model", "prompt", "messages", "user", "echo"})
        data = {k: v for k, v in data.items() if k in SP}
        data["max_new_tokens"] = self.max_tokens or default_max
        return build(SamplingParams, data)


class CompletionRequest(SamplingFields):
    model: str | None = Field(None, description="Served model id (see /v1/models).")
    prompt: str | list[str] = Field(..., description="Prompt text, or a list for a batch.")
    echo: bool = Field(False, description="Prepend the prompt to the returned text.")


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class ChatRequest(SamplingFields):
    model: str | None = None
    messages: list[ChatMessage] = Field(..., min_length=1)


class GenerateRequest(SamplingFields):
    """The GPT-2 seeds' /generate: a prompt and sampling settings."""

    prompt: str = Field(..., min_length=1)
    max_new_tokens: int | None = Field(None, ge=1, le=4096)
    chat: bool = Field(False, description="Wrap the prompt in the chat template.")


class HumanizeRequest(HumanizeOptions):
    """The seed's /humanize fields (text, temperature, max_new_tokens, top_p) plus our options."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., description="Text to humanize.")


class HumanizeChunk(BaseModel):
    """One piece of the input: ``status`` rewritten / rule-edited / kept, and why."""

    source: str
    output: str
    status: str
    reason: str


class HumanizeResponse(BaseModel):
    original_text: str
    humanized_text: str
    success: bool
    message: str
    scores_before: dict[str, float]
    scores_after: dict[str, float]
    similarity: float
    facts: list[str]
    missing_facts: list[str]
    facts_kept: bool
    diff: list[dict[str, str]]
    alternatives: list[str]
    chunks: list[HumanizeChunk]
    seconds: float
