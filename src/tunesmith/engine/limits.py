"""Request limits, checked once for every front end (HTTP API, web page, CLI server mode).

Each check raises :class:`LimitError` naming the field, the limit and how to get under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import SamplingParams
from ..errors import ConfigError


# "Says something": a character that is whitespace in none of Python, JavaScript (the schema's
# regex dialect) and pydantic's regex engine — so the schema and the server agree on blank.
NONBLANK = r"[^\s\x1c-\x1f\x85\ufeff]"
_NONBLANK = re.compile(NONBLANK)


def blank(text: str) -> bool:
    return _NONBLANK.search(text) is None


class LimitError(ConfigError):
    """A request is over one of the server's limits (HTTP 422 with ``code``)."""

    def __init__(self, message: str, field: str, code: str = "limit_exceeded"):
        super().__init__(message, field=field)
        self.code = code


@dataclass(frozen=True)
class Limits:
    """The numbers (from :class:`tunesmith.serve.settings.Settings`)."""

    max_prompt_chars: int = 20000
    max_text_chars: int = 5000
    max_new_tokens: int = 1024
    max_rows: int = 64
    max_humanize_chunks: int = 200

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(**{f: getattr(settings, f) for f in cls.__dataclass_fields__})

    def prompt(self, text: str, field: str = "prompt") -> None:
        if blank(text):
            raise LimitError(f"'{field}' is empty", field, "empty")
        if len(text) > self.max_prompt_chars:
            raise LimitError(f"'{field}' has {len(text)} characters; the limit is {self.max_prompt_chars}", field)

    def text(self, text: str, field: str = "text") -> None:
        if blank(text):
            raise LimitError(f"'{field}' is empty: give the text to humanize", field, "empty")
        if len(text) > self.max_text_chars:
            raise LimitError(f"'{field}' has {len(text)} characters; the limit is {self.max_text_chars}", field)

    def token_range(self, n: object, field: str = "max_tokens") -> LimitError:
        """The error for a token count outside 1..the server's limit: one message whether the
        schema or this setting refused it, so a client that follows it is not refused again."""
        return LimitError(f"invalid value for '{field}': {n} is outside this server's range 1..{self.max_new_tokens}",
                          field)

    def tokens(self, n: int | None, field: str = "max_tokens") -> None:
        if n is not None and n > self.max_new_tokens:
            raise self.token_range(n, field)

    def rows(self, prompts: int, params: SamplingParams) -> None:
        """Prompts are admitted to the running batch a few at a time, so a request may hold more
        sequences than the batch; beam search decodes all of a request's beams at once."""
        if prompts > self.max_rows:
            raise LimitError(f"this request has {prompts} prompts; the limit is {self.max_rows}: send fewer "
                             "prompts per request", "prompt", "too_many_rows")
        rows = prompts * params.num_beams
        if params.num_beams > 1 and rows > self.max_rows:
            raise LimitError(f"beam search over {prompts} prompts decodes {rows} sequences (prompts x num_beams) "
                             f"at once; the limit is {self.max_rows}: send fewer prompts or a lower num_beams",
                             "num_beams", "too_many_rows")

    def generation(self, prompts: list[str], params: SamplingParams, field: str = "prompt") -> None:
        """Every check a completion / chat / generate request needs."""
        if not prompts:
            raise LimitError(f"'{field}' is empty", field, "empty")
        for p in prompts:
            self.prompt(p, field)
        self.tokens(params.max_new_tokens, "max_tokens")
        self.rows(len(prompts), params)
