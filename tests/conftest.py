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


@pytest.fixture(params=["avx512", "avxvnni", "avx2", "torch"])
def kernel_path(request, monkeypatch):
    """Run a test once per kernel path this CPU can execute, and once on torch's kernels.

    Skips name the missing CPU feature (shown in the summary: pytest runs with -ra).
    """
    import shutil

    from tunesmith import kernels

    path = request.param
    if path != "torch":
        missing = kernels.missing_features(path)
        if missing:
            pytest.skip(f"{path} kernels: CPU lacks {', '.join(missing)}")
        if shutil.which("c++") is None and shutil.which("g++") is None:
            pytest.skip(f"{path} kernels: no C++ compiler")
    monkeypatch.setenv("TUNESMITH_KERNELS", "0" if path == "torch" else path)
    monkeypatch.setattr(kernels, "_state", {})
    if path != "torch":
        assert kernels.active() == path, kernels.why_unavailable()
    yield path
    kernels.reset()
