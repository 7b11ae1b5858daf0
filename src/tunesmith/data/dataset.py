"""From a :class:`DataConfig` to tokenized train/validation sets with loss masks.

Plain text is concatenated and cut into full blocks (no padding at all). Prompt/completion
and chat examples keep their own sequences with labels = -100 outside the part the model
should learn; the trainer groups them by length and pads only to the longest in a batch, so
almost no compute goes to padding.
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass, field
from typing import Any

from ..config import DataConfig
from ..errors import DataError
from .sources import load_located
from .templates import NAMED_TEMPLATES, detect_format, to_shape

log = logging.getLogger(__name__)
IGNORE = -100


@dataclass
class TokenizedData:
    train: list[dict[str, list[int]]]
    val: list[dict[str, list[int]]]
    format: str
    stats: dict[str, Any] = field(default_factory=dict)
    val_examples: list[dict[str, Any]] = field(default_factory=list)  # shaped, untokenized (for samples/metrics)


def shape_records(cfg: DataConfig, located: list[tuple[str, dict[str, Any]]], source: str
                  ) -> tuple[list[dict], str, dict]:
    """Apply format, named-template filter, de-dup and length filters to ``(where, record)``
    pairs (as :func:`load_located` returns them); report counts."""
    fmt = cfg.format if cfg.format != "auto" else detect_format(located[0][1], cfg.text_column)
    counts = {"records": len(located)}
    if fmt in NAMED_TEMPLATES and NAMED_TEMPLATES[fmt][1] is not None:
        keep = NAMED_TEMPLATES[fmt][1]
        located = [(where, r) for where, r in located if keep(r)]
        counts["after quality filter"] = len(located)
        if not located:
            raise DataError(f"{source}: the {fmt} quality filter removed every record", field="data.format")
    if fmt in ("text", "completion") and source.startswith("hf:"):
        # A Hub data set can't be edited to fix a blank row (wikitext has many): skip and count
        # them. Files the user owns get the error, as uploads do.
        column = cfg.text_column if fmt == "text" else cfg.completion_column
        filled = [(where, r) for where, r in located if str(r.get(column) or "").strip()]
        if len(filled) < len(located):
            counts[f"skipped: blank {fmt}"] = len(located) - len(filled)
            located = filled
        if not located:
            raise DataError(f"{source}: every record's '{column}' is blank", field=f"data.{fmt}_column")
    shaped = [to_shape(r, fmt, cfg.text_column, cfg.prompt_column, cfg.completion_column, where)
              for where, r in located]
    if cfg.dedup:
        seen, unique = set(), []
        for ex in shaped:
            key = hashlib.sha1(repr(sorted(ex.items())).encode()).hexdigest()
            if key not in seen:
                seen.add(key)
                unique.append(ex)
        shaped = unique
        counts["after dedup"] = len(shaped)
    before = len(shaped)
    shaped = [ex for ex in shaped if cfg.min_chars <= example_chars(ex) <= (cfg.max_chars or 10**12)]
    counts["after length filter"] = len(shaped)
    if before and not shaped:
        raise DataError(f"{source}: every example was removed by the length filter (min_chars={cfg.min_chars}, "
                        f"max_chars={cfg.max_chars}); loosen data.min_chars / data.max_chars", field="data.max_chars")
    if not shaped:
        raise DataError(f"{source}: no examples left (dedup removed them all?)", field="data.source")
    return shaped, fmt, counts


def example_chars(ex: dict[str, Any]) -> int:
    if "text" in ex:
        return len(ex["text"])
    if "messages" in ex:
        return sum(len(m["content"]) for m in ex["messages"])
    return len(ex["prompt"]) + len(ex["completion"])


def split(examples: list[dict], fraction: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Seeded shuffle, then hold out ``fraction`` (at least one example when fraction > 0)."""
    idx = list(range(len(examples)))
    random.Random(seed).shuffle(idx)
    n_val = max(1, round(len(idx) * fraction)) if fraction > 0 and len(idx) > 1 else 0
    val = [examples[i] for i in sorted(idx[:n_val])]
    train = [examples[i] for i in sorted(idx[n_val:])]
    return train, val


def tokenize_example(ex: dict[str, Any], tok, cfg: DataConfig, truncate: bool = True) -> dict[str, list[int]]:
    """Token ids and labels (-100 where no loss is taken) for one shaped example.

    ``truncate=False`` keeps whole documents (when packing cuts them into blocks anyway)."""
    eos = [tok.eos_token_id] if tok.eos_token_id is not None else []
    if "text" in ex:
        ids = tok(ex["text"], add_special_tokens=False)["input_ids"] + eos
        labels = list(ids)
    elif "messages" in ex:
        ids, labels = tokenize_chat(ex["messages"], tok)
    else:
        prompt, completion = ex["prompt"], ex["completion"]
        if cfg.chat_template:
            ids, labels = tokenize_chat([{"role": "user", "content": prompt},
                                         {"role": "assistant", "content": completion}], tok)
        else:
            p_ids = tok(prompt, add_special_tokens=False)["input_ids"]
            c_ids = tok(completion, add_special_tokens=False)["input_ids"] + eos
            ids, labels = p_ids + c_ids, [IGNORE] * len(p_ids) + c_ids
    if truncate:
        ids, labels = ids[: cfg.max_length], labels[: cfg.max_length]
    return {"input_ids": ids, "labels": labels}


