import os

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def tiny():
    """A tiny random llama + the bundled tokenizer, loaded once per session."""
    from tunesmith.models import load_model

    return load_model("tiny-random")


@pytest.fixture(scope="session")
def tiny_generator(tiny):
    from tunesmith.generate import Generator

    return Generator(tiny, quantize="none")


@pytest.fixture(scope="session")
def real_generator():
    """The real bundled model on the default (fast) path."""
    from tunesmith.generate import Generator

    return Generator()
