"""The ``tunesmith`` command line: one command per stage, each a thin shell over the Python API."""

from __future__ import annotations

import functools
import inspect
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .config import SamplingParams, field_range
from .errors import TunesmithError

app = typer.Typer(
    help="Fine-tune, evaluate, generate with and serve small language models on your own text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


def user_errors(fn):
    """Print TunesmithError as one red line and exit 2; anything else is a bug and keeps its traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TunesmithError as err:
            err_console.print(f"[bold red]error:[/] {err.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper


# Shared options -----------------------------------------------------------------------------
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Registry name, HF id, model dir or run dir.")]
AdapterOpt = Annotated[Optional[str], typer.Option("--adapter", help="peft adapter dir (e.g. a run dir) on top of --model.")]
DeviceOpt = Annotated[str, typer.Option("--device", help="auto | cpu | cuda | mps")]
DtypeOpt = Annotated[str, typer.Option("--dtype", help="auto | float32 | bfloat16 | float16")]
QuantOpt = Annotated[str, typer.Option("--quantize", help="auto (CPU: lossless 4-bit / 8-bit weights) | int4 | int8 | none")]
PreciseOpt = Annotated[Optional[bool], typer.Option("--precise/--fast", help="Packed CPU path: activations as two int8 terms per block (default: fp32's perplexity and greedy text) or one (--fast: ~10% faster on AVX-512 VNNI, 20-30% on AVX2, +0.9% perplexity, greedy text may drift).", show_default=False)]
CompileOpt = Annotated[bool, typer.Option("--compile/--no-compile", help="Compile transformers' decode step (10-40 s warm-up; for llama models on CPU the default lean step is faster).")]


def sampling_options(**given) -> SamplingParams:
    """Validated sampling settings from CLI flags (fields not given keep SamplingParams' defaults)."""
    from .config import build

    # a shell passes --stop "\n\n" as backslash-n: read \n and \t as a newline and a tab
    given["stop"] = [s.replace("\\n", "\n").replace("\\t", "\t") for s in given.get("stop") or []]
    return build(SamplingParams, given)


def _engine(generator):
    """The CLI runs through the same engine as the API and the page (one scheduler, one set of
    rules for n, beams and streams); its thread stops with the process."""
    from .engine import Engine

    return Engine(generator, max_rows=64)


def sampling_flag(name: str, *flags: str, note: str = "", panel: str | None = None):
    """A CLI option for a ``SamplingParams`` field: its help and range come from the field, so the
    CLI, the page and the API can't disagree (values are validated by SamplingParams itself)."""
    field = SamplingParams.model_fields[name]
    _, _, where = field_range(SamplingParams, name)
    return typer.Option(*flags, help=field.description + (f" Range {where}." if where else "") + note,
                        rich_help_panel=panel)


# Flags that differ from typer's --field-name spelling, and notes that only matter on a shell.
SAMPLING_FLAG_NAMES = {"max_new_tokens": ("--max-new-tokens", "-t"), "n": ("--n", "-n"), "stop": ("--stop",)}
SAMPLING_FLAG_NOTES = {"stop": r" \n and \t are read as a newline and a tab."}


def sampling_flags(*, exclude: tuple[str, ...] = (), **defaults):
    """Give a command one option per ``SamplingParams`` field (a new field becomes a flag by
    itself) and hand it the validated settings as ``sampling``. ``defaults`` are the command's own
    starting values where they differ from the field's; ``exclude`` drops fields it can't use."""
    unknown = set(defaults) - set(SamplingParams.model_fields)
    assert not unknown, f"not SamplingParams fields: {unknown}"
    names = [n for n in SamplingParams.model_fields if n not in exclude]

    def decorate(fn):
        signature = inspect.signature(fn, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "sampling"]
        added = []
        for name in names:
            field = SamplingParams.model_fields[name]
            default = defaults.get(name, None if field.default_factory else field.default)
            kind = field.annotation if default is not None else Optional[field.annotation]
            flag = sampling_flag(name, *SAMPLING_FLAG_NAMES.get(name, ()), note=SAMPLING_FLAG_NOTES.get(name, ""),
                                 panel="Sampling")
            added.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                           annotation=Annotated[kind, flag]))

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            kwargs["sampling"] = sampling_options(**{n: kwargs.pop(n) for n in names})
            return fn(*args, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=own + added)
        wrapper.__annotations__ = {p.name: p.annotation for p in own + added}
        return wrapper

    return decorate


