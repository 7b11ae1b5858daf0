"""Per-row next-token choice for the continuous batch: every row has its own sampling settings,
its own token history (penalties) and its own random generator (a seed gives the same text
whatever else shares the batch).

All rows are chosen in one pass: temperature, top-k and top-p for every row at once (the
nucleus found among the top candidates instead of sorting the whole vocabulary, see
:class:`tunesmith.generate.NucleusSampler` for the measurements), then min-p (transformers'
order); the controls that need a row's history or a full sort (repetition penalty, no-repeat
n-grams, typical-p, with a typical-p row's min-p before it) run first, per row, through
transformers' own processors.
"""

from __future__ import annotations

import torch
from transformers import (LogitsProcessorList, NoRepeatNGramLogitsProcessor, RepetitionPenaltyLogitsProcessor,
                          TypicalLogitsWarper)

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


def choose_batch(logits: torch.Tensor, params: list[SamplingParams], histories: list[torch.Tensor],
                 procs: list[LogitsProcessorList], generators: list[torch.Generator | None]) -> list[int]:
    """Next tokens of the rows of one decode step, each with its own settings, in one pass.

    Each sampled row draws one uniform number from its own generator and takes the token where
    its cumulative distribution passes it (the distribution ``torch.multinomial`` samples; it
    would draw one number per candidate). Plain temperature rows go over the whole vocabulary
    block-wise (a full-vocabulary cumsum in float64 was ~3 ms of a 16-row step); top-k / top-p
    rows over their top candidates (a nucleus wider than CANDIDATES, from a flat distribution,
    is found by a full sort). Per row the result is what that row alone gets.

    Args:
        logits: ``[rows, vocab]`` scores (not modified).
        params: Each row's sampling settings.
        histories: Each row's prompt and generated ids, ``[1, tokens]`` (for its processors).
        procs: Each row's :func:`processors` (built once per row).
        generators: Each row's random generator (None for greedy rows).
    """
    scores = logits.float()
    penalised = [i for i in range(len(params)) if len(procs[i])]
    if penalised:
        scores = scores.clone()
    for i in penalised:
        scores[i: i + 1] = procs[i](histories[i], scores[i: i + 1])
    tokens = torch.zeros(len(params), dtype=torch.long)
    greedy = [i for i, p in enumerate(params) if p.greedy]
    if greedy:
        tokens[greedy] = scores[greedy].argmax(-1)
    sampled = [i for i, p in enumerate(params) if not p.greedy]
    if not sampled:
        return tokens.tolist()
    # Full-vocabulary tensors are ~3 MB at 16 rows, and each gather of rows or fresh buffer cost
    # ~0.5-1 ms of page faults (a 16-row step's sampling took 6-10 ms). So every row goes through
    # one buffer, in place (a greedy row with temperature 1; its result is not used), and only
    # top-k / top-p rows are gathered.
    temps = torch.tensor([1.0 if p.greedy else p.temperature for p in params], dtype=torch.float32)[:, None]
    scaled = scores / temps
    typical = [i for i in sampled if params[i].typical_p is not None and params[i].typical_p < 1.0]
    for i in typical:  # the rare warper that needs a full sort, per row (after min-p, transformers' order)
        p, row = params[i], scaled[i: i + 1]
        if p.min_p:
            row.masked_fill_((row - row.amax(-1, keepdim=True)).exp() < p.min_p, -float("inf"))
        scaled[i: i + 1] = TypicalLogitsWarper(p.typical_p)(histories[i], row)
    # min-p of the other rows, after their top-k / top-p (typical-p may have dropped a row's top token)
    min_ps = [0.0 if i in typical else p.min_p for i, p in enumerate(params)]
    # Probabilities up to a factor per row (the softmax without its division): the whole-vocabulary
    # sampler scales its uniform number by the row's total, top-k / top-p rows are normalised.
    weights = scaled.sub_(scaled.amax(-1, keepdim=True)).exp_()
    u = torch.full((len(params), 1), 0.5, dtype=torch.float64)
    for i in sampled:
        u[i] = torch.rand(1, dtype=torch.float64, generator=generators[i])
    whole = [i for i in sampled if not params[i].top_k and params[i].top_p >= 1.0]
    nucleus = [i for i in sampled if params[i].top_k or params[i].top_p < 1.0]
    if whole:
        # min-p: a weight is the token's probability over the top token's (the top weighs exp(0) = 1)
        floor = torch.tensor([min_ps[i] if i in whole else 0.0 for i in range(len(params))])[:, None]
        if bool(floor.any()):
            weights.masked_fill_(weights < floor, 0.0)
        tokens[whole] = _sample_blocked(weights, u)[whole]
    if nucleus:
        probs = weights[nucleus]
        probs /= probs.sum(-1, keepdim=True)
        tokens[nucleus] = _sample_nucleus(probs, u[nucleus], [params[i].top_k for i in nucleus],
                                          [params[i].top_p for i in nucleus], [min_ps[i] for i in nucleus])
    return tokens.tolist()


def _sample_nucleus(probs: torch.Tensor, u: torch.Tensor, top_ks: list[int | None], top_ps: list[float],
                    min_ps: list[float]) -> torch.Tensor:
    """Top-k / top-p (then min-p) draws for each row (``probs`` full softmax, ``u`` one uniform
    number per row)."""
    rows, vocab = probs.shape
    top, idx = probs.topk(min(max(CANDIDATES, *(k or 0 for k in top_ks)), vocab))
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
    floor = torch.tensor(min_ps, dtype=top.dtype)[:, None]
    top = top.masked_fill(top < floor * top[:, :1], 0.0)  # min-p after them (column 0 is the top token)
    cdf = top.double().cumsum(-1)
    target = torch.minimum(u * cdf[:, -1:], cdf[:, -1:])
    pos = torch.searchsorted(cdf, target, right=False).clamp_(max=width - 1)  # first where cdf reaches it
    out = idx.gather(1, pos)[:, 0]
    # A flat distribution: without top-k the nucleus may be wider than the candidates (rare).
    for r in range(rows):
        if not top_ks[r] and top_ps[r] < 1.0 and candidates_mass[r] < top_ps[r]:
            full, order = probs[r].sort(descending=True)
            keep = ~(((full.cumsum(-1) - full) >= top_ps[r]) & (torch.arange(vocab) > 0)) & (full >= min_ps[r] * full[0])
            cdf_r = (full * keep).double().cumsum(-1)
            t = torch.searchsorted(cdf_r, torch.minimum(u[r] * cdf_r[-1], cdf_r[-1:]), right=False).clamp_(max=vocab - 1)
            out[r] = order[t]
    return out


BLOCK = 256


def _sample_blocked(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """For each row, the first token whose cumulative probability exceeds ``u`` x the total
    (``probs`` may be unnormalised: weights proportional to the probabilities)."""
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
