"""One family of exceptions for user mistakes.

Anything raised as a :class:`TunesmithError` is the user's to fix: the CLI prints its message
on one line without a traceback, the HTTP API maps it to a 4xx JSON body naming ``field``.
Internal bugs use ordinary exceptions and stay visible.
"""

from __future__ import annotations


class TunesmithError(Exception):
    """A user-facing error: says what is wrong and how to fix it.

    Args:
        message: What is wrong and how to fix it, in one or two sentences.
        field: The offending setting / request field, when there is one.
    """

    status_code = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ConfigError(TunesmithError):
    """A setting is missing, unknown or out of its allowed range."""

    status_code = 422


class DataError(TunesmithError):
    """Training / evaluation data is missing or malformed (message names file and line)."""


class ModelNotFoundError(TunesmithError):
    """A model name, path or adapter can't be found or installed package is missing."""

    status_code = 404


class Cancelled(Exception):
    """Work stopped because its caller cancelled it (a deadline passed, the client left).
    Not a user mistake and not a bug: the server answers it with its own status."""
