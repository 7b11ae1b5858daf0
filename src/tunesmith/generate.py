"""Text generation: :class:`Generator` loads a model once and decodes with :class:`SamplingParams`.

All decoding goes through transformers' ``model.generate`` (sampling, beams, stop strings,
streaming); this module adds batching with left padding, exact stop-string cuts, finish
reasons, token counts, seeding, cancellation and the CPU fast path (int8 weights).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

from .config import SamplingParams, build
from .errors import ConfigError
from .models import DEFAULT_MODEL, LoadedModel, load_model

__all__ = ["Completion", "Generator", "SamplingParams", "StreamChunk", "cut_at_stop", "generate", "quantize_int8"]


@dataclass
class Completion:
    """One generated candidate."""

    text: str
    prompt_index: int
    index: int
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" (end token or stop string) or "length"


@dataclass
class StreamChunk:
    """A piece of streamed text; the last chunk carries the finish reason and token counts."""

    text: str
    finish_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0


def quantize_int8(model: torch.nn.Module, scope: str = "attention") -> torch.nn.Module:
    """Dynamic int8 quantization (int8 weights per output channel, activations on the fly).

    Args:
        scope: ``all`` quantizes every Linear: ~1.5x faster decode but validation perplexity
            +180-220% (the SwiGLU MLP's activation outliers, worst in down_proj, don't survive
            per-tensor activation quantization) and it broke the humanizer LoRA.
            ``attention`` quantizes only the attention projections: perplexity within 1%, but
            no reliable speed-up (0.8-1.2x fp32 across runs). Measured with
            benchmarks/bench_generate.py on SmolLM2-135M.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated in favour of torchao,
        # but torchao's int8 weight-only path measured slower on this CPU.
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        if scope == "all":
            spec: dict = {torch.nn.Linear: per_channel_dynamic_qconfig}
        else:
            spec = {name: per_channel_dynamic_qconfig for name, mod in model.named_modules()
                    if isinstance(mod, torch.nn.Linear) and ".self_attn." in f".{name}."}
        return quantize_dynamic(model, spec, dtype=torch.qint8)


