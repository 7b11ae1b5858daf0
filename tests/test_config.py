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


def test_page_and_cli_sampling_controls_come_from_sampling_params():
    """Every page slider's ends are values SamplingParams accepts, every field but n has a page
    control, and the CLI help states each field's range: neither can drift from validation."""
    import gradio as gr
    from typer.testing import CliRunner

    from tunesmith.cli import app
    from tunesmith.config import SamplingParams, field_range
    from tunesmith.ui import PAGE_SAMPLING, sampling_control

    assert set(PAGE_SAMPLING) == set(SamplingParams.model_fields) - {"n"}
    for name in PAGE_SAMPLING:
        control = sampling_control(name, max_new_tokens=512)
        if isinstance(control, gr.Slider):
            for end in (control.minimum, control.maximum, control.value):
                value = int(end) if SamplingParams.model_fields[name].annotation is int else end
                extra = {"temperature": 0.5} if name == "num_beams" else {}
                SamplingParams(**{name: value, **extra})  # raises if the page offers an invalid value
    assert sampling_control("max_new_tokens", max_new_tokens=300).maximum == 300
    assert field_range(SamplingParams, "top_p")[2] == "(0, 1]" and field_range(SamplingParams, "temperature")[2] == "0 to 2"
    help_text = " ".join(CliRunner().invoke(app, ["generate", "--help"], env={"COLUMNS": "400"}).output.split())
    for name in ("temperature", "top_p", "min_p", "num_beams", "max_new_tokens"):
        assert f"Range {field_range(SamplingParams, name)[2]}." in help_text, name


def test_max_steps_zero_is_refused_with_what_to_use():
    from tunesmith.config import TrainSettings
    from tunesmith.errors import TunesmithError
    from tunesmith.config import build

    with pytest.raises(TunesmithError, match="max_steps.*at least 1, or -1"):
        build(TrainSettings, {"max_steps": 0})
    assert build(TrainSettings, {"max_steps": -1}).max_steps == -1


def test_a_prompt_column_with_another_format_is_refused_naming_the_field():
    from tunesmith.config import RunConfig, load_run_config

    with pytest.raises(ConfigError) as err:
        load_run_config(overrides=["data.source=d.jsonl", "data.format=text", "data.prompt_column=question"])
    assert err.value.field == "data.prompt_column"
    assert "drop data.prompt_column or set data.format to completion" in err.value.message
    assert load_run_config(overrides=["data.source=d.jsonl", "data.completion_column=answer"]).data.format == "completion"
    # a saved config.yaml holds every default column name: it loads back as it was
    for fmt in ("auto", "text", "chat"):
        saved = load_run_config(overrides=["data.source=d.jsonl", f"data.format={fmt}"]).model_dump(mode="json")
        assert build(RunConfig, saved).data.format == fmt


def test_a_vanishing_temperature_is_greedy_decoding():
    """temperature=2.9e-303 passed the schema and divided float32 scores into inf/NaN (a 500)."""
    from tunesmith.config import SamplingParams

    assert build(SamplingParams, {"temperature": 2.9e-303}).greedy
    assert build(SamplingParams, {"temperature": 1e-7}).greedy and not build(SamplingParams, {"temperature": 1e-5}).greedy
    assert build(SamplingParams, {"temperature": 1e-300}).to_generation_kwargs()["do_sample"] is False


def test_a_boolean_for_a_number_is_called_a_boolean_and_union_tags_stay_out_of_the_field():
    from tunesmith.config import RunConfig

    with pytest.raises(ConfigError, match=r"invalid value for 'temperature' .*true is not a number"):
        build(SamplingParams, {"temperature": True})
    with pytest.raises(ConfigError) as err:
        build(RunConfig, {"model": "tiny-random", "data": {"source": "x.txt"}, "lora": {"target_modules": 5}})
    assert err.value.field == "lora.target_modules"
