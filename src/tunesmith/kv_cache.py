"""A key/value cache that grows in blocks instead of concatenating on every token.

transformers' ``DynamicCache`` appends each new token with ``torch.cat``, which copies the
whole cache of every layer at every step: on the 2-core CPU that was 2.4 ms of a 19 ms
single-stream step and 7 ms of a 50 ms batch-of-8 step (30 layers x keys and values). The
``StaticCache`` avoids the copy but makes every step attend over its whole maximum length.
:class:`GrowingCache` keeps one buffer per layer with room for ``BLOCK`` more tokens, writes
new tokens in place and hands attention a view of the filled part only; the buffer is
reallocated (one copy) once per ``BLOCK`` tokens. Semantics are DynamicCache's: it is a
``DynamicCache`` whose full-attention layers are :class:`GrowingLayer`.
"""

from __future__ import annotations

import inspect

import torch
from transformers import DynamicCache
from transformers.cache_utils import DynamicLayer
from transformers.modeling_outputs import BaseModelOutputWithPast
from transformers.models.llama.modeling_llama import LlamaModel

__all__ = ["CACHE_KWARG", "CACHE_OUTPUT", "GrowingCache", "GrowingLayer"]

# transformers 5.24 renamed the cache argument of ``generate`` and the models' ``forward`` from
# ``past_key_values`` to ``cache`` (the old name still works, with a warning, until 5.40) and
# the outputs' field likewise. Our callers use whichever name the installed version takes.
CACHE_KWARG = "cache" if "cache" in inspect.signature(LlamaModel.forward).parameters else "past_key_values"
CACHE_OUTPUT = "cache" if "cache" in BaseModelOutputWithPast.__dataclass_fields__ else "past_key_values"


