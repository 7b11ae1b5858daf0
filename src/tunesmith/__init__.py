"""tunesmith: fine-tune, evaluate, generate with and serve small language models on your own text."""

from __future__ import annotations

__version__ = "0.1.0"

import warnings

# peft reads `model.is_gradient_checkpointing`, which transformers 5 deprecates with a FutureWarning
# on every adapter load: noise in every `tunesmith humanize` and `generate --adapter` output, and
# nothing a user can act on.
warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)

from .config import SamplingParams
from .errors import TunesmithError
from .models import DEFAULT_MODEL, load_model

__all__ = ["__version__", "DEFAULT_MODEL", "SamplingParams", "TunesmithError", "load_model", "Generator",
           "Humanizer", "fit", "evaluate_model"]


def __getattr__(name: str):
    # Lazy: importing tunesmith must stay cheap (CLI start-up, --help).
    if name == "Generator":
        from .generate import Generator
        return Generator
    if name == "Humanizer":
        from .humanize import Humanizer
        return Humanizer
    if name == "fit":
        from .train import fit
        return fit
    if name == "evaluate_model":
        from .evaluate import evaluate_model
        return evaluate_model
    raise AttributeError(name)
