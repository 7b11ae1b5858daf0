"""Tokenizers built from the training text, saved as Hugging Face tokenizers (tokenizer.json).

* character: every distinct character is a token (lossless; unseen characters become <unk>).
* word: words, single punctuation marks and single whitespace characters are tokens, the
  ``vocab_size`` most frequent words (seen at least ``min_freq`` times) kept and the rest <unk>;
  decoding joins tokens back, so text round-trips exactly except for unknown words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

SPECIALS = ["<unk>", "<pad>", "<eos>"]
WORD_PATTERN = r"\w+|[^\w\s]|\s"


def _wrap(vocab: dict[str, int], pattern: str):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(pattern), behavior="isolated")
    tok.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", pad_token="<pad>", eos_token="<eos>",
                                   clean_up_tokenization_spaces=False)


def char_tokenizer(texts: Iterable[str]):
    """A character-level tokenizer over every character in ``texts``."""
    chars = sorted(set().union(*(set(t) for t in texts)))
    vocab = {t: i for i, t in enumerate(SPECIALS + [c for c in chars if c not in SPECIALS])}
    return _wrap(vocab, r"[\s\S]")


def word_tokenizer(texts: Iterable[str], vocab_size: int = 10_000, min_freq: int = 1):
    """A word-level tokenizer: the most frequent words (and every punctuation/space token seen)."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(re.findall(WORD_PATTERN, t))
    symbols = [w for w in counts if not re.fullmatch(r"\w+", w)]
    words = [w for w, n in counts.most_common() if re.fullmatch(r"\w+", w) and n >= min_freq]
    words = words[: max(0, vocab_size - len(SPECIALS) - len(symbols))]
    vocab = {t: i for i, t in enumerate(SPECIALS + sorted(symbols) + words)}
    return _wrap(vocab, WORD_PATTERN)
