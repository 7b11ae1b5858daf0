"""Language models trained from scratch: four families as Hugging Face models.

Importing this package registers them with transformers' Auto classes, so ``fit()``,
``Generator``, the server and plain ``AutoModelForCausalLM`` handle them like any other model;
``save_pretrained`` also writes their code next to the weights (``auto_map``), so a run dir
loads without tunesmith: ``AutoModelForCausalLM.from_pretrained(dir, trust_remote_code=True)``.
"""

from __future__ import annotations

from transformers import AutoConfig, AutoModelForCausalLM

from .decoder import GPTConfig, GPTForCausalLM, TransformerConfig, TransformerForCausalLM
from .rnn import CharRNNConfig, CharRNNForCausalLM, WordLSTMConfig, WordLSTMForCausalLM
from .tokenizers import char_tokenizer, word_tokenizer

FAMILIES = {
    "char-rnn": (CharRNNConfig, CharRNNForCausalLM),
    "word-lstm": (WordLSTMConfig, WordLSTMForCausalLM),
    "transformer": (TransformerConfig, TransformerForCausalLM),
    "gpt": (GPTConfig, GPTForCausalLM),
}

for _config, _model in FAMILIES.values():
    try:
        AutoConfig.register(_config.model_type, _config)
        AutoModelForCausalLM.register(_config, _model)
    except ValueError:  # already registered (module reloaded)
        pass
    _config.register_for_auto_class()
    _model.register_for_auto_class("AutoModelForCausalLM")


def build_model(family: str, vocab_size: int, **settings):
    """A freshly initialised model of ``family`` with ``settings`` (its config's fields)."""
    if family not in FAMILIES:
        from ..errors import ConfigError

        raise ConfigError(f"unknown architecture family {family!r}; use one of {', '.join(FAMILIES)}",
                          field="architecture.family")
    config_cls, model_cls = FAMILIES[family]
    unknown = set(settings) - settings_of(family) - {"pad_token_id", "eos_token_id", "bos_token_id"}
    if unknown:
        from ..errors import ConfigError

        raise ConfigError(f"unknown {family} setting(s) {sorted(unknown)}; use {', '.join(sorted(settings_of(family)))}",
                          field="architecture.settings")
    if family == "transformer" and settings.get("positions", "sinusoidal") == "sinusoidal":
        settings = {"scale_embeddings": True, **settings}  # the classic recipe for new models
    return model_cls(config_cls(vocab_size=vocab_size, **settings))


def settings_of(family: str) -> set[str]:
    """The settings a family's config takes (its ``__init__`` arguments and its bases')."""
    import inspect

    names: set[str] = {"tie_word_embeddings"}
    for cls in FAMILIES[family][0].__mro__:
        if cls.__module__.startswith("transformers"):
            break
        names |= {n for n, p in inspect.signature(cls.__init__).parameters.items()
                  if n != "self" and p.kind is not p.VAR_KEYWORD}
    return names - {"vocab_size"}


__all__ = ["FAMILIES", "build_model", "char_tokenizer", "word_tokenizer", "GPTConfig", "GPTForCausalLM",
           "TransformerConfig", "TransformerForCausalLM", "CharRNNConfig", "CharRNNForCausalLM", "WordLSTMConfig",
           "WordLSTMForCausalLM"]
