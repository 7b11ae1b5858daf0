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
    would draw one random number per vocabulary entry: ~0.5 ms a row here).
    """
    tokens = logits.argmax(-1)
    sampled = [i for i, t in enumerate(temperatures) if t > 0]
    if sampled:
        idx = torch.tensor(sampled)
        temps = torch.tensor([temperatures[i] for i in sampled], dtype=torch.float32)[:, None]
        cdf = (logits[idx].float() / temps).softmax(-1).double().cumsum(-1)
        u = torch.cat([torch.rand(1, dtype=torch.float64, generator=generators[i]) for i in sampled])[:, None]
        draws = torch.searchsorted(cdf, u * cdf[:, -1:], right=True).clamp_(max=cdf.shape[-1] - 1)[:, 0]
        tokens[idx] = draws
    return tokens.tolist()