def tokenize_chat(messages: list[dict[str, str]], tok) -> tuple[list[int], list[int]]:
    """Render through the chat template; only assistant turns carry labels."""
    if not getattr(tok, "chat_template", None):
        raise DataError("chat data needs a tokenizer with a chat template (use an instruct model)", field="data.format")
    ids: list[int] = []
    labels: list[int] = []
    rendered = ""
    for i, msg in enumerate(messages):
        if msg["role"] == "assistant":
            prefix = tok.apply_chat_template(messages[:i], tokenize=False, add_generation_prompt=True)
            upto = tok.apply_chat_template(messages[: i + 1], tokenize=False)
            segments = [(prefix[len(rendered):], False), (upto[len(prefix):], True)]
            rendered = upto
        else:
            upto = tok.apply_chat_template(messages[: i + 1], tokenize=False)
            segments = [(upto[len(rendered):], False)]
            rendered = upto
        for text, learn in segments:
            seg = tok(text, add_special_tokens=False)["input_ids"]
            ids += seg
            labels += seg if learn else [IGNORE] * len(seg)
    return ids, labels


def pack(rows: list[dict[str, list[int]]], block_size: int) -> list[dict[str, list[int]]]:
    """Concatenate and cut into full blocks of ``block_size`` (the short tail is dropped)."""
    ids = [t for r in rows for t in r["input_ids"]]
    labels = [t for r in rows for t in r["labels"]]
    n = len(ids) // block_size * block_size
    if n == 0:  # less than one block: keep what there is rather than nothing
        return [{"input_ids": ids, "labels": labels}] if ids else []
    return [{"input_ids": ids[i:i + block_size], "labels": labels[i:i + block_size]} for i in range(0, n, block_size)]


def build_datasets(cfg: DataConfig, tokenizer) -> TokenizedData:
    """Load, shape, filter, split and tokenize according to ``cfg``.

    Returns:
        :class:`TokenizedData` with lists of ``{"input_ids", "labels"}`` rows and counts.
    """
    located = load_located(cfg.source, cfg.columns, cfg.hf_config, cfg.hf_split, cfg.max_records)
    drifted = 0
    if cfg.verify_pairs:  # a rewrite that changes a claim must not be learned as a good one
        from ..claims import verify

        kept = [(where, r) for where, r in located
                if not ("formal" in r and "natural" in r) or not verify(r["formal"], r["natural"])]
        drifted, located = len(located) - len(kept), kept
    if located or not (cfg.augment and cfg.format == "humanizer"):
        shaped, fmt, counts = shape_records(cfg, located, cfg.source)
    else:  # every authored pair drifted: the verified augmentation pairs are the data
        shaped, fmt, counts = [], cfg.format, {"records": 0}
    if cfg.verify_pairs:
        counts["dropped: rewrite changed a claim"] = drifted
    if cfg.val_source:
        val_located = load_located(cfg.val_source, cfg.columns, cfg.hf_config, cfg.hf_split)
        train_ex = shaped
        val_ex, _, _ = shape_records(cfg.model_copy(update={"format": fmt}), val_located, cfg.val_source)
    else:
        train_ex, val_ex = split(shaped, cfg.val_fraction, cfg.seed)
    if fmt == "humanizer" and cfg.augment:
        from .humanizer import augmentation_examples

        extra = [to_shape(r, fmt, "", "", "", "augmentation") for r in augmentation_examples(cfg.augment, seed=cfg.seed)]
        counts["augmentation examples"] = len(extra)
        extra_train, extra_val = split(extra, 0.0 if cfg.val_source else cfg.val_fraction, cfg.seed)
        train_ex, val_ex = train_ex + extra_train, val_ex + extra_val
    packing = cfg.packing if cfg.packing is not None else fmt == "text"
    # Packed data is cut into blocks, so documents stay whole (a play is one record).
    train_rows = [tokenize_example(ex, tokenizer, cfg, truncate=not packing) for ex in train_ex]
    val_rows = [tokenize_example(ex, tokenizer, cfg, truncate=not packing) for ex in val_ex]
    if packing:
        before = sum(len(r["input_ids"]) for r in train_rows + val_rows)
        train_rows, val_rows = pack(train_rows, cfg.block_size), pack(val_rows, cfg.block_size)
        dropped = before - sum(len(r["input_ids"]) for r in train_rows + val_rows)
        if dropped:
            counts["tokens dropped (the part after the last full block)"] = dropped
        if dropped > 0.1 * before:
            log.warning("%s: %d of its %d tokens are dropped, because packing keeps only full blocks of "
                        "data.block_size=%d; lower data.block_size to keep them", cfg.source, dropped, before,
                        cfg.block_size)
        if not val_rows and not cfg.val_source and cfg.val_fraction > 0 and len(train_rows) > 1:
            # One document (a single uploaded .txt) can't be split by record: hold out its last
            # blocks instead, a contiguous tail as nanoGPT's 90/10 split does.
            n_val = max(1, round(len(train_rows) * cfg.val_fraction))
            train_rows, val_rows = train_rows[:-n_val], train_rows[-n_val:]
            counts["validation"] = f"last {n_val} blocks of the text"
    if not val_rows and not cfg.val_source and cfg.val_fraction > 0:
        log.warning("%s: too little data for a validation split (data.val_fraction=%s); the run reports no "
                    "validation perplexity (add data, lower data.block_size, or set data.val_source)", cfg.source,
                    cfg.val_fraction)
    train_rows = [r for r in train_rows if any(label != IGNORE for label in r["labels"])]
    if not train_rows:
        raise DataError(f"{cfg.source}: no training examples left after tokenization (prompts longer than "
                        f"max_length={cfg.max_length}?)", field="data.max_length")
    counts.update(train=len(train_rows), val=len(val_rows),
                  train_tokens=sum(len(r["input_ids"]) for r in train_rows),
                  train_loss_tokens=sum(sum(label != IGNORE for label in r["labels"]) for r in train_rows),
                  packing=packing)
    return TokenizedData(train_rows, val_rows, fmt, counts, val_ex)
