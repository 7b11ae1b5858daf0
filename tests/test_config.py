import pytest

from tunesmith.config import SamplingParams, apply_overrides, build, load_yaml
from tunesmith.errors import ConfigError


def test_sampling_defaults_and_mapping():
    p = SamplingParams()
    kw = p.to_generation_kwargs()
    assert kw["do_sample"] is True and kw["temperature"] == 0.7 and kw["top_k"] is None
    g = SamplingParams(temperature=0, num_beams=4, length_penalty=0.5).to_generation_kwargs()
    assert g["do_sample"] is False and "temperature" not in g and g["num_beams"] == 4 and g["length_penalty"] == 0.5


@pytest.mark.parametrize(
    "field,value",
    [("temperature", -0.1), ("temperature", 2.5), ("top_p", 0.0), ("top_p", 1.5), ("max_new_tokens", 0),
     ("num_beams", 0), ("repetition_penalty", 0.5), ("n", 100), ("min_p", 1.0), ("stop", [""])],
)
def test_sampling_validation_names_field(field, value):
    with pytest.raises(ConfigError) as info:
        build(SamplingParams, {field: value})
    assert info.value.field == field
    assert field in info.value.message


def test_unknown_sampling_field_is_rejected():
    with pytest.raises(ConfigError, match="unknown setting"):
        build(SamplingParams, {"temprature": 0.5})


def test_stop_accepts_single_string():
    assert SamplingParams(stop="[END]").stop == ["[END]"]


def test_overrides_nested_and_typed():
    data = apply_overrides({"train": {"lr": 1e-4}}, ["train.lr=3e-4", "train.epochs=2", "data.path=x.txt"])
    assert data == {"train": {"lr": 3e-4, "epochs": 2}, "data": {"path": "x.txt"}}
    with pytest.raises(ConfigError, match="key=value"):
        apply_overrides({}, ["novalue"])


def test_load_yaml_errors(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_yaml(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\nb: 3\n")
    with pytest.raises(ConfigError, match=r"bad.yaml:\d+"):
        load_yaml(bad)
