"""Per-row next-token choice for the continuous batch: every row has its own sampling settings,
its own token history (penalties) and its own random generator (a seed gives the same text
whatever else shares the batch).

The common controls (temperature, top-k, top-p, repetition penalty) are applied to all such
rows in one pass, finding the nucleus among the top candidates instead of sorting the whole
vocabulary (see :class:`tunesmith.generate.NucleusSampler` for the measurements); the uncommon
ones (no-repeat n-grams, min-p, typical-p) run per row through transformers' own processors.
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


def batchable(params: SamplingParams) -> bool:
    """Whether the row is chosen with the other such rows in one pass (:func:`choose_batch`):
    greedy or temperature sampling with top-k (up to CANDIDATES), top-p and a repetition penalty."""
    return (not params.no_repeat_ngram_size and not params.min_p and (params.typical_p is None or params.typical_p >= 1.0)
            and (not params.top_k or params.top_k <= CANDIDATES))


def choose_batch(logits: torch.Tensor, params: list[SamplingParams], histories: list[torch.Tensor],
                 generators: list[torch.Generator | None]) -> list[int]:
    """Next tokens of :func:`batchable` rows, in one pass.

    Each sampled row draws one uniform number from its own generator and takes the token where
    its cumulative distribution passes it (the distribution ``torch.multinomial`` samples; it
    would draw one number per candidate). Plain temperature rows go over the whole vocabulary
    block-wise (a full-vocabulary cumsum in float64 was ~3 ms of a 16-row step); top-k / top-p
    rows over their top CANDIDATES (a nucleus wider than that, from a flat distribution, is
    found by a full sort). Per row the result is what that row alone gets.

    Args:
        logits: ``[rows, vocab]`` scores (not modified).
        params: Each row's sampling settings.
        histories: Each row's prompt and generated ids, 1-D (read for the repetition penalty).
        generators: Each row's random generator (None for greedy rows).
    """
    scores = logits.float()
    penalised = [i for i, p in enumerate(params) if p.repetition_penalty != 1.0]
    if penalised:
        scores = scores.clone()
    for i in penalised:  # as transformers' RepetitionPenaltyLogitsProcessor
        penalty = params[i].repetition_penalty
        seen = scores[i].gather(0, histories[i])
        scores[i].scatter_(0, histories[i], torch.where(seen < 0, seen * penalty, seen / penalty))
    tokens = torch.zeros(len(params), dtype=torch.long)
    greedy = [i for i, p in enumerate(params) if p.greedy]
    if greedy:
        tokens[greedy] = scores[greedy].argmax(-1)
    sampled = [i for i, p in enumerate(params) if not p.greedy]
    if not sampled:
        return tokens.tolist()
    u = {i: torch.rand(1, dtype=torch.float64, generator=generators[i]) for i in sampled}
    whole = [i for i in sampled if not params[i].top_k and params[i].top_p >= 1.0]
    nucleus = [i for i in sampled if i not in whole]
    for group, pick in ((whole, _sample_blocked), (nucleus, _sample_nucleus)):
        if group:
            idx = torch.tensor(group)
            temps = torch.tensor([params[i].temperature for i in group], dtype=torch.float32)[:, None]
            probs = (scores[idx] / temps).softmax(-1)
            draws = torch.cat([u[i] for i in group])[:, None]
            if pick is _sample_blocked:
                tokens[idx] = _sample_blocked(probs, draws)
            else:
                tokens[idx] = _sample_nucleus(probs, draws, [params[i].top_k for i in group],
                                              [params[i].top_p for i in group])
    return tokens.tolist()


def _sample_nucleus(probs: torch.Tensor, u: torch.Tensor, top_ks: list[int | None], top_ps: list[float]) -> torch.Tensor:
    """Top-k / top-p draws for each row (``probs`` full softmax, ``u`` one uniform number per row)."""
    rows, vocab = probs.shape
    top, idx = probs.topk(min(CANDIDATES, vocab))
    width = top.shape[1]
    candidates_mass = top.sum(-1).tolist()
    ks = torch.tensor([k or width for k in top_ks])[:, None]
    in_k = torch.arange(width)[None, :] < ks
    top = top * in_k
    # top-k renormalises over its k (the softmax of the k best scores); top-p alone does not
    has_k = torch.tensor([bool(k) for k in top_ks])[:, None]
    top = torch.where(has_k, top / top.sum(-1, keepdim=True), top)
    ps = torch.tensor([p if p < 1.0 else float("inf") for p in top_ps], dtype=top.dtype)[:, None]  # (1: no cut)
    outside = (top.cumsum(-1) - top) >= ps  # the mass before this token is already enough
    outside[:, 0] = False
    top = top.masked_fill(outside, 0.0)
    cdf = top.double().cumsum(-1)
    target = torch.minimum(u * cdf[:, -1:], cdf[:, -1:])
    pos = torch.searchsorted(cdf, target, right=False).clamp_(max=width - 1)  # first where cdf reaches it
    out = idx.gather(1, pos)[:, 0]
    # A flat distribution: without top-k the nucleus may be wider than the candidates (rare).
    for r in range(rows):
        if not top_ks[r] and top_ps[r] < 1.0 and candidates_mass[r] < top_ps[r]:
            full, order = probs[r].sort(descending=True)
            keep = ~(((full.cumsum(-1) - full) >= top_ps[r]) & (torch.arange(vocab) > 0))
            cdf_r = (full * keep).double().cumsum(-1)
            t = torch.searchsorted(cdf_r, torch.minimum(u[r] * cdf_r[-1], cdf_r[-1:]), right=False).clamp_(max=vocab - 1)
            out[r] = order[t]
    return out


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