class GrowingLayer(DynamicLayer):
    """One layer's keys and values in a preallocated buffer; ``keys``/``values`` are views of it
    (rows ``[0, rows)``, columns ``[first, length)`` of the buffer).

    A continuous-batching scheduler also adds, drops and trims rows of a running cache; the
    ``insert_rows`` / ``keep_rows`` / ``pad_left`` / ``drop_left`` methods do that in place
    (only the rows that move are copied; trimming is an offset). With ``torch.cat`` and
    ``index_select`` every row join or leave copied the whole cache twice (once to build it,
    once more to regrow room on the next token): ~2 s of a 12 s benchmark round of 16 clients.
    """

    BLOCK = 256
    row_capacity = 0  # most rows to make room for when rows are inserted (a scheduler's batch size)

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        super().lazy_initialization(key_states, value_states)
        self._k_buf: torch.Tensor | None = None
        self._v_buf: torch.Tensor | None = None
        self._first = self._length = self._rows = 0

    def _adopt(self) -> None:
        # After an operation that replaced keys/values wholesale (beam reorder, crop, batch
        # select): take them as the new buffer; the next update grows it again.
        self._k_buf, self._v_buf = self.keys, self.values
        full = self.keys is not None and self.keys.dim() >= 3
        self._first = 0
        self._length = self.keys.shape[-2] if full else 0
        self._rows = self.keys.shape[0] if full else 0

    def _views(self) -> None:
        rows, a, b = self._rows, self._first, self._length
        self.keys, self.values = self._k_buf[:rows, :, a:b], self._v_buf[:rows, :, a:b]

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs):
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
        new, rows = key_states.shape[-2], key_states.shape[0]
        buf = self._k_buf
        if (buf is None or buf.dim() < 3 or self._length + new > buf.shape[-2] or self._rows != rows
                or buf.shape[1] != key_states.shape[1] or buf.shape[-1] != key_states.shape[-1]):
            if self._rows and self._rows != rows and self._length > self._first:
                raise ValueError(f"the cache holds {self._rows} rows, the new keys have {rows}")
            spare = buf.shape[0] if buf is not None and buf.dim() >= 3 and self._rows == rows else rows
            self._grow(rows, spare, self._length - self._first + new, key_states, value_states)
        end = self._length + new
        self._k_buf[:self._rows, :, self._length:end].copy_(key_states)
        self._v_buf[:self._rows, :, self._length:end].copy_(value_states)
        self._length = end
        self._views()
        return self.keys, self.values

    def _grow(self, rows: int, room: int, columns: int, k_like: torch.Tensor, v_like: torch.Tensor,
              shift: int = 0) -> None:
        """A new buffer for ``rows`` rows, with room for ``room`` rows and ``columns`` columns (and
        a block more); the present keys and values (of those rows, if any) are copied to start at
        column ``shift`` (what comes before is left to the caller)."""
        capacity = (columns // self.BLOCK + 1) * self.BLOCK
        old_k, old_v, a, n = self._k_buf, self._v_buf, self._first, self._length - self._first
        copy = n > 0 and self._rows > 0 and old_k is not None and old_k.dim() >= 3
        self._k_buf = k_like.new_empty((max(rows, room), k_like.shape[1], capacity, k_like.shape[-1]))
        self._v_buf = v_like.new_empty((max(rows, room), v_like.shape[1], capacity, v_like.shape[-1]))
        if copy:
            self._k_buf[:rows, :, shift:shift + n].copy_(old_k[:rows, :, a:a + n])
            self._v_buf[:rows, :, shift:shift + n].copy_(old_v[:rows, :, a:a + n])
        self._rows, self._first, self._length = rows, 0, shift + n if copy else 0

    # ----------------------------------------------------------------- in-place row edits
    def insert_rows(self, at: int, keys: torch.Tensor, values: torch.Tensor) -> None:
        """Put ``keys``/``values`` (rows of the same heads, at most this layer's length) in as rows
        ``at..``; shorter ones are right-aligned, their left columns zero (padding to be masked)."""
        m, n = keys.shape[0], keys.shape[-2]
        if self._rows + m > self._k_buf.shape[0]:  # more rows, same columns: room up to row_capacity
            room = max(self._rows + m, min(self.row_capacity, 2 * (self._rows + m)))
            self._grow(self._rows, room, self._length - self._first, keys, values)
        rows, a, b = self._rows, self._first, self._length
        if n > b - a:
            raise ValueError(f"inserted rows have {n} positions, the cache {b - a}: pad the cache first")
        for buf, new in ((self._k_buf, keys), (self._v_buf, values)):
            if at < rows:  # the rows after `at` move up (the ranges overlap: through a copy)
                buf[at + m:rows + m, :, a:b].copy_(buf[at:rows, :, a:b].clone())
            buf[at:at + m, :, a:b - n].zero_()
            buf[at:at + m, :, b - n:b].copy_(new)
        self._rows += m
        self._views()

    def keep_rows(self, keep: list[int]) -> None:
        """Row ``i`` becomes old row ``keep[i]``; only the rows whose place changes are copied."""
        moved = [(i, k) for i, k in enumerate(keep) if i != k]
        if moved:
            to = torch.tensor([i for i, _ in moved])
            source = torch.tensor([k for _, k in moved])
            a, b = self._first, self._length
            for buf in (self._k_buf, self._v_buf):
                view = buf[:, :, a:b]
                view.index_copy_(0, to, view.index_select(0, source))  # (read all before writing any)
        self._rows = len(keep)
        self._views()

    def pad_left(self, n: int) -> None:
        """``n`` zero columns before every row's keys (a longer prompt joins the batch)."""
        if self._first < n:  # no room on the left: a new buffer with the data shifted right
            self._grow(self._rows, self._k_buf.shape[0], self._length - self._first + n, self._k_buf, self._v_buf,
                       shift=n)
        else:
            self._first -= n
        for buf in (self._k_buf, self._v_buf):
            buf[:self._rows, :, self._first:self._first + n].zero_()
        self._views()

    def drop_left(self, n: int) -> None:
        """Forget the first ``n`` columns of every row (padding no row needs any more)."""
        self._first += n
        self._views()

    def get_seq_length(self) -> int:
        return self._length - self._first if self.is_initialized else 0

    def reset(self) -> None:
        super().reset()
        self._k_buf = self._v_buf = None
        self._first = self._length = self._rows = 0

    def crop(self, tokens_to_remove: int) -> None:
        super().crop(tokens_to_remove)
        if self.is_initialized:
            self._adopt()

    def reorder_cache(self, beam_idx: torch.LongTensor) -> None:
        # Beam search reorders every step: reorder the buffer itself (one copy, room kept).
        if self.get_seq_length() > 0:
            idx = beam_idx.to(self._k_buf.device)
            self._k_buf = self._k_buf[:self._rows].index_select(0, idx)
            self._v_buf = self._v_buf[:self._rows].index_select(0, idx)
            self._rows = idx.shape[0]
            self._views()

    def batch_repeat_interleave(self, repeats: int) -> None:
        super().batch_repeat_interleave(repeats)
        if self.is_initialized:
            self._adopt()

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        super().batch_select_indices(indices)
        if self.is_initialized:
            self._adopt()


class GrowingCache(DynamicCache):
    """``DynamicCache`` with :class:`GrowingLayer` for every full-attention layer.

    Layers of other kinds (sliding windows, linear attention) keep transformers' own class.
    """

    def __init__(self, config=None):
        super().__init__(config=config)
        if getattr(self, "layer_class_to_replicate", None) is DynamicLayer:
            self.layer_class_to_replicate = GrowingLayer
        self.layers = [GrowingLayer() if type(layer) is DynamicLayer else layer for layer in self.layers]
