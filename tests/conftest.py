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
    """The real bundled model on the default path (packed weights, precise activations)."""
    from tunesmith.generate import Generator

    return Generator()


@pytest.fixture(scope="session")
def tiny_adapter(tmp_path_factory, tiny):
    """A LoRA adapter for the tiny model whose update is far from zero (random A and B)."""
    from peft import LoraConfig, get_peft_model

    from tunesmith.models import load_model

    model = load_model("tiny-random").model
    cfg = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "up_proj", "down_proj"],
                     init_lora_weights=False)
    peft_model = get_peft_model(model, cfg)
    import torch

    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.mul_(20)
    path = tmp_path_factory.mktemp("adapter")
    peft_model.save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def kernel_builds():
    """Build every kernel path this CPU runs at once, one process each: a fresh clone compiles
    two or three paths, ~35 s each, and one after another they leave a core idle. A failed build
    is not hidden: the test that loads that path builds it again and reports the error."""
    import subprocess
    import sys

    from tunesmith import kernels

    code = "import sys; from tunesmith import kernels; kernels.load(sys.argv[1])"
    builds = [subprocess.Popen([sys.executable, "-c", code, path], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) for path in kernels.cpu_paths()]
    for build in builds:
        build.wait()


@pytest.fixture(params=["avx512", "avxvnni", "avx2", "torch"])
def kernel_path(request, monkeypatch, kernel_builds):
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
