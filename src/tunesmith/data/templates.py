"""Turn raw records into one of three training shapes.

* ``{"text": ...}``                     — language modelling, loss on every token
* ``{"prompt": ..., "completion": ...}`` — loss on the completion only
* ``{"messages": [...]}``                — chat, loss on assistant turns only

Named templates (``recipe``, ``humanizer``) are functions from a record to one of these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import DataError

RECIPE_END = "[END]"
ROLES = ("system", "user", "assistant")  # (a tuple: an unhashable role must fail the check, not raise TypeError)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if str(v).strip()]


def recipe_is_valid(rec: dict[str, Any]) -> bool:
    """The recipe seed's quality filter: >= 3 ingredients, some directions, a real title."""
    ingredients, directions = rec.get("ingredients"), rec.get("directions", rec.get("steps"))
    if isinstance(ingredients, str):
        if len(ingredients.strip()) < 20:
            return False
    elif len(_as_list(ingredients)) < 3:
        return False
    if isinstance(directions, str):
        if len(directions.strip()) < 30:
            return False
    elif len(_as_list(directions)) < 1:
        return False
    return len(str(rec.get("title") or "").strip()) >= 3


def format_recipe(rec: dict[str, Any]) -> dict[str, str]:
    """RECIPE / INGREDIENTS / DIRECTIONS / [END], handling list-or-string fields."""
    ingredients = rec.get("ingredients")
    directions = rec.get("directions", rec.get("steps"))
    ing = ingredients if isinstance(ingredients, str) else ", ".join(_as_list(ingredients))
    dirs = directions if isinstance(directions, str) else " ".join(_as_list(directions))
    return {"text": f"RECIPE: {str(rec['title']).strip()}\nINGREDIENTS: {ing}\nDIRECTIONS: {dirs}\n{RECIPE_END}"}


def recipe_prompt(title: str) -> str:
    """The prompt that asks a recipe model for a recipe with this title."""
    return f"RECIPE: {title.strip()}\nINGREDIENTS:"


def format_humanizer(rec: dict[str, Any]) -> dict[str, str]:
    from .humanizer import training_example

    return training_example(rec)


NAMED_TEMPLATES: dict[str, tuple[Callable[[dict], dict], Callable[[dict], bool] | None]] = {
    "recipe": (format_recipe, recipe_is_valid),
    "humanizer": (format_humanizer, None),
}


def check_messages(msgs: Any, where: str) -> None:
    """A chat example's rules: a list of turns, each with a known role and text content, and at
    least one assistant turn to learn from. (``tunesmith train`` and uploads both come here.)"""
    if not isinstance(msgs, list) or not all(isinstance(m, dict) for m in msgs):
        raise DataError(f"{where}: 'messages' must be a list of {{\"role\": ..., \"content\": ...}} objects",
                        field="data.format")
    for i, m in enumerate(msgs):
        if m.get("role") not in ROLES:
            got = repr(m["role"]) if "role" in m else "missing"
            raise DataError(f"{where}: messages[{i}].role is {got}; use one of {', '.join(ROLES)}",
                            field="data.format")
        if not isinstance(m.get("content"), str):
            raise DataError(f"{where}: messages[{i}].content must be a string (the turn's text)", field="data.format")
    if not any(m["role"] == "assistant" for m in msgs):
        raise DataError(f"{where}: conversation has no assistant turn to learn from; add one", field="data.format")
    # (empty answers teach nothing but to stop at once: almost always a data mistake)
    if not any(m["role"] == "assistant" and m["content"].strip() for m in msgs):
        raise DataError(f"{where}: every assistant turn is empty (or only whitespace); the model learns the "
                        "assistant's turns, so put the answer in one or remove the conversation", field="data.format")


def to_shape(rec: dict[str, Any], fmt: str, text_column: str, prompt_column: str, completion_column: str,
             where: str) -> dict[str, Any]:
    """Map one record to a training shape according to ``fmt``, or raise a DataError naming
    ``where`` (file and line) and the fix. This is the one row check: ``tunesmith train`` and
    the jobs service's uploads both use it, so they accept and refuse the same rows."""
    if fmt in NAMED_TEMPLATES:
        return NAMED_TEMPLATES[fmt][0](rec)
    if fmt == "text":
        if text_column not in rec:
            raise DataError(f"{where}: no '{text_column}' field; fields present: {list(rec)} "
                            f"(set data.text_column)", field="data.text_column")
        value = rec[text_column]
        if value is not None and (not isinstance(value, (str, int, float)) or isinstance(value, bool)):
            # (a list, object or true would be trained on as its Python repr: "['a', 'b']", "True")
            raise DataError(f"{where}: '{text_column}' must be text, got {type(value).__name__}; put the text "
                            "in one string", field="data.text_column")
        text = "" if value is None else str(value)
        if not text.strip():  # (it would train on nothing, or on whitespace)
            raise DataError(f"{where}: the text is empty (or only whitespace); put text in it or remove it from "
                            "the data", field="data.source")
        return {"text": text}
    if fmt == "completion":
        for col in (prompt_column, completion_column):
            if col not in rec:
                raise DataError(f"{where}: no '{col}' field; fields present: {list(rec)} "
                                f"(set data.prompt_column / data.completion_column)", field="data.format")
        for col in (prompt_column, completion_column):
            if not isinstance(rec[col], (str, int, float)) or isinstance(rec[col], bool):  # (null would train as "None")
                raise DataError(f"{where}: '{col}' must be text, got {'null' if rec[col] is None else type(rec[col]).__name__}",
                                field="data.format")
        if not str(rec[completion_column]).strip():
            raise DataError(f"{where}: '{completion_column}' is empty (or only whitespace); the model learns the "
                            "completion, so put the answer in it or remove the row", field="data.format")
        return {"prompt": str(rec[prompt_column]), "completion": str(rec[completion_column])}
    if fmt == "chat":
        msgs = rec.get("messages")
        check_messages(msgs, where)
        return {"messages": msgs}
    raise DataError(f"unknown data format '{fmt}'; use text, completion, chat, {', '.join(NAMED_TEMPLATES)} or auto",
                    field="data.format")


def detect_format(rec: dict[str, Any], text_column: str) -> str:
    if "messages" in rec:
        return "chat"
    if "prompt" in rec and "completion" in rec:
        return "completion"
    if "formal" in rec and "natural" in rec:
        return "humanizer"
    if {"title", "ingredients"} <= set(rec) and ("directions" in rec or "steps" in rec):
        return "recipe"
    if text_column in rec:
        return "text"
    hint = f"; if '{next(iter(rec))}' is the text, set data.text_column={next(iter(rec))}" if len(rec) == 1 else ""
    raise DataError(f"can't tell the data format from fields {list(rec)}; set data.format "
                    f"(text, completion, chat, recipe, humanizer){hint}", field="data.format")
