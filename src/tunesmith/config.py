"""Typed configuration objects: the schema, defaults, docs and validation live here.

Every config is a pydantic model, so the same object validates CLI flags, YAML presets and
HTTP request bodies, and reports a bad value by field name and allowed range.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic import ValidationInfo, model_validator

from .errors import ConfigError

T = TypeVar("T", bound=BaseModel)


def _base_types(annotation: Any) -> set:
    """The plain types inside an annotation (``int | None`` -> {int, NoneType})."""
    args = get_args(annotation)
    if not args:
        return {annotation}
    return set().union(*(_base_types(a) for a in args if not hasattr(a, "__dict__") or isinstance(a, type)
                         or get_args(a)))


class NoBoolNumbers(BaseModel):
    """``true`` is not a number: pydantic would read it as 1 for an int or float field."""

    @model_validator(mode="before")
    @classmethod
    def _bools_are_not_numbers(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name, value in list(data.items()):
                info = cls.model_fields.get(name)
                kinds = _base_types(info.annotation) if info is not None else set()
                if isinstance(value, bool) and kinds & {int, float} and bool not in kinds:
                    data = {**data, name: str(value).lower()}  # fails the field's own check, naming it
        return data


class StrictModel(NoBoolNumbers):
    """Base for configs: unknown keys are an error (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def error_message(error: dict[str, Any]) -> str:
    """pydantic's message for one error, except where it misleads: a true/false sent as a number
    (NoBoolNumbers turns it into the string "true") is not "a string it could not parse"."""
    if error["type"] in ("float_parsing", "int_parsing") and error.get("input") in ("true", "false"):
        return f"{error['input']} is not a number; send a number"
    return error["msg"]


def explain_validation_error(err: ValidationError, prefix: str = "") -> ConfigError:
    """Turn pydantic's error into one readable ConfigError naming the field and the rule."""
    first = err.errors()[0]
    # (without pydantic's union tags: "lora.target_modules", not "lora.target_modules.list[str]")
    field = ".".join(str(p) for p in first["loc"] if isinstance(p, int) or str(p).isidentifier()) or "<root>"
    field = f"{prefix}{field}"
    msg = error_message(first)
    if first["type"] == "extra_forbidden":
        msg = "unknown setting (check the spelling; see --help or the config docs)"
    value = first.get("input")
    shown = "" if isinstance(value, dict) else f" (got {value!r})"
    return ConfigError(f"invalid value for '{field}'{shown}: {msg}", field=field)


def build(cls: type[T], data: dict[str, Any] | None = None, prefix: str = "", **kwargs: Any) -> T:
    """Validate ``data``/``kwargs`` into ``cls``, raising ConfigError instead of ValidationError."""
    try:
        return cls.model_validate({**(data or {}), **kwargs})
    except ValidationError as err:
        raise explain_validation_error(err, prefix) from None


MAX_STOPS, MAX_STOP_CHARS = 4, 64  # OpenAI allows 4 stop sequences
MAX_SEED = 2**64 - 1  # torch.manual_seed's range


# Temperatures below this are greedy decoding, the limit they tend to: dividing float32 scores by
# 1e-303 gave inf and NaN probabilities (a 500 that schemathesis found).
GREEDY_BELOW = 1e-6


def check_candidates(n: int, num_beams: int, temperature: float) -> None:
    """The cross-field rule for ``n`` (raises ValueError): beam search returns at most num_beams
    candidates, and greedy decoding only one."""
    if num_beams > 1 and n > num_beams:
        raise ValueError(f"n={n} is more than num_beams={num_beams}: beam search returns at most num_beams "
                         "candidates (raise num_beams or lower n)")
    if n > 1 and temperature < GREEDY_BELOW and num_beams == 1:
        raise ValueError(f"n={n} needs sampling (temperature > 0) or beam search with num_beams >= n")


class SamplingParams(StrictModel):
    """Decoding controls. Maps onto transformers' ``GenerationConfig`` (see ``to_generation_kwargs``)."""

    temperature: float = Field(0.7, ge=0.0, le=2.0, description="Softmax temperature; 0 (or below 1e-6) means greedy decoding.")
    top_k: int = Field(0, ge=0, le=1000, description="Keep only the k most likely tokens (0 = off).")
    top_p: float = Field(1.0, gt=0.0, le=1.0, description="Nucleus sampling: smallest token set with this much probability.")
    min_p: float = Field(0.05, ge=0.0, lt=1.0, description="Drop tokens below min_p x the top token's probability (0 = off).")
    typical_p: float = Field(1.0, gt=0.0, le=1.0, description="Locally typical sampling mass (1 = off).")
    repetition_penalty: float = Field(1.0, ge=1.0, le=2.0, description="Penalty for tokens already present (1 = off).")
    no_repeat_ngram_size: int = Field(0, ge=0, le=20, description="Forbid repeating any n-gram of this size (0 = off).")
    num_beams: int = Field(1, ge=1, le=16, description="Beam search width (1 = no beam search).")
    length_penalty: float = Field(1.0, ge=-5.0, le=5.0, description="Beam search length penalty exponent.")
    max_new_tokens: int = Field(128, ge=1, le=4096, description="Upper bound on generated tokens.")
    stop: list[str] = Field(default_factory=list, max_length=MAX_STOPS,
                            description=f"Up to {MAX_STOPS} strings of at most {MAX_STOP_CHARS} characters that end "
                                        "generation; the text is cut before them.")
    seed: int | None = Field(None, ge=0, le=MAX_SEED, description="Random seed; the same seed gives the same output.")
    n: int = Field(1, ge=1, le=16, description="Number of candidates to return per prompt.")

    @field_validator("stop", mode="before")
    @classmethod
    def _stop_as_list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        return value

    @field_validator("stop")
    @classmethod
    def _stop_not_empty(cls, value: list[str]) -> list[str]:
        if any(s == "" for s in value):
            raise ValueError("stop strings must be non-empty")
        # transformers' stop-string table grows with vocabulary x stop length: four stops of
        # 4,000 characters took 5 GB.
        if any(len(s) > MAX_STOP_CHARS for s in value):
            raise ValueError(f"each stop string may have at most {MAX_STOP_CHARS} characters")
        return value

    @field_validator("n")
    @classmethod
    def _n_fits(cls, n: int, info: ValidationInfo) -> int:
        check_candidates(n, info.data.get("num_beams", 1), info.data.get("temperature", 0.7))
        return n

    @property
    def rows(self) -> int:
        """Sequences decoded per prompt (what a batch really holds)."""
        return max(self.n, self.num_beams)

    @property
    def greedy(self) -> bool:
        return self.temperature < GREEDY_BELOW

    def to_generation_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``model.generate`` / ``GenerationConfig``."""
        kw: dict[str, Any] = {
            "max_new_tokens": self.max_new_tokens,
            "num_beams": self.num_beams,
            "repetition_penalty": self.repetition_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
        }
        if self.num_beams > 1:
            kw["length_penalty"] = self.length_penalty
            kw["early_stopping"] = True
        if self.greedy:
            kw["do_sample"] = False
        else:
            kw.update(
                do_sample=True,
                temperature=self.temperature,
                top_k=self.top_k or None,
                top_p=self.top_p,
                min_p=self.min_p or None,
                typical_p=self.typical_p,
            )
        return kw


def field_range(cls: type[BaseModel], name: str) -> tuple[float | None, float | None, str]:
    """A numeric field's bounds and how to say them ("0-2", "(0, 1]"): CLI help and page sliders
    take their ranges from the model, so they can't drift from what validation accepts."""
    lo = hi = None
    lo_open = hi_open = False
    for rule in cls.model_fields[name].metadata:
        for attr, open_ in (("ge", False), ("gt", True), ("le", False), ("lt", True)):
            value = getattr(rule, attr, None)
            if value is None:
                continue
            if attr in ("ge", "gt"):
                lo, lo_open = value, open_
            else:
                hi, hi_open = value, open_
    if lo is None and hi is None:
        return None, None, ""

    def say(v: float | None) -> str:
        return "" if v is None else str(v) if isinstance(v, int) else f"{v:g}"

    if not lo_open and not hi_open and lo is not None and hi is not None:
        return lo, hi, f"{say(lo)} to {say(hi)}"
    return lo, hi, f"{'(' if lo_open else '['}{say(lo)}, {say(hi)}{')' if hi_open else ']'}"


def load_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping with a clear error for a missing file or bad syntax."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}", field="config")
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(err, 'problem', err)})", field="config") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level", field="config")
    return data


