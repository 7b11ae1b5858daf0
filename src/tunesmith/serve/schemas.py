"""Request/response bodies. Sampling fields reuse :class:`SamplingParams`' ranges."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..engine.limits import NONBLANK
from ..config import MAX_STOP_CHARS, MAX_STOPS, NoBoolNumbers, SamplingParams, check_candidates
from ..humanize import HumanizeOptions

SP = SamplingParams.model_fields
StopString = Annotated[str, StringConstraints(min_length=1, max_length=MAX_STOP_CHARS)]
# Text that must say something: not empty, not only spaces (declared, so clients can see it).
NonBlank = Annotated[str, StringConstraints(min_length=1, pattern=NONBLANK)]


def _f(name: str, default: Any = ..., **extra: Any):
    """A request field with SamplingParams' bounds and description."""
    info = SP[name]
    bounds = {}
    for meta in info.metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if getattr(meta, attr, None) is not None:
                bounds[attr] = getattr(meta, attr)
    return Field(default, description=info.description, **{**bounds, **extra})


def _cross_field_rules(schema: dict[str, Any]) -> None:
    """The rules between fields, written into the JSON schema so that clients (and fuzzers)
    can tell a valid request from the schema alone: beam search returns at most num_beams
    candidates, greedy decoding one (config.check_candidates), and a stream one."""
    one = {"properties": {"num_beams": {"maximum": 1}, "n": {"maximum": 1}}}
    sampled = {"properties": {"num_beams": {"maximum": 1}, "temperature": {"exclusiveMinimum": 0}}}
    beams = [{"required": ["num_beams"], "properties": {"num_beams": {"const": k}, "n": {"maximum": k}}}
             for k in range(2, SP["num_beams"].metadata[-1].le + 1)]
    schema["allOf"] = [{"anyOf": [one, sampled, *beams]},
                       {"anyOf": [{"properties": {"stream": {"const": False}}}, one]}]


class SamplingFields(NoBoolNumbers):
    """OpenAI fields plus tunesmith's extensions (same names and ranges as SamplingParams)."""

    model_config = ConfigDict(extra="ignore", json_schema_extra=_cross_field_rules)

    temperature: float = _f("temperature", 1.0)
    top_p: float = _f("top_p", 1.0)
    top_k: int = _f("top_k", 0)
    min_p: float = _f("min_p", 0.05)
    typical_p: float = _f("typical_p", 1.0)
    repetition_penalty: float = _f("repetition_penalty", 1.0)
    no_repeat_ngram_size: int = _f("no_repeat_ngram_size", 0)
    num_beams: int = _f("num_beams", 1)
    length_penalty: float = _f("length_penalty", 1.0)
    n: int = _f("n", 1)
    seed: int | None = _f("seed", None)
    stop: StopString | Annotated[list[StopString], Field(max_length=MAX_STOPS)] | None = Field(
        None, description=f"Up to {MAX_STOPS} stop strings of 1-{MAX_STOP_CHARS} characters; generation ends before them.")
    max_tokens: int | None = Field(None, ge=1, le=4096, description="Max new tokens (OpenAI name).")
    stream: bool = Field(False, strict=True, description="Server-sent events, ending with 'data: [DONE]'.")

    @field_validator("n")
    @classmethod
    def _n_fits(cls, n: int, info: ValidationInfo) -> int:
        check_candidates(n, info.data.get("num_beams", 1), info.data.get("temperature", 1.0))
        return n

    @field_validator("stream")
    @classmethod
    def _stream_one_candidate(cls, stream: bool, info: ValidationInfo) -> bool:
        if stream and (info.data.get("n", 1) != 1 or info.data.get("num_beams", 1) != 1):
            raise ValueError("stream=true returns one candidate: use n=1 and num_beams=1")
        return stream

    def sampling(self, default_max: int) -> SamplingParams:
        from ..config import build

        data = self.model_dump(exclude={"max_tokens", "stream", "model", "prompt", "messages", "user", "echo"})
        data = {k: v for k, v in data.items() if k in SP}
        data["max_new_tokens"] = self.max_tokens or default_max
        return build(SamplingParams, data)


# OpenAI parameters this server does not implement, and the values that mean "off" (OpenAI's
# defaults, which SDKs and tools send): anything else is a 422, never silently ignored.
UNSUPPORTED: dict[str, tuple[Any, ...]] = {
    "logprobs": (False,), "top_logprobs": (0,), "tools": ([],), "functions": ([],),
    "tool_choice": ("none", "auto"), "function_call": ("none", "auto"), "response_format": ({"type": "text"},),
    "presence_penalty": (0,), "frequency_penalty": (0,), "logit_bias": ({},), "suffix": ("",), "best_of": (1,),
}


