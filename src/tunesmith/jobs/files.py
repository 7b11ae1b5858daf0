"""Uploaded training files: stored atomically, checked record by record when they arrive.

A file is accepted only if every record can become a training example, so a job never
fails an hour in on line 9,412. Errors name the file, the line (row) and the field.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from ..data.sources import iter_file_records
from ..data.templates import detect_format, to_shape
from ..errors import DataError

SUFFIXES = (".jsonl", ".json", ".csv", ".parquet", ".txt", ".md")
PREVIEW_RECORDS = 5


def safe_filename(name: str) -> str:
    """The upload's own name without any directory part, limited to a portable character set."""
    base = Path(name.replace("\\", "/")).name.strip()
    base = re.sub(r"[^A-Za-z0-9._ -]", "_", base)[:200]
    if not base or base.startswith("."):
        base = "upload" + (Path(name).suffix.lower() if Path(name).suffix else "")
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"{name}: unsupported file type '{suffix or '(none)'}'; upload one of "
                        f"{', '.join(SUFFIXES)} (JSONL: one JSON object per line)", field="file")
    return base


def inspect_file(path: Path, name: str) -> dict[str, Any]:
    """Check every record of an uploaded file and describe it.

    Returns:
        ``{"format", "records", "preview"}``: the detected data format (as ``DataConfig.format``),
        the record count and the first few records (long values shortened).

    Raises:
        DataError: naming the file, line/row and field of the first bad record.
    """
    fmt, count, preview = None, 0, []
    for where, rec in iter_file_records(path, name, field="file"):
        if fmt is None:
            try:
                fmt = detect_format(rec, "text")
            except DataError:
                raise DataError(f"{where}: can't tell the data format from fields {list(rec)}: each record needs "
                                "'text', or 'prompt' and 'completion', or 'messages', or 'formal' and 'natural' "
                                "(or recipe fields: title, ingredients, directions)", field="file") from None
        try:  # the same row check as `tunesmith train`
            to_shape(rec, fmt, "text", "prompt", "completion", where)
        except DataError as err:
            raise DataError(err.message, field="file") from None
        count += 1
        if len(preview) < PREVIEW_RECORDS:
            preview.append(_shorten(rec))
    if not count:
        raise DataError(f"{name}: the file holds no records", field="file")
    return {"format": fmt, "records": count, "preview": preview}


def _shorten(value: Any, limit: int = 300) -> Any:
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "…"
    if isinstance(value, dict):
        return {k: _shorten(v, limit) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v, limit) for v in value[:20]]
    return value


def write_upload(directory: Path, filename: str, source: io.IOBase | bytes) -> tuple[Path, int]:
    """Write an upload into ``directory`` atomically (temp file, fsync, rename). Returns (path, bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / filename
    tmp = directory / f".{filename}.part"
    size = 0
    with tmp.open("wb") as out:
        if isinstance(source, (bytes, bytearray)):
            out.write(source)
            size = len(source)
        else:
            for block in iter(lambda: source.read(1 << 20), b""):
                out.write(block)
                size += len(block)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return target, size
