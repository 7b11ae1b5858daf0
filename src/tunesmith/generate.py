"""Text generation: :class:`Generator` loads a model once and decodes with :class:`SamplingParams`.

All decoding goes through transformers' ``model.generate`` (sampling, beams, stop strings,
streaming); this module adds batching with left padding, exact stop-string cuts, finish
reasons, token counts, seeding, cancellation and the CPU fast path: 4-bit / 8-bit weights on
our kernels (:mod:`tunesmith.quantize`, :mod:`tunesmith.kernels`), a KV cache without per-token
copies (:mod:`tunesmith.kv_cache`) and a lean decode step for llama-family models
(:mod:`tunesmith.fast_decode`); optionally a compiled decode step instead.
"""

from __future__ import annotations

import functools
import gc
import inspect
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from transformers import (CompileConfig, LogitsProcessorList, StoppingCriteria, StoppingCriteriaList,
                          TextIteratorStreamer)

from .config import SamplingParams, build
from . import fast_decode, kernels
from .errors import ConfigError
from .kv_cache import CACHE_KWARG, GrowingCache
from .models import DEFAULT_MODEL, LoadedModel, load_model
from .quantize import fuse_lora, quantize_weights, set_precise_activations

__all__ = ["Completion", "Generator", "SamplingParams", "StreamChunk", "cut_at_stop", "generate"]


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


class NucleusSampler:
    """Draws the next token itself and hands transformers a one-hot score (greedy then picks it).

    Why: transformers' sampler sorts the whole vocabulary for top-p and draws with
    ``torch.multinomial``, which makes one exponential random number per vocabulary entry:
    ~15 ms per step for 9 rows x 49k tokens on this CPU, a fifth of a batched decode step.
    Here the nucleus is found among the ``CANDIDATES`` most likely tokens (the whole sort only
    for a row whose top candidates hold less than ``top_p`` of the mass), which is the same
    distribution. Plain temperature sampling (no top-k / top-p) draws one uniform number per
    row against the whole vocabulary's cumulative distribution (17.6 ms -> ~1 ms a step at 16
    rows). Runs last, after every other logits processor (penalties, constraints).
    """

    CANDIDATES = 256

    def __init__(self, temperature: float, top_k: int | None, top_p: float, min_p: float = 0.0):
        self.temperature, self.top_k, self.top_p, self.min_p = temperature, top_k or None, top_p, min_p

    @classmethod
    def applies_to(cls, params: SamplingParams) -> bool:
        """Sampling with temperature, top-k, top-p and min-p (typical-p keeps transformers' warper)."""
        return not params.greedy and params.num_beams == 1 and (params.typical_p is None or params.typical_p >= 1.0)

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        logits = scores.float() / self.temperature
        if not self.top_k and self.top_p >= 1.0:  # the whole vocabulary: inverse CDF, one draw per row
            if self.min_p:  # tokens below min_p x the top token's probability (as the engine tests it)
                logits = logits.masked_fill((logits - logits.amax(-1, keepdim=True)).exp() < self.min_p, -float("inf"))
            cdf = logits.softmax(-1).double().cumsum(-1)
            u = torch.rand(cdf.shape[0], 1, dtype=torch.float64, device=cdf.device) * cdf[:, -1:]
            token = torch.searchsorted(cdf, u, right=True).clamp_(max=cdf.shape[-1] - 1)  # first cdf > u
            return torch.full_like(scores, -float("inf")).scatter_(1, token, 0.0)
        k = min(self.top_k or self.CANDIDATES, logits.shape[-1])
        if self.top_k:  # top-k first, then top-p within it (transformers' order)
            top_logits, idx = logits.topk(k)
            probs = top_logits.softmax(-1)
        else:
            full = logits.softmax(-1)
            probs, idx = full.topk(k)
            if self.top_p < 1.0 and bool((probs.sum(-1) < self.top_p).any()):
                probs, idx = full.sort(descending=True)  # a flat distribution: use all
        if self.top_p < 1.0:
            outside = (probs.cumsum(-1) - probs) >= self.top_p  # mass before this token already enough
            outside[:, 0] = False
            probs = probs.masked_fill(outside, 0.0)
        if self.min_p:  # after top-k / top-p, as transformers orders them (probs are sorted: column 0 is the top)
            probs = probs.masked_fill(probs < self.min_p * probs[:, :1], 0.0)
        token = idx.gather(1, torch.multinomial(probs, 1))
        return torch.full_like(scores, -float("inf")).scatter_(1, token, 0.0)