def _same(a: Any, b: Any) -> bool:
    return a == b and isinstance(a, bool) == isinstance(b, bool)  # False == 0 in Python, not in JSON


class TextFormat(BaseModel):
    type: Literal["text"]


class StreamOptions(BaseModel):
    include_usage: bool = Field(False, strict=True, description="A last chunk with the request's usage.")


_OFF = "Not supported by this server: only the default is accepted."
Off = Annotated[float, Field(ge=0, le=0)]
NoItems = Annotated[list[Any], Field(max_length=0)]


class OpenAIFields(SamplingFields):
    """Fields of both OpenAI endpoints, including those declared only to refuse them (UNSUPPORTED)."""

    presence_penalty: Off | None = Field(None, description=_OFF)
    frequency_penalty: Off | None = Field(None, description=_OFF)
    logit_bias: Annotated[dict[str, float], Field(max_length=0)] | None = Field(None, description=_OFF)
    stream_options: StreamOptions | None = Field(None, description="With stream=true.")

    @field_validator("*", mode="before")
    @classmethod
    def _only_defaults(cls, value: Any, info: ValidationInfo) -> Any:
        allowed = UNSUPPORTED.get(info.field_name)
        if allowed is None or value is None or any(_same(value, a) for a in allowed):
            return value
        raise PydanticCustomError("unsupported_parameter", "'{name}' is not supported by this server: leave it out"
                                  " or send {default}", {"name": info.field_name, "default": json.dumps(allowed[0])})


class CompletionRequest(OpenAIFields):
    model: str | None = Field(None, description="Served model id (see /v1/models).")
    prompt: NonBlank | Annotated[list[NonBlank], Field(min_length=1)] = Field(
        ..., description="Prompt text, or a list for a batch (rows = prompts x n count against max_rows).")
    echo: bool = Field(False, strict=True, description="Prepend the prompt to the returned text.")
    logprobs: Literal[False] | None = Field(None, description=_OFF)
    suffix: Literal[""] | None = Field(None, description=_OFF)
    best_of: Literal[1] | None = Field(None, description=_OFF)


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class ChatRequest(OpenAIFields):
    model: str | None = None
    messages: list[ChatMessage] = Field(..., min_length=1)
    logprobs: Literal[False] | None = Field(None, description=_OFF)
    top_logprobs: Literal[0] | None = Field(None, description=_OFF)
    tools: NoItems | None = Field(None, description=_OFF)
    tool_choice: Literal["none", "auto"] | None = Field(None, description=_OFF)
    functions: NoItems | None = Field(None, description=_OFF)
    function_call: Literal["none", "auto"] | None = Field(None, description=_OFF)
    response_format: TextFormat | None = Field(None, description=_OFF)


class GenerateRequest(SamplingFields):
    """The GPT-2 seeds' /generate: a prompt and sampling settings."""

    prompt: NonBlank = Field(...)
    max_new_tokens: int | None = Field(None, ge=1, le=4096)
    chat: bool = Field(False, strict=True, description="Wrap the prompt in the chat template.")


class HumanizeRequest(HumanizeOptions):
    """The seed's /humanize fields (text, temperature, max_new_tokens, top_p) plus our options."""

    model_config = ConfigDict(extra="forbid")
    text: NonBlank = Field(..., description="Text to humanize.")
    voice: str | None = Field(None, min_length=1, max_length=200, description="The fine_tuned_model of a finished "
                              "voice job (a humanizer trained on your writing); default: the server's humanizer.")


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
    scores_before: dict[str, int | float]  # (counts stay whole numbers)
    scores_after: dict[str, int | float]
    similarity: float
    facts: list[str]
    missing_facts: list[str]
    facts_kept: bool
    diff: list[dict[str, str]]
    alternatives: list[str]
    chunks: list[HumanizeChunk]
    seconds: float


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    """OpenAI's error shape."""

    error: ErrorDetail


_ERROR_STATUSES = {400: "Malformed body (not JSON)", 401: "Missing API key", 403: "Invalid API key",
                   404: "Unknown model", 413: "Body over the size limit", 422: "A field is invalid or over a limit",
                   503: "Queue full (see Retry-After)", 504: "Deadline passed"}
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorResponse, "description": text}
                                          for code, text in _ERROR_STATUSES.items()}
STREAMS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 200: {"description": "JSON, or server-sent events with stream=true",
                    "content": {"application/json": {}, "text/event-stream": {"schema": {"type": "string"}}}}}
