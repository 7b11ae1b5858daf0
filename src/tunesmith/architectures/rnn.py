"""Recurrent language models trained from scratch, as Hugging Face models.

* ``char_rnn`` -- a character-level RNN (Karpathy 2015, "The Unreasonable Effectiveness of
  Recurrent Neural Networks"): GRU or LSTM cells, configurable layers and width.
* ``word_lstm`` -- a word-level LSTM language model (Zaremba et al. 2014; Merity et al. 2017's
  tied embeddings).

This file imports only torch and transformers: ``save_pretrained`` copies it next to the
weights, so a run dir loads with plain ``AutoModelForCausalLM.from_pretrained(dir,
trust_remote_code=True)``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from transformers import GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import CausalLMOutput


class _RNNConfig(PretrainedConfig):
    def __init__(self, vocab_size: int = 256, cell: str = "lstm", n_layer: int = 2, hidden_size: int = 256,
                 embedding_size: int | None = None, dropout: float = 0.0, **kwargs):
        if cell not in ("gru", "lstm"):
            raise ValueError("cell must be 'gru' or 'lstm'")
        self.vocab_size, self.cell, self.n_layer, self.hidden_size = vocab_size, cell, n_layer, hidden_size
        self.embedding_size = embedding_size or hidden_size
        self.dropout = dropout
        self.num_hidden_layers = n_layer
        super().__init__(**kwargs)


class CharRNNConfig(_RNNConfig):
    model_type = "tunesmith_char_rnn"

    def __init__(self, cell: str = "gru", **kwargs):
        kwargs.setdefault("tie_word_embeddings", False)
        super().__init__(cell=cell, **kwargs)


class WordLSTMConfig(_RNNConfig):
    model_type = "tunesmith_word_lstm"

    def __init__(self, cell: str = "lstm", **kwargs):
        kwargs.setdefault("tie_word_embeddings", True)  # Press & Wolf 2017 / Inan et al. 2017
        super().__init__(cell=cell, **kwargs)


class _RNNLM(PreTrainedModel, GenerationMixin):
    base_model_prefix = "rnn"
    # transformers 5 ties only what this names (when config.tie_word_embeddings is true)
    _tied_weights_keys = {"lm_head.weight": "embed.weight"}
    _supports_cache_class = False

    def __init__(self, config: _RNNConfig):
        super().__init__(config)
        self.embed = nn.Embedding(config.vocab_size, config.embedding_size)
        cell = nn.LSTM if config.cell == "lstm" else nn.GRU
        self.rnn = cell(config.embedding_size, config.hidden_size, num_layers=config.n_layer, batch_first=True,
                        dropout=config.dropout if config.n_layer > 1 else 0.0)
        self.drop = nn.Dropout(config.dropout)
        # a projection lets a tied head work when the embedding is narrower than the RNN
        self.proj = (nn.Linear(config.hidden_size, config.embedding_size, bias=False)
                     if config.embedding_size != config.hidden_size else nn.Identity())
        self.lm_head = nn.Linear(config.embedding_size, config.vocab_size, bias=False)
        self.post_init()

    def _init_weights(self, module: nn.Module) -> None:
        if isinstance(module, nn.Embedding):
            nn.init.uniform_(module.weight, -0.1, 0.1)
        elif isinstance(module, nn.Linear):
            nn.init.uniform_(module.weight, -0.1, 0.1)

    def get_input_embeddings(self):
        return self.embed

    def set_input_embeddings(self, value):
        self.embed = value

    def get_output_embeddings(self):
        return self.lm_head

    def set_output_embeddings(self, value):
        self.lm_head = value

    def forward(self, input_ids: torch.LongTensor, attention_mask: torch.Tensor | None = None,
                labels: torch.LongTensor | None = None, **kwargs) -> CausalLMOutput:
        x = self.drop(self.embed(input_ids))
        if attention_mask is not None and not bool(attention_mask.all()):
            # left padding (batched generation): run each row from its first real token
            out = torch.zeros(*input_ids.shape, self.config.hidden_size, dtype=x.dtype, device=x.device)
            for i, row in enumerate(attention_mask.bool()):
                start = int((~row).sum())
                out[i, start:] = self.rnn(x[i:i + 1, start:])[0][0]
        else:
            out = self.rnn(x)[0]
        logits = self.lm_head(self.proj(self.drop(out)))
        loss = None
        if labels is not None:
            loss = F.cross_entropy(logits[:, :-1].flatten(0, 1).float(), labels[:, 1:].flatten(), ignore_index=-100)
        return CausalLMOutput(loss=loss, logits=logits)

    def prepare_inputs_for_generation(self, input_ids, attention_mask=None, **kwargs):
        """No state cache: each step reads the whole sequence again (exact, and cheap for the
        short contexts these models generate)."""
        return {"input_ids": input_ids, "attention_mask": attention_mask}


class CharRNNForCausalLM(_RNNLM):
    config_class = CharRNNConfig


class WordLSTMForCausalLM(_RNNLM):
    config_class = WordLSTMConfig