def _release_checkpoint_memory(model: torch.nn.Module) -> None:
    """Copy the float tensors that remain after packing out of the checkpoint's memory map.

    safetensors loads tensors as views of one mapping of the whole file, so the embedding and
    norms alone keep every page the packing read resident: 1135 MB RSS for the bundled model
    with packed weights vs 739 MB after this copy (measured).
    """
    with torch.no_grad():
        for tensor in list(model.parameters()) + list(model.buffers()):
            if tensor.device.type == "cpu" and tensor.is_floating_point():
                tensor.data = tensor.data.clone()
    gc.collect()


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
        quantize: ``auto`` (default) packs the Linear weights for the CPU fast path: 4-bit where
            they already lie on a 4-bit grid (the bundled Q4_1 model: lossless), 8-bit
            elsewhere (blocks of 32 on our kernels, per channel on torch's); ``int8`` / ``int4`` force one format; ``none`` keeps the weights
            as loaded. GPUs always keep their floating-point weights.
        compile: Compile transformers' single-stream decode step with torch.compile over a
            static KV cache (the first call pays the compilation). For llama-family models on
            the CPU fast path the lean decode step (:mod:`tunesmith.fast_decode`, used when
            this is off) is faster (measured 89 vs 75 tok/s); compiling pays off for other
            architectures and on GPUs. Batched calls stay eager.
        keep_float_weights: With packed weights, keep the float copy for prompt prefill. The
            default (None) keeps it only when the packed layers run on torch's kernels (slower
            than a float matmul for long prompts); our kernels are faster at every prompt
            length (0.2-0.6x the float matmul's time, measured), so the ~450 MB copy is freed.
        precise_activations: Our packed kernels round activations to int8 per block of 32;
            precise mode (the default) adds the rounding residual as a second int8 term, which
            gives fp32's perplexity and greedy text (see
            :func:`tunesmith.quantize.set_precise_activations`). False keeps one term: a
            single stream ~10% faster on AVX-512 VNNI and 20-30% on AVX2, +0.9% perplexity, but
            greedy text drifts from the model's own on near-ties (7 of 20 short chat answers
            matched; on AVX-512 "What is the capital of France?" looped instead of answering
            "Paris"), and LoRA adapters, trained on float activations, lose quality (the
            humanizer: 82% vs 91% held-out pass rate).
    """

    QUANTIZE_MODES = ("auto", "int4", "int8", "none")

    def __init__(
        self,
        model: str | LoadedModel = DEFAULT_MODEL,
        adapter: str | None = None,
        device: str = "auto",
        dtype: str = "auto",
        quantize: str = "auto",
        compile: bool = False,
        keep_float_weights: bool | None = None,
        precise_activations: bool | None = None,
    ):
        if quantize not in self.QUANTIZE_MODES:
            raise ConfigError(f"quantize must be one of {', '.join(self.QUANTIZE_MODES)} (got {quantize!r})",
                              field="quantize")
        lm = model if isinstance(model, LoadedModel) else load_model(model, adapter, device, dtype, merge_adapter=False)
        pack = quantize != "none" and lm.device.type == "cpu" and lm.dtype == torch.float32
        if quantize in ("int4", "int8") and lm.device.type != "cpu":
            raise ConfigError("int4/int8 weights use CPU kernels; use --quantize none on a GPU", field="quantize")
        if quantize in ("int4", "int8") and not pack:  # (asked for, it must not be silently skipped)
            raise ConfigError(f"--quantize {quantize} packs fp32 weights; this model loaded as {lm.dtype}: use "
                              "--dtype float32 (or auto on a CPU)", field="quantize")
        if hasattr(lm.model, "merge_and_unload") and not pack:
            # Float weights: fold LoRA into them (no extra matmuls). Packed weights keep LoRA
            # beside the exact 4-bit base instead, since merged weights leave the 4-bit grid.
            lm.model = lm.model.merge_and_unload()
        if pack:
            if keep_float_weights is None:
                keep_float_weights = not kernels.available()
            counts = quantize_weights(lm.model, quantize, keep_float=keep_float_weights)
            counts["lora"] = fuse_lora(lm.model)  # LoRA beside the packed base, minus peft's per-call overhead
            if precise_activations is None:
                precise_activations = True  # the model's own answers first; --fast opts out
            set_precise_activations(lm.model, precise_activations)
            if not keep_float_weights:
                _release_checkpoint_memory(lm.model)
            lm.extra["quantization"] = "+".join(f"{k}:{v}" for k, v in counts.items() if v and k != "kept") or "none"
            lm.extra["kernels"] = kernels.describe()
            if kernels.available():
                lm.extra["activations"] = "int8 x2 (precise)" if precise_activations else "int8"
        else:
            lm.extra["quantization"] = "none"
        self.compile = bool(compile)
        if self.compile:
            # Plain attention compiles into fused kernels; the SDPA call is an opaque op with
            # more per-token overhead at batch 1 (measured 77.6 vs 72.5 tok/s).
            lm.model.set_attn_implementation("eager")
        lm.extra["compiled"] = self.compile
        # The lean decode step pays off once the matmuls are cheap (packed weights); the
        # compiled path fuses transformers' own forward instead.
        lm.extra["fast_decode"] = pack and not self.compile and fast_decode.install(lm.model)
        self.loaded = lm
        self.tokenizer = lm.tokenizer
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

    def _compile_kwargs(self, width: int) -> dict[str, Any]:
        # The static cache is sized to a power of two (>= 256) so calls of similar length share
        # one compiled graph. Every decode step attends over the whole cache, so the bucket is
        # chosen per call (a 512 cache decodes 53 tok/s, a 256 one 68 tok/s): one graph per
        # bucket, compiled on first use.
        cfg = CompileConfig(mode="default", fullgraph=False)
        cfg._compile_all_devices = True  # transformers only auto-compiles on GPUs unless told
        limit = getattr(self.model.config, "max_position_embeddings", 8192) or 8192
        bucket = 256
        while bucket < width and bucket < limit:
            bucket *= 2
        self.model._previous_max_cache_length = -1  # transformers would otherwise only ever grow it
        return {"cache_implementation": "static", "compile_config": cfg, "max_cache_len": min(bucket, limit)}

    @property
    def keeps_cache(self) -> bool:
        """Whether the model keeps a key/value cache (the from-scratch families re-read their
        short context each step instead)."""
        model = self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model
        return getattr(model, "_supports_cache_class", True) is not False

    def cache_kwargs(self, width: int, rows: int) -> dict[str, Any]:
        """The KV cache (and compile settings) for one ``model.generate`` call.

        Args:
            width: Prompt length plus new tokens. rows: Sequences decoded together (0 for beams).
        """
        if not self.keeps_cache:
            return {}
        if self.compile and rows == 1:
            # Only the latency-bound single stream is compiled: one graph, no recompiles for
            # every batch size; batches are throughput-bound and gain little from it.
            return self._compile_kwargs(width)
        # No per-token cache copies; also what routes decode steps to the lean llama step.
        return {CACHE_KWARG: GrowingCache(config=self.model.config)}

    def _gen_kwargs(self, params: SamplingParams,
                    cancel: threading.Event | Sequence[threading.Event] | None, width: int = 0,
                    rows: int = 1) -> dict[str, Any]:
        kw = params.to_generation_kwargs()
        if NucleusSampler.applies_to(params):
            for key in ("temperature", "top_k", "top_p", "min_p", "typical_p"):
                kw.pop(key, None)
            kw["do_sample"] = False
            kw["logits_processor"] = LogitsProcessorList(
                [NucleusSampler(params.temperature, params.top_k, params.top_p, params.min_p)])
        kw["num_return_sequences"] = params.n
        kw["pad_token_id"] = self.tokenizer.pad_token_id
        kw["eos_token_id"] = self.tokenizer.eos_token_id
        if params.stop:
            kw["stop_strings"] = params.stop
            kw["tokenizer"] = self.tokenizer
        kw.update(self.cache_kwargs(width, rows if params.num_beams == 1 else 0))
        if cancel is not None:
            events = [cancel] if isinstance(cancel, threading.Event) else list(cancel)
            kw["stopping_criteria"] = StoppingCriteriaList([_Cancel(events, params.num_beams if params.num_beams > 1 else params.n)])
        return kw

    # ----------------------------------------------------------------- public
    def warm_up(self) -> float:
        """Run one short generation so compilation happens now, not on the first request."""
        import time

        start = time.perf_counter()
        self.generate("Hello", {"temperature": 0, "max_new_tokens": 8})
        return time.perf_counter() - start

    def generate(
        self,
        prompts: str | Sequence[str],
        params: SamplingParams | dict[str, Any] | None = None,
        cancel: threading.Event | Sequence[threading.Event] | None = None,
        logits_processors: Sequence[Any] = (),
    ) -> list[Completion]:
        """Generate for one prompt or a batch (one forward pass per step for the whole batch).

        Args:
            prompts: A prompt or a list of prompts (raw text; use :meth:`chat` for messages).
            params: Sampling parameters (object or dict).
            cancel: Optional event (or one per prompt); setting it ends that generation early
                (finish reason "length").
            logits_processors: Extra transformers ``LogitsProcessor`` objects (run after the
                built-in ones), e.g. the humanizer's no-copy constraint.

        Returns:
            ``len(prompts) * params.n`` completions, prompt-major (``prompt_index``, ``index``).
        """
        params = params if isinstance(params, SamplingParams) else build(SamplingParams, params or {})
        prompt_list = [prompts] if isinstance(prompts, str) else list(prompts)
        if not prompt_list or any(not isinstance(p, str) for p in prompt_list):
            raise ConfigError("prompts must be a non-empty string or list of strings", field="prompt")
        enc = self._encode(prompt_list)
        width = enc["input_ids"].shape[1]
        prompt_lens = enc["attention_mask"].sum(dim=1).tolist()
        kw = self._gen_kwargs(params, cancel, width + params.max_new_tokens, len(prompt_list) * params.n)
        # Each prompt prefilled once, its keys and values copied to its n rows (see _prefill_once).
        prefill_once = (params.n > 1 and params.num_beams == 1 and width > 1
                        and isinstance(kw.get(CACHE_KWARG), GrowingCache))
        if params.n > 1 and (prefill_once or NucleusSampler.applies_to(params)):
            # (Our sampler runs under transformers' greedy loop, which takes one sequence per
            # input: the prompts are repeated n times for it too, in the same prompt-major order.)
            kw["num_return_sequences"] = 1
        if logits_processors:  # before our sampler, which must see the final scores
            kw["logits_processor"] = LogitsProcessorList(list(logits_processors) + list(kw.get("logits_processor", [])))
        with self._lock, torch.inference_mode():
            if prefill_once:
                enc = self._prefill_once(enc, params.n, kw[CACHE_KWARG])
            elif params.n > 1 and NucleusSampler.applies_to(params):
                enc = {k: v.repeat_interleave(params.n, dim=0) for k, v in enc.items()}
            if params.seed is not None:
                torch.manual_seed(params.seed)
            out = self.model.generate(**enc, **kw)
        new_tokens = out[:, width:]
        results = []
        eos = self.tokenizer.eos_token_id
        # Stop strings that are added tokens (e.g. a trained "[END]") vanish from decoded text,
        # so they are found by id instead (the small added-token table, not the whole vocab).
        added = self.tokenizer.get_added_vocab() if params.stop else {}
        stop_ids = {added[s] for s in params.stop if s in added}
        for row in range(new_tokens.shape[0]):
            p_idx, c_idx = divmod(row, params.n)
            ids = new_tokens[row].tolist()
            hit_eos = eos in ids
            if hit_eos:
                ids = ids[: ids.index(eos)]
            at = next((i for i, t in enumerate(ids) if t in stop_ids), None)
            if at is not None:
                ids = ids[:at]
            text = self.tokenizer.decode(ids, skip_special_tokens=True)
            text, hit_stop = cut_at_stop(text, params.stop)
            hit_stop = hit_stop or at is not None
            finish = "stop" if (hit_eos or hit_stop) else "length"
            results.append(Completion(text, p_idx, c_idx, int(prompt_lens[p_idx]), len(ids) + int(hit_eos), finish))
        return results

    @functools.cached_property
    def _takes_logits_to_keep(self) -> bool:
        base = self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model
        return "logits_to_keep" in inspect.signature(base.forward).parameters

    def _prefill_once(self, enc: dict[str, torch.Tensor], n: int, cache: GrowingCache) -> dict[str, torch.Tensor]:
        """Prefill each prompt once into ``cache`` and give its ``n`` rows copies of the keys and
        values; returns the inputs repeated per row. transformers' ``generate`` repeats the
        prompts first and prefills every copy (the humanizer's 5 candidates: 5x the prefill).
        The last prompt token is left for ``generate``, which computes the first new token."""
        ids, mask = enc["input_ids"], enc["attention_mask"]
        positions = (mask.long().cumsum(-1) - 1).clamp(min=0)  # (as generate numbers left-padded rows)
        # (the prefill's logits are not used: skip the vocabulary projection where the model allows)
        skip = {"logits_to_keep": 1} if self._takes_logits_to_keep else {}
        self.model(input_ids=ids[:, :-1], attention_mask=mask[:, :-1], position_ids=positions[:, :-1],
                   use_cache=True, **skip, **{CACHE_KWARG: cache})
        cache.batch_repeat_interleave(n)
        return {k: v.repeat_interleave(n, dim=0) for k, v in enc.items()}

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
        kw = self._gen_kwargs(params, cancel, enc["input_ids"].shape[1] + params.max_new_tokens)
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