class _Cancel(StoppingCriteria):
    """Stops rows whose event is set (client went away, timeout); one event per prompt."""

    def __init__(self, events: Sequence[threading.Event], per_prompt: int):
        self.events = list(events)
        self.per_prompt = per_prompt

    def __call__(self, input_ids, scores, **kwargs):  # noqa: D401
        rows = input_ids.shape[0]
        if len(self.events) == 1:
            return torch.full((rows,), self.events[0].is_set(), dtype=torch.bool, device=input_ids.device)
        flags = [self.events[min(r // self.per_prompt, len(self.events) - 1)].is_set() for r in range(rows)]
        return torch.tensor(flags, dtype=torch.bool, device=input_ids.device)


def cut_at_stop(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    """Cut ``text`` before the earliest stop string. Returns (text, whether a stop was found)."""
    cut = min((i for i in (text.find(s) for s in stops) if i >= 0), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)


class Generator:
    """Loads a model once and generates from it.

    Args:
        model: Registry name, HF id, model dir or run dir (see ``models.load_model``), or an
            already loaded :class:`LoadedModel`.
        adapter: Optional peft adapter dir.
        device: ``auto`` / ``cpu`` / ``cuda`` / ``mps``.
        dtype: ``auto`` / ``float32`` / ``bfloat16`` / ``float16``.
        quantize: ``auto``/``none`` keep the weights as loaded (fp32 on CPU: the fastest
            path that keeps quality here), ``int8`` quantizes every Linear (CPU only; ~1.5x
            faster decode but clearly worse text — opt-in).
    """

    def __init__(
        self,
        model: str | LoadedModel = DEFAULT_MODEL,
        adapter: str | None = None,
        device: str = "auto",
        dtype: str = "auto",
        quantize: str = "auto",
    ):
        if quantize not in ("auto", "int8", "none"):
            raise ConfigError(f"quantize must be auto, int8 or none (got {quantize!r})", field="quantize")
        lm = model if isinstance(model, LoadedModel) else load_model(model, adapter, device, dtype, merge_adapter=True)
        if hasattr(lm.model, "merge_and_unload"):  # a PeftModel passed in: fold LoRA for speed
            lm.model = lm.model.merge_and_unload()
        self.loaded = lm
        self.tokenizer = lm.tokenizer
        # "auto" keeps the model's dtype: on this CPU nothing beat fp32 while keeping quality
        # (benchmarks/bench_generate.py --all: bf16 0.75x, static cache ~1x, torch.compile
        # slower, int8 attention-only 0.8-1.2x, int8 everywhere ~1.5x but perplexity +220%).
        if quantize == "int8":
            if lm.device.type != "cpu":
                raise ConfigError("int8 dynamic quantization runs on CPU only; use --quantize none on GPU", field="quantize")
            lm.model = quantize_int8(lm.model, "all")
            lm.extra["quantization"] = "int8-dynamic"
        else:
            lm.extra["quantization"] = "none"
        self.model = lm.model
        self.device = lm.device
        self._lock = threading.Lock()  # one generate() at a time on this model

    # ----------------------------------------------------------------- helpers
    @property
    def name(self) -> str:
        return self.loaded.name

    def info(self) -> dict[str, Any]:
        return self.loaded.info()

    def chat_prompt(self, messages: list[dict[str, str]], system: str | None = None) -> str:
        """Render chat messages through the tokenizer's chat template (with the assistant cue)."""
        if system and not any(m.get("role") == "system" for m in messages):
            messages = [{"role": "system", "content": system}, *messages]
        for i, m in enumerate(messages):
            if m.get("role") not in ("system", "user", "assistant") or not isinstance(m.get("content"), str):
                raise ConfigError(
                    f"messages[{i}] must have role system/user/assistant and string content", field=f"messages.{i}"
                )
        if not getattr(self.tokenizer, "chat_template", None):
            # Models without a template: a plain transcript is the honest fallback.
            lines = [f"{m['role'].capitalize()}: {m['content']}" for m in messages]
            return "\n".join(lines) + "\nAssistant:"
        return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _encode(self, prompts: list[str]) -> dict[str, torch.Tensor]:
        tok = self.tokenizer
        tok.padding_side = "left"  # decoder-only: new tokens must follow the prompt directly
        return tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)

    def _gen_kwargs(self, params: SamplingParams,
                    cancel: threading.Event | Sequence[threading.Event] | None) -> dict[str, Any]:
        if params.n > 1 and params.greedy and params.num_beams < params.n:
            raise ConfigError(
                "n > 1 needs sampling (temperature > 0) or beam search with num_beams >= n", field="n"
            )
        kw = params.to_generation_kwargs()
        kw["num_return_sequences"] = params.n
        kw["pad_token_id"] = self.tokenizer.pad_token_id
        kw["eos_token_id"] = self.tokenizer.eos_token_id
        if params.stop:
            kw["stop_strings"] = params.stop
            kw["tokenizer"] = self.tokenizer
        if cancel is not None:
            events = [cancel] if isinstance(cancel, threading.Event) else list(cancel)
            kw["stopping_criteria"] = StoppingCriteriaList([_Cancel(events, params.num_beams if params.num_beams > 1 else params.n)])
        return kw

    # ----------------------------------------------------------------- public
    def generate(
        self,
        prompts: str | Sequence[str],
        params: SamplingParams | dict[str, Any] | None = None,
        cancel: threading.Event | Sequence[threading.Event] | None = None,
    ) -> list[Completion]:
        """Generate for one prompt or a batch (one forward pass per step for the whole batch).

        Args:
            prompts: A prompt or a list of prompts (raw text; use :meth:`chat` for messages).
            params: Sampling parameters (object or dict).
            cancel: Optional event (or one per prompt); setting it ends that generation early
                (finish reason "length").

        Returns:
            ``len(prompts) * params.n`` completions, prompt-major (``prompt_index``, ``index``).
        """
        params = params if isinstance(params, SamplingParams) else build(SamplingParams, params or {})
        prompt_list = [prompts] if isinstance(prompts, str) else list(prompts)
        if not prompt_list or any(not isinstance(p, str) for p in prompt_list):
            raise ConfigError("prompts must be a non-empty string or list of strings", field="prompt")
        enc = self._encode(prompt_list)
        kw = self._gen_kwargs(params, cancel)
        width = enc["input_ids"].shape[1]
        with self._lock, torch.inference_mode():
            if params.seed is not None:
                torch.manual_seed(params.seed)
            out = self.model.generate(**enc, **kw)
        new_tokens = out[:, width:]
        prompt_lens = enc["attention_mask"].sum(dim=1).tolist()
        results = []
        eos = self.tokenizer.eos_token_id
        for row in range(new_tokens.shape[0]):
            p_idx, c_idx = divmod(row, params.n)
            ids = new_tokens[row].tolist()
            hit_eos = eos in ids
            if hit_eos:
                ids = ids[: ids.index(eos)]
            text = self.tokenizer.decode(ids, skip_special_tokens=True)
            text, hit_stop = cut_at_stop(text, params.stop)
            finish = "stop" if (hit_eos or hit_stop) else "length"
            results.append(Completion(text, p_idx, c_idx, int(prompt_lens[p_idx]), len(ids) + int(hit_eos), finish))
        return results

    def chat(
        self,
        messages: list[dict[str, str]],
        params: SamplingParams | dict[str, Any] | None = None,
        system: str | None = None,
    ) -> list[Completion]:
        """Answer a conversation (list of ``{"role", "content"}``) through the chat template."""
        return self.generate(self.chat_prompt(messages, system), params)

    def stream(
        self,
        prompt: str,
        params: SamplingParams | dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[StreamChunk]:
        """Yield text pieces as they are produced; the final chunk has the finish reason.

        Stop strings are honoured exactly: text that might be the start of a stop string is
        held back until it is known not to be one. Closing the iterator early cancels
        generation.
        """
        params = params if isinstance(params, SamplingParams) else build(SamplingParams, params or {})
        if params.n != 1 or params.num_beams != 1:
            raise ConfigError("streaming returns one candidate: use n=1 and num_beams=1", field="n")
        enc = self._encode([prompt])
        cancel = cancel or threading.Event()
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=600)
        kw = self._gen_kwargs(params, cancel)
        errors: list[BaseException] = []
        out_holder: list[torch.Tensor] = []

        def run() -> None:
            try:
                with self._lock, torch.inference_mode():
                    if params.seed is not None:
                        torch.manual_seed(params.seed)
                    out_holder.append(self.model.generate(**enc, **kw, streamer=streamer))
            except BaseException as err:  # surfaced in the consumer thread below
                errors.append(err)
                streamer.end()

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        hold = max((len(s) for s in params.stop), default=1) - 1
        text, sent, stopped = "", 0, False
        try:
            for piece in streamer:
                text += piece
                cut, stopped = cut_at_stop(text, params.stop)
                if stopped:
                    if len(cut) > sent:
                        yield StreamChunk(cut[sent:])
                    sent = len(cut)
                    cancel.set()  # transformers also stops; make sure we don't wait
                    break
                safe = len(text) - hold
                if safe > sent:
                    yield StreamChunk(text[sent:safe])
                    sent = safe
            else:
                if len(text) > sent:
                    yield StreamChunk(text[sent:])
                    sent = len(text)
        finally:
            if not out_holder:  # consumer stopped early: end generation, free the model
                cancel.set()
            worker.join()
        if errors:
            raise errors[0]
        ids = out_holder[0][0, enc["input_ids"].shape[1]:].tolist() if out_holder else []
        eos = self.tokenizer.eos_token_id
        hit_eos = eos in ids
        n_tokens = ids.index(eos) + 1 if hit_eos else len(ids)
        finish = "stop" if (stopped or hit_eos) else "length"
        yield StreamChunk("", finish, int(enc["attention_mask"].sum()), n_tokens)


def generate(prompt: str, model: str = DEFAULT_MODEL, **params: Any) -> str:
    """One-shot convenience: load ``model`` and return the text for ``prompt``."""
    return Generator(model).generate(prompt, params)[0].text