# The humanizer's own options (HumanizeOptions) reuse these fields' help and ranges.
Temperature = Annotated[float, sampling_flag("temperature")]
TopP = Annotated[float, sampling_flag("top_p")]
Seed = Annotated[Optional[int], sampling_flag("seed")]


def _check_output(path: Optional[Path]) -> None:
    """Refuse an output path whose folder is missing before minutes of work, not after."""
    if path is not None and not path.parent.is_dir():
        raise TunesmithError(f"--output {path}: folder {path.parent} does not exist; create it first", field="output")


def _write_report(path: Path, text: str) -> None:
    from .train import write_atomic  # (a crash mid-write leaves the old file, never half a report)

    write_atomic(path, text)


@app.command()
@user_errors
@sampling_flags()
def generate(
    prompt: Annotated[str, typer.Argument(help="Prompt text ('-' reads stdin).")],
    model: ModelOpt = "smollm2-135m-instruct",
    adapter: AdapterOpt = None,
    chat: Annotated[bool, typer.Option("--chat/--raw", help="Wrap the prompt in the chat template (instruct models).")] = False,
    system: Annotated[Optional[str], typer.Option(help="System prompt (with --chat).")] = None,
    stream: Annotated[bool, typer.Option("--stream", help="Print tokens as they are generated.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print results as JSON lines.")] = False,
    device: DeviceOpt = "auto", dtype: DtypeOpt = "auto", quantize: QuantOpt = "auto", compile: CompileOpt = False,
    precise: PreciseOpt = None,
    sampling: SamplingParams = None,
):
    """Generate text from a prompt (continuation, or an answer with --chat)."""
    from .generate import Generator

    if prompt == "-":
        prompt = sys.stdin.read()
    if stream and (sampling.n > 1 or json_out):
        raise TunesmithError("--stream prints one answer as plain text: drop -n or --json (or --stream)",
                             field="stream")
    gen = _engine(Generator(model, adapter=adapter, device=device, dtype=dtype, quantize=quantize, compile=compile,
                            precise_activations=precise))
    text = gen.chat_prompt([{"role": "user", "content": prompt}], system) if chat else prompt
    if stream:
        for chunk in gen.stream(text, sampling):
            sys.stdout.write(chunk.text)
            sys.stdout.flush()
        sys.stdout.write("\n")
        return
    for c in gen.generate(text, sampling):
        if json_out:
            print(json.dumps({"index": c.index, "text": c.text, "finish_reason": c.finish_reason,
                              "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens}))
        else:
            if sampling.n > 1:
                console.rule(f"candidate {c.index + 1}")
            # soft_wrap: the text as generated (no line breaks at the terminal's width, piped or not)
            console.print(("" if chat else prompt) + c.text, highlight=False, markup=False, soft_wrap=True)


@app.command()
@user_errors
@sampling_flags(exclude=("n", "num_beams", "length_penalty"), top_p=0.9, repetition_penalty=1.1, max_new_tokens=256)
def chat(
    model: ModelOpt = "smollm2-135m-instruct",
    adapter: AdapterOpt = None,
    system: Annotated[Optional[str], typer.Option(help="System prompt / persona.")] = None,
    history: Annotated[int, typer.Option(min=0, help="Keep this many past turns (user+assistant pairs) in context.")] = 6,
    device: DeviceOpt = "auto", dtype: DtypeOpt = "auto", quantize: QuantOpt = "auto", compile: CompileOpt = False,
    precise: PreciseOpt = None,
    sampling: SamplingParams = None,
):
    """Interactive chat. Commands: /reset clears the history, /exit quits."""
    from .generate import Generator

    gen = _engine(Generator(model, adapter=adapter, device=device, dtype=dtype, quantize=quantize, compile=compile,
                            precise_activations=precise))
    turns: list[dict[str, str]] = []
    console.print("[dim]Chatting with[/] " + gen.name + "[dim] — /reset clears history, /exit quits.[/]")
    while True:
        try:
            user = console.input("[bold cyan]you>[/] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        cmd = user.strip()
        if cmd in ("/exit", "/quit"):
            break
        if cmd == "/reset":
            turns.clear()
            console.print("[dim]history cleared[/]")
            continue
        if not cmd:
            continue
        turns.append({"role": "user", "content": user})
        window = turns[-(2 * history + 1):]
        console.print("[bold green]bot>[/] ", end="")
        reply = ""
        for chunk in gen.stream(gen.chat_prompt(window, system), sampling):
            reply += chunk.text
            console.print(chunk.text, end="", highlight=False, markup=False, soft_wrap=True)
        console.print()
        turns.append({"role": "assistant", "content": reply.strip()})


@app.command()
@user_errors
def models():
    """List the models tunesmith knows and where each comes from."""
    from .models import list_models

    columns = ("name", "status", "source", "description")
    rows = [[row[c] for c in columns] for row in list_models()]
    if console.is_terminal:
        table = Table(*columns)
        for column in table.columns:
            column.overflow = "fold"  # a narrow terminal wraps a long name or command, never cuts it
        for cells in rows:
            table.add_row(*cells)
        console.print(table)
    else:  # piped: one tab-separated line per model, whole names for grep and cut (rich would expand tabs)
        for cells in [list(columns), *rows]:
            print("\t".join(cells))
    console.print("[dim]Also accepted anywhere a model is: a Hugging Face id (org/name), a local model dir, "
                  "or a tunesmith run dir.[/]", soft_wrap=True)
    from . import kernels

    paths = ", ".join(kernels.cpu_paths()) or "none"
    console.print(f"CPU kernels: {kernels.describe()} (this CPU runs: {paths}; TUNESMITH_KERNELS=<path> forces a "
                  "lower one, 0 switches them off)", soft_wrap=True)



@app.command()
@user_errors
def train(
    config: Annotated[Optional[Path], typer.Argument(help="YAML preset (see configs/).")] = None,
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="Override any setting: key.sub=value (repeatable).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Base model.")] = None,
    data: Annotated[Optional[str], typer.Option("--data", help="Training data source (path, bundled:NAME, hf:ID).")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Run directory.")] = None,
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", help="Stop after N optimizer steps.")] = None,
    epochs: Annotated[Optional[float], typer.Option("--epochs", help="Passes over the data.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the run in --output from its last checkpoint.")] = False,
):
    """Fine-tune a model (LoRA or full) from a config; writes a self-contained run dir."""
    from .config import load_run_config

    cfg = load_run_config(config, set_, model=model, data=data, output=output, max_steps=max_steps, epochs=epochs)
    _report(_fit(cfg, resume))


def _fit(cfg, resume: bool):
    """fit() where SIGTERM (``kill PID``, a scheduler's stop) saves and stops the way Ctrl-C does: a
    run started in the background from a script ignores Ctrl-C (SIGINT), as background jobs do."""
    import signal

    from .train import fit

    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return fit(cfg, resume=resume)
    finally:
        signal.signal(signal.SIGTERM, previous)


@app.command()
@user_errors
def pretrain(
    config: Annotated[Path, typer.Argument(help="YAML preset with an 'architecture' section (configs/pretrain-*.yaml).")],
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="Override any setting: key.sub=value (repeatable).")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Run directory.")] = None,
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", help="Stop after N optimizer steps.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the run in --output from its last checkpoint.")] = False,
):
    """Train a language model from scratch (char-rnn, word-lstm, transformer, gpt); same run dir as train."""
    from .config import load_run_config

    cfg = load_run_config(config, set_, output=output, max_steps=max_steps)
    if cfg.architecture is None:
        raise TunesmithError(f"{config}: no 'architecture' section: pretrain builds a new model (family, tokenizer, "
                             "settings); to fine-tune an existing model use `tunesmith train`", field="architecture")
    _report(_fit(cfg, resume))


def _report(result) -> None:
    if os.environ.get("RANK", "0") != "0":  # under torchrun, one summary (rank 0's) is enough
        return
    m = result.metrics
    title = f"run saved to {result.output}"
    table = Table("metric", "value", title=title, min_width=len(title))  # (a long path wrapped mid-name)
    for key in ("before", "after"):
        if key in m:
            table.add_row(f"validation perplexity {key}", f"{m[key]['val_perplexity']:.3f}")
    table.add_row("steps", str(m["steps"]))
    table.add_row("train time", f"{m['train_seconds']:.0f} s")
    table.add_row("tokens/s (real tokens)", str(m["tokens_per_second"]))
    console.print(table)


@app.command("eval")
@user_errors
def eval_(
    model: Annotated[str, typer.Argument(help="Model name, dir or run dir.")],
    data: Annotated[str, typer.Option("--data", help="Evaluation data (path, bundled:NAME, hf:ID).")],
    format: Annotated[str, typer.Option("--format", help="auto | text | completion | chat | recipe | humanizer")] = "auto",
    adapter: AdapterOpt = None,
    max_records: Annotated[Optional[int], typer.Option(help="Use only the first N records.")] = None,
    max_examples: Annotated[int, typer.Option(help="Examples for generation metrics.")] = 50,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report as JSON.")] = None,
):
    """Perplexity (strided), BLEU/chrF/ROUGE against references, distinct-n diversity."""
    from .evaluate import evaluate_model

    _check_output(output)
    rep = evaluate_model(model, {"source": data, "format": format, "max_records": max_records, "dedup": False},
                         adapter=adapter, max_examples=max_examples)
    table = Table("metric", "value", title=rep.model, min_width=len(rep.model))
    table.add_row("perplexity", f"{rep.perplexity:.3f}")
    for k, v in rep.metrics.items():
        table.add_row(k, str(v))
    console.print(table)
    if output:
        _write_report(output, json.dumps(rep.to_dict(), indent=2))


@app.command()
@user_errors
@sampling_flags(exclude=("n",), temperature=0.0, seed=0)
def compare(
    models: Annotated[list[str], typer.Argument(help="Models to compare: a base and its fine-tune, or several "
                                                "from-scratch run dirs (registry names, HF ids, dirs).")],
    prompts: Annotated[Path, typer.Option("--prompts", help="Prompts file: .txt (blank-line separated), .jsonl or .json "
                                          "(a 'completion' per prompt adds BLEU/chrF against it).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Report path (.md; an .html is written next to it).")] = Path("compare.md"),
    sweep: Annotated[bool, typer.Option("--sweep", help="Also sweep temperature (0.3/0.7/1.0/1.3) x top-p (0.9/1.0) "
                                        "on the last model.")] = False,
    sampling: SamplingParams = None,
):
    """Side-by-side generations and metrics of several models on the same prompts (markdown + HTML)."""
    from .evaluate import compare as run_compare
    from .evaluate import compare_html, compare_markdown, read_prompt_records

    _check_output(output)
    texts, references = read_prompt_records(prompts)
    report = run_compare(models, texts, sampling, references=references,
                         sweep_temperatures=(0.3, 0.7, 1.0, 1.3) if sweep else (), sweep_top_p=(0.9, 1.0))
    _write_report(output, compare_markdown(report))
    _write_report(output.with_suffix(".html"), compare_html(report))
    table = Table("metric", *report["models"], title="compare")
    for key in report["metrics"][report["models"][0]]:
        table.add_row(key, *(str(report["metrics"][n].get(key)) for n in report["models"]))
    console.print(table)
    console.print(f"report written to {output} and {output.with_suffix('.html')}")


# ------------------------------------------------------------------ humanizer
Tone = Annotated[str, typer.Option(help="casual | conversational | professional")]
Strength = Annotated[str, typer.Option(help="light | medium | strong")]
Keep = Annotated[Optional[list[str]], typer.Option("--keep", help="Term to keep verbatim (repeatable).")]
HAdapter = Annotated[str, typer.Option("--adapter", help="'bundled' (shipped humanizer), a run dir, or 'none' (zero-shot).")]


@app.command()
@user_errors
def humanize(
    text: Annotated[Optional[str], typer.Argument(help="Text to humanize ('-' reads stdin).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the text from a file.")] = None,
    jsonl: Annotated[Optional[Path], typer.Option("--jsonl", help="Batch: JSONL with 'id' and 'text' per line.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Batch output JSONL (with --jsonl).")] = None,
    tone: Tone = "conversational", strength: Strength = "medium", keep: Keep = None,
    candidates: Annotated[Optional[int], typer.Option(help="Rewrites generated per chunk, 1 to 8 (default 5).")] = None,
    alternatives: Annotated[int, typer.Option(help="Extra full rewrites to show.")] = 0,
    temperature: Temperature = 0.7, top_p: TopP = 0.9, seed: Seed = 0,
    adapter: HAdapter = "bundled", model: ModelOpt = "smollm2-135m-instruct",
    scores: Annotated[bool, typer.Option("--scores/--no-scores", help="Show scores before/after.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    quantize: QuantOpt = "auto", compile: CompileOpt = False,
    use_model: Annotated[bool, typer.Option("--use-model/--rules-only", help="Also try the model's rewrites (off by "
                                            "default: blind judges rated the verified rule edit alone better; with "
                                            "--rules-only no model is loaded, milliseconds per text).")] = False,
):
    """Rewrite AI-sounding text so it reads naturally, keeping every fact."""
    from .humanize import Humanizer, HumanizeOptions, check_text

    from .config import build

    opts = build(HumanizeOptions, tone=tone, strength=strength, keep_terms=keep or [],
                 **({} if candidates is None else {"candidates": candidates}), alternatives=alternatives,
                 temperature=temperature, top_p=top_p, seed=seed, use_model=use_model)
    sources = [x for x in (text, file, jsonl) if x is not None]
    if len(sources) != 1:
        raise TunesmithError("give exactly one input: TEXT, --file FILE or --jsonl FILE", field="text")
    if not use_model and (candidates is not None or alternatives):
        print("note: --candidates and --alternatives shape the model's rewrites; add --use-model to get them",
              file=sys.stderr)
    if jsonl is not None and output is None:
        raise TunesmithError("--jsonl needs --output OUT.jsonl for the results", field="output")
    if output is not None and jsonl is None:
        raise TunesmithError("--output is for --jsonl batches; for one text, redirect the output "
                             "(tunesmith humanize -f in.txt > out.txt) or use --json", field="output")
    for path, name in ((file, "file"), (jsonl, "jsonl")):
        if path is not None and not path.is_file():  # (before the model loads)
            raise TunesmithError(f"file not found: {path}", field=name)
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif text == "-":
        text = sys.stdin.read()
    if jsonl is None:
        check_text(text)  # (before the model loads, too)
    hz = Humanizer(model, adapter=None if adapter == "none" else adapter, quantize=quantize, compile=compile,
                   load_model=use_model)
    if jsonl is not None:
        from .humanize import humanize_jsonl

        n = humanize_jsonl(hz, jsonl, output, opts)
        console.print(f"{n} records humanized -> {output}")
        return
    res = hz.humanize(text, opts)
    if json_out:
        print(json.dumps(res.to_dict(), indent=2, ensure_ascii=False))
        return
    console.print(res.humanized_text, highlight=False, markup=False, soft_wrap=True)  # (as written: no wrapping)
    for i, alt in enumerate(res.alternatives, 1):
        console.rule(f"alternative {i}")
        console.print(alt, highlight=False, markup=False, soft_wrap=True)
    if scores:
        marks = {"rewritten": "[green]rewritten[/]", "rule-edited": "[yellow]rule-edited[/]", "kept": "[red]kept[/]"}
        parts = Table("part", "starts with", "status", "why", title="per part", title_justify="left")
        for i, (status, text, reason) in enumerate(res.sentence_report(), 1):
            head = " ".join(text.split()[:6])  # (which part is which, in a text with lists and paragraphs)
            parts.add_row(str(i), head + (" …" if len(text.split()) > 6 else ""), marks.get(status, status),
                          "" if status == "rewritten" else reason)
        err_console.print(parts)
        b, a = res.scores_before, res.scores_after
        table = Table("score", "before", "after", title=res.message, title_justify="left")
        table.add_row("AI phrases / 100 words", str(b["ai_phrase_density"]), str(a["ai_phrase_density"]))
        table.add_row("readability (Flesch)", str(b["readability"]), str(a["readability"]))
        table.add_row("contractions", str(b["contractions"]), str(a["contractions"]))
        table.add_row("meaning similarity", "", f"{res.similarity:.2f}")
        table.add_row("facts kept", str(len(res.facts)), "all" if res.facts_kept else f"LOST {res.missing_facts}")
        err_console.print(table)


@app.command("eval-humanizer")
@user_errors
def eval_humanizer(
    data: Annotated[Path, typer.Option("--data", help="Pairs JSONL (formal/natural).")] = Path("data/humanizer/test.jsonl"),
    adapter: HAdapter = "bundled",
    systems: Annotated[str, typer.Option(help="Comma-separated: ours, rules, zero-shot.")] = "ours,rules,zero-shot",
    limit: Annotated[Optional[int], typer.Option(min=1, help="Evaluate only the first N pairs.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the full report (JSON).")] = None,
):
    """Held-out humanizer evaluation: pass rate on every criterion vs rule-based and zero-shot baselines."""
    from .data.sources import iter_jsonl
    from .errors import DataError
    from .evaluate import evaluate_humanizer, humanizer_table
    from .humanize import Humanizer

    if not data.is_file():
        raise TunesmithError(f"evaluation data not found: {data}", field="data")
    pairs = []
    for line, row in iter_jsonl(data, field="data"):
        if not isinstance(row.get("formal"), str) or not row["formal"].strip():
            raise DataError(f"{data}:{line}: needs a 'formal' text (the passage to humanize) and, for the reference "
                            f"scores, 'natural' (a person's rewrite); found {', '.join(sorted(row)) or 'no fields'}",
                            field="data")
        pairs.append(row)
    if not pairs:
        raise DataError(f"{data}: no records found; write one JSON object per line with 'formal' and 'natural'",
                        field="data")
    names = [s.strip() for s in systems.split(",") if s.strip()]
    unknown = sorted(set(names) - {"ours", "rules", "zero-shot"})
    if unknown or not names:
        raise TunesmithError(f"unknown system(s) {unknown}; use ours, rules and/or zero-shot", field="systems")
    _check_output(output)
    hz = Humanizer(adapter=None if adapter == "none" else adapter) if "ours" in names else None
    report = evaluate_humanizer(pairs, hz, names, limit)
    console.print(humanizer_table(report))
    if output:
        _write_report(output, json.dumps(report, indent=2, ensure_ascii=False))


@app.command("humanize-train")
@user_errors
def humanize_train(
    samples: Annotated[Path, typer.Argument(help="Folder (or file) of your own writing: .txt/.md files.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Run directory.")] = "runs/my-voice",
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", help="Stop after N optimizer steps.")] = None,
    epochs: Annotated[float, typer.Option("--epochs", help="Passes over the pairs.")] = 2.0,
    model: ModelOpt = "smollm2-135m-instruct",
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run.")] = False,
):
    """Train a humanizer towards YOUR voice from samples of your writing (then: humanize --adapter RUN)."""
    from .humanize import train_voice

    result = train_voice(samples, output, model=model, epochs=epochs, max_steps=max_steps, resume=resume)
    console.print(f"{result.metrics['data']['train']} pairs trained; adapter saved to {result.output}\n"
                  f"use it: tunesmith humanize --adapter {result.output} \"TEXT\"")



@app.command()
@user_errors
def serve(
    host: Annotated[Optional[str], typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (default 8000).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Model for /v1 and /generate.")] = None,
    adapter: AdapterOpt = None,
    humanizer_adapter: Annotated[Optional[str], typer.Option(help="'bundled', a run dir, or 'none'.")] = None,
    insecure: Annotated[bool, typer.Option("--insecure", help="Allow a public bind without API keys.")] = False,
    no_ui: Annotated[bool, typer.Option("--no-ui", help="API only, no web page.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Local fine-tuning workers to start (default 1; 0 = none).")] = None,
    jobs_db: Annotated[Optional[str], typer.Option("--jobs-db", help="Job store URL (default: SQLite in $TUNESMITH_HOME).")] = None,
    precise: PreciseOpt = None,
    compile: Annotated[Optional[bool], typer.Option("--compile/--no-compile",
                                                    help="Ignored (the serving engine's lean decode step is the fast path).", hidden=True)] = None,
):
    """Start the HTTP API (OpenAI-compatible) and the web page. Keys: TUNESMITH_API_KEYS."""
    import uvicorn

    from .serve import Settings, create_app

    overrides = {k: v for k, v in dict(host=host, port=port, model=model, adapter=adapter,
                                       humanizer_adapter=humanizer_adapter, compile=compile, workers=workers,
                                       jobs_db=jobs_db, precise_activations=precise).items() if v is not None}
    if insecure:
        overrides["insecure"] = True
    if no_ui:
        overrides["ui"] = False
    settings = Settings.load(**overrides)
    settings.check_safe_to_bind()
    app_ = create_app(settings)
    page = "page: /" if settings.ui else "no page (--no-ui)"
    console.print(f"tunesmith serving on http://{settings.host}:{settings.port}  ({page}, API docs: /docs)")
    uvicorn.run(app_, host=settings.host, port=settings.port, log_level="info")


@app.command()
@user_errors
def worker(
    db: Annotated[Optional[str], typer.Option("--db", help="Job store URL: default SQLite in $TUNESMITH_HOME; "
                                              "postgresql+psycopg://USER:PASS@HOST/DB for workers on many machines.")] = None,
    stale_after: Annotated[float, typer.Option(min=1, help="Requeue a running job whose worker was silent this many seconds.")] = 30.0,
    max_jobs: Annotated[Optional[int], typer.Option(help="Exit after this many jobs (default: run until stopped).")] = None,
    address: Annotated[Optional[str], typer.Option(envvar="TUNESMITH_WORKER_ADDRESS", help="How other machines reach "
                                                   "this one for multi-machine jobs (default: this host's address).")] = None,
    gang_timeout: Annotated[float, typer.Option(help="A multi-machine job fails if its other machines' workers don't "
                                                "join within this many seconds.")] = 600.0,
):
    """Run queued fine-tuning jobs from the job store, one at a time (start several for more).

    A job with tunesmith.launch.num_machines N trains on N machines: run a worker on each (same
    --db, the jobs directory on a shared filesystem); the first to claim it waits for the others."""
    import signal

    from .jobs import JobStore, Worker

    w = Worker(JobStore(db), stale_after=stale_after, address=address, gang_timeout=gang_timeout)
    for sig in (signal.SIGTERM, signal.SIGINT):  # finish cleanly: the running job is requeued, not lost
        signal.signal(sig, lambda *_: w.stopping.set())
    console.print(f"worker {w.name} waiting for jobs in {w.store.url.split('@')[-1]}")
    w.run(max_jobs=max_jobs)


jobs_app = typer.Typer(help="Fine-tuning jobs on a tunesmith server (TUNESMITH_SERVER, TUNESMITH_API_KEY).",
                       no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
ServerOpt = Annotated[str, typer.Option("--server", envvar="TUNESMITH_SERVER", help="Server URL.")]
KeyOpt = Annotated[Optional[str], typer.Option("--api-key", envvar="TUNESMITH_API_KEY", help="API key, if the server needs one.")]


def _api(server: str, key: str | None, method: str, path: str, **kw):
    """One call to the server's jobs API; its error message becomes ours."""
    import httpx

    from .errors import TunesmithError

    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        r = httpx.request(method, server.rstrip("/") + path, headers=headers, timeout=120, **kw)
    except httpx.HTTPError as err:
        raise TunesmithError(f"cannot reach the server at {server} ({err}); start it with `make serve` or "
                             "pass --server URL") from None
    if r.status_code >= 400:
        try:
            msg = r.json()["error"]["message"]
        except (ValueError, KeyError, TypeError):
            msg = r.text[:300]
        raise TunesmithError(f"server said {r.status_code}: {msg}")
    return r.json()


def _job_line(job: dict) -> str:
    t = job.get("tunesmith") or {}
    steps = f"{t.get('step', 0)}/{t.get('total_steps') or '?'}"
    # "running (cancel requested)": the request was taken; the status changes when the job stops
    status = job["status"] + (f" ({t['requested']} requested)" if t.get("requested") else "")
    return f"{job['id']}  {status:<16} {steps:>9}  {job['model']}  {job.get('fine_tuned_model') or ''}"


@jobs_app.command("create")
@user_errors
def jobs_create(
    data: Annotated[str, typer.Argument(help="Training data file to upload, or an uploaded file id (file-...).")],
    model: ModelOpt = "smollm2-135m-instruct",
    validation: Annotated[Optional[str], typer.Option("--validation", help="Validation file or file id.")] = None,
    suffix: Annotated[Optional[str], typer.Option(help="Name part of the fine-tuned model.")] = None,
    epochs: Annotated[Optional[int], typer.Option(min=1, help="n_epochs (default auto).")] = None,
    batch_size: Annotated[Optional[int], typer.Option(min=1, help="batch_size (default auto).")] = None,
    lr_multiplier: Annotated[Optional[float], typer.Option(help="learning_rate_multiplier (default auto).")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Training seed.")] = None,
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="Any RunConfig setting, key.sub=value (repeatable), e.g. train.max_steps=200.")] = None,
    server: ServerOpt = "http://127.0.0.1:8000",
    api_key: KeyOpt = None,
):
    """Upload data (if a path) and start a fine-tuning job."""
    import contextlib

    from .config import apply_overrides
    from .jobs import JobService

    def file_id(value: str) -> str:
        if value.startswith("file-"):
            return value
        path = Path(value)
        if not path.is_file():
            raise TunesmithError(f"{value}: no such file (give a data file path or an uploaded file id)", field="data")
        with path.open("rb") as fh:
            up = _api(server, api_key, "POST", "/v1/files", files={"file": (path.name, fh)},
                      data={"purpose": "fine-tune"})
        console.print(f"uploaded {path} -> {up['id']} ({up.get('records')} records, format {up.get('format')})")
        uploaded.append(up["id"])
        return up["id"]

    hp = {k: v for k, v in dict(n_epochs=epochs, batch_size=batch_size, learning_rate_multiplier=lr_multiplier).items()
          if v is not None}
    body = {"model": model, "suffix": suffix, "seed": seed,
            "method": {"type": "supervised", "supervised": {"hyperparameters": hp}},
            "tunesmith": apply_overrides({}, set_ or [])}
    # the settings first (as the server will check them), so a typo leaves no orphan upload
    JobService.check_settings(**{k: body[k] for k in ("suffix", "seed", "method", "tunesmith")})
    uploaded: list[str] = []
    try:
        body.update(training_file=file_id(data), validation_file=file_id(validation) if validation else None)
        job = _api(server, api_key, "POST", "/v1/fine_tuning/jobs",
                   json={k: v for k, v in body.items() if v is not None})
    except TunesmithError:  # refused all the same (e.g. an unknown model): take back what we uploaded
        for fid in uploaded:
            with contextlib.suppress(TunesmithError):
                _api(server, api_key, "DELETE", f"/v1/files/{fid}")
        raise
    console.print(_job_line(job), highlight=False)
    if job.get("error"):
        raise TunesmithError(job["error"]["message"])


@jobs_app.command("list")
@user_errors
def jobs_list(limit: Annotated[int, typer.Option(help="How many (newest first).")] = 20,
              server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """List fine-tuning jobs, newest first."""
    for job in _api(server, api_key, "GET", "/v1/fine_tuning/jobs", params={"limit": limit})["data"]:
        console.print(_job_line(job), highlight=False)


@jobs_app.command("show")
@user_errors
def jobs_show(job_id: str, server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """Show one job as JSON."""
    console.print_json(json.dumps(_api(server, api_key, "GET", f"/v1/fine_tuning/jobs/{job_id}")))


def _job_action(job_id: str, action: str, server: str, api_key: str | None) -> None:
    console.print(_job_line(_api(server, api_key, "POST", f"/v1/fine_tuning/jobs/{job_id}/{action}")), highlight=False)


@jobs_app.command("cancel")
@user_errors
def jobs_cancel(job_id: str, server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """Cancel a queued or running job."""
    _job_action(job_id, "cancel", server, api_key)


@jobs_app.command("pause")
@user_errors
def jobs_pause(job_id: str, server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """Pause a running job: it saves a checkpoint and stops; `jobs resume` goes on from there."""
    _job_action(job_id, "pause", server, api_key)


@jobs_app.command("resume")
@user_errors
def jobs_resume(job_id: str, server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """Resume a paused job from its last checkpoint."""
    _job_action(job_id, "resume", server, api_key)


@jobs_app.command("events")
@user_errors
def jobs_events(job_id: str, follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing until the job ends.")] = False,
                server: ServerOpt = "http://127.0.0.1:8000", api_key: KeyOpt = None):
    """Print a job's events, oldest first (--follow: until it ends)."""
    import time

    seen: set[str] = set()
    while True:
        # Status first, events second: the events read after a final status include the closing ones.
        status = _api(server, api_key, "GET", f"/v1/fine_tuning/jobs/{job_id}")["status"] if follow else None
        # Newest first, 100 a page: page back to the last event already printed (or the first).
        events: list[dict] = []
        after = None
        while True:
            page = _api(server, api_key, "GET", f"/v1/fine_tuning/jobs/{job_id}/events",
                        params={"limit": 100, **({"after": after} if after else {})})
            fresh = [ev for ev in page["data"] if ev["id"] not in seen]
            events += fresh
            if len(fresh) < len(page["data"]) or not page.get("has_more") or not page["data"]:
                break
            after = page["data"][-1]["id"]
        for ev in reversed(events):
            seen.add(ev["id"])
            stamp = time.strftime("%H:%M:%S", time.localtime(ev["created_at"]))
            console.print(f"{stamp} [{ev['level']}] {ev['message']}", highlight=False)
        if not follow or status in ("succeeded", "failed", "cancelled", "paused"):
            return
        time.sleep(2)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
