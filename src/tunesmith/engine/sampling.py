"""Per-row next-token choice for the continuous batch: every row has its own sampling settings,
its own token history (penalties) and its own random generator (a seed gives the same text
whatever else shares the batch).

The uncommon controls (repetition penalty, no-repeat n-grams, min-p, typical-p) run through
transformers' own logits processors; the common path (temperature, top-k, top-p) finds the
nucleus among the top candidates instead of sorting the whole vocabulary (see
:class:`tunesmith.generate.NucleusSampler` for the measurements).
"""

from __future__ import annotations

import torch
from transformers import (LogitsProcessorList, MinPLogitsWarper, NoRepeatNGramLogitsProcessor,
                          RepetitionPenaltyLogitsProcessor, TypicalLogitsWarper)

from ..config import SamplingParams

CANDIDATES = 256


def processors(params: SamplingParams) -> LogitsProcessorList:
    """transformers' processors for the controls that need the token history or a full sort."""
    out = LogitsProcessorList()
    if params.repetition_penalty != 1.0:
        out.append(RepetitionPenaltyLogitsProcessor(params.repetition_penalty))
    if params.no_repeat_ngram_size:
        out.append(NoRepeatNGramLogitsProcessor(params.no_repeat_ngram_size))
    return out


def choose(logits: torch.Tensor, history: torch.Tensor, params: SamplingParams, procs: LogitsProcessorList,
           generator: torch.Generator | None) -> int:
    """The next token of one row.

    Args:
        logits: ``[1, vocab]`` scores for the row's next position.
        history: ``[1, tokens]`` the row's prompt and generated ids (for penalties).
        params: The row's sampling settings.
        procs: :func:`processors` for ``params`` (built once per row).
        generator: The row's random generator (None: greedy needs none).
    """
    scores = logits.float()
    if len(procs):
        scores = procs(history, scores)
    if params.greedy:
        return int(scores.argmax(-1))
    scores = scores / params.temperature
    if params.min_p:
        scores = MinPLogitsWarper(params.min_p)(history, scores)
    if params.typical_p is not None and params.typical_p < 1.0:
        scores = TypicalLogitsWarper(params.typical_p)(history, scores)
    if params.top_k:
        top, idx = scores.topk(min(params.top_k, scores.shape[-1]))
        probs = top.softmax(-1)
    elif params.top_p < 1.0:
        full = scores.softmax(-1)
        probs, idx = full.topk(min(CANDIDATES, full.shape[-1]))
        if float(probs.sum()) < params.top_p:  # a flat distribution: the nucleus is wider
            probs, idx = full.sort(descending=True)
    else:  # the whole vocabulary
        probs = scores.softmax(-1)
        return int(torch.multinomial(probs, 1, generator=generator))
    if params.top_p < 1.0:
        outside = (probs.cumsum(-1) - probs) >= params.top_p  # mass before this token already enough
        outside[..., 0] = False
        probs = probs.masked_fill(outside, 0.0)
    return int(idx[0, int(torch.multinomial(probs, 1, generator=generator))])


def plain(params: SamplingParams) -> bool:
    """Greedy or plain temperature sampling with nothing else: chosen for all such rows at once."""
    return (params.repetition_penalty == 1.0 and not params.no_repeat_ngram_size and not params.top_k
            and params.top_p >= 1.0 and not params.min_p and (params.typical_p is None or params.typical_p >= 1.0))


def choose_plain(logits: torch.Tensor, temperatures: list[float], generators: list[torch.Generator | None]) -> list[int]:
    """Next tokens of rows that only need greedy or temperature sampling, in one pass.

    Sampling draws one uniform number per row from the row's own generator against the
    row's cumulative distribution (the same distribution as ``torch.multinomial``, which
    would draw one random number per vocabulary entry: ~0.5 ms a row here). The cumulative
    sum runs over blocks of the vocabulary first, then within the one block the number falls
    in (a full-vocabulary cumsum in float64 was ~3 ms of a 16-row step).
    """
    tokens = logits.argmax(-1)
    sampled = [i for i, t in enumerate(temperatures) if t > 0]
    if sampled:
        idx = torch.tensor(sampled)
        temps = torch.tensor([temperatures[i] for i in sampled], dtype=torch.float32)[:, None]
        probs = (logits[idx].float() / temps).softmax(-1)
        u = torch.cat([torch.rand(1, dtype=torch.float64, generator=generators[i]) for i in sampled])[:, None]
        tokens[idx] = _sample_blocked(probs, u)
    return tokens.tolist()


BLOCK = 256


def _sample_blocked(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """For each row, the first token whose cumulative probability exceeds ``u`` x the total."""
    rows, vocab = probs.shape
    pad = (-vocab) % BLOCK
    blocks = (torch.nn.functional.pad(probs, (0, pad)) if pad else probs).view(rows, -1, BLOCK)
    block_cdf = blocks.sum(-1).double().cumsum(-1)
    target = u * block_cdf[:, -1:]
    b = torch.searchsorted(block_cdf, target, right=True).clamp_(max=block_cdf.shape[1] - 1)  # rows x 1
    before = torch.where(b > 0, block_cdf.gather(1, (b - 1).clamp(min=0)), torch.zeros_like(target))
    inner = blocks[torch.arange(rows), b[:, 0]].double().cumsum(-1) + before
    # (block sums are float32: the target may pass the block's float64 total by rounding; then
    # the block's last token with any probability, never a zero-probability one after it)
    t = torch.searchsorted(inner, torch.minimum(target, inner[:, -1:]), right=False).clamp_(max=BLOCK - 1)
    return (b * BLOCK + t)[:, 0].clamp_(max=vocab - 1)