def parse_override(item: str) -> tuple[list[str], Any]:
    """Parse ``key.sub=value`` (value read as YAML, so numbers/bools/lists work)."""
    if "=" not in item:
        raise ConfigError(f"override {item!r} must look like key=value (e.g. train.learning_rate=1e-4)", field="set")
    key, raw = item.split("=", 1)
    value = yaml.safe_load(raw) if raw.strip() else ""
    if isinstance(value, str):  # YAML 1.1 reads "3e-4" as a string
        try:
            value = float(value)
        except ValueError:
            pass
    return key.strip().split("."), value


def apply_overrides(data: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """Apply ``key.sub=value`` overrides onto a nested dict (returns a new dict)."""
    import copy

    data = copy.deepcopy(data)
    for item in overrides:
        keys, value = parse_override(item)
        node = data
        for k in keys[:-1]:
            node = node.setdefault(k, {})
            if not isinstance(node, dict):
                raise ConfigError(f"override {item!r}: '{k}' is not a section", field=".".join(keys))
        node[keys[-1]] = value
    return data


DeviceName = Literal["auto", "cpu", "cuda", "mps"]


class DataConfig(StrictModel):
    """What to train on and how to turn it into token sequences."""

    source: str = Field(..., description="bundled:NAME, hf:ORG/NAME, or a path (.txt file/folder, .csv, .jsonl, .json, .parquet).")
    format: Literal["auto", "text", "completion", "chat", "recipe", "humanizer"] = Field(
        "auto", description="How records become training text; 'auto' guesses from the fields.")
    columns: list[str] | None = Field(None, description="Tabular sources: columns to keep (each must exist).")
    text_column: str = Field("text", description="Field holding the text (format 'text').")
    prompt_column: str = Field("prompt", description="Field holding the prompt (format 'completion'). A name other "
                               "than 'prompt' selects format 'completion' when format is 'auto' (completion_column "
                               "keeps its default unless set); with another format it is an error.")
    completion_column: str = Field("completion", description="Field holding the completion (format 'completion'). A name "
                                   "other than 'completion' selects format 'completion' when format is 'auto'; with "
                                   "another format it is an error.")
    chat_template: bool = Field(False, description="Wrap prompt/completion pairs in the tokenizer's chat template.")
    hf_config: str | None = Field(None, description="Hugging Face data set configuration.")
    hf_split: str = Field("train", description="Hugging Face split to load.")
    max_records: int | None = Field(None, ge=1, description="Use only the first N records (quick runs).")
    val_fraction: float = Field(0.1, ge=0.0, lt=0.9, description="Share of examples held out for validation.")
    val_source: str | None = Field(None, description="Separate validation source (overrides val_fraction).")
    seed: int = Field(42, description="Seed for the validation split and shuffling.")
    dedup: bool = Field(True, description="Drop exact duplicate examples.")
    min_chars: int = Field(1, ge=0, description="Drop examples shorter than this many characters.")
    max_chars: int | None = Field(None, ge=1, description="Drop examples longer than this many characters.")
    block_size: int = Field(512, ge=8, le=32768, description="Tokens per packed block (format 'text', or when packing).")
    max_length: int = Field(512, ge=8, le=32768, description="Longest example in tokens; longer ones are truncated.")
    packing: bool | None = Field(None, description="Concatenate examples into full blocks (default: on for 'text', off otherwise).")
    add_special_tokens: list[str] = Field(default_factory=list, description="New special tokens to add (e.g. '[END]'); embeddings are resized.")
    new_token_init: Literal["mean", "eos"] = Field(
        "mean", description="Start new tokens' embeddings at the mean embedding, or at the end-of-text token's "
        "(for end markers like [END]: the model then ends where it would have stopped anyway and learns the marker fast).")
    augment: dict[str, Any] = Field(default_factory=dict, description="Format-specific augmentation (humanizer: "
                                    "{'natural': N, 'chitchat': N} formalizer pairs, verified by construction).")
    verify_pairs: bool = Field(False, description="Humanizer format: drop formal/natural pairs whose rewrite changes a "
                               "claim (numbers, qualifiers, negation, modality, times ... per tunesmith.claims).")

    @model_validator(mode="before")
    @classmethod
    def _columns_pick_completion(cls, data: Any) -> Any:
        # Naming a prompt or completion field says the data is prompt/completion pairs: 'auto'
        # would look for the default names and miss them. (A default value, as every saved
        # config.yaml holds, names nothing.)
        if isinstance(data, dict) and data.get("format", "auto") == "auto" and any(
                data.get(name, cls.model_fields[name].default) != cls.model_fields[name].default
                for name in ("prompt_column", "completion_column")):
            data = {**data, "format": "completion"}
        return data

    @field_validator("prompt_column", "completion_column")
    @classmethod
    def _columns_need_completion(cls, value: str, info: ValidationInfo) -> str:
        fmt = info.data.get("format")  # (declared earlier, so already validated)
        if value != cls.model_fields[info.field_name].default and fmt not in (None, "completion"):
            raise ValueError(f"only format 'completion' reads {info.field_name}, but data.format is '{fmt}': "
                             f"drop data.{info.field_name} or set data.format to completion (or auto)")
        return value


class LoraSettings(StrictModel):
    r: int = Field(16, ge=1, le=1024, description="LoRA rank.")
    alpha: int = Field(32, ge=1, description="LoRA scaling numerator (scale = alpha / r).")
    dropout: float = Field(0.05, ge=0.0, lt=1.0, description="Dropout on the LoRA path.")
    target_modules: list[str] | Literal["auto"] = Field("auto", description="Module names to adapt; 'auto' picks per architecture.")


class TrainSettings(StrictModel):
    learning_rate: float = Field(2e-4, gt=0, le=1.0, description="Peak learning rate (AdamW).")
    epochs: float = Field(1.0, gt=0, description="Passes over the training set (ignored when max_steps > 0).")
    max_steps: int = Field(-1, ge=-1, description="Stop after this many optimizer steps (-1 = use epochs).")

    @field_validator("max_steps")
    @classmethod
    def _steps_or_epochs(cls, v: int) -> int:
        if v == 0:  # (the Trainer ran 1 step for 0)
            raise ValueError("max_steps must be at least 1, or -1 to train for `epochs`")
        return v
    max_seconds: float | None = Field(None, gt=0, description="Time budget: stop (after a checkpoint) once training "
                                      "has run this many seconds, across resumes (evaluation and samples not counted).")
    batch_size: int = Field(8, ge=1, description="Examples per device per step.")
    grad_accum: int = Field(1, ge=1, description="Gradient accumulation steps.")
    warmup_ratio: float = Field(0.05, ge=0.0, lt=1.0, description="Share of steps with linear warm-up.")
    # (transformers' schedulers that need no extra arguments; the others fail only after loading)
    lr_scheduler: Literal["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
                          "inverse_sqrt"] = Field("cosine", description="Learning-rate schedule after warm-up.")
    weight_decay: float = Field(0.0, ge=0.0, description="AdamW weight decay.")
    optimizer: Literal["adamw", "muon"] = Field("adamw", description="'muon': Muon (Jordan et al. 2024) for 2-D "
                                                "hidden weight matrices, AdamW for embeddings, head, norms and "
                                                "biases; one learning rate (Muon's update is RMS-matched to AdamW's).")
    max_grad_norm: float = Field(1.0, gt=0, description="Gradient clipping norm.")
    gradient_checkpointing: bool = Field(False, description="Trade compute for memory.")
    precision: Literal["auto", "fp32", "bf16", "fp16"] = Field("auto", description="auto: bf16 where the hardware supports it, else fp32.")
    eval_steps: int = Field(50, ge=1, description="Evaluate (and write samples/plot) every N steps.")
    save_steps: int | None = Field(None, ge=1, description="Checkpoint every N steps (default: eval_steps).")
    save_total_limit: int = Field(2, ge=1, description="Checkpoints kept on disk (the best is always kept).")
    logging_steps: int = Field(10, ge=1, description="Log training loss every N steps.")
    early_stopping_patience: int | None = Field(None, ge=1, description="Stop after N evaluations without improvement.")
    seed: int = Field(42, ge=0, le=2**32 - 1, description="Training seed (numpy's range).")
    report_to: list[str] = Field(default_factory=list, description="Extra trackers: tensorboard, wandb, mlflow.")
    num_workers: int = Field(0, ge=0, description="DataLoader workers.")
    seq_len_warmup_steps: int = Field(0, ge=0, description="Curriculum: grow the training sequence length "
                                      "linearly from seq_len_start to the full length over this many steps "
                                      "(short, cheap sequences first; Li et al. 2022).")
    seq_len_start: int = Field(16, ge=2, description="Curriculum: the first steps' sequence length.")
    distill_from: str | None = Field(None, description="Knowledge distillation: a teacher model (registry name, "
                                     "HF id, dir) with the student's tokenizer; the loss mixes KL to its softened "
                                     "predictions with the usual next-token loss (Hinton et al. 2015).")
    distill_alpha: float = Field(0.5, ge=0.0, le=1.0, description="Share of the distillation (KL) term.")
    distill_temperature: float = Field(2.0, gt=0, le=20, description="Softmax temperature for teacher and student.")


class SampleSettings(StrictModel):
    prompts: list[str] = Field(default_factory=list, description="Fixed prompts generated at each evaluation (samples.md).")
    max_new_tokens: int = Field(64, ge=1, le=1024)
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    repetition_penalty: float = Field(1.0, ge=1.0, le=2.0, description="Small models loop under greedy decoding.")
    no_repeat_ngram_size: int = Field(0, ge=0, le=20)
    stop: list[str] = Field(default_factory=list)


class ArchitectureSettings(StrictModel):
    """A model trained from scratch (``tunesmith pretrain``): family, tokenizer and shape."""

    family: Literal["char-rnn", "word-lstm", "transformer", "gpt"] = Field(..., description="Model family.")
    tokenizer: str = Field("char", description="'char' or 'word' (built from the training text and saved in the "
                           "run dir), or an existing tokenizer (registry name, HF id, model dir).")
    vocab_size: int = Field(10_000, ge=16, le=1_000_000, description="Word tokenizer: most frequent words kept.")
    min_freq: int = Field(1, ge=1, description="Word tokenizer: words seen fewer times become <unk>.")
    settings: dict[str, Any] = Field(default_factory=dict, description="The family's config fields, e.g. "
                                     "{n_layer: 4, n_head: 4, n_embd: 128, block_size: 256} or {cell: gru, "
                                     "n_layer: 2, hidden_size: 512}.")


class RunConfig(StrictModel):
    """Everything a training run needs; saved as config.yaml in the run dir."""

    model: str = Field("smollm2-135m-instruct", description="Base model: registry name, HF id or model dir "
                       "(ignored when 'architecture' trains a new model from scratch).")
    method: Literal["lora", "full"] = Field("lora", description="LoRA adapter or full fine-tuning.")
    output: str = Field("runs/run", description="Run directory.")
    architecture: ArchitectureSettings | None = Field(None, description="Train a new model from scratch instead "
                                                      "of fine-tuning 'model' (method must be 'full').")
    data: DataConfig
    lora: LoraSettings = Field(default_factory=LoraSettings)
    train: TrainSettings = Field(default_factory=TrainSettings)
    samples: SampleSettings = Field(default_factory=SampleSettings)

    @model_validator(mode="after")
    def _scratch_is_full(self) -> "RunConfig":
        if self.architecture is not None and self.method != "full":
            raise ValueError("a model trained from scratch ('architecture') needs method: full")
        return self


def load_run_config(path: str | Path | None = None, overrides: list[str] | None = None,
                    **flags: Any) -> RunConfig:
    """Load a YAML preset, apply ``key=value`` overrides and flag values, validate.

    Args:
        path: YAML file (optional when everything comes from overrides).
        overrides: ``key.sub=value`` strings (``--set``).
        flags: Shortcut flags; ``None`` values are ignored (``model``, ``output``, ``data`` ->
            data.source, ``max_steps``, ``epochs``).
    """
    data = load_yaml(path) if path else {}
    shortcut = {"model": "model", "output": "output", "data": "data.source", "max_steps": "train.max_steps",
                "epochs": "train.epochs"}
    items = list(overrides or [])
    data = apply_overrides(data, items)
    for key, value in flags.items():
        if value is None:
            continue
        node = data
        parts = shortcut[key].split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    if "data" not in data:
        raise ConfigError("no training data: set data.source in the config or pass --data PATH", field="data.source")
    return build(RunConfig, data)
